"""Issue 14: the manual's page 本版变更, each role page's changes since a version, and items marked
upcoming (effective_from later than today) or valid until an upcoming item replaces them.

A project like examples/huaxin is put under git in the test: v1, then v2 relaxes a complaint stage
a regulatory limit bounds (12 -> 15 days, within the 15-day limit), tightens another (3 -> 2 working
days) and adds a standard that takes effect on 2027-07-01 (the suite's today is 2026-06-01).
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gitrepo import git, needs_git
from handbook.config import Config
from handbook.engine import run
from handbook.render import changes as changes_module
from handbook.render.changes import NOTE_NO_BASE, NOTE_NO_GIT, NOTE_NO_TAGS, UNRELEASED, compute
from handbook.render.escape import md_escape
from handbook.render.manual import Manual

from browser import serve, url_of
from conftest import HUAXIN, run_cli

RELAXED = "hx-stage-decide-simple"  # bounded by the 15-day limit of the complaint rule
TIGHTENED = "hx-stage-request-material"
UPCOMING = "hx-std-callback-2h"
NEW_STANDARD = f"""  - id: {UPCOMING}
    title: 投诉受理后2小时内回电
    category: hotline
    requirement: 受理投诉后2小时内回电，告知处理安排。
    owner: hx-callback-agent
    effective_from: "2027-07-01"
"""

def set_amount(policies: Path, item_id: str, old: int, new: int) -> None:
    """Change the first ``amount: old`` inside one item's block of complaints.yaml."""
    path = policies / "complaints.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {item_id}\n")
    end = text.find("\n  - id:", start + 1)
    end = len(text) if end < 0 else end
    block = text[start:end]
    assert f"amount: {old}\n" in block, block
    path.write_text(text[:start] + block.replace(f"amount: {old}\n", f"amount: {new}\n", 1) + text[end:],
                    encoding="utf-8")


def make_project(dest: Path) -> Path:
    """A copy of examples/huaxin in git: tags v1 and v2 (see the module's docstring)."""
    dest.mkdir(parents=True)
    for name in ("handbook.toml", "mkdocs.yml"):
        shutil.copyfile(HUAXIN / name, dest / name)
    for name in ("docs", "policies"):
        shutil.copytree(HUAXIN / name, dest / name)
    policies = dest / "policies"
    set_amount(policies, RELAXED, 15, 12)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "v1")
    git(dest, "tag", "v1")
    set_amount(policies, RELAXED, 12, 15)
    set_amount(policies, TIGHTENED, 3, 2)
    with (policies / "standards.yaml").open("a", encoding="utf-8") as f:
        f.write(NEW_STANDARD)
    git(dest, "commit", "-qam", "v2")
    git(dest, "tag", "v2")
    return dest


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("these tests put a project under git")
    return make_project(tmp_path_factory.mktemp("changes") / "huaxin")


def current(policies: Path) -> Any:
    result = run(policies, Config(), checks=False)
    assert result.model is not None
    return result.model


# -- the computation (no browser, no build) -------------------------------------------------------

@needs_git
def test_versions_are_compared_tag_by_tag_and_each_change_has_its_direction(project: Path) -> None:
    log = compute(project / "policies", current(project / "policies"), Config())
    assert log.note == "" and [(s.label, s.base) for s in log.steps] == [("v2", "v1")]  # the work tree is v2
    assert log.since == "v1"
    got = {c.id: c for c in log.steps[0].changes}
    assert set(got) == {RELAXED, TIGHTENED, UPCOMING}, set(got)
    assert got[RELAXED].direction.value == "relaxed" and got[RELAXED].bounded
    assert got[TIGHTENED].direction.value == "tightened"
    assert got[UPCOMING].status == "added" and got[UPCOMING].upcoming and got[UPCOMING].effective == "2027-07-01"
    assert log.steps[0].changes[0].id == RELAXED  # a relaxation of a rule the regulator bounds comes first
    groups = log.steps[0].by_role(["hx-callback-agent", "hx-branch-cs-lead"])
    assert RELAXED in {c.id for c in groups[0][1]}  # so does the post it touches
    assert log.of_role("hx-callback-agent") == [(log.steps[0], got[UPCOMING])]


@needs_git
def test_unreleased_changes_and_a_rebuild_reads_no_revision_again(project: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(project, repo)
    set_amount(repo / "policies", TIGHTENED, 2, 1)  # in the work tree only
    loads: list[str] = []
    import handbook.diff as diff

    real = diff.load

    def counted(side: Any, *args: Any, **kwargs: Any) -> Any:
        loads.append(side.rev)
        return real(side, *args, **kwargs)

    monkeypatch.setattr(diff, "load", counted)
    changes_module._MODELS.clear()
    model = current(repo / "policies")
    log = compute(repo / "policies", model, Config(), versions=3)
    assert [(s.label, s.base) for s in log.steps] == [(UNRELEASED, "v2"), ("v2", "v1")]
    assert [(c.id, c.direction.value) for c in log.steps[0].changes] == [(TIGHTENED, "tightened")]
    assert len(loads) == 2  # v1 and v2, once each
    again = compute(repo / "policies", model, Config(), versions=3)
    assert len(loads) == 2 and [s.label for s in again.steps] == [UNRELEASED, "v2"]
    one = compute(repo / "policies", model, Config(), versions=1, base="v1")  # a configured base: one step
    assert [(s.label, s.base) for s in one.steps] == [(UNRELEASED, "v1")] and len(loads) == 2
    assert {c.id for c in one.steps[0].changes} == {RELAXED, TIGHTENED, UPCOMING}


@needs_git
def test_no_history_leaves_a_note_and_never_fails(project: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(project / "policies", plain / "policies")
    model = current(plain / "policies")
    assert compute(plain / "policies", model, Config()).note == NOTE_NO_GIT
    git(plain, "init", "-q")
    assert compute(plain / "policies", model, Config()).note == NOTE_NO_TAGS  # no commit yet
    git(plain, "add", "-A")
    git(plain, "commit", "-qm", "one")
    assert compute(plain / "policies", model, Config()).note == NOTE_NO_TAGS
    assert compute(plain / "policies", model, Config(), base="nothing-here").note == NOTE_NO_BASE
    assert compute(plain / "policies", model, Config(), base="--output=x").note == NOTE_NO_BASE


def test_an_upcoming_item_and_the_one_it_replaces_are_both_marked(tmp_path: Path) -> None:
    policies = tmp_path / "policies"
    shutil.copytree(HUAXIN / "policies", policies)
    text = (policies / "standards.yaml").read_text(encoding="utf-8")
    (policies / "standards.yaml").write_text(text + NEW_STANDARD + "    replaces: hx-std-claim-pay-10d\n",
                                             encoding="utf-8")
    manual = Manual(current(policies), settings=Config(today=date(2026, 6, 1)))
    pages = {p.src: p.markdown for p in manual.pages()}
    standards = pages["standards.md"]
    new = next(line for line in standards.splitlines() if line.startswith("#") and "{#hx-std-callback-2h}" in line)
    assert "将于 2027-07-01 起施行" in new and "取代" in new, new
    old = next(line for line in standards.splitlines() if line.startswith("#") and "{#hx-std-claim-pay-10d}" in line)
    assert "至 2027-06-30 有效" in old and "此后由" in old, old
    role = pages["roles/hx-callback-agent.md"]  # its duty list marks it too
    assert re.search(r"投诉受理后2小时内回电\]\([^)]*\) <span[^>]*>将于 2027-07-01 起施行", role), role
    files = pages["editors/files.md"]  # the editors see the old id
    row = next(line for line in files.splitlines() if line.startswith("|") and md_escape(UPCOMING) in line)
    assert md_escape("2027-07-01") + "（尚未施行）" in row and md_escape("hx-std-claim-pay-10d") in row, row
    # a day later than the switch: both are simply in force, unmarked
    later = Manual(current(policies), settings=Config(today=date(2027, 7, 1)))
    lines = {p.src: p.markdown for p in later.pages()}["standards.md"].splitlines()
    marked = [line for line in lines if "{#hx-std-callback-2h}" in line or "{#hx-std-claim-pay-10d}" in line]
    assert len(marked) == 2 and not any("hb-when" in line for line in marked), marked


# -- the built manual, in Chromium ----------------------------------------------------------------

@pytest.fixture(scope="module")
def sites(project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project's manual, and the manual of a copy without .git (each built once)."""
    out = tmp_path_factory.mktemp("changes-sites")
    r = run_cli("build", "-f", str(project / "mkdocs.yml"), "-d", str(out / "git"), timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    bare = out / "bare"
    shutil.copytree(project, bare, ignore=shutil.ignore_patterns(".git"))
    r = run_cli("build", "-f", str(bare / "mkdocs.yml"), "-d", str(out / "bare-site"), timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return out / "git", out / "bare-site"


@pytest.mark.browser
def test_the_changes_page_lists_versions_by_post_with_directions(browser: Any, sites: tuple[Path, Path]) -> None:
    with serve(sites[0]) as url:
        page = browser.new_page()
        page.goto(url + url_of("changes.md"))
        article = page.locator("article")
        assert article.locator("h2", has_text="v2").count() == 1
        assert "相对 v1 的变更" in article.inner_text()
        assert article.locator("h2", has_text="未发布的修改").count() == 0  # the work tree is v2
        posts = article.locator("h3")
        assert posts.count() >= 2
        first_post = posts.nth(0).locator("a").first.inner_text()
        entries = [li.inner_text() for li in article.locator("h3 + ul").nth(0).locator("> li").all()]
        assert entries[0].startswith("放宽（受监管时限约束的规则）"), entries
        assert "作出处理决定并告知（简单投诉）" in entries[0] and "12 日" in entries[0] and "15 日" in entries[0]
        text = article.inner_text()
        assert re.search(r"收紧 修改处理环节：一次性告知补充材料：时限缩短", text), text
        assert re.search(r"收紧 新增服务标准：投诉受理后2小时内回电 将于 2027-07-01 起施行", text), text
        assert "回访专员" in [posts.nth(i).locator("a").first.inner_text() for i in range(posts.count())]
        # the post of the bounded relaxation is listed first; its title links to its page
        with page.expect_navigation():
            posts.nth(0).locator("a").first.click()
        assert page.locator("h1").inner_text().startswith(first_post)
        # an entry's link opens the item on its page
        page.goto(url + url_of("changes.md"))
        page.locator("article li a", has_text="一次性告知补充材料").first.click()
        page.wait_for_url(re.compile(r"/complaints/#" + re.escape(TIGHTENED) + "$"))
        assert page.locator(f"[id='{TIGHTENED}']").is_visible()
        page.close()


@pytest.mark.browser
def test_a_role_page_lists_exactly_its_changes_since_v1(browser: Any, sites: tuple[Path, Path], project: Path) -> None:
    log = compute(project / "policies", current(project / "policies"), Config())
    model = current(project / "policies")
    with serve(sites[0]) as url:
        page = browser.new_page()
        for role_id in ("hx-callback-agent", "hx-branch-cs-lead", "hx-gm"):
            role = model.get(role_id, "role")
            expected = sorted(c.title for _s, c in log.of_role(role_id, role.template.id if role.template else None))
            page.goto(url + f"roles/{role_id}/")
            heading = page.locator("h2", has_text="本岗位自 v1 以来的变更")
            assert heading.count() == 1, role_id
            items = page.locator("h2:has-text('本岗位自 v1 以来的变更') + ul > li")
            shown = sorted(items.nth(i).locator("a").first.inner_text() for i in range(items.count()))
            assert shown == expected, (role_id, shown, expected)
            if not expected:
                assert "涉及本岗位的规则没有变化" in page.locator("article").inner_text()
        page.goto(url + "roles/hx-callback-agent/")
        items = page.locator("h2:has-text('本岗位自 v1 以来的变更') + ul > li")
        assert items.count() == 1 and "投诉受理后2小时内回电" in items.nth(0).inner_text()
        assert "（v2）" in items.nth(0).inner_text() and "收紧" in items.nth(0).inner_text()
        page.close()


@pytest.mark.browser
def test_the_upcoming_item_is_marked_on_its_page(browser: Any, sites: tuple[Path, Path]) -> None:
    with serve(sites[0]) as url:
        page = browser.new_page()
        page.goto(url + url_of("standards.md") + "#" + UPCOMING)
        heading = page.locator(f"[id='{UPCOMING}']")
        assert "投诉受理后2小时内回电" in heading.inner_text()
        badge = heading.locator(".hb-upcoming")
        assert badge.inner_text() == "将于 2027-07-01 起施行" and badge.is_visible()
        page.close()


@pytest.mark.browser
def test_a_build_outside_git_shows_the_page_with_a_note(browser: Any, sites: tuple[Path, Path]) -> None:
    with serve(sites[1]) as url:
        page = browser.new_page()
        page.goto(url + url_of("changes.md"))
        text = page.locator("article").inner_text()
        assert NOTE_NO_GIT in text and "相对" not in text
        assert "将于 2027-07-01 起施行" in text  # what is upcoming is known without git
        page.goto(url + "roles/hx-callback-agent/")
        assert page.locator("h2", has_text="以来的变更").count() == 0
        page.close()


def test_every_change_is_named_in_chinese_on_the_staff_pages() -> None:
    """What a change did and to what kind of item are data: each direction rule carries its staff
    words, each item kind its schema label (x-kind-label beside x-id), none of them Latin."""
    from handbook.diff.directions import all_rules
    from handbook.validation import package_schemas

    for rule in all_rules():
        assert rule.staff and not re.search(r"[A-Za-z]", rule.staff), rule.code
    schemas = package_schemas()
    kinds = {kind for file_kind in schemas.kinds for _path, kind in schemas.refmodel(file_kind).ids}
    labels = schemas.labels
    for kind in kinds:
        label = labels.kind_label(kind)
        assert label != kind and not re.search(r"[A-Za-z]", label), kind


@needs_git
def test_what_a_change_did_is_said_in_words_staff_read(tmp_path: Path) -> None:
    """An independent review's findings: an added duty names the duty, a post since removed keeps its
    name, a rename is no line of its own, a waiver's extension is not on a staff page, a file whose
    version takes effect later marks its items, and an old version that cannot be read keeps a role
    page from claiming that nothing changed."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(HUAXIN / "policies", repo / "policies")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "v1")
    git(repo, "tag", "v1")
    org = repo / "policies" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    duty = "查勘结束后当日上传现场照片和查勘报告"
    start = text.index("  - id: hx-surveyor\n")
    at = text.index("    duties:\n", start) + len("    duties:\n")
    org.write_text(text[:at] + f"      - {duty}\n" + text[at:], encoding="utf-8")
    waivers = repo / "policies" / "waivers.yaml"
    waivers.write_text(waivers.read_text(encoding="utf-8").replace('until: "2026-12-31"', 'until: "2027-01-31"'),
                       encoding="utf-8")
    git(repo, "commit", "-qam", "v2")
    git(repo, "tag", "v2")
    model = current(repo / "policies")
    manual = Manual(model, settings=Config(today=date(2026, 6, 1)))
    manual.changes = compute(repo / "policies", model, Config(today=date(2026, 6, 1)))
    pages = {p.src: p.markdown for p in manual.pages()}
    surveyor = pages["roles/hx-surveyor.md"]
    entry = next(line for line in surveyor.splitlines() if line.startswith("- ") and "收紧" in line)
    assert duty in entry and "（v2）" in entry, entry
    assert "hx-wv-calendar-2027" not in pages["changes.md"] and "检查豁免" not in pages["changes.md"]
    # a file whose new version takes effect later: its items are upcoming wherever they show
    standards = repo / "policies" / "standards.yaml"
    standards.write_text(standards.read_text(encoding="utf-8").replace('effective_date: "2026-01-01"',
                                                                       'effective_date: "2027-02-01"', 1),
                         encoding="utf-8")
    later = Manual(current(repo / "policies"), settings=Config(today=date(2026, 6, 1)))
    heads = [line for line in {p.src: p.markdown for p in later.pages()}["standards.md"].splitlines()
             if line.startswith("#") and "{#hx-std-" in line]
    # (each from the file's day, or its own later effective_from)
    assert heads and all(re.search(r"将于 2027-0[27]-01 起施行", line) for line in heads), heads
    assert sum("将于 2027-02-01 起施行" in line for line in heads) >= 2
    # v1 unreadable (a broken line committed and tagged again as v1): no "nothing changed" claim
    org.write_text(org.read_text(encoding="utf-8") + "  - id: [broken\n", encoding="utf-8")
    git(repo, "commit", "-qam", "broken")
    git(repo, "tag", "-f", "v1")
    git(repo, "checkout", "-q", "v2", "--", "policies")
    changes_module._MODELS.clear()
    model = current(repo / "policies")
    broken = Manual(model, settings=Config(today=date(2026, 6, 1)))
    broken.changes = compute(repo / "policies", model, Config(today=date(2026, 6, 1)))
    role = {p.src: p.markdown for p in broken.pages()}["roles/hx-surveyor.md"]
    assert "没有变化" not in role and "无法读取" in role, role[-400:]
