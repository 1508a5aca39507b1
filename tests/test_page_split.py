"""Issue 16.6: a page too long for a phone is split into one page per group, the page itself their
index. Built through the real CLI from the base set with a regulation of long articles added."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from browser import build
from conftest import BASE

ARTICLE = ("      - id: reg-long.a{n}\n        number: 第{n}条\n        title: 长条款{n}\n        binding: false\n"
           "        confidence: confirmed\n        text: {text}\n")


def test_a_long_regulations_page_is_split_by_regulation(tmp_path: Path) -> None:
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    articles = "".join(ARTICLE.format(n=n, text="保险公司应当依法处理投诉。" * 400) for n in range(1, 41))
    regs = policies / "regulations.yaml"
    regs.write_text(regs.read_text(encoding="utf-8") + "  - id: reg-long\n    title: 很长的监管办法\n"
                    "    type: regulation\n    status: current\n    articles:\n" + articles, encoding="utf-8")
    site = build(tmp_path, policies)
    index = (site / "regulations" / "index.html").read_text(encoding="utf-8")
    # the page lists its parts, and holds no article itself
    assert 'href="reg-x/"' in index and 'href="reg-long/"' in index and 'id="reg-x.a1"' not in index
    long_page = (site / "regulations" / "reg-long" / "index.html").read_text(encoding="utf-8")
    assert "法规依据：很长的监管办法" in long_page and 'id="reg-long.a40"' in long_page
    assert 'id="reg-x.a1"' in (site / "regulations" / "reg-x" / "index.html").read_text(encoding="utf-8")
    # a link from another page reaches the article on its regulation's page
    standards = (site / "standards" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./regulations/(reg-x|int-reg)/#', standards), standards[:3000]
    # the editors' coverage page splits the same way; its list of gaps stays on the index
    coverage = (site / "editors" / "coverage" / "index.html").read_text(encoding="utf-8")
    assert 'href="reg-long/"' in coverage and 'id="gaps"' in coverage and "长条款40" not in coverage
    assert "长条款40" in (site / "editors" / "coverage" / "reg-long" / "index.html").read_text(encoding="utf-8")
    # and so does the editors' sources page: what is unsure stays on its index, and a regulation
    # listed there links to its own page
    sources = (site / "editors" / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'id="unsure"' in sources and 'href="reg-long/"' in sources and "长条款40" not in sources
    assert re.search(r'href="reg-[a-z-]+/#src-reg-[a-z-]+"', sources), sources
    long_sources = (site / "editors" / "sources" / "reg-long" / "index.html").read_text(encoding="utf-8")
    assert "法规来源说明：很长的监管办法" in long_sources and "长条款40" in long_sources
    assert 'id="src-reg-long"' in long_sources
    assert max(p.stat().st_size for p in site.rglob("*.html")) < 1_000_000


def test_a_group_is_never_the_index_page(tmp_path: Path) -> None:
    """A review found a regulation with the id "index" written over the split page's index."""
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    articles = "".join(ARTICLE.format(n=n, text="保险公司应当依法处理投诉。" * 400).replace("reg-long", "index")
                       for n in range(1, 41))
    regs = policies / "regulations.yaml"
    regs.write_text(regs.read_text(encoding="utf-8") + "  - id: index\n    title: 很长的监管办法\n"
                    "    type: regulation\n    status: current\n    articles:\n" + articles, encoding="utf-8")
    site = build(tmp_path, policies)
    index = (site / "regulations" / "index.html").read_text(encoding="utf-8")
    assert 'href="reg-x/"' in index and 'href="index-2/"' in index
    assert 'id="index.a40"' in (site / "regulations" / "index-2" / "index.html").read_text(encoding="utf-8")
