"""The timeline check's edges, found by an independent review of issue 11 (each failed before its
fix): periods shorter than a day, parties outside the company, pauses that may happen anywhere,
a stage inside an allowed pause, and the events a limit covers. Through the real CLI."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import make_set, run_cli


def _set(tmp_path: Path, stages: str, events: str = "", limit: str = "", pauses: str = "") -> Path:
    """The base set with its complaint stages replaced, events and a pause rule added, and the base
    limit lim-x-15d (ev-received -> ev-decided) rewritten as ``limit`` (amount and unit) if given."""
    root = make_set(tmp_path / "policies")
    c = root / "complaints.yaml"
    text = c.read_text(encoding="utf-8")
    head, tail = text.split("stages:\n", 1)[0], "triage:\n" + text.split("triage:\n", 1)[1]
    c.write_text(head + "stages:\n" + stages + tail, encoding="utf-8")
    e = root / "events.yaml"
    e.write_text(e.read_text(encoding="utf-8").replace("clock:\n", events + "clock:\n" + pauses), encoding="utf-8")
    if limit or pauses:
        r = root / "regulations.yaml"
        t = r.read_text(encoding="utf-8")
        if limit:
            t = t.replace("            amount: 15\n            unit: calendar_days\n", limit)
        r.write_text(t, encoding="utf-8")
    return root


def _stage(sid: str, starts: str, produces: str, deadline: str = "", party: str = "") -> str:
    who = f"    party: {party}\n" if party else "    role: cs-head\n"
    dl = f"    deadline: {deadline}\n" if deadline else ""
    return (f"  - id: {sid}\n    name: {sid}\n{who}    action: 办理。\n    starts: {starts}\n"
            f"    produces: {produces}\n{dl}    implements: [int-reg.a1, reg-x.a1]\n")


def _lines(root: Path, code: str) -> list[str]:
    r = run_cli("check", str(root))
    return [line for line in r.stdout.splitlines() if f" {code} " in line]


MINUTES = "            amount: 30\n            unit: minutes\n"


def test_minutes_against_a_limit_in_minutes_are_added_up_exactly(tmp_path: Path) -> None:
    fits = _set(tmp_path / "a", _stage("stage-a", "ev-received", "ev-registered", "{amount: 10, unit: minutes, from: ev-received}")
                + _stage("stage-b", "ev-registered", "ev-decided", "{amount: 10, unit: minutes, from: ev-registered}"),
                limit=MINUTES)
    assert _lines(fits, "TML001") == []  # 10 + 10 minutes fit 30: no rounding to whole days
    late = _set(tmp_path / "b", _stage("stage-a", "ev-received", "ev-registered", "{amount: 40, unit: minutes, from: ev-received}")
                + _stage("stage-b", "ev-registered", "ev-decided", "{amount: 50, unit: minutes, from: ev-registered}"),
                limit=MINUTES)
    found = _lines(late, "TML001")
    assert len(found) == 2, found
    assert any(re.search(r"'stage-b' can be due after the limit lim-x-15d \(30 minutes.*counted by the clock, the "
                         r"deadlines up to it add up to 40 minutes \+ 50 minutes, 1 hours longer than the limit",
                         line) for line in found), found


def test_a_day_period_against_a_limit_in_hours_is_not_comparable_never_a_pass(tmp_path: Path) -> None:
    root = _set(tmp_path, _stage("stage-a", "ev-received", "ev-decided",
                                 "{amount: 1, unit: calendar_days, roll: none, from: ev-received}"),
                limit="            amount: 24\n            unit: hours\n")
    found = _lines(root, "TML001")
    assert len(found) == 1 and "a limit in hours is counted by the clock, and calendar_days cannot be added" in found[0]


def test_a_deadline_of_someone_outside_the_company_guarantees_nothing(tmp_path: Path) -> None:
    stages = (_stage("stage-ask", "ev-received", "ev-registered", "{amount: 1, unit: calendar_days, from: ev-received}")
              + _stage("stage-supply", "ev-registered", "ev-supplied",
                       "{amount: 3, unit: calendar_days, roll: none, from: ev-registered}", party="投诉人")
              + _stage("stage-decide", "ev-supplied", "ev-decided",
                       "{amount: 5, unit: calendar_days, roll: none, from: ev-supplied}"))
    root = _set(tmp_path / "a", stages, events="  - id: ev-supplied\n    name: 材料补齐\n")
    found = _lines(root, "TML002")
    assert len(found) == 1 and "stage 'stage-supply' is done by 投诉人, outside the company" in found[0], found
    # the same when the event says who brings it about, whatever the stage says
    root = _set(tmp_path / "b", stages.replace("    party: 投诉人\n", "    role: cs-agent\n"),
                events="  - id: ev-supplied\n    name: 材料补齐\n    party: 投诉人\n")
    assert len(_lines(root, "TML002")) == 1


PAUSE = ("  - id: pause-ap\n    name: 外部鉴定期间\n    type: pause\n    from: ev-ap-start\n    to: ev-ap-end\n"
         "    implements: [int-reg.a1]\n")
AP_EVENTS = "  - id: ev-ap-start\n    name: 鉴定开始\n    party: 鉴定机构\n  - id: ev-ap-end\n    name: 鉴定结束\n    party: 鉴定机构\n"


def test_a_pause_that_may_happen_at_any_time_needs_the_limits_leave(tmp_path: Path) -> None:
    # the pause's events are brought about outside the company, by no stage: it can fall on any path
    root = _set(tmp_path, _stage("stage-decide", "ev-received", "ev-decided",
                                 "{amount: 15, unit: calendar_days, from: ev-received, pauses: [pause-ap], "
                                 "bounded_by: [lim-x-15d]}"), events=AP_EVENTS, pauses=PAUSE)
    tml = _lines(root, "TML002")
    assert len(tml) == 1 and "stops its clock for 'pause-ap', which the limit does not allow" in tml[0], tml
    lim = _lines(root, "LIM001")
    assert len(lim) == 1 and "stops its clock for pause-ap, which the limit lim-x-15d does not allow" in lim[0], lim


def test_a_stage_inside_an_allowed_pause_does_not_count_towards_the_limit(tmp_path: Path) -> None:
    stages = (_stage("stage-commission", "ev-received", "ev-ap-start", "{amount: 1, unit: calendar_days, from: ev-received}")
              + _stage("stage-appraise", "ev-ap-start", "ev-ap-end", "{amount: 20, unit: calendar_days, from: ev-ap-start}")
              + _stage("stage-decide", "ev-ap-end", "ev-decided",
                       "{amount: 15, unit: calendar_days, from: ev-received, pauses: [pause-ap]}"))
    events = "  - id: ev-ap-start\n    name: 鉴定开始\n  - id: ev-ap-end\n    name: 鉴定结束\n"
    root = _set(tmp_path, stages, events=events, pauses=PAUSE)
    r = root / "regulations.yaml"
    r.write_text(r.read_text(encoding="utf-8").replace("            to: ev-decided\n",
                                                       "            to: ev-decided\n            pauses: [pause-ap]\n"),
                 encoding="utf-8")
    assert _lines(root, "TML001") == [] and _lines(root, "TML002") == []


def test_a_side_stage_from_any_event_a_limit_covers_is_held_or_reported(tmp_path: Path) -> None:
    stages = (_stage("stage-register", "ev-received", "ev-registered", "{amount: 1, unit: calendar_days, from: ev-received}")
              + _stage("stage-decide", "ev-registered", "ev-decided", "{amount: 15, unit: calendar_days, from: ev-received}")
              + _stage("stage-side", "ev-registered", "ev-side", "{amount: 20, unit: working_days, from: ev-registered}"))
    root = _set(tmp_path, stages, events="  - id: ev-side\n    name: 旁路\n")
    found = _lines(root, "TML003")
    assert len(found) == 1 and "'stage-side' counts from 'ev-registered', an event the limits lim-x-15d cover" in found[0]


def test_alternatives_that_multiply_the_counting_stop_at_the_budget(tmp_path: Path) -> None:
    """Ten two-way choices, each deadline counted from the event before it: a thousand paths whose
    chains of deadlines all differ. The check gives up on the limit (TML004) instead of counting
    for minutes."""
    stages = ""
    for i in range(10):
        src = "ev-received" if i == 0 else f"ev-l{i}"
        dst = "ev-decided" if i == 9 else f"ev-l{i + 1}"
        for alt, amount in (("a", 1), ("b", 2)):
            stages += _stage(f"stage-l{i}-{alt}", src, dst, f"{{amount: {amount}, unit: working_days, from: {src}}}")
    events = "".join(f"  - id: ev-l{i}\n    name: 第{i}步\n" for i in range(1, 10))
    root = _set(tmp_path, stages, events=events)
    found = _lines(root, "TML004")
    assert len(found) == 1 and "is not checked" in found[0], found
