"""The working-day calendar and the unit table as a script for the manual's offline calculator.

``assets/calculator.js`` implements the counting strategies by name and takes
everything else from here: unit names, their Chinese labels (the schema's),
strategies and lengths in seconds, the roll rules of calendar days (name,
Chinese label, whether a rest day at the end rolls forward; the first is the
default), the kinds of day with their labels and whether they are worked, and
the business hours. It keeps no unit or roll names or rules of its own.
"""

from __future__ import annotations

import json
from typing import Any

from ..calendar.counting import WorkCalendar
from ..calendar.data import KIND_LABELS, MAKEUP_KINDS, PLAIN_KINDS, WORKING_KINDS
from ..calendar.units import ROLLS, UNITS

# The calculator's unit menu puts the most used first; the first is its default.
# Units not listed here (a new one in the schema) follow in the schema's order.
_MENU_FIRST = ("working_days", "calendar_days", "working_hours", "hours")


def calculator_data(cal: WorkCalendar) -> dict[str, Any]:
    menu = [UNITS[n] for n in _MENU_FIRST if n in UNITS] + [u for n, u in UNITS.items() if n not in _MENU_FIRST]
    return {
        **cal.export(),
        "units": [{"name": u.name, "label": u.label, "strategy": u.strategy, "seconds": u.seconds} for u in menu],
        "rolls": [{"name": r.name, "label": r.label, "forward": r.forward} for r in ROLLS.values()],
        "kinds": {k: {"label": zh, "working": k in WORKING_KINDS, "makeup": k in MAKEUP_KINDS}
                  for k, (zh, _en) in KIND_LABELS.items()},
        "plain": list(PLAIN_KINDS),  # the kind of a day not in `days`: [Monday-Friday, Saturday-Sunday]
    }


def calendar_script(cal: WorkCalendar) -> str:
    data = json.dumps(calculator_data(cal), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/")  # a "</script" in a name cannot end anything early
    return f"window.HANDBOOK_CALENDAR = {data};\n"
