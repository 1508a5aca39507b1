"""Glossary terms marked in rendered HTML, with their definition as a tooltip.

Python-Markdown's abbr extension matches at word boundaries, which Chinese text
does not have, so terms are marked here: in text outside links, code, headings
and existing abbreviations, the first occurrence of each term on a page.

The page HTML is read with ``html.parser`` rather than marked by a Markdown
treeprocessor: the generated pages carry prose in raw HTML blocks (``<div
class="handbook-prose">``), which a treeprocessor only sees as stash
placeholders. Only text between tags is rewritten, by source offsets; tags,
attribute values, comments and entities are copied from the page unchanged.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

# elements whose text is never marked: links, code, headings, existing marks, and
# text that is not prose (scripts, styles, form controls, SVG)
_SKIP = frozenset({"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "script", "style", "svg", "title",
                   "textarea", "button", "label", "select", "option"})
# (start, end) in the page source, the text it stands for, and whether it is one entity (never cut)
_Piece = tuple[int, int, str, bool]


class _TextRuns(HTMLParser):
    """Collects the page's markable text as runs of adjacent pieces (plain text and entities)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)  # entities arrive as their own events, with source positions
        self.page = page
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", page)]
        self._open: Counter[str] = Counter()
        self.runs: list[list[_Piece]] = [[]]

    def _here(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _add(self, start: int, source: str, text: str, entity: bool = False) -> None:
        """Add a piece to the current run if it really is this source at this offset, and is markable."""
        if any(self._open.values()) or self.page[start:start + len(source)] != source:
            self._break()
            return
        run = self.runs[-1]
        if run and run[-1][1] != start:  # something unreported in between: never join across it
            run = []
            self.runs.append(run)
        run.append((start, start + len(source), text, entity))

    def _break(self) -> None:
        if self.runs[-1]:
            self.runs.append([])

    def handle_data(self, data: str) -> None:
        self._add(self._here(), data, data)

    def handle_entityref(self, name: str) -> None:
        self._entity("&" + name)

    def handle_charref(self, name: str) -> None:
        self._entity("&#" + name)

    def _entity(self, source: str) -> None:
        start = self._here()
        if self.page.startswith(";", start + len(source)):
            source += ";"
        self._add(start, source, html.unescape(source), entity=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break()
        if tag in _SKIP:
            self._open[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break()  # <x/> opens nothing

    def handle_endtag(self, tag: str) -> None:
        self._break()
        if self._open[tag]:
            self._open[tag] -= 1

    def handle_comment(self, data: str) -> None:
        self._break()

    def handle_decl(self, decl: str) -> None:
        self._break()

    def handle_pi(self, data: str) -> None:
        self._break()

    def unknown_decl(self, data: str) -> None:
        self._break()


def mark_terms(page: str, terms: list[tuple[str, str, str]]) -> str:
    """Wrap the first occurrence of each (term, definition, id) in ``<abbr title=...>``."""
    if not terms:
        return page
    by_text: dict[str, str] = {}
    for term, definition, _ in sorted(terms, key=lambda t: -len(t[0])):  # longest first: 投诉处理 before 投诉
        if term:  # an empty term would match between every two characters
            by_text.setdefault(term, definition)
    if not by_text:
        return page
    pattern = re.compile("|".join(re.escape(t) for t in by_text))
    parser = _TextRuns(page)
    parser.feed(page)
    parser.close()
    done: set[str] = set()
    marks: list[tuple[int, int, str]] = []  # (start, end, term) in the page source
    for run in parser.runs:
        if run:
            marks += _find(run, pattern, done)
    out: list[str] = []
    pos = 0
    for start, end, term in marks:
        title = html.escape(" ".join(by_text[term].split()), quote=True)
        out += [page[pos:start], f'<abbr title="{title}">', page[start:end], "</abbr>"]
        pos = end
    out.append(page[pos:])
    return "".join(out)


def _find(run: list[_Piece], pattern: re.Pattern[str], done: set[str]) -> list[tuple[int, int, str]]:
    """First occurrences in one run of text, matched on the text and mapped back to source offsets.

    A match that would cut an entity in two is left alone.
    """
    text = "".join(p[2] for p in run)
    starts: dict[int, int] = {}  # text offset where a match may start or end -> source offset
    ends: dict[int, int] = {}
    at = 0
    for start, end, piece, entity in run:
        if entity:
            starts[at], ends[at + len(piece)] = start, end
        else:  # plain text is its own source, character for character
            for i in range(len(piece)):
                starts[at + i], ends[at + i + 1] = start + i, start + i + 1
        at += len(piece)
    found = []
    for m in pattern.finditer(text):
        term = m.group(0)
        if term in done or m.start() not in starts or m.end() not in ends:
            continue
        done.add(term)
        found.append((starts[m.start()], ends[m.end()], term))
    return found
