"""Issue 15: branch offices (二级机构), through the real CLI.

A project folder holds the head office's ``policies/`` (the base fixture set, with a branch
unit added) and ``branches/<unit id>/`` beside it. Every test runs ``handbook check`` in that
folder as a user would, and reads its output and exit code.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from handbook.branches import Branch
from handbook.config import Config
from handbook.engine import run, run_branch

from conftest import BASE, run_cli

TODAY = "2026-06-01"  # inside the holiday package's years, so no CAL001 warning
HEADER = ('version: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\nowner: cs-head\n')
UNITS = ("  - id: unit-sz\n    name: 深圳分公司\n    type: branch\n    parent: unit-gm\n"
         "  - id: unit-gz\n    name: 广州分公司\n    type: branch\n    parent: unit-gm\n")
RELAXING = ("kind: standards\ntitle: 分公司服务标准\n" + HEADER + "standards:\n"
            "  - overrides: std-answer\n"
            "    target: {type: deadline, deadline: {amount: 7, unit: working_days, from: ev-received}}\n")


def project(tmp_path: Path, branches: dict[str, str] | None = None, head: dict[str, str] | None = None) -> Path:
    """A project: the base set as the head office (with the units unit-sz and unit-gz), and
    each ``branches`` entry ("unit-sz/standards.yaml": text) written under branches/."""
    root = tmp_path / "proj"
    shutil.copytree(BASE, root / "policies")
    org = root / "policies" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    assert "roles:\n" in text
    org.write_text(text.replace("roles:\n", UNITS + "roles:\n", 1), encoding="utf-8")
    for name, body in (head or {}).items():
        (root / "policies" / name).write_text(body, encoding="utf-8")
    for name, body in (branches or {}).items():
        path = root / "branches" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def check(root: Path, *args: str) -> tuple[int, str, list[dict[str, object]]]:
    """``handbook check`` in the project: exit code, text output, and the JSON problems."""
    text = run_cli("check", "--today", TODAY, *args, cwd=root)
    as_json = run_cli("check", "--today", TODAY, "--format", "json", *args, cwd=root)
    assert text.returncode == as_json.returncode, (text.stdout, as_json.stdout)
    assert "Traceback" not in text.stderr + as_json.stderr
    return text.returncode, text.stdout + text.stderr, json.loads(as_json.stdout)["problems"]


def unwaived(problems: list[dict[str, object]]) -> list[dict[str, object]]:
    return [p for p in problems if p["severity"] != "waived"]


def test_a_relaxing_override_is_brn001_naming_item_field_both_values_and_rule(tmp_path: Path) -> None:
    root = project(tmp_path, {"unit-sz/standards.yaml": RELAXING})
    code, out, problems = check(root)
    assert code == 1
    line = next(x for x in out.splitlines() if " BRN001 " in x)
    # at the changed field's value, in the branch's file
    assert line.startswith("branches/unit-sz/standards.yaml:9:13: BRN001 standard 'std-answer': ")
    assert "policies/standards.yaml" in line  # where the head-office item is written
    assert "target.deadline" in line and "period.longer" in line  # the field, and the direction rule
    assert "(5 working_days -> 7 working_days)" in line  # both values
    assert [(p["code"], p["path"], p["line"], p["column"]) for p in unwaived(problems)] == [
        ("BRN001", "branches/unit-sz/standards.yaml", 9, 13)]
    assert [p["branch"] for p in unwaived(problems)] == ["unit-sz"]  # machine output names the branch


def test_a_tightening_override_passes(tmp_path: Path) -> None:
    tighter = RELAXING.replace("amount: 7", "amount: 3")
    root = project(tmp_path, {"unit-sz/standards.yaml": tighter})
    code, out, problems = check(root)
    assert (code, unwaived(problems)) == (0, []), out
    assert "in 9 files" in out  # the head office's eight and the branch's one


WAIVERS_POLICY = ("kind: waivers\ntitle: 豁免\n" + HEADER +
                  "authority:\n  - role: general-manager\n    checks: [\"*\"]\n"
                  "  - role: cs-head\n    checks: [BRN001]\n"
                  "waivers: []\n")


def branch_waiver(approved_by: str) -> str:
    return ("kind: waivers\ntitle: 分公司豁免\n" + HEADER + "waivers:\n"
            "  - id: wv-sz-answer\n    check: BRN001\n    item: std-answer\n"
            f"    approved_by: {approved_by}\n    reason: 深圳分公司回访系统迁移期间，答复时限暂按7个工作日\n"
            "    granted: \"2026-05-01\"\n    until: \"2026-07-15\"\n")


def test_a_waiver_approved_by_a_head_office_post_with_the_authority_allows_the_relaxation(tmp_path: Path) -> None:
    root = project(tmp_path, {"unit-sz/standards.yaml": RELAXING, "unit-sz/waivers.yaml": branch_waiver("cs-head")},
                   head={"waivers.yaml": WAIVERS_POLICY})
    code, out, problems = check(root)
    assert code == 0, out
    assert unwaived(problems) == []
    waived = [(p["code"], p["path"], p["line"]) for p in problems if p["severity"] == "waived"]
    assert waived == [("BRN001", "branches/unit-sz/standards.yaml", 9)]
    assert "waiver wv-sz-answer, approved by cs-head" in out


def test_a_waiver_approved_by_a_branch_only_post_does_not_count(tmp_path: Path) -> None:
    # the branch adds a post of its own and gives it the authority: still not a head-office post
    org = ("kind: organisation\ntitle: 深圳分公司岗位\n" + HEADER + "roles:\n"
           "  - id: sz-cs-lead\n    name: 深圳分公司客服主管\n    unit: unit-sz\n    reports_to: cs-head\n"
           "    duties: [组织本分公司的回访]\n")
    policy = WAIVERS_POLICY.replace("checks: [BRN001]", "checks: [BRN001]\n  - role: sz-cs-lead\n    checks: [BRN001]")
    root = project(tmp_path, {"unit-sz/standards.yaml": RELAXING, "unit-sz/organisation.yaml": org,
                              "unit-sz/waivers.yaml": branch_waiver("sz-cs-lead")},
                   head={"waivers.yaml": policy})
    code, out, problems = check(root)
    assert code == 1, out
    brn = [(p["code"], p["severity"], p["path"], p["line"], p["column"]) for p in problems if p["code"] == "BRN001"]
    assert brn == [("BRN001", "error", "branches/unit-sz/standards.yaml", 9, 13)]
    assert "branches/unit-sz/standards.yaml:9:13: BRN001 standard 'std-answer'" in out


def test_removing_a_head_office_item_is_brn002(tmp_path: Path) -> None:
    removal = ("kind: complaints\ntitle: 分公司投诉处理\n" + HEADER + "non_acceptance:\n"
               "  - overrides: gr-not-consumer\n    removed: true\n")
    root = project(tmp_path, {"unit-sz/complaints.yaml": removal})
    code, out, problems = check(root)
    assert code == 1
    # and what the removal leaves: the branch's set has no ground to decline at all (CMP001, a warning)
    assert [(p["code"], p["path"], p["line"], p["column"]) for p in unwaived(problems)] == [
        ("BRN002", "branches/unit-sz/complaints.yaml", 9, 14), ("CMP001", "policies/complaints.yaml", 1, 7)]
    assert ("branches/unit-sz/complaints.yaml:9:14: BRN002 removes the head-office item 'gr-not-consumer' "
            "(policies/complaints.yaml)") in out
    assert "policies/complaints.yaml:1:7: CMP001 warning: in branch unit-sz's rules: " in out


def test_a_head_office_waiver_allows_a_removal(tmp_path: Path) -> None:
    removal = ("kind: complaints\ntitle: 分公司投诉处理\n" + HEADER + "non_acceptance:\n"
               "  - overrides: gr-not-consumer\n    removed: true\n")
    waiver = branch_waiver("general-manager").replace("BRN001", "BRN002").replace("std-answer", "gr-not-consumer")
    root = project(tmp_path, {"unit-sz/complaints.yaml": removal, "unit-sz/waivers.yaml": waiver})
    code, out, problems = check(root)
    assert [p["code"] for p in problems if p["severity"] == "waived"] == ["BRN002"]
    # the waiver's item names the removed ground without an unresolved reference; what the removal
    # leaves (no ground to decline, CMP001) is still said, as a warning
    assert (code, [p["code"] for p in unwaived(problems)]) == (0, ["CMP001"]), out


def test_an_override_of_no_head_office_item_is_brn004(tmp_path: Path) -> None:
    root = project(tmp_path, {"unit-sz/standards.yaml": RELAXING.replace("overrides: std-answer",
                                                                       "overrides: std-anwser")})
    code, out, problems = check(root)
    assert code == 1
    assert [(p["code"], p["path"], p["line"], p["column"]) for p in unwaived(problems)] == [
        ("BRN004", "branches/unit-sz/standards.yaml", 8, 16)]
    assert ("branches/unit-sz/standards.yaml:8:16: BRN004 overrides 'std-anwser', which is no item of the head "
            "office's standards") in out


def test_a_folder_named_after_no_unit_is_brn003(tmp_path: Path) -> None:
    tighter = RELAXING.replace("amount: 7", "amount: 3")
    root = project(tmp_path, {"shenzhen/standards.yaml": tighter})
    code, out, problems = check(root)
    assert code == 1
    assert [(p["code"], p["path"], p["line"]) for p in unwaived(problems)] == [("BRN003", "branches/shenzhen", 0)]
    assert "branches/shenzhen:0:0: BRN003 branch folder 'shenzhen' is named after no unit of the organisation" in out


def test_check_branch_reports_only_that_branch_and_the_head_office(tmp_path: Path) -> None:
    root = project(tmp_path, {"unit-sz/standards.yaml": RELAXING, "unit-gz/standards.yaml": RELAXING},
                   head={"glossary.yaml": (BASE / "glossary.yaml").read_text(encoding="utf-8")
                         .replace("owner: cs-head", "owner: cs-haed")})  # one head-office problem
    code, _out, problems = check(root)
    assert code == 1
    assert sorted({str(p["path"]) for p in problems}) == [
        "branches/unit-gz/standards.yaml", "branches/unit-sz/standards.yaml", "policies/glossary.yaml"]
    code, out, problems = check(root, "--branch", "unit-gz")
    assert code == 1
    assert sorted((str(p["path"]), str(p["code"])) for p in problems) == [
        ("branches/unit-gz/standards.yaml", "BRN001"), ("policies/glossary.yaml", "REF001")]
    assert "unit-sz" not in out


def test_an_unknown_branch_is_a_usage_error(tmp_path: Path) -> None:
    root = project(tmp_path, {"unit-sz/standards.yaml": RELAXING})
    r = run_cli("check", "--branch", "unit-xx", cwd=root)
    assert r.returncode == 2
    assert r.stdout == ""
    assert "no branch 'unit-xx' beside" in r.stderr and "(branches: unit-sz)" in r.stderr
    assert "Traceback" not in r.stderr


CALENDAR = ("kind: calendar\nid: {id}\ntitle: 工作日历\n" + HEADER + "closures: {closures}\nextra_workdays: []\n")


def test_a_branch_closure_extends_its_own_deadlines_but_not_a_regulatory_limit(tmp_path: Path) -> None:
    closure = date(2026, 6, 3)  # a Wednesday: a working day on the statutory calendar
    root = project(tmp_path, {"unit-sz/calendar.yaml": CALENDAR.format(
                       id="sz-calendar", closures='[{date: "2026-06-03", name: 台风停业}]')},
                   head={"calendar.yaml": CALENDAR.format(id="company-calendar", closures="[]")})
    policies = root / "policies"
    slack(policies)
    config = Config(today=date.fromisoformat(TODAY))
    head = run(policies, config)
    assert head.model is not None and head.problems == []
    branch = run_branch(policies, Branch("unit-sz", root / "branches" / "unit-sz"), config, head=head)
    assert branch.problems == []
    model = branch.model
    assert model is not None
    own, public = model.calendar(), model.public_calendar()
    assert own is not None and public is not None
    start = date(2026, 6, 1)  # Monday
    # three working days from Monday: Thursday on the statutory calendar (and the head office's) ...
    assert public.add(start, 3, "working_days").due.date() == date(2026, 6, 4)
    assert head.model.calendar().add(start, 3, "working_days").due.date() == date(2026, 6, 4)  # type: ignore[union-attr]
    # ... Friday on the branch's own, which is closed on the Wednesday
    assert own.add(start, 3, "working_days").due.date() == date(2026, 6, 5)
    assert own.add(start, 3, "working_days").skipped == [(closure, "company_closure")]
    assert public.add(start, 3, "working_days").skipped == []


def slack(policies: Path) -> None:
    """The head office decides in 10 of the regulator's 15 days: a closure day then stays within it."""
    f = policies / "complaints.yaml"
    text = f.read_text(encoding="utf-8")
    assert text.count("deadline: {amount: 15,") == 1
    f.write_text(text.replace("deadline: {amount: 15,", "deadline: {amount: 10,"), encoding="utf-8")


def test_a_branch_calendar_is_no_second_calendar_file_cal002(tmp_path: Path) -> None:
    root = project(tmp_path, {"unit-sz/calendar.yaml": CALENDAR.format(
                       id="sz-calendar", closures='[{date: "2026-06-03", name: 台风停业}]')},
                   head={"calendar.yaml": CALENDAR.format(id="company-calendar", closures="[]")})
    slack(root / "policies")
    code, out, problems = check(root)
    assert (code, problems) == (0, []), out


DECIDE = ("kind: complaints\ntitle: 分公司投诉处理补充规定\n" + HEADER + "stages:\n"
          "  - overrides: stage-decide\n"
          "    name: 作出决定并告知（分公司）\n")


def test_a_closure_does_not_stretch_a_head_office_deadline(tmp_path: Path) -> None:
    """The head office's 15-day decision has no slack under the regulator's 15 days; a branch's
    closure does not stretch it (a branch may not relax the head office's rules), so the branch's
    set is clean, and ``handbook deadline --branch`` counts it on the head office's days."""
    root = project(tmp_path, {"unit-sz/calendar.yaml": CALENDAR.format(
                       id="sz-calendar", closures='[{date: "2026-06-03", name: 台风停业}]')},
                   head={"calendar.yaml": CALENDAR.format(id="company-calendar", closures="[]")})
    code, out, problems = check(root)
    assert (code, unwaived(problems)) == (0, []), out
    # 15 calendar days from 2026-05-19 end on 2026-06-03, the branch's closure: not rolled past it
    r = run_cli("deadline", "--branch", "unit-sz", "--item", "stage-decide", "--from", "2026-05-19",
                cwd=root)
    assert r.returncode == 0 and "2026-06-03" in r.stdout and "台风停业" not in r.stdout, r.stdout + r.stderr


def test_a_branch_closure_that_moves_its_own_bounded_deadline_past_the_limit_is_reported(tmp_path: Path) -> None:
    """The deadlines the branch writes count on its calendar: its override of the 15-day decision
    (bounded by the regulator's 15 days, no slack) moves past the limit over the closure, and that
    is reported where the override is written; without the closure, the same override is clean."""
    root = project(tmp_path, {"unit-sz/calendar.yaml": CALENDAR.format(
                       id="sz-calendar", closures='[{date: "2026-06-03", name: 台风停业}]'),
                              "unit-sz/complaints.yaml": DECIDE},
                   head={"calendar.yaml": CALENDAR.format(id="company-calendar", closures="[]")})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1
    late = [p for p in unwaived(problems) if p["code"] in ("TML001", "LIM001")]
    assert late and {p["path"] for p in late} == {"branches/unit-sz/complaints.yaml"}, out
    assert "2026-06-03" in out or "2026-06-04" in out, out  # the worst start date lands on the closure
    assert {(p["line"], p["column"]) for p in late} == {(8, 5)}, out  # at the override, which inherits the deadline
    (root / "branches" / "unit-sz" / "calendar.yaml").unlink()
    code, out, _problems = check(root)
    assert code == 0, out


def test_a_branch_penalties_file_need_not_repeat_judged_by(tmp_path: Path) -> None:
    """CMP002 asks for judged_by once in the set, as CMP001 asks for the complaint sections: a
    branch's penalties file that adds a violation does not repeat it (a review found the warning)."""
    extra = ("kind: penalties\ntitle: 分公司违规行为\n" + HEADER + "violations:\n"
             "  - id: viol-sz-local\n    title: 未按分公司规定登记本地投诉电话来电\n    tier: tier-light\n")
    root = project(tmp_path, {"unit-sz/penalties.yaml": extra})
    _code, out, problems = check(root)
    # (the violation is the breach of nothing yet: PEN002, a warning of its own)
    assert [p["code"] for p in unwaived(problems)] == ["PEN002"], out


def test_a_branch_file_cannot_change_a_head_office_setting(tmp_path: Path) -> None:
    """A review found a branch calendar's business_hours and years, and a branch organisation's
    head, silently ignored or taken: file-wide settings are the head office's; a branch file holds
    its header, its items and overrides, and what the schema marks x-branch (a calendar's closures)."""
    root = project(tmp_path, {
        "unit-sz/calendar.yaml": CALENDAR.format(id="sz-calendar", closures="[]")
        + 'business_hours:\n  - {start: "09:00", end: "12:00"}\n',
        "unit-sz/waivers.yaml": "kind: waivers\ntitle: 分公司豁免\n" + HEADER + "authority: {BRN001: [cs-head]}\n"},
        head={"calendar.yaml": CALENDAR.format(id="company-calendar", closures="[]")})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1
    found = {(p["path"], p["line"], p["column"], p["code"]) for p in unwaived(problems)}
    assert found == {("branches/unit-sz/calendar.yaml", 10, 1, "SCH004"),
                     ("branches/unit-sz/waivers.yaml", 7, 1, "SCH004")}, out
    assert ("branches/unit-sz/calendar.yaml:10:1: SCH004 'business_hours' is a setting of the head office's, which "
            "a branch file cannot change: keep it in the head office's calendar file (a branch file holds its "
            "header, its items and overrides, id, closures, extra_workdays)") in out
    assert "'authority' is a setting of the head office's" in out


def test_a_second_override_of_one_item_is_still_held_to_the_head_offices_rule(tmp_path: Path) -> None:
    """A review found a relaxing override hidden behind a tightening one of the same item: only
    REF002 was reported. The duplicate is REF002, and the relaxation is BRN001 where it is written."""
    twice = (RELAXING.replace("amount: 7", "amount: 3") + "  - overrides: std-answer\n"
             "    target: {type: deadline, deadline: {amount: 7, unit: working_days, from: ev-received}}\n")
    root = project(tmp_path, {"unit-sz/standards.yaml": twice})
    code, out, problems = check(root)
    assert code == 1
    found = {(p["code"], p["line"], p["column"]) for p in unwaived(problems)}
    assert ("BRN001", 11, 13) in found and "REF002" in {c for c, _l, _c in found}, out
    assert ("BRN001", 9, 13) not in found  # the first override tightens


def test_branch_additions_belong_under_the_branch_and_the_head_office_is_no_branch(tmp_path: Path) -> None:
    tighter = RELAXING.replace("amount: 7", "amount: 3")
    root = project(tmp_path, {"unit-gm/standards.yaml": tighter})
    code, out, problems = check(root)
    assert code == 1
    assert [(p["code"], p["path"]) for p in unwaived(problems)] == [("BRN005", "branches/unit-gm/standards.yaml")]
    assert "named after the organisation's top unit, the head office itself" in out
    # a post a branch adds in another branch's unit
    post = ("kind: organisation\ntitle: 分公司岗位\n" + HEADER + "roles:\n  - id: sz-clerk\n    name: 分公司文员\n"
            "    unit: unit-gz\n    reports_to: cs-head\n    duties: [登记]\n")
    root = project(tmp_path / "b", {"unit-sz/organisation.yaml": post})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1
    assert [(p["code"], p["line"], p["column"]) for p in unwaived(problems)] == [("BRN005", 10, 11)], out
    assert ("role 'sz-clerk' is added by branch unit-sz in 'unit-gz', outside the branch: a branch adds units and "
            "posts in its own unit 'unit-sz' or below it") in out


def test_an_override_in_a_file_of_another_kind_is_brn004(tmp_path: Path) -> None:
    """A review found a standard's override written in a follow-ups file reported as a change of
    kind; it is an override in the wrong place, said so at its line."""
    misplaced = ("kind: followups\ntitle: 分公司回访\n" + HEADER + "requirements:\n"
                 "  - overrides: std-answer\n    title: 3个工作日内答复\n")
    root = project(tmp_path, {"unit-sz/followups.yaml": misplaced})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1
    assert [(p["code"], p["line"], p["column"]) for p in unwaived(problems)] == [("BRN004", 8, 16)], out
    assert ("overrides 'std-answer', which the head office writes in its standards file's standards, not in a "
            "followups file's requirements: put the override in a branch file of kind standards, under "
            "standards") in out
