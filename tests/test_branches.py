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


def head_waivers(approved_by: str, check: str = "BRN001", item: str = "std-answer", policy: str = WAIVERS_POLICY) -> str:
    """The head office's waivers file with one waiver for the branch (a branch rule's waiver is the
    head office's to grant)."""
    return policy.replace("waivers: []\n", "waivers:\n"
                          f"  - id: wv-sz-answer\n    check: {check}\n    item: {item}\n"
                          f"    approved_by: {approved_by}\n    reason: 深圳分公司回访系统迁移期间，答复时限暂按7个工作日\n"
                          "    granted: \"2026-05-01\"\n    until: \"2026-07-15\"\n")


def test_a_waiver_approved_by_a_head_office_post_with_the_authority_allows_the_relaxation(tmp_path: Path) -> None:
    root = project(tmp_path, {"unit-sz/standards.yaml": RELAXING}, head={"waivers.yaml": head_waivers("cs-head")})
    code, out, problems = check(root)
    assert code == 0, out
    assert unwaived(problems) == []
    waived = [(p["code"], p["path"], p["line"]) for p in problems if p["severity"] == "waived"]
    assert waived == [("BRN001", "branches/unit-sz/standards.yaml", 9)]
    assert "waiver wv-sz-answer, approved by cs-head" in out


def test_a_waiver_written_in_the_branchs_files_does_not_count(tmp_path: Path) -> None:
    """A review found a branch granting itself a waiver 'approved by' a head-office post (and two
    such waivers could waive each other): a branch's waiver waives nothing and is itself BRN001."""
    own = head_waivers("cs-head", policy="kind: waivers\ntitle: 分公司豁免\n" + HEADER + "waivers: []\n")
    root = project(tmp_path, {"unit-sz/standards.yaml": RELAXING, "unit-sz/waivers.yaml": own},
                   head={"waivers.yaml": WAIVERS_POLICY})
    code, out, problems = check(root)
    assert code == 1, out
    brn = [(p["code"], p["severity"], p["path"], p["line"], p["column"]) for p in problems if p["code"] == "BRN001"]
    assert brn == [("BRN001", "error", "branches/unit-sz/standards.yaml", 9, 13),
                   ("BRN001", "error", "branches/unit-sz/waivers.yaml", 8, 5)], out
    assert "waiver 'wv-sz-answer': adding it relaxes the head office's rules (reliefs.added" in out


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
    waiver = head_waivers("general-manager", "BRN002", "gr-not-consumer")
    root = project(tmp_path, {"unit-sz/complaints.yaml": removal}, head={"waivers.yaml": waiver})
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
OWN_DECIDE = ("kind: standards\ntitle: 分公司服务标准\n" + HEADER + "standards:\n"
              "  - id: std-sz-decide\n    title: 15日内作出决定并告知\n    category: complaint\n"
              "    requirement: 分公司收到投诉后15日内作出决定并告知投诉人。\n"
              "    target:\n      type: deadline\n"
              "      deadline: {amount: 15, unit: calendar_days, from: ev-received, bounded_by: [lim-x-15d]}\n"
              "    owner: cs-head\n    implements: [int-reg.a1]\n")


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


def test_a_branch_closure_extends_the_items_it_adds_not_its_overrides(tmp_path: Path) -> None:
    """A review found an override that restates (or does not touch) a head-office deadline stretched
    by the branch's closure. An override stays the head office's rule on the head office's calendar;
    the closure extends the deadlines of the items the branch adds: its own 15-day decision standard,
    bounded by the regulator's 15 days with no slack, runs past the limit over the closure, reported
    where it is written; without the closure it is clean."""
    root = project(tmp_path, {"unit-sz/calendar.yaml": CALENDAR.format(
                       id="sz-calendar", closures='[{date: "2026-06-03", name: 台风停业}]'),
                              "unit-sz/complaints.yaml": DECIDE, "unit-sz/standards.yaml": OWN_DECIDE},
                   head={"calendar.yaml": CALENDAR.format(id="company-calendar", closures="[]")})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1
    late = [p for p in unwaived(problems) if p["code"] in ("TML001", "LIM001")]
    assert [(p["code"], p["path"], p["line"]) for p in late] == [("LIM001", "branches/unit-sz/standards.yaml", 14)], out
    assert "counted from 2026-05-19, it ends 2026-06-04 but the limit ends 2026-06-03" in out
    # (the override of stage-decide keeps the head office's days: no TML001 on it)
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


def test_a_branch_calendar_is_never_the_company_calendar_and_its_errors_are_its_own(tmp_path: Path) -> None:
    """A review found, with no head-office calendar file, the branch's taken as the company's (its
    closures stretching head-office deadlines past their limits), and an unusable date in a branch
    calendar reported at the head office's calendar file."""
    root = project(tmp_path, {"unit-sz/calendar.yaml": CALENDAR.format(
        id="sz-calendar", closures='[{date: "2026-06-03", name: 台风停业}]')})
    assert not (root / "policies" / "calendar.yaml").exists()
    code, out, problems = check(root, "--branch", "unit-sz")
    assert [p["code"] for p in unwaived(problems) if p["code"] in ("TML001", "LIM001")] == [], out
    bad = CALENDAR.format(id="sz-calendar", closures='["2026-06-03"]').replace(
        "extra_workdays: []", 'extra_workdays: ["2026-06-03"]')
    root = project(tmp_path / "b", {"unit-sz/calendar.yaml": bad},
                   head={"calendar.yaml": CALENDAR.format(id="company-calendar", closures="[]")})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1
    assert [(p["code"], p["path"]) for p in unwaived(problems) if p["code"] == "CAL002"] == [
        ("CAL002", "branches/unit-sz/calendar.yaml")], out


# -- what a review found a branch could relax unseen ------------------------------------------------

def _codes(problems: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(p["code"], p["path"], p["line"]) for p in unwaived(problems)]


def test_an_override_of_a_source_is_held_to_its_nested_limits(tmp_path: Path) -> None:
    """Overriding a regulation source, with its articles written out and a limit lengthened (15 -> 60
    days), passed; its nested items are compared with the head office's, and one left out is gone."""
    longer = ("kind: regulations\ntitle: 分公司法规\n" + HEADER + "sources:\n  - overrides: reg-x\n    articles:\n"
              "      - id: reg-x.a1\n        title: 简单投诉15日内作出决定并告知\n        binding: true\n"
              "        confidence: confirmed\n        limits:\n          - id: lim-x-15d\n"
              "            bounds: 简单投诉作出处理决定并告知\n            from: ev-received\n            to: ev-decided\n"
              "            amount: 60\n            unit: calendar_days\n            confidence: confirmed\n")
    root = project(tmp_path, {"unit-sz/regulations.yaml": longer})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1
    assert ("BRN001", "branches/unit-sz/regulations.yaml", 19) in _codes(problems), out  # at the amount
    assert "limit 'lim-x-15d': this override relaxes the head office's rule" in out and "15 calendar_days" in out
    dropped = longer.split("        limits:")[0] + "        limits: []\n"
    root = project(tmp_path / "b", {"unit-sz/regulations.yaml": dropped})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1 and "leaves out the head office's limit 'lim-x-15d'" in out, out


def test_an_override_may_not_move_a_head_office_post(tmp_path: Path) -> None:
    """Re-pointing a head-office post's reporting line made a lower post look higher-ranked, so a duty
    moved down passed as 'tightened'; a branch may not move the head office's posts (BRN005)."""
    org = ("kind: organisation\ntitle: 分公司岗位\n" + HEADER + "roles:\n"
           "  - overrides: cs-agent\n    reports_to: general-manager\n")
    root = project(tmp_path, {"unit-sz/organisation.yaml": org})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1
    assert _codes(problems) == [("BRN005", "branches/unit-sz/organisation.yaml", 9)], out
    assert "role 'cs-agent' is the head office's: this override moves it (reports_to: cs-head -> general-manager)" in out


def test_adding_a_relief_or_a_longer_path_relaxes(tmp_path: Path) -> None:
    """A ground to decline a complaint, or a second way to the head office's decision that takes longer,
    was listed as an addition that tightens; each relaxes the head office's rules."""
    ground = ("kind: complaints\ntitle: 分公司投诉处理\n" + HEADER + "non_acceptance:\n"
              "  - id: gr-sz-late\n    ground: 超过一年才提出的投诉\n    implements: [int-reg.a1]\n")
    root = project(tmp_path, {"unit-sz/complaints.yaml": ground})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1 and _codes(problems) == [("BRN001", "branches/unit-sz/complaints.yaml", 8)], out
    assert "ground 'gr-sz-late': adding it relaxes the head office's rules (reliefs.added" in out
    path = ("kind: complaints\ntitle: 分公司投诉处理\n" + HEADER + "stages:\n"
            "  - id: stage-sz-decide\n    name: 分公司作出决定\n    role: cs-head\n    action: 作出处理决定并告知投诉人。\n"
            "    starts: ev-registered\n    produces: ev-decided\n"
            "    deadline: {amount: 12, unit: working_days, from: ev-received}\n    implements: [int-reg.a1]\n")
    root = project(tmp_path / "b", {"unit-sz/complaints.yaml": path})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1
    assert ("BRN001", "branches/unit-sz/complaints.yaml", 14) in _codes(problems), out
    assert "stage 'stage-sz-decide' is another path to 'ev-decided', which the head office's stage 'stage-decide'" in out


def test_an_override_may_not_take_effect_after_the_head_office_rule(tmp_path: Path) -> None:
    """A branch file dated 2030 made its override of a rule in force today 'upcoming': the branch would
    be without the rule until then."""
    later = RELAXING.replace('effective_date: "2026-01-01"', 'effective_date: "2030-01-01"').replace(
        "amount: 7", "amount: 3")
    root = project(tmp_path, {"unit-sz/standards.yaml": later})
    code, out, problems = check(root, "--branch", "unit-sz")
    assert code == 1 and _codes(problems) == [("BRN001", "branches/unit-sz/standards.yaml", 8)], out
    assert "this override takes effect on 2030-01-01, after the head office's rule (2026-01-01)" in out
