"""Shared test helpers: run the real CLI, and build policy sets from the base fixture."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

# Checks that depend on the date (stale policies, waiver expiry, calendar coverage)
# run as of a fixed day, inside the holiday package's covered years, so that the
# suite gives the same answer on every day; tests of those checks set their own.
os.environ["HANDBOOK_TODAY"] = "2026-06-01"

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base"


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m handbook ARGS` as a user would, capturing output."""
    full_env = {**os.environ, **(env or {})}  # the installed handbook (pip install -e . while developing)
    full_env.pop("GITHUB_ACTIONS", None)
    if env and "GITHUB_ACTIONS" in env:
        full_env["GITHUB_ACTIONS"] = env["GITHUB_ACTIONS"]
    return subprocess.run([sys.executable, "-m", "handbook", *args], cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


# The child reports its own peak resident memory (VmHWM of its address space) at exit.
# rusage cannot tell it: ru_maxrss carries over the parent's size from the fork, so a
# child of a large pytest process would seem as large.
_MEASURED = (
    "import atexit, os, runpy, sys\n"
    "def _peak():\n"
    "    with open('/proc/self/status') as f, open(os.environ['HANDBOOK_TEST_PEAK'], 'w') as out:\n"
    "        out.write(next(line for line in f if line.startswith('VmHWM:')).split()[1])\n"
    "atexit.register(_peak)\n"
    "sys.argv[0] = 'handbook'\n"
    "runpy.run_module('handbook', run_name='__main__', alter_sys=True)\n"
)


def run_measured(*args: str, timeout: float = 60) -> tuple[int, str, float]:
    """Run `python -m handbook ARGS`; exit code, output (stdout and stderr), and the child's own
    peak memory in MB. A run that outlives ``timeout`` fails the test instead of hanging it."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        env = {**os.environ, "HANDBOOK_TEST_PEAK": peak.name}
        try:
            proc = subprocess.run([sys.executable, "-c", _MEASURED, *args], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"handbook {' '.join(args)} hung for {timeout} s")
        kb = peak.read().strip()
    assert kb, f"handbook {' '.join(args)} did not report its peak memory"
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), int(kb) / 1024


def make_set(dest: Path, *overlays: Path) -> Path:
    """Copy the base policy set to dest, then each overlay folder's files over it."""
    shutil.copytree(BASE, dest)
    for overlay in overlays:
        for f in overlay.rglob("*"):
            if f.is_file() and f.suffix in (".yaml", ".yml"):
                target = dest / f.relative_to(overlay)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, target)
    return dest


@pytest.fixture
def policy_set(tmp_path: Path) -> Path:
    return make_set(tmp_path / "policies")


@pytest.fixture(scope="module")
def browser() -> Any:
    """Debian's Chromium driven by Playwright, one per test module (the browser tests' fixture)."""
    from browser import ARGS, CHROMIUM, require_chromium  # here: browser.py imports this module

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


# The manuals many tests read, built once per test process: a build costs seconds, and the
# tests only read the site (each serves it from a folder of its own, see browser.serve).
HUAXIN = ROOT / "examples" / "huaxin"


@pytest.fixture(scope="session")
def model() -> Any:
    """The model of the shipped policies (read only: many modules share it)."""
    from handbook.config import Config
    from handbook.engine import run
    from handbook.resources import shipped_policies

    result = run(shipped_policies(), Config())
    assert result.model is not None and result.errors == 0, result.problems
    return result.model


def _built(tmp_path_factory: pytest.TempPathFactory, project: Path) -> Path:
    out = tmp_path_factory.mktemp(project.name) / "site"
    r = run_cli("build", "-f", str(project / "mkdocs.yml"), "-d", str(out), timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return out


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The manual of the shipped policies, built with the repository's mkdocs.yml and docs."""
    return _built(tmp_path_factory, ROOT)


@pytest.fixture(scope="session")
def huaxin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second company's manual, as its project builds it (its own mkdocs.yml, docs and name)."""
    return _built(tmp_path_factory, HUAXIN)
