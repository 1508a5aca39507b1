"""Worst-case due dates for every start date: the tables that compare two periods.

"Does this deadline always end no later than that limit?" is answered start date
by start date over the calendar's covered years (``handbook.periods``). A table
maps each start date (as an ordinal) to the date its period ends, taking the
worst time of day to start, so two tables can be compared entry by entry.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable

from .data import DayCalendar
from .units import UNITS, check_amount_unit

__all__ = ["due_table"]

# (first ordinal, last ordinal, sorted working-day ordinals) of consecutive covered years
_Run = tuple[int, int, list[int]]


def due_table(cal: DayCalendar, amount: int, unit: str) -> dict[int, int]:
    """Start ordinal -> due-date ordinal of `amount unit`, for every start in the
    covered years whose due date is covered too.

    Date-level and worst-case within the day (working hours are counted from
    closing time, hours from the last minute of the day).
    """
    check_amount_unit(amount, unit)
    fill = _TABLES[UNITS[unit].strategy]
    table: dict[int, int] = {}
    for run in cal.working_runs():
        fill(cal, amount, run, table)
    return table


def _elapsed(cal: DayCalendar, amount: int, run: _Run, table: dict[int, int]) -> None:
    first, last, _work = run
    extra = math.ceil(amount / 24)  # a start late in the day reaches ceil(h / 24) dates later
    for s in range(first, last - extra + 1):
        table[s] = s + extra


def _roll_forward(cal: DayCalendar, amount: int, run: _Run, table: dict[int, int]) -> None:
    first, last, work = run
    for s in range(first, last - amount + 1):
        k = bisect.bisect_left(work, s + amount)  # first working day on or after the last day
        if k == len(work):
            break  # the roll-forward would leave the covered years
        table[s] = work[k]


def _nth_working_day(cal: DayCalendar, amount: int, run: _Run, table: dict[int, int]) -> None:
    _working_days_after(amount, run, table)


def _business_time(cal: DayCalendar, amount: int, run: _Run, table: dict[int, int]) -> None:
    # The worst start is at closing time: counting begins at the next opening and
    # needs ceil(hours / hours-per-day) working days.
    _working_days_after(math.ceil(amount * 60 / cal.company.business_minutes()), run, table)


def _working_days_after(k_days: int, run: _Run, table: dict[int, int]) -> None:
    first, last, work = run
    for s in range(first, last + 1):
        j = bisect.bisect_right(work, s) + k_days - 1  # the k-th working day after s
        if j >= len(work):
            break
        table[s] = work[j]


_TABLES: dict[str, Callable[[DayCalendar, int, _Run, dict[int, int]], None]] = {
    "elapsed": _elapsed,
    "business_time": _business_time,
    "nth_working_day": _nth_working_day,
    "roll_forward": _roll_forward,
}
