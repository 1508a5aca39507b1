"""Units of a period: one table of name, Chinese label and counting strategy.

The names and Chinese labels are the schema's (``$defs.unit`` in
``common.schema.json``: its ``enum`` and its ``x-labels``), so policy files, the
CLI, the manual and the browser calculator all read the same table. The
strategy names how a unit is counted: :mod:`.counting` implements each for one
event, :mod:`.tables` for every start date, and ``assets/calculator.js`` in the
browser, which receives this table in ``workcal.js`` (``render/calendar_data.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..i18n import _
from ..resources import schemas_dir

__all__ = ["STRATEGIES", "UNITS", "Unit", "check_amount_unit", "parse_duration"]

# The one place a unit meets its counting rule. Strategy names are deliberately not
# unit names, so calculator.js can implement them without naming any unit.
_STRATEGY_OF: dict[str, str] = {
    "hours": "elapsed",  # plain elapsed time from the event (民法典 art. 201)
    "working_hours": "business_time",  # business hours only, nights, lunch and rest days skipped
    "working_days": "nth_working_day",  # the N-th working day after the event day, at closing time
    "calendar_days": "roll_forward",  # N days after the event day; a rest day rolls to a working day
}
STRATEGIES: tuple[str, ...] = ("elapsed", "business_time", "nth_working_day", "roll_forward")


@dataclass(frozen=True)
class Unit:
    name: str  # as written in policy files: "working_days"
    label: str  # Chinese, from the schema's x-labels: "个工作日"
    strategy: str  # one of STRATEGIES

    @property
    def english(self) -> str:
        return self.name.replace("_", " ")


def _load() -> dict[str, Unit]:
    spec = json.loads((schemas_dir() / "common.schema.json").read_text(encoding="utf-8"))["$defs"]["unit"]
    names: list[str] = spec["enum"]
    labels: dict[str, str] = spec.get("x-labels", {})
    # A unit added to the schema without a label or a counting rule fails here, at import,
    # rather than as a KeyError in the middle of a check or a build.
    if set(labels) != set(names) or set(_STRATEGY_OF) != set(names):
        raise RuntimeError(
            f"common.schema.json $defs.unit: enum {sorted(names)}, x-labels {sorted(labels)} and "
            f"the counting strategies {sorted(_STRATEGY_OF)} must name the same units"
        )
    return {n: Unit(n, labels[n], _STRATEGY_OF[n]) for n in names}


# name -> Unit, in the schema's order
UNITS: dict[str, Unit] = _load()


def check_amount_unit(amount: int, unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(_("unknown unit {unit}; expected one of {units}").format(unit=repr(unit),
                                                                                 units=", ".join(UNITS)))
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValueError(_("amount must be a whole number, got {amount}").format(amount=repr(amount)))
    if amount <= 0:
        raise ValueError(_("amount must be positive, got {amount}").format(amount=amount))


# -- parsing ------------------------------------------------------------------------------

_DURATION_RE = re.compile(r"^\s*(\d+)\s*(.*?)\s*$")
# Words people type for a unit (the unit names themselves are accepted too).
_UNIT_WORDS: dict[str, str] = {
    "working days": "working_days",
    "working day": "working_days",
    "工作日": "working_days",
    "calendar days": "calendar_days",
    "calendar day": "calendar_days",
    "days": "calendar_days",
    "day": "calendar_days",
    "天": "calendar_days",
    "日": "calendar_days",
    "自然日": "calendar_days",
    "日历日": "calendar_days",
    "working hours": "working_hours",
    "working hour": "working_hours",
    "工作小时": "working_hours",
    "hours": "hours",
    "hour": "hours",
    "小时": "hours",
}


def parse_duration(text: str) -> tuple[int, str]:
    """"10 working_days" / "10个工作日" / "15天" / "8工作小时" / "24小时" -> (amount, unit)."""
    if not isinstance(text, str):
        raise ValueError(_("duration must be text like \"10 working_days\", got {type}").format(
            type=type(text).__name__))
    m = _DURATION_RE.match(text)
    if m is None:
        raise ValueError(_("cannot read duration {text}: expected a whole number and a unit, e.g. "
                           "\"10 working_days\", \"10个工作日\", \"15天\", \"8工作小时\", \"24小时\"").format(
                               text=repr(text)))
    amount = int(m.group(1))  # int() also reads full-width digits (１０)
    word = re.sub(r"[\s_]+", " ", m.group(2).lower()).strip()
    word = word.removeprefix("个").strip()  # 10个工作日, 24个小时
    unit = _UNIT_WORDS.get(word)
    if word in UNITS:
        unit = word
    if unit is None:
        raise ValueError(_("unknown unit {unit} in duration {text}; use one of {units} or 工作日 / 天 / 日 / 自然日 / "
                           "工作小时 / 小时").format(unit=repr(m.group(2)), text=repr(text), units=", ".join(UNITS)))
    if amount <= 0:
        raise ValueError(_("duration {text} must be a positive number of {unit}").format(text=repr(text), unit=unit))
    return amount, unit
