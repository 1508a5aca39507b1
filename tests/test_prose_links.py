"""Issue 9.1: links and images in prose are judged on what Markdown produced.

A reference definition inside a list item (``- [r]: javascript:...``) used to pass
TXT001 and reach the built page as a live ``javascript:`` link, because the check
read the source text with a regex. Now the check and the render share one
verdict taken from the parsed element tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import ARGS, CHROMIUM, build, require_chromium, serve
from conftest import make_set, run_cli

# (name, prose, what the message must name)
PAYLOADS = [
    ("list-ref", "- [时限说明]: javascript:window.__pwned='list'\n\n详见[时限说明]。", "javascript:"),
    ("ordered-ref", "1. [r]: javascript:window.__pwned='ol'\n\n见[甲][r]。", "javascript:"),
    ("plus-ref", "+ [r]: vbscript:msgbox(1)\n\n见[乙][r]。", "vbscript:"),
    ("data-ref", "- [r]: data:text/html;base64,PHNjcmlwdD4=\n\n见[丙][r]。", "data:"),
    ("outside-image", "![logo][r]\n\n- [r]: https://evil.example/p.png", "outside the site"),
    # browsers read "\\" as "/": /\\host is another host (found in review)
    ("backslash-host", "![斜杠](/\\evil.example/a.png)", "outside the site"),
    ("backslash-ref", "- [r]: \\/evil.example/p.png\n\n![反斜杠][r]", "outside the site"),
]


def _with_description(root: Path, prose: str) -> tuple[Path, int]:
    """Give complaints.yaml a block-scalar description; return the file and the value's line."""
    f = root / "complaints.yaml"
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, ln in enumerate(lines) if ln.startswith("owner:")) + 1
    block = "description: |\n" + "".join(f"  {ln}\n" if ln else "\n" for ln in prose.split("\n"))
    lines.insert(at, block)
    f.write_text("".join(lines), encoding="utf-8")
    return f, at + 1


@pytest.mark.parametrize(("name", "prose", "named"), PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_check_refuses_links_markdown_would_produce(tmp_path: Path, name: str, prose: str, named: str) -> None:
    root = make_set(tmp_path / "policies")
    _, line = _with_description(root, prose)
    r = run_cli("check", str(root), "--strict")
    assert r.returncode == 1, r.stdout
    hits = [ln for ln in r.stdout.splitlines() if " TXT001 " in ln]
    assert len(hits) == 1, r.stdout
    assert f"complaints.yaml:{line}:14: TXT001 " in hits[0]  # the value after 'description: '
    assert "description:" in hits[0] and named in hits[0], hits[0]


def test_ordinary_markdown_in_prose_passes(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    _with_description(root, "- **要点**：见[监管机构][n]\n- 电话 [95500](tel:95500)\n\n[n]: https://www.nfra.gov.cn/")
    r = run_cli("check", str(root), "--strict")
    assert r.returncode == 0, r.stdout


@pytest.mark.browser
def test_unchecked_prose_is_neutralised_in_the_built_page(tmp_path: Path) -> None:
    """With TXT001 switched off the build still runs the text through the same guard."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    root = make_set(tmp_path / "policies")
    # reference names are page-wide: give each payload its own
    prose = "\n\n".join(p[1].replace("[r]", f"[r{i}]") for i, p in enumerate(PAYLOADS))
    _with_description(root, prose + "\n\n[正常链接](https://www.nfra.gov.cn/)")
    (root / "handbook.toml").write_text('[rules]\nTXT001 = "off"\n', encoding="utf-8")
    site = build(tmp_path, root)
    page_html = (site / "complaints" / "index.html").read_text(encoding="utf-8")
    for bad in ("javascript:", "vbscript:", "data:text/html", "evil.example"):
        assert bad not in page_html, bad
    requests: list[str] = []
    with serve(site) as url, sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = b.new_page()
        pg.on("request", lambda req: requests.append(req.url))
        pg.goto(url + "complaints/")
        pg.wait_for_load_state("networkidle")
        links = pg.evaluate("() => [...document.querySelectorAll('article a')]"
                            ".map(a => [a.textContent, a.getAttribute('href')])")
        by_text = dict(links)
        assert by_text.get("正常链接") == "https://www.nfra.gov.cn/"  # ordinary links survive
        for text in ("时限说明", "甲", "乙", "丙"):
            assert text not in by_text, links  # no longer a link ...
            pg.get_by_text(text, exact=True).first.click()  # ... and clicking the text does nothing
        assert pg.evaluate("() => window.__pwned") is None
        text = pg.locator("article").inner_text()
        assert "logo" in text and "斜杠" in text and "反斜杠" in text  # outside images became their alt text
        b.close()
    assert [u for u in requests if not u.startswith("http://127.0.0.1:")] == []


@pytest.mark.slow
def test_a_reference_never_resolves_across_prose_fields(tmp_path: Path) -> None:
    """Each prose field is converted on its own: a definition in one source's note cannot
    turn a reference in another's into a link (the check judged the fields one by one)."""
    root = make_set(tmp_path / "policies")
    f = root / "regulations.yaml"
    text = f.read_text(encoding="utf-8")
    text = text.replace("    title: 测试监管办法\n", '    title: 测试监管办法\n    note: "[r]: javascript:alert(document.domain)'
                        '\\n\\n[p]: https://evil.example/p.png\\n\\n参见说明。"\n', 1)
    text = text.replace("    title: 内部客户服务管理规定\n", '    title: 内部客户服务管理规定\n    note: "详见[说明][r]，![标志][p]。"\n', 1)
    f.write_text(text, encoding="utf-8")
    r = run_cli("check", str(root), "--strict")
    assert r.returncode == 0, r.stdout  # nothing in either field can become active ...
    site = build(tmp_path, root)
    # a source's note is the editors' (issue 13.6): it is shown in the editors' section
    page = (site / "editors" / "sources" / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in page and "evil.example" not in page  # ... and nothing did
    assert "详见[说明][r]，![标志][p]。" in page  # the unresolved references stay text
