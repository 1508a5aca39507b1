"""时限须受监管时限约束 Deadlines from a limit's event are held to a limit

## What it does
Reports a stage whose deadline counts from an event a regulatory limit covers
(its start, or any event on one of its paths), when the stage lies on no path
of any enforced limit and its deadline names no limit in `bounded_by`: nothing
holds it to the regulator's time.
Also reports an enforced limit binding the company that no path of stages and
no `bounded_by` deadline holds (nothing in the policies answers to it). (A limit
whose paths are too many to check is TML004.)

## Why
A stage that starts from the same event as a 15-day limit but sits outside the
process the limit covers (a side branch that never reaches the limit's end) can
promise 20 working days without any check noticing.

## Example
```yaml
# limit: 15 calendar_days from ev-receipt to ev-decision
  - id: stage-request
    starts: ev-receipt
    produces: ev-requested          # no path from here to ev-decision
    deadline: {amount: 20, unit: working_days, from: ev-receipt}
```

## Use instead
```yaml
    deadline: {amount: 5, unit: working_days, from: ev-receipt, bounded_by: [lim-material-5wd]}
```

## Options
- `confidence` (list, default `["confirmed", "likely"]`): which limits are enforced.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding
from handbook.timeline import results

from .deadline_within_limit import enforced
from .timeline_within_limit import limit_text

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "TML003"
NAME = "timeline-coverage"
TITLE = "时限须受监管时限约束 Deadlines from a limit's event are held to a limit"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"confidence": ["confirmed", "likely"]}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    held: set[str] = set()  # stages on a path of an enforced limit
    starts: dict[str, list[str]] = {}  # event -> enforced limits whose paths pass it (or start there)
    bounded: set[str] = set()  # limits some deadline names in bounded_by
    for ref in model.refs:
        if ref.kind == "limit" and isinstance(ref.target, str):
            bounded.add(ref.target)
    for r in results(model):
        if not enforced(r.limit, options):
            continue
        if r.too_many:
            continue  # TML004
        covered = {str(r.limit.get("from"))}
        for path in r.paths:
            held.update(s.id for s in path.stages)
            covered.update(str(s.get("produces")) for s in path.stages[:-1])
        for event in covered:
            starts.setdefault(event, []).append(r.limit.id)
        if not r.paths and r.limit.id not in bounded:
            yield Finding(r.limit.path, *r.limit.pos("to"), _(
                "limit {limit} holds nothing: no stages lead from '{start}' to '{end}' and no deadline names it "
                "in bounded_by").format(limit=limit_text(r.limit), start=r.limit.get("from"),
                                        end=r.limit.get("to")), item=r.limit.id)
    for stage in model.of("stage"):
        deadline = stage.get("deadline")
        if not isinstance(deadline, dict) or stage.id in held or deadline.get("bounded_by"):
            continue
        limits = starts.get(str(deadline.get("from")))
        if limits:
            line, col = stage.file.loaded.key_pos(deadline, "from", value=True)
            yield Finding(stage.path, line, col, _(
                "'{stage}' counts from '{event}', an event the limits {limits} cover, but lies on none of their "
                "paths and names no limit in bounded_by: nothing holds it to the regulator's time").format(
                    stage=stage.id, event=deadline.get("from"), limits=", ".join(limits)), item=stage.id)
