"""每条流程路径须在监管时限内 Every path of a process ends within the limit

## What it does
For every regulatory limit that runs `from` one event `to` another (in the
regulations file), lays out every path of the complaint process from the first
event to the second whose conditions (`when`) agree with the limit's, counts
each stage's deadline from its own `from` event on that path, one after the
other, and reports a stage that can be due after the limit ends. Every start
date in the calendar's covered years is tried; the message names the path (its
stages and conditions), the worst start date and both due dates. Company
deadlines are counted on the company calendar, limits on the statutory one.

A path that reaches the limit's end only through stages with no bound is
TML002; this rule reports the dates.

Against a limit counted by the clock (seconds, minutes, hours, working hours)
the deadlines are added up exactly, on any start; a deadline counted otherwise
(in days, or business hours against elapsed hours) cannot be added to it and is
reported as not comparable, never passed. Against a limit in days, periods
shorter than a day are rounded up to the day.

Limits of a repealed regulation, limits binding the customer (`binds:
customer`) and limits whose `confidence` is not in the `confidence` option are
not enforced.

## Why
Each stage may look short while the process as a whole misses the regulator's
limit: a decision due 15 days after complete material comes later than 15 days
after receipt whenever material is asked for; 10 working days run past 15
calendar days around a long holiday.

## Example
```yaml
# limit: 15 calendar_days from ev-receipt to ev-decision
stages:
  - id: stage-request
    starts: ev-receipt
    produces: ev-requested
    deadline: {amount: 20, unit: working_days, from: ev-receipt}
```

## Use instead
```yaml
    deadline: {amount: 5, unit: working_days, from: ev-receipt}
```

## Options
- `confidence` (list, default `["confirmed", "likely"]`): which limits are enforced.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import N_, _
from handbook.periods import cite, period, show, show_seconds
from handbook.problem import Finding
from handbook.timeline import results

from .deadline_within_limit import enforced

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "TML001"
NAME = "timeline-within-limit"
TITLE = "每条流程路径须在监管时限内 Every path of a process ends within the limit"
SEVERITY = "error"
# the regulator's limit is owed whatever the company approves
WAIVABLE = False
# translated where it is shown
WAIVER_NOTE = N_("it is a breach of a regulatory limit, which no internal approval can excuse")
OPTIONS: dict[str, Any] = {"confidence": ["confirmed", "likely"]}


def limit_text(limit: Item) -> str:
    """"lim-x (15 日（自然日）, 银保监会令2020年第3号, 'ev-received' → 'ev-decided')" for messages."""
    p = period(limit.data)
    return _("{limit} ({period}, {source}, from '{start}' to '{end}')").format(
        limit=limit.id, period=show(p) if p else "?", source=cite(limit), start=limit.get("from"),
        end=limit.get("to"))


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for r in results(model):
        if not enforced(r.limit, options):
            continue
        if r.undecidable is not None:
            yield Finding(r.limit.path, *r.limit.pos("amount"),
                          _("limit {limit}: its paths cannot be compared with it: {reason}").format(
                              limit=limit_text(r.limit), reason=r.undecidable), item=r.limit.id)
        for path, stage, chain, over in r.exceeds.values():
            deadline = stage.get("deadline")
            line, col = stage.file.loaded.key_pos(deadline, "amount", value=True)
            yield Finding(stage.path, line, col, _(
                "'{stage}' can be due after the limit {limit} on the path {path}: counted by the clock, the "
                "deadlines up to it add up to {steps}, {over} longer than the limit").format(
                    stage=stage.id, limit=limit_text(r.limit), path=path.describe(model),
                    steps=" + ".join(show(p) for p in chain), over=show_seconds(over)), item=stage.id)
        for path, stage, reason in r.incomparable.values():
            deadline = stage.get("deadline")
            line, col = stage.file.loaded.key_pos(deadline, "unit", value=True)
            message = _("'{stage}' on the path {path}, against the limit {limit}: {reason}")
            yield Finding(stage.path, line, col, message.format(
                stage=stage.id, path=path.describe(model), limit=limit_text(r.limit), reason=reason), item=stage.id)
        for path, stage, start, due, limit_due in r.overruns.values():
            deadline = stage.get("deadline")
            line, col = stage.file.loaded.key_pos(deadline, "amount", value=True)
            yield Finding(stage.path, line, col, _(
                "'{stage}' ({period} from '{event}') can be due after the limit {limit} on the path {path}: "
                "counted from {start}, it is due {due} but the limit ends {limit_due} ({days} days late; worst "
                "start date in the calendar's years)").format(
                    stage=stage.id, period=show(period(deadline) or (0, "?")), event=deadline.get("from"),
                    limit=limit_text(r.limit), path=path.describe(model), start=start, due=due,
                    limit_due=limit_due, days=(due - limit_due).days), item=stage.id)
