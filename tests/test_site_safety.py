"""Hostile text in policies renders as text; failed builds leave the previous site untouched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser import ARGS, CHROMIUM, OPEN_SHADOW, build, require_chromium, serve, write_mkdocs_yml
from conftest import make_set, run_cli

# Each payload sets window.__pwned if it ever runs.
PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    '<img src=x onerror="window.__pwned=\'img\'">',
    "[点我](javascript:window.__pwned='link')",
    '"><svg onload="window.__pwned=\'svg\'">',
    "</code></pre><script>window.__pwned='pre'</script>",
    "<a href='javascript:window.__pwned=1'>x</a> <b>未闭合",
    '{{ 7*7 }} {% raw %} #} ##} {#x}',
]


def _inject(root: Path) -> None:
    """Put payloads into titles, names, definitions and contacts across the files."""
    def sub(name: str, old: str, new: str) -> None:
        f = root / name
        text = f.read_text(encoding="utf-8")
        assert old in text, (name, old)
        f.write_text(text.replace(old, new, 1), encoding="utf-8")

    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    sub("organisation.yaml", "name: 客户服务岗", f"name: {q('客户服务岗' + PAYLOADS[0])}")
    sub("organisation.yaml", "duties: [受理客户咨询与投诉]", f"duties: [{q(PAYLOADS[1])}, {q(PAYLOADS[6])}]")
    sub("standards.yaml", "title: 回访发现问题5个工作日内答复", f"title: {q('回访答复' + PAYLOADS[2])}")
    sub("standards.yaml", "requirement: 回访中发现的问题，5个工作日内给客户满意答复。", f"requirement: {q(PAYLOADS[3])}")
    sub("complaints.yaml", "    name: 登记\n", f"    name: {q('登记' + PAYLOADS[4])}\n")
    sub("complaints.yaml", 'contact: {phone: "95500"}', f"contact: {{phone: {q('95500' + PAYLOADS[5])}}}")
    sub("glossary.yaml", "definition: 保单生效后对客户进行的电话、信函或问卷访问。", f"definition: {q(PAYLOADS[1] + PAYLOADS[0])}")
    sub("regulations.yaml", "title: 投诉处理", f"title: {q('投诉处理' + PAYLOADS[0])}")


@pytest.mark.browser
def test_injected_markup_never_runs(tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    root = make_set(tmp_path / "policies")
    _inject(root)
    assert run_cli("check", str(root)).returncode == 0  # hostile text is still valid text
    site = build(tmp_path, root)
    with serve(site) as url, sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = b.new_page()
        pg.add_init_script(OPEN_SHADOW)
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("", "org/", "roles/cs-agent/", "standards/", "complaints/", "glossary/", "regulations/",
                     "followups/", "penalties/", "preface/"):
            pg.goto(url + path)
            pg.wait_for_load_state("networkidle")
            # click every link on the page that could carry a javascript: URL
            hrefs = pg.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
            assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], path
            assert pg.evaluate("() => window.__pwned") is None, path
        # search results show titles and text from the policies too
        for query in ("客户服务岗", "pwned", "script"):
            pg.goto(url)
            pg.locator("input.md-search__input").click()
            pg.locator("input.md-search__input").fill(query)
            pg.locator("input.md-search__input").press("End")
            pg.wait_for_timeout(800)
            assert pg.evaluate("() => window.__pwned") is None, query
        pg.goto(url + "roles/cs-agent/")
        body = pg.locator("article").inner_text()
        assert "<script>window.__pwned='script'</script>" in body  # shown as text
        assert "{{ 7*7 }}" in body and "49" not in body  # template syntax in data is not evaluated
        pg.goto(url + "complaints/")
        pg.wait_for_function("() => document.querySelector('div.mermaid')?.shadowRoot?.querySelector('svg')",
                             timeout=20000)
        assert pg.evaluate("() => window.__pwned") is None
        b.close()
    assert dialogs == []


def _site_snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_broken_policy_fails_mkdocs_build_and_keeps_the_site(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    site = build(tmp_path, root)
    before = _site_snapshot(site)
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("reports_to: cs-head", "reports_to: cs-haed"),
                   encoding="utf-8")
    cfg = write_mkdocs_yml(tmp_path, root)
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(cfg), "-d", str(site)],
                       capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert r.returncode == 1
    assert "organisation.yaml:32:17: REF001 roles.2.reports_to: no role with id 'cs-haed'" in r.stderr
    assert "Traceback" not in r.stderr
    assert _site_snapshot(site) == before
    # the same through handbook build
    r = run_cli("build", "-f", str(cfg), "-d", str(site))
    assert r.returncode == 1 and "the previous site is unchanged" in r.stderr and "REF001" in r.stderr
    assert _site_snapshot(site) == before


@pytest.mark.slow
def test_unknown_citation_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (docs / "preface.md").write_text("# 前言\n\n负责人：[[general-manager]]\n\n见 [[no-such-item]]。\n", encoding="utf-8")
    cfg = write_mkdocs_yml(tmp_path, root, docs)
    r = run_cli("build", "-f", str(cfg), "-d", str(tmp_path / "site"))
    assert r.returncode == 1
    assert "docs/preface.md:5:3: CITE001 unknown policy id 'no-such-item'" in r.stderr
    (docs / "preface.md").write_text("# 前言\n\n负责人：[[general-manager]]\n", encoding="utf-8")
    r = run_cli("build", "-f", str(cfg), "-d", str(tmp_path / "site"))
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "site" / "preface" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../roles/general-manager/">总经理</a>' in html


@pytest.mark.slow
def test_killed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    site = build(tmp_path, root)
    before = _site_snapshot(site)
    cfg = write_mkdocs_yml(tmp_path, root)
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-m", "handbook", "build", "-f", str(cfg), "-d", str(site)],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # wait until the build has started writing its temporary folder, then kill it
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".site.building-*")):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert _site_snapshot(site) == before
    # the next build cleans up what the killed one left and succeeds
    r = run_cli("build", "-f", str(cfg), "-d", str(site))
    assert r.returncode == 0, r.stderr
    assert not list(tmp_path.glob(".site.building-*"))


@pytest.mark.slow
def test_policy_warnings_fail_a_strict_build_only(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("    duties: [受理客户咨询与投诉]\n", "    duties: []\n"),
                   encoding="utf-8")
    cfg = write_mkdocs_yml(tmp_path, root)
    r = run_cli("build", "-f", str(cfg), "-d", str(tmp_path / "site"))
    assert r.returncode == 0, r.stderr
    assert "organisation.yaml:29:5: OWN002 role 'cs-agent' (客户服务岗) has no duties" in r.stderr
    r = run_cli("build", "--strict", "-f", str(cfg), "-d", str(tmp_path / "site2"))
    assert r.returncode == 1 and "previous site is unchanged" in r.stderr
    assert not (tmp_path / "site2").exists()


@pytest.mark.slow
def test_build_refuses_to_replace_a_folder_holding_sources(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    cfg = write_mkdocs_yml(tmp_path, root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    for target in (tmp_path, root, tmp_path.parent):
        r = run_cli("build", "-f", str(cfg), "-d", str(target))
        assert r.returncode == 1 and "refusing to build into" in r.stderr, target
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    assert cfg.is_file()
