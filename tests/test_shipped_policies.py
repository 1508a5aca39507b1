"""The shipped policy set: editor associations, and the checks holding it to the regulations."""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook.config import Config
from handbook.engine import run
from handbook.resources import schemas_dir, shipped_policies

from conftest import run_cli


def test_each_file_names_its_schema_for_editors() -> None:
    for f in sorted(shipped_policies().glob("*.yaml")):
        first, second = f.read_text(encoding="utf-8").splitlines()[:2]
        kind = second.removeprefix("kind: ").strip()
        assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json", f.name
        assert (schemas_dir() / f"{kind}.schema.json").is_file()


def test_every_binding_article_is_implemented() -> None:
    r = run_cli("trace", "--gaps")
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[-1].endswith(" not implemented") and ", 0 not implemented" in r.stdout


def _with_seed_acceptance(tmp_path: Path) -> Path:
    """The shipped set with the seed regulation's own acceptance period put back."""
    root = tmp_path / "policies"
    shutil.copytree(shipped_policies(), root)
    f = root / "complaints.yaml"
    text = f.read_text(encoding="utf-8")
    old = "      amount: 5\n      unit: calendar_days\n      from: ev-materials-complete\n"
    assert old in text
    f.write_text(text.replace(old, "      amount: 10\n      unit: working_days\n      from: ev-materials-complete\n"),
                 encoding="utf-8")
    return root


def test_the_seed_acceptance_period_breaks_the_2020_rule(tmp_path: Path) -> None:
    # 《客户服务管理规定》第十六条: 10 working days to say whether a complaint is accepted.
    # The current rule gives 15 calendar days for the whole simple complaint; around a
    # long holiday 10 working days alone run past it. The check must say so, with the worst day.
    root = _with_seed_acceptance(tmp_path)
    result = run(root, Config())
    lim = [p for p in result.problems if p.code == "LIM001"]
    assert len(lim) == 1, result.problems
    p = lim[0]
    assert p.path == "complaints.yaml" and p.line == 200
    assert "'stage-accept': 10 working_days can end after the limit lim-2020-simple-15d (15 calendar_days" in p.message
    assert "counted from 2020-01-19" in p.message and "days late" in p.message


def test_shipped_acceptance_period_fits() -> None:
    result = run(shipped_policies(), Config())
    assert [p for p in result.problems if p.code in ("LIM001", "SEQ002")] == []
