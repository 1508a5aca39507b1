"""The shipped policy set: editor associations, and the checks holding it to the regulations."""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook.config import Config
from handbook.engine import run
from handbook.resources import schemas_dir, shipped_policies

from conftest import run_cli


def test_each_file_names_its_schema_for_editors() -> None:
    for f in sorted(shipped_policies().glob("*.yaml")):
        first, second = f.read_text(encoding="utf-8").splitlines()[:2]
        kind = second.removeprefix("kind: ").strip()
        assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json", f.name
        assert (schemas_dir() / f"{kind}.schema.json").is_file()


def test_every_binding_article_is_implemented() -> None:
    r = run_cli("trace", "--gaps")
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[-1].endswith(" not implemented") and ", 0 not implemented" in r.stdout


def _with_seed_acceptance(tmp_path: Path) -> Path:
    """The shipped set with the seed regulation's own acceptance period put back."""
    root = tmp_path / "policies"
    shutil.copytree(shipped_policies(), root)
    f = root / "complaints.yaml"
    text = f.read_text(encoding="utf-8")
    old = "      amount: 5\n      unit: calendar_days\n      from: ev-received\n"
    assert text.count(old) == 1
    f.write_text(text.replace(old, "      amount: 10\n      unit: working_days\n      from: ev-received\n"),
                 encoding="utf-8")
    return root


def test_the_seed_acceptance_period_breaks_the_2020_rule(tmp_path: Path) -> None:
    # 《客户服务管理规定》第十六条: 10 working days to say whether a complaint is accepted.
    # The current rule gives 15 calendar days for the whole simple complaint; around a
    # long holiday 10 working days alone run past it. The timeline check must say so, naming
    # the path and the worst day.
    root = _with_seed_acceptance(tmp_path)
    result = run(root, Config())
    found = [p for p in result.problems if p.code == "TML001"]
    assert found, result.problems
    lines = (root / "complaints.yaml").read_text(encoding="utf-8").splitlines()
    stage = lines.index("  - id: stage-accept")
    amount = next(i for i in range(stage, len(lines)) if lines[i] == "      amount: 10") + 1
    assert {(p.path, p.line) for p in found} == {("complaints.yaml", amount)}
    simple = next(p for p in found if "lim-2020-simple-15d" in p.message)
    assert "'stage-accept' (10 working_days from 'ev-received') can be due after the limit lim-2020-simple-15d " \
           "(15 calendar_days" in simple.message
    assert "on the path ev-received → stage-register → stage-accept → " \
           in simple.message
    assert "counted from 2020-01-19" in simple.message and "days late" in simple.message


def test_shipped_acceptance_period_fits() -> None:
    result = run(shipped_policies(), Config())
    assert [p for p in result.problems if p.code in ("LIM001", "TML001", "TML002", "TML003")] == []


def test_company_closures_do_not_extend_regulatory_limits(tmp_path: Path) -> None:
    """A closure lengthens the company's own working-day deadlines, but the regulator's
    calendar-day limit is counted on the statutory calendar: the deadline no longer fits."""
    from conftest import make_set

    root = make_set(tmp_path / "p")
    complaints = root / "complaints.yaml"
    text = complaints.read_text(encoding="utf-8")
    complaints.write_text(text.replace(
        "deadline: {amount: 15, unit: calendar_days, from: ev-received, bounded_by: [lim-x-15d]}\n    implements: [int-reg.a1, reg-x.a1]",
        "deadline: {amount: 5, unit: working_days, from: ev-received, bounded_by: [lim-x-15d]}\n    implements: [int-reg.a1, reg-x.a1]"),
        encoding="utf-8")
    assert [p.code for p in run(root, Config()).problems if p.code == "LIM001"] == []  # 5 working days fit 15 days
    closures = ", ".join(f'"2026-03-{d:02d}"' for d in range(2, 28))  # a month-long company closure
    (root / "calendar.yaml").write_text(
        'kind: calendar\nid: cal\ntitle: 日历\nversion: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\n'
        f"owner: cs-head\nclosures: [{closures}]\n", encoding="utf-8")
    problems = run(root, Config()).problems
    lim = {p.line: p.message for p in problems if p.code == "LIM001"}
    assert sorted(lim) == [33]  # the stage's 5 working days run past the closure
    assert "'stage-decide': 5 working_days can end after the limit lim-x-15d" in lim[33]
    assert "counted from 2026-02-" in lim[33] or "counted from 2026-03-" in lim[33]
    # the timeline check counts the same path on the same two calendars
    tml = [p for p in problems if p.code == "TML001"]
    # (and the 1-day registration, which on the company calendar rolls past the closure too)
    assert [(p.line, p.column) for p in tml] == [(25, 24), (33, 24)]
    assert all("on the path ev-received → stage-register → stage-decide" in p.message for p in tml)


def test_the_zhejiang_closure_extends_its_own_deadline_not_the_head_offices() -> None:
    """The shipped Zhejiang branch closes on 2026-09-15 (a typhoon): its own typhoon call-back (3
    working days, an item it adds), counted from Monday 09-14, skips the closure and is due Friday;
    its shorter answer time is an override of the head office's rule and is not stretched (Thursday);
    nor is the head office's 10-day claims payment (the Insurance Law's 10 days, no slack)."""
    own = run_cli("deadline", "--branch", "unit-branch-zj", "--item", "fur-zj-typhoon-callback",
                  "--from", "2026-09-14")
    assert own.returncode == 0, own.stderr
    assert "截止 Due: 2026-09-18（周五 Fri）" in own.stdout and "台风停业" in own.stdout
    tightened = run_cli("deadline", "--branch", "unit-branch-zj", "--item", "std-followup-answer-5wd",
                        "--from", "2026-09-14")
    assert "截止 Due: 2026-09-17（周四 Thu）" in tightened.stdout and "台风停业" not in tightened.stdout
    head = run_cli("deadline", "--from", "2026-09-14", "--item", "std-followup-answer-5wd")
    assert "截止 Due: 2026-09-20（周日 Sun）" in head.stdout  # 5 working days (Sunday 09-20 is a make-up day)
    pay = run_cli("deadline", "--branch", "unit-branch-zj", "--item", "std-claims-pay-10d", "--from", "2026-09-05")
    assert pay.returncode == 0, pay.stderr
    assert "截止 Due: 2026-09-15（周二 Tue）" in pay.stdout and "台风停业" not in pay.stdout
    assert run_cli("check", "--branch", "unit-branch-zj").returncode == 0
