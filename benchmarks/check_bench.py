"""Benchmark of `handbook check`: python benchmarks/check_bench.py [--sizes 1000,10000,100000] [--repeat 3]
[--off CODES]

For synthetic policy sets of each size (benchmarks/make_corpus.py) it runs, as
separate processes with this same interpreter:

- `python -m handbook check DIR --format json` (the whole command: start-up,
  imports, load, schema validation, model, checks, report);
- a parse-only baseline: `python -c` that imports yaml and does
  yaml.load(f, Loader=yaml.CSafeLoader) of every *.yaml file in DIR;

and prints, side by side, the median wall time of the repeats, the median CPU
time (user + system of that child, from os.wait4: less disturbed than wall time
when other work shares the machine) and the peak memory (max RSS of that child)
of each. Targets: at 10,000 items the check takes at most 1.3x the parse; at
100,000 items it stays under 500 MB.

With `--off TML001,TML002,TML003` a third command runs in the same rounds: the
same check with those rules switched off (a configuration file with `[rules]
CODE = "off"`, given by --config), so that what they cost is measured under the
same conditions.

It prints numbers and whether the targets are met; it asserts nothing, except
that `handbook check` exits 0 with no problems on every corpus (a corpus the
check rejects would make the figures meaningless). Figures go into
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ)  # the installed handbook: pip install . (or -e .) first
ENV.pop("GITHUB_ACTIONS", None)

PARSE_ONLY = """\
import sys
from pathlib import Path
import yaml
n = 0
for p in sorted(Path(sys.argv[1]).rglob("*.yaml")):  # a project: policies/ and branches/
    with open(p, "rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
    n += 1
print(n)
"""

TARGET_RATIO = 1.3  # at 10,000 items
TARGET_MB = 500  # at 100,000 items


def measure(cmd: list[str], scratch: Path) -> tuple[float, float, int, str, str, float]:
    """Run cmd; return (wall seconds, peak RSS in MB of that child, exit code, stdout, stderr, CPU seconds)."""
    out_f, err_f = scratch / "stdout", scratch / "stderr"
    with open(out_f, "wb") as out, open(err_f, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=ENV, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of exactly this child
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
    return (wall, usage.ru_maxrss / 1024, proc.returncode,  # ru_maxrss is in KiB on Linux
            out_f.read_text(encoding="utf-8", errors="replace"), err_f.read_text(encoding="utf-8", errors="replace"),
            usage.ru_utime + usage.ru_stime)


def machine() -> str:
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(len(os.sched_getaffinity(0)))
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):  # no /proc/cpuinfo, or no model name in it
        cpu = next(ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                   if ln.startswith("model name"))
    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                             text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rev = "unknown"
    return (f"date {time.strftime('%Y-%m-%d %H:%M %Z')}; python {platform.python_version()} ({sys.executable}); "
            f"nproc {nproc}; {cpu}; {platform.system()} {platform.release()}; code {rev}")


def check_once(cmd: list[str], corpus: Path, scratch: Path) -> tuple[float, float, float, int]:
    """Run a `handbook check` command; stop unless it exits 0 with no problems. (wall, MB, CPU, items)."""
    wall, mb, code, out, err, cpu = measure(cmd, scratch)
    if code != 0:
        raise SystemExit(f"FAIL: `handbook check {corpus}` exited {code} on a corpus that must be valid:\n"
                         f"{out[-3000:]}{err[-3000:]}")
    report = json.loads(out)
    if report["problems"]:
        raise SystemExit(f"FAIL: `handbook check {corpus}` reported problems on a corpus that must be clean:\n"
                         + json.dumps(report["problems"][:10], ensure_ascii=False, indent=2))
    return wall, mb, cpu, report["items"]


def bench(n: int, work: Path, repeat: int, off: list[str], shape: str = "ours") -> dict[str, float | int | str]:
    corpus = work / f"corpus-{shape}-{n}"
    start = time.perf_counter()
    gen = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(n), str(corpus),
                          "--shape", shape], env=ENV, capture_output=True, text=True)
    if gen.returncode != 0:
        raise SystemExit(f"make_corpus.py {n} failed:\n{gen.stderr[-3000:]}")
    gen_s = time.perf_counter() - start
    files = len(list(corpus.glob("*.yaml")))
    check_cmd = [sys.executable, "-m", "handbook", "check", str(corpus), "--format", "json"]
    parse_cmd = [sys.executable, "-c", PARSE_ONLY, str(corpus)]
    scratch = work / "scratch"
    scratch.mkdir(exist_ok=True)
    off_cmd: list[str] = []
    if off:
        config = work / "rules-off.toml"
        config.write_text("[rules]\n" + "".join(f'{code} = "off"\n' for code in off), encoding="utf-8")
        off_cmd = [*check_cmd, "--config", str(config)]
    checks, parses, offs = [], [], []
    items = 0
    for i in range(repeat + 1):  # the first round warms the page and bytecode caches; not counted
        wall, mb, cpu, items = check_once(check_cmd, corpus, scratch)
        pwall, pmb, pcode, pout, perr, pcpu = measure(parse_cmd, scratch)
        if pcode != 0 or pout.strip() != str(files):
            raise SystemExit(f"FAIL: the parse-only baseline failed (exit {pcode}):\n{perr[-3000:]}")
        owall, omb, ocpu, _ = check_once(off_cmd, corpus, scratch) if off_cmd else (0.0, 0.0, 0.0, 0)
        if i:
            checks.append((wall, mb, cpu))
            parses.append((pwall, pmb, pcpu))
            offs.append((owall, omb, ocpu))
    shutil.rmtree(corpus)
    check_s = statistics.median(w for w, _, _ in checks)
    parse_s = statistics.median(w for w, _, _ in parses)
    check_cpu = statistics.median(c for _, _, c in checks)
    parse_cpu = statistics.median(c for _, _, c in parses)
    off_s = statistics.median(w for w, _, _ in offs)
    off_cpu = statistics.median(c for _, _, c in offs)
    return {"shape": shape, "size": n, "items": items, "files": files, "gen_s": gen_s, "check_s": check_s,
            "parse_s": parse_s,
            "ratio": check_s / parse_s, "check_mb": max(m for _, m, _ in checks),
            "parse_mb": max(m for _, m, _ in parses), "check_cpu": check_cpu, "parse_cpu": parse_cpu,
            "cpu_ratio": check_cpu / parse_cpu, "off_s": off_s, "off_cpu": off_cpu,
            "off_ratio": off_s / parse_s, "off_mb": max(m for _, m, _ in offs)}


def startup(work: Path, repeat: int) -> tuple[float, float]:
    """Median wall time of a bare interpreter and of `handbook --version` (start-up and the CLI's imports)."""
    scratch = work / "scratch"
    scratch.mkdir(exist_ok=True)
    bare = statistics.median(measure([sys.executable, "-c", "pass"], scratch)[0] for _ in range(repeat + 1))
    cli = statistics.median(measure([sys.executable, "-m", "handbook", "--version"], scratch)[0]
                            for _ in range(repeat + 1))
    return bare, cli


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated item counts")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per size (the median is shown)")
    ap.add_argument("--workdir", type=Path, help="where to write the corpora (default: a temporary folder)")
    ap.add_argument("--off", default="", help="comma-separated rule codes: also time the check with these rules off "
                    "(e.g. TML001,TML002,TML003)")
    ap.add_argument("--shapes", default="ours,dense", help="corpus shapes (make_corpus.py --shape): ours, and dense, "
                    "about 1.5 more YAML nodes per item, as issue 16's independent corpus")
    args = ap.parse_args()
    shapes = [x.strip() for x in args.shapes.split(",") if x.strip()]
    off = [x.strip() for x in args.off.split(",") if x.strip()]
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    print(machine(), flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="check-bench-", dir=args.workdir) as tmp:
        work = Path(tmp)
        bare, cli = startup(work, args.repeat)
        print(f"start-up: `python -c pass` {bare:.3f} s; `python -m handbook --version` {cli:.3f} s", flush=True)
        for shape in shapes:
            for n in sizes:
                row = bench(n, work, args.repeat, off, shape)
                rows.append(row)
                print(f"  {shape} {n}: {row['items']} items in {row['files']} files, generated in "
                      f"{row['gen_s']:.1f} s; check exit 0, no problems", flush=True)
    print()
    print(f"{'shape':>6} {'size':>7} {'items':>7} {'files':>6} {'check s':>8} {'parse s':>8} {'ratio':>6} "
          f"{'check cpu':>9} {'parse cpu':>9} {'cpu ratio':>9} {'check peak MB':>14} {'parse peak MB':>14}")
    for r in rows:
        print(f"{r['shape']:>6} {r['size']:>7} {r['items']:>7} {r['files']:>6} {r['check_s']:>8.2f} "
              f"{r['parse_s']:>8.2f} "
              f"{r['ratio']:>6.2f} {r['check_cpu']:>9.2f} {r['parse_cpu']:>9.2f} {r['cpu_ratio']:>9.2f} "
              f"{r['check_mb']:>14.0f} {r['parse_mb']:>14.0f}")
    if off:
        print(f"with {', '.join(off)} off:")
        for r in rows:
            print(f"{r['size']:>7} check s {r['off_s']:.2f} (ratio {r['off_ratio']:.2f}), cpu {r['off_cpu']:.2f} s, "
                  f"peak {r['off_mb']:.0f} MB; the rules cost {r['check_s'] - r['off_s']:.2f} s wall, "
                  f"{r['check_cpu'] - r['off_cpu']:.2f} s CPU")
    print(f"(median of {args.repeat} runs after one warm-up; peak = max RSS over the runs)")
    for r in rows:
        if r["size"] == 10000:
            ratio = float(r["ratio"])
            print(f"target ({r['shape']}): 10,000 items within {TARGET_RATIO}x parse time: "
                  f"{'met' if ratio <= TARGET_RATIO else 'NOT met'} ({ratio:.2f}x)")
        if r["size"] == 100000:
            mb = float(r["check_mb"])
            print(f"target ({r['shape']}): 100,000 items under {TARGET_MB} MB: "
                  f"{'met' if mb < TARGET_MB else 'NOT met'} ({mb:.0f} MB)")

if __name__ == "__main__":
    main()
