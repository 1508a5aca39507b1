"""流程路径须有时限保证 A path under a limit has a bound

## What it does
For every enforced regulatory limit from one event to another, reports a path
of the process between them whose end has no latest date, so the limit cannot
be guaranteed: a stage on it has no deadline and a later deadline counts from
its event (for example a decision counted from registration, when registration
has no deadline); a deadline counts from an event that someone outside the
company brings about (`party`, such as complete material from the
complainant); a deadline counts from an event the path does not pass; or a
deadline stops its clock for a pause (`pauses`) that the limit does not allow.
The message names the path and the stage at fault.

## Why
A regulatory limit is owed on every path, including the slow ones: "decide
within 15 days of complete material" can end any time after "15 days from
receipt" when the complainant takes a month to send the material.

## Example
```yaml
# limit: 15 calendar_days from ev-receipt to ev-decision
  - id: stage-decision
    starts: ev-complete
    produces: ev-decision
    deadline: {amount: 15, unit: calendar_days, from: ev-complete}
```

## Use instead
```yaml
    deadline: {amount: 15, unit: calendar_days, from: ev-receipt}
```

## Options
- `confidence` (list, default `["confirmed", "likely"]`): which limits are enforced.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import N_, _
from handbook.problem import Finding
from handbook.timeline import results

from .deadline_within_limit import enforced
from .timeline_within_limit import limit_text

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "TML002"
NAME = "timeline-unbounded"
TITLE = "流程路径须有时限保证 A path under a limit has a bound"
SEVERITY = "error"
WAIVABLE = False
# translated where it is shown
WAIVER_NOTE = N_("it is a breach of a regulatory limit, which no internal approval can excuse")
OPTIONS: dict[str, Any] = {"confidence": ["confirmed", "likely"]}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for r in results(model):
        if not enforced(r.limit, options):
            continue
        seen: set[tuple[str, str]] = set()
        for path, why in r.unbounded:
            if (why.stage.id, why.reason) in seen:
                continue  # one report per stage and cause, with the first path that shows it
            seen.add((why.stage.id, why.reason))
            line, col = why.stage.pos()
            deadline = why.stage.get("deadline")
            if isinstance(deadline, dict) and deadline.get("from") is not None:
                line, col = why.stage.file.loaded.key_pos(deadline, "from", value=True)
            message = _("limit {limit} cannot be guaranteed on the path {path}: {reason}")
            yield Finding(why.stage.path, line, col, message.format(
                limit=limit_text(r.limit), path=path.describe(model), reason=why.reason), item=why.stage.id)
