"""A branch office's manual against the head office's: python benchmarks/branch_build_bench.py [--repeat 3]

Issue 15's target: one branch's manual builds in the time of one head-office build. For the
shipped project (policies/ with branches/unit-branch-zj, which overrides, and has a closure
calendar) and for synthetic projects (make_corpus.py: a 2,000-item head office with a branch of
100 items, overrides among them, as a real branch is; and with a branch of 600, whose manual
is a third longer than the head office's), it times in fresh processes `handbook build` and
`handbook build --branch ID`, and prints the medians and their ratio; and the combined build
(`--all-branches`) of the shipped project against the sum of its sites' builds. It prints
numbers; it asserts nothing. Figures go into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(args: list[str], cwd: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "handbook", "build", *args], cwd=cwd, env=ENV,
                           capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if r.returncode != 0:
            raise SystemExit(f"handbook build {' '.join(args)} failed:\n{r.stderr[-3000:]}")
    return statistics.median(times)


def synthetic(work: Path, branch_items: int) -> tuple[Path, str]:
    """A project of make_corpus.py's head office and one branch, built with the repository's mkdocs.yml."""
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "2000", str(work / "policies"),
                    "--branches", "1", "--branch-items", str(branch_items)], check=True, capture_output=True)
    shutil.copyfile(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    (work / "docs").mkdir()
    (work / "docs" / "about.md").write_text("# 关于\n\n基准测试用的手写页面。\n", encoding="utf-8")
    return work, next(p.name for p in (work / "branches").iterdir())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shipped = work / "shipped"
        shipped.mkdir()
        for name in ("mkdocs.yml", "handbook.toml"):
            if (ROOT / name).exists():
                shutil.copyfile(ROOT / name, shipped / name)
        for name in ("docs", "policies", "branches"):
            shutil.copytree(ROOT / name, shipped / name)
        projects = [("shipped", shipped, "unit-branch-zj"),
                    ("2,000 items + 100", *synthetic(work / "synthetic-100", 100)),
                    ("2,000 items + 600", *synthetic(work / "synthetic-600", 600))]
        print(f"{'project':<20} {'head office':>12} {'branch':>10} {'ratio':>7}")
        for name, project, branch in projects:
            head = timed(["-d", str(work / "site")], project, args.repeat)
            mine = timed(["--branch", branch, "-d", str(work / "site-b")], project, args.repeat)
            print(f"{name:<20} {head:>10.2f} s {mine:>8.2f} s {mine / head:>6.2f}x")
        head = timed(["-d", str(work / "site")], shipped, args.repeat)
        every = timed(["--all-branches", "-d", str(work / "site-all")], shipped, args.repeat)
        print(f"shipped, --all-branches (3 sites): {every:.2f} s, {every / head:.2f}x one head-office build")


if __name__ == "__main__":
    main()
