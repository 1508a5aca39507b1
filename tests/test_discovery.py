"""Which files a policy folder holds (issue 9, items 8, 12, 17), through the real CLI.

A FIFO must be reported without being opened (opening one waits for a writer
forever), upper-case extensions are policy files, and a symbolic link loop is
called a loop rather than a way out of the folder.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from browser import write_mkdocs_yml
from conftest import make_set, run_cli

FIFO_MESSAGE = "FIL002 cannot read file: not a regular file (FIFO)"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


def _run(*args: str, timeout: float = 30, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """run_cli, but a hang (the bug this file guards against) fails the test instead of blocking it."""
    try:
        return run_cli(*args, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        pytest.fail(f"handbook {' '.join(args)} hung for {timeout} s")


@needs_fifo
def test_fifo_in_the_policy_folder_is_reported_not_opened(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    os.mkfifo(root / "x.yaml")
    r = _run("check", str(root))
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"x.yaml:1:1: {FIFO_MESSAGE}\n" in r.stdout
    assert r.stdout.endswith("1 error in 9 files (30 items)\n"), r.stdout


@needs_fifo
def test_fifo_given_as_path_is_reported_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    r = _run("check", "x.yaml", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stdout.startswith(f"x.yaml:1:1: {FIFO_MESSAGE}\n"), r.stdout
    # from another folder too: named (relative to its folder, or absolute), never shown as "."
    r = _run("check", str(fifo))
    assert r.returncode == 1, r.stdout + r.stderr
    assert re.match(rf"(x\.yaml|{re.escape(fifo.as_posix())}):1:1: {re.escape(FIFO_MESSAGE)}\n", r.stdout), r.stdout


@pytest.mark.slow
@needs_fifo
def test_fifo_fails_the_build_instead_of_hanging_it(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    os.mkfifo(root / "x.yaml")
    cfg = write_mkdocs_yml(tmp_path, root)
    r = _run("build", "-f", str(cfg), "-d", str(tmp_path / "site"), timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"x.yaml:1:1: {FIFO_MESSAGE}" in r.stderr
    assert not (tmp_path / "site").exists()


def test_upper_and_mixed_case_extensions_are_policy_files(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    (root / "EXTRA.YAML").write_text("title: no kind\n", encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "x.Yml").write_text("kind: glosary\n", encoding="utf-8")
    r = run_cli("check", str(root))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "EXTRA.YAML:1:1: FIL001 cannot tell what kind of policy this is: add 'kind:'" in r.stdout
    assert "sub/x.Yml:1:7: FIL001 unknown kind 'glosary'" in r.stdout
    assert r.stdout.endswith("2 errors in 10 files (30 items)\n"), r.stdout


def test_symbolic_link_loops_are_reported_as_loops(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    (root / "a.yaml").symlink_to("b.yaml")
    (root / "b.yaml").symlink_to("a.yaml")
    (root / "self.yml").symlink_to("self.yml")
    r = run_cli("check", str(root))
    assert r.returncode == 1, r.stdout + r.stderr
    for name in ("a.yaml", "b.yaml", "self.yml"):
        assert f"{name}:0:0: FIL002 cannot read file: symbolic link loop\n" in r.stdout, r.stdout
    assert "outside" not in r.stdout
    assert r.stdout.endswith("3 errors in 8 files (30 items)\n"), r.stdout


def test_link_leaving_the_folder_is_still_refused_as_outside(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    outside = tmp_path / "outside.yaml"
    outside.write_text("kind: glossary\n", encoding="utf-8")
    (root / "out.yaml").symlink_to(outside)
    r = run_cli("check", str(root))
    assert r.returncode == 1
    assert "out.yaml:0:0: FIL004 symbolic link leads outside the policy folder: refused\n" in r.stdout
