"""The rules for targets, points, floors, fallbacks, hours and completeness: what the fixture
folders (tests/rules/<CODE>/) cannot express. Switching a company's expectation off or
narrowing it in handbook.toml, a case that needs a penalties file of its own, and the
one place that says what a regulatory limit holds."""

from __future__ import annotations

import re
from pathlib import Path

from handbook.config import Config
from handbook.engine import run
from handbook.labels import Labels
from handbook.resources import schemas_dir
from handbook.validation import SchemaSet

from conftest import make_set, run_cli

RULES = Path(__file__).parent / "rules"


def _codes(output: str) -> list[str]:
    return re.findall(r"^\S+:\d+:\d+: ([A-Z]{3,4}\d{3})", output, flags=re.M)


def test_a_company_expectation_can_be_switched_off(tmp_path: Path) -> None:
    # the failing fixtures of the completeness rules, together: a standard without breach,
    # a complaints file without principles/triage/non_acceptance, a penalties file without judged_by
    root = make_set(tmp_path / "p", RULES / "STD001" / "fail", RULES / "CMP001" / "fail", RULES / "CMP002" / "fail")
    before = run_cli("check", "--strict", str(root))
    assert before.returncode == 1
    assert {"STD001", "CMP001", "CMP002"} <= set(_codes(before.stdout))
    assert "CMP001 warning: the complaints file has no principles, triage, non_acceptance" in before.stdout
    (root / "handbook.toml").write_text('[rules]\nSTD001 = "off"\nCMP001 = "off"\nCMP002 = "off"\n', encoding="utf-8")
    after = run_cli("check", "--strict", str(root))
    assert after.returncode == 0, after.stdout
    assert not {"STD001", "CMP001", "CMP002"} & set(_codes(after.stdout))


def test_the_complaints_sections_a_company_keeps_are_an_option(tmp_path: Path) -> None:
    root = make_set(tmp_path / "p", RULES / "CMP001" / "fail")
    (root / "handbook.toml").write_text('[rules.CMP001]\nsections = ["channels", "triage"]\n', encoding="utf-8")
    r = run_cli("check", "--strict", str(root))
    assert r.returncode == 1
    assert "complaints.yaml:1:7: CMP001 warning: the complaints file has no triage:" in r.stdout
    (root / "handbook.toml").write_text('[rules.CMP001]\nsections = ["channels"]\n', encoding="utf-8")
    assert run_cli("check", "--strict", str(root)).returncode == 0


def test_a_section_the_complaints_schema_does_not_have_is_reported_not_asked_for(tmp_path: Path) -> None:
    # a typo in the option: the warning "has no principle" could never be fixed; the option is named instead
    root = make_set(tmp_path / "p", RULES / "CMP001" / "pass")
    (root / "handbook.toml").write_text('[rules.CMP001]\nsections = ["principle", "triage"]\n', encoding="utf-8")
    r = run_cli("check", "--strict", str(root))
    assert r.returncode == 1
    found = [line for line in r.stdout.splitlines() if " CMP001 " in line]
    assert found == ["complaints.yaml:1:7: CMP001 warning: the sections option of CMP001 in handbook.toml names "
                     "'principle', which is not a field of a complaints file: it can never be written, so fix the "
                     "option (the fields: kind, title, version, effective_date, review_by, owner, description, "
                     "principles, channels, stages, triage, non_acceptance, reports); did you mean 'principles'?"]
    # the sections the schema has are read from it, not from a table: every one is accepted
    from handbook.checks.complaints_sections import known_sections

    assert known_sections() == list(SchemaSet(schemas_dir()).kinds["complaints"]["properties"])
    (root / "handbook.toml").write_text('[rules.CMP001]\nsections = ["principles", "reports"]\n', encoding="utf-8")
    r = run_cli("check", "--strict", str(root))
    assert [line for line in r.stdout.splitlines() if " CMP001 " in line] == [
        "complaints.yaml:1:7: CMP001 warning: the complaints file has no reports: add them, or list the sections your "
        "company keeps in the sections option of CMP001"]


def test_a_chain_may_end_anywhere_when_no_last_resort_is_required(tmp_path: Path) -> None:
    root = make_set(tmp_path / "p", RULES / "FUP002" / "fail")
    (root / "handbook.toml").write_text("[rules.FUP002]\nlast_resort = false\n", encoding="utf-8")
    r = run_cli("check", str(root))
    found = [line for line in r.stdout.splitlines() if " FUP002 " in line]
    assert not [line for line in found if "is not the last resort" in line]
    # the loop, the last resort with a fallback and the retry stay errors
    assert len(found) == 3 and r.returncode == 1


def test_thresholds_are_unreachable_when_no_tier_gives_points(tmp_path: Path) -> None:
    root = make_set(tmp_path / "p")
    text = (root / "penalties.yaml").read_text(encoding="utf-8")
    text += "thresholds:\n  - id: th-month-3\n    points: 3\n    within: month\n    tier: tier-light\n"
    (root / "penalties.yaml").write_text(text, encoding="utf-8")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    n = text.splitlines().index("    points: 3") + 1
    assert (f"penalties.yaml:{n}:13: PEN004 threshold 'th-month-3' counts 3 points, but no tier gives points: "
            "it can never be reached") in r.stdout


def test_points_0_is_points_given_in_pen004_as_in_pen005(tmp_path: Path) -> None:
    # every tier has points, all 0: PEN005 has nothing to add (points are given, 0 included); the
    # threshold is still unreachable, and PEN004 says so without claiming that no tier gives points
    root = make_set(tmp_path / "p")
    text = (root / "penalties.yaml").read_text(encoding="utf-8")
    text = text.replace("    rank: 1\n", "    rank: 1\n    points: 0\n", 1).replace(
        "violations:\n", "  - {id: tier-heavy, name: 重, rank: 2, sanctions: [扣减绩效], points: 0}\nviolations:\n", 1)
    assert text.count("points: 0") == 2
    text += "thresholds:\n  - id: th-month-3\n    points: 3\n    within: month\n    tier: tier-light\n"
    (root / "penalties.yaml").write_text(text, encoding="utf-8")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    assert "PEN005" not in r.stdout
    n = text.splitlines().index("    points: 3") + 1
    assert (f"penalties.yaml:{n}:13: PEN004 threshold 'th-month-3' counts 3 points, but every tier that gives points "
            "gives 0: it can never be reached") in r.stdout
    # one tier that gives points above 0 makes it reachable
    (root / "penalties.yaml").write_text(text.replace("points: 0", "points: 3", 1), encoding="utf-8")
    assert "PEN004" not in run_cli("check", str(root)).stdout


def test_the_limits_that_hold_an_item_are_found_in_one_place(tmp_path: Path) -> None:
    from handbook.checks.tier_floor import held_by_limits

    result = run(make_set(tmp_path / "p", RULES / "PEN003" / "fail"), Config())
    m = result.model
    assert m is not None

    def held(item_id: str) -> list[str]:
        item = m.get(item_id)
        assert item is not None
        return [lim.id for lim in held_by_limits(m, item)]

    assert held("stage-decide") == ["lim-x-15d"]  # produces the limit's end event
    assert held("std-claim") == ["lim-x-15d"]  # names it in bounded_by
    assert held("stage-register") == []  # produces ev-registered: only unenforced or customer limits end there
    assert held("std-unsure") == []  # confidence: check
    assert held("std-repealed") == []  # a repealed regulation
    assert held("std-customer") == []  # binds the customer
    assert held("std-internal") == []  # the company's own rule
    # the confidence option widens what is enforced
    item = m.get("std-unsure")
    assert item is not None
    assert [x.id for x in held_by_limits(m, item, {"confidence": ["check"]})] == ["lim-x-unsure"]


def test_the_contact_a_channel_type_needs_is_read_from_the_schema() -> None:
    labels = Labels(SchemaSet(schemas_dir()))
    needs = labels.mark("channel", "type", "x-contact")
    assert needs["sms"] == "phone" and needs["letter"] == "address"
    # every contact field named is one the channel's contact may hold
    assert set(needs.values()) <= set(labels.of("channel", "contact"))
    assert labels.mark("channel", "name", "x-contact") == {}
    # deeper fields, dotted
    assert labels.label("standard", "target.per", "month") == "每月"
    assert labels.label("method", "retry.spacing.unit", "hours") == "小时"
