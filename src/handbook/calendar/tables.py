"""Worst-case due dates for every start date: the tables that compare two periods.

"Does this deadline always end no later than that limit?" is answered start date
by start date over the calendar's covered years (``handbook.periods``). A table
maps each start date (as an ordinal) to the date its period ends, taking the
worst time of day to start, so two tables can be compared entry by entry.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from itertools import repeat
from operator import add

from .data import DayCalendar
from .units import UNITS, Roll, Unit, check_amount_unit, check_roll

__all__ = ["due_table"]

# (first ordinal, last ordinal, sorted working-day ordinals) of consecutive covered years
_Run = tuple[int, int, list[int]]


def due_table(cal: DayCalendar, amount: int, unit: str, roll: str = "next_working_day") -> dict[int, int]:
    """Start ordinal -> due-date ordinal of `amount unit`, for every start in the
    covered years whose due date is covered too.

    Date-level and worst-case within the day (working hours are counted from
    closing time, elapsed time from the last moment of the day). `roll` (a key of
    ``units.ROLLS``) changes calendar days only: with ``none`` a last day that is a
    rest day is the due date all the same.
    """
    check_amount_unit(amount, unit)
    how = check_roll(roll)
    u = UNITS[unit]
    fill = _TABLES[u.strategy]
    table: dict[int, int] = {}
    for run in cal.working_runs():
        fill(cal, amount, u, how, run, table)
    return table


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _elapsed(cal: DayCalendar, amount: int, unit: Unit, roll: Roll, run: _Run, table: dict[int, int]) -> None:
    first, last, _work = run
    # a start at the last moment of the day reaches ceil(seconds / 86400) dates later
    extra = _ceil_div(unit.total_seconds(amount), 86400)
    for s in range(first, last - extra + 1):
        table[s] = s + extra


def _roll_forward(cal: DayCalendar, amount: int, unit: Unit, roll: Roll, run: _Run, table: dict[int, int]) -> None:
    first, last, work = run
    if not roll.forward:
        # the last day is the N-th day after the event day, rest day or not: no holiday data needed,
        # so every start of the run has its due date, past the run's end too
        table.update(zip(range(first, last + 1), range(first + amount, last + amount + 1), strict=True))
        return
    before = _working_before(cal, run)
    # before[d] indexes the first working day on or after day d of the run; the starts whose
    # last day rolls past the run's last working day (before[...] == len(work)) are left out
    end = min(last - amount + 1, first - amount + bisect.bisect_left(before, len(work)))
    count = max(0, end - first)
    table.update(zip(range(first, end), map(work.__getitem__, before[amount:amount + count]), strict=True))


def _nth_working_day(cal: DayCalendar, amount: int, unit: Unit, roll: Roll, run: _Run,
                     table: dict[int, int]) -> None:
    _working_days_after(cal, amount, run, table)


def _business_time(cal: DayCalendar, amount: int, unit: Unit, roll: Roll, run: _Run, table: dict[int, int]) -> None:
    # The worst start is at closing time: counting begins at the next opening and
    # needs ceil(business seconds / business seconds per day) working days.
    _working_days_after(cal, _ceil_div(unit.total_seconds(amount), cal.company.business_minutes() * 60), run, table)


def _working_days_after(cal: DayCalendar, k_days: int, run: _Run, table: dict[int, int]) -> None:
    first, last, work = run
    before = _working_before(cal, run)
    # the k-th working day after start s is work[before[s + 1 - first] + k - 1]; the starts for
    # which that runs past the run's working days are left out
    end = min(last + 1, first - 1 + bisect.bisect_left(before, len(work) - k_days + 1))
    count = max(0, end - first)
    table.update(zip(range(first, end), map(work.__getitem__, map(add, before[1:1 + count], repeat(k_days - 1))),
                     strict=True))


def _working_before(cal: DayCalendar, run: _Run) -> list[int]:
    """For each ordinal of the run (offset from its first day, one past its last day included), how
    many of its working days come before it: bisect_left(work, ordinal), for every ordinal at once.
    Every table of every period over the run reads it, so the calendar keeps it."""
    first, last, work = run
    known = cal.working_before.get(first)
    if known is not None:
        return known
    out: list[int] = []
    k = 0
    n = len(work)
    for o in range(first, last + 2):
        while k < n and work[k] < o:
            k += 1
        out.append(k)
    cal.working_before[first] = out
    return out


_TABLES: dict[str, Callable[[DayCalendar, int, Unit, Roll, _Run, dict[int, int]], None]] = {
    "elapsed": _elapsed,
    "business_time": _business_time,
    "nth_working_day": _nth_working_day,
    "roll_forward": _roll_forward,
}
