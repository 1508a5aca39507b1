"""Issue 15 item 3: branch offices through the real command. ``handbook branches`` tables every
branch's overrides (with the direction of each field, by handbook diff's table), removals,
additions and closures; ``handbook diff --branch`` compares two versions as a branch sees them;
``handbook deadline --branch`` counts on the branch's calendar and takes the branch's item."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gitrepo import edit, git, needs_git

from conftest import run_cli

BASE = Path(__file__).resolve().parent / "diff" / "base"
TODAY = ("--today", "2026-03-01")
AS_OF = {"HANDBOOK_TODAY": "2026-03-01"}  # for deadline, which checks the policies as of today
EN = ("--lang", "en")

BRANCH_UNIT = """  - id: unit-north
    name: 北方分公司
    type: branch
    parent: unit-company
"""

COMPLAINTS = """kind: complaints
title: 北方分公司投诉处理补充规定
version: "1"
effective_date: "2026-01-01"
review_by: "2027-01-01"
owner: cs-agent
stages:
  - overrides: stage-decide
    deadline:
      amount: 10
      unit: calendar_days
      from: ev-received
      bounded_by: [lim-2020-simple-15d]
channels:
  - id: ch-north-hotline
    name: 北方分公司服务热线
    type: phone
    published: true
    required_by: [company-rules.a2]
    recorded: false
"""

CALENDAR = """kind: calendar
title: 北方分公司停业日
version: "1"
effective_date: "2026-01-01"
review_by: "2027-01-01"
owner: cs-agent
closures:
  - "2026-03-09"
  - {date: "2026-03-10", name: 北方分公司搬迁}
"""

RELAXING = """kind: standards
title: 北方分公司服务标准
version: "1"
effective_date: "2026-01-01"
review_by: "2027-01-01"
owner: cs-agent
standards:
  - overrides: std-hotline-hours
    target: {type: availability, hours_per_day: 6, days_per_week: 5}
"""

REMOVAL = """non_acceptance:
  - overrides: ground-repeat
    removed: true
"""

WAIVERS = """kind: waivers
title: 总公司豁免（北方分公司）
version: "1"
effective_date: "2026-01-01"
review_by: "2027-01-01"
owner: cs-agent
waivers:
  - id: wv-north-hours
    check: BRN001
    item: std-hotline-hours
    approved_by: general-manager
    reason: 北方分公司人手不足，试行六小时接听。
    granted: "2026-02-01"
    until: "2026-04-30"
  - id: wv-north-repeat
    check: BRN002
    item: ground-repeat
    approved_by: general-manager
    reason: 北方分公司试行重复投诉也予受理。
    granted: "2026-02-01"
    until: "2026-04-30"
"""


def make_project(root: Path, branch: bool = True) -> Path:
    """policies/ (the diff base set, with the branch's unit) and, with ``branch``, branches/unit-north/:
    stage-decide tightened to 10 days, a channel of its own, and two closures."""
    shutil.copytree(BASE, root / "policies")
    edit(root / "policies" / "organisation.yaml", "    type: head_office\n", "    type: head_office\n" + BRANCH_UNIT)
    if branch:
        folder = root / "branches" / "unit-north"
        folder.mkdir(parents=True)
        (folder / "complaints.yaml").write_text(COMPLAINTS, encoding="utf-8")
        (folder / "calendar.yaml").write_text(CALENDAR, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj")


def relax(project: Path) -> Path:
    """The branch lowers the hotline's hours (BRN001) and drops a ground for declining (BRN002)."""
    folder = project / "branches" / "unit-north"
    (folder / "standards.yaml").write_text(RELAXING, encoding="utf-8")
    with (folder / "complaints.yaml").open("a", encoding="utf-8") as f:
        f.write(REMOVAL)
    return project


# -- handbook branches ---------------------------------------------------------------------------

def test_the_table_in_text(project: Path) -> None:
    r = run_cli("branches", *TODAY, *EN, cwd=project)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "unit-north 北方分公司 (branches/unit-north)"
    i = lines.index("  overrides:")
    assert lines[i + 1] == "    [tightened] stage stage-decide 作出处理决定并告知 (branches/unit-north/complaints.yaml:8)"
    assert lines[i + 2].startswith("        deadline: period.shorter [tightened] ")
    assert lines[i + 2].endswith("(15 calendar_days -> 10 calendar_days)")
    i = lines.index("  additions:")
    assert lines[i + 1] == "    channel ch-north-hotline 北方分公司服务热线 (branches/unit-north/complaints.yaml:15)"
    i = lines.index("  closures:")
    assert lines[i + 1:i + 3] == ["    2026-03-09", "    2026-03-10 北方分公司搬迁"]
    assert "  removals:" not in lines
    assert "  1 override(s) (0 relaxed), 0 removal(s), 1 addition(s), 2 closure(s)" in lines
    assert lines[-1] == "1 branch office(s); none relaxes the head office's rules"


def test_the_table_in_chinese(project: Path) -> None:
    r = run_cli("branches", *TODAY, "--lang", "zh_CN", cwd=project)
    assert r.returncode == 0, r.stderr
    assert "  停业日：" in r.stdout.splitlines()
    assert "[收紧] 处理环节 stage-decide" in r.stdout
    assert r.stdout.splitlines()[-1] == "1 个分支机构；均未放宽总公司的规定"


def test_the_table_as_json(project: Path) -> None:
    r = run_cli("branches", *TODAY, "--format", "json", cwd=project)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["version"], doc["policies"]) == (1, "policies")
    assert doc["summary"] == {"branches": 1, "relaxing": [], "overrides": 1, "removals": 0, "additions": 1,
                              "closures": 2}
    [b] = doc["branches"]
    assert (b["id"], b["name"], b["folder"], b["relaxes"]) == ("unit-north", "北方分公司", "branches/unit-north", False)
    [o] = b["overrides"]
    assert (o["id"], o["kind"], o["direction"], o["written"], o["waived"]) == (
        "stage-decide", "stage", "tightened", ["deadline"], False)
    assert (o["path"], o["line"], o["head_path"]) == ("branches/unit-north/complaints.yaml", 8,
                                                      "policies/complaints.yaml")
    [f] = o["fields"]
    assert (f["field"], f["rule"], f["direction"]) == ("deadline", "period.shorter", "tightened")
    assert (f["old"]["amount"], f["new"]["amount"]) == (15, 10)
    assert b["removals"] == []
    assert b["additions"] == [{"kind": "channel", "id": "ch-north-hotline", "title": "北方分公司服务热线",
                               "path": "branches/unit-north/complaints.yaml", "line": 15}]
    assert [(c["date"], c["name"]) for c in b["closures"]] == [("2026-03-09", ""), ("2026-03-10", "北方分公司搬迁")]
    assert b["problems"] == []


def test_a_relaxing_branch_exits_1_until_the_head_office_waives(project: Path) -> None:
    relax(project)
    r = run_cli("branches", *TODAY, "--format", "json", cwd=project)
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    assert doc["summary"]["relaxing"] == ["unit-north"]
    [b] = doc["branches"]
    assert b["relaxes"] is True
    hours = next(o for o in b["overrides"] if o["id"] == "std-hotline-hours")
    assert (hours["direction"], hours["waived"]) == ("relaxed", False)
    assert [(f["field"], f["rule"], f["old"], f["new"]) for f in hours["fields"]] == [
        ("target.hours_per_day", "more.lower", 8, 6)]
    [gone] = b["removals"]
    assert (gone["id"], gone["kind"], gone["direction"], gone["head_path"]) == (
        "ground-repeat", "ground", "relaxed", "policies/complaints.yaml")
    assert sorted((p["code"], p["severity"]) for p in b["problems"]) == [("BRN001", "error"), ("BRN002", "error")]
    text = run_cli("branches", *TODAY, *EN, cwd=project)
    assert text.returncode == 1
    assert "    [relaxed] standard std-hotline-hours 工作日营业时间内接听客户来电 (branches/unit-north/standards.yaml:8)" in (
        text.stdout.splitlines())
    assert "  removals:" in text.stdout.splitlines()
    assert text.stdout.splitlines()[-1] == "1 branch office(s); relaxing the head office's rules: unit-north"
    # a head-office post waives both, in the head office's waivers: listed as waived, and the command passes
    (project / "policies" / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    r = run_cli("branches", *TODAY, "--format", "json", cwd=project)
    assert r.returncode == 0, r.stdout
    [b] = json.loads(r.stdout)["branches"]
    assert b["relaxes"] is False
    assert [o["waived"] for o in b["overrides"] if o["id"] == "std-hotline-hours"] == [True]
    assert [o["waived"] for o in b["removals"]] == [True]
    assert sorted((p["code"], p["severity"]) for p in b["problems"]) == [("BRN001", "waived"), ("BRN002", "waived")]


def test_a_waiver_in_the_branchs_own_files_does_not_count(project: Path) -> None:
    """A review found a branch granting itself a waiver 'approved by' a head-office post: a waiver
    of a branch rule is the head office's to grant, in its own waivers file; one in a branch's
    files waives nothing, and is itself a relaxation (BRN001)."""
    relax(project)
    (project / "branches" / "unit-north" / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    r = run_cli("branches", *TODAY, "--format", "json", cwd=project)
    assert r.returncode == 1
    [b] = json.loads(r.stdout)["branches"]
    assert b["relaxes"] is True
    assert sorted((p["code"], p["severity"], p["path"]) for p in b["problems"]) == [
        ("BRN001", "error", "branches/unit-north/standards.yaml"),
        ("BRN001", "error", "branches/unit-north/waivers.yaml"),
        ("BRN001", "error", "branches/unit-north/waivers.yaml"),
        ("BRN002", "error", "branches/unit-north/complaints.yaml")]


def test_the_table_in_markdown(project: Path) -> None:
    relax(project)
    r = run_cli("branches", *TODAY, *EN, "--format", "markdown", cwd=project)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[0] == "### Branch offices of policies"
    assert "#### unit-north 北方分公司" in lines
    assert "| item | kind | direction | fields |" in lines
    row = next(line for line in lines if line.startswith("| `std-hotline-hours`"))
    assert "| **relaxed** |" in row and "more.lower" in row
    row = next(line for line in lines if line.startswith("| `ground-repeat`"))
    assert "| **relaxed** | removed |" in row
    assert "- channel `ch-north-hotline` 北方分公司服务热线" in lines
    assert "- 2026-03-10 北方分公司搬迁" in lines


def test_a_folder_without_branches_says_so(tmp_path: Path) -> None:
    make_project(tmp_path, branch=False)
    r = run_cli("branches", *EN, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "no branch offices beside policies: no folder branches/<unit id>\n"
    r = run_cli("branches", "--format", "json", cwd=tmp_path)
    assert json.loads(r.stdout)["branches"] == []


def test_branches_usage_errors(project: Path) -> None:
    r = run_cli("branches", "policies/complaints.yaml", *EN, cwd=project)
    assert r.returncode == 2
    assert "handbook branches reads a policy folder with its branches, not one file" in r.stderr
    r = run_cli("branches", "--format", "sarif", cwd=project)
    assert r.returncode == 2 and "'sarif' is not one of" in r.stderr


def test_a_branch_file_that_breaks_its_schema_is_refused(project: Path) -> None:
    edit(project / "branches" / "unit-north" / "complaints.yaml", "      amount: 10\n", "      amount: ten\n")
    r = run_cli("branches", *TODAY, *EN, cwd=project)
    assert r.returncode == 2 and r.stdout == ""
    assert "branches/unit-north/complaints.yaml:10:" in r.stderr
    assert "files that cannot be read or break their schema leave the effective sets partial" in r.stderr


# -- handbook deadline --branch -------------------------------------------------------------------

def test_deadline_counts_the_branch_closures(project: Path) -> None:
    # Friday 2026-03-06 + 1 working day: Monday 03-09 at the head office; the branch is closed on
    # 03-09 and 03-10, so its day is Wednesday 03-11
    args = ("deadline", "--from", "2026-03-06", "--within", "1 working_days")
    head = run_cli(*args, cwd=project, env=AS_OF)
    assert head.returncode == 0, head.stderr
    assert "截止 Due: 2026-03-09" in head.stdout
    r = run_cli(*args, "--branch", "unit-north", cwd=project, env=AS_OF)
    assert r.returncode == 0, r.stderr
    assert "截止 Due: 2026-03-11" in r.stdout
    # named among the days skipped, the second with its name
    assert "  2026-03-09（周一 Mon） 公司停业 company closure\n" in r.stdout
    assert "  2026-03-10（周二 Tue） 公司停业 company closure：北方分公司搬迁\n" in r.stdout
    assert "公司停业" not in head.stdout


def test_deadline_of_the_branch_item(project: Path) -> None:
    args = ("deadline", "--from", "2026-03-01", "--item", "stage-decide")
    head = run_cli(*args, cwd=project, env=AS_OF)
    assert head.returncode == 0, head.stderr
    assert "截止 Due: 2026-03-16" in head.stdout  # the head office's 15 days
    r = run_cli(*args, "--branch", "unit-north", cwd=project, env=AS_OF)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("stage-decide 作出处理决定并告知\n")
    assert "截止 Due: 2026-03-11" in r.stdout  # the branch's 10 days
    # an item the branch adds is found only with --branch
    r = run_cli("deadline", "--from", "2026-03-01", "--item", "ch-north-hotline", *EN, cwd=project, env=AS_OF)
    assert r.returncode == 2 and "no item with id 'ch-north-hotline'" in r.stderr


def test_deadline_branch_errors(project: Path) -> None:
    r = run_cli("deadline", "--from", "2026-03-06", "--within", "1 working_days", "--branch", "unit-south", *EN,
                cwd=project, env=AS_OF)
    assert r.returncode == 2
    assert "no branch 'unit-south' beside policies (branches: unit-north)" in r.stderr
    relax(project)  # a branch whose rules are in error gives no answer, as the head office's would not
    r = run_cli("deadline", "--from", "2026-03-06", "--within", "1 working_days", "--branch", "unit-north", *EN,
                cwd=project, env=AS_OF)
    assert r.returncode == 1
    assert "BRN001" in r.stderr and "run `handbook check` and fix them first" in r.stderr


# -- handbook diff --branch -----------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """v1: the project; v2: the branch tightens stage-decide again (10 -> 8 days), and the head office
    lengthens its own stage-decide (15 -> 20: the branch's override hides it) and adds two hours of
    hotline service (which the branch, overriding nothing of it, follows)."""
    repo = make_project(tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    git(repo, "tag", "v1")
    edit(repo / "branches" / "unit-north" / "complaints.yaml", "      amount: 10\n", "      amount: 8\n")
    edit(repo / "policies" / "complaints.yaml", "      amount: 15\n", "      amount: 20\n")
    edit(repo / "policies" / "standards.yaml", "hours_per_day: 8\n", "hours_per_day: 10\n")
    git(repo, "commit", "-q", "-a", "-m", "v2")
    git(repo, "tag", "v2")
    return repo


def _item_changes(doc: dict[str, object]) -> dict[str, dict[str, object]]:
    changes = doc["changes"]
    assert isinstance(changes, list)
    return {c["id"]: c for c in changes if c["id"]}


@needs_git
def test_diff_as_the_branch_sees_it(repo: Path) -> None:
    r = run_cli("diff", "v1", "v2", "--branch", "unit-north", "--format", "json", *TODAY, *EN, cwd=repo)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["old"], doc["new"]) == ("v1 (branch unit-north)", "v2 (branch unit-north)")
    items = _item_changes(doc)
    assert set(items) == {"stage-decide", "std-hotline-hours"}
    # the branch's own change, found where the branch writes it
    own = items["stage-decide"]
    assert (own["direction"], own["path"]) == ("tightened", "v2:branches/unit-north/complaints.yaml")
    [f] = own["fields"]
    assert (f["rule"], f["old"]["amount"], f["new"]["amount"]) == ("period.shorter", 10, 8)
    # a head-office change the branch follows
    head = items["std-hotline-hours"]
    assert (head["direction"], head["path"]) == ("tightened", "v2:policies/standards.yaml")
    # the head office alone sees its own relaxation of stage-decide
    r = run_cli("diff", "v1", "v2", "--format", "json", *TODAY, cwd=repo)
    assert r.returncode == 0, r.stderr
    plain = _item_changes(json.loads(r.stdout))
    assert plain["stage-decide"]["direction"] == "relaxed"
    assert plain["stage-decide"]["path"] == "v2:policies/complaints.yaml"


@needs_git
def test_diff_branch_fail_on_relaxed_and_the_work_tree(repo: Path) -> None:
    # the work tree: the branch relaxes its own stage-decide again (8 -> 12 days)
    edit(repo / "branches" / "unit-north" / "complaints.yaml", "      amount: 8\n", "      amount: 12\n")
    r = run_cli("diff", "v2", "--branch", "unit-north", "--fail-on", "relaxed", "--format", "json", *TODAY, *EN,
                cwd=repo)
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    assert doc["new"] == "policies (branch unit-north)"
    own = _item_changes(doc)["stage-decide"]
    assert (own["direction"], own["path"]) == ("relaxed", "branches/unit-north/complaints.yaml")
    assert [(f["old"]["amount"], f["new"]["amount"]) for f in own["fields"]] == [(8, 12)]
    r = run_cli("diff", "v2", "--fail-on", "relaxed", *TODAY, cwd=repo)
    assert r.returncode == 0, r.stdout  # the head office's own set did not change


@needs_git
def test_diff_branch_pairs_each_file_with_itself(repo: Path) -> None:
    """File headers pair by their place (policies/..., branches/<id>/...), so nothing but the two
    item changes is listed, and a branch created in the new version is its files added."""
    r = run_cli("diff", "v1", "v2", "--branch", "unit-north", "--format", "json", *TODAY, cwd=repo)
    assert r.returncode == 0, r.stderr
    assert [c["id"] for c in json.loads(r.stdout)["changes"]] == ["stage-decide", "std-hotline-hours"]
    git(repo, "rm", "-q", "-r", "branches")
    git(repo, "commit", "-q", "-m", "v3")
    git(repo, "tag", "v3")
    r = run_cli("diff", "v3", "v2", "--branch", "unit-north", "--format", "json", *TODAY, cwd=repo)
    assert r.returncode == 0, r.stderr
    changes = json.loads(r.stdout)["changes"]
    headers = sorted((c["status"], c["kind"], c["path"]) for c in changes if not c["id"])
    assert headers == [("added", "calendar", "v2:branches/unit-north/calendar.yaml"),
                       ("added", "complaints", "v2:branches/unit-north/complaints.yaml")]
    items = {c["id"]: (c["status"], c["direction"]) for c in changes if c["id"]}
    assert items == {"stage-decide": ("changed", "tightened"), "ch-north-hotline": ("added", "tightened")}


@needs_git
def test_diff_branch_errors(repo: Path) -> None:
    r = run_cli("diff", "v1", "v2", "--branch", "unit-south", *EN, cwd=repo)
    assert r.returncode == 2
    assert "no branch 'unit-south' on either side: neither has a folder branches/unit-south" in r.stderr
    # a branch file that does not load on a side is named with its revision
    edit(repo / "branches" / "unit-north" / "complaints.yaml", "      amount: 8\n", "      amount: [8\n")
    r = run_cli("diff", "v2", "--branch", "unit-north", *EN, cwd=repo)
    assert r.returncode == 2
    assert "branches/unit-north/complaints.yaml:" in r.stderr
    assert "a side has files that cannot be read or break their schema" in r.stderr


def test_diff_branch_of_two_folders(tmp_path: Path) -> None:
    make_project(tmp_path / "old")
    new = make_project(tmp_path / "new")
    edit(new / "branches" / "unit-north" / "calendar.yaml", '  - "2026-03-09"\n', '  - "2026-03-09"\n  - "2026-03-12"\n')
    r = run_cli("diff", "old/policies", "new/policies", "--branch", "unit-north", "--format", "json", *TODAY,
                cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    [c] = json.loads(r.stdout)["changes"]
    assert (c["kind"], c["path"], c["direction"]) == ("calendar", "new/branches/unit-north/calendar.yaml", "relaxed")
    assert [(f["field"], f["rule"]) for f in c["fields"]] == [("closures", "reliefs.added")]


# -- handbook check -j: branches in several processes ----------------------------------------------

def test_checking_branches_in_several_processes_gives_the_same_report(project: Path) -> None:
    """The branches are shared out among forked workers; the report is the same, in the same order,
    whatever the number of jobs (one branch relaxes, two more are copies of it, one in no unit)."""
    relax(project)
    for other in ("unit-south", "unit-west"):
        shutil.copytree(project / "branches" / "unit-north", project / "branches" / other)
    runs = {jobs: run_cli("check", "--format", "json", "-j", str(jobs), *TODAY, cwd=project) for jobs in (1, 3)}
    assert runs[1].returncode == runs[3].returncode == 1
    assert runs[1].stdout == runs[3].stdout
    problems = json.loads(runs[3].stdout)["problems"]
    assert [p["branch"] for p in problems if p["code"] == "BRN001"] == ["unit-north", "unit-south", "unit-west"]
    text = {jobs: run_cli("check", "-j", str(jobs), *TODAY, cwd=project).stdout for jobs in (1, 2)}
    assert text[1] == text[2] and "BRN003" in text[2]
    bad = run_cli("check", "-j", "0", cwd=project)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
