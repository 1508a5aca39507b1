"""Issue 10.1: the engine alone gives every finding its severity, for every stage.

Before, load and schema problems were hard-coded errors: ``[rules] YML013 = "warning"``
still failed the check with exit 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_set, run_cli

WAIVER = ('kind: waivers\ntitle: 豁免\nversion: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\n'
          "owner: cs-head\nwaivers:\n  - id: wv-1\n    check: OWN002\n    item: cs-agent\n"
          '    approved_by: general-manager\n    reason: 修订中\n    granted: "2026-05-01"\n    until: "2026-07-30"\n')


def _tab(root: Path) -> str:
    (root / "extra.yaml").write_text("kind: glossary\n\t- x\n", encoding="utf-8")
    return "extra.yaml:2:1: YML013 "


def _unknown_field(root: Path) -> str:
    f = root / "glossary.yaml"
    f.write_text(f.read_text(encoding="utf-8") + "severity: high\n", encoding="utf-8")
    line = len(f.read_text(encoding="utf-8").splitlines())
    return f"glossary.yaml:{line}:1: SCH002 "


def _reference(root: Path) -> str:
    f = root / "organisation.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("reports_to: cs-head", "reports_to: cs-haed"), encoding="utf-8")
    return "organisation.yaml:32:17: REF001 "


def _unused_waiver(root: Path) -> str:
    (root / "waivers.yaml").write_text(WAIVER, encoding="utf-8")
    return "waivers.yaml:9:12: WVR002 "


# one rule of each stage: load, schema, model, engine
CASES = [("YML013", _tab, "error"), ("SCH002", _unknown_field, "error"), ("REF001", _reference, "error"),
         ("WVR002", _unused_waiver, "warning")]


@pytest.mark.parametrize(("code", "make", "default"), CASES, ids=[c[0] for c in CASES])
def test_configured_severity_applies_to_every_stage(tmp_path: Path, code: str, make: object, default: str) -> None:
    root = make_set(tmp_path / "policies")
    where = make(root)  # type: ignore[operator]
    r = run_cli("check", str(root))
    assert where in r.stdout, r.stdout
    assert r.returncode == (1 if default == "error" else 0)
    flip = "warning" if default == "error" else "error"
    (root / "handbook.toml").write_text(f'[rules]\n{code} = "{flip}"\n', encoding="utf-8")
    r = run_cli("check", str(root))
    assert f"{where}{flip + ': ' if flip == 'warning' else ''}" in r.stdout, r.stdout
    assert r.returncode == (0 if flip == "warning" else 1), r.stdout
    (root / "handbook.toml").write_text(f'[rules]\n{code} = "off"\n', encoding="utf-8")
    r = run_cli("check", str(root))
    assert f" {code} " not in r.stdout and r.returncode == 0, r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_rules_lists_the_severity_the_check_applies(tmp_path: Path) -> None:
    r = run_cli("rules", "YML013")
    assert "default severity: error" in r.stdout
