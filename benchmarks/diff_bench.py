"""`handbook diff` on two revisions of an N-item policy set, against one `handbook check`.

Writes the synthetic corpus (make_corpus.py) into a git repository, commits it as v1,
lengthens the first three periods (`amount: N` -> N+1) of one file in ten, commits v2,
then times in fresh processes:

- `handbook check` of the work tree (v2),
- `handbook diff v1 v2` (both sides read from git objects),

and prints the medians, their ratio and the peak memory of each. The target (issue 14):
the diff under 2x the single check.

    python benchmarks/diff_bench.py                 # 10,000 items, 3 runs
    python benchmarks/diff_bench.py --size 2000 --repeat 5
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Seconds and peak resident memory in MB of a fresh process; one that fails is no figure."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    peak = int(proc.stderr.strip().splitlines()[-1]) // 1024
    return took, peak


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def mutate(policies: Path) -> int:
    """Lengthen the first three periods of one file in ten (of every file, for a small corpus)."""
    files = sorted(policies.glob("*.yaml"))
    step = 10 if len(files) >= 30 else 1
    changed = 0
    for i, f in enumerate(files):
        if i % step:
            continue
        text = f.read_text(encoding="utf-8")
        new = re.sub(r"amount: (\d+)", lambda m: f"amount: {int(m.group(1)) + 1}", text, count=3)
        if new != text:
            f.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(args.size), str(repo / "policies")],
                       check=True, capture_output=True)
        (repo / "handbook.toml").write_text('[handbook]\npolicies = "policies"\n', encoding="utf-8")
        git(repo, "init", "-q")
        git(repo, "-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-q", "--allow-empty", "-m", "0")
        git(repo, "add", "-A")
        git(repo, "-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-q", "-m", "v1")
        git(repo, "tag", "v1")
        files = mutate(repo / "policies")
        if not files:
            sys.exit("no file changed: nothing to compare")
        git(repo, "-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-q", "-am", "v2")
        git(repo, "tag", "v2")
        env_cmd = [sys.executable, "-m", "handbook"]
        checks, diffs = [], []
        for _ in range(args.repeat):
            checks.append(timed([*env_cmd, "check"], repo, ok=(0, 1)))  # 1: the corpus's own warnings
            diffs.append(timed([*env_cmd, "diff", "v1", "v2", "--format", "json"], repo))
        check_s = statistics.median(t for t, _m in checks)
        diff_s = statistics.median(t for t, _m in diffs)
        out = subprocess.run([*env_cmd, "diff", "v1", "v2"], cwd=repo, capture_output=True, text=True, check=False)
        summary = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr.strip()
        print(f"items: {args.size}, files changed: {files}")
        print(f"handbook check          {check_s:6.2f} s  peak {max(m for _t, m in checks):4d} MB")
        print(f"handbook diff v1 v2     {diff_s:6.2f} s  peak {max(m for _t, m in diffs):4d} MB")
        print(f"ratio diff / check      {diff_s / check_s:6.2f}x  (target: under 2x)")
        print(f"diff says: {summary}")


if __name__ == "__main__":
    main()
