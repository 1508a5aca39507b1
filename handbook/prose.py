"""Prose fields that allow simple Markdown (``x-markdown`` in the schemas): one rule set,
used twice — TXT001 refuses bad text at check time, ``render`` neutralises it again
when the manual is built, in case a build ever runs on unchecked text.

Allowed: emphasis, lists, and links to http(s), mailto, in-page (#) or relative
addresses. Refused: raw HTML, other link schemes (javascript:, data:, ...),
images from outside the site (the manual makes no outside request), and
attribute lists (``{: onclick=...}``), which Markdown would turn into HTML
attributes.
"""

from __future__ import annotations

import html
import re

SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:]*$)", re.I)
# "<" directly followed by a letter, "/", "!" or "?" starts a tag for a browser; "a < b" is text
HTML_TAG = re.compile(r"</?[a-zA-Z!?][^>]*>?")
INLINE_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)>]*)")
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>]*)>")
REFERENCE = re.compile(r"^(\s*)\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
ATTR_LIST = re.compile(r"\{\s*[:#.]")


def _squash(target: str) -> str:
    # browsers ignore control characters and whitespace inside a scheme
    return re.sub(r"[\x00-\x20]", "", html.unescape(target))


def _external_image(target: str) -> bool:
    t = _squash(target).lower()
    return t.startswith("//") or bool(re.match(r"^[a-z][a-z0-9+.-]*:", t))


def problems_in(text: str) -> list[str]:
    found = []
    m = HTML_TAG.search(text)
    if m:
        found.append(f"raw HTML '{m.group(0)[:40]}'")
    if ATTR_LIST.search(text):
        found.append("an attribute list '{: ...}'")
    for m in INLINE_LINK.finditer(text):
        bang, target = m.groups()
        if not SAFE_SCHEME.match(_squash(target)):
            found.append(f"link to '{target[:40]}'")
        elif bang and _external_image(target):
            found.append(f"image from outside the site '{target[:40]}'")
    for m in AUTOLINK.finditer(text):
        if not SAFE_SCHEME.match(_squash(m.group(1))):
            found.append(f"link to '{m.group(1)[:40]}'")
    for m in REFERENCE.finditer(text):
        if not SAFE_SCHEME.match(_squash(m.group(2))) or _external_image(m.group(2)) and "![" in text:
            found.append(f"link to '{m.group(2)[:40]}'")
    return found


def render(text: str) -> str:
    """Markdown source safe to hand to Python-Markdown: formatting kept, nothing active."""
    out = html.escape(text, quote=False)  # no raw HTML (or autolink) survives
    out = out.replace("{", "\\{").replace("}", "\\}")  # no attribute lists

    def inline(m: re.Match[str]) -> str:
        bang, target = m.groups()
        if not SAFE_SCHEME.match(_squash(target)) or (bang and _external_image(target)):
            return m.group(0).replace("](", "]\\(", 1).replace("![", "!\\[", 1)
        return m.group(0)

    def reference(m: re.Match[str]) -> str:
        target = m.group(2)
        if not SAFE_SCHEME.match(_squash(target)) or _external_image(target):
            return m.group(0).replace("[", "\\[", 1)
        return m.group(0)

    out = INLINE_LINK.sub(inline, out)
    return REFERENCE.sub(reference, out)
