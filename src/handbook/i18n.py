"""Messages in the reader's language, the standard way: gettext catalogues.

Every message a person reads (a problem, a usage error, a summary) is written in
the code as its English text inside ``_()`` (the gettext message id) and
formatted afterwards with named fields::

    _("duplicate key '{key}' (first defined at line {line})").format(key=key, line=line)

The translations are the catalogues ``locale/<lang>/LC_MESSAGES/*.po`` beside
this module, one file per area (``handbook.po`` for the engine, loader, schemas
and CLI; ``checks.po`` for the rule modules), merged into one catalogue per
language (zh_CN and en, both complete; a test checks that every message id in
the code has a translation in each). They are compiled in memory
with Babel on first use, so no build step and no compiled ``.mo`` file is kept
in the repository. Rule codes, field paths, ids and the JSON/SARIF structure
never change with the language.

The language: ``--lang`` (``handbook --lang zh_CN check``), else the first of
``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that names one of ours
(``zh_CN.UTF-8`` and ``zh`` are zh_CN), else English. The MkDocs plugin, which has
no ``--lang`` of its own, calls ``use_default()``: the language ``--lang`` chose
earlier in the process (``handbook --lang en build``), else the environment's.

Text that is already bilingual, "中文。English." (the schemas' descriptions), is
not a message id: ``localised`` picks the part in the reader's language.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

DOMAIN = "handbook"
LANGUAGES = ("zh_CN", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: gettext.NullTranslations | None = None  # chosen on first use, unless use() was called
_language = "en"
_requested: str | None = None  # the language --lang named (use(lang)), kept for use_default()


def normalise(value: str | None) -> str | None:
    """One of LANGUAGES for a locale name (``zh_CN.UTF-8``, ``zh``, ``en_US``), else None."""
    if not value:
        return None
    base = value.split(".")[0].split("@")[0].replace("-", "_")
    for lang in LANGUAGES:
        if base == lang or base.split("_")[0] == lang.split("_")[0]:
            return lang
    return None


def from_environment() -> str:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in (os.environ.get(var) or "").split(":"):
            lang = normalise(part)
            if lang:
                return lang
    return "en"


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of one language.

    Babel reads the .po files and writes the .mo once; the result is kept in the user's
    cache folder under a name made of the catalogues' own hash, so later runs open it
    directly (compiling costs about 35 ms, a cost every CLI start would otherwise pay).
    """
    sources = sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po"))
    assert sources, f"no catalogue for {lang}"
    data = cached_build(f"{DOMAIN}-{lang}-{{digest}}.mo", b"".join(p.read_bytes() for p in sources),
                        lambda: _compile(lang, sources))
    return gettext.GNUTranslations(io.BytesIO(data))


def cached_build(name: str, source: bytes, build: Callable[[], bytes]) -> bytes:
    """What ``build()`` makes of ``source``, kept in the user's cache folder under ``name`` (its
    ``{digest}``: the source's hash), so a later run reads it instead of building it again; built
    each time when there is no cache folder."""
    cached = _cache_dir() / name.format(digest=hashlib.sha256(source).hexdigest()[:16])
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = build()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cached)  # whole or not at all, even with two runs at once
    except OSError:
        pass
    return data


def _compile(lang: str, sources: list[Path]) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    cat = None
    for po in sources:
        with po.open("rb") as f:
            part = read_po(f, locale=lang)
        if cat is None:
            cat = part
        else:
            for message in part:
                if message.id:
                    cat[message.id] = message
    assert cat is not None  # catalogue() passes at least one file
    buf = io.BytesIO()
    write_mo(buf, cat)
    return buf.getvalue()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policy-handbook"


def use(lang: str | None = None) -> str:
    """Switch every message to ``lang`` (default: from the environment); returns the language used."""
    global _current, _language, _requested
    _requested = normalise(lang)
    _language = _requested or from_environment()
    # the English catalogue is the message ids themselves (a test keeps it complete): no lookup
    needed = _language != "en" and (LOCALE_DIR / _language).is_dir()
    _current = catalogue(_language) if needed else gettext.NullTranslations()
    return _language


def use_default() -> str:
    """For code without a --lang of its own (the MkDocs plugin): the language --lang chose
    earlier in this process (``handbook --lang en build``), else the environment's."""
    return use(_requested)


def language() -> str:
    if _current is None:
        use()
    return _language


# "中文。English.": the Chinese part ends at the first "。" that English text follows
_BILINGUAL = re.compile(r"。\s*(?=[A-Za-z0-9'\"(])")


def localised(text: str) -> str:
    """The part of a bilingual "中文。English." text in the current language: the Chinese part
    (with its "。") for zh_CN, the English part for en; the whole text when it is not in that form.

    The schemas' descriptions are written so (``"数量。Amount (a positive whole number)."``); a
    message quoting one shows the reader one language, as the rest of the message is.
    """
    m = _BILINGUAL.search(text)
    if m is None:
        return text
    chinese, english = text[:m.start() + 1].strip(), text[m.end():].strip()
    if not english or not re.search(r"[\u4e00-\u9fff]", chinese):
        return text
    return chinese if language() == "zh_CN" else english


def _(message: str) -> str:
    """The message in the current language (its English text when no translation exists)."""
    if _current is None:
        use()
    assert _current is not None
    return _current.gettext(message)


def N_(message: str) -> str:
    """Marks a message for the catalogues without translating it yet: for text defined at import
    time (a rule's WAIVER_NOTE), translated with ``_()`` where it is shown."""
    return message
