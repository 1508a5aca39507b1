"""Build-time benchmark of the manual: python benchmarks/build_bench.py [--sizes 1000,5000] [--repeat 3]

For the shipped policies and for synthetic policy sets (benchmarks/make_corpus.py)
it prints, side by side in the same run:

- the time of `mkdocs build` with the handbook plugin (load, check, render);
- the time of `mkdocs build` of the same pages written out beforehand as plain
  Markdown files, with the same theme, search and extensions but no plugin
  (target: the handbook build takes at most 1.3x that);
- the size of the search index;
and, for the shipped policies, how long `handbook serve` takes to show a change
to one policy file.

With `--against REV` (by default the previous commit: `HEAD~1`, or `HEAD` when the working tree
has changes not committed; `--against ""` for none) it also builds every set,
in the same run, with the handbook of that commit: its tree is installed into a
throw-away virtual environment that shares this interpreter's other packages, and the
build time is printed beside this tree's, with the ratio (issue 16.5: "against the
previous commit's figure", on the same machine).

It prints numbers; it asserts nothing. Figures go into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.engine import run  # noqa: E402
from handbook.render.manual import Manual  # noqa: E402
from handbook.resources import shipped_policies  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_yml(dest: Path, docs: Path, policies: Path | None, root: Path = ROOT, name: str = "") -> Path:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs", f"docs_dir: {docs}")
    if policies is None:  # the plain build: same theme, search and extensions, no plugin
        text = text.replace("  - handbook:\n      policies: policies\n", "")
    else:
        text = text.replace("policies: policies", f"policies: {policies}")
    cfg = dest / (name or ("mkdocs-plain.yml" if policies is None else "mkdocs.yml"))
    cfg.write_text(text, encoding="utf-8")
    return cfg


def timed_build(cfg: Path, site: Path, repeat: int, python: str = sys.executable) -> float:
    times = []
    for _ in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        start = time.perf_counter()
        r = subprocess.run([python, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(site)],
                           env=ENV, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if r.returncode != 0:
            raise SystemExit(f"build failed for {cfg}:\n{r.stderr[-3000:]}")
    return statistics.median(times)


def handwritten_docs(name: str, work: Path) -> Path:
    """The repository's docs for the shipped set; for a synthetic set (whose ids the
    preface does not cite) a docs folder with just a home page."""
    if name == "shipped":
        return ROOT / "docs"
    docs = work / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "about.md").write_text("# 关于\n\n基准测试用的手写页面。\n", encoding="utf-8")
    return docs


def plain_docs(policies: Path, dest: Path, handwritten: Path) -> int:
    """Write the pages the plugin would generate as plain Markdown files; return the page count."""
    model = run(policies).model
    assert model is not None
    pages = Manual(model).pages()
    for p in pages:
        f = dest / p.src
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(p.markdown, encoding="utf-8")
    for f in handwritten.glob("*.md"):
        if not (dest / f.name).exists():
            shutil.copyfile(f, dest / f.name)
    return len(pages)


class Previous:
    """The handbook of an earlier commit, installed into a virtual environment of its own."""

    def __init__(self, rev: str, work: Path) -> None:
        sha = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True)
        if sha.returncode != 0:
            raise SystemExit(f"--against {rev}: {sha.stderr.strip()}")
        self.label = f"{rev} ({sha.stdout.strip()})"
        self.root = work / "src"
        self.root.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", rev], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(self.root)], input=archive.stdout, check=True)
        venv = work / "venv"
        # its own site-packages come first, so its handbook (and its mkdocs plugin entry point)
        # is found before this tree's; everything else is shared
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
        self.python = str(venv / "bin" / "python")
        subprocess.run([self.python, "-m", "pip", "install", "-q", "--no-deps",
                        str(self.root)], check=True, env=ENV)
        where = subprocess.run([self.python, "-c", "import handbook; print(handbook.__file__)"], env=ENV,
                               capture_output=True, text=True, check=True).stdout.strip()
        if not where.startswith(str(venv)):
            raise SystemExit(f"--against {rev}: the virtual environment imports handbook from {where}")


def bench_set(name: str, policies: Path, work: Path, repeat: int, previous: Previous | None) -> dict[str, object]:
    docs = work / "plain-docs"
    handwritten = handwritten_docs(name, work)
    n_pages = plain_docs(policies, docs, handwritten)
    hb = timed_build(mkdocs_yml(work, handwritten, policies), work / "site-hb", repeat)
    plain = timed_build(mkdocs_yml(work, docs, None), work / "site-plain", repeat)
    index = work / "site-hb" / "search" / "search_index.json"
    largest = max(p.stat().st_size for p in (work / "site-hb").rglob("*.html"))
    before = None
    if previous is not None:
        prev_docs = previous.root / "docs" if name == "shipped" else handwritten
        before = timed_build(mkdocs_yml(work, prev_docs, policies, previous.root, "mkdocs-previous.yml"),
                             work / "site-previous", repeat, previous.python)
    return {"set": name, "pages": n_pages, "handbook_s": hb, "plain_s": plain, "ratio": hb / plain,
            "index_kb": index.stat().st_size / 1024, "page_kb": largest / 1024, "previous_s": before}


def serve_rebuild(work: Path) -> float:
    """Seconds from saving a policy change to `handbook serve` showing it."""
    policies = work / "policies"
    shutil.copytree(shipped_policies(), policies)
    cfg = mkdocs_yml(work, ROOT / "docs", policies)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "handbook", "serve", "-f", str(cfg), "-a", f"127.0.0.1:{port}"],
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/glossary/"

    def wait_for(text: str, limit: float) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            try:
                with urllib.request.urlopen(url, timeout=10) as r:
                    if text in r.read().decode("utf-8"):
                        return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit(f"serve did not show {text!r} within {limit}s")

    try:
        wait_for("术语表", 120)
        glossary = next(p for p in policies.glob("*.yaml") if "kind: glossary" in p.read_text(encoding="utf-8"))
        text = glossary.read_text(encoding="utf-8")
        marker = "基准测试标记"
        glossary.write_text(text.replace("terms:\n", f"terms:\n  - id: term-bench\n    term: {marker}\n"
                                         "    definition: 用于测量重建时间。\n", 1), encoding="utf-8")
        return wait_for(marker, 120)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", default=None, metavar="REV",
                    help="also build with the handbook of this commit (default: the previous commit; '' for none)")
    args = ap.parse_args()
    if args.against is None:  # the commit before what is measured: HEAD itself while edits are pending
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        args.against = "HEAD" if dirty else "HEAD~1"
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    print(f"date {time.strftime('%Y-%m-%d %H:%M')}, python {platform.python_version()}, {os.cpu_count()} cores, {cpu}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        previous = Previous(args.against, work / "previous") if args.against else None
        sets: list[tuple[str, Path]] = [("shipped", shipped_policies())]
        for n in (int(x) for x in args.sizes.split(",") if x):
            out = work / f"corpus-{n}"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(n), str(out)],
                           env=ENV, check=True, stdout=subprocess.DEVNULL)
            sets.append((f"{n} items", out))
        for name, path in sets:
            d = work / name.replace(" ", "-")
            d.mkdir()
            rows.append(bench_set(name, path, d, args.repeat, previous))
        (work / "serve").mkdir()
        rebuild = serve_rebuild(work / "serve")
    print(f"{'set':<12} {'pages':>6} {'handbook s':>11} {'plain md s':>11} {'ratio':>6} {'index KB':>9} "
          f"{'largest page KB':>16}" + (f" {'previous s':>11} {'vs previous':>12}" if previous else ""))
    for r in rows:
        line = (f"{r['set']:<12} {r['pages']:>6} {r['handbook_s']:>11.2f} {r['plain_s']:>11.2f} {r['ratio']:>6.2f} "
                f"{r['index_kb']:>9.0f} {r['page_kb']:>16.0f}")
        if previous is not None:
            before = float(r["previous_s"])  # type: ignore[arg-type]
            line += f" {before:>11.2f} {float(r['handbook_s']) / before:>11.2f}x"  # type: ignore[arg-type]
        print(line)
    if previous is not None:
        print(f"previous: the handbook of {previous.label}, built in the same run")
    print(f"handbook serve: a saved policy change is visible after {rebuild:.2f} s")
    worst = max(float(r["ratio"]) for r in rows)  # type: ignore[arg-type]
    print(f"target <= 1.3x plain Markdown build: {'met' if worst <= 1.3 else 'NOT met'} (worst {worst:.2f}x)")


if __name__ == "__main__":
    main()
