"""The command line as CI and editors use it: output lines, exit codes, JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import run_cli


def _break(policy_set: Path) -> None:
    org = policy_set / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("reports_to: cs-head", "reports_to: cs-haed"), encoding="utf-8")
    std = policy_set / "standards.yaml"
    std.write_text(std.read_text(encoding="utf-8").replace("category: follow_up", "category: Follow Up"), encoding="utf-8")


def test_clean_set_exits_0_with_summary(policy_set: Path) -> None:
    r = run_cli("check", str(policy_set))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == "no problems in 8 files (30 items)\n"
    assert r.stderr == ""


def test_problems_exit_1_root_causes_first_with_locations(policy_set: Path) -> None:
    _break(policy_set)
    r = run_cli("check", str(policy_set))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    # a schema problem is listed before the consistency checks, whatever the file order
    assert lines[0].startswith("standards.yaml:10:15: SCH004 standards.0.category: 'Follow Up' is not in the required form")
    assert lines[1].startswith("organisation.yaml:32:17: REF001 roles.2.reports_to: no role with id 'cs-haed'; did you mean 'cs-head'?")
    assert lines[-1] == "2 errors in 8 files (30 items)"
    assert "Traceback" not in r.stderr


def test_paths_are_relative_to_the_working_directory(policy_set: Path) -> None:
    _break(policy_set)
    r = run_cli("check", "policies", cwd=policy_set.parent)
    assert r.stdout.splitlines()[0].startswith("policies/standards.yaml:10:15: SCH004")


def test_json_output(policy_set: Path) -> None:
    _break(policy_set)
    r = run_cli("check", str(policy_set), "--format", "json")
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert doc["summary"] == {"errors": 2, "warnings": 0, "waived": 0}
    assert doc["files"] == 8 and doc["items"] == 30
    second = doc["problems"][1]  # after the schema problem: root causes first
    assert second == {"path": "organisation.yaml", "line": 32, "column": 17, "code": "REF001", "severity": "error",
                     "message": "roles.2.reports_to: no role with id 'cs-haed'; did you mean 'cs-head'?",
                     "branch": None}  # the head office's own set


def test_warnings_pass_unless_strict(policy_set: Path) -> None:
    _break(policy_set)
    (policy_set / "handbook.toml").write_text('[rules]\nREF001 = "warning"\nSCH004 = "off"\n')
    r = run_cli("check", str(policy_set))
    assert r.returncode == 0
    assert "REF001 warning: roles.2.reports_to" in r.stdout and "SCH004" not in r.stdout
    assert r.stdout.splitlines()[-1] == "1 warning in 8 files (30 items)"
    strict = run_cli("check", str(policy_set), "--strict")
    assert strict.returncode == 1


def test_usage_errors_exit_2_without_traceback(policy_set: Path, tmp_path: Path) -> None:
    r = run_cli("check", str(tmp_path / "nope"))
    assert r.returncode == 2 and "no such file or folder" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("check", str(policy_set), "--format", "xml")
    assert r.returncode == 2 and "'xml' is not one of" in r.stderr
    (policy_set / "handbook.toml").write_text('[rules]\nNOPE01 = "off"\n')
    r = run_cli("check", str(policy_set))
    assert r.returncode == 2 and "unknown rule 'NOPE01'" in r.stderr and "handbook.toml" in r.stderr
    (policy_set / "handbook.toml").write_text("[rules\n")
    r = run_cli("check", str(policy_set))
    assert r.returncode == 2 and "handbook.toml" in r.stderr and "Traceback" not in r.stderr


def test_one_file_is_checked_against_its_folder(policy_set: Path, tmp_path: Path) -> None:
    # issue 9.7: a valid file checked alone used to get a REF001 for every reference into other files
    # the policy folder is ./policies here (or handbook.toml's)
    r = run_cli("check", "policies/complaints.yaml", cwd=policy_set.parent)
    assert r.returncode == 0, r.stdout
    assert r.stdout.startswith("no problems in 1 file (") and "REF001" not in r.stdout
    # a problem in the file itself is still reported, and only that file's problems are
    org = policy_set / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("reports_to: cs-head", "reports_to: cs-haed"), "utf-8")
    comp = policy_set / "complaints.yaml"
    comp.write_text(comp.read_text(encoding="utf-8").replace("owner: cs-head", "owner: cs-haed", 1), "utf-8")
    r = run_cli("check", "policies/complaints.yaml", cwd=policy_set.parent)
    assert r.returncode == 1
    assert "policies/complaints.yaml:6:8: REF001 owner: no role with id 'cs-haed'" in r.stdout, r.stdout
    assert "organisation.yaml" not in r.stdout
    # a file outside the policy folder is checked alone, and says what it could not check
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "glossary.yaml").write_bytes((policy_set / "glossary.yaml").read_bytes())
    r = run_cli("check", str(alone / "glossary.yaml"))
    assert r.returncode == 0 and "REF001" not in r.stdout, r.stdout
    assert r.stdout.splitlines()[0] == (
        "glossary.yaml:0:0: FIL006 warning: checked alone (it is not in the policy folder): 1 problem(s) of the "
        "checks that need the whole set, references among them, were withheld; check its folder to see them")


def test_a_file_that_cannot_be_read_does_not_bury_itself_in_follow_ons(policy_set: Path) -> None:
    org = policy_set / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "  bad: [\n", encoding="utf-8")
    r = run_cli("check", str(policy_set))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    # the cause first, then one line for everything it set off; no REF001 in other files
    assert re.match(r"organisation\.yaml:\d+:\d+: YML001 YAML syntax error", lines[0]), lines
    # an error, not a warning: some of what it withheld would have been errors
    assert re.match(r"organisation\.yaml:0:0: FIL006 this file could not be read, so the checks that need "
                    r"the whole set did not see its items: \d+ problem\(s\) they found were withheld", lines[1])
    assert len(lines) == 3, lines
    # checking another file of the folder says which checks its broken sibling kept from running
    r = run_cli("check", "policies/complaints.yaml", cwd=policy_set.parent)
    assert re.fullmatch(r"policies/complaints\.yaml:0:0: FIL006 not checked against "
                        r"policies/organisation\.yaml, which could not be read: \d+ problem\(s\) of the checks that "
                        r"need the whole set, references among them, were withheld; check the folder",
                        r.stdout.splitlines()[0]), r.stdout


def test_a_broken_file_does_not_hide_real_problems_elsewhere(policy_set: Path) -> None:
    """Found in review: every consistency finding used to be withheld, real ones too."""
    g = policy_set / "glossary.yaml"
    g.write_text(g.read_text(encoding="utf-8").replace("title:", "title: [broken", 1), encoding="utf-8")
    c = policy_set / "complaints.yaml"
    stage = "{amount: 15, unit: calendar_days, from: ev-received, bounded_by: [lim-x-15d]}"
    c.write_text(c.read_text(encoding="utf-8").replace(stage, stage.replace("15,", "40,"), 1), encoding="utf-8")
    for target in ("policies", "policies/complaints.yaml"):
        r = run_cli("check", target, cwd=policy_set.parent)
        assert r.returncode == 1, r.stdout
        assert re.search(r"complaints\.yaml:\d+:\d+: LIM001 'stage-decide': 40 calendar_days", r.stdout), r.stdout


def test_a_refused_link_does_not_set_off_follow_ons(policy_set: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    (policy_set / "organisation.yaml").rename(outside)
    (policy_set / "organisation.yaml").symlink_to(outside)
    r = run_cli("check", str(policy_set))
    assert "organisation.yaml:0:0: FIL004 symbolic link leads outside the policy folder: refused" in r.stdout
    assert "REF001" not in r.stdout and "FIL006" in r.stdout, r.stdout


def test_default_target_is_the_shipped_policies(tmp_path: Path) -> None:
    # From a folder with no policies and no handbook.toml, the set shipped in the
    # package is checked. As of the day the 2027 calendar waiver was granted, all
    # that shows is that waived item.
    r = run_cli("check", cwd=tmp_path, env={"HANDBOOK_TODAY": "2026-11-29"})
    assert r.returncode == 0, r.stdout
    lines = r.stdout.splitlines()
    # 10 head-office files and the 4 of its two branch offices (branches/ beside the shipped policies)
    assert lines[-1].startswith("no problems in 16 files") and lines[-1].endswith("; 1 waived")
    assert "CAL001 waived:" in lines[0] and "[waiver wv-calendar-2027" in lines[0]


def test_rules_list_and_one_rule() -> None:
    r = run_cli("rules")
    assert r.returncode == 0
    codes = [line.split()[0] for line in r.stdout.splitlines()]
    assert {"REF001", "REF002", "ORG001", "YML002", "SCH001"} <= set(codes)
    one = run_cli("--lang", "en", "rules", "REF001")  # the documentation is in the reader's language
    assert one.returncode == 0 and "## What it does" in one.stdout and "unresolved-reference" in one.stdout
    zh = run_cli("--lang", "zh_CN", "rules", "REF001")
    assert zh.returncode == 0 and "## 检查内容" in zh.stdout and "## What it does" not in zh.stdout
    bad = run_cli("--lang", "en", "rules", "XXX999")
    assert bad.returncode == 2 and "no rule 'XXX999'" in bad.stderr


def test_deadline_across_national_day() -> None:
    r = run_cli("deadline", "--from", "2026-09-30 10:00", "--within", "10 working_days",
                "--policies", "tests/fixtures/base")
    assert r.returncode == 0, r.stderr
    assert "截止 Due: 2026-10-20" in r.stdout
    assert "2026-10-10（周六 Sat） 调休上班 make-up working day" in r.stdout
    assert "国庆节 National Day（7 天 days）" in r.stdout


def test_deadline_of_an_item_and_chinese_period() -> None:
    r = run_cli("deadline", "--from", "2026-09-30", "--item", "stage-decide", "--policies", "tests/fixtures/base")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("stage-decide 作出决定并告知\n")
    # 15 calendar days from 09-30 end on 10-15, a Thursday and a working day
    assert "截止 Due: 2026-10-15" in r.stdout
    r = run_cli("deadline", "--from", "2026-09-30", "--within", "10个工作日", "--policies", "tests/fixtures/base")
    assert "截止 Due: 2026-10-20" in r.stdout


def test_deadline_outside_the_calendar_is_an_error_not_a_guess() -> None:
    r = run_cli("deadline", "--from", "2026-12-30", "--within", "10 working_days", "--policies", "tests/fixtures/base")
    assert r.returncode == 1
    assert "2027" in r.stderr and "outside the working-day calendar" in r.stderr
    assert r.stdout == "" and "Traceback" not in r.stderr


def test_deadline_usage_errors() -> None:
    base = ("--policies", "tests/fixtures/base")
    r = run_cli("deadline", "--from", "yesterday", "--within", "3 working_days", *base)
    assert r.returncode == 2 and "Invalid value for '--from': 'yesterday' does not match the formats" in r.stderr
    r = run_cli("deadline", "--from", "2026-09-30", "--within", "ten days", *base)
    assert r.returncode == 2 and "--within" in r.stderr
    r = run_cli("deadline", "--from", "2026-09-30", "--item", "no-such-stage", *base)
    assert r.returncode == 2 and "no item with id 'no-such-stage'" in r.stderr
    r = run_cli("deadline", "--from", "2026-09-30", *base)
    assert r.returncode == 2 and "either --within" in r.stderr


def test_trace_lists_implementers_and_gaps(policy_set: Path) -> None:
    r = run_cli("trace", str(policy_set))
    assert r.returncode == 0
    assert "reg-x.a1  测试监管办法  简单投诉15日内作出决定并告知  [binding]\n    <- stage stage-decide" in r.stdout
    regs = policy_set / "regulations.yaml"
    regs.write_text(regs.read_text(encoding="utf-8").replace(
        "  - id: int-reg\n",
        "      - id: reg-x.a2\n        title: 公布投诉渠道\n        binding: true\n  - id: int-reg\n"), encoding="utf-8")
    r = run_cli("trace", str(policy_set), "--gaps")
    assert r.returncode == 1
    assert r.stdout.splitlines() == ["reg-x.a2  测试监管办法  公布投诉渠道  [MISSING]", "2 binding articles, 1 not implemented"]


def test_configuration_cannot_point_outside_its_folder(policy_set: Path) -> None:
    (policy_set / "handbook.toml").write_text('[handbook]\npolicies = "../../.."\n')
    r = run_cli("check", cwd=policy_set)
    assert r.returncode == 2 and "leaves the folder of this file" in r.stderr


def test_internal_errors_are_one_message_unless_debug(monkeypatch: Any) -> None:
    from click.testing import CliRunner

    import handbook.engine
    from handbook.cli import cli

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(handbook.engine, "run", boom)
    r = CliRunner().invoke(cli, ["check", "tests/fixtures/base"])
    assert r.exit_code == 2
    assert "handbook: internal error: RuntimeError: disk on fire (run with --debug for details)" in r.output
    assert "Traceback" not in r.output
    r = CliRunner().invoke(cli, ["--debug", "check", "tests/fixtures/base"])
    assert isinstance(r.exception, RuntimeError)


def test_trace_and_deadline_refuse_a_broken_policy_set(policy_set: Path) -> None:
    (policy_set / "regulations.yaml").write_text("kind: regulations\nsources: [\n", encoding="utf-8")
    for args in (["trace", str(policy_set)],
                 ["deadline", "--from", "2026-09-30", "--within", "3 working_days", "--policies", str(policy_set)]):
        r = run_cli(*args)
        assert r.returncode == 1, args
        assert "regulations.yaml:3:1: YML001 YAML syntax error" in r.stderr
        assert "fix them first" in r.stderr and "Traceback" not in r.stderr


def test_deadline_beyond_any_date_is_a_usage_error() -> None:
    r = run_cli("deadline", "--from", "9999-12-31 23:00", "--within", "2 hours", "--policies", "tests/fixtures/base")
    assert r.returncode == 2 and "beyond any date" in r.stderr and "internal error" not in r.stderr


def test_configuration_sections_and_keys_are_checked(policy_set: Path) -> None:
    (policy_set / "handbook.toml").write_text('[handbook]\npolices = "x"\n')
    r = run_cli("check", str(policy_set))
    assert r.returncode == 2 and "unknown key(s) polices" in r.stderr
    (policy_set / "handbook.toml").write_text("rules = 5\n")
    r = run_cli("check", str(policy_set))
    assert r.returncode == 2 and "[rules] must be a table" in r.stderr and "internal error" not in r.stderr


def test_severity_configuration_keeps_waivers(policy_set: Path) -> None:
    org = policy_set / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("    duties: [受理客户咨询与投诉]\n", "    duties: []\n"),
                   encoding="utf-8")
    (policy_set / "waivers.yaml").write_text(
        'kind: waivers\ntitle: 豁免\nversion: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\n'
        "owner: cs-head\nwaivers:\n  - id: wv-a\n    check: OWN002\n    item: cs-agent\n    approved_by: general-manager\n"
        '    reason: 修订中\n    granted: "2026-05-01"\n    until: "2026-07-30"\n', encoding="utf-8")
    (policy_set / "handbook.toml").write_text('[rules]\nOWN002 = "error"\n')
    r = run_cli("check", str(policy_set))
    assert r.returncode == 0 and "OWN002 waived:" in r.stdout


def test_withheld_errors_fail_the_run_even_when_the_unreadable_file_is_only_a_warning(policy_set: Path) -> None:
    """Found in review: with YML013 turned down, a real REF001 was withheld and the run passed."""
    std = policy_set / "standards.yaml"
    std.write_text(std.read_text(encoding="utf-8").replace("owner: cs-agent", "owner: nobody-here", 1), "utf-8")
    (policy_set / "extra.yaml").write_text("kind: glossary\n\t- x\n", encoding="utf-8")
    for severity in ("warning", "off"):
        (policy_set / "handbook.toml").write_text(f'[rules]\nYML013 = "{severity}"\nFIL006 = "off"\n', "utf-8")
        r = run_cli("check", str(policy_set))
        assert r.returncode == 1, r.stdout
        assert re.search(r"extra\.yaml:0:0: FIL006 this file could not be read, .* \d+ problem\(s\) they found were "
                         r"withheld", r.stdout), r.stdout


def test_version_and_help_import_nothing_they_do_not_need() -> None:
    """Issue 16.3: `handbook --version` and `--help` took 4x a bare Python start, importing the YAML
    loader, the engine and the diff and branch reporters to build options they never use."""
    heavy = ("yaml", "handbook.engine", "handbook.loader", "handbook.diff", "handbook.branches_report",
             "handbook.calendar.counting", "handbook.calendar.units", "multiprocessing")
    code = ("import sys\nsys.argv = ['handbook', sys.argv[1]]\nfrom handbook import cli\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n")
    for flag in ("--version", "--help"):
        r = subprocess.run([sys.executable, "-c", code, flag], capture_output=True, text=True, check=True)
        assert r.stdout.splitlines()[-1] == "[]", (flag, r.stdout)
