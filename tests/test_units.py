"""The table of units is the one source of unit names, labels and counting rules:
the schema gives names and labels, Python and the browser calculator read it. The
table of roll rules (what calendar days do when the last day is a rest day) is
read the same way by both."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

from handbook.calendar import WorkCalendar, counting, tables
from handbook.calendar.units import DEFAULT_ROLL, ROLLS, STRATEGIES, UNITS, check_roll
from handbook.periods import period
from handbook.render.calendar_data import calendar_script
from handbook.resources import schemas_dir

CALCULATOR = Path(str(files("handbook") / "assets" / "calculator.js"))


def _schema_unit() -> dict:
    return json.loads((schemas_dir() / "common.schema.json").read_text(encoding="utf-8"))["$defs"]["unit"]


def test_names_and_labels_come_from_the_schema() -> None:
    spec = _schema_unit()
    assert list(UNITS) == spec["enum"]
    assert {n: u.label for n, u in UNITS.items()} == spec["x-labels"]


def test_every_strategy_is_implemented_in_python_and_in_the_calculator() -> None:
    js = CALCULATOR.read_text(encoding="utf-8")
    assert {u.strategy for u in UNITS.values()} <= set(STRATEGIES)
    for s in STRATEGIES:
        assert s in counting._RULES and s in tables._TABLES, s
        assert re.search(rf"\b{s}: function\b", js), f"calculator.js does not implement {s}"


def test_calculator_js_names_no_unit_and_no_label() -> None:
    # The calculator reads names, labels and strategies from workcal.js; a copy here
    # would drift from the schema and from `handbook deadline`.
    # A field of the data it reads (unit.seconds, the length of one unit) names no unit.
    js = CALCULATOR.read_text(encoding="utf-8")
    for name, unit in UNITS.items():
        assert not re.search(rf"(?<![A-Za-z_.]){name}(?![A-Za-z_])", js), f"calculator.js mentions {name}"
        assert unit.label not in js, f"calculator.js carries the label {unit.label}"
    for name, roll in ROLLS.items():
        assert not re.search(rf"(?<![A-Za-z_.]){name}(?![A-Za-z_])", js), f"calculator.js mentions the roll {name}"
        assert roll.label not in js, f"calculator.js carries the label {roll.label}"


def test_python_counting_names_no_unit() -> None:
    # The strategies read their scale from the unit table: no branch on a unit's name.
    for module in (counting, tables):
        text = Path(str(module.__file__)).read_text(encoding="utf-8")
        for name in UNITS:
            assert not re.search(rf"[\"']{name}[\"']", text), f"{module.__name__} names the unit {name}"


def test_timed_units_carry_their_length_in_seconds() -> None:
    assert {n: u.seconds for n, u in UNITS.items()} == {
        "seconds": 1, "minutes": 60, "hours": 3600, "working_hours": 3600, "working_days": None, "calendar_days": None,
    }
    assert {n for n, u in UNITS.items() if u.strategy == "elapsed"} == {"seconds", "minutes", "hours"}
    assert UNITS["minutes"].total_seconds(90) == 5400
    with pytest.raises(ValueError, match="whole days"):
        UNITS["working_days"].total_seconds(3)


def test_roll_table() -> None:
    assert list(ROLLS) == ["next_working_day", "none"] and next(iter(ROLLS)) == DEFAULT_ROLL
    assert {n: (r.label, r.forward) for n, r in ROLLS.items()} == {
        "next_working_day": ("顺延至下一工作日", True), "none": ("不顺延", False),
    }
    assert check_roll("none") is ROLLS["none"]
    for bad in ("None", "next", "", None, True):
        with pytest.raises(ValueError, match=r"unknown roll .*; expected one of next_working_day, none"):
            check_roll(bad)  # type: ignore[arg-type]


def test_roll_names_are_the_schema_s() -> None:
    spec = json.loads((schemas_dir() / "common.schema.json").read_text(encoding="utf-8"))["$defs"].get("roll")
    if spec is None:
        pytest.skip("common.schema.json has no $defs.roll yet")
    assert spec["enum"] == list(ROLLS)


def test_calendar_script_carries_the_unit_table() -> None:
    script = calendar_script(WorkCalendar())
    data = json.loads(script.removeprefix("window.HANDBOOK_CALENDAR = ").removesuffix(";\n"))
    assert {u["name"]: (u["label"], u["strategy"], u["seconds"]) for u in data["units"]} == {
        n: (u.label, u.strategy, u.seconds) for n, u in UNITS.items()
    }
    assert data["units"][0]["name"] == "working_days"  # the calculator's default
    assert data["rolls"] == [{"name": "next_working_day", "label": "顺延至下一工作日", "forward": True},
                             {"name": "none", "label": "不顺延", "forward": False}]  # the first is the default
    assert data["plain"] == ["workday", "weekend"]
    assert data["kinds"]["makeup_workday"] == {"label": "调休上班", "working": True, "makeup": True}
    assert data["kinds"]["holiday"]["working"] is False
    assert data["business"] == [[510, 720], [780, 1050]]


def test_periods_accept_exactly_the_table_s_units() -> None:
    for name in UNITS:
        assert period({"amount": 3, "unit": name}) == (3, name)
    assert period({"amount": 3, "unit": "weeks"}) is None
