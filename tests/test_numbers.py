"""Issue 9.2 and 9.3: whole numbers written as floats, and absurd lengths, are located errors.

Before: ``amount: 20.0`` on a stage passed where ``20`` was LIM001, ``15.0`` on a
limit let a 20-day stage through, ranks ``3.0``/``2.0`` passed PEN001, and a stage
of 1,000,000,000 days passed (past about 8,000 days the limit check stopped
seeing it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_set, run_cli

STAGE = "{amount: 15, unit: calendar_days, from: ev-received, bounded_by: [lim-x-15d]}"


def _edit(root: Path, name: str, old: str, new: str, count: int = 1) -> Path:
    f = root / name
    text = f.read_text(encoding="utf-8")
    assert old in text, (name, old)
    f.write_text(text.replace(old, new, count), encoding="utf-8")
    return f


def _line_of(f: Path, needle: str) -> int:
    return next(i for i, ln in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if needle in ln)


@pytest.mark.parametrize("written", ["20.0", "2.0e+1", "20.00"])
def test_float_amount_on_a_stage_is_a_located_error(tmp_path: Path, written: str) -> None:
    root = make_set(tmp_path / "policies")
    f = _edit(root, "complaints.yaml", STAGE, STAGE.replace("amount: 15", f"amount: {written}"))
    r = run_cli("check", str(root))
    assert r.returncode == 1
    line = _line_of(f, f"amount: {written}")
    col = f.read_text(encoding="utf-8").splitlines()[line - 1].index(written) + 1
    assert (f"complaints.yaml:{line}:{col}: SCH003 stages.1.deadline.amount: expected integer (整数), "
            f"got 20.0; write the whole number without a decimal point: 20") in r.stdout, r.stdout


def test_float_limit_cannot_let_a_longer_stage_through(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    _edit(root, "complaints.yaml", STAGE, STAGE.replace("amount: 15", "amount: 20"))
    f = _edit(root, "regulations.yaml", "            amount: 15\n", "            amount: 15.0\n")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    assert f"regulations.yaml:{_line_of(f, 'amount: 15.0')}:21: SCH003 " in r.stdout, r.stdout


def test_float_ranks_are_refused(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    f = _edit(root, "penalties.yaml", "    rank: 1\n", "    rank: 3.0\n")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    assert f"penalties.yaml:{_line_of(f, 'rank: 3.0')}:11: SCH003 tiers.0.rank: expected integer" in r.stdout


def test_deadline_item_refuses_a_broken_set_instead_of_saying_no_deadline(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    _edit(root, "complaints.yaml", STAGE, STAGE.replace("amount: 15", "amount: 20.0"))
    r = run_cli("deadline", "--from", "2026-06-01", "--item", "stage-decide", "--policies", str(root))
    assert r.returncode != 0
    assert "no deadline" not in (r.stdout + r.stderr)
    assert "SCH003" in r.stdout + r.stderr


@pytest.mark.parametrize(("amount", "unit", "maximum"), [
    (1_000_000_000, "calendar_days", 366), (367, "calendar_days", 366), (251, "working_days", 250),
    (8785, "hours", 8784), (2001, "working_hours", 2000)])
def test_a_deadline_longer_than_a_year_is_refused(tmp_path: Path, amount: int, unit: str, maximum: int) -> None:
    root = make_set(tmp_path / "policies")
    f = _edit(root, "complaints.yaml", STAGE, f"{{amount: {amount}, unit: {unit}, from: ev-received}}")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    line = _line_of(f, f"amount: {amount}")
    assert (f"complaints.yaml:{line}:24: SCH004 stages.1.deadline.amount: {amount} is greater than the maximum "
            f"of {maximum}") in r.stdout, r.stdout
    assert "over_a_year: true" in r.stdout


def test_a_declared_long_period_is_still_checked_against_its_limit(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    long = "{amount: 2500, over_a_year: true, unit: working_days, from: ev-received, bounded_by: [lim-x-15d]}"
    f = _edit(root, "complaints.yaml", STAGE, long)
    r = run_cli("check", str(root))
    assert r.returncode == 1
    line = _line_of(f, "amount: 2500")
    assert f"complaints.yaml:{line}:" in r.stdout and "LIM001 'stage-decide': 2500 working_days can end after " \
        "the limit lim-x-15d" in r.stdout, r.stdout
    # ten years is the ceiling even when declared
    _edit(root, "complaints.yaml", "amount: 2500", "amount: 2501")
    r = run_cli("check", str(root))
    assert "SCH004 stages.1.deadline.amount: 2501 is greater than the maximum of 2500" in r.stdout, r.stdout
