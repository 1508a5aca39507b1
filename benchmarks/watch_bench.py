"""The warm edit loop: python benchmarks/watch_bench.py [--sizes 10000] [--edits 5]

Issue 16.3's targets: a re-check after a one-file edit within 0.1 s at the shipped size and
0.5 s at 10,000 items. For the shipped project (policies/ and its two branch offices) and for
synthetic sets (make_corpus.py), it starts `handbook check --watch` in its own process, waits
for the first report, then edits one file at a time (a head-office file, and for the shipped
project also a branch's file) and prints, per edit, the seconds the watcher says the re-check
took, and the seconds from saving the file to the report (which adds the time to notice the
edit: it looks every 0.1 s). Medians over --edits edits; a cold `handbook check` is printed
beside. It prints numbers; it asserts nothing.
"""

from __future__ import annotations

import argparse
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
STATUS = re.compile(r"checked in ([0-9.]+) s")


def cold(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=project, capture_output=True)
    return time.perf_counter() - start


def edits(project: Path, files: list[Path], n: int) -> tuple[list[float], list[float]]:
    """(the watcher's own re-check times, save-to-report times) for n edits of the files in turn."""
    proc = subprocess.Popen([sys.executable, "-m", "handbook", "check", "--watch"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    assert proc.stderr is not None
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), x)) for x in proc.stderr], daemon=True).start()

    def status() -> tuple[float, float]:
        while True:
            at, line = lines.get(timeout=120)
            m = STATUS.search(line)
            if m:
                return at, float(m.group(1))

    own, seen = [], []
    try:
        status()  # the first, cold check
        for i in range(n):
            f = files[i % len(files)]
            with f.open("a", encoding="utf-8") as out:
                out.write(f"# edit {i}\n")  # a comment: the same rules, new bytes
            saved = time.perf_counter()
            at, took = status()
            own.append(took)
            seen.append(at - saved)
            time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return own, seen


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--edits", type=int, default=5)
    args = ap.parse_args()
    print(f"{'set':<28} {'cold check':>10} {'warm re-check':>14} {'save to report':>15}")
    with tempfile.TemporaryDirectory() as tmp:
        shipped = Path(tmp) / "shipped"
        shutil.copytree(ROOT / "policies", shipped / "policies")
        shutil.copytree(ROOT / "branches", shipped / "branches")
        cases = [("shipped, a head-office file", shipped, [shipped / "policies" / "standards.yaml"]),
                 ("shipped, a branch's file", shipped, [shipped / "branches" / "unit-branch-sc" / "complaints.yaml"])]
        for size in map(int, args.sizes.split(",")):
            project = Path(tmp) / f"corpus-{size}"
            subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(size), str(project / "policies")],
                           check=True, capture_output=True)
            first = sorted((project / "policies").glob("standards-*.yaml"))[0]
            cases.append((f"{size:,} items, one file", project, [first]))
        for name, project, files in cases:
            own, seen = edits(project, files, args.edits)
            print(f"{name:<28} {cold(project):>8.2f} s {statistics.median(own):>12.2f} s "
                  f"{statistics.median(seen):>13.2f} s")


if __name__ == "__main__":
    main()
