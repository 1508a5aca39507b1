"""Prose fields that allow simple Markdown (``x-markdown`` in the schemas), and the one
verdict on what Markdown produced from them.

The verdict is taken from the parsed result, never from the source text: a
Markdown treeprocessor (``LinkGuard``) walks the element tree that Python-Markdown
built — after reference definitions, list items and attribute lists have all been
resolved — and checks every URL-bearing attribute and every event-handler
attribute. The same guard does two jobs:

- at check time (TXT001), ``problems_in`` parses a prose field exactly as the
  manual would if it were not escaped, and reports what the guard found, plus any
  raw HTML Markdown stashed;
- at build time, the MkDocs plugin installs the guard on every page, generated or
  hand-written, and it removes what it finds (a link loses its ``href``, an image
  from outside the site becomes its alt text), so a build on unchecked text is safe
  as well.

Allowed: links to http(s), mailto, tel, in-page (``#``) or relative addresses;
images from the site itself. Everything else (``javascript:``, ``data:``,
``vbscript:``, an image from another host, ``on*=`` attributes, styles that load
URLs) is refused.
"""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .i18n import _

log = logging.getLogger("mkdocs.plugins.handbook")

# The Markdown extensions the manual always has (the plugin adds any that
# mkdocs.yml lacks); the check parses prose with the same set.
MANUAL_EXTENSIONS = ("attr_list", "md_in_html", "tables", "abbr", "admonition", "toc")
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "poster",
                            "background", "data", "cite", "longdesc", "ping"})
# attributes that make the browser fetch what they name (the manual makes no outside request)
FETCH_ATTRIBUTES = frozenset(URL_ATTRIBUTES - {"href", "cite", "action", "formaction"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_STYLE_FETCH = re.compile(r"url\s*\(|@import|expression\s*\(", re.I)
# Without one of these characters Python-Markdown can produce no link, image,
# raw HTML or attribute list (a property test holds this against the full parse).
MARKUP_STARTS = frozenset("[<{")
_ENTITY = re.compile(r"^&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);$")


def _squash(value: str) -> str:
    # what a browser reads: entities decoded, control characters and whitespace ignored
    return re.sub(r"[\x00-\x20\x7f]", "", html.unescape(value))


def url_problem(value: str, fetched: bool) -> str | None:
    """Why a URL may not appear in the manual, or None if it may.

    ``fetched``: the browser loads it by itself (an image source), so it must be
    on the site; a link the reader clicks may also go to http(s), mailto or tel.
    """
    url = _squash(value).replace("\\", "/")  # browsers read "\\" as "/" in web addresses
    m = _SCHEME.match(url)
    if fetched:
        if m or url.startswith("//"):
            return _("'{url}' would be loaded from outside the site").format(url=value[:60])
        return None
    if m and m.group(1).lower() not in LINK_SCHEMES:
        return _("link to '{url}' ({scheme}: links are not allowed)").format(url=value[:60],
                                                                             scheme=m.group(1).lower())
    return None


def attribute_problem(tag: str, name: str, value: str) -> str | None:
    """Why one attribute may not stay on an element, or None."""
    low = name.lower()
    if low.startswith("on"):
        return _("event handler attribute '{name}'").format(name=name)
    if low == "style" and _STYLE_FETCH.search(html.unescape(value)):
        return _("style that loads a URL '{style}'").format(style=value[:60])
    if low in URL_ATTRIBUTES:
        why = url_problem(value, fetched=low in FETCH_ATTRIBUTES or (low == "data" and tag == "object"))
        if why:
            return _("image {problem}").format(problem=why) if tag == "img" else why
    return None


def element_problems(el: etree.Element) -> list[str]:
    """What is wrong with one element's attributes (empty if nothing)."""
    return [why for name, value in el.attrib.items() if (why := attribute_problem(el.tag, name, value))]


class LinkGuard(Treeprocessor):
    """Checks every element Markdown produced; removes what may not stay (or, when
    ``remove`` is off, only records it for the check)."""

    def __init__(self, md: markdown.Markdown, remove: bool) -> None:
        super().__init__(md)
        self.remove = remove
        self.found: list[str] = []

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for el in list(root.iter()):
            bad = element_problems(el)
            if not bad:
                continue
            self.found.extend(bad)
            if self.remove:
                log.warning("handbook: %s", _("removed from the manual: {what}").format(what="; ".join(bad)))
                self._neutralise(el, parents.get(el))

    @staticmethod
    def _neutralise(el: etree.Element, parent: etree.Element | None) -> None:
        if el.tag == "img" and parent is not None:
            # an image that may not load becomes its alt text, in place
            idx = list(parent).index(el)
            text = el.get("alt", "") + (el.tail or "")
            parent.remove(el)
            if idx == 0:
                parent.text = (parent.text or "") + text
            else:
                parent[idx - 1].tail = (parent[idx - 1].tail or "") + text
            return
        for name, value in list(el.attrib.items()):
            if attribute_problem(el.tag, name, value):
                del el.attrib[name]
        if el.tag == "a" and "href" not in el.attrib:
            el.tag = "span"  # the text stays; MkDocs (rightly) expects every <a> to have an href


class LinkGuardExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"remove": [True, "remove what is refused (False: only record it)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        guard = LinkGuard(md, remove=bool(self.getConfig("remove")))
        # last: after links, attribute lists (8) and the unescaping of backslash escapes (0),
        # so it judges exactly the attribute values that reach the page
        md.treeprocessors.register(guard, "handbook_link_guard", -10)
        md.handbook_guard = guard  # type: ignore[attr-defined]


def makeExtension(**kwargs: Any) -> LinkGuardExtension:
    return LinkGuardExtension(**kwargs)


_converters: dict[bool, markdown.Markdown] = {}


def _convert(text: str, remove: bool) -> tuple[str, list[str], list[str]]:
    """HTML of ``text`` converted alone with the manual's extensions, what the guard found,
    and the raw HTML Markdown stashed (character entities aside)."""
    md = _converters.get(remove)
    if md is None:
        md = _converters[remove] = markdown.Markdown(extensions=[*MANUAL_EXTENSIONS,
                                                                 LinkGuardExtension(remove=remove)])
    md.reset()
    guard: LinkGuard = md.handbook_guard  # type: ignore[attr-defined]
    guard.found = []
    html_out = md.convert(text)
    raw = [str(b) for b in md.htmlStash.rawHtmlBlocks if not _ENTITY.match(str(b))]
    return html_out, list(dict.fromkeys(guard.found)), raw


def problems_in(text: str) -> list[str]:
    """TXT001's verdict: what the manual removes from this prose field (the same conversion
    ``to_html`` makes for the page), and the raw HTML and attribute lists that escaping
    neutralises, found by parsing the text as written."""
    if not MARKUP_STARTS.intersection(text):
        return []
    _page, removed, _stashed = _convert(render(text), remove=False)
    _html, written, raw = _convert(text, remove=False)
    found = list(dict.fromkeys([*removed, *written]))
    if raw:
        found.insert(0, _("raw HTML '{html}'").format(html=" ".join(raw[0].split())[:40]))
    return found


def to_html(text: str) -> str:
    """A prose field as the manual shows it: converted on its own, so a reference defined in
    one field can never resolve in another, with what the guard refuses removed."""
    html_out, _found, _stashed = _convert(render(text), remove=True)
    return f'<div class="handbook-prose">\n{html_out}\n</div>'


def render(text: str) -> str:
    """Markdown source for a prose field: formatting kept, raw HTML and attribute lists
    shown as text. Links are left to ``LinkGuard``, which sees them parsed."""
    out = html.escape(text, quote=False)  # no raw HTML (or autolink) survives
    return out.replace("{", "\\{").replace("}", "\\}")  # no attribute lists
