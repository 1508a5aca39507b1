"""Issue 15.4: a branch office's manual, built with `handbook build --branch ID` from a copy of
examples/huaxin whose Shanghai branch (hx-sh) shortens a survey deadline and adds a standard of
its own: the branch's values on the pages, the head office's overridden ones nowhere, and a page
listing each difference. The head office's manual of the same project has no such page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from browser import serve, url_of
from conftest import HUAXIN, ROOT, run_cli

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


def test_an_unknown_branch_is_a_usage_error_and_keeps_the_previous_site(sites: tuple[Path, Path]) -> None:
    head, _branch = sites
    before = (head / "index.html").read_bytes()
    r = run_cli("build", "--branch", "hx-nowhere", "-d", str(head), cwd=head.parent)
    assert r.returncode == 2  # a usage error, as check --branch and deadline --branch say it
    assert "no branch 'hx-nowhere' beside the policies (branches: hx-sh)" in r.stderr
    assert (head / "index.html").read_bytes() == before


# -- the combined site: every branch's manual under one root (handbook build --all-branches) -----

@pytest.fixture(scope="module")
def combined(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped set's combined site: head/, unit-branch-sc/ and unit-branch-zj/ under one root."""
    site = tmp_path_factory.mktemp("combined") / "site"
    r = run_cli("build", "--all-branches", "-d", str(site), cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"built the manuals in {site}: head, unit-branch-sc, unit-branch-zj" in r.stdout
    return site


@pytest.mark.browser
def test_the_combined_site_switches_between_branches_and_stays_inside_itself(browser: Any, combined: Path) -> None:
    with serve(combined) as url:
        page = browser.new_page()
        outside: list[str] = []
        failed: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(url)  # the root opens the head office's manual
        page.wait_for_url(url + "head/")
        page.goto(url + "head/standards/")
        switcher = page.locator(".md-version")
        switcher.wait_for()
        assert switcher.locator(".md-version__current").inner_text() == "总公司"
        assert switcher.locator(".md-version__link").all_inner_texts() == ["总公司", "四川分公司", "浙江分公司"]
        text = page.locator("article").inner_text()
        assert "工作日理赔柜面开放8小时" in text and "开放9小时" not in text
        switcher.locator(".md-version__link", has_text="浙江分公司").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(url + "unit-branch-zj/**")
        page.goto(url + "unit-branch-zj/standards/")
        assert page.locator(".md-version__current").inner_text() == "浙江分公司"
        text = page.locator("article").inner_text()
        assert "工作日理赔柜面开放9小时" in text and "工作日理赔柜面开放8小时" not in text
        page.goto(url + "unit-branch-zj/branch/")
        body = page.locator("article").inner_text()
        assert "本机构的停业日" in body and "2026-09-15 台风停业（营业职场停业一天）" in body
        assert "每日服务小时数提高（8 → 9）" in body
        page.goto(url + "unit-branch-sc/roles/sc-hotline-attendant/")
        assert "本地投诉电话值守岗" in page.locator("article h1").inner_text()
        page.close()
        assert outside == [] and failed == [], (outside, failed)


@pytest.mark.browser
def test_a_branch_closure_counts_in_its_own_calculators_only(browser: Any, combined: Path) -> None:
    """On the Zhejiang manual, the typhoon call-back it adds (3 working days) skips its closure
    (2026-09-15); its override of the head office's answer time (also 3 working days) and the head
    office's 10-day claims payment do not, nor does the free calculator."""
    with serve(combined) as url:
        page = browser.new_page()

        def due(label: str, start: str) -> str:
            box = page.locator(f'.hb-calc[data-label="{label}"]').first
            folded = page.locator("details.hb-calc-pop", has=box)
            if folded.count() and not folded.first.evaluate("d => d.open"):
                folded.first.locator("summary").click()  # on a role page: folded next to its deadline
            box.locator(".hb-calc-start").fill(start)
            box.locator(".hb-calc-go").click()
            return str(box.locator(".hb-calc-due").inner_text())

        page.goto(url + "unit-branch-zj/roles/branch-general-manager/")  # the call-back's owner
        own = "台风预警解除后3个工作日内回访受灾报案客户（浙江分公司）"
        assert page.locator(f'.hb-calc[data-label="{own}"]').first.get_attribute("data-calendar") == "branch"
        assert due(own, "2026-09-14").startswith("截止：2026-09-18")
        assert "台风停业" in page.locator(f'.hb-calc[data-label="{own}"]').first.inner_text()
        page.goto(url + "unit-branch-zj/standards/")
        tightened = "回访发现问题，3个工作日内给客户满意答复（浙江分公司）"
        assert page.locator(f'.hb-calc[data-label="{tightened}"]').first.get_attribute("data-calendar") is None
        assert due(tightened, "2026-09-14").startswith("截止：2026-09-17")
        pay = "达成赔付协议后10日内赔付"
        assert due(pay, "2026-09-05").startswith("截止：2026-09-15")
        assert page.evaluate('window.handbookDeadline("2026-09-14", 3, "working_days").due') == "2026-09-17 17:30"
        assert page.evaluate(
            'window.handbookDeadline("2026-09-14", 3, "working_days", "", "branch").due') == "2026-09-18 17:30"
        page.close()
        page = browser.new_page()  # the head office's manual knows no closure
        page.goto(url + "head/standards/")
        assert page.evaluate(
            'window.handbookDeadline("2026-09-14", 3, "working_days", "", "branch").due') == "2026-09-17 17:30"
        page.close()


@pytest.mark.browser
def test_a_branch_manual_searches_its_own_items(browser: Any, combined: Path) -> None:
    """The Sichuan manual finds its own post first; the head office's does not know it."""
    from relevance import ask

    with serve(combined) as url:
        page = browser.new_page()
        [ranked] = ask(page, url + "unit-branch-sc/", ["本地投诉电话值守岗"])
        assert ranked and ranked[0] == "roles/sc-hotline-attendant/", ranked
        [ranked] = ask(page, url + "head/", ["本地投诉电话值守岗"])
        assert not any("sc-hotline-attendant" in r for r in ranked)
        page.close()


def test_files_the_sites_share_are_stored_once(combined: Path) -> None:
    bundle = next((combined / "head" / "assets" / "javascripts").glob("bundle.*.min.js"))
    rel = bundle.relative_to(combined / "head")
    inodes = {(combined / s / rel).stat().st_ino for s in ("head", "unit-branch-sc", "unit-branch-zj")}
    assert len(inodes) == 1 and bundle.stat().st_nlink == 3
    # the Zhejiang calendar has its closure: its own copy; the Sichuan one is the head office's
    cal = Path("assets/handbook/workcal.js")
    assert (combined / "unit-branch-zj" / cal).stat().st_ino != (combined / "head" / cal).stat().st_ino
    assert (combined / "unit-branch-sc" / cal).stat().st_ino == (combined / "head" / cal).stat().st_ino
    assert "2026-09-15" in (combined / "unit-branch-zj" / cal).read_text(encoding="utf-8")
    assert json.loads((combined / "versions.json").read_text(encoding="utf-8")) == [
        {"version": "head", "title": "总公司", "aliases": []},
        {"version": "unit-branch-sc", "title": "四川分公司", "aliases": []},
        {"version": "unit-branch-zj", "title": "浙江分公司", "aliases": []}]


def test_a_failing_branch_fails_the_combined_build_and_keeps_the_previous_site(
        tmp_path: Path, sites: tuple[Path, Path]) -> None:
    root = tmp_path / "proj"
    shutil.copytree(sites[0].parent, root, ignore=shutil.ignore_patterns("site", "site-sh"))
    site = root / "all"
    r = run_cli("build", "--all-branches", "-d", str(site), cwd=root, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    before = (site / "hx-sh" / "standards" / "index.html").read_bytes()
    (root / "branches" / "hx-nowhere").mkdir()
    (root / "branches" / "hx-nowhere" / "standards.yaml").write_text(OVERLAY, encoding="utf-8")
    r = run_cli("build", "--all-branches", "-d", str(site), cwd=root, timeout=600)
    assert r.returncode == 1 and "build failed, the previous site is unchanged" in r.stderr, r.stdout + r.stderr
    assert "BRN003" in r.stderr and "hx-nowhere" in r.stderr
    assert (site / "hx-sh" / "standards" / "index.html").read_bytes() == before
    assert not (site / "hx-nowhere").exists()
    assert run_cli("build", "--all-branches", "--branch", "hx-sh", cwd=root).returncode == 2


def test_a_waived_relaxation_is_listed_under_its_own_heading(tmp_path: Path) -> None:
    """The page 本机构的规定 keeps a relaxation the head office waived apart from the stricter rules."""
    from test_branches import RELAXING, TODAY, head_waivers, project

    from browser import write_mkdocs_yml

    root = project(tmp_path, {"unit-sz/standards.yaml": RELAXING}, head={"waivers.yaml": head_waivers("cs-head")})
    cfg = write_mkdocs_yml(root, root / "policies")
    r = run_cli("build", "-f", str(cfg), "--branch", "unit-sz", "-d", str(root / "site"), cwd=root, timeout=300,
                env={"HANDBOOK_TODAY": TODAY})
    assert r.returncode == 0, r.stdout + r.stderr
    page = (root / "site" / "branch" / "index.html").read_text(encoding="utf-8")
    waived = page.split("经总公司批准放宽的规定<a", 1)[1]
    assert "比总公司更严格的规定<a" not in page  # the only override relaxes: no heading of stricter rules
    assert "std-answer" in waived and "时限延长" in waived, waived[:2000]


def test_a_branch_named_like_a_file_of_the_combined_root_is_refused(tmp_path: Path, sites: tuple[Path, Path]) -> None:
    """A review found a branch folder named versions.json failing the combined build with an OS error."""
    root = tmp_path / "proj"
    shutil.copytree(sites[0].parent, root, ignore=shutil.ignore_patterns("site", "site-sh"))
    (root / "branches" / "versions.json").mkdir()
    r = run_cli("build", "--all-branches", "-d", str(root / "all"), cwd=root, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "a branch folder is named 'versions.json', which the combined site's root uses for its own" in r.stderr
    assert not (root / "all").exists()
