"""Escaping of policy text, rendered with the same Markdown extensions as the manual."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.prose import MANUAL_EXTENSIONS, MARKUP_STARTS, problems_in
from handbook.render.escape import md_escape, plain_title, prose
from handbook.render.glossary import mark_terms

# what every page of the manual is converted with, the link guard included
EXTENSIONS = [*MANUAL_EXTENSIONS, "handbook.prose"]
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "[x]( JaVa\tscript:alert(1))",
    "<javascript:alert(1)>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    '[说明](https://example.com){: onclick="alert(1)" }',
    "![t](https://tracker.example/p.png)",
    "![t](//tracker.example/p.png)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "- [r]: javascript:alert(1)\n\n见[r]",
    "1. [r]: javascript:alert(1)\n\n见[说明][r]",
    "![logo][r]\n\n+ [r]: https://evil.example/p.png",
    "[x](&#106;avascript:alert(1))",
]


def _active(html: str) -> list[str]:
    bad = re.findall(r"<[a-z]+[^>]*\son[a-z]+\s*=", html, re.I)
    bad += re.findall(r"(?:href|src)\s*=\s*\"\s*(?:javascript|data|vbscript):", html, re.I)
    bad += re.findall(r"src\s*=\s*\"(?:https?:)?//", html, re.I)
    bad += re.findall(r"<(?:script|iframe|object|embed)\b", html, re.I)
    return bad


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_fields_render_as_text(text: str) -> None:
    html = markdown.markdown(f"| a |\n|---|\n| {md_escape(text)} |\n\n{md_escape(text)}", extensions=EXTENSIONS)
    assert _active(html) == []
    assert "<a " not in html and "<img" not in html


@pytest.mark.parametrize("text", HOSTILE)
def test_prose_fields_keep_nothing_active_and_are_refused(text: str) -> None:
    html = markdown.markdown(prose(text), extensions=EXTENSIONS)
    assert _active(html) == [], html
    assert problems_in(text), text  # TXT001 refuses it at check time as well


@pytest.mark.parametrize("text", ["*[投诉]: <b>x</b>\n\n投诉", '{: onclick="alert(1)" }'])
def test_markup_that_markdown_keeps_as_text_is_not_refused(text: str) -> None:
    # an abbreviation's title, an attribute list with nothing to attach to: both stay text
    assert problems_in(text) == []
    html = markdown.markdown(prose(text), extensions=EXTENSIONS)
    assert _active(html) == [] and "<b>" not in html


_PLAIN = st.text(st.characters(blacklist_characters="".join(MARKUP_STARTS), blacklist_categories=("Cs",)),
                 max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PLAIN, st.sampled_from(["# ", "\n## x\n", "javascript:x", "(data:y)", "]: ", "! ", "- ", "\n\n",
                                                    "http://e.x/p.png", "&#106;", "*[", "} onclick=x"])),
                max_size=12))
def test_text_without_markup_starts_can_produce_nothing_to_refuse(parts: list[str]) -> None:
    """problems_in skips the parse when no '[', '<' or '{' appears: the full parse agrees."""
    text = "".join(p for p in parts if not MARKUP_STARTS.intersection(p))
    html = markdown.markdown(text, extensions=MANUAL_EXTENSIONS)
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: tags.append((tag, attrs))  # type: ignore[method-assign]
    parser.feed(html)
    # toc gives headings an id; nothing else may carry an attribute
    assert [t for t in tags if t[0] in ("a", "img", "script") or [a for a in t[1] if a[0] != "id"]] == [], html
    assert problems_in(text) == []


def test_prose_keeps_ordinary_markdown() -> None:
    text = "**重要**：见 [监管机构](https://www.nfra.gov.cn/) 与 [条款](#cs-reg.a12)；a < b。"
    assert problems_in(text) == []
    html = markdown.markdown(prose(text), extensions=EXTENSIONS)
    assert "<strong>重要</strong>" in html and '<a href="https://www.nfra.gov.cn/">监管机构</a>' in html
    assert "a &lt; b" in html


def test_titles_lose_markup_characters() -> None:
    assert plain_title('客服<script>"x"&') == "客服＜script＞＂x＂＆"


def test_glossary_marks_first_occurrence_outside_links_and_headings() -> None:
    page = '<h2>投诉</h2><p>客户<a href="#">投诉</a>与投诉、投诉</p><p>投诉</p>'
    out = mark_terms(page, [("投诉", 'a "quoted" <b>', "t")])
    assert out.count("<abbr") == 1
    assert '<h2>投诉</h2>' in out and '<a href="#">投诉</a>' in out
    assert '与<abbr title="a &quot;quoted&quot; &lt;b&gt;">投诉</abbr>、投诉' in out
