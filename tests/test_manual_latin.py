"""No English UI text on a staff page (issue 13, item 5): what Chromium shows of every page a staff
member reads, the navigation and search box included, has no Latin word that the policies themselves
do not write.

Words the compliance editors wrote stay allowed: a term's English name (the glossary's `en`), an
acronym or a web address in a sentence (VIP, www.example.com). A word the templates, the theme or
a code shown as is (a condition group's `complexity`, `sample: true`) put there is UI, and fails.
The editors' section is left out: it is written in Chinese, but shows codes on purpose.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from handbook.config import Config
from handbook.engine import run
from handbook.render.manual import PAGES

from browser import serve, url_of
from conftest import HUAXIN, ROOT

pytestmark = pytest.mark.browser

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_.@/:\-]*[A-Za-z0-9]|[A-Za-z]")
CJK = re.compile(r"[\u4e00-\u9fff]")
EDITORS = tuple(url_of(spec.src) for spec in PAGES if spec.for_editors)  # the editors' section's URL paths
# what only the editors' pages show: words written there do not excuse a staff page
EDITORS_ONLY = ("note", "confidence")
SETS = {"shipped": ROOT / "policies", "huaxin": HUAXIN / "policies"}


def written(folder: Path) -> set[str]:
    """The Latin words the policies write in their own text: prose (a string with Chinese in it),
    a term's English name, and an e-mail or web address."""
    model = run(folder, Config()).model
    assert model is not None
    out: set[str] = set()

    def walk(x: Any, key: str = "") -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, str(k))
        elif isinstance(x, list):
            for v in x:
                walk(v, key)
        elif key in EDITORS_ONLY:
            return
        elif isinstance(x, str) and (CJK.search(x) or key == "en" or re.search(r"@|://", x)):
            out.update(w.lower() for w in LATIN.findall(x))  # prose, an English name, an address

    for f in model.files:
        walk(f.data)
    return out


def english(text: str, allowed: set[str]) -> set[str]:
    """The Latin words of a page's text that the policies do not write themselves."""
    return {w for w in LATIN.findall(text) if w.lower() not in allowed}


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_staff_page_shows_an_english_word_the_policies_do_not_write(
        browser: Any, request: pytest.FixtureRequest, name: str) -> None:
    site: Path = request.getfixturevalue(f"{name}_site")
    allowed = written(SETS[name])
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    staff = [p for p in pages if not p.startswith(("assets", "search"))
             and not (p + "/").startswith(EDITORS)]
    assert len(staff) > 20, staff
    found: dict[str, set[str]] = {}
    with serve(site) as url:
        page = browser.new_page()
        for rel in staff:
            page.goto(url + ("" if rel == "." else rel + "/"))
            text = page.inner_text("body")
            words = english(text, allowed)
            if words:
                found[rel] = words
        page.close()
    assert found == {}, "English shown to staff:\n" + "\n".join(f"{p}: {sorted(w)}" for p, w in found.items())


def test_the_scan_catches_english_ui_text() -> None:
    """The allow-list is the policies' own words, so a word the manual adds is caught."""
    allowed = written(SETS["shipped"])
    # what the theme once showed (its footer), a code shown as is, the policies' own acronym
    assert english("Made with Material；互斥组 complexity；VIP 客户", allowed) == {"Made", "with", "Material", "complexity"}
    assert "vip" in allowed  # written in the policies' text
    assert "likely" not in allowed and "check" not in allowed  # confidence codes, in the editors' notes only
    assert "complexity" not in allowed and "search" not in allowed and "policies" not in allowed
