"""Units of a period and the roll rule of calendar days: one table each.

Units: name, Chinese label and counting strategy, with the length of one unit in
seconds for the units counted as time. The names and Chinese labels are the
schema's (``$defs.unit`` in ``common.schema.json``: its ``enum`` and its
``x-labels``), so policy files, the CLI, the manual and the browser calculator
all read the same table. The strategy names how a unit is counted:
:mod:`.counting` implements each for one event, :mod:`.tables` for every start
date, and ``assets/calculator.js`` in the browser, which receives this table in
``workcal.js`` (``render/calendar_data.py``).

Rolls (``ROLLS``): what a period in calendar days does when its last day is a
rest day. By the Civil Code (民法典 art. 203) it ends on the next working day
(``next_working_day``, the default); an internal promise may be stricter and end
on that rest day all the same (``none``). Only the ``roll_forward`` strategy
(calendar days) reads it; the other units accept it and ignore it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..i18n import _
from ..resources import schemas_dir

__all__ = ["DEFAULT_ROLL", "ROLLS", "STRATEGIES", "UNITS", "Roll", "Unit", "check_amount_unit", "check_roll",
           "parse_duration"]

# The one place a unit meets its counting rule: (strategy, seconds in one unit). Strategy
# names are deliberately not unit names, so calculator.js can implement them without naming
# any unit; the seconds are the scale of the strategies that count time (elapsed and
# business time), None for the units counted in whole days.
_COUNTING: dict[str, tuple[str, int | None]] = {
    # plain elapsed time from the event (民法典 art. 201)
    "seconds": ("elapsed", 1),
    "minutes": ("elapsed", 60),
    "hours": ("elapsed", 3600),
    # business hours only, nights, lunch and rest days skipped
    "working_hours": ("business_time", 3600),
    # the N-th working day after the event day, at closing time
    "working_days": ("nth_working_day", None),
    # N days after the event day; a last day that is a rest day rolls to a working day (see ROLLS)
    "calendar_days": ("roll_forward", None),
}
STRATEGIES: tuple[str, ...] = ("elapsed", "business_time", "nth_working_day", "roll_forward")
_TIMED = frozenset({"elapsed", "business_time"})  # the strategies that count seconds, so need a scale


@dataclass(frozen=True)
class Unit:
    name: str  # as written in policy files: "working_days"
    label: str  # Chinese, from the schema's x-labels: "个工作日"
    strategy: str  # one of STRATEGIES
    seconds: int | None = None  # one unit in seconds of counted time (elapsed or business); None: whole days

    @property
    def english(self) -> str:
        return self.name.replace("_", " ")

    def total_seconds(self, amount: int) -> int:
        """`amount` of this unit in seconds of counted time (the timed strategies' scale)."""
        if self.seconds is None:
            raise ValueError(f"unit {self.name} is counted in whole days, not in seconds")
        return amount * self.seconds


def _load() -> dict[str, Unit]:
    spec = json.loads((schemas_dir() / "common.schema.json").read_text(encoding="utf-8"))["$defs"]["unit"]
    names: list[str] = spec["enum"]
    labels: dict[str, str] = spec.get("x-labels", {})
    # A unit added to the schema without a label or a counting rule fails here, at import,
    # rather than as a KeyError in the middle of a check or a build.
    if set(labels) != set(names) or set(_COUNTING) != set(names):
        raise RuntimeError(
            f"common.schema.json $defs.unit: enum {sorted(names)}, x-labels {sorted(labels)} and "
            f"the counting strategies {sorted(_COUNTING)} must name the same units"
        )
    for name, (strategy, seconds) in _COUNTING.items():
        if strategy not in STRATEGIES or (strategy in _TIMED) != (seconds is not None and seconds > 0):
            raise RuntimeError(f"unit {name}: strategy {strategy!r} with seconds {seconds!r} "
                               f"(the strategies {sorted(_TIMED)} need a positive scale, the others none)")
    return {n: Unit(n, labels[n], *_COUNTING[n]) for n in names}


# name -> Unit, in the schema's order
UNITS: dict[str, Unit] = _load()


@dataclass(frozen=True)
class Roll:
    """What a period in calendar days does when its last day is a rest day."""

    name: str  # as written in policy files: "none"
    label: str  # Chinese: "不顺延"
    english: str  # "no roll"
    forward: bool  # a last day that is a rest day moves forward to the next working day


DEFAULT_ROLL = "next_working_day"  # the Civil Code's rule
# What each roll does, the one place it meets its meaning; names and Chinese labels are the
# schema's ($defs.roll: enum and x-labels), as for units.
_ROLL_FORWARD: dict[str, tuple[bool, str]] = {
    DEFAULT_ROLL: (True, "rolls to the next working day"),
    "none": (False, "no roll"),
}


def _load_rolls() -> dict[str, Roll]:
    spec = json.loads((schemas_dir() / "common.schema.json").read_text(encoding="utf-8"))["$defs"]["roll"]
    names: list[str] = spec["enum"]
    labels: dict[str, str] = spec.get("x-labels", {})
    if set(labels) != set(names) or set(_ROLL_FORWARD) != set(names) or names[0] != DEFAULT_ROLL:
        raise RuntimeError(f"common.schema.json $defs.roll: enum {names}, x-labels {sorted(labels)} and the roll "
                           f"rules {sorted(_ROLL_FORWARD)} must name the same rolls, the default first")
    return {n: Roll(n, labels[n], _ROLL_FORWARD[n][1], forward=_ROLL_FORWARD[n][0]) for n in names}


# name -> Roll; the default first (the calculator's default too)
ROLLS: dict[str, Roll] = _load_rolls()


def check_roll(roll: str) -> Roll:
    """The Roll named `roll`; ValueError for any other value."""
    found = ROLLS.get(roll) if isinstance(roll, str) else None
    if found is None:
        raise ValueError(_("unknown roll {roll}; expected one of {rolls}").format(roll=repr(roll),
                                                                                 rolls=", ".join(ROLLS)))
    return found


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
    "minutes": "minutes",
    "minute": "minutes",
    "分钟": "minutes",
    "分": "minutes",
    "seconds": "seconds",
    "second": "seconds",
    "秒": "seconds",
    "秒钟": "seconds",
}


def parse_duration(text: str) -> tuple[int, str]:
    """"10 working_days" / "10个工作日" / "15天" / "8工作小时" / "24小时" / "30分钟" / "20秒" -> (amount, unit)."""
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
