"""Issue 9.4: a file just under the size limit, dense with items, is answered quickly.

Before: 5 MiB of ``- [1,1,1,...]`` lines, ``-`` lines or ``{}`` flows took 7-10 s and
1.1-1.25 GB before YML014 fired, because items were counted after the whole file
had been composed. Now the parser's events are counted and the count stops at
the limit. Timing lives in benchmarks/dense_bench.py, which prints the figures; the
tests keep the memory bound, which a regression would blow through.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_measured

pytestmark = pytest.mark.slow

SIZE = 5 * 1024 * 1024 - 1024  # just under the default max_bytes
DENSE = {
    "flow-lists": "- [" + ",".join(["1"] * 99) + "]\n",
    "bare-dashes": "-\n",
    "empty-flows": "- {}\n",
}


@pytest.mark.parametrize("name", DENSE)
def test_dense_file_is_refused_while_parsing(tmp_path: Path, name: str) -> None:
    line = DENSE[name]
    f = tmp_path / f"{name}.yaml"
    f.write_text("a:\n" + line * ((SIZE - 3) // len(line)), encoding="utf-8")
    rc, out, peak_mb = run_measured("check", str(f), timeout=60)  # before the fix: 7-10 s, 1.1-1.25 GB
    assert rc == 1, out
    assert f"{name}.yaml:" in out and ": YML014 more than 200000 keys and items: split the file" in out, out
    assert "Traceback" not in out
    assert peak_mb < 200, peak_mb  # benchmarks/dense_bench.py prints the figures (34-45 MB)


def test_the_limit_is_reported_at_the_item_that_goes_over(tmp_path: Path) -> None:
    f = tmp_path / "over.yaml"
    f.write_text("a:\n" + "- {}\n" * 200_001, encoding="utf-8")
    rc, out, _ = run_measured("check", str(f))
    assert rc == 1
    # "a" is the first key; items 2..200001 are the list entries on lines 2..
    assert "over.yaml:200001:3: YML014 " in out, out


def test_a_file_just_under_the_item_limit_loads(tmp_path: Path) -> None:
    f = tmp_path / "under.yaml"
    f.write_text("a:\n" + "- {}\n" * 199_000, encoding="utf-8")
    _rc, out, peak_mb = run_measured("check", str(f))
    assert "YML014" not in out and "Traceback" not in out, out
    assert peak_mb < 200, peak_mb


def test_a_file_of_many_broken_items_lists_the_first_hundred(tmp_path: Path) -> None:
    """Found in review: 199,000 items that each break the schema took 11 s and 800 MB, listing
    every one. Schema problems are capped per file, and the cap is said."""
    f = tmp_path / "glossary.yaml"
    f.write_text('kind: glossary\ntitle: 术语\nversion: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\n'
                 "owner: cs-head\nterms:\n" + "  - x\n" * 199_000, encoding="utf-8")
    rc, out, peak_mb = run_measured("check", str(f), "--format", "sarif")
    assert rc == 1
    doc = json.loads(out)
    results = doc["runs"][0]["results"]
    assert sum(1 for r in results if r["ruleId"] == "SCH003") == 100
    assert any("more schema problems follow in this file; only the first 100 are listed" in r["message"]["text"]
               for r in results)
    assert peak_mb < 200, peak_mb
