"""`handbook check` of a head office and its branch offices, against a bare parse of all their files.

    python benchmarks/branch_bench.py                         # 10,000-item head office, 36 branches of 3,000
    python benchmarks/branch_bench.py --branches 4 --branch-items 1000

Writes the synthetic corpus (make_corpus.py --branches) into a temporary project (policies/
and branches/<unit>/), then times in fresh processes `handbook check` (the head office, then
every branch's effective set) and the parse-only baseline of check_bench.py over every file,
and prints the medians, their ratio and the peak memory. Issue 15's target: within 1.3x the
parse.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_bench import PARSE_ONLY  # the same baseline: every YAML file under a folder

HERE = Path(__file__).resolve().parent



def timed(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, int, str]:
    """Seconds, peak resident memory in MB and the last output line of a fresh process."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    lines = proc.stdout.strip().splitlines()
    return took, int(proc.stderr.strip().splitlines()[-1]) // 1024, lines[-1] if lines else ""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--branches", type=int, default=36)
    ap.add_argument("--branch-items", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(args.size), str(project / "policies"),
                        "--branches", str(args.branches), "--branch-items", str(args.branch_items)],
                       check=True, capture_output=True)
        files = sum(1 for _ in project.rglob("*.yaml"))
        checks, parses = [], []
        for _ in range(args.repeat):
            checks.append(timed([sys.executable, "-m", "handbook", "check"], project))
            parses.append(timed([sys.executable, "-c", PARSE_ONLY, str(project)], project))
        check_s = statistics.median(t for t, _m, _o in checks)
        parse_s = statistics.median(t for t, _m, _o in parses)
        print(f"head office {args.size} items, {args.branches} branches of about {args.branch_items}: {files} files")
        print(f"handbook check (all)    {check_s:6.2f} s  peak {max(m for _t, m, _o in checks):5d} MB")
        print(f"bare parse of the files {parse_s:6.2f} s  peak {max(m for _t, m, _o in parses):5d} MB")
        print(f"ratio                   {check_s / parse_s:6.2f}x  (target: within 1.3x)")
        print(f"check says: {checks[-1][2]}")


if __name__ == "__main__":
    main()
