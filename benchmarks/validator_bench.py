"""Why two validators: jsonschema-rs answers "valid?", jsonschema explains a failure.

    python benchmarks/validator_bench.py [N]      # N items (default 10000)

Generates a corpus (make_corpus.py), loads every file with the handbook's loader,
and times validating all of them with each validator (in-process, best of 5),
plus jsonschema's full error listing on one broken file. Prints the numbers.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from handbook.loader import load_file
from handbook.resources import schemas_dir
from handbook.validation import SchemaSet

ROOT = Path(__file__).resolve().parent.parent


def best(fn: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(n), tmp], check=True,
                       capture_output=True)
        schemas = SchemaSet(schemas_dir())
        files = []
        for path in sorted(Path(tmp).glob("*.yaml")):
            loaded = load_file(path, path.name)
            kind, _ = schemas.classify(loaded)
            if kind:
                files.append((kind, loaded.data))
        fast = {k: schemas._fast_validator(k) for k, _ in files}
        slow = {k: schemas._slow_validator(k) for k, _ in files}
        t_fast = best(lambda: [fast[k].is_valid(d) for k, d in files])
        t_slow = best(lambda: [slow[k].is_valid(d) for k, d in files])
        print(f"{n} items in {len(files)} files (valid)")
        print(f"  jsonschema-rs is_valid : {t_fast * 1000:8.1f} ms")
        print(f"  jsonschema    is_valid : {t_slow * 1000:8.1f} ms  ({t_slow / t_fast:.0f}x)")


if __name__ == "__main__":
    main()
