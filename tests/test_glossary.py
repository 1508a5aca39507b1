"""Glossary marks: the first occurrence of each term in prose, never inside markup that is not prose."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.render.glossary import mark_terms

TERMS = [("投诉", "客户表达不满", "complaint"), ("投诉处理", "受理到答复", "handling"), ("R&D", "研发", "rd")]
MARK = '<abbr title="客户表达不满">投诉</abbr>'


# the marks this module's terms make (the fragments below never contain these titles)
OURS = re.compile('<abbr title="(' + "|".join(re.escape(d) for _, d, _ in TERMS) + ')">([^<]*)</abbr>')


def _unmarked(html: str) -> str:
    return OURS.sub(r"\2", html)


@pytest.mark.parametrize(("page", "marked"), [
    ("<p><code>投诉</code>与投诉</p>", f"<p><code>投诉</code>与{MARK}</p>"),
    ("<pre><code>投诉\n</code></pre><p>投诉</p>", f"<pre><code>投诉\n</code></pre><p>{MARK}</p>"),
    ('<pre class="mermaid"><code>graph TD\n  a["投诉"]</code></pre><p>投诉</p>',
     f'<pre class="mermaid"><code>graph TD\n  a["投诉"]</code></pre><p>{MARK}</p>'),
    ('<p><a href="#x">投诉</a>投诉</p>', f'<p><a href="#x">投诉</a>{MARK}</p>'),
    ('<p><a href="#x"><strong>投诉</strong></a>投诉</p>', f'<p><a href="#x"><strong>投诉</strong></a>{MARK}</p>'),
    ('<h2 id="t">投诉<a class="headerlink" href="#t">¶</a></h2><p>投诉</p>',
     f'<h2 id="t">投诉<a class="headerlink" href="#t">¶</a></h2><p>{MARK}</p>'),
    ('<p title="投诉">说明</p><p>投诉</p>', f'<p title="投诉">说明</p><p>{MARK}</p>'),
    ('<div class="hb-calc" data-label="投诉"></div><img alt="投诉" src="a.png"/>投诉',
     f'<div class="hb-calc" data-label="投诉"></div><img alt="投诉" src="a.png"/>{MARK}'),
    # a '>' inside an attribute value does not end the tag
    ('<span title="1>0 投诉">x</span>投诉', f'<span title="1>0 投诉">x</span>{MARK}'),
    ("<!-- 投诉 --><p>投诉</p>", f"<!-- 投诉 --><p>{MARK}</p>"),
    ("<script>var a = '投诉';</script><style>p::after{content:'投诉'}</style>投诉",
     f"<script>var a = '投诉';</script><style>p::after{{content:'投诉'}}</style>{MARK}"),
    ('<abbr title="已有">投诉</abbr>投诉', f'<abbr title="已有">投诉</abbr>{MARK}'),
    ("<p>投诉处理与投诉</p>", f'<p><abbr title="受理到答复">投诉处理</abbr>与{MARK}</p>'),
])
def test_marks_only_prose(page: str, marked: str) -> None:
    assert mark_terms(page, TERMS) == marked


@pytest.mark.parametrize(("page", "marked"), [
    ("<p>&lt;投诉&gt;</p>", f"<p>&lt;{MARK}&gt;</p>"),
    ("<p>&amp;投诉&amp;</p>", f"<p>&amp;{MARK}&amp;</p>"),
    ("<p>&#8220;投诉&#x201d;</p>", f"<p>&#8220;{MARK}&#x201d;</p>"),
    # an entity inside the term: matched on the text it stands for, copied as written
    ("<p>R&amp;D</p>", '<p><abbr title="研发">R&amp;D</abbr></p>'),
    ("<p>&#25237;诉</p>", '<p><abbr title="客户表达不满">&#25237;诉</abbr></p>'),
])
def test_entities_around_and_inside_a_term(page: str, marked: str) -> None:
    assert mark_terms(page, TERMS) == marked


def test_a_term_never_cuts_an_entity() -> None:
    page = "<p>&amp;&lt; amp lt</p>"
    out = mark_terms(page, [("amp", "x", "a"), ("lt", "y", "b")])
    assert out == '<p>&amp;&lt; <abbr title="x">amp</abbr> <abbr title="y">lt</abbr></p>'


def test_definition_is_escaped_and_whitespace_folded() -> None:
    out = mark_terms("<p>投诉</p>", [("投诉", 'a "q"\n <b>&', "t")])
    assert out == '<p><abbr title="a &quot;q&quot; &lt;b&gt;&amp;">投诉</abbr></p>'


def test_no_terms_and_empty_terms_change_nothing() -> None:
    page = "<p>投诉</p>"
    assert mark_terms(page, []) == page
    assert mark_terms(page, [("", "x", "t")]) == page


_SKIPPED = {"a", "code", "pre", "h2", "abbr", "script", "title"}
_FRAGMENTS = ["投诉", "投", "诉", "处理", "R&amp;D", "&amp;", "&lt;", "&#25237;", "&", "<", ">", " ", "\n", "文字",
              "<p>", "</p>", "<a href=\"#\">", "</a>", "<code>", "</code>", "<pre>", "</pre>", "<h2>", "</h2>",
              '<abbr title="x">', "</abbr>", "<br/>", "<img alt=\"投诉\"/>", '<span title="投诉>">', "</span>",
              "<!-- 投诉 -->", "<script>'投诉'</script>", "<title>投诉</title>"]


class _Where(HTMLParser):
    """Each mark, with the skipped elements open around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.marks: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "abbr" and dict(attrs).get("title") in {d for _, d, _ in TERMS}:  # one of ours
            self.marks.append(tuple(t for t in self.open if t in _SKIPPED))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30))
def test_marking_only_inserts_marks_in_prose(parts: list[str]) -> None:
    page = "".join(parts)
    out = mark_terms(page, TERMS)
    assert _unmarked(out) == page  # tags, attributes, comments and entities are copied unchanged
    titles = [title for title, _ in OURS.findall(out)]
    assert len(titles) == len(set(titles))  # each term once at most
    where = _Where()
    where.feed(out)
    where.close()
    assert all(skipped == () for skipped in where.marks), (page, out)


# -- word boundaries: jieba says where the words are -------------------------------------------------------
CUSTOMER = "与公司发生保险业务关系的投保人、被保险人、受益人"
WORDS = [("客户", CUSTOMER, "customer"), ("客户服务中心", "统一对外的接待窗口", "centre"),
         ("回访", "主动联系客户", "followup"), ("客户回访", "主动联系客户", "followup"),
         ("新单", "新签的保单", "new"), ("工作日", "法定工作日", "workday")]


def _mark(term: str) -> str:
    definition = next(d for t, d, _ in WORDS if t == term)
    return f'<abbr title="{definition}">{term}</abbr>'


@pytest.mark.parametrize(("page", "marked"), [
    # 客户服务 and 客户端 are words of their own: 客户 is marked where it stands alone
    ("<p>本手册由公司客户服务政策文件生成，受理客户咨询。</p>",
     f"<p>本手册由公司客户服务政策文件生成，受理{_mark('客户')}咨询。</p>"),
    ("<p>移动客户端</p>", "<p>移动客户端</p>"),
    # the longest term that is a word there wins, and covers the shorter ones inside it
    ("<p>客户服务中心负责客户回访。</p>", f"<p>{_mark('客户服务中心')}负责{_mark('客户回访')}。</p>"),
    # terms jieba's dictionary does not have are words all the same (without them: 新/单)
    ("<p>对新单回访</p>", f"<p>对{_mark('新单')}{_mark('回访')}</p>"),
    # a term before a word of place or time is a word (jieba's dictionary has 工作日内), in 工作日历 it is not
    ("<p>按工作日历计算，5个工作日内答复</p>", f"<p>按工作日历计算，5个{_mark('工作日')}内答复</p>"),
])
def test_terms_are_marked_only_where_they_are_words(page: str, marked: str) -> None:
    assert mark_terms(page, WORDS) == marked


def test_a_latin_term_is_not_marked_inside_a_longer_word() -> None:
    terms = [("VIP服务", "x", "s"), ("VIP", "y", "v"), ("amp", "z", "a")]
    assert mark_terms("<p>examples of VIPs, VIP服务, VIP</p>", terms) == \
        '<p>examples of VIPs, <abbr title="x">VIP服务</abbr>, <abbr title="y">VIP</abbr></p>'


def test_marking_leaves_the_search_index_segmentation_alone() -> None:
    import jieba

    before = list(jieba.cut("对新单回访"))
    assert "新单回访" not in before
    mark_terms("<p>对新单回访</p>", [("新单回访", "x", "t")])
    assert list(jieba.cut("对新单回访")) == before  # the terms went into a tokenizer of the glossary's own


@pytest.mark.parametrize("offset", [-3, -1, 0, 1, 2])
def test_a_long_page_is_marked_as_if_parsed_whole(offset: int) -> None:
    """Issue 16.5: a page is parsed a chunk (64K characters) at a time and no further than its
    terms' first occurrences; a term, a text node, a tag or an entity across a chunk's end is
    marked as on a page parsed whole, and the rest of the page is kept as it was."""
    from handbook.render import glossary

    filler = "<p>" + "说明" * 40 + "</p>\n"
    head = filler * (glossary._CHUNK // len(filler))
    head += "甲" * (glossary._CHUNK - len(head) + offset - 3)  # the term's text starts `offset` from the chunk's end
    page = f"<p>{head}&#25237;诉处理</p><p>投诉 R&amp;D</p>" + filler * 3
    marked = mark_terms(page, TERMS)
    assert marked.count("<abbr") == 3, marked[-400:]
    assert '<abbr title="受理到答复">&#25237;诉处理</abbr>' in marked and MARK in marked
    assert '<abbr title="研发">R&amp;D</abbr>' in marked
    assert _unmarked(marked) == page
