"""Snapshot tests of every output format, and SARIF validated against the SARIF 2.1.0 schema.

Set UPDATE_SNAPSHOTS=1 to rewrite the snapshots after an intended change, then
review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from handbook.reporters import REPORTERS

from conftest import make_set, run_cli

SNAPSHOTS = Path(__file__).parent / "snapshots"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"


def _broken_set(tmp_path: Path) -> Path:
    root = make_set(tmp_path / "policies")
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("reports_to: cs-head", "reports_to: cs-haed")
                   .replace("    duties: [受理客户咨询与投诉]\n", "    duties: []\n"), encoding="utf-8")
    (root / "waivers.yaml").write_text(
        'kind: waivers\ntitle: 豁免\nversion: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\n'
        "owner: cs-head\nwaivers:\n  - id: wv-duties\n    check: OWN002\n    item: cs-agent\n"
        '    approved_by: general-manager\n    reason: 岗位职责正在修订\n    granted: "2026-05-01"\n    until: "2026-07-30"\n',
        encoding="utf-8")
    glossary = root / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace('review_by: "2099-12-31"', 'review_by: "2020-01-01"'),
                        encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_snapshot(fmt: str, tmp_path: Path) -> None:
    root = _broken_set(tmp_path)
    r = run_cli("check", "policies", "--format", fmt, cwd=root.parent)
    assert r.returncode == 1, r.stderr
    snap = SNAPSHOTS / f"check.{fmt}.txt"
    out = _results_only(r.stdout) if fmt == "sarif" else r.stdout
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snap.write_text(out, encoding="utf-8")
    assert out == snap.read_text(encoding="utf-8")


def _results_only(sarif: str) -> str:
    """The SARIF snapshot keeps results; rule documentation (tested against the SARIF
    schema below) would make every edit to a rule's docstring rewrite it."""
    doc = json.loads(sarif)
    for run in doc["runs"]:
        run["tool"]["driver"]["rules"] = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def test_sarif_validates_against_the_sarif_schema(tmp_path: Path) -> None:
    root = _broken_set(tmp_path)
    r = run_cli("check", "policies", "--format", "sarif", cwd=root.parent)
    doc = json.loads(r.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft4Validator(schema).iter_errors(doc), key=str)
    assert errors == []
    results = doc["runs"][0]["results"]
    waived = [x for x in results if x.get("suppressions")]
    assert [x["ruleId"] for x in waived] == ["OWN002"]
    assert {x["ruleId"] for x in results} == {"REF001", "OWN002", "STL001"}


def test_github_format_is_chosen_inside_github_actions(tmp_path: Path) -> None:
    root = _broken_set(tmp_path)
    r = run_cli("check", "policies", cwd=root.parent, env={"GITHUB_ACTIONS": "true"})
    assert r.stdout.startswith("::")
    assert "::error file=policies/organisation.yaml,line=32,col=17,title=REF001::REF001 roles.2.reports_to" in r.stdout
