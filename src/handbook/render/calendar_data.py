"""The working-day calendar and the unit table as a script for the manual's offline calculator.

``assets/calculator.js`` implements the counting strategies by name and takes
everything else from here: unit names, their Chinese labels (the schema's),
strategies and lengths in seconds, the roll rules of calendar days (name,
Chinese label, whether a rest day at the end rolls forward; the first is the
default), the kinds of day with their labels and whether they are worked, and
the business hours. It keeps no unit or roll names or rules of its own.

The names of days (holidays, make-up days, company closures) are written
"中文 English" in the calendar data, which the CLI shows as they are; staff read
the manual in Chinese, so the script carries the Chinese part only.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..calendar.counting import WorkCalendar
from ..calendar.data import KIND_LABELS, MAKEUP_KINDS, PLAIN_KINDS, WORKING_KINDS
from ..calendar.units import ROLLS, UNITS

# The calculator's unit menu puts the most used first; the first is its default.
# Units not listed here (a new one in the schema) follow in the schema's order.
_MENU_FIRST = ("working_days", "calendar_days", "working_hours", "hours")


# CJK ideographs, CJK punctuation and full-width forms: what makes a name Chinese
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# "国庆节 National Day": the Chinese, then a translation with no CJK in it and at least one Latin letter
_TRANSLATED = re.compile(rf"^(.*[{_CJK}])\s+([^{_CJK}]*[A-Za-z][^{_CJK}]*)$", re.S)


def chinese_name(name: str) -> str:
    """The Chinese part of a day's name: "国庆节 National Day" -> "国庆节". A name with no Chinese
    in it (a company may write one) is kept as written: it is the only name the day has."""
    m = _TRANSLATED.match(name.strip())
    return m[1].strip() if m else name


def calculator_data(cal: WorkCalendar) -> dict[str, Any]:
    menu = [UNITS[n] for n in _MENU_FIRST if n in UNITS] + [u for n, u in UNITS.items() if n not in _MENU_FIRST]
    exported = cal.export()
    exported["days"] = {d: [kind, chinese_name(name)] for d, (kind, name) in exported["days"].items()}
    return {
        **exported,
        "units": [{"name": u.name, "label": u.label, "strategy": u.strategy, "seconds": u.seconds} for u in menu],
        "rolls": [{"name": r.name, "label": r.label, "forward": r.forward} for r in ROLLS.values()],
        "kinds": {k: {"label": zh, "working": k in WORKING_KINDS, "makeup": k in MAKEUP_KINDS}
                  for k, (zh, _en) in KIND_LABELS.items()},
        "plain": list(PLAIN_KINDS),  # the kind of a day not in `days`: [Monday-Friday, Saturday-Sunday]
    }


def calendar_script(cal: WorkCalendar, branch: WorkCalendar | None = None) -> str:
    """The script that carries ``cal``, the head office's calendar, on which every deadline of
    the manual counts; in a branch office's manual also the branch's days (``branch``, with its
    closures), on which the deadlines of the items the branch adds count (a calculator box marked
    ``data-calendar="branch"``)."""
    payload = calculator_data(cal)
    if branch is not None and branch is not cal:
        payload["branch"] = {k: v for k, v in calculator_data(branch).items() if k in ("days", "source")}
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/")  # a "</script" in a name cannot end anything early
    return f"window.HANDBOOK_CALENDAR = {data};\n"
