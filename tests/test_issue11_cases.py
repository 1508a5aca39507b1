"""Issue 11's list, case by case, through the real CLI: each check it said was missed now fails
with a located message (the path and the worst start date where it is a timing rule), and each
bend a second insurer needed is plain data in a set that passes.

The failing cases live in the rule fixtures (tests/rules/<CODE>/fail) and in tests/data/issue11;
each is laid over the base set as the fixture test does, then checked by `handbook check`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, make_set, run_cli

RULES = ROOT / "tests" / "rules"
DATA = ROOT / "tests" / "data" / "issue11"


def _check(tmp_path: Path, overlay: Path) -> tuple[int, list[str]]:
    root = make_set(tmp_path / "policies", overlay)
    r = run_cli("check", str(root))
    return r.returncode, r.stdout.splitlines()


def _one(lines: list[str], pattern: str) -> str:
    found = [line for line in lines if re.search(pattern, line)]
    assert len(found) == 1, (pattern, lines)
    return found[0]


DATED = r"counted from \d{4}-\d{2}-\d{2}, it is due \d{4}-\d{2}-\d{2} but the limit ends \d{4}-\d{2}-\d{2}"


@pytest.mark.parametrize(("case", "overlay", "pattern"), [
    ("a decision counted from registration, a stage without a deadline, against a limit counted from receipt",
     RULES / "TML002" / "fail",
     r"^complaints\.yaml:\d+:55: TML002 limit lim-x-15d .* on the path ev-received → stage-register → stage-decide "
     r"\[when: cond-simple\]: 'stage-decide' counts from 'ev-registered', which has no latest date \(stage "
     r"'stage-register' has no deadline\)$"),
    ("ask for material, then decide within 15 days of complete material, against 15 days from receipt",
     RULES / "TML002" / "fail",
     r"^complaints\.yaml:\d+:55: TML002 .* ev-received → stage-request → stage-supply → stage-decide-after-material "
     r".*'stage-decide-after-material' counts from 'ev-complete', which has no latest date \(stage 'stage-supply' "
     r"is done by 投诉人, outside the company, whom no deadline of the company binds\)$"),
    ("a pause the limit does not allow",
     RULES / "TML002" / "fail",
     r"^complaints\.yaml:\d+:55: TML002 .*'stage-decide-after-appraisal' stops its clock for 'pause-appraisal', "
     r"which the limit does not allow$"),
    ("a 20-working-day material request on the path of a 15-day limit",
     RULES / "TML001" / "fail",
     r"^complaints\.yaml:\d+:24: TML001 'stage-request' \(20 working_days from 'ev-received'\) can be due after the "
     r"limit lim-x-15d .* on the path ev-received → stage-register → stage-request → stage-decide \[when: "
     r"cond-incomplete\]: " + DATED + r" \(\d+ days late; worst start date in the calendar's years\)$"),
    ("a 20-working-day stage from the limit's start event that no limit holds (no bounded_by)",
     RULES / "TML003" / "fail",
     r"^complaints\.yaml:\d+:54: TML003 warning: 'stage-refer' counts from 'ev-received', an event the limits .* "
     r"cover, but lies on none of their paths and names no limit in bounded_by"),
    ("a 北京 post reporting to the 上海 general manager",
     RULES / "ORG001" / "fail",
     r"^organisation\.yaml:92:17: ORG001 .*reports to 'branch-gm\.sh' .*across into another unit of the same kind"),
    ("a 24x7 promise written in working hours",
     RULES / "HRS001" / "fail",
     r"^standards\.yaml:27:15: HRS001 "),
    ("a 190 % percentile target",
     DATA / "percent",
     r"^standards\.yaml:\d+:\d+: SCH004 standards\.1\.target\.share: .*190"),
    ("a 190 % metric target",
     DATA / "percent",
     r"^standards\.yaml:\d+:\d+: SCH004 standards\.2\.target\.value: .*190"),
])
def test_a_missed_case_now_fails_located(tmp_path: Path, case: str, overlay: Path, pattern: str) -> None:
    code, lines = _check(tmp_path, overlay)
    assert code == 1, (case, lines)
    _one(lines, pattern)


def test_every_bend_is_plain_data_in_the_second_insurer() -> None:
    """Each construct the second insurer had to bend the model for is written in examples/huaxin,
    and the set passes the strict check."""
    policies = ROOT / "examples" / "huaxin" / "policies"
    text = {p.stem: p.read_text(encoding="utf-8") for p in policies.glob("*.yaml")}
    bends = {
        "appraisal excluded from the complaint clock": ("events", "type: pause"),
        "the limit allows that pause": ("regulations", "pauses: ["),
        "one post per branch from one definition": ("organisation", "per_unit: branch"),
        "phone retries on distinct days": ("followups", "distinct_days: 2"),
        "SMS as the last resort, with no fallback": ("followups", "last_resort: true"),
        "seconds and a percentile target": ("standards", "unit: seconds"),
        "a condition on a standard": ("standards", "when: ["),
        "3 calendar days that do not roll": ("standards", "roll: none"),
        "a count-based violation": ("penalties", "within: month"),
        "a decision event reached by several stages": ("complaints", "produces: ev-decision-notified"),
        "app, WeChat and counter channels": ("complaints", "type: wechat"),
        "a head office unit type": ("organisation", "type: head_office"),
        "an event catalogue of its own": ("events", "kind: events"),
    }
    for bend, (kind, needle) in bends.items():
        assert needle in text[kind], f"{bend}: '{needle}' not in {kind}.yaml"
    assert text["complaints"].count("produces: ev-decision-notified") >= 3
    assert "\n    breach:" not in text["standards"].split("std-", 1)[0]  # standards need not name a breach
    r = run_cli("check", "--strict", "--today", "2026-12-01", "examples/huaxin", cwd=ROOT)
    assert r.returncode == 0, r.stdout


def test_a_graph_of_dead_ends_is_reported_not_searched_for_ever(tmp_path: Path) -> None:
    """Twenty two-way choices that all lead away from the limit's end (a million paths, none
    reaching it) beside one direct path: the search stops at its step budget with TML004."""
    root = make_set(tmp_path / "policies")
    f = root / "complaints.yaml"
    text = f.read_text(encoding="utf-8")
    stages, events = [], []
    for i in range(20):
        src = "ev-registered" if i == 0 else f"ev-dead-{i}"
        events.append(f"  - id: ev-dead-{i + 1}\n    name: 旁路{i + 1}\n")
        for alt in "ab":
            stages.append(f"  - id: stage-dead-{i}-{alt}\n    name: 旁路{i}{alt}\n    role: cs-agent\n"
                          f"    action: 办理。\n    starts: {src}\n    produces: ev-dead-{i + 1}\n")
    f.write_text(text.replace("triage:\n", "".join(stages) + "triage:\n"), encoding="utf-8")
    ev = root / "events.yaml"
    ev.write_text(ev.read_text(encoding="utf-8").replace("clock:\n", "".join(events) + "clock:\n"), encoding="utf-8")
    r = run_cli("check", str(root))
    assert r.returncode == 1, r.stdout
    _one(r.stdout.splitlines(), r"^regulations\.yaml:\d+:17: TML004 limit lim-x-15d .* is not checked")
