"""Counting one period from one event on the working-day calendar (民法典 arts. 200-204).

Each unit's strategy (see :mod:`.units`) is counted by one function here:

* ``elapsed`` (seconds, minutes, hours): plain elapsed time from the event
  (民法典 art. 201: counted from the moment), the unit's ``seconds`` each; no
  calendar involved.
* ``roll_forward`` (calendar days): the event day does not count; the period
  runs N days from the day after and ends at 24:00 (``due`` is
  ``23:59:59.999999``) of its last day; if that day is not a working day it ends
  on the next working day (民法典 art. 203), unless the roll is ``none``: then
  it ends on that rest day all the same (see ``units.ROLLS``).
* ``nth_working_day`` (working days): the N-th working day after the event day,
  at closing time.
* ``business_time`` (working hours): business time from the event (or from the
  next opening if the event is outside business hours), the unit's ``seconds``
  each, skipping nights, lunch and rest days.

``assets/calculator.js`` implements the same strategies for the manual's
offline calculator; the browser tests compare the two on many inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from .data import (
    KIND_LABELS,
    MAKEUP_KINDS,
    ONE_DAY,
    WEEKDAYS,
    WORKING_KINDS,
    CompanyCalendar,
    DayCalendar,
    OutsideCoverage,
)
from .tables import due_table
from .units import DEFAULT_ROLL, ROLLS, UNITS, Roll, Unit, check_amount_unit, check_roll

__all__ = ["Deadline", "WorkCalendar"]


@dataclass
class _Counted:
    due: datetime
    skipped: list[tuple[date, str]] = field(default_factory=list)  # rest days skipped, with their kind
    makeup: list[date] = field(default_factory=list)  # make-up days counted
    rest_end: str = ""  # the kind of the last day when the period ends on a rest day (roll: none)


@dataclass(frozen=True)
class _Rule:
    """How a strategy counts, and what its explanation says."""

    count: Callable[[WorkCalendar, datetime, int, Unit, Roll], _Counted]
    uses_calendar: bool  # consults the working-day calendar (so the event day must be covered)
    whole_days: bool  # counts whole days, so the event's own day does not count
    end: str  # the due time as written, a format of `time` (the due time of day, to the unit's precision)
    business_hours: bool = False  # only business hours count: say which
    rolls: bool = False  # reads the roll rule: say which applied
    roll_note: str = ""  # said when rest days moved the end


@dataclass(frozen=True)
class Deadline:
    """The end of a period, with the rest days and make-up days that shaped it."""

    start: datetime
    amount: int
    unit: str
    due: datetime
    skipped: list[tuple[date, str]]  # rest days passed over, with their kind
    makeup_days: list[date]  # days worked only by exception (调休 or company) that counted
    roll: str = DEFAULT_ROLL  # the roll rule asked for (it changes calendar days only); a key of units.ROLLS
    rest_end: str = ""  # the kind of the last day when the period ends on a rest day (roll: none), else ""
    # (kind, name) of every skipped and make-up day, for explain(); names are "中文 English".
    day_info: dict[date, tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)
    calendar_source: str = field(default="", compare=False, repr=False)
    business_hours: str = field(default="", compare=False, repr=False)  # "08:30-12:00, 13:00-17:30"

    def explain(self) -> str:
        """Multi-line Chinese + English explanation for the CLI."""
        unit = UNITS[self.unit]
        rule = _RULES[unit.strategy]
        precise = unit.seconds is not None and unit.seconds < 60  # a unit shorter than a minute: show seconds
        lines = [
            f"期限 Period: {self.amount} {unit.label} {unit.english}",
            f"起算事件 Event: {_fmt_dt(self.start, precise)}",
        ]
        if rule.whole_days:
            first = self.start.date() + ONE_DAY
            lines.append(f"起算日 First day counted: {_fmt_date(first)}（事件当日不计入 the event day does not count）")
        lines.append(f"截止 Due: {_fmt_date(self.due.date())} {rule.end.format(time=_clock(self.due, precise))}")
        if rule.business_hours and self.business_hours:
            lines.append(f"营业时间 Business hours: {self.business_hours}（只计营业时间 only these hours count）")
        if rule.rolls:
            roll = ROLLS[self.roll]
            lines.append(f"顺延规则 Roll: {roll.label} {roll.english}")
            if self.rest_end:
                kind, name = self.day_info.get(self.due.date(), (self.rest_end, ""))
                what = " ".join(KIND_LABELS.get(kind, (kind,))) + (f"：{name}" if name else "")
                lines.append(f"{roll.label} {roll.english}: 最后一日为休息日（{what}），期限仍于当日 24:00 届满 "
                             "ends on the last day even though it is a rest day.")
        if rule.roll_note and self.skipped:
            lines.append(rule.roll_note)
        if self.skipped:
            lines.append(f"跳过的休息日 Rest days skipped ({len(self.skipped)}):")
            lines.extend(f"  {g}" for g in self._grouped(self.skipped))
        elif rule.uses_calendar:
            lines.append("跳过的休息日 Rest days skipped: 无 none")
        if self.makeup_days:
            lines.append(f"计入的调休/加班工作日 Make-up working days counted ({len(self.makeup_days)}):")
            counted = [(d, self.day_info.get(d, ("makeup_workday", ""))[0]) for d in self.makeup_days]
            lines.extend(f"  {g}" for g in self._grouped(counted))
        if self.calendar_source:
            lines.append(f"日历来源 Calendar: {self.calendar_source}")
        return "\n".join(lines)

    def _grouped(self, days: list[tuple[date, str]]) -> list[str]:
        """Consecutive days with the same kind and name on one line (a 7-day holiday is one line)."""
        out: list[str] = []
        run: list[tuple[date, str, str]] = []

        def flush() -> None:
            if not run:
                return
            d0, kind, name = run[0]
            d1 = run[-1][0]
            label = " ".join(KIND_LABELS.get(kind, (kind,)))
            tail = f"：{name}" if name else ""
            if d0 == d1:
                out.append(f"{_fmt_date(d0)} {label}{tail}")
            else:
                out.append(f"{_fmt_date(d0)} 至 to {_fmt_date(d1)} {label}{tail}（{len(run)} 天 days）")
            run.clear()

        for d, kind in days:
            name = self.day_info.get(d, (kind, ""))[1]
            if run and (d - run[-1][0] == ONE_DAY and run[-1][1] == kind and run[-1][2] == name):
                run.append((d, kind, name))
            else:
                flush()
                run.append((d, kind, name))
        flush()
        return out


class WorkCalendar(DayCalendar):
    """The working-day calendar that counts periods: one event (:meth:`add`) or every start date
    (:meth:`due_table`)."""

    def __init__(self, company: CompanyCalendar | None = None) -> None:
        super().__init__(company)
        self._due: dict[tuple[int, str, str], dict[int, int]] = {}
        # periods.worst_overrun's answers, by (chain, limit, limit calendar): one policy set asks the
        # same question of many deadlines
        self.overruns: dict[tuple[Any, ...], Any] = {}

    def add(self, start: datetime | date, amount: int, unit: str, roll: str = "next_working_day") -> Deadline:
        """The deadline `amount unit` after the event at `start` (see the module docstring).

        `roll` (a key of ``units.ROLLS``) says whether a period in calendar days whose last
        day is a rest day ends on the next working day (the default) or on that day; the
        other units accept it and ignore it.
        """
        check_amount_unit(amount, unit)
        how = check_roll(roll)
        if not isinstance(start, datetime):
            if isinstance(start, date):  # a bare date: the time does not matter for day units
                start = datetime.combine(start, time(0, 0))
            else:
                raise TypeError(f"start must be a datetime, got {type(start).__name__}")
        self._load()
        rule = _RULES[UNITS[unit].strategy]
        # a calendar-day period that does not roll needs no holiday data: it always computes
        needs_days = rule.uses_calendar and not (rule.rolls and not how.forward)
        if needs_days:
            self._check(start.date())  # even the uncounted event day must be in a known year
        c = rule.count(self, start, amount, UNITS[unit], how)
        named = [s for s, _ in c.skipped] + c.makeup + ([c.due.date()] if c.rest_end else [])
        return Deadline(
            start=start,
            amount=amount,
            unit=unit,
            due=c.due,
            skipped=c.skipped,
            makeup_days=c.makeup,
            roll=roll,
            rest_end=c.rest_end,
            day_info={d: self._kind_name(d) for d in named},
            calendar_source=self._source if needs_days else "",
            business_hours=", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.company.business_segments()),
        )

    def due_table(self, amount: int, unit: str, roll: str = "next_working_day") -> dict[int, int]:
        """Start ordinal -> due-date ordinal of `amount unit` for every covered start date
        (see :func:`handbook.calendar.tables.due_table`); built once per calendar, period and roll."""
        key = (amount, unit, roll)
        table = self._due.get(key)
        if table is None:
            table = self._due[key] = due_table(self, amount, unit, roll=roll)
        return table


# -- the strategies -------------------------------------------------------------------------


def _elapsed(cal: WorkCalendar, start: datetime, amount: int, unit: Unit, roll: Roll) -> _Counted:
    return _Counted(start + timedelta(seconds=unit.total_seconds(amount)))


def _roll_forward(cal: WorkCalendar, start: datetime, amount: int, unit: Unit, roll: Roll) -> _Counted:
    last = start.date() + timedelta(days=amount)
    skipped: list[tuple[date, str]] = []
    rest_end = ""
    if not roll.forward:
        try:
            kind = cal.day_kind(last)
        except OutsideCoverage:  # the due date stands; only whether it is a rest day is unknown
            return _Counted(datetime.combine(last, time.max, tzinfo=start.tzinfo), [], [], "")
    else:
        kind = cal.day_kind(last)
    if roll.forward:
        # 民法典 art. 203: a last day that is a rest day moves to the next working day.
        while kind not in WORKING_KINDS:
            skipped.append((last, kind))
            last += ONE_DAY
            kind = cal.day_kind(last)
    elif kind not in WORKING_KINDS:
        rest_end = kind  # roll: none, the period ends on the rest day all the same
    makeup = [last] if kind in MAKEUP_KINDS else []
    due = datetime.combine(last, time.max, tzinfo=start.tzinfo)  # 24:00 of the last day
    return _Counted(due, skipped, makeup, rest_end)


def _nth_working_day(cal: WorkCalendar, start: datetime, amount: int, unit: Unit, roll: Roll) -> _Counted:
    d = start.date()
    skipped: list[tuple[date, str]] = []
    makeup: list[date] = []
    left = amount
    while left:
        d += ONE_DAY
        kind = cal.day_kind(d)
        if kind in WORKING_KINDS:
            left -= 1
            if kind in MAKEUP_KINDS:
                makeup.append(d)
        else:
            skipped.append((d, kind))
    return _Counted(datetime.combine(d, cal.company.closes, tzinfo=start.tzinfo), skipped, makeup)


def _business_time(cal: WorkCalendar, start: datetime, amount: int, unit: Unit, roll: Roll) -> _Counted:
    left = timedelta(seconds=unit.total_seconds(amount))
    tz = start.tzinfo
    segments = cal.company.business_segments()
    skipped: list[tuple[date, str]] = []
    makeup: list[date] = []
    d = start.date()
    cursor = start
    while True:
        kind = cal.day_kind(d)
        if kind in WORKING_KINDS:
            for a, b in segments:
                seg_start = max(datetime.combine(d, a, tzinfo=tz), cursor)
                seg_end = datetime.combine(d, b, tzinfo=tz)
                if seg_start >= seg_end:
                    continue  # this part of the day is already past
                if kind in MAKEUP_KINDS and (not makeup or makeup[-1] != d):
                    makeup.append(d)
                avail = seg_end - seg_start
                if left <= avail:
                    return _Counted(seg_start + left, skipped, makeup)
                left -= avail
        else:
            skipped.append((d, kind))
        d += ONE_DAY
        cursor = datetime.combine(d, time(0, 0), tzinfo=tz)


_RULES: dict[str, _Rule] = {
    "elapsed": _Rule(_elapsed, uses_calendar=False, whole_days=False, end="{time}"),
    "business_time": _Rule(_business_time, uses_calendar=True, whole_days=False, end="{time}",
                           business_hours=True),
    "nth_working_day": _Rule(_nth_working_day, uses_calendar=True, whole_days=True,
                             end="{time} 下班 close of business"),
    "roll_forward": _Rule(_roll_forward, uses_calendar=True, whole_days=True, end="24:00", rolls=True,
                          roll_note="最后一日为休息日，顺延至下一个工作日 The last day was a rest day; "
                                    "the period ends on the next working day."),
}


def _fmt_date(d: date) -> str:
    return f"{d.isoformat()}（{WEEKDAYS[d.weekday()]}）"


def _clock(dt: datetime, precise: bool = False) -> str:
    """HH:MM, or HH:MM:SS for a unit shorter than a minute or a time that is not on the minute."""
    return f"{dt:%H:%M:%S}" if precise or dt.second else f"{dt:%H:%M}"


def _fmt_dt(dt: datetime, precise: bool = False) -> str:
    return f"{_fmt_date(dt.date())} {_clock(dt, precise)}"
