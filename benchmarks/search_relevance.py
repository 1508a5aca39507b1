"""Search relevance of the built manual: python benchmarks/search_relevance.py [--site DIR] [--policies DIR]

Builds the manual of the shipped policies (or of --policies with its --docs; --site uses a
site built beforehand; --material puts Material's own search worker back after the build),
serves it on 127.0.0.1 and puts every question of tests/data/search_questions.yaml (for the
shipped policies), and every role's exact title, to Material's search box in Debian's
Chromium. Prints each question that missed, then for the questions,
the role titles and all together: the share that hit their target (first, or in the
top 3, as the question says), the share with the page in the top 3, and the mean
reciprocal rank of the expected page. It asserts nothing (tests/test_search.py keeps
the floor); the figures go into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
# the day the tests build on (tests/conftest.py), so that date-dependent checks give the same site
os.environ.setdefault("HANDBOOK_TODAY", "2026-06-01")

from handbook.resources import shipped_policies  # noqa: E402
from handbook.search import WORKERS  # noqa: E402
from relevance import Answer, answer, figures, file_questions, role_questions  # noqa: E402

from browser import ARGS, CHROMIUM, build, serve  # noqa: E402


def report(name: str, answers: list[Answer]) -> None:
    if not answers:
        return
    hits, top3, mrr = figures(answers)
    print(f"{name:<10} {len(answers):>4}  hit {hits:6.1%}  top3 {top3:6.1%}  MRR {mrr:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to search (default: build one)")
    parser.add_argument("--policies", type=Path, default=shipped_policies(), help="policy folder (default: shipped)")
    parser.add_argument("--docs", type=Path, help="hand-written pages of that set (default: the repository's docs/)")
    parser.add_argument("--material", action="store_true",
                        help="put Material's own search worker back into the built site: its query side on our index")
    args = parser.parse_args()
    if args.material and args.site:
        parser.error("--material changes the site: it builds one")
    from playwright.sync_api import sync_playwright

    questions = file_questions() if args.policies == shipped_policies() else []
    questions += role_questions(args.policies)
    with tempfile.TemporaryDirectory() as tmp:
        if args.site:  # served from the temporary folder: nothing is written beside it
            site = Path(tmp, "site")
            site.symlink_to(args.site.resolve(), target_is_directory=True)
        else:
            site = build(Path(tmp), args.policies.resolve(), args.docs.resolve() if args.docs else None)
            if args.material:
                import material

                for worker in (Path(material.__file__).parent / "templates").glob(WORKERS):
                    shutil.copyfile(worker, site / WORKERS.rsplit("/", 1)[0] / worker.name)
        with serve(site) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            start = time.perf_counter()
            answers = answer(page, url, questions)
            took = time.perf_counter() - start
            browser.close()
    for a in answers:
        if not a.hit:
            want = "first" if a.question.first else "top 3"
            print(f"miss  {a.question.query}  want {a.question.page or '(home)'} {want}, "
                  f"got {a.rank or '-'}: {', '.join(p or '(home)' for p in a.ranked[:4])}")
    print()
    report("questions", [a for a in answers if a.question.kind == "question"])
    report("roles", [a for a in answers if a.question.kind == "role"])
    report("all", answers)
    print(f"{len(answers)} queries in {took:.1f} s")


if __name__ == "__main__":
    main()
