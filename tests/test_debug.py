"""Issue 10.4: a crashing check is an internal error; --debug shows where it crashed."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import BASE, run_cli

CRASHING = '''CODE = "TST902"
NAME = "crashing"
TITLE = "会崩溃的规则 A rule that crashes"
SEVERITY = "error"


def check(model, options):
    raise ZeroDivisionError("deliberate crash in a rule")
    yield
'''


def _with_crashing_rule(tmp_path: Path) -> dict[str, str]:
    """An environment whose `handbook` finds one more rule module, one that crashes."""
    more = tmp_path / "more_checks"
    more.mkdir()
    (more / "crashing_rule.py").write_text(CRASHING, encoding="utf-8")
    (tmp_path / "sitecustomize.py").write_text(
        f"import handbook.checks\nhandbook.checks.__path__.append({str(more)!r})\n", encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))}


def test_a_crashing_check_is_one_line_without_debug(tmp_path: Path) -> None:
    r = run_cli("check", str(BASE), env=_with_crashing_rule(tmp_path))
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "handbook: internal error: check TST902 (handbook.checks.crashing_rule) failed: ZeroDivisionError: "
        "deliberate crash in a rule (run with --debug for the traceback)"]
    assert "Traceback" not in r.stdout + r.stderr


def test_debug_shows_the_traceback_down_to_the_crashing_rule(tmp_path: Path) -> None:
    r = run_cli("--debug", "check", str(BASE), env=_with_crashing_rule(tmp_path))
    assert r.returncode != 0
    assert "Traceback (most recent call last)" in r.stderr
    assert 'crashing_rule.py", line 8, in check' in r.stderr, r.stderr
    assert "ZeroDivisionError: deliberate crash in a rule" in r.stderr
