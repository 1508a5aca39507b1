"""Issue 13 (items 5, 10 and 15, in part): what a staff member meets in the built manual is
Chinese (the heading anchors' tooltip, the 404 page), the home page links to where staff start, and
no link points at an anchor the site does not have."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def site(shipped_site: Path) -> Path:
    return shipped_site


def test_anchor_tooltips_and_the_404_page_are_chinese(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert not [p for p in pages if "Permanent link" in p.read_text(encoding="utf-8")]
    assert 'title="本节链接"' in (site / "index.html").read_text(encoding="utf-8")
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert "404 - 页面不存在" in missing and "Not found" not in missing and "返回首页" in missing


def test_the_home_page_links_where_staff_start(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="org/">组织与岗位</a>', home) and re.search(r'<a href="complaints/">投诉处理</a>', home)


def test_every_internal_anchor_exists(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    for page in site.rglob("*.html"):
        ids[page] = set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        for href in re.findall(r'\bhref="([^"]+)"', page.read_text(encoding="utf-8")):
            url = urlsplit(href)
            if url.scheme or url.netloc or not url.fragment or url.path.endswith((".css", ".js")):
                continue
            target = (page.parent / url.path).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            if target.suffix != ".html" or target not in ids:
                continue
            if unquote(url.fragment) not in ids[target]:
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == [], broken[:10]


def test_a_roles_index_lists_every_post_by_unit(site: Path) -> None:
    """/roles/ was a 404: it is now the section's page, every post linked under its unit."""
    from handbook.config import Config
    from handbook.engine import run
    from handbook.resources import shipped_policies

    index = (site / "roles" / "index.html").read_text(encoding="utf-8")
    assert "岗位索引" in index
    model = run(shipped_policies(), Config()).model
    org = model.org()
    for unit_id, posts in org.posts.items():
        unit = model.get(unit_id)
        assert (unit is not None and f">{unit.title}<" in index) or unit.title in index
        for post in posts:
            assert f'href="../{post.id}/"' in index or f'href="{post.id}/"' in index, post.id


def test_no_english_footer_and_internal_limits_told_apart(site: Path) -> None:
    assert not [p for p in site.rglob("*.html") if "Made with" in p.read_text(encoding="utf-8")]
    complaints = (site / "complaints" / "index.html").read_text(encoding="utf-8")
    # the company's own rule (客户服务管理规定) and the regulator's (2020 rule) are named for what they are
    assert "公司制度时限：" in complaints and "监管时限：" in complaints
    text = re.sub(r"<[^>]+>", "", complaints)
    assert re.search(r"公司制度时限：[^\n]*客户服务管理规定", text), "an internal limit cites its own rule"
    # linked names sit in Chinese text without spaces around them
    penalties = re.sub(r"<[^>]+>", "", (site / "followups" / "index.html").read_text(encoding="utf-8"))
    assert "回访工作由 " not in penalties
