"""Shared test helpers: run the real CLI, and build policy sets from the base fixture."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

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


def run_measured(*args: str, timeout: float = 60) -> tuple[int, str, float]:
    """Run `python -m handbook ARGS`; exit code, output (stdout and stderr), and this child's
    own peak memory in MB, from ``os.wait4`` (RUSAGE_CHILDREN would be the largest of all
    children so far). A run that outlives ``timeout`` fails the test instead of hanging it."""
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-m", "handbook", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        assert proc.stdout is not None
        out = proc.stdout.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(proc.pid, 0)  # reaps it: Popen never sees the status
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode == -signal.SIGKILL:
        pytest.fail(f"handbook {' '.join(args)} hung for {timeout} s")
    return proc.returncode, out, usage.ru_maxrss / 1024


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
