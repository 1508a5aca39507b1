"""Every direction rule of ``handbook diff``, through the command: the cases of tests/diff/cases.yaml
edit a copy of tests/diff/base and name the changes the JSON report must list, and the rule each
change's fields set off. A rule with no case fails here, so a new rule cannot go untested."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from handbook.cli import cli
from handbook.diff.directions import all_rules

HERE = Path(__file__).resolve().parent / "diff"
BASE = HERE / "base"
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))


def apply(folder: Path, edits: list[list[str]]) -> None:
    """Each edit [file, old, new]: the one place the old text occurs, or an append for an empty old text."""
    for name, old, new in edits:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        if old:
            assert text.count(old) == 1, f"{name}: {old!r} occurs {text.count(old)} times"
            text = text.replace(old, new)
        else:
            text += new
        path.write_text(text, encoding="utf-8")


def diff_json(old: Path, new: Path) -> dict[str, Any]:
    r = CliRunner().invoke(cli, ["diff", str(old), str(new), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc: dict[str, Any] = json.loads(r.stdout)
    return doc


def test_the_base_set_is_clean() -> None:
    r = CliRunner().invoke(cli, ["check", str(BASE), "--strict"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("no problems in 10 files")


def test_the_same_set_twice_has_no_changes(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "new")
    doc = diff_json(BASE, tmp_path / "new")
    assert doc["changes"] == [] and doc["summary"]["changes"] == 0


# A case with "xfail" waits for the schema to say what a field left out means; strict, so that it
# fails once the schema does, and the mark is removed.
@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["case"], marks=[pytest.mark.xfail(strict=True, reason=c["xfail"])] if "xfail" in c else [])
    for c in CASES])
def test_case(case: dict[str, Any], tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(BASE, old)
    apply(old, case.get("base_edits", []))
    shutil.copytree(old, new)
    apply(new, case["edits"])
    doc = diff_json(old, new)
    got = {(c["status"], c["kind"] if c["id"] == "" else "", c["id"]): c for c in doc["changes"]}
    want = {(e["status"], e.get("kind", ""), e["id"]): e for e in case["expect"]}
    assert sorted(got) == sorted(want), json.dumps(doc["changes"], ensure_ascii=False, indent=1)
    for key, e in want.items():
        c = got[key]
        rules = sorted({f["rule"] for f in c["fields"]})
        assert (c["direction"], rules) == (e["direction"], sorted(e["rules"])), json.dumps(c, ensure_ascii=False)
        assert c["renamed_from"] == e.get("renamed_from")
        assert all(f["direction"] == next(r.direction.value for r in all_rules() if r.code == f["rule"])
                   for f in c["fields"])
    counts = {d: sum(1 for c in doc["changes"] if c["direction"] == d) for d in ("relaxed", "tightened", "neutral")}
    upcoming = sum(1 for c in doc["changes"] if c["upcoming"])
    assert doc["summary"] == {"changes": len(doc["changes"]), **counts, "upcoming": upcoming}


def test_every_rule_has_a_case() -> None:
    covered = {r for case in CASES for e in case["expect"] for r in e["rules"]}
    missing = [r.code for r in all_rules() if r.code not in covered]
    assert missing == []
    unknown = covered - {r.code for r in all_rules()}
    assert unknown == set()


def test_every_case_edits_text_once() -> None:
    """The cases' edits are checked as they are applied; here, that none of them is a no-op."""
    for case in CASES:
        for _name, old, new in case["edits"]:
            assert old != new, case["case"]
