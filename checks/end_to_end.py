"""各环节合计不得超过全流程时限 Stages fit the end-to-end limit

## What it does
For every end-to-end span (`end_to_end` in the complaints file), follows the
stages from the span's end event back to its start event, runs their deadlines
one after another from every start date in the calendar's covered years, and
reports when the stages together can end after the span's own deadline; it
names the worst start date. Also reports a span whose end cannot be traced back
to its start through the stages.

## Why
Each stage may fit its own deadline while the process as a whole misses the
regulator's: acceptance within 5 days and a decision within 12 more days
overrun a 15-day limit.

## Example
```yaml
stages:
  - {id: stage-accept, deadline: {amount: 10, unit: working_days, from: ev-complete}}
  - {id: stage-decide, deadline: {amount: 10, unit: calendar_days, from: ev-accepted}}
end_to_end:
  - {id: span-simple, to: ev-decided, deadline: {amount: 15, unit: calendar_days, from: ev-complete}}
```

## Use instead
```yaml
  - {id: stage-accept, deadline: {amount: 5, unit: calendar_days, from: ev-complete}}
  - {id: stage-decide, deadline: {amount: 15, unit: calendar_days, from: ev-complete}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import N_, _
from handbook.periods import Undecidable, period, show, worst_overrun
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "SEQ002"
NAME = "stages-fit-end-to-end"
TITLE = "各环节合计不得超过全流程时限 Stages fit the end-to-end limit"
SEVERITY = "error"
# the regulator's limit is owed whatever the company approves
WAIVABLE = False
# translated where it is shown
WAIVER_NOTE = N_("it is a breach of a regulatory limit, which no internal approval can excuse")
OPTIONS: dict[str, Any] = {}


def chain(model: Model, start: Any, end: Any) -> tuple[list[Item] | None, Item | None]:
    """Stages leading from event ``start`` to event ``end``, in order, and None. When there is
    no such path: None, and the stage that breaks it by having no deadline (None if the path
    breaks otherwise: an event no stage produces, or a loop)."""
    out: list[Item] = []
    event: Any = end  # an event id as the policy wrote it
    seen: set[str] = set()
    while event != start:
        ev = model.get(event, "event")
        stage = model.get(ev.get("after"), "stage") if ev is not None else None
        if stage is None or stage.id in seen:
            return None, None
        deadline = stage.get("deadline")
        if not isinstance(deadline, dict):
            return None, stage  # a stage with no deadline: the path exists but cannot be counted
        seen.add(stage.id)
        out.append(stage)
        event = deadline.get("from")
    return out[::-1], None


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    cal = model.calendar()
    if cal is None:
        return
    for span in model.of("span"):
        deadline = span.get("deadline")
        limit = period(deadline)
        if limit is None:
            continue
        stages, undated = chain(model, deadline.get("from"), span.get("to"))
        if undated is not None:
            # pointed at the stage, where the deadline is missing (the span itself is fine)
            yield Finding(undated.path, *undated.pos(),
                          _("span '{span}': stage '{stage}' ({title}) has no deadline, so the stages from '{start}' "
                            "to '{end}' cannot be added up: give the stage a deadline").format(
                              span=span.id, stage=undated.id, title=undated.title, start=deadline.get("from"),
                              end=span.get("to")), item=span.id)
            continue
        if stages is None:
            yield Finding(span.path, *span.pos("to"),
                          _("span '{span}': no sequence of stages leads from '{start}' to '{end}' (each stage's "
                            "event must name the stage in 'after')").format(
                              span=span.id, start=deadline.get("from"), end=span.get("to")), item=span.id)
            continue
        periods = [period(s.get("deadline")) for s in stages]
        if any(p is None for p in periods):
            continue
        try:
            over = worst_overrun(cal, periods, limit, model.public_calendar())  # type: ignore[arg-type]
        except Undecidable as exc:
            yield Finding(span.path, *span.pos("deadline"), _("span '{span}' ({limit}): its stages {reason}").format(
                span=span.id, limit=show(limit), reason=exc), item=span.id)
            continue
        if over is not None:
            steps = " + ".join(f"{s.id} ({show(p)})"  # type: ignore[arg-type]
                               for s, p in zip(stages, periods, strict=True))
            yield Finding(span.path, *span.pos("deadline"),
                          _("span '{span}' ({limit}): the stages {steps} can end after it: counted from {start} they "
                            "end {due}, the span ends {limit_due} ({days} days late)").format(
                              span=span.id, limit=show(limit), steps=steps, start=over.start, due=over.due,
                              limit_due=over.limit_due, days=over.days), item=span.id)
