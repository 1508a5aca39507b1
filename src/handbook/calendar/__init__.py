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

from .counting import Deadline, WorkCalendar
from .data import KINDS, CompanyCalendar, OutsideCoverage, YearSchedule
from .units import UNITS, Unit, parse_duration

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
