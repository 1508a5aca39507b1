"""Comparing periods on the working-day calendar, start date by start date.

Shared by the limit and sequence checks and by the manual: "does this deadline
always end no later than that limit?" is answered over every start date in the
calendar's covered years, and the worst start date is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .calendar.counting import WorkCalendar
from .calendar.units import UNITS
from .i18n import _, language


def period(d: Any) -> tuple[int, str] | None:
    """(amount, unit) of a deadline or limit mapping, or None if the schema has rejected it."""
    if not isinstance(d, dict):
        return None
    amount, unit = d.get("amount"), d.get("unit")
    if isinstance(amount, int) and not isinstance(amount, bool) and amount > 0 and unit in UNITS:
        return amount, unit
    return None


def item_deadline(item: Any) -> dict[str, Any] | None:
    """The deadline of a stage, span, follow-up or standard (a standard's sits in its target)."""
    d = item.get("deadline")
    if d is None and isinstance(item.get("target"), dict):
        d = item.get("target").get("deadline")
    return d if isinstance(d, dict) else None


def show(p: tuple[int, str]) -> str:
    """A period in a message: the unit's code in English ("10 working_days", what the policy
    file says), its label from the schema in Chinese ("10 个工作日")."""
    if language() == "zh_CN" and p[1] in UNITS:
        return f"{p[0]} {UNITS[p[1]].label}"
    return f"{p[0]} {p[1]}"


class Undecidable(Exception):
    """A comparison the calendar's years cannot settle (the message says why)."""


@dataclass(frozen=True)
class Overrun:
    start: date
    due: date  # when the chain or deadline ends
    limit_due: date  # when the limit ends

    @property
    def days(self) -> int:
        return (self.due - self.limit_due).days


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
    same_calendar = limit_cal is None or not (cal.company.closures or cal.company.extra_workdays)
    if len(chain) == 1 and chain[0][1:] == limit[1:] and same_calendar and chain[0][0] <= limit[0]:
        return None
    tables = [cal.due_table(*p) for p in chain]
    limit_table = (limit_cal or cal).due_table(*limit)
    worst: Overrun | None = None
    worst_days = 0
    compared = 0
    for s, limit_due in limit_table.items():
        t: int | None = s
        for table in tables:
            t = table.get(t)  # type: ignore[arg-type]
            if t is None:
                break
        if t is None:
            continue
        compared += 1
        if t - limit_due > worst_days:
            worst_days = t - limit_due
            worst = Overrun(date.fromordinal(s), date.fromordinal(t), date.fromordinal(limit_due))
    if not compared:
        # never a silent pass: a check that cannot compare says so
        years = list(cal.covered_years())
        if not years:
            raise Undecidable(_("cannot be compared with the limit: the calendar covers no year"))
        raise Undecidable(_("cannot be compared with the limit: from every start date in the calendar's years "
                            "({first}-{last}) it runs past their end; add later years to the calendar").format(
                                first=years[0], last=years[-1]))
    return worst


def cite(limit: Any) -> str:
    """'银保监会令2020年第3号 第X条' style citation of a limit item (its article and source)."""
    article = limit.parent
    source = article.parent if article is not None else None
    parts = [source.get("short_title") or source.title if source is not None else "",
             article.get("number", "") if article is not None else ""]
    return " ".join(p for p in parts if p) or limit.id
