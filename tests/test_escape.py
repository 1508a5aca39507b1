"""Escaping of policy text, rendered with the same Markdown extensions as the manual."""

from __future__ import annotations

import re

import markdown
import pytest

from handbook.prose import problems_in
from handbook.render.escape import md_escape, plain_title, prose
from handbook.render.glossary import mark_terms

EXTENSIONS = ["attr_list", "md_in_html", "tables", "abbr", "admonition"]
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "[x]( JaVa\tscript:alert(1))",
    "<javascript:alert(1)>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    '[说明](https://example.com){: onclick="alert(1)" }',
    '{: onclick="alert(1)" }',
    "![t](https://tracker.example/p.png)",
    "![t](//tracker.example/p.png)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "*[投诉]: <b>x</b>",
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
