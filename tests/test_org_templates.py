"""Issue 11: an organisation of any depth. Post templates (per_unit) stand for one post in every unit
of their type ("<role>.<unit>"), reporting lines are checked against the unit tree, unit types are
open (built in or declared), and every post has its own page in the manual."""

from __future__ import annotations

import json
from pathlib import Path

from handbook.config import Config
from handbook.engine import run
from handbook.render.manual import Manual

from conftest import make_set, run_cli

HEADER = """kind: organisation
title: 组织架构（测试）
version: "1"
effective_date: "2026-01-01"
review_by: "2099-12-31"
owner: general-manager
head: general-manager
"""

# head office > province branch (east) > branch (sh) ; head office > branch (bj) > sub-branch (bj-cy)
UNITS = """units:
  - {id: unit-gm, name: 总经理室, type: executive}
  - {id: unit-cs, name: 客服处, type: division, parent: unit-gm}
  - {id: east, name: 华东省级分公司, type: province_branch, parent: unit-gm}
  - {id: sh, name: 上海分公司, type: branch, parent: east}
  - {id: bj, name: 北京分公司, type: branch, parent: unit-gm}
  - {id: bj-cy, name: 朝阳支公司, type: sub_branch, parent: bj}
"""

ROLES = """roles:
  - {id: general-manager, name: 总经理, unit: unit-gm, duties: [负最终责任], headcount: 1}
  - {id: cs-head, name: 客服处负责人, unit: unit-cs, reports_to: general-manager, duties: [统筹], headcount: 1}
  - {id: cs-agent, name: 客户服务岗, unit: unit-cs, reports_to: cs-head, duties: [受理], headcount: 3}
  - {id: inspector, name: 督察员, unit: unit-cs, reports_to: general-manager, duties: [认定]}
  - id: branch-gm
    name: 分公司总经理
    per_unit: branch
    reports_to: general-manager
    duties: [对本分公司客户服务工作全面负责]
  - id: branch-cs-lead
    name: 客服主管
    per_unit: branch
    reports_to: branch-gm
    duties: [管理本分公司客户服务工作]
  - id: sub-branch-lead
    name: 支公司经理
    per_unit: sub_branch
    reports_to: branch-cs-lead
    duties: [管理本支公司]
"""


def _set(tmp_path: Path, extra_roles: str = "", units: str = UNITS, header: str = HEADER) -> Path:
    root = make_set(tmp_path / "policies")
    (root / "organisation.yaml").write_text(header + units + ROLES + extra_roles, encoding="utf-8")
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_instances_and_templates_resolve_as_references(tmp_path: Path) -> None:
    root = _set(tmp_path)
    # a standard owned by one branch's post, followed by every branch's; a method owned by the template
    _replace(root / "standards.yaml", "    owner: cs-agent\n    applies_to: [cs-agent]\n",
             "    owner: branch-cs-lead.bj\n    applies_to: [cs-agent, branch-cs-lead, sub-branch-lead.bj-cy]\n")
    _replace(root / "followups.yaml", "    owner: cs-agent\n    record: 电话回访记录\n",
             "    owner: branch-cs-lead\n    record: 电话回访记录\n")
    # the branches' posts are judged from above them in the unit tree, not by the 客服处's inspector (PEN006)
    _replace(root / "penalties.yaml", "judged_by: inspector\n", "judged_by: [general-manager, inspector]\n")
    r = run_cli("check", str(root), "--format", "json")
    doc = json.loads(r.stdout)
    assert r.returncode == 0, r.stdout
    assert doc["problems"] == []
    # the posts a template stands for are not counted as items written in the files
    written = run_cli("check", str(make_set(tmp_path / "plain")), "--format", "json")
    # the base set's organisation has 2 units and 4 roles; this one 4 units and 3 templates more (not their 5 posts)
    assert doc["items"] == json.loads(written.stdout)["items"] + 7


def test_a_post_reporting_into_another_branch_is_an_error_naming_both_units(tmp_path: Path) -> None:
    root = _set(tmp_path, "  - id: bj-clerk\n    name: 北京单证岗\n    unit: bj\n    reports_to: branch-gm.sh\n"
                          "    duties: [管理单证]\n")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    line = _line_of(root / "organisation.yaml", "reports_to: branch-gm.sh")
    assert r.stdout.splitlines()[:-1] == [
        f"organisation.yaml:{line}:17: ORG001 'bj-clerk' (北京单证岗) in 'bj' (北京分公司) reports to 'branch-gm.sh' "
        "(分公司总经理（上海分公司）) in 'sh' (上海分公司), across into another unit of the same kind, 分公司: 'sh' "
        "(上海分公司) and its own 'bj' (北京分公司) are both 分公司; a post reports within its own unit, to a unit "
        "above it, or across to a unit of another kind under one above it (a head-office department)",
    ]


def test_a_branch_post_may_report_to_a_head_office_department_but_not_into_another_branch(tmp_path: Path) -> None:
    # the functional line (条线管理): every branch's 客服主管 reports to the head office's 客户服务部经理
    units = UNITS + "  - {id: ho-cs, name: 客户服务部, type: department, parent: unit-gm}\n"
    root = _set(tmp_path, "  - {id: ho-cs-manager, name: 客户服务部经理, unit: ho-cs, reports_to: general-manager, "
                          "duties: [管理客服条线]}\n"
                          "  - {id: bj-clerk, name: 北京单证岗, unit: bj, reports_to: branch-gm.sh, duties: [管理单证]}\n",
                units=units)
    _replace(root / "organisation.yaml", "    per_unit: branch\n    reports_to: branch-gm\n",
             "    per_unit: branch\n    reports_to: ho-cs-manager\n")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    # the 北京 post that reports to the 上海 general manager stays refused, and says why; the 客服主管 are not named
    [problem, _summary] = r.stdout.splitlines()
    assert problem.startswith(f"organisation.yaml:{_line_of(root / 'organisation.yaml', 'reports_to: branch-gm.sh')}"
                              ":")
    assert "'bj-clerk' (北京单证岗) in 'bj' (北京分公司)" in problem and "in 'sh' (上海分公司)" in problem
    assert "another unit of the same kind, 分公司" in problem
    zh = run_cli("--lang", "zh_CN", "check", str(root))
    assert "同类的另一机构（分公司）" in zh.stdout


def test_a_template_reporting_to_a_template_fails_where_no_post_is_above(tmp_path: Path) -> None:
    # branch-gm reports to the province general manager: sh has one above it, bj has none
    root = _set(tmp_path, "  - {id: province-gm, name: 省级分公司总经理, per_unit: province_branch, "
                          "reports_to: general-manager, duties: [管理本省]}\n")
    _replace(root / "organisation.yaml", "    per_unit: branch\n    reports_to: general-manager\n",
             "    per_unit: branch\n    reports_to: province-gm\n")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    line = _line_of(root / "organisation.yaml", "reports_to: province-gm")
    [problem, summary] = r.stdout.splitlines()
    assert problem == (f"organisation.yaml:{line}:17: ORG001 'branch-gm.bj' (分公司总经理（北京分公司）) reports to "
                       "'province-gm' (省级分公司总经理), a post template with no post in 'bj' (北京分公司) or a unit "
                       "above it: the line has nobody at its end")
    assert summary.startswith("1 error")


def test_a_loop_between_templates_is_named_by_its_posts_once(tmp_path: Path) -> None:
    root = _set(tmp_path)
    _replace(root / "organisation.yaml", "    per_unit: branch\n    reports_to: general-manager\n",
             "    per_unit: branch\n    reports_to: branch-cs-lead\n")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    loops = [line for line in r.stdout.splitlines() if "cycle" in line]
    assert loops == [f"organisation.yaml:{_line_of(root / 'organisation.yaml', 'reports_to: branch-cs-lead')}:17: "
                     "ORG001 reporting lines form a cycle: branch-gm.sh → branch-cs-lead.sh → branch-gm.sh"]
    # bj's posts loop too, at the same place in the file: one finding, naming the posts of the first branch


def test_an_unknown_unit_type_is_an_error_and_a_declared_one_is_not(tmp_path: Path) -> None:
    units = UNITS + "  - {id: bj-sales, name: 北京东城营业部, type: sales-office, parent: bj}\n"
    root = _set(tmp_path, units=units)
    r = run_cli("check", str(root))
    assert r.returncode == 1
    line = _line_of(root / "organisation.yaml", "sales-office")
    assert r.stdout.splitlines()[0] == (
        f"organisation.yaml:{line}:41: ORG002 unit 'bj-sales' (北京东城营业部) has type 'sales-office', which is "
        "neither a common unit type nor declared in unit_types; declare it in unit_types (id and name) or use a "
        "common type (head_office, executive, province_branch, branch, sub_branch, department, division, centre, "
        "team, seat_group, group)")
    declared = _set(tmp_path / "declared", units=units,
                    header=HEADER + "unit_types:\n  - {id: sales-office, name: 营业部}\n")
    ok = run_cli("check", str(declared))
    assert ok.returncode == 0, ok.stdout


def test_a_template_with_no_unit_of_its_type_warns(tmp_path: Path) -> None:
    root = _set(tmp_path, "  - {id: seat-leader, name: 坐席组长, per_unit: seat_group, reports_to: general-manager, "
                          "duties: [带领坐席组]}\n")
    r = run_cli("check", str(root))
    assert r.returncode == 0
    assert "ORG003 warning: post template 'seat-leader' (坐席组长) has no post: no unit is of type 'seat_group' (坐席组)" \
        in r.stdout
    assert run_cli("check", "--strict", str(root)).returncode == 1


def test_an_instance_id_that_another_item_has_is_a_duplicate(tmp_path: Path) -> None:
    root = _set(tmp_path, "  - {id: branch-cs-lead.bj, name: 北京客服主管, unit: bj, reports_to: general-manager, "
                          "duties: [管理]}\n")
    r = run_cli("check", str(root))
    assert r.returncode == 1
    dup = [line for line in r.stdout.splitlines() if " REF002 " in line]
    assert len(dup) == 2 and all("id 'branch-cs-lead.bj' is also used by role" in line for line in dup)


def test_each_post_has_a_page_naming_its_unit_and_the_template_lists_them(tmp_path: Path) -> None:
    root = _set(tmp_path)
    _replace(root / "standards.yaml", "    owner: cs-agent\n", "    owner: branch-cs-lead\n")
    (root / "organisation.yaml").write_text(
        (root / "organisation.yaml").read_text(encoding="utf-8").replace(
            "units:\n", "unit_types:\n  - {id: branch, name: 中心支公司}\nunits:\n", 1), encoding="utf-8")
    result = run(root, Config())
    assert result.model is not None
    pages = {p.src: p for p in Manual(result.model).pages()}
    bj = pages["roles/branch-cs-lead.bj.md"]
    assert bj.title == "客服主管（北京分公司）"
    assert "| 所属机构 | [北京分公司](../org.md#bj) |" in bj.markdown
    assert "| 直接上级 | [分公司总经理（北京分公司）](branch-gm.bj.md) |" in bj.markdown
    assert "| 直接下级 | [支公司经理（朝阳支公司）](sub-branch-lead.bj-cy.md) |" in bj.markdown
    assert "[回访发现问题5个工作日内答复](../standards.md#std-answer)" in bj.markdown  # the template's standard
    assert "roles/branch-cs-lead.sh.md" in pages
    template = pages["roles/branch-cs-lead.md"]
    # the declared name of a unit type wins over the schema's label (分公司)
    assert template.title == "各中心支公司的客服主管"
    assert "| [北京分公司](../org.md#bj) | [客服主管（北京分公司）](branch-cs-lead.bj.md) |" in template.markdown
    assert "[回访发现问题5个工作日内答复](../standards.md#std-answer)" in template.markdown
    # elsewhere the template is named for what it is: the post of every branch
    assert "[各中心支公司的客服主管](roles/branch-cs-lead.md)" in pages["standards.md"].markdown
    org = pages["org.md"].markdown
    assert "        - **[朝阳支公司](#bj-cy)**（支公司）：[支公司经理](roles/sub-branch-lead.bj-cy.md)" in org
    assert "    - **[北京分公司](#bj)**（中心支公司）：[分公司总经理](roles/branch-gm.bj.md)、" in org
