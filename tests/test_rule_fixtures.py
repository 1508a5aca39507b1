"""Each rule's fixture folders: tests/rules/<CODE>/{pass,fail}/.

A folder holds policy files laid over the base set (tests/fixtures/base). In a
failing case, each expected problem is marked on its line with `# expect: CODE@COL`
(or listed in expected.txt as `file:line:col CODE` for files that cannot hold a
comment); the check must report exactly those places for that code. A passing
case must come out clean. A today.txt sets the day the check runs as of.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from handbook.config import Config
from handbook.engine import run
from handbook.rules import registry

from conftest import make_set

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
    root = make_set(tmp_path / "p", folder)
    result = run(root, config_for(folder))
    # paths are shown relative to the policy root when it is not under the working directory
    got = {(p.path, p.line, p.column, p.code) for p in result.problems if p.code == code}
    assert got == want
    for p in result.problems:
        assert p.message and p.column >= 0


@pytest.mark.parametrize("folder", cases("pass"), ids=lambda p: p.parent.name)
def test_passing_fixture_is_clean(folder: Path, tmp_path: Path) -> None:
    root = make_set(tmp_path / "p", folder)
    result = run(root, config_for(folder))
    # waived problems are listed for the audit trail but do not count
    assert [f"{p.path}:{p.line} {p.code} {p.message}" for p in result.problems if p.severity.value != "waived"] == []
