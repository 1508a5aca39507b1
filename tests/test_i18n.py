"""Issue 10.12: every message has a zh_CN and an English translation, chosen by locale or --lang."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import handbook
import handbook.checks
from handbook.i18n import LANGUAGES, LOCALE_DIR, normalise

CODE_DIRS = [Path(handbook.__file__).parent, Path(handbook.checks.__path__[0])]


def _message_ids() -> set[str]:
    """Every _("...") in the code, as Babel's extractor (the standard tool) finds it."""
    ids: set[str] = set()
    for folder in CODE_DIRS:
        for _file, _line, message, _comments, _context in extract_from_dir(
                folder, method_map=[("**.py", "python")], keywords={"_": None, "N_": None}):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


def _catalogue(lang: str) -> list[object]:
    out: list[object] = []
    for po in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as f:
            out.extend(read_po(f, locale=lang))
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_has_a_translation(lang: str) -> None:
    cat = _catalogue(lang)
    translated = {m.id for m in cat if m.id and m.string}  # type: ignore[attr-defined]
    missing = sorted(_message_ids() - translated)
    assert missing == [], f"{len(missing)} message(s) without a {lang} translation, e.g. {missing[:3]}"
    stale = sorted({m.id for m in cat if m.id} - _message_ids())  # type: ignore[attr-defined]
    assert stale == [], f"{lang} catalogue keeps messages the code no longer has: {stale[:3]}"


def test_placeholders_survive_translation() -> None:
    import re

    for lang in LANGUAGES:
        for m in _catalogue(lang):
            if m.id and m.string:  # type: ignore[attr-defined]
                found = set(re.findall(r"\{[a-z_]+\}", m.string))  # type: ignore[attr-defined]
                assert set(re.findall(r"\{[a-z_]+\}", m.id)) == found, m.id  # type: ignore[attr-defined]


@pytest.mark.parametrize(("value", "lang"), [("zh_CN.UTF-8", "zh_CN"), ("zh", "zh_CN"), ("en_US.UTF-8", "en"),
                                             ("C", None), ("", None)])
def test_locale_names(value: str, lang: str | None) -> None:
    assert normalise(value) == lang
