"""China's working-day calendar and deadline counting (民法典 arts. 200-204).

* ``units.py``: the table of units (name, Chinese label from the schema, counting
  strategy) and ``parse_duration``.
* ``data.py``: which kind each day is: chinese-calendar's data with the company
  calendar over it, and the company calendar's data format.
* ``counting.py``: ``WorkCalendar.add``, the deadline of one period from one
  event, and its explanation (``Deadline.explain``).
* ``tables.py``: ``due_table``, the worst-case due date for every start date,
  used to compare one period with another.

The manual's offline calculator receives the same unit table and calendar data
(``render/calendar_data.py``) and implements the same strategies in
``assets/calculator.js``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .counting import Deadline, WorkCalendar
    from .data import KINDS, CompanyCalendar, OutsideCoverage, YearSchedule
    from .units import UNITS, Unit, parse_duration

# each name, from the module that holds it: imported on first use, so that a command that only
# needs the unit table (the CLI's options) does not load the counting machinery
_WHERE = {"Deadline": "counting", "WorkCalendar": "counting", "KINDS": "data", "CompanyCalendar": "data",
          "OutsideCoverage": "data", "YearSchedule": "data", "UNITS": "units", "Unit": "units",
          "parse_duration": "units"}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)


__all__ = [
    "KINDS",
    "UNITS",
    "CompanyCalendar",
    "Deadline",
    "OutsideCoverage",
    "Unit",
    "WorkCalendar",
    "YearSchedule",
    "parse_duration",
]
