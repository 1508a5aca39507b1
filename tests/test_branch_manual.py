"""Issue 15.4: a branch office's manual, built with `handbook build --branch ID` from a copy of
examples/huaxin whose Shanghai branch (hx-sh) shortens a survey deadline and adds a standard of
its own: the branch's values on the pages, the head office's overridden ones nowhere, and a page
listing each difference. The head office's manual of the same project has no such page."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from browser import serve, url_of
from conftest import HUAXIN, run_cli

OVERLAY = """kind: standards
title: 华信财产保险上海分公司服务标准补充规定
version: "1"
effective_date: "2026-01-01"
review_by: "2027-01-01"
owner: hx-branch-gm
standards:
  - overrides: hx-std-survey-outside
    title: 市区以外3小时内到达现场查勘
    requirement: 事故地点在市区以外的，接到报案后3小时内到达现场查勘。
    target:
      type: deadline
      deadline: {amount: 3, unit: hours, from: ev-accident-reported}
  - id: hx-sh-std-callback-visit
    title: 上海分公司大额赔案赔付后回访
    category: follow_up
    requirement: 赔付金额五万元以上的赔案，赔付后由分公司客服主管电话回访，确认客户已收到赔款。
    owner: hx-branch-cs-lead
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("branch-manual")
    for name in ("handbook.toml", "mkdocs.yml"):
        shutil.copyfile(HUAXIN / name, root / name)
    for name in ("docs", "policies"):
        shutil.copytree(HUAXIN / name, root / name)
    (root / "branches" / "hx-sh").mkdir(parents=True)
    (root / "branches" / "hx-sh" / "standards.yaml").write_text(OVERLAY, encoding="utf-8")
    check = run_cli("check", "--branch", "hx-sh", cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    branch = run_cli("build", "--branch", "hx-sh", "-d", str(root / "site-sh"), cwd=root, timeout=300)
    assert branch.returncode == 0, branch.stdout + branch.stderr
    head = run_cli("build", "-d", str(root / "site"), cwd=root, timeout=300)
    assert head.returncode == 0, head.stdout + head.stderr
    return root / "site", root / "site-sh"


@pytest.mark.browser
def test_the_branch_manual_shows_the_branch_rules_and_lists_the_differences(browser: Any,
                                                                            sites: tuple[Path, Path]) -> None:
    head, branch = sites
    with serve(branch) as url:
        page = browser.new_page()
        page.goto(url + url_of("standards.md"))
        text = page.locator("article").inner_text()
        assert "市区以外3小时内到达现场查勘" in text and "上海分公司大额赔案赔付后回访" in text
        assert "市区以外4小时内到达现场查勘" not in text and "接到报案后4小时内" not in text
        page.goto(url + url_of("branch.md"))
        body = page.locator("article").inner_text()
        assert "上海分公司的手册" in body
        strict = body.split("比总公司更严格的规定", 1)[1].split("本机构的补充规定", 1)[0]
        assert "收紧" in strict and "市区以外3小时内到达现场查勘" in strict and "时限缩短" in strict
        assert "接到报案后 4 小时内 → 接到报案后 3 小时内" in strict
        added = body.split("本机构的补充规定", 1)[1]
        assert "上海分公司大额赔案赔付后回访" in added
        page.get_by_role("link", name="市区以外3小时内到达现场查勘").first.click()
        page.wait_for_load_state()
        assert "/standards/" in page.url and page.url.endswith("#hx-std-survey-outside")
        assert page.locator(".md-nav--primary a", has_text="本机构的规定").count() == 1
        page.close()
    with serve(head) as url:
        page = browser.new_page()
        page.goto(url + url_of("standards.md"))
        text = page.locator("article").inner_text()
        assert "市区以外4小时内到达现场查勘" in text and "上海分公司大额赔案赔付后回访" not in text
        assert page.locator(".md-nav--primary a", has_text="本机构的规定").count() == 0
        page.close()
    assert not (head / "branch").exists()


def test_an_unknown_branch_fails_the_build_and_keeps_the_previous_site(sites: tuple[Path, Path]) -> None:
    head, _branch = sites
    before = (head / "index.html").read_bytes()
    r = run_cli("build", "--branch", "hx-nowhere", "-d", str(head), cwd=head.parent)
    assert r.returncode == 1
    assert "no branch 'hx-nowhere'" in r.stderr and "branches: hx-sh" in r.stderr
    assert (head / "index.html").read_bytes() == before
