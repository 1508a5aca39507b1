"""Search relevance: staff questions put to a built manual's real search box in Chromium.

Shared by tests/test_search.py (which keeps a floor) and benchmarks/search_relevance.py
(which prints the figure). The questions are data (tests/data/search_questions.yaml);
every role's exact title is added as a question whose page must come first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

QUESTIONS = Path(__file__).resolve().parent / "data" / "search_questions.yaml"
# Material's result list: one <li> per page, its first link the page itself.
_RANKED = """() => [...document.querySelectorAll('.md-search-result__item')]
    .map(li => li.querySelector('a.md-search-result__link').href)"""
_META = "() => document.querySelector('.md-search-result__meta').textContent.trim()"


@dataclass(frozen=True)
class Question:
    query: str
    page: str  # the expected page's path under the site root, "" for the home page
    first: bool  # must come first (else: in the top 3)
    kind: str  # "question" (from the data file) or "role" (a role's exact title)


@dataclass(frozen=True)
class Answer:
    question: Question
    ranked: tuple[str, ...]  # page paths, best first

    @property
    def rank(self) -> int | None:
        """1-based place of the expected page, None when it is not listed."""
        return self.ranked.index(self.question.page) + 1 if self.question.page in self.ranked else None

    @property
    def hit(self) -> bool:
        return self.rank is not None and self.rank <= (1 if self.question.first else 3)


def file_questions(path: Path = QUESTIONS) -> list[Question]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for q in data["questions"]:
        assert q["want"] in ("first", "top3"), q
        out.append(Question(str(q["query"]), str(q["page"]), q["want"] == "first", "question"))
    return out


def role_questions(policies: Path) -> list[Question]:
    """Every role page of a policy set, including each post of a per-unit template:
    its title, as the page shows it, must bring the page first."""
    from handbook.engine import run
    from handbook.render.escape import plain_title
    from handbook.render.manual import Manual

    model = run(policies).model
    assert model is not None
    manual = Manual(model)
    return [Question(plain_title(manual.post_title(r)), manual.page_of(r).removesuffix(".md") + "/", True, "role")
            for r in manual.roles]


def open_search(page: Any, url: str) -> Any:
    """Open the site at ``url``, click into its search box and wait until the search worker is
    ready (a query typed before it has loaded the index is answered with nothing); the box."""
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== '' && !/初始化|Initializing/.test(m.textContent); }",
        timeout=60000)
    return page.locator("input.md-search__input")


def ask(page: Any, url: str, queries: Iterable[str]) -> list[tuple[str, ...]]:
    """Type each query into the search box of the site at ``url``, as a person would, and
    return the pages listed for each, best first (paths under ``url``)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = open_search(page, url)
    out = []
    for query in queries:
        # clear the box first, so that the next answer on the page is this query's
        box.fill("")
        box.press("End")  # Material searches on key events; fill() alone (like an IME commit) may not
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 0")
        idle = page.evaluate(_META)
        box.fill(query)
        box.press("End")
        try:
            page.wait_for_function(f"idle => ({_META})() !== idle", arg=idle, timeout=30000)
        except PlaywrightTimeout:
            raise AssertionError(f"no answer to {query!r}: the search worker failed") from None
        hrefs = page.evaluate(_RANKED)
        ranked: list[str] = []
        for href in hrefs:
            assert href.startswith(url), (query, href)
            path = href[len(url):].split("?")[0].split("#")[0]
            if path not in ranked:
                ranked.append(path)
        out.append(tuple(ranked))
    return out


def answer(page: Any, url: str, questions: list[Question]) -> list[Answer]:
    return [Answer(q, r) for q, r in zip(questions, ask(page, url, [q.query for q in questions]), strict=True)]


def figures(answers: list[Answer]) -> tuple[float, float, float]:
    """(share that hit their own target, share with the page in the top 3, mean reciprocal rank)."""
    n = len(answers)
    hits = sum(a.hit for a in answers) / n
    top3 = sum(a.rank is not None and a.rank <= 3 for a in answers) / n
    mrr = sum(1 / a.rank for a in answers if a.rank) / n
    return hits, top3, mrr
