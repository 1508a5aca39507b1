"""Issue 11.11: every rule of the seed (../shared/domain/README.md) still appears in the v2 model.

Each row names a rule of the seed document and where the shipped policy set keeps it: the item
(kind and id) and, where the seed gives a figure or a name, the value it must carry. The test
reads the model the checks read, so a rule lost in a later rewrite fails here by name.
"""

from __future__ import annotations

from typing import Any

import pytest

from handbook.model import Item, Model


def _text(item: Item) -> str:
    """Everything an item says, flattened: its fields, lists and nested mappings."""
    out: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif v is not None:
            out.append(str(v))

    walk(item.data)
    return " ".join(out)


def _deadline(item: Item) -> tuple[Any, Any, Any]:
    d = item.get("deadline") or (item.get("target") or {}).get("deadline") or {}
    return d.get("amount"), d.get("unit"), d.get("from")


# (seed rule, item kind, item id, words the item must say)
SEED: list[tuple[str, str, str, tuple[str, ...]]] = [
    # organisation
    ("总经理：客户服务的最终责任", "role", "general-manager", ("最终",)),
    ("经营层组织实施", "role", "exec-management", ()),
    ("运营管理部负责人：分管客户服务的高级管理人员，5项职责", "role", "ops-dept-head", ()),
    ("客服处，运营管理部下设，7项职责", "unit", "unit-cs-division", ()),
    ("客户服务中心：统一对外端口，由客服处管理", "unit", "unit-cs-centre", ("客服处",)),
    ("客户服务岗（坐席）", "role", "cs-agent", ()),
    ("客服质检岗：定期质检报告", "role", "cs-qa-inspector", ()),
    ("客服管理岗", "role", "cs-manager", ()),
    ("业务拓展部销售岗", "role", "sales-agent", ()),
    ("二级机构客户服务领导小组", "unit", "unit-branch-lg", ()),
    ("领导小组督察员：指导、监督、考核、处罚", "role", "branch-inspector", ()),
    ("前台客户服务咨询岗", "role", "front-desk-consultant", ()),
    ("新单业务岗3人", "role", "new-business-clerk", ()),
    ("保全服务岗4人", "role", "policy-service-clerk", ()),
    ("理赔岗7人", "role", "claims-clerk", ()),
    ("单证管理岗1人", "role", "forms-clerk", ()),
    ("收付费岗6人", "role", "cashier-clerk", ()),
    ("投诉咨询回访督察岗1人", "role", "complaints-inspector", ()),
    ("主管1人", "role", "service-dept-supervisor", ()),
    # service standards
    ("热线全天24小时受理报案、查勘救援", "standard", "std-hotline-24x7", ("24",)),
    ("一站式理赔服务", "standard", "std-claims-one-stop", ()),
    ("工作日保证8小时受理理赔资料、领取赔款", "standard", "std-claims-8h", ("8",)),
    ("限时理赔承诺", "standard", "std-claims-promise", ()),
    ("回访发现问题5个工作日内满意答复", "standard", "std-followup-answer-5wd", ()),
    ("大额保户VIP服务", "standard", "std-vip-service", ()),
    ("职场迎接、咨询、引导、送出", "standard", "std-front-desk-journey", ()),
    ("客户服务角", "standard", "std-service-corner", ()),
    ("微笑加站立", "standard", "std-smile-and-stand", ()),
    ("三个一", "standard", "std-three-ones", ()),
    ("客户服务工作手册：仪表、语言、行为、时效", "standard", "std-service-handbook", ()),
    # complaints
    ("原则：依法", "principle", "principle-lawful", ()),
    ("原则：公平", "principle", "principle-fair", ()),
    ("原则：公正", "principle", "principle-just", ()),
    ("原则：便民", "principle", "principle-convenient", ()),
    ("渠道：电话", "channel", "ch-hotline", ()),
    ("渠道：传真", "channel", "ch-fax", ()),
    ("渠道：信函", "channel", "ch-letter", ()),
    ("渠道：现场接待", "channel", "ch-reception", ()),
    ("渠道：电子邮件", "channel", "ch-email", ()),
    ("每件投诉登记", "stage", "stage-register", ()),
    ("材料不完整：5个工作日内通知补充", "stage", "stage-request-materials", ()),
    ("监管转办：按要求书面报告", "stage", "stage-regulator-report", ()),
    ("分流：受理", "triage", "triage-accept", ()),
    ("分流：属消费投诉但非本公司，不予受理可转办", "triage", "triage-not-ours", ()),
    ("分流：非消费投诉但属其他部门，转办", "triage", "triage-other-dept", ()),
    ("分流：两者皆非，不予受理", "triage", "triage-neither", ()),
    ("分流：第十五条情形，不予受理", "triage", "triage-art15", ()),
    ("第十五条：非消费者本人或其受托人提出", "ground", "ground-not-consumer", ("受托人",)),
    # the 2020 rule merges it rather than refusing it: kept as a triage outcome, not a ground
    ("第十五条：处理期限内无新事实再次投诉（合并处理）", "triage", "triage-repeat-merge", ("合并",)),
    ("第十五条：作出决定后无新事实再次投诉", "ground", "ground-repeat-after-decision", ()),
    ("新的事实和理由：合并处理，期限自收到新材料重新计算", "clock", "restart-new-facts", ("重新计算",)),
    ("收到完整材料后告知是否受理（种子10个工作日，现缩短）", "stage", "stage-accept", ("10个工作日",)),
    ("调查、决定、告知", "stage", "stage-investigate", ()),
    ("向监管报送实施细则、考评、责任追究制度和责任人名单", "report", "report-regulator-rules", ("责任人",)),
    ("定期投诉分析报告", "report", "report-complaint-analysis", ()),
    # follow-ups
    ("回访方式：电话", "method", "fum-phone", ()),
    ("回访方式：现场（书面记录）", "method", "fum-onsite", ()),
    ("回访方式：线上问卷", "method", "fum-online", ()),
    ("回访计划：时间、对象、内容、重点", "fu-rule", "fur-plan", ()),
    ("联系不上改用其他方式", "fu-rule", "fur-switch-method", ()),
    ("书面记录与档案", "fu-rule", "fur-record-archive", ()),
    ("谁的问题谁处理", "fu-rule", "fur-fix-own-problem", ()),
    ("回访类别：满意度", "followup", "fu-satisfaction", ()),
    ("回访类别：欺诈性销售", "followup", "fu-mis-selling", ()),
    ("回访类别：投诉处理", "followup", "fu-complaint", ()),
    ("回访类别：风险管理服务", "followup", "fu-risk-service", ()),
    ("回访类别：消费保障工作", "followup", "fu-consumer-protection", ()),
    ("寿险回访：新单", "followup", "fu-life-new-policy", ()),
    ("寿险回访：代办", "followup", "fu-life-agency", ()),
    ("寿险回访：失效", "followup", "fu-life-lapse", ()),
    ("寿险回访：永久失效", "followup", "fu-life-permanent-lapse", ()),
    ("寿险回访：给付", "followup", "fu-life-benefit", ()),
    ("回访结果纳入绩效、年度评级与薪酬", "fu-rule", "fur-performance", ()),
    # penalties and rewards
    ("服务质量问题：轻", "tier", "tier-light", ()),
    ("服务质量问题：中", "tier", "tier-medium", ()),
    ("服务质量问题：重", "tier", "tier-heavy", ()),
    ("及时表扬", "reward", "reward-praise", ()),
    ("年度表彰或晋级依据", "reward", "reward-annual", ()),
    # metrics
    ("结案率", "term", "term-closing-rate", ()),
    ("失效率", "term", "term-lapse-rate", ()),
    ("退保率", "term", "term-surrender-rate", ()),
    ("投诉率", "term", "term-complaint-rate", ()),
    ("三快三慢", "term", "term-three-fast-three-slow", ()),
]


@pytest.mark.parametrize(("rule", "kind", "item_id", "words"), SEED, ids=[row[0] for row in SEED])
def test_seed_rule_is_in_the_model(model: Model, rule: str, kind: str, item_id: str, words: tuple[str, ...]) -> None:
    item = model.get(item_id, kind)
    assert item is not None, f"seed rule {rule!r}: no {kind} {item_id!r}"
    text = _text(item)
    for w in words:
        assert w in text, f"seed rule {rule!r}: {kind} {item_id!r} does not say {w!r}"


def test_seed_figures_are_in_the_deadlines(model: Model) -> None:
    # 5 working days to ask for missing material, counted from receipt
    assert _deadline(model.get("stage-request-materials")) == (5, "working_days", "ev-received")
    # a problem found in a follow-up: a satisfactory answer within 5 working days
    assert _deadline(model.get("std-followup-answer-5wd"))[:2] == (5, "working_days")
    # every channel the seed names is published
    assert all(c.get("published") is True for c in model.of("channel"))
    # three tiers, ordered light < medium < heavy, judged by the inspectors
    ranks = {t.id: t.get("rank") for t in model.of("tier")}
    assert ranks["tier-light"] < ranks["tier-medium"] < ranks["tier-heavy"]
    # (judged_by may list several judges, each for its own part of the unit tree: PEN006)
    named = model.files_of("penalties")[0].data.get("judged_by")
    judges = [model.get(j, "role") for j in (named if isinstance(named, list) else [named])]
    assert all(j is not None for j in judges) and any("督察" in j.title for j in judges if j is not None)
    # the penalties the seed names for poor follow-up results
    said = " ".join(_text(t) for t in model.of("tier"))
    for word in ("通报批评", "扣减绩效"):
        assert word in said


def test_the_seed_complaint_timeline_is_held_to_the_current_rule(model: Model) -> None:
    # the decision counts from receipt, on every path; the limits of the 2020 rule hold each path
    from handbook.timeline import results

    checked = {r.limit.id: r for r in results(model)}
    for limit in ("lim-2020-simple-15d", "lim-2020-complex-30d", "lim-2020-extended-60d"):
        r = checked[limit]
        assert r.paths and not r.overruns and not r.unbounded, limit
        assert all(p.stages[0].id == "stage-register" for p in r.paths)
