"""How a deadline or limit changed: its length on the calendar, its start event, its pauses, its roll.

Lengths are compared the way the checks compare a deadline with a limit (``handbook.periods``):
periods counted by the clock by their seconds, others start date by start date over the
calendar's covered years, so "10 working days" against "14 calendar days" is answered for
every start date instead of guessed.
"""

from __future__ import annotations

from typing import Any

from ..calendar.units import UNITS
from ..i18n import _
from ..periods import rolled, show
from ..timeline import graph, listed
from .directions import NEUTRAL_RULES, TYPES, Context, DirectionRule, canonical


def compare_periods(old: Any, new: Any, ctx: Context) -> list[tuple[DirectionRule, str]]:
    t = TYPES["period"]
    if not isinstance(old, dict) or not old:
        return [(t.rule("added"), "")] if isinstance(new, dict) and new else []
    if not isinstance(new, dict) or not new:
        return [(t.rule("removed"), "")]
    out: list[tuple[DirectionRule, str]] = []
    a, b = rolled(old), rolled(new)
    if a is not None and b is not None and a[:2] != b[:2]:
        out.extend(_length(a, b, ctx))
    rolls = a is not None and b is not None and UNITS[a[1]].strategy == UNITS[b[1]].strategy == "roll_forward"
    if rolls and a is not None and b is not None and a[2] != b[2]:
        out.append((t.rule("rolls" if b[2] == "next_working_day" else "no-roll"), ""))
    if old.get("from") != new.get("from"):
        out.append(_event(old.get("from"), new.get("from"), ctx))
    before, after = set(map(str, listed(old.get("pauses")))), set(map(str, listed(new.get("pauses"))))
    if after - before:
        out.append((t.rule("pause-added"), ", ".join(sorted(after - before))))
    if before - after:
        out.append((t.rule("pause-removed"), ", ".join(sorted(before - after))))
    was, now = set(map(str, listed(old.get("bounded_by")))), set(map(str, listed(new.get("bounded_by"))))
    if now - was:
        out.append((t.rule("bounded"), ", ".join(sorted(now - was))))
    if was - now:
        out.append((t.rule("unbounded"), ", ".join(sorted(was - now))))
    if not out and canonical(old) != canonical(new):
        out.append((NEUTRAL_RULES[0], ""))  # a note, or the same period written another way
    return out


def _length(a: tuple[int, str, str], b: tuple[int, str, str], ctx: Context) -> list[tuple[DirectionRule, str]]:
    t = TYPES["period"]
    ua, ub = UNITS[a[1]], UNITS[b[1]]
    if a[1:] == b[1:] or (ua.seconds is not None and ub.seconds is not None and ua.strategy == ub.strategy):
        # the same counting: the amount (or the seconds) decides on every start date
        sa = ua.total_seconds(a[0]) if ua.seconds else a[0]
        sb = ub.total_seconds(b[0]) if ub.seconds else b[0]
        if sa == sb:
            return []
        return [(t.rule("shorter" if sb < sa else "longer"), f"{show(a)} -> {show(b)}")]
    cal = ctx.new.calendar() or ctx.old.calendar()
    if cal is None:
        return [(t.rule("longer"), _("{old} -> {new}: the calendar cannot be read, so the two cannot be compared")
                 .format(old=show(a), new=show(b)))]
    ta, tb = cal.due_table(*a), cal.due_table(*b)
    later = [(s, tb[s] - ta[s]) for s in ta if s in tb and tb[s] > ta[s]]
    earlier = any(s in tb and tb[s] < ta[s] for s in ta)
    if later:
        from datetime import date

        start, days = max(later, key=lambda x: x[1])
        return [(t.rule("longer"), _("{old} -> {new}: up to {days} day(s) later, from {start}").format(
            old=show(a), new=show(b), days=days, start=date.fromordinal(start).isoformat()))]
    if earlier:
        return [(t.rule("shorter"), f"{show(a)} -> {show(b)}")]
    return []


def _event(old: Any, new: Any, ctx: Context) -> tuple[DirectionRule, str]:
    t = TYPES["period"]
    note = f"{old} -> {new}"
    if not isinstance(old, str) or not isinstance(new, str):
        return t.rule("other-event"), note
    if old in graph(ctx.new).ancestors(new):
        return t.rule("later-event"), note
    if new in graph(ctx.new).ancestors(old):
        return t.rule("earlier-event"), note
    return t.rule("other-event"), note
