"""Issue 12, items 1 and 2: the shipped policies require nothing the law forbids, penalise nobody for a
practice they do not adopt, and read the seed's "工作日保证8小时" as service hours, not a payout deadline.

Through the real CLI (`handbook check`) and the manual as built (pages render without a browser)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from handbook.config import Config
from handbook.engine import run
from handbook.model import Model
from handbook.periods import item_deadline
from handbook.render.manual import Manual
from handbook.resources import shipped_policies

from conftest import run_cli

# the kinds of rule that bind staff, and the fields in which they say what staff must do
RULE_KINDS = ("standard", "stage", "followup", "method", "fu-rule")
TEXT_FIELDS = ("title", "name", "requirement", "action", "details", "duties")


@pytest.fixture(scope="module")
def pages(model: Model) -> dict[str, str]:
    return {p.src: p.markdown for p in Manual(model).pages()}


def _text(item: object) -> str:
    data = item.data  # type: ignore[attr-defined]
    return json.dumps({k: data.get(k) for k in TEXT_FIELDS}, ensure_ascii=False)


def _adopted(item: object) -> bool:
    return item.get("adopted") is not False  # type: ignore[attr-defined]


def test_no_adopted_rule_requires_free_fuel(model: Model) -> None:
    rules = [x for kind in RULE_KINDS for x in model.of(kind)]
    assert rules
    assert [x.id for x in rules if _adopted(x) and "送油" in _text(x)] == []
    # the seed's practice is kept, visibly not adopted, with the prohibition it breaks
    fuel = [x for x in rules if not _adopted(x) and "送油" in _text(x)]
    assert [x.id for x in fuel] == ["std-vip-fuel"]
    assert fuel[0].get("conflicts_with") == ["insurance-law.a116"]
    assert "第一百一十六条" in fuel[0].get("not_adopted_reason")
    assert fuel[0].get("breach") is None
    # 理财服务 is reviewed the same way: not adopted until the licence is checked
    wealth = model.get("std-vip-wealth", "standard")
    assert wealth is not None and not _adopted(wealth) and "资质" in wealth.get("not_adopted_reason")
    assert [x.id for x in rules if _adopted(x) and "理财服务" in _text(x)] == []


def test_the_prohibition_is_an_article_of_current_law(model: Model) -> None:
    a = model.get("insurance-law.a116", "article")
    assert a is not None and a.parent is not None
    assert a.get("number") == "第一百一十六条"
    assert a.get("prohibition") is True and a.get("binding") is True and a.get("confidence") == "confirmed"
    assert a.parent.get("type") == "law" and a.parent.get("status") == "current"
    assert "合同约定以外" in a.get("text")


def test_nobody_is_penalised_for_a_practice_not_adopted(model: Model) -> None:
    named: dict[str, list[object]] = {}
    for kind in RULE_KINDS:
        for x in model.of(kind):
            if x.get("breach") is not None:
                named.setdefault(x.get("breach"), []).append(x)
    for v in model.of("violation"):
        assert "送油" not in v.title and "理财" not in v.title, v.id
        rules = named.get(v.id, [])
        assert not rules or any(_adopted(r) for r in rules), f"{v.id} punishes only practices not adopted"
    vip = model.get("viol-vip-service-missed", "violation")
    assert vip is not None and "防灾防损" in vip.title and "法律咨询" in vip.title


def test_the_vip_section_shows_free_fuel_as_not_adopted(pages: dict[str, str]) -> None:
    page = pages["standards.md"]
    start = page.index("## 增值服务\n")
    end = page.find("\n## ", start + 1)
    section = page[start:end if end != -1 else len(page)]
    kept, _, dropped = section.partition("### 未采纳的做法")
    assert dropped, "the VIP section has no part for practices not adopted"
    # the rules staff must follow: the lawful services only
    assert "防灾防损提示" in kept and "法律咨询服务" in kept and "纪念日" in kept
    assert "送油" not in kept and "理财服务" not in kept
    # not adopted, with the reason and a link to the prohibition
    assert "{#std-vip-fuel}" in dropped and "免费送油" in dropped
    assert "第一百一十六条" in dropped
    assert "](regulations.md#insurance-law.a116)" in dropped
    assert "{#std-vip-wealth}" in dropped and "资质核实" in dropped
    assert "违反时构成" not in dropped


def test_claims_8h_is_service_hours_not_a_deadline(model: Model, pages: dict[str, str]) -> None:
    s = model.get("std-claims-8h", "standard")
    assert s is not None
    target = s.get("target")
    assert target == {"type": "availability", "hours_per_day": 8, "days_per_week": 5}
    assert item_deadline(s) is None
    assert re.search("工作日(保证)?8小时对外受理理赔资料、办理领取赔款", s.get("requirement"))
    # payouts follow the law's periods in the other claims standards
    assert {x.id for x in model.of("standard") if "insurance-law.a23" in (x.get("implements") or [])
            and item_deadline(x) is not None} >= {"std-claims-decide-30d", "std-claims-pay-10d"}
    v = model.get(s.get("breach"), "violation")
    assert v is not None and v.title == "工作日未按规定开放理赔受理时间"
    assert v.get("tier") == "tier-light" and v.get("origin") == "company"
    page = pages["standards.md"]
    block = page[page.index("{#std-claims-8h}"):]
    block = block[:block.index("\n### ")]
    assert "| 时限/目标 | 每天 8 小时、每周 5 天 |" in block
    assert "hb-calc" not in block  # no deadline, so no calculator


def _line_of(text: str, item_id: str, key: str) -> tuple[int, int]:
    """Line and column (1-based) of the first value of `key` inside the item `item_id`."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if re.search(rf"- id: {re.escape(item_id)}\s*$", line))
    for n in range(start + 1, len(lines)):
        if re.match(r"\s*- id: ", lines[n]):
            break
        m = re.match(rf"(\s*){key}: \[", lines[n])
        if m:
            return n + 1, m.end() + 1
    raise AssertionError(f"{item_id} has no {key}")


def test_adopting_free_fuel_again_fails_the_check_at_its_conflict(tmp_path: Path) -> None:
    root = tmp_path / "policies"
    shutil.copytree(shipped_policies(), root)
    standards = root / "standards.yaml"
    text = standards.read_text(encoding="utf-8")
    block = re.search(r"  - id: std-vip-fuel\n(?:    .*\n)+", text)
    assert block is not None, "the shipped set keeps the seed's free fuel visible as std-vip-fuel"
    adopted = block.group(0).replace("    adopted: false\n", "    adopted: true\n")
    assert adopted != block.group(0)
    text = text.replace(block.group(0), adopted)
    standards.write_text(text, encoding="utf-8")
    line, col = _line_of(text, "std-vip-fuel", "conflicts_with")
    r = run_cli("check", "--format", "json", str(root))
    assert r.returncode == 1, r.stdout + r.stderr
    found = [(p["path"], p["line"], p["column"]) for p in json.loads(r.stdout)["problems"] if p["code"] == "PRO001"]
    assert found == [("standards.yaml", line, col)]


def test_shipped_set_has_no_prohibition_problem() -> None:
    r = run_cli("check", "--format", "json", str(shipped_policies()))
    codes = {p["code"] for p in json.loads(r.stdout)["problems"]}
    assert not codes & {"PRO001", "PRO002", "STD001"}, r.stdout


def test_a_rule_that_conflicts_with_an_article_or_is_not_adopted_implements_nothing() -> None:
    from handbook.resources import shipped_policies

    model = run(shipped_policies(), Config()).model
    implementers = {i.id for i in model.implementers("insurance-law.a116")}
    assert "std-vip-service" in implementers
    assert "std-vip-fuel" not in implementers and "std-vip-wealth" not in implementers
