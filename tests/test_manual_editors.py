"""Issue 13 (items 6, 7 and 10): staff see rules, editors see provenance.

- No staff page carries a drafting note or a confidence level; the editors' section
  (its own part of the navigation, last, low in search) gives each source's,
  article's and limit's confidence and the notes.
- Every limit a staff page shows says whether it is a 监管时限 or a 公司制度时限, by
  the type of the source it comes from.
- The home page opens on "find your post" and the main pages, then the latest
  changes; no staff page links into the editors' section.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from handbook.config import Config, load_config
from handbook.engine import run
from handbook.labels import Labels
from handbook.model import Model
from handbook.periods import source_of
from handbook.render.manual import EDITORS, PAGES, Manual
from handbook.resources import schemas_dir, shipped_policies
from handbook.validation import SchemaSet

from browser import require_chromium, serve, url_of

LABELS = Labels(SchemaSet(schemas_dir()))
CONFIDENCE = LABELS.of("source", "confidence")  # code -> label, from the schema's x-labels
# What only a drafting note says: the confidence levels' labels, and the words editors use for what is
# still to be verified (核实 alone is no such word: staff 调查核实 a complaint).
DRAFTING = [*CONFIDENCE.values(), "把握程度", "未经核实", "未核实", "须核实", "核实前", "核实后", "编码前", "条号待"]
CODES = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, CONFIDENCE)) + r")(?![\w-])", re.A)


EDITOR_URLS = {url_of(spec.src) for spec in PAGES if spec.for_editors}


@pytest.fixture
def site(shipped_site: Path) -> Path:
    return shipped_site


def _pages(site: Path) -> dict[str, str]:
    """Every page of the site by its URL path ('' for the home page)."""
    out = {}
    for f in site.rglob("index.html"):
        rel = f.parent.relative_to(site).as_posix()
        if rel.startswith(("search", "assets")):
            continue
        out["" if rel == "." else rel + "/"] = f.read_text(encoding="utf-8")
    return out


def _staff(pages: dict[str, str]) -> dict[str, str]:
    return {url: html for url, html in pages.items() if url not in EDITOR_URLS}


def _article(html: str) -> str:
    m = re.search(r"<article\b[^>]*>(.*?)</article>", html, re.S)
    assert m, "no <article> in the page"
    return m.group(1)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


# -- item 6: drafting notes and confidence are the editors' ------------------------------------------
@pytest.mark.slow
def test_no_staff_page_carries_drafting_notes_or_confidence(site: Path) -> None:
    pages = _pages(site)
    staff = _staff(pages)
    assert set(pages) - set(staff) == EDITOR_URLS, "an editors' page is missing from the site"
    assert len(staff) > 20 and "regulations/" in staff and "glossary/" in staff
    found = []
    for url, html in staff.items():
        # the whole page: navigation, headings and the glossary's tooltips (title attributes) too;
        # scripts and code samples aside (`handbook check` is a command, not a confidence level)
        shown = re.sub(r"<(script|style|code|pre)\b.*?</\1>", "", html, flags=re.S)
        for word in DRAFTING:
            found += [f"{url}: …{shown[max(0, i.start() - 40):i.end() + 20]}…"
                      for i in re.finditer(re.escape(word), shown)]
        found += [f"{url}: {m.group(0)} in …{shown[max(0, m.start() - 40):m.end() + 20]}…"
                  for m in CODES.finditer(shown)]
    assert found == [], "\n".join(found[:20])


@pytest.mark.slow
def test_the_editors_pages_say_how_sure_each_source_article_and_limit_is(site: Path, model: Model) -> None:
    sources = _article(_pages(site)["editors/sources/"])
    for src in model.of("source"):
        # the source's own section on the editors' page, up to the next one
        start = sources.index(f'id="src-{src.id}"')
        end = sources.find('<h3 id="src-', start + 1)
        section = _text(sources[start:end if end > 0 else None])
        want = CONFIDENCE.get(src.get("confidence"), "未写明")
        assert f"把握程度：{want}" in section, (src.id, section[:200])
        if src.get("note"):
            assert "编写说明" in section, src.id
        rows = re.findall(r"<tr>.*?</tr>", sources[start:end if end > 0 else None], re.S)
        for item in [a for a in model.of("article") if a.parent is src] + \
                    [x for x in model.of("limit") if source_of(x) is src]:
            row = next((r for r in rows if f'#{item.id}"' in r), None)
            assert row is not None, f"{item.id} has no row under {src.id}"
            assert CONFIDENCE.get(item.get("confidence"), "未写明") in _text(row), (item.id, _text(row))
    # the least sure items are listed first, by name
    unsure = [x for kind in ("source", "article", "limit") for x in model.of(kind) if x.get("confidence") == "check"]
    assert unsure, "the shipped set has nothing to verify: this test would prove nothing"
    listed = sources[sources.index('id="unsure"'):sources.index('id="sources"')]
    for x in unsure:
        assert f"#{x.id}\"" in listed or f"#src-{x.id}\"" in listed, x.id
    # so are the items that say nothing of how sure they are: no check enforces their limits either
    unstated = [x for kind in ("source", "article", "limit") for x in model.of(kind) if x.get("confidence") is None]
    assert unstated, "the shipped set states every confidence: this part would prove nothing"
    group = listed[listed.index('id="unsure-unstated"'):listed.index('<h3', listed.index('id="unsure-unstated"'))]
    for x in unstated:
        assert f"#{x.id}\"" in group or f"#src-{x.id}\"" in group, x.id


# -- item 7: every limit says whose it is ---------------------------------------------------------------
class _Blocks(HTMLParser):
    """The text of each innermost block (list item, table row, paragraph, heading) that mentions a
    limit (links to it or carries its id), with the limits it mentions."""

    # a table row is one block: a label may stand in the cell before the limit (| 监管时限 | 15 日内 |)
    BLOCK = frozenset({"li", "tr", "p", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self, limits: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.limits = limits
        self.stack: list[tuple[str, list[str], list[str]]] = []
        self.found: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCK:
            self.stack.append((tag, [], []))
        a = dict(attrs)
        named = [a.get("id") or "", urlsplit(a.get("href") or "").fragment]
        for lim in (x for x in named if x in self.limits):
            if not self.stack:
                self.found.append(("", [lim]))  # a limit outside any block: no label can be beside it
            else:
                self.stack[-1][2].append(lim)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.BLOCK or not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            t, parts, mentions = self.stack.pop()
            text = "".join(parts)
            if self.stack:
                self.stack[-1][1].append(text)
            if mentions:
                self.found.append((text, mentions))
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1][1].append(data)


LIMIT_LABELS = ("监管时限", "公司制度时限")


def _expected(model: Model, limit_id: str) -> str:
    source = source_of(model.get(limit_id, "limit"))
    return "公司制度时限" if source is not None and source.get("type") == "internal" else "监管时限"


def _mislabelled(site: Path, model: Model, urls: Any) -> tuple[list[str], int]:
    """Limits on the pages ``urls`` picks whose block lacks their own label or carries the other one
    (a block naming limits of both kinds carries both), and how many limits were seen."""
    limits = {x.id for x in model.of("limit")}
    wrong, seen = [], 0
    for url, html in _staff(_pages(site)).items():
        if not urls(url):
            continue
        parser = _Blocks(limits)
        parser.feed(_article(html))
        for text, mentions in parser.found:
            seen += len(mentions)
            want = {_expected(model, x) for x in mentions}
            for label in LIMIT_LABELS:
                if label in want and label not in text:
                    wrong.append(f"{url}: {mentions} without {label}: {text.strip()[:160]}")
                if label not in want and label in text:
                    wrong.append(f"{url}: {mentions} called {label}: {text.strip()[:160]}")
    return wrong, seen


def _role_page(url: str) -> bool:
    return url.startswith("roles/") and url != "roles/"


@pytest.mark.slow
def test_every_limit_on_a_staff_page_says_whether_it_is_regulatory_or_the_companys(site: Path, model: Model) -> None:
    kinds = {_expected(model, x.id) for x in model.of("limit")}
    assert kinds == set(LIMIT_LABELS), "the shipped set needs limits of both kinds for this test to mean anything"
    wrong, seen = _mislabelled(site, model, lambda url: not _role_page(url))
    assert seen > len(kinds) * 10, f"only {seen} limits shown on staff pages: too few to test"
    assert wrong == [], "\n".join(wrong[:20])


@pytest.mark.slow
def test_every_limit_on_a_role_page_says_whether_it_is_regulatory_or_the_companys(site: Path, model: Model) -> None:
    wrong, seen = _mislabelled(site, model, _role_page)
    assert seen > 0
    assert wrong == [], "\n".join(wrong[:20])


# -- item 10: the home page ---------------------------------------------------------------------------
@pytest.mark.slow
def test_the_home_page_opens_on_finding_ones_post(site: Path, model: Model) -> None:
    article = _article(_pages(site)[""])
    h2 = [m.start() for m in re.finditer(r"<h2\b", article)]
    assert len(h2) >= 2, "the home page has no sections"
    first = article[:h2[1]]  # the title and the first section
    hrefs = re.findall(r'href="([^"]+)"', first)
    assert "roles/" in hrefs, hrefs  # the index of posts
    assert "complaints/" in hrefs and "org/" in hrefs, hrefs
    for _unit, posts in Manual(model).posts_by_unit():
        for post in posts:
            assert f"roles/{post.id}/" in hrefs, post.id  # few posts: each one linked
    assert "最近更新" in _text(article[h2[1]:h2[2] if len(h2) > 2 else None])
    assert "手册版本" not in _text(first), "the file and version table is no longer the first screen"


def test_recent_changes_are_the_policy_files_newest_first(tmp_path: Path) -> None:
    root = tmp_path / "policies"
    shutil.copytree(shipped_policies(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    followups = root / "followups.yaml"
    text = followups.read_text(encoding="utf-8")
    followups.write_text(text.replace('effective_date: "2026-01-01"', 'effective_date: "2026-03-01"', 1),
                         encoding="utf-8")
    result = run(root, Config())
    assert result.model is not None
    home = next(p.markdown for p in Manual(result.model).pages() if p.src == "index.md")
    recent = home[home.index("## 最近更新"):]
    recent = re.sub(r"\\(.)", r"\1", recent[:recent.index("\n## ", 1)])  # Markdown's escapes undone
    entries = re.findall(r"^- (\d{4}-\d\d-\d\d) 起施行：\[([^\]]+)\]\(([^)]+)\)", recent, re.M)
    assert entries[0] == ("2026-03-01", "客户回访", "followups.md"), entries
    assert [e[0] for e in entries] == sorted((e[0] for e in entries), reverse=True)
    # the waivers concern editors only: not news on the staff home page
    assert "waivers" not in recent and not any(e[2].startswith("editors/") for e in entries)


@pytest.mark.slow
def test_no_staff_page_links_into_the_editors_section(site: Path) -> None:
    found = []
    for url, html in _staff(_pages(site)).items():
        for href in re.findall(r'href="([^"]+)"', _article(html)):
            target = urlsplit(urljoin("/" + url, href)).path.lstrip("/")
            if target in EDITOR_URLS:
                found.append(f"{url} -> {href}")
    assert found == [], found


@pytest.mark.slow
def test_search_ranks_the_editors_pages_below_every_staff_page(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    boost = {d["location"]: d.get("boost", 1) for d in docs if "#" not in d["location"]}
    editors = {u: b for u, b in boost.items() if u in EDITOR_URLS}
    staff = [b for u, b in boost.items() if u not in EDITOR_URLS]
    assert set(editors) == EDITOR_URLS
    assert max(editors.values()) < min(staff), (editors, min(staff))


# -- the one table: the editors' section in the navigation ---------------------------------------------
def test_the_editors_section_is_last_in_the_navigation(model: Model) -> None:
    nav = Manual(model).nav([("guide.md", "阅读指南")])
    last = nav[-1]
    assert list(last) == [EDITORS]
    srcs = [v for entry in last[EDITORS] for v in entry.values()]
    assert srcs == [spec.src for spec in PAGES if spec.for_editors]
    assert srcs[0] == "editors/index.md" and "rules.md" in srcs  # the section's own page first; /rules/ kept
    assert not any(EDITORS in entry for entry in nav[:-1])


# -- the first screen, in Chromium -------------------------------------------------------------------
@pytest.fixture(scope="module")
def served(shipped_site: Path) -> Iterator[str]:
    require_chromium()
    with serve(shipped_site) as url:
        yield url


@pytest.mark.browser
def test_the_find_your_post_links_are_above_the_fold(browser: Any, served: str) -> None:
    page: Any = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(served)
        page.wait_for_load_state("networkidle")
        article = page.locator("article")
        heading = article.locator("#find-your-post")
        links = [article.locator('a[href="roles/"]').first,
                 article.locator('a[href="roles/cs-agent/"]').first,
                 article.locator('a[href="complaints/"]').first]
        for el in [heading, *links]:
            assert el.is_visible(), el
            box = el.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    finally:
        page.close()


def test_the_editors_page_shows_the_confidence_levels_the_project_checks_with(tmp_path: Path, model: Model) -> None:
    """Which limits LIM001 holds to comes from handbook.toml; the page named the rule's defaults."""
    cfg = tmp_path / "handbook.toml"
    cfg.write_text('[rules.LIM001]\nconfidence = ["confirmed"]\n', encoding="utf-8")
    index = next(p.markdown for p in Manual(model, settings=load_config(cfg)).pages() if p.src == "editors/index.md")
    line = next(x for x in index.splitlines() if x.startswith("- [LIM001]"))
    assert line.endswith("：" + CONFIDENCE["confirmed"]), line
    default = next(p.markdown for p in Manual(model).pages() if p.src == "editors/index.md")
    assert next(x for x in default.splitlines() if x.startswith("- [LIM001]")).endswith(
        "：" + CONFIDENCE["confirmed"] + "、" + CONFIDENCE["likely"])
