"""The rules' documentation in the reader's language, the gettext way (as sphinx-intl does it).

The English docstring of each rule module (``checks/*.py``) stays the source. Every
paragraph of every section is a message id of the catalogue
``locale/<lang>/ruledocs.po``: a block of text between blank lines outside fenced
code, its lines joined with single spaces (rewrapping the English changes no id);
in a list, each item is a message of its own and its marker stays as written. The
section headings are message ids too, in the context ``section``. Fenced code (the
YAML examples) is shown as written, in every language. The title line
("中文标题 English title") is already bilingual and is kept.

English needs no catalogue: it is the source. A paragraph without a translation is
shown in English; ``render`` names it, so the manual can warn about it (``handbook
build --strict`` then fails) and tests/test_ruledocs.py fails on any paragraph without
a translation, or whose translation is fuzzy or left over from English that changed.

The catalogue is not one of ``LC_MESSAGES``: those are merged into the command's own
catalogue at every start, and only ``handbook rules CODE``, SARIF output and the
manual need this one, so it is read (with Babel) on first use only.

After changing a rule's documentation, ``python -m handbook.ruledocs`` updates the
catalogue the way ``pybabel update`` does: new paragraphs get an empty entry, a
paragraph whose English changed keeps its old translation marked fuzzy (to review),
and a translation nobody uses any more is dropped.
"""

from __future__ import annotations

import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .i18n import cached_build

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "ruledocs"
SOURCE_LANGUAGE = "en"
SEVERITY_CONTEXT = "severity"
SEVERITIES = ("error", "warning")
MANUAL_LANGUAGE = "zh_CN"  # the staff manual is Chinese, whatever --lang the command runs with
HEADING_CONTEXT = "section"
# under MkDocs' logger, whose --strict counter fails the build on a warning; the manual's renderer
# itself does not depend on MkDocs
log = logging.getLogger("mkdocs.plugins.handbook.ruledocs")

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^##\s+(.+?)\s*$")
_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(\S.*)$")


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Piece:
    """One part of a section: a paragraph or list item to translate (``message``), or code shown as written."""

    message: str = ""  # the message id: the English text, its lines joined with single spaces
    prefix: str = ""  # a list item's marker and indentation, as written
    code: str = ""  # a fenced block, fences included
    new_block: bool = True  # False: a list item that continues the list before it (no blank line between)


def pieces(body: str) -> Iterator[Piece]:
    """The pieces of a section's text, in order."""
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = _FENCE.match(line)
        if m:
            j = i + 1
            while j < len(lines) and not lines[j].lstrip().startswith(m.group(1)):
                j += 1
            yield Piece(code="\n".join(lines[i:j + 1]))
            i = j + 1
            continue
        # a block of prose: up to a blank line or a fence; a list item starts a piece of its own
        current: tuple[str, list[str]] | None = None
        first = True
        while i < len(lines) and lines[i].strip() and not _FENCE.match(lines[i]):
            item = _ITEM.match(lines[i])
            if item or current is None:
                if current is not None:
                    yield Piece(message=" ".join(current[1]), prefix=current[0], new_block=first)
                    first = False
                current = (item.group(1), [item.group(2).strip()]) if item else ("", [lines[i].strip()])
            else:
                current[1].append(lines[i].strip())
            i += 1
        if current is not None:
            yield Piece(message=" ".join(current[1]), prefix=current[0], new_block=first)


def split(doc: str) -> tuple[str, list[tuple[str, str]]]:
    """A docstring's title line and its ``## Heading`` sections (heading, text), in order.
    Text before the first heading, after the title, is a section with the heading ""."""
    lines = doc.strip().splitlines()
    title = lines[0] if lines else ""
    sections: list[tuple[str, str]] = []
    heading, buf = "", list[str]()
    for line in lines[1:]:
        m = _HEADING.match(line)
        if m:
            if heading or "\n".join(buf).strip():
                sections.append((heading, "\n".join(buf).strip()))
            heading, buf = m.group(1), []
        else:
            buf.append(line)
    if heading or "\n".join(buf).strip():
        sections.append((heading, "\n".join(buf).strip()))
    return title, sections


@dataclass
class Message:
    """A message id of the catalogue, and where it is used (for the translator)."""

    id: str
    context: str | None  # HEADING_CONTEXT for a heading, None for a paragraph
    uses: list[tuple[str, str]]  # (checks/<module>.py, "CODE section") of each use


def messages(rules: Iterable[Any]) -> list[Message]:
    """Every message id of the rules' documentation, each once, in the order of first use; headings first."""
    found: dict[tuple[str | None, str], Message] = {}
    for rule in rules:
        module = f"checks/{rule.module.rsplit('.', 1)[-1]}.py"
        for heading, body in split(rule.source_doc)[1]:
            if heading:
                found.setdefault((HEADING_CONTEXT, heading), Message(heading, HEADING_CONTEXT, []))
            for p in pieces(body):
                if p.message:
                    m = found.setdefault((None, p.message), Message(p.message, None, []))
                    m.uses.append((module, f"{rule.code} {heading}".strip()))
    for severity in SEVERITIES:  # the rule table's 默认级别 column
        found.setdefault((SEVERITY_CONTEXT, severity), Message(severity, SEVERITY_CONTEXT, []))
    return sorted(found.values(), key=lambda m: m.context is None)


def severity_label(value: str, lang: str = MANUAL_LANGUAGE) -> str:
    """A rule's default severity (error, warning) as the rules page shows it."""
    return catalogue(lang).get((SEVERITY_CONTEXT, value), value)


@cache
def catalogue(lang: str) -> dict[tuple[str | None, str], str]:
    """(context, message id) -> translation, for the translated, non-fuzzy entries of a language's
    catalogue; empty for the source language or a language without one. Read once per process.

    Babel parses the .po file (about 100 ms); the entries are kept in the user's cache folder under
    a name made of the file's hash, as i18n.py keeps the command's catalogue, so later runs read
    them in a millisecond or two.
    """
    path = catalogue_path(lang)
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return {}
    data = path.read_bytes()

    def parse() -> bytes:
        from babel.messages.pofile import read_po

        entries = [[m.context, m.id, m.string] for m in read_po(io.BytesIO(data), locale=lang)
                   if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy]
        return json.dumps(entries, ensure_ascii=False).encode("utf-8")

    raw = cached_build(f"{DOMAIN}-{lang}-{{digest}}.json", data, parse)
    try:
        return {(c or None, i): t for c, i, t in json.loads(raw)}
    except (ValueError, TypeError):  # a damaged cache file: read the catalogue itself
        return {(c or None, i): t for c, i, t in json.loads(parse())}


@dataclass(frozen=True)
class Rendered:
    doc: str  # the documentation, Markdown, in the language asked for
    sections: dict[str, str]  # English heading (the key the code uses) -> its text in that language
    missing: tuple[str, ...]  # message ids shown in English for want of a translation


def render(source: str, lang: str) -> Rendered:
    """A rule's docstring (``source``) in ``lang``: the title line as written, each heading and
    paragraph translated, fenced code as written. English is the source, returned unchanged."""
    title, sections = split(source)
    if lang == SOURCE_LANGUAGE:
        return Rendered(source.strip(), dict(sections), ())
    cat = catalogue(lang)
    missing: list[str] = []

    def tr(message: str, context: str | None = None) -> str:
        text = cat.get((context, message))
        if text is None:
            missing.append(message)
            return message
        return text

    out = [title]
    translated: dict[str, str] = {}
    for heading, body in sections:
        parts: list[str] = []
        for p in pieces(body):
            text = p.code if p.code else p.prefix + tr(p.message)
            if parts and not p.new_block:
                parts[-1] += "\n" + text
            else:
                parts.append(text)
        text = "\n\n".join(parts)
        translated[heading] = text
        out.append(("## " + tr(heading, HEADING_CONTEXT) + "\n" + text) if heading else text)
    return Rendered("\n\n".join(out).strip(), translated, tuple(missing))


def warn_untranslated(code: str, missing: Iterable[str]) -> None:
    """Log each paragraph of a rule the manual shows in English for want of a translation."""
    from .i18n import _

    for message in missing:
        log.warning(_("rule {code}: no {lang} translation in {catalogue} of \"{text}\"; the manual shows it in "
                      "English (run `python -m handbook.ruledocs` and translate the empty entries)").format(
            code=code, lang=MANUAL_LANGUAGE, catalogue=f"locale/{MANUAL_LANGUAGE}/{DOMAIN}.po",
            text=message if len(message) <= 60 else message[:57] + "..."))


def update(rules: Iterable[Any], lang: str = "zh_CN") -> Path:
    """Bring a language's catalogue up to date with the docstrings (as ``pybabel update``)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = Catalog(project="policy-handbook", fuzzy=False)
    for m in messages(rules):
        # a file without a line number: the numbers would change with every edit above the paragraph
        template.add(m.id, context=m.context, locations=[(module, None) for module, _where in m.uses],  # type: ignore[misc]
                     auto_comments=[", ".join(where for _module, where in m.uses)] if m.uses else [])
    path = catalogue_path(lang)
    if path.is_file():
        with path.open("rb") as f:
            cat = read_po(f, locale=lang)
    else:
        cat = Catalog(locale=lang, project="policy-handbook", fuzzy=False)
    from . import __version__

    cat.project, cat.version = "policy-handbook", __version__
    cat.header_comment = (
        "# The rules' documentation (checks/*.py docstrings) in Chinese: one entry per\n"
        "# paragraph, list item or section heading (src/handbook/ruledocs.py). After\n"
        "# changing a docstring run `python -m handbook.ruledocs`, then translate every\n"
        "# empty or fuzzy entry; tests/test_ruledocs.py fails until none is left.")
    cat.update(template, update_header_comment=False)
    for message in cat:
        # Babel guesses a format from braces and percent signs; these texts are never formatted
        message.flags -= {"python-format", "python-brace-format"}
    buf = io.BytesIO()
    # a translation nobody uses any more is dropped: one whose English only changed was moved (fuzzy) above
    write_po(buf, cat, width=0, include_lineno=False, ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    catalogue.cache_clear()
    return path


def main(argv: list[str] | None = None) -> int:
    from .rules import registry

    for lang in argv if argv else ["zh_CN"]:
        print(update(registry().values(), lang))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
