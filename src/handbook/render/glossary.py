"""Glossary terms marked in rendered HTML, with their definition as a tooltip.

Python-Markdown's abbr extension matches at word boundaries, which Chinese text
does not have, so terms are marked here: in text outside links, code, headings
and existing abbreviations, the first occurrence of each term on a page.

Chinese has no spaces, so where the words are is asked of jieba, the segmenter
the search index already uses: a term is marked only where a word starts and
one ends, so 客户 is not marked inside 客户服务 (one word), and of the terms
starting at one place the longest that fits the words wins. jieba is told every
term as a word, in a tokenizer of our own laid over its dictionary (the search
index's segmentation is left as it was); a term that jieba still cuts into
several words matches when its two ends fall on word boundaries.

The page HTML is read with ``html.parser`` rather than marked by a Markdown
treeprocessor: the generated pages carry prose in raw HTML blocks (``<div
class="handbook-prose">``), which a treeprocessor only sees as stash
placeholders. Only text between tags is rewritten, by source offsets; tags,
attribute values, comments and entities are copied from the page unchanged.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections import Counter
from html.parser import HTMLParser
from typing import Any

from ..sitebuild import private_jieba_cache

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


class _Overlay(dict[str, int]):
    """jieba's word frequencies with the glossary's words on top: the half a million entries of
    its dictionary are read where they are, neither copied (a third of a second) nor changed."""

    def __init__(self, base: dict[str, int]) -> None:
        super().__init__()
        self.base = base

    def __contains__(self, word: object) -> bool:
        return dict.__contains__(self, word) or word in self.base

    def __getitem__(self, word: str) -> int:
        return dict.__getitem__(self, word) if dict.__contains__(self, word) else self.base[word]

    def get(self, word: str, default: Any = None) -> Any:
        return dict.get(self, word, self.base.get(word, default))


# A term and the word of place or time after it (方位词) are a phrase, as in 5个工作日内 (within five
# working days); jieba's dictionary holds a few as one word (工作日内), which would hide the term.
_LOCATIVES = "内外前后上下中间里时起"
_segmenters: dict[frozenset[str], tuple[object, Any]] = {}  # words -> (dictionary it lies over, tokenizer)


def _segmenter(words: frozenset[str]) -> Any:
    """A jieba tokenizer that knows ``words``; made once per set of terms (every page has the same)."""
    private_jieba_cache()  # before jieba first loads its dictionary
    import jieba

    jieba.dt.check_initialized()  # the search index loads it anyway: one load for both
    base = jieba.dt.FREQ
    made = _segmenters.get(words)
    if made is not None and made[0] is base:
        return made[1]
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = _Overlay(base), jieba.dt.total, True
    for word in sorted(words, key=lambda w: (len(w), w)):  # a longer word's frequency comes from its parts
        tok.add_word(word)
    for word in words:
        for particle in _LOCATIVES:
            if tok.FREQ.get(word + particle):
                tok.FREQ[word + particle] = 0  # no longer a word (for this tokenizer only)
    _segmenters.clear()
    _segmenters[words] = (base, tok)
    return tok


class _Words:
    """Where the segmenter puts word boundaries in one run of text.

    jieba cuts runs of Han characters, letters and digits (its ``re_han_default``) and
    treats every other character as a word of its own; each such block is cut only
    when a term is found in it. HMM is off: it guesses new words by joining single
    characters, and a guess must not decide whether a glossary term is a word here.
    """

    def __init__(self, text: str, segmenter: Any) -> None:
        import jieba

        self.text, self.segmenter = text, segmenter
        self.blocks = [(m.start(), m.end()) for m in jieba.re_han_default.finditer(text)]
        self.block_starts = [b[0] for b in self.blocks]
        self.cuts: dict[int, set[int]] = {}

    def boundary(self, pos: int) -> bool:
        pair = self.text[pos - 1:pos + 1] if pos > 0 else ""
        if len(pair) == 2 and pair.isascii() and pair.isalnum():
            return False  # inside a Latin word or number, which jieba would cut at a dictionary word (ex|amp|les)
        i = bisect_right(self.block_starts, pos) - 1
        if i < 0:
            return True
        start, end = self.blocks[i]
        if pos <= start or pos >= end:
            return True
        cuts = self.cuts.get(i)
        if cuts is None:
            cuts, at = set(), start
            for word in self.segmenter.cut(self.text[start:end], HMM=False):
                at += len(word)
                cuts.add(at)
            self.cuts[i] = cuts
        return pos in cuts


class Glossary:
    """The terms to mark, made ready once for every page of a build (the plugin keeps one)."""

    def __init__(self, terms: list[tuple[str, str, str]]) -> None:
        self.by_text: dict[str, str] = {}  # term -> definition, longest first: 投诉处理 before 投诉
        for term, definition, _ in sorted(terms, key=lambda t: -len(t[0])):
            if term:  # an empty term would match between every two characters
                self.by_text.setdefault(term, definition)
        # every place some term starts, overlapping ones too: the words decide which one is marked
        self.starts = re.compile("(?=" + "|".join(re.escape(t) for t in self.by_text) + ")") if self.by_text else None
        self.by_first: dict[str, list[str]] = {}
        for term in self.by_text:  # longest first, as by_text is
            self.by_first.setdefault(term[0], []).append(term)

    def mark(self, page: str) -> str:
        """Wrap the first occurrence of each term in ``<abbr title=...>``, where it is a word."""
        if self.starts is None:
            return page
        return _mark(page, self.by_text, self.starts, self.by_first)


def mark_terms(page: str, terms: list[tuple[str, str, str]]) -> str:
    """Wrap the first occurrence of each (term, definition, id) in ``<abbr title=...>``, where it is a word."""
    return Glossary(terms).mark(page)


_CHUNK = 1 << 16  # characters of a page parsed at a time, until every term in it is marked


def _mark(page: str, by_text: dict[str, str], starts: re.Pattern[str], by_first: dict[str, list[str]]) -> str:
    segmenter = _segmenter(frozenset(by_text))
    parser = _TextRuns(page)
    done: set[str] = set()
    marks: list[tuple[int, int, str]] = []  # (start, end, term) in the page source
    # Only a term's first occurrence is marked: once each term the page holds is marked, the rest
    # of a long page (a regulation's thousands of articles) need not be parsed at all. The page is
    # parsed a chunk at a time, and every run but the last (which the next chunk may continue) is
    # looked at after each chunk, in order, as if the page had been parsed whole.
    plain = html.unescape(page) if "&" in page else page  # a term may be written with entities
    present = {t for t in by_text if t in plain}
    at = 0
    while at < len(page) and not present <= done:
        parser.feed(page[at:at + _CHUNK])
        at += _CHUNK
        if at >= len(page):
            parser.close()
        runs, parser.runs = parser.runs, parser.runs[-1:] if at < len(page) else [[]]
        for run in runs[:-1] if at < len(page) else runs:
            if run:
                marks += _find(run, starts, by_first, segmenter, done)
    out: list[str] = []
    pos = 0
    for start, end, term in marks:
        title = html.escape(" ".join(by_text[term].split()), quote=True)
        out += [page[pos:start], f'<abbr title="{title}">', page[start:end], "</abbr>"]
        pos = end
    out.append(page[pos:])
    return "".join(out)


def _find(run: list[_Piece], starts: re.Pattern[str], by_first: dict[str, list[str]], segmenter: Any,
          done: set[str]) -> list[tuple[int, int, str]]:
    """First occurrences in one run of text, at word boundaries, mapped back to source offsets.

    At each place, the longest term whose two ends are word boundaries is taken, and
    the text it covers is not looked at again (a term marked before still covers its
    text, so 投诉 is not marked inside a second 投诉处理). A match that would cut an
    entity in two is left alone.
    """
    text = "".join(p[2] for p in run)
    found: list[tuple[int, int, str]] = []
    candidates = starts.finditer(text)
    first = next(candidates, None)  # most runs hold no term: no offsets, no segmenting
    if first is None:
        return found
    src_start: dict[int, int] = {}  # text offset where a match may start or end -> source offset
    src_end: dict[int, int] = {}
    at = 0
    for start, end, piece, entity in run:
        if entity:
            src_start[at], src_end[at + len(piece)] = start, end
        else:  # plain text is its own source, character for character
            for i in range(len(piece)):
                src_start[at + i], src_end[at + i + 1] = start + i, start + i + 1
        at += len(piece)
    words = _Words(text, segmenter)
    covered = 0  # text before this is inside a term already taken
    for m in (first, *candidates):
        p = m.start()
        if p < covered or p not in src_start or not words.boundary(p):
            continue
        for term in by_first[text[p]]:
            end = p + len(term)
            if text.startswith(term, p) and end in src_end and words.boundary(end):
                covered = end
                if term not in done:
                    done.add(term)
                    found.append((src_start[p], src_end[end], term))
                break
    return found
