"""全天候渠道不按工作时间计时 A 24x7 promise is not counted in working time

## What it does
Reports a standard whose target is counted in working time (its deadline, or a
percentile target's `within`, in a unit counted on working hours or working
days) while it applies (`channels`) to a channel that is open 24x7: the
channel's `hours` say `open: 24x7`, or a standard on that channel promises
service 24 hours a day, 7 days a week (an availability target). A follow-up
kind whose deadline is counted in working time while one of its methods uses
such a channel (`channel`) is reported the same way.

Which units count working time comes from the unit table (the units counted
on business hours or on working days), not from their names.

## Why
A promise made on a channel that never closes is read by the customer in
clock time: "answered within 2 hours" on a 24x7 hotline cannot mean that a
call at 22:00 is answered the next morning at 10:00. Counting in working hours
lets the clock stop at night and over the weekend.

## Example
```yaml
channels:
  - {id: channel-hotline, type: hotline, hours: {open: 24x7}, ...}
standards:
  - id: std-callback
    channels: [channel-hotline]
    target: {type: deadline, deadline: {amount: 2, unit: working_hours, from: ev-call-missed}}
```

## Use instead
```yaml
    target: {type: deadline, deadline: {amount: 2, unit: hours, from: ev-call-missed}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.calendar.units import UNITS
from handbook.i18n import _
from handbook.periods import period, show
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "HRS001"
NAME = "round-the-clock"
TITLE = "全天候渠道不按工作时间计时 A 24x7 promise is not counted in working time"
SEVERITY = "error"
# the channels are in the complaints file, the standards and follow-ups elsewhere
CROSS_FILE = True
OPTIONS: dict[str, Any] = {}

# the counting strategies that stop outside working time (see calendar/units.py)
WORKING = frozenset({"business_time", "nth_working_day"})
ALWAYS_OPEN = "24x7"  # serviceHours.open in common.schema.json


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    open_always = _always_open(model)
    if not open_always:
        return
    continuous = ", ".join(name for name, unit in UNITS.items() if unit.strategy not in WORKING)
    for s in model.of("standard"):
        counted = _counted(s.get("target"))
        reasons = [open_always[c] for c in s.get("channels") or [] if c in open_always]
        if counted is not None and reasons:
            yield _finding(s, counted, reasons, continuous)
    for k in model.of("followup"):
        deadline = k.get("deadline")
        if not isinstance(deadline, dict) or not _working(deadline):
            continue
        methods = [model.get(x, "method") for x in k.get("methods") or []]
        reasons = list(dict.fromkeys(open_always[m.get("channel")] for m in methods
                                     if m is not None and m.get("channel") in open_always))
        if reasons:
            yield _finding(k, deadline, reasons, continuous)


def _always_open(model: Model) -> dict[str, str]:
    """Channel id -> why it is open 24x7 (its hours, or a standard's availability target)."""
    out: dict[str, str] = {}
    for ch in model.of("channel"):
        hours = ch.get("hours")
        if isinstance(hours, dict) and hours.get("open") == ALWAYS_OPEN:
            out[ch.id] = _("the channel '{id}' ({title}) is open 24x7").format(id=ch.id, title=ch.title)
    for s in model.of("standard"):
        t = s.get("target")
        if isinstance(t, dict) and t.get("type") == "availability" and t.get("hours_per_day") == 24 \
                and t.get("days_per_week") == 7:
            for c in s.get("channels") or []:
                promised = model.get(c, "channel")
                if promised is not None and c not in out:
                    out[c] = _("the channel '{id}' ({title}) is promised 24x7 by standard '{standard}'").format(
                        id=c, title=promised.title, standard=s.id)
    return out


def _working(d: dict[str, Any]) -> bool:
    p = period(d)
    return p is not None and UNITS[p[1]].strategy in WORKING


def _counted(target: Any) -> dict[str, Any] | None:
    """The period a target is counted in (a deadline, a percentile's `within`), when in working time."""
    if not isinstance(target, dict):
        return None
    d = target.get("deadline") if target.get("type") == "deadline" else target.get("within")
    return d if isinstance(d, dict) and _working(d) else None


def _finding(item: Item, d: dict[str, Any], reasons: list[str], continuous: str) -> Finding:
    p = period(d)
    assert p is not None
    line, col = item.file.loaded.key_pos(d, "unit")
    return Finding(item.path, line, col,
                   _("{kind} '{id}' ({title}) is counted in {period}, but {reasons}, so counting in working time lets "
                     "the clock stop at night; count in {units}").format(
                       kind=item.kind, id=item.id, title=item.title, period=show(p), reasons="; ".join(reasons),
                       units=continuous),
                   item=item.id)
