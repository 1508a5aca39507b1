"""Each rule's fixture folders: tests/rules/<CODE>/{pass,fail}/.

A folder holds policy files laid over the base set (tests/fixtures/base). In a
failing case, each expected problem is marked on its line with `# expect: CODE@COL`
(or listed in expected.txt as `file:line:col CODE` for files that cannot hold a
comment); the check must report exactly those places for that code. A passing
case must come out clean. A today.txt sets the day the check runs as of.

A folder may also hold branch offices, ``branches/<unit id>/...`` (README: Branch offices):
they are copied beside the laid-over policies, as ``handbook check`` finds them, and each is
checked after the head office over the head office's result (engine.run_branch); their
problems are shown as ``branches/<unit id>/<file>``, which is how they are marked.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from handbook.branches import FOLDER, discover
from handbook.config import Config
from handbook.engine import Result, run, run_branch
from handbook.problem import Problem
from handbook.rules import registry

from conftest import BASE

RULES_DIR = Path(__file__).parent / "rules"
MARK = re.compile(r"#\s*expect:\s*([A-Z]{3,4}[0-9]{3})(?:@([0-9]+))?")


def expected(folder: Path) -> set[tuple[str, int, int, str]]:
    """(file, line, column, code) of every finding a failing fixture must produce: marked
    ``# expect: CODE@COLUMN`` on its line, or listed in expected.txt as ``file:line:col CODE``."""
    out: set[tuple[str, int, int, str]] = set()
    for f in sorted(folder.rglob("*.y*ml")):
        try:
            lines = f.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        for n, line in enumerate(lines, 1):
            for code, col in MARK.findall(line):
                assert col, f"{f}:{n}: '# expect: {code}' needs its column: '# expect: {code}@COLUMN'"
                out.add((f.relative_to(folder).as_posix(), n, int(col), code))
    listed = folder / "expected.txt"
    if listed.exists():
        for line in listed.read_text().split("\n"):
            if line.strip():
                where, code = line.split()
                file, ln, col = where.split(":")
                out.add((file, int(ln), int(col), code))
    return out


def config_for(folder: Path) -> Config:
    today = folder / "today.txt"
    return Config(today=date.fromisoformat(today.read_text().strip())) if today.exists() else Config()


def cases(kind: str) -> list[Path]:
    return sorted(p for p in RULES_DIR.glob(f"*/{kind}") if p.is_dir())


def checked(folder: Path, tmp_path: Path) -> list[Problem]:
    """The fixture's problems as ``handbook check`` finds them: the base set with the folder's
    policy files over it, then each of the folder's branches (``branches/<id>/``) over that."""
    policies = tmp_path / "p"
    shutil.copytree(BASE, policies)
    for f in folder.rglob("*"):
        rel = f.relative_to(folder)
        if not f.is_file() or f.suffix not in (".yaml", ".yml"):
            continue
        # a branch's files go beside the policies, where discover() looks for them
        target = tmp_path / rel if rel.parts[0] == FOLDER else policies / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    config = config_for(folder)
    head: Result = run(policies, config)
    problems = list(head.problems)
    for branch in discover(policies):
        problems += run_branch(policies, branch, config, head=head).problems
    return problems


def test_every_rule_has_a_passing_and_a_failing_fixture() -> None:
    codes = set(registry())
    have_fail = {p.parent.name for p in cases("fail")}
    have_pass = {p.parent.name for p in cases("pass")}
    # Rules whose failure needs the file system (links, permissions, size) or a
    # lowered limit are exercised in test_loader.py instead of a fixture folder;
    # CITE001 (hand-written pages) in test_site_safety.py, through a real build.
    filesystem = {"FIL002", "FIL003", "FIL004", "FIL005", "YML014", "CITE001"}
    assert codes - filesystem - have_fail == set()
    assert codes - filesystem - have_pass == set()
    assert (have_fail | have_pass) - codes == set(), "fixture folder for an unknown code"


@pytest.mark.parametrize("folder", cases("fail"), ids=lambda p: p.parent.name)
def test_failing_fixture_reports_exactly_the_marked_lines(folder: Path, tmp_path: Path) -> None:
    code = folder.parent.name
    want = expected(folder)
    assert want, f"{folder} marks no expected problem"
    problems = checked(folder, tmp_path)
    # paths are shown relative to the policy root when it is not under the working directory
    # (a branch's as branches/<id>/<file>)
    got = {(p.path, p.line, p.column, p.code) for p in problems if p.code == code}
    assert got == want
    for p in problems:
        assert p.message and p.column >= 0


@pytest.mark.parametrize("folder", cases("pass"), ids=lambda p: p.parent.name)
def test_passing_fixture_is_clean(folder: Path, tmp_path: Path) -> None:
    problems = checked(folder, tmp_path)
    # waived problems are listed for the audit trail but do not count
    assert [f"{p.path}:{p.line} {p.code} {p.message}" for p in problems if p.severity.value != "waived"] == []
