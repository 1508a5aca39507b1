"""Issue 13.1-2: Chinese search in the built manual, through Material's real search box in Chromium.

The staff questions (tests/data/search_questions.yaml) keep a floor; every role's exact title,
including each post of a per-unit template, must bring its page first. The query is cut the
way jieba cut the index; the worker patch is exact and guarded like the bundle's CDN patch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from mkdocs.exceptions import PluginError

from handbook import search
from handbook.engine import run
from handbook.resources import shipped_policies
from relevance import answer, figures, file_questions, open_search, role_questions

from browser import serve
from conftest import HUAXIN

HIT_FLOOR = 0.90  # issue 13.2: at least 90% of the questions find their page (first or top 3, as each says)
MRR_FLOOR = 0.80


@pytest.fixture(scope="module")
def shipped(shipped_site: Path) -> Iterator[str]:
    with serve(shipped_site) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    pg = browser.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    pg.close()
    assert errors == [], errors


def _misses(answers: list[Any]) -> str:
    return "\n".join(f"{a.question.query}: want {a.question.page or '(home)'} "
                     f"{'first' if a.question.first else 'in the top 3'}, got {list(a.ranked[:3])}"
                     for a in answers if not a.hit)


@pytest.mark.browser
def test_staff_questions_meet_the_floor(page: Any, shipped: str) -> None:
    questions = file_questions()
    assert len(questions) >= 40
    answers = answer(page, shipped, questions)
    hits, _top3, mrr = figures(answers)
    assert hits >= HIT_FLOOR and mrr >= MRR_FLOOR, f"hit {hits:.1%}, MRR {mrr:.3f}; missed:\n{_misses(answers)}"


@pytest.mark.browser
def test_every_role_title_brings_its_page_first(page: Any, shipped: str) -> None:
    questions = role_questions(shipped_policies())
    assert len(questions) >= 20
    answers = answer(page, shipped, questions)
    assert all(a.hit for a in answers), _misses(answers)


@pytest.mark.browser
def test_every_post_of_a_per_unit_template_is_found_by_its_title(page: Any, huaxin_site: Path) -> None:
    """The shipped policies have no post template; the example company has three, each with a
    post per unit (客服主管（北京分公司）, ...), whose titles differ only in the unit."""
    questions = role_questions(HUAXIN / "policies")
    assert sum("（" in q.query and "." in q.page for q in questions) >= 6  # the per-unit posts are there
    with serve(huaxin_site) as url:
        answers = answer(page, url, questions)
    assert all(a.hit for a in answers), _misses(answers)


def _first_result(page: Any, box: Any, query: str) -> tuple[str, str]:
    """Type a query; the first result's link and the words it says are missing."""
    box.fill(query)
    box.press("End")
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=30000)
    missing = first.locator("a").first.locator(".md-search-result__terms")
    return (unquote(first.locator("a").first.get_attribute("href") or ""),
            missing.inner_text() if missing.count() else "")


@pytest.mark.browser
def test_a_word_is_searched_whole_and_highlighted_whole(page: Any, shipped: str) -> None:
    """处罚 was searched as 处 (the highlight said ?h=处) and the penalties page came 6th."""
    href, missing = _first_result(page, open_search(page, shipped), "处罚")
    assert "/penalties/?h=处罚" in href and missing == "", (href, missing)


@pytest.mark.browser
def test_a_role_title_shows_nothing_missing_and_enter_opens_it(page: Any, shipped: str) -> None:
    """Every result said "缺少: 客服* 处*"; Enter opens the result with the highest score."""
    box = open_search(page, shipped)
    href, missing = _first_result(page, box, "客服处负责人")
    assert "/roles/cs-division-head/?h=" in href and missing == "", (href, missing)
    box.press("Enter")
    page.wait_for_url(re.compile(r".*/roles/cs-division-head/(\?.*)?$"))


@pytest.mark.browser
def test_a_synonym_finds_its_term_and_is_not_shown_missing(page: Any, shipped: str) -> None:
    """罚款 is a search synonym of 处罚 in the glossary: the manual never says 罚款."""
    href, missing = _first_result(page, open_search(page, shipped), "罚款")
    assert "/penalties/?h=处罚" in href, href
    assert "罚款" not in missing, missing


def _han_runs(site: Path) -> tuple[list[str], list[list[str]]]:
    """The index's tokens, and each run of Han characters with the words jieba cut it into
    (Material joins them with U+200B)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    sep = re.compile(index["config"]["separator"])
    tokens: set[str] = set()
    runs: dict[str, list[str]] = {}
    for doc in index["docs"]:
        for field in ("title", "text"):
            text = re.sub(r"<[^>]+>", " ", doc[field])
            tokens.update(t.lower() for t in sep.split(text) if t)
            for m in re.finditer(r"[\u3400-\u9fff\u200b]+", text):
                words = [w for w in m.group(0).split("\u200b") if w]
                if len("".join(words)) > 1 and all(re.fullmatch(r"[\u3400-\u9fff]+", w) for w in words):
                    runs["".join(words)] = words
    return sorted(tokens), list(runs.values())


@pytest.mark.browser
def test_the_query_is_cut_into_words_as_jieba_cut_the_pages(page: Any, shipped_site: Path) -> None:
    """search.js cuts each phrase of the manual, given whole, into the words jieba made of it
    at build time, nearly always: jieba weighs its own 350,000-word dictionary, the browser has
    only the index's words."""
    tokens, runs = _han_runs(shipped_site)
    assert len(runs) > 1000
    page.set_content("<html></html>")
    page.add_script_tag(content=search.SCRIPT.read_text(encoding="utf-8"))
    got = page.evaluate("""([tokens, phrases]) => {
        const index = Object.create(null);
        for (const t of tokens) index[t] = {};
        return phrases.map(p => self.handbookSearch.segment(p, w => w in index));
    }""", [tokens, ["".join(words) for words in runs]])
    agree = sum(g == words for g, words in zip(got, runs, strict=True)) / len(runs)
    # 97% when written; every page added moves it a little, and a disagreement is as often jieba's
    # own mis-cut as the browser's (旧条/目标/明 for 旧条目/标明, from the EFF002 rule page)
    assert agree >= 0.96, agree
    # the phrases of the issue: the whole run is tried (Material's segment() never did)
    assert page.evaluate("t => self.handbookSearch.segment('处罚', w => t.includes(w))", ["处", "处罚"]) == ["处罚"]


def test_glossary_words_are_whole_tokens_of_the_index(shipped_site: Path) -> None:
    model = run(shipped_policies()).model
    assert model is not None
    words = search.glossary_words(model)
    assert {"客户服务角", "溯源整改", "微笑加站立", "罚款"} <= set(words)
    tokens, _runs = _han_runs(shipped_site)
    text = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    plain = "".join(d["title"] + d["text"] for d in text["docs"]).replace("\u200b", "")
    used = [w for w in words if w in plain]
    assert len(used) >= 20
    # jieba may still join one with its neighbours somewhere (广大客户), but not most
    assert len([w for w in used if w in tokens]) >= 0.9 * len(used), [w for w in used if w not in tokens]
    assert {"客户服务角", "溯源整改", "微笑加站立", "三快三慢"} <= set(tokens)


def test_browser_data_comes_from_the_glossary_and_the_posts() -> None:
    model = run(shipped_policies()).model
    assert model is not None
    data = search.browser_data(model, lambda role: f"roles/{role.id}/")
    assert data["synonyms"]["罚款"] == ["处罚"] and data["synonyms"]["回电"] == ["回访"]
    assert data["names"]["客户服务部主管"] == ["roles/service-dept-supervisor/"]


def test_teach_puts_back_what_the_last_build_taught() -> None:
    """`mkdocs serve` rebuilds in one process: a word taught by the last build and gone from
    the glossary is no longer kept whole, and jieba's dictionary is as it was."""
    import jieba

    search.teach([])  # before jieba loads: its cache goes where the plugin puts it
    jieba.dt.check_initialized()
    total, known = jieba.dt.total, jieba.dt.FREQ["客户"]
    assert list(jieba.cut("客服质检")) == ["客服", "质检"]
    try:
        search.teach(["客服质检", "客户"])  # one new word, one jieba knew
        assert list(jieba.cut("客服质检")) == ["客服质检"]
        search.teach(["客户"])
        assert list(jieba.cut("客服质检")) == ["客服", "质检"]
    finally:
        search.teach([])
    assert jieba.dt.total == total and jieba.dt.FREQ["客户"] == known


def _material_worker() -> Path:
    import material

    workers = sorted((Path(material.__file__).parent / "templates").glob(search.WORKERS))
    workers = [w for w in workers if w.suffix == ".js"]
    assert len(workers) == 1, workers  # the plugin patches the one worker Material ships
    return workers[0]


def test_materials_worker_has_what_search_js_relies_on() -> None:
    """Fails when an upgrade of mkdocs-material changes the worker: the segment() call that is
    replaced, and the messages and result shape search.js reads, each exactly once."""
    text = _material_worker().read_text(encoding="utf-8")
    assert len(search.SEGMENT_CALL.findall(text)) == 1
    for guard in search.WORKER_GUARDS.values():
        assert len(guard.findall(text)) == 1, guard.pattern
    patched = search.patch_worker(text, "w.js")
    assert "self.handbookSearch.query(" in patched and '.join("* ")' not in patched


@pytest.mark.parametrize(("old", "new"), [
    (r'\.join\("\* "\)', '.join(" ")'),  # Material fixed its segment(): review whether ours is still needed
    (r"this\.index\.invertedIndex\)\]", "this.index.tokenSet)]"),  # segmented against something else
    (r"\{type:3,(data:[\w$]+\.search\()", r"{type:4,\1"),  # the result message renumbered
    (r"\{items:(\[\.\.\.[\w$]+\.values\(\)\])\}", r"{items:\1.flat()}"),  # results not grouped by page
    (r"this\.map=", "this.docs="),  # the document map renamed
])
def test_a_changed_worker_fails_the_build(tmp_path: Path, old: str, new: str) -> None:
    worker = _material_worker()
    text, count = re.subn(old, new, worker.read_text(encoding="utf-8"))
    assert count == 1, old
    out = tmp_path / search.WORKERS.rsplit("/", 1)[0] / worker.name
    out.parent.mkdir(parents=True)
    out.write_text(text, encoding="utf-8")
    with pytest.raises(PluginError, match="the theme changed"):
        search.install(tmp_path, {}, required=True)


def test_a_twice_found_segment_call_fails_the_build() -> None:
    text = _material_worker().read_text(encoding="utf-8")
    call = search.SEGMENT_CALL.search(text)
    assert call is not None
    with pytest.raises(PluginError, match="found 2 times"):
        search.patch_worker(text + ";" + call.group(0), "w.js")


def test_a_site_without_a_worker_fails_only_with_search_on(tmp_path: Path) -> None:
    assert search.install(tmp_path, {}, required=False) == []
    with pytest.raises(PluginError, match="no search worker"):
        search.install(tmp_path, {}, required=True)


def test_built_worker_is_materials_with_one_call_replaced_and_search_js_after(shipped_site: Path) -> None:
    material = _material_worker()
    built = (shipped_site / search.WORKERS.rsplit("/", 1)[0] / material.name).read_text(encoding="utf-8")
    text = material.read_text(encoding="utf-8")
    call = search.SEGMENT_CALL.search(text)
    assert call is not None
    before, after = text[:call.start()], text[call.end():].rstrip("\n")
    assert built.startswith(before + search.CALL.format(q=call.group("q")) + after)
    head, script = built[len(before):].split("\nself.HANDBOOK_SEARCH=", 1)[1].split(";\n", 1)
    assert json.loads(head)["synonyms"]["罚款"] == ["处罚"]
    assert script == search.SCRIPT.read_text(encoding="utf-8")
    assert not re.search(r'["\'`]https?://', script)  # the site makes no outside request


def test_the_index_is_written_in_utf8_at_half_the_size(shipped_site: Path) -> None:
    """Issue 16.6: Material wrote every Chinese character of the index as a six-byte \\uXXXX escape;
    the plugin writes the same JSON again in UTF-8."""
    raw = (shipped_site / "search" / "search_index.json").read_bytes()
    text = raw.decode("utf-8")
    assert "\\u" not in text.replace("\\\\u", "")  # no escape left (a literal backslash-u in text aside)
    assert "投诉" in text
    escaped = json.dumps(json.loads(text), separators=(",", ":")).encode()
    assert len(raw) < 0.6 * len(escaped)


def test_a_posts_page_indexes_its_own_sections_not_the_rules_of_other_pages(shipped_site: Path) -> None:
    """Issue 16.6: a post's stages, standards, follow-ups, penalties and changes are the rules of
    other pages, indexed there; the post's page is indexed by its title, duties and requirements."""
    docs = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = {d["title"] for d in docs if d["location"].startswith("roles/cs-agent/")}
    assert "岗位职责" in titles and any(not d["location"].split("#")[1:] for d in docs
                                        if d["location"] == "roles/cs-agent/")
    assert not titles & {"我处理的投诉环节与时限", "我须遵守的服务标准", "适用于我的违规与处罚"}, titles
    assert any(d["location"].startswith("standards/") for d in docs)


def test_teaching_again_keeps_the_words_jieba_had() -> None:
    """A review found a word jieba knew (客户) dropped from its dictionary after a rebuild that no
    longer taught it: its frequency before was read before jieba had loaded its dictionary."""
    import jieba

    from handbook.search import teach

    teach(["客户", "回访"])
    teach(["回访"])
    assert jieba.dt.FREQ.get("客户", 0) > 0
    teach([])
