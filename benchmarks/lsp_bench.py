"""Diagnostic latency of `handbook lsp`: python benchmarks/lsp_bench.py [--sizes 10000] [--edits 10]

Starts the language server over stdio with a real LSP client (tests/lsp_client.py, pytest-lsp's),
opens a standards file and types into it: each edit, not saved, alternately misspells an owner
(one REF001 appears) and puts it back (it goes). It prints, per policy set, the seconds from
sending the change to the server publishing the file's new diagnostics: the first check
(cold), then the median and worst of the edits. Sets: the shipped project (its policies and
branch offices) and synthetic sets of each size (benchmarks/make_corpus.py).
Target (issue 17): diagnostics within 0.3 s of an edit at the shipped size.

It prints numbers; it asserts nothing. Figures go into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from lsp_client import Session, run_session  # noqa: E402

OWNER = re.compile(r"^(\s+owner: )([a-z][\w-]*)$", re.MULTILINE)


def measure(project: Path, file: Path, edits: int) -> tuple[float, list[float]]:
    text = file.read_text(encoding="utf-8")
    m = OWNER.search(text)
    if m is None:
        raise SystemExit(f"no owner line in {file}")
    wrong = text[:m.start(2)] + m.group(2) + "x" + text[m.end(2):]

    async def body(s: Session) -> tuple[float, list[float]]:
        start = time.perf_counter()
        uri = s.open(file)
        first = await s.diagnostics(uri, lambda d: uri in s.client.diagnostics, timeout=600)
        cold = time.perf_counter() - start
        before = len(first)
        times = []
        for n in range(edits):
            typo = n % 2 == 0
            start = time.perf_counter()
            s.change(uri, wrong if typo else text)
            await s.diagnostics(uri, (lambda d: len(d) == before + 1) if typo else (lambda d: len(d) == before))
            times.append(time.perf_counter() - start)
        return cold, times

    return run_session([sys.executable, "-m", "handbook", "lsp"], body, project,
                       {"HANDBOOK_TODAY": "2026-11-29"})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000", help="synthetic sets besides the shipped project ('' for none)")
    ap.add_argument("--edits", type=int, default=10)
    args = ap.parse_args()
    print(f"date {time.strftime('%Y-%m-%d %H:%M')}, python {platform.python_version()}, {os.cpu_count()} cores")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        shipped = Path(tmp) / "shipped"
        shipped.mkdir()
        for name in ("policies", "branches"):
            shutil.copytree(ROOT / name, shipped / name)
        sets = [("shipped", shipped, shipped / "policies" / "standards.yaml")]
        for n in (int(x) for x in args.sizes.split(",") if x):
            out = Path(tmp) / f"c{n}"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(n), str(out / "policies")],
                           check=True, stdout=subprocess.DEVNULL)
            sets.append((f"{n} items", out, sorted((out / "policies").glob("standards*.yaml"))[0]))
        for name, project, file in sets:
            cold, times = measure(project, file, args.edits)
            rows.append((name, cold, statistics.median(times), max(times)))
    print(f"{'set':<14} {'first check s':>14} {'edit median s':>14} {'edit worst s':>13}")
    for name, cold, median, worst in rows:
        print(f"{name:<14} {cold:>14.2f} {median:>14.3f} {worst:>13.3f}")
    shipped_median = rows[0][2]
    print(f"target <= 0.3 s after an edit at the shipped size: {'met' if shipped_median <= 0.3 else 'NOT met'} "
          f"(median {shipped_median:.3f} s, {args.edits} edits)")


if __name__ == "__main__":
    main()
