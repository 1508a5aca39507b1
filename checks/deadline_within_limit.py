"""时限不得超过监管时限 Deadline within the regulatory limit

## What it does
For every deadline with `bounded_by`, checks that it always ends no later than
each regulatory limit it names, on the real Chinese working-day calendar. When
the units differ (working days against calendar days), every start date in the
calendar's covered years is tried and the worst one is named: 10 working days
can run past 15 calendar days around a long holiday.

A deadline that stops its clock for a pause (`pauses`) the limit does not allow
is reported too: it can run for ever. Periods shorter than a day against a limit
counted by the clock (seconds to hours, working hours) are added up exactly; a
limit in days compares them rounded up to the day.

The deadline must count from the event the limit counts from (`from` of both);
one that counts from another event is reported, since the two cannot be
compared date for date (put the stage in the process instead: TML001 follows
the path). A deadline that does not roll past a rest day (`roll: none`) is
counted that way.

Limits of a repealed regulation, and limits whose `confidence` is not in the
`confidence` option, are not enforced (the manual still shows them).

## Why
The company's rules must be at least as strict as the regulator's. A deadline
that looks shorter on paper can still end later than the law allows when a
holiday falls inside it.

## Example
```yaml
deadline: {amount: 10, unit: working_days, from: ev-receipt, bounded_by: [lim-simple-15d]}
# lim-simple-15d: 15 calendar_days
```

## Use instead
```yaml
deadline: {amount: 15, unit: calendar_days, from: ev-receipt, bounded_by: [lim-simple-15d]}
```

## Options
- `confidence` (list, default `["confirmed", "likely"]`): which limits are enforced.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import N_, _
from handbook.periods import Undecidable, cite, period, repealed, rolled, show, worst_overrun
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "LIM001"
NAME = "deadline-within-limit"
TITLE = "时限不得超过监管时限 Deadline within the regulatory limit"
SEVERITY = "error"
# the regulator's limit is owed whatever the company approves
WAIVABLE = False
# translated where it is shown
WAIVER_NOTE = N_("it is a breach of a regulatory limit, which no internal approval can excuse")
OPTIONS: dict[str, Any] = {"confidence": ["confirmed", "likely"]}


def enforced(limit: Any, options: dict[str, Any]) -> bool:
    return not repealed(limit) and limit.get("confidence") in options["confidence"]


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    cal = model.calendar()
    if cal is None:
        return  # CAL002 explains
    for ref in model.refs:
        if ref.kind != "limit":
            continue
        limit = model.get(ref.target, "limit")
        mine, theirs = period(ref.holder), period(limit.data) if limit is not None else None
        if limit is None or mine is None or theirs is None or not enforced(limit, options):
            continue
        owner = ref.source.id if ref.source else "?"
        if ref.holder.get("from") != limit.get("from"):
            line, col = ref.file.loaded.key_pos(ref.holder, "from", value=True) if "from" in ref.holder else (
                ref.line, ref.column)
            yield Finding(ref.file.path, line, col, _(
                "'{owner}': counts from '{event}' but the limit {limit} counts from '{limit_event}', so the two "
                "cannot be compared: count from '{limit_event}', or place the stage in the process so that its "
                "path is checked (TML001)").format(owner=owner, event=ref.holder.get("from"), limit=limit.id,
                                                   limit_event=limit.get("from")), item=owner)
            continue
        allowed = limit.get("pauses") or []
        stops = [p for p in ref.holder.get("pauses") or [] if p not in allowed]
        if stops:
            line, col = ref.file.loaded.key_pos(ref.holder, "pauses", value=True)
            yield Finding(ref.file.path, line, col, _(
                "'{owner}': stops its clock for {pauses}, which the limit {limit} does not allow, so it can run "
                "past the limit: drop the pause, or cite the rule that allows it in the limit's pauses").format(
                    owner=owner, pauses=", ".join(map(str, stops)), limit=limit.id), item=owner)
            continue
        mine_r, theirs_r = rolled(ref.holder), rolled(limit.data)
        assert mine_r is not None and theirs_r is not None  # as mine and theirs
        cal = model.calendar_for(ref.source or ref.file)  # a branch's closures count for the items it adds
        assert cal is not None  # as model.calendar(): built together
        if mine_r[1:] == theirs_r[1:] and mine[0] > theirs[0] and not cal.company.extra_workdays:
            # the same unit and more of it ends later on any calendar (company closures only
            # extend it): decided without counting, whatever the length
            yield Finding(ref.file.path, ref.line, ref.column, _longer(owner, mine, limit, theirs), item=owner)
            continue
        try:
            over = worst_overrun(cal, [mine_r], theirs_r, model.public_calendar())
        except Undecidable as exc:
            yield Finding(ref.file.path, ref.line, ref.column,
                          _("'{owner}': {period} {reason}").format(owner=owner, period=show(mine), reason=exc),
                          item=owner)
            continue
        if over is None:
            continue
        owner = ref.source.id if ref.source else "?"
        if (mine[1] == theirs[1] and mine[0] > theirs[0]) or over.start is None:
            msg = _longer(owner, mine, limit, theirs)
        else:
            msg = _("'{owner}': {period} can end after the limit {limit} ({limit_period}, {source}): counted from "
                    "{start}, it ends {due} but the limit ends {limit_due} ({days} days late; worst start date in "
                    "the calendar's years)").format(
                owner=owner, period=show(mine), limit=limit.id, limit_period=show(theirs), source=cite(limit),
                start=over.start, due=over.due, limit_due=over.limit_due, days=over.days)
        yield Finding(ref.file.path, ref.line, ref.column, msg, item=owner)


def _longer(owner: str, mine: tuple[int, str], limit: Any, theirs: tuple[int, str]) -> str:
    return _("'{owner}': {period} is longer than the limit {limit} ({limit_period}, {source})").format(
        owner=owner, period=show(mine), limit=limit.id, limit_period=show(theirs), source=cite(limit))
