"""Dense files just under the size limit: how long `handbook check` takes and how much memory.

    python benchmarks/dense_bench.py [--workdir DIR]

Writes each shape to a temporary folder, runs `python -m handbook check FILE` on it
three times and prints the median wall time and the child's own peak memory
(``ru_maxrss`` from ``os.wait4``). Target (issue 9.4): every file under
``max_bytes`` answered in under 2 s and 200 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = 5 * 1024 * 1024 - 1024
SHAPES = {
    "flow lists, 5 MiB (over the item limit)": ("a:\n", "- [" + ",".join(["1"] * 99) + "]\n", None),
    "bare dashes, 5 MiB (over)": ("a:\n", "-\n", None),
    "empty flows, 5 MiB (over)": ("a:\n", "- {}\n", None),
    "empty flows, 199,000 items (under)": ("a:\n", "- {}\n", 199_000),
    "flow lists, 198,000 items (under)": ("a:\n", "- [" + ",".join(["1"] * 99) + "]\n", 1_980),
}


def run(path: Path) -> tuple[float, float, str]:
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "handbook", "check", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    out = proc.stdout.read().decode("utf-8", "replace")
    _, _, usage = os.wait4(proc.pid, 0)
    return time.monotonic() - start, usage.ru_maxrss / 1024, out.strip().splitlines()[0][:70]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", help="where to write the files (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        print(f"{'shape':40} {'MB':>5} {'s':>6} {'peak MB':>8}  first line")
        for name, (head, line, count) in SHAPES.items():
            n = count if count is not None else (SIZE - len(head)) // len(line)
            f = Path(tmp, "dense.yaml")
            f.write_text(head + line * n, encoding="utf-8")
            runs = [run(f) for _ in range(3)]
            secs = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            print(f"{name:40} {f.stat().st_size / 1e6:5.1f} {secs:6.2f} {peak:8.0f}  {runs[0][2]}")


if __name__ == "__main__":
    main()
