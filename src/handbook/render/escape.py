"""Escaping for text from YAML placed into generated Markdown.

Every ``{{ }}`` in a template passes through ``md_escape`` (the Jinja
environment's ``finalize``), so a policy title holding ``<script>``,
``onerror=`` or a Markdown link to ``javascript:`` shows as text. Only values the
renderer builds itself are wrapped in ``Safe`` and pass unchanged.
"""

from __future__ import annotations

import html
import re
from typing import Any

# Characters that start Markdown or HTML syntax inline. Backslash escapes make
# Python-Markdown print them literally; '<' and '&' become entities first.
# ("~" is not: without pymdownx.tilde Python-Markdown leaves "\\~" as it is, backslash and all)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>-])")


class Safe(str):
    """Markdown the renderer built itself (links, tables of escaped text)."""


def md_escape(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Safe):
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    text = " ".join(str(value).split())  # one line: a newline could start a block
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))


def attr(value: Any) -> Safe:
    """For an HTML attribute value (quoted)."""
    return Safe(html.escape(" ".join(str(value).split()), quote=True))


def mermaid_label(value: Any) -> str:
    """Text for a Mermaid node label in double quotes: no quote, bracket or markup survives."""
    text = " ".join(str(value).split())
    for ch, ent in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(ch, ent)
    return text


_TITLE_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇"})


def plain_title(value: Any) -> str:
    """A title for the navigation and <title>: themes print these unescaped, and
    Jinja's striptags un-escapes entities, so markup characters are replaced by
    their full-width forms instead of escaped."""
    return " ".join(str(value).split()).translate(_TITLE_SAFE)


def prose(value: Any) -> Safe:
    """A Markdown prose field (x-markdown) as an HTML block, converted on its own: formatting
    kept, nothing active (see handbook/prose.py). Its template line must start the block."""
    from ..prose import to_html

    return Safe(to_html(str(value)))
