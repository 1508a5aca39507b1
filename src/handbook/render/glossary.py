"""Glossary terms marked in rendered HTML, with their definition as a tooltip.

Python-Markdown's abbr extension matches at word boundaries, which Chinese text
does not have, so terms are marked here: in text outside links, code, headings
and existing abbreviations, the first occurrence of each term on a page.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")
_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "script", "style", "svg", "title",
         "textarea", "button", "label", "select", "option"}


def mark_terms(page: str, terms: list[tuple[str, str, str]]) -> str:
    """Wrap the first occurrence of each (term, definition, id) in ``<abbr title=...>``."""
    if not terms:
        return page
    by_text = {}
    for term, definition, _ in sorted(terms, key=lambda t: -len(t[0])):
        by_text.setdefault(html.escape(term, quote=False), definition)
    pattern = re.compile("|".join(re.escape(t) for t in by_text))
    done: set[str] = set()
    out: list[str] = []
    skip_depth = 0
    pos = 0
    for m in _TAG.finditer(page):
        text = page[pos:m.start()]
        out.append(text if skip_depth else _mark(text, pattern, by_text, done))
        tag = m.group(0)
        name = re.match(r"</?\s*([a-zA-Z0-9]+)", tag)
        if name and name.group(1).lower() in _SKIP and not tag.endswith("/>"):
            skip_depth += -1 if tag.startswith("</") else 1
            skip_depth = max(skip_depth, 0)
        out.append(tag)
        pos = m.end()
    tail = page[pos:]
    out.append(tail if skip_depth else _mark(tail, pattern, by_text, done))
    return "".join(out)


def _mark(text: str, pattern: re.Pattern[str], by_text: dict[str, str], done: set[str]) -> str:
    def sub(m: re.Match[str]) -> str:
        term = m.group(0)
        if term in done:
            return term
        done.add(term)
        title = html.escape(" ".join(by_text[term].split()), quote=True)
        return f'<abbr title="{title}">{term}</abbr>'

    return pattern.sub(sub, text)
