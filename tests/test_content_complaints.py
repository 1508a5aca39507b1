"""Issue 12.3, 12.4, 12.5 and 12.9: who may complain and the words of the 2020 rule, the 2020 rule's
duties as data the traceability check sees, the named sources of the new-policy follow-up, and
placeholder contact data (CHN003, or a sample company the manual names on every page).

Read through the real CLI and the rendered pages, the way a compliance officer meets them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from handbook.config import Config
from handbook.engine import run
from handbook.mkdocs_plugin import HandbookPlugin
from handbook.model import Item, Model
from handbook.render.manual import Manual
from handbook.render.sample import NOTICE_TITLE, with_notice
from handbook.resources import shipped_policies

from conftest import run_cli

NEW_DUTIES = ("cbirc-2020-3.publication", "cbirc-2020-3.reception-area", "cbirc-2020-3.senior-manager")


@pytest.fixture(scope="module")
def pages(model: Model) -> dict[str, str]:
    return {p.src: p.markdown for p in Manual(model).pages()}


def _line(page: str, anchor: str) -> str:
    return next(x for x in page.splitlines() if f'id="{anchor}"' in x)


def _text(v: Any) -> str:
    if isinstance(v, dict):
        return " ".join(_text(x) for x in v.values())
    if isinstance(v, list):
        return " ".join(_text(x) for x in v)
    return "" if v is None else str(v)


def _shipped_copy(tmp_path: Path) -> Path:
    root = tmp_path / "policies"
    shutil.copytree(shipped_policies(), root, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return root


def _edit(f: Path, old: str, new: str, count: int = 1) -> None:
    text = f.read_text(encoding="utf-8")
    assert text.count(old) == count, (f, old)
    f.write_text(text.replace(old, new), encoding="utf-8")


# -- 12.3: who may complain; 可以不予办理; merged, not refused; 核查 -------------------------------
def test_the_ground_names_the_legal_representative_and_may_decline(model: Model, pages: dict[str, str]) -> None:
    page = pages["complaints.md"]
    ground = _line(page, "ground-not-consumer")
    assert "法定代理人" in ground and "受托人" in ground and "继承人" in ground
    assert "可以不予办理" in ground and "不予受理" not in ground
    # it cites the 2020 rule's article, whose own words are "可以不予办理"
    assert "cbirc-2020-3.standing" in model.get("ground-not-consumer").get("implements")
    article = model.get("cbirc-2020-3.standing")
    assert "可以不予办理" in article.get("text") and article.get("confidence") == "likely"
    # the register stage receives complaints from the legal representative too
    register = page[page.index("### 投诉登记"):]
    assert "法定代理人" in register[:register.index("\n### ")]
    # the triage row says the same, with the outcome the 2020 rule gives (may decline, not refuse)
    row = _line(page, "triage-not-standing")
    assert "可以不予办理" in row and "法定代理人" in row and "可以不予办理，并告知投诉提出人 |" in row


def test_a_repeat_complaint_in_the_period_is_merged_not_refused(pages: dict[str, str]) -> None:
    page = pages["complaints.md"]
    # not among the grounds for refusing at all: only a triage outcome
    assert "ground-repeat-in-period" not in page
    merge = _line(page, "triage-repeat-merge")
    assert "合并处理" in merge and "重新计算" in merge and merge.endswith("| 并入原投诉合并处理 |")
    assert "处理期限内" not in _line(page, "triage-art15")  # no longer a ground for refusing


def _repealed(item: Item) -> bool:
    source = item
    while source.parent is not None:
        source = source.parent
    return source.kind == "source" and source.get("status") == "repealed"


def _fuhe(text: str) -> list[str]:
    # "答复核查" (answer a 核查 request) holds the letters by accident; "复核审批" is the claims
    # process's approval step (seed wording), not the complaint review
    text = text.replace("答复核查", "").replace("复核审批", "")
    return [text[max(0, m.start() - 20):m.end() + 10] for m in re.finditer("复核", text)]


def test_nothing_current_calls_the_higher_level_review_fuhe(model: Model, pages: dict[str, str]) -> None:
    found = [(i.kind, i.id, s) for i in model.items.values() if not _repealed(i) for s in _fuhe(_text(i.data))]
    assert found == []
    for f in model.files:
        assert _fuhe(_text(f.data.get("description"))) == [], f.path
    assert _fuhe(pages["complaints.md"]) == []
    assert "### 上级机构核查" in pages["complaints.md"]
    # the repealed 2013 rule keeps its own word
    assert "复核" in model.get("circ-2013-8.review").get("text")


# -- 12.4: the 2020 rule's duties are data the traceability check sees ----------------------------
def test_trace_has_no_gap_and_lists_the_new_duties_with_their_implementers() -> None:
    gaps = run_cli("trace", "--gaps", str(shipped_policies()))
    assert gaps.returncode == 0, gaps.stdout + gaps.stderr
    table = run_cli("trace", str(shipped_policies())).stdout
    blocks = {b.split()[0]: b for b in re.split(r"\n(?=\S)", table) if b.strip()}
    assert "channel ch-reception" in blocks["cbirc-2020-3.reception-area"]
    assert "role ops-dept-head" in blocks["cbirc-2020-3.senior-manager"]
    for ch in ("ch-hotline", "ch-fax", "ch-letter", "ch-reception", "ch-email", "ch-online"):
        assert f"channel {ch}" in blocks["cbirc-2020-3.publication"], ch


@pytest.mark.parametrize("article", NEW_DUTIES)
def test_a_duty_nobody_holds_is_a_gap(tmp_path: Path, article: str) -> None:
    root = _shipped_copy(tmp_path)
    cited = re.compile(rf"(?<=[\[ ]){re.escape(article)}(?:, |(?=\]))")
    for f in root.glob("*.yaml"):
        if f.name != "regulations.yaml":
            f.write_text(cited.sub("", f.read_text(encoding="utf-8")).replace(", ]", "]"), encoding="utf-8")
    r = run_cli("trace", "--gaps", str(root))
    assert r.returncode == 1 and article in r.stdout, r.stdout + r.stderr


def test_the_channels_say_where_they_are_published_and_the_reception_records(model: Model,
                                                                               pages: dict[str, str]) -> None:
    for ch in model.of("channel"):
        assert set(ch.get("published_in")) >= {"website", "app", "premises", "contract"}, ch.id
        assert "cbirc-2020-3.publication" in ch.get("required_by"), ch.id
    reception = model.get("ch-reception")
    assert reception.get("recorded") is True and "cbirc-2020-3.reception-area" in reception.get("required_by")
    row = _line(pages["complaints.md"], "ch-reception")
    assert "公司官网、手机应用、营业场所、保险合同或产品资料" in row
    assert row.rstrip().endswith("| 是 |")  # recorded
    assert "接待过程录音录像" in pages["complaints.md"]
    duty = "分管消费投诉处理工作的高级管理人员"
    assert duty in pages["roles/ops-dept-head.md"]
    for a in NEW_DUTIES:
        art = model.get(a)
        assert art.get("binding") is True and art.get("confidence") == "confirmed" and not art.get("number")
        # the unverified number is the editors' to see (the source's note), not in the text staff read
        assert "条号未经核实" in art.parent.get("note") and "核实" not in art.get("text")


# -- 12.5: the new-policy follow-up cites its two named sources ----------------------------------
def test_the_new_policy_follow_up_cites_named_sources(model: Model) -> None:
    sources = {"circ-2010-4": "保监会令2010年第4号", "nfra-2023-2": "国家金融监督管理总局令2023年第2号"}
    for item_id in ("fu-life-new-policy", "fur-new-policy-in-cooling-off"):
        cited = {model.get(a).parent.id for a in model.get(item_id).get("implements") if model.get(a).parent}
        assert set(sources) <= cited, item_id
    for sid, number in sources.items():
        src = model.get(sid, "source")
        assert src.get("number") == number and src.get("confidence") == "likely" and src.get("status") == "current"
    # the figure stays marked check
    assert model.get("lim-life-cooling-off-15d").get("confidence") == "check"
    assert model.get("lim-life-cooling-off-15d").parent.id == "circ-2010-4.new-policy-callback"
    # no rule rests on an unnamed source any more
    assert model.get("life-cooling-off") is None
    for s in model.of("source"):
        assert s.get("number") or s.get("type") in ("internal", "law") or s.id == "svc-eval", s.id


# -- 12.9: placeholder contacts --------------------------------------------------------------------
def test_the_shipped_set_says_it_is_a_sample_and_passes() -> None:
    r = run_cli("check", str(shipped_policies()))
    assert r.returncode == 0 and " CHN003 " not in r.stdout, r.stdout + r.stderr


def test_placeholders_fail_once_the_set_no_longer_says_sample(tmp_path: Path) -> None:
    root = _shipped_copy(tmp_path)
    _edit(root / "organisation.yaml", "\nsample: true\n", "\n")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    found = [x for x in r.stdout.splitlines() if " CHN003 " in x]
    for ch in ("ch-hotline", "ch-fax", "ch-letter", "ch-reception", "ch-email", "ch-online"):
        assert any(f"'{ch}'" in x for x in found), (ch, r.stdout)
    assert any("complaints@example.com" in x and "'example.com'" in x for x in found)


def test_a_placeholder_option_of_ones_own(policy_set: Path, tmp_path: Path) -> None:
    _edit(policy_set / "complaints.yaml", 'contact: {phone: "95500"}', 'contact: {phone: "95500-暂缺"}')
    assert " CHN003 " not in run_cli("check", str(policy_set)).stdout  # not a default pattern
    config = tmp_path / "handbook.toml"
    config.write_text('[rules.CHN003]\nplaceholders = ["暂缺", "[unclosed"]\n', encoding="utf-8")
    r = run_cli("check", "--config", str(config), str(policy_set))
    found = [x for x in r.stdout.splitlines() if " CHN003 " in x]
    assert len(found) == 1 and "'ch-hotline'" in found[0] and "'暂缺'" in found[0], r.stdout + r.stderr


def test_the_manual_says_sample_on_the_home_page_and_at_the_channels(pages: dict[str, str]) -> None:
    assert "示例公司" in pages["index.md"]
    channels = pages["complaints.md"][pages["complaints.md"].index("## 投诉渠道"):]
    channels = channels[:channels.index("\n## ", 1)]
    assert "示例" in channels.split("| 渠道 |")[0]  # the note above the table
    assert "| 是（示例） |" in _line(channels, "ch-hotline")


def test_every_page_of_a_sample_company_carries_the_notice(model: Model) -> None:
    plugin = HandbookPlugin()
    plugin.result = run(shipped_policies(), Config())
    plugin.manual = Manual(model)
    for src, markdown in (("guide.md", "# 使用指南\n\n正文。\n"), ("roles/cs-agent.md", "# 客户服务岗\n\n职责。\n")):
        page: Any = SimpleNamespace(file=SimpleNamespace(src_uri=src))
        out = plugin.on_page_markdown(markdown, page=page, config=None, files=None)  # type: ignore[arg-type]
        assert out.startswith("# ") and NOTICE_TITLE in out.split("正文")[0].split("职责")[0], out
        assert "示例" in out
    assert with_notice("正文\n").startswith("!!! warning")


def test_a_real_company_has_no_notice(tmp_path: Path) -> None:
    root = _shipped_copy(tmp_path)
    _edit(root / "organisation.yaml", "\nsample: true\n", "\n")
    result = run(root, Config())
    assert result.model is not None
    pages = {p.src: p.markdown for p in Manual(result.model).pages()}
    assert "示例公司" not in pages["index.md"]
    assert "| 是（示例） |" not in pages["complaints.md"]
    plugin = HandbookPlugin()
    plugin.result, plugin.manual = result, Manual(result.model)
    page: Any = SimpleNamespace(file=SimpleNamespace(src_uri="guide.md"))
    assert plugin.on_page_markdown("# 指南\n", page=page, config=None, files=None) == "# 指南\n"  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["4000000000", "010-00000000", "400-XXX-XXXX", "95500（待定）", "TBD",
                                   "某省某市某区某路1号", "kefu@example.cn", "xxx@company.cn", "cs@insurer.test"])
def test_common_placeholders_are_caught(policy_set: Path, value: str) -> None:
    """The review's list of placeholders the first patterns missed."""
    _edit(policy_set / "complaints.yaml", 'contact: {phone: "95500"}', f'contact: {{phone: "{value}"}}')
    found = [x for x in run_cli("check", str(policy_set)).stdout.splitlines() if " CHN003 " in x]
    assert len(found) == 1 and "'ch-hotline'" in found[0], found


@pytest.mark.parametrize("value", ["010-80000000", "95500", "400-800-1000", "邮编100000"])
def test_real_numbers_are_not_placeholders(policy_set: Path, value: str) -> None:
    _edit(policy_set / "complaints.yaml", 'contact: {phone: "95500"}', f'contact: {{phone: "{value}"}}')
    assert " CHN003 " not in run_cli("check", str(policy_set)).stdout
