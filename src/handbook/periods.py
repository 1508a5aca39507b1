"""Comparing periods on the working-day calendar, start date by start date.

Shared by the limit and sequence checks and by the manual: "does this deadline
always end no later than that limit?" is answered over every start date in the
calendar's covered years, and the worst start date is named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from operator import sub
from typing import Any

from .calendar.counting import WorkCalendar
from .calendar.units import DEFAULT_ROLL, UNITS
from .i18n import _, language


def period(d: Any) -> tuple[int, str] | None:
    """(amount, unit) of a deadline or limit mapping, or None if the schema has rejected it."""
    if not isinstance(d, dict):
        return None
    amount, unit = d.get("amount"), d.get("unit")
    if isinstance(amount, int) and not isinstance(amount, bool) and amount > 0 and unit in UNITS:
        return amount, unit
    return None


def rolled(d: Any) -> tuple[int, str, str] | None:
    """(amount, unit, roll) of a deadline or limit mapping: its period with its roll rule (the
    Civil Code's by default), or None if the schema has rejected it."""
    p = period(d)
    return None if p is None else (*p, str(d.get("roll") or DEFAULT_ROLL))


def source_of(limit: Any) -> Any:
    """The source (law, regulation or internal rule) a limit belongs to, through its article."""
    return limit.parent.parent if limit.parent is not None else None


def repealed(limit: Any) -> bool:
    """A limit of a repealed source: it binds nobody."""
    source = source_of(limit)
    return source is not None and source.get("status") == "repealed"


def internal(limit: Any) -> bool:
    """A limit of the company's own rules (a source of type internal): not the regulator's."""
    source = source_of(limit)
    return source is not None and source.get("type") == "internal"


def item_deadline(item: Any) -> dict[str, Any] | None:
    """The deadline of a stage, span, follow-up or standard (a standard's sits in its target)."""
    d = item.get("deadline")
    if d is None and isinstance(item.get("target"), dict):
        d = item.get("target").get("deadline")
    return d if isinstance(d, dict) else None


def show(p: tuple[Any, ...]) -> str:
    """A period in a message: the unit's code in English ("10 working_days", what the policy
    file says), its label from the schema in Chinese ("10 个工作日")."""
    if language() == "zh_CN" and p[1] in UNITS:
        return f"{p[0]} {UNITS[p[1]].label}"
    return f"{p[0]} {p[1]}"


def show_seconds(seconds: int) -> str:
    """A length of time in the largest unit that divides it ("90 minutes", "2 hours")."""
    for name in ("hours", "minutes", "seconds"):
        unit = UNITS[name]
        if unit.seconds and seconds % unit.seconds == 0:
            return show((seconds // unit.seconds, name))
    return show((seconds, "seconds"))


class Undecidable(Exception):
    """A comparison the calendar's years cannot settle (the message says why)."""


@dataclass(frozen=True)
class Overrun:
    start: date | None  # None: compared by the clock, on any start (see by_clock)
    due: date | None  # when the chain or deadline ends
    limit_due: date | None  # when the limit ends

    @property
    def days(self) -> int:
        return (self.due - self.limit_due).days if self.due is not None and self.limit_due is not None else 0


def worst_overrun(cal: WorkCalendar, chain: list[tuple[int, str, str]], limit: tuple[int, str, str],
                  limit_cal: WorkCalendar | None = None) -> Overrun | None:
    """The start date at which running ``chain`` (periods one after another) most exceeds ``limit``.

    Each period is (amount, unit, roll). ``chain`` is counted on ``cal`` (the company's calendar); ``limit`` on
    ``limit_cal`` when given (the statutory one: a company closure gives the
    company no extra time towards a regulator).

    None when the chain never ends after the limit in the covered years. A chain
    of one period in the limit's own unit and roll rule is compared by amount: the counting
    rules are the same, so the larger amount is always the later end.
    """
    key = (tuple(chain), limit, id(limit_cal))
    if key in cal.overruns:
        known = cal.overruns[key]
        if isinstance(known, Undecidable):
            raise known
        return known  # type: ignore[no-any-return]
    try:
        found = _worst_overrun(cal, chain, limit, limit_cal)
    except Undecidable as exc:
        cal.overruns[key] = exc
        raise
    cal.overruns[key] = found
    return found


def by_clock(chain: Sequence[tuple[int, str, str]], limit: tuple[int, str, str]) -> int | None:
    """For a limit counted by the clock (seconds to hours, or working hours): by how many seconds the
    chain, run one after another, exceeds it (0 or less: it fits), exactly, on any start; None for a
    limit in days, which the per-date tables decide (periods shorter than a day are rounded up to
    the day there, so they can only make a deadline look later, never earlier).

    Raises Undecidable when the chain has periods counted another way (days, or business hours
    against elapsed hours): they cannot be added to the limit's kind of time without a start time.
    """
    lu = UNITS[limit[1]]
    if lu.seconds is None:
        return None
    other = sorted({p[1] for p in chain if UNITS[p[1]].strategy != lu.strategy})
    if other:
        raise Undecidable(_("cannot be compared with the limit: a limit in {unit} is counted by the clock, and "
                            "{units} cannot be added to it without the time of day; count the deadlines in "
                            "{unit} too").format(unit=limit[1], units=", ".join(other)))
    return sum(UNITS[p[1]].total_seconds(p[0]) for p in chain) - lu.total_seconds(limit[0])


def _worst_overrun(cal: WorkCalendar, chain: list[tuple[int, str, str]], limit: tuple[int, str, str],
                   limit_cal: WorkCalendar | None) -> Overrun | None:
    over = by_clock(chain, limit)
    if over is not None:
        return Overrun(None, None, None) if over > 0 else None
    if fits_by_amount(chain, limit, cal, limit_cal):
        return None
    limit_table = (limit_cal or cal).due_table(*limit)
    days, s, t, compared = worst_of(cal, chain, limit_table)
    worst = Overrun(date.fromordinal(s), date.fromordinal(t), date.fromordinal(limit_table[s])) if days > 0 else None
    if not compared:  # never a silent pass: a check that cannot compare says so
        raise Undecidable(_("cannot be compared with the limit: {reason}").format(reason=uncompared(cal)))
    return worst


def fits_by_amount(chain: Sequence[tuple[int, str, str]], limit: tuple[int, str, str], cal: WorkCalendar,
                   limit_cal: WorkCalendar | None) -> bool:
    """A chain of one period in the limit's own unit and roll rule, no longer, counted on the same
    days as the limit: the counting rules are the same, so it ends no later on any start date."""
    same_days = limit_cal is None or limit_cal is cal or not (cal.company.closures or cal.company.extra_workdays)
    return len(chain) == 1 and chain[0][1:] == limit[1:] and chain[0][0] <= limit[0] and same_days


def uncompared(cal: WorkCalendar) -> str:
    """Why no start date of the calendar's years could be held against a limit."""
    years = list(cal.covered_years())
    if not years:
        return _("the calendar covers no year")
    return _("from every start date in the calendar's years ({first}-{last}) it runs past their end; add later "
             "years to the calendar").format(first=years[0], last=years[-1])


# below every ordinal: a start date whose chain runs past the calendar's years carries it, so it
# is never the worst and is told apart from the dates that were compared
_PAST = -(1 << 40)


def worst_of(cal: WorkCalendar, chain: Sequence[tuple[int, str, str]],
             limit_table: dict[int, int]) -> tuple[int, int, int, bool]:
    """(days over, start, due, compared) of the start date on which the chain of periods, run one
    after another on ``cal``, ends furthest after the limit's table; days over 0 when it never
    does. Start dates whose chain runs past the calendar's years are left out; ``compared`` says
    whether any was left in. Counted a whole table at a time (map over the tables' get) because
    this is the inner loop of every limit check."""
    starts = list(limit_table)
    times = starts
    for p in chain:
        # a period may name its own calendar as a fourth element (a branch's deadline, timeline._plan)
        times = list(map((p[3] if len(p) > 3 else cal).due_table(*p[:3]).get, times, repeat(_PAST)))
    best = max(map(sub, times, limit_table.values()), default=_PAST)
    compared = best > _PAST // 2
    if best <= 0:
        return 0, 0, 0, compared
    i = list(map(sub, times, limit_table.values())).index(best)  # the first start date that is this late
    return best, starts[i], times[i], compared


def cite(limit: Any) -> str:
    """'银保监会令2020年第3号 第X条' style citation of a limit item (its article and source)."""
    article = limit.parent
    source = source_of(limit)
    parts = [source.get("short_title") or source.title if source is not None else "",
             article.get("number", "") if article is not None else ""]
    return " ".join(p for p in parts if p) or limit.id
