"""Issue 10.7: one page table drives the pages, the navigation and where each item is shown."""

from __future__ import annotations

from typing import Any

from handbook.config import Config
from handbook.engine import run
from handbook.render.manual import PAGE_OF_KIND, PAGES, Manual
from handbook.resources import schemas_dir, shipped_policies
from handbook.validation import SchemaSet


def test_every_kind_of_item_the_schemas_declare_has_a_page() -> None:
    schemas = SchemaSet(schemas_dir())
    kinds = {kind for k in schemas.kinds for _, kind in schemas.refmodel(k).ids}
    assert kinds, "the schemas declare no item kinds (x-id)"
    missing = sorted(k for k in kinds if k not in PAGE_OF_KIND and k != "role")
    assert missing == [], f"kinds with no page in render/manual.py PAGES: {missing}"


def _nav_sources(nav: list[Any]) -> list[str]:
    out: list[str] = []
    for entry in nav:
        for value in entry.values():
            out.extend(_nav_sources(value) if isinstance(value, list) else [value])
    return out


def test_pages_and_navigation_come_from_the_same_table() -> None:
    result = run(shipped_policies(), Config())
    assert result.model is not None
    manual = Manual(result.model)
    pages = [p.src for p in manual.pages()]
    assert _nav_sources(manual.nav([])) == pages
    # a branch office's own page is only in a branch's manual (test_branch_manual.py)
    assert [p for p in pages if not p.startswith("roles/")] == [spec.src for spec in PAGES if not spec.branch_only]
