"""Issue 9.4: a file just under the size limit, dense with items, is answered quickly.

Before: 5 MiB of ``- [1,1,1,...]`` lines, ``-`` lines or ``{}`` flows took 7-10 s and
1.1-1.25 GB before YML014 fired, because items were counted after the whole file
had been composed. Now the parser's events are counted and the count stops at
the limit. The bounds here are the issue's (2 s, 200 MB) with room for a slow CI
machine; benchmarks/dense_bench.py prints the measured figures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

SIZE = 5 * 1024 * 1024 - 1024  # just under the default max_bytes
DENSE = {
    "flow-lists": "- [" + ",".join(["1"] * 99) + "]\n",
    "bare-dashes": "-\n",
    "empty-flows": "- {}\n",
}


def _run(path: Path) -> tuple[int, str, float, float]:
    """Run `handbook check PATH`; exit code, output, seconds, and this child's own peak MB."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "handbook", "check", str(path)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    out = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)  # this child's rusage, not the maximum over all children
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out, time.monotonic() - start, usage.ru_maxrss / 1024


@pytest.mark.parametrize("name", DENSE)
def test_dense_file_is_refused_while_parsing(tmp_path: Path, name: str) -> None:
    line = DENSE[name]
    f = tmp_path / f"{name}.yaml"
    f.write_text("a:\n" + line * ((SIZE - 3) // len(line)), encoding="utf-8")
    rc, out, seconds, peak_mb = _run(f)
    assert rc == 1, out
    assert f"{name}.yaml:" in out and ": YML014 more than 200000 keys and items: split the file" in out, out
    assert "Traceback" not in out
    assert seconds < 6, seconds  # measured 0.8-1.2 s
    assert peak_mb < 200, peak_mb  # measured 35-103 MB


def test_the_limit_is_reported_at_the_item_that_goes_over(tmp_path: Path) -> None:
    f = tmp_path / "over.yaml"
    f.write_text("a:\n" + "- {}\n" * 200_001, encoding="utf-8")
    rc, out, _, _ = _run(f)
    assert rc == 1
    # "a" is the first key; items 2..200001 are the list entries on lines 2..
    assert "over.yaml:200001:3: YML014 " in out, out


def test_a_file_just_under_the_item_limit_loads(tmp_path: Path) -> None:
    f = tmp_path / "under.yaml"
    f.write_text("a:\n" + "- {}\n" * 199_000, encoding="utf-8")
    rc, out, _, peak_mb = _run(f)
    assert "YML014" not in out and "Traceback" not in out, out
    assert peak_mb < 200, peak_mb
