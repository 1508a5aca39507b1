"""汇报关系必须构成一棵树 Reporting lines form one tree

## What it does
Follows every post's `reports_to` up to the organisation's `head` (the general
manager) and reports: a post with no `reports_to` that is not the head (an
orphan, a second root), a head that reports to someone, and a cycle (a post that
ends up reporting to itself). Units' `parent` chains are followed too: a unit
that is its own parent, or whose parents loop, is reported.

Where a post's line may go, in the unit tree:

- within its own unit, or to a unit above it;
- across, into a unit under one of the units above it (their common ancestor),
  provided no unit on the boss's side below the common ancestor has the same
  type as a unit on the post's own side below it. A branch's 客服主管 may report
  to the head office's 客户服务部经理 (a 分公司 on one side, a 部门 on the
  other: the functional line, 条线管理); a 北京 post may not report to the 上海
  general manager (a 分公司 on both sides: another branch), nor a 朝阳支公司
  post to the 海淀支公司, nor one seat group's agent to another seat group's
  leader.

A line into another unit of the same kind is reported with both units and the
kind they share; a line down into a unit under the post's own, or into units
with no unit above them in common, is reported with both units. A post template (`per_unit`) is checked
in each of its posts: a template it reports to resolves in the post's own unit
first, then up the unit tree, and a post where it finds none is named.

## Why
Accountability in the regulation runs from the general manager down
("总经理负最终责任"). A role outside that tree has nobody to escalate to, and a cycle means
nobody is finally responsible. A post that reports into another branch answers to
someone who is not accountable for its branch; a head-office department that
steers the same work in every branch is: that line is the usual one.

## Example
```yaml
head: gm
units:
  - {id: unit-gm, name: 总公司, type: head_office}
  - {id: unit-sh, name: 上海分公司, type: branch, parent: unit-gm}
  - {id: unit-bj, name: 北京分公司, type: branch, parent: unit-gm}
roles:
  - id: division-head
    reports_to: manager
  - id: manager
    reports_to: division-head
  - id: bj-service-lead
    unit: unit-bj
    reports_to: sh-gm  # unit-sh: another 分公司
```

## Use instead
```yaml
units:
  - {id: unit-customer-dept, name: 客户服务部, type: department, parent: unit-gm}
roles:
  - id: division-head
    reports_to: dept-head
  - id: manager
    reports_to: division-head
  - id: dept-manager
    unit: unit-customer-dept
    reports_to: gm
  - id: branch-service-lead
    per_unit: branch
    reports_to: dept-manager  # unit-customer-dept: a head-office department (条线管理)
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.liability import posts_of
from handbook.orgtree import is_template
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Item, Model
    from handbook.orgtree import OrgTree

CODE = "ORG001"
NAME = "reporting-lines"
TITLE = "汇报关系必须构成一棵树 Reporting lines form one tree"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    heads = {f.data.get("head") for f in model.files_of("organisation")}
    org = model.org()
    for role in model.of("role"):
        boss = role.get("reports_to")
        if role.id in heads:
            if boss is not None:
                line, col = role.pos("reports_to")
                yield Finding(role.path, line, col,
                              _("'{id}' is the head of the organisation and cannot report to '{boss}'").format(
                                  id=role.id, boss=boss), item=role.id)
            continue
        if boss is None:
            line, col = role.pos()
            declared = ", ".join(sorted(h for h in heads if h)) or _("none declared")
            yield Finding(role.path, line, col,
                          _("role '{id}' ({title}) reports to nobody: only the head ({heads}) may; add "
                            "reports_to").format(id=role.id, title=role.title, heads=declared), item=role.id)
            continue
        for post in posts_of(model, role.id):
            yield from _line(model, org, post, boss)
    # the posts themselves (single posts and the templates' instances), each to the post its line resolves to
    posts = {r.id: r for r in model.of("role") if not is_template(r)}
    posts.update((i.id, i) for i in model.instances)
    bosses = {p.id: b.id for p in posts.values() if (b := org.boss(p)) is not None}
    seen: set[tuple[str, int, int]] = set()
    for f in cycles(posts, "reports_to", _("reporting lines form a cycle: {path}"), bosses.get):
        if (f.path, f.line, f.column) not in seen:  # a template's loop once (for its first post), not per unit
            seen.add((f.path, f.line, f.column))
            yield f
    yield from cycles({u.id: u for u in model.of("unit")}, "parent", _("units' parent chain forms a cycle: {path}"))


def _line(model: Model, org: OrgTree, post: Item, boss_id: Any) -> Iterator[Finding]:
    """The reporting line of one post (a single post or a template's instance): the post it
    names is in the post's own unit, a unit above it, or a unit across under a common ancestor
    whose side of the tree has no unit of a type the post's side has; a template named must
    have a post in the post's unit or above it."""
    boss = model.get(boss_id, "role")
    unit = org.unit_of(post)
    if boss is None or unit is None:
        return  # an unknown role or unit: REF001 reports it
    line, col = post.pos("reports_to")
    if is_template(boss):
        if org.resolve(boss.id, unit.id) is None:
            yield Finding(post.path, line, col,
                          _("'{id}' ({title}) reports to '{boss}' ({boss_title}), a post template with no post in "
                            "'{unit}' ({unit_title}) or a unit above it: the line has nobody at its end").format(
                              id=post.id, title=post.title, boss=boss.id, boss_title=boss.title, unit=unit.id,
                              unit_title=unit.title), item=post.id)
        return
    boss_unit = org.unit_of(boss)
    if boss_unit is None or boss_unit.id in org.chain(unit.id):
        return  # its own unit or a unit above it
    names = {"id": post.id, "title": post.title, "unit": unit.id, "unit_title": unit.title, "boss": boss.id,
             "boss_title": boss.title, "boss_unit": boss_unit.id, "boss_unit_title": boss_unit.title}
    top = org.common_ancestor(unit.id, boss_unit.id)
    if top is None:
        yield Finding(post.path, line, col,
                      _("'{id}' ({title}) in '{unit}' ({unit_title}) reports to '{boss}' ({boss_title}) in "
                        "'{boss_unit}' ({boss_unit_title}), which is neither its own unit, nor a unit above it, "
                        "nor under one above it: the two units have no unit above them in common")
                      .format(**names), item=post.id)
        return
    if top == unit.id:
        yield Finding(post.path, line, col,
                      _("'{id}' ({title}) in '{unit}' ({unit_title}) reports to '{boss}' ({boss_title}) in "
                        "'{boss_unit}' ({boss_unit_title}), a unit under its own: a line runs up the unit tree "
                        "or across it, not down").format(**names), item=post.id)
        return
    clash = org.same_kind_across(unit.id, boss_unit.id)
    if clash is not None:
        other, own = clash
        yield Finding(post.path, line, col,
                      _("'{id}' ({title}) in '{unit}' ({unit_title}) reports to '{boss}' ({boss_title}) in "
                        "'{boss_unit}' ({boss_unit_title}), across into another unit of the same kind, {kind}: "
                        "'{other}' ({other_title}) and its own '{own}' ({own_title}) are both {kind}; a post "
                        "reports within its own unit, to a unit above it, or across to a unit of another kind "
                        "under one above it (a head-office department)").format(
                          kind=org.type_label(other.data.get("type")), other=other.id, other_title=other.title,
                          own=own.id, own_title=own.title, **names), item=post.id)


def cycles(items: dict[str, Any], up: str, message: str,
           follow: Callable[[str], Any] | None = None, shortest: int = 1) -> Iterator[Finding]:
    """Walk up ``up`` from each item (or by ``follow``, item id -> the next id); report each cycle
    of at least ``shortest`` items once, at its first item in file order (an item that is its own
    parent is a cycle of one). ``message`` (translated) has a ``{path}``. Also FUP002's loops of
    fallback methods."""
    step = follow or (lambda cur: items[cur].get(up))
    reported: set[str] = set()
    for start in items.values():
        chain: list[str] = []
        on_chain: set[str] = set()
        cur: str | None = start.id
        while isinstance(cur, str) and cur in items and cur not in on_chain:
            if cur in reported:
                break
            chain.append(cur)
            on_chain.add(cur)
            cur = step(cur)
        if isinstance(cur, str) and cur in on_chain and len(chain) - chain.index(cur) >= shortest:
            cycle = chain[chain.index(cur):]
            reported.update(cycle)
            first = min((items[c] for c in cycle), key=lambda r: r.pos())
            line, col = first.pos(up)
            path = " → ".join(cycle[cycle.index(first.id):] + cycle[: cycle.index(first.id)] + [first.id])
            yield Finding(first.path, line, col, message.format(path=path), item=first.id)
        reported.update(chain)
