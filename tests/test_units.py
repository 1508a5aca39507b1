"""The table of units is the one source of unit names, labels and counting rules:
the schema gives names and labels, Python and the browser calculator read it."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

from handbook.calendar import WorkCalendar, counting, tables
from handbook.calendar.units import STRATEGIES, UNITS
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
    js = CALCULATOR.read_text(encoding="utf-8")
    for name, unit in UNITS.items():
        assert not re.search(rf"(?<![A-Za-z_]){name}(?![A-Za-z_])", js), f"calculator.js mentions {name}"
        assert unit.label not in js, f"calculator.js carries the label {unit.label}"


def test_calendar_script_carries_the_unit_table() -> None:
    script = calendar_script(WorkCalendar())
    data = json.loads(script.removeprefix("window.HANDBOOK_CALENDAR = ").removesuffix(";\n"))
    assert {u["name"]: (u["label"], u["strategy"]) for u in data["units"]} == {
        n: (u.label, u.strategy) for n, u in UNITS.items()
    }
    assert data["units"][0]["name"] == "working_days"  # the calculator's default
    assert data["plain"] == ["workday", "weekend"]
    assert data["kinds"]["makeup_workday"] == {"label": "调休上班", "working": True, "makeup": True}
    assert data["kinds"]["holiday"]["working"] is False
    assert data["business"] == [[510, 720], [780, 1050]]


def test_periods_accept_exactly_the_table_s_units() -> None:
    for name in UNITS:
        assert period({"amount": 3, "unit": name}) == (3, name)
    assert period({"amount": 3, "unit": "weeks"}) is None
