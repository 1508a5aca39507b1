"""Every figure of issue 16 in one run: python benchmarks/scale_bench.py [--quick]

Runs, one after another, in fresh processes:

- check_bench.py: `handbook check` at 1,000, 10,000 and 100,000 items of both corpus shapes
  (ours and dense), as a ratio to a bare libyaml parse, with peak memory; and start-up;
- watch_bench.py: the warm re-check after an edit (`handbook check --watch`);
- build_bench.py: the build at 1,000, 5,000 and 10,000 items against plain MkDocs of the same
  pages and against the previous commit's handbook (built in the same run), the largest page
  and the search index, and how long `handbook serve` takes to show an edit.

`--quick` uses smaller sizes (for trying the script). It prints what the scripts print; it
asserts nothing. Figures go into benchmarks/README.md with the date and the machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="1,000 and 2,000 items only")
    args = ap.parse_args()
    checks = "1000,2000" if args.quick else "1000,10000,100000"
    builds = "1000" if args.quick else "1000,5000,10000"
    runs = [
        ("check", ["check_bench.py", "--sizes", checks, "--shapes", "ours,dense"]),
        ("warm re-check", ["watch_bench.py", "--sizes", "2000" if args.quick else "10000"]),
        ("build", ["build_bench.py", "--sizes", builds, "--repeat", "1"]),
    ]
    for title, cmd in runs:
        print(f"== {title}: {' '.join(cmd)}", flush=True)
        done = subprocess.run([sys.executable, str(HERE / cmd[0]), *cmd[1:]], cwd=HERE)
        if done.returncode != 0:
            sys.exit(f"{cmd[0]} exited {done.returncode}")
        print(flush=True)


if __name__ == "__main__":
    main()
