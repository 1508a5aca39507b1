"""The standards, penalties and follow-up pages show the v2 targets, points, floors and
fallbacks, with the labels of coded values taken from the schemas' x-labels."""

from __future__ import annotations

import pytest

from handbook.config import Config
from handbook.engine import run
from handbook.labels import Labels
from handbook.render.manual import PAGES, Manual
from handbook.resources import schemas_dir
from handbook.validation import SchemaSet

from conftest import make_set

HEADER = '''title: 测试
version: "1"
effective_date: "2026-01-01"
review_by: "2099-12-31"
owner: cs-head
'''

STANDARDS = "kind: standards\n" + HEADER + '''standards:
  - id: std-answer
    title: 回访发现问题5个工作日内答复
    category: follow_up
    requirement: 回访中发现的问题，5个工作日内给客户满意答复。
    target:
      type: deadline
      deadline: {amount: 5, unit: working_days, from: ev-received}
    owner: cs-agent
    applies_to: [cs-agent]
    implements: [int-reg.a1]
    breach: viol-late
  - id: std-call-20s
    title: 报案电话20秒内接通
    category: hotline
    requirement: 报案电话及时接通。
    channels: [ch-hotline]
    target: {type: percentile, share: 90, within: {amount: 20, unit: seconds}, of: 报案电话接通, per: month}
    owner: cs-agent
    implements: [int-reg.a1]
    breach: viol-late
  - id: std-abandon
    title: 呼入放弃率低于5%
    category: hotline
    requirement: 控制呼入放弃率。
    when: [cond-simple, cond-night]
    target: {type: rate, metric: 呼入放弃率, comparison: "<=", value: 5, per: quarter}
    owner: cs-agent
    implements: [int-reg.a1]
    breach: viol-late
  - id: std-plain
    title: 无类别的标准
    requirement: 一项没有类别的标准。
    owner: cs-agent
    implements: [int-reg.a1]
    breach: viol-late
'''

EVENTS = "kind: events\n" + HEADER + '''events:
  - id: ev-received
    name: 收到投诉
    party: 投诉人
  - id: ev-registered
    name: 登记完成
  - id: ev-decided
    name: 作出处理决定并告知投诉人
conditions:
  - id: cond-simple
    name: 事实清楚、争议简单
  - id: cond-night
    name: 夜间来电
'''

PENALTIES = "kind: penalties\n" + HEADER + '''tiers:
  - {id: tier-light, name: 轻, rank: 1, sanctions: [批评], points: 1}
  - {id: tier-heavy, name: 重, rank: 2, sanctions: [扣减绩效], points: 5}
violations:
  - {id: viol-late, title: 超时未处理, tier: tier-heavy}
  - {id: viol-late-twice, title: 多次超时, tier: tier-heavy, count: {times: 2, within: month}}
thresholds:
  - {id: th-month-6, points: 6, within: month, tier: tier-heavy}
floors:
  - {id: floor-limits, covers: regulatory_limit, at_least: tier-heavy}
'''

FOLLOWUPS = "kind: followups\n" + HEADER + '''methods:
  - id: fum-sms
    name: 短信回访
    owner: cs-agent
    fallback: fum-phone
  - id: fum-phone
    name: 电话回访
    owner: cs-agent
    channel: ch-hotline
    fallback: fum-letter
    retry: {attempts: 3, distinct_days: 2, spacing: {amount: 4, unit: hours}}
  - id: fum-letter
    name: 信函回访
    owner: cs-agent
    last_resort: true
  - id: fum-a
    name: 甲方式
    owner: cs-agent
    fallback: fum-b
  - id: fum-b
    name: 乙方式
    owner: cs-agent
    fallback: fum-a
kinds:
  - id: fu-satisfaction
    name: 服务满意度回访
    methods: [fum-sms]
    owner: cs-agent
    also: [cs-head]
    when: [cond-simple]
    record: 满意度与问题
    fallback: 改用信函回访
'''


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    overlay = tmp_path_factory.mktemp("overlay")
    for name, text in (("standards", STANDARDS), ("events", EVENTS), ("penalties", PENALTIES),
                       ("followups", FOLLOWUPS)):
        (overlay / f"{name}.yaml").write_text(text, encoding="utf-8")
    root = make_set(tmp_path_factory.mktemp("set") / "p", overlay)
    result = run(root, Config())
    assert result.model is not None
    assert not [p for p in result.problems if p.code in ("SCH001", "SCH002", "SCH003", "SCH004", "SCH005")]
    manual = Manual(result.model)
    # these three pages only, rendered as pages() renders them
    return {spec.src: manual.render(f"{spec.src}.j2", spec.src, **manual._context(spec))
            for spec in PAGES if spec.src in ("standards.md", "penalties.md", "followups.md")}


def test_percentile_and_rate_targets(pages: dict[str, str]) -> None:
    page = pages["standards.md"]
    assert "| 时限/目标 | 90% 的报案电话接通在 20 秒内完成（每月统计） |" in page
    assert "| 时限/目标 | 呼入放弃率 &lt;= 5%（每季度统计） |" in page
    assert "| 适用渠道 | [客服热线](complaints.md#ch-hotline) |" in page


def test_conditions_are_shown_by_their_names(pages: dict[str, str]) -> None:
    assert "| 适用条件 | 事实清楚、争议简单；夜间来电（须同时满足） |" in pages["standards.md"]
    assert "- 适用条件：事实清楚、争议简单\n" in pages["followups.md"]


def test_uncategorised_standards_come_after_the_categories(pages: dict[str, str]) -> None:
    page = pages["standards.md"]
    assert page.index("## 其他") > page.index("## 电话服务")
    assert page.index("### 无类别的标准") > page.index("## 其他")


def test_points_counts_thresholds_and_floors(pages: dict[str, str]) -> None:
    page = pages["penalties.md"]
    assert "| <span id=\"tier-heavy\"></span>**重** | 扣减绩效 | 5 |" in page
    assert "多次超时（每月累计2次）" in page
    assert "| <span id=\"th-month-6\"></span>每月 | 6 分 | [重](#tier-heavy) |" in page
    assert "违反监管时限的，处罚等级不低于“重”" in page
    # no judged_by, no rewards: nothing said about them
    assert "认定等级" not in page and "## 奖励" not in page


def test_retry_policy_and_fallback_order(pages: dict[str, str]) -> None:
    page = pages["followups.md"]
    assert "| 尝试3次、分布在2个不同日期、间隔至少4小时 |" in page
    sms = next(line for line in page.splitlines() if 'id="fum-sms"' in line)
    assert sms.endswith("| [电话回访](#fum-phone) → [信函回访](#fum-letter)（最后手段） |")
    letter = next(line for line in page.splitlines() if 'id="fum-letter"' in line)
    assert letter.endswith("| —（最后手段） |")
    # a loop is not drawn round again, and its end is no last resort
    a = next(line for line in page.splitlines() if 'id="fum-a"' in line)
    assert a.endswith("| [乙方式](#fum-b) |")
    assert "统筹管理" not in page  # no planner
    assert "- 负责岗位：[客户服务岗](roles/cs-agent.md)、[客服处负责人](roles/cs-head.md)\n" in page


def test_labels_come_from_the_schemas(pages: dict[str, str]) -> None:
    labels = Labels(SchemaSet(schemas_dir()))
    assert labels.label("standard", "target.per", "month") + "统计" in pages["standards.md"]
    assert labels.label("threshold", "within", "month") in pages["penalties.md"]
    assert labels.label("floor", "covers", "regulatory_limit") in pages["penalties.md"]
    assert "间隔至少4" + labels.label("method", "retry.spacing.unit", "hours") in pages["followups.md"]
