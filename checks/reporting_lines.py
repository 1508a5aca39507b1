"""汇报关系必须构成一棵树 Reporting lines form one tree

## What it does
Follows every role's `reports_to` up to the organisation's `head` (the general
manager) and reports: a role with no `reports_to` that is not the head (an
orphan, a second root), a head that reports to someone, and a cycle (a role that
ends up reporting to itself). Units' `parent` chains are followed the same way:
a unit that is its own parent, or whose parents loop, is reported.

## Why
Accountability in the regulation runs from the general manager down ("总经理负
最终责任"). A role outside that tree has nobody to escalate to, and a cycle means
nobody is finally responsible.

## Example
```yaml
head: general-manager
roles:
  - id: cs-division-head
    reports_to: cs-manager
  - id: cs-manager
    reports_to: cs-division-head
```

## Use instead
```yaml
roles:
  - id: cs-division-head
    reports_to: ops-dept-head
  - id: cs-manager
    reports_to: cs-division-head
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "ORG001"
NAME = "reporting-lines"
TITLE = "汇报关系必须构成一棵树 Reporting lines form one tree"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    heads = {f.data.get("head") for f in model.files_of("organisation")}
    roles = {r.id: r for r in model.of("role")}
    for role in roles.values():
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
    yield from _cycles(roles, "reports_to", _("reporting lines form a cycle: {path}"))
    yield from _cycles({u.id: u for u in model.of("unit")}, "parent", _("units' parent chain forms a cycle: {path}"))


def _cycles(items: dict[str, Any], up: str, message: str) -> Iterator[Finding]:
    """Walk up ``up`` from each item; report each cycle once, at its first item in file order
    (an item that is its own parent is a cycle of one). ``message`` (translated) has a ``{path}``."""
    reported: set[str] = set()
    for start in items.values():
        chain: list[str] = []
        on_chain: set[str] = set()
        cur: str | None = start.id
        while cur is not None and cur in items and cur not in on_chain:
            if cur in reported:
                break
            chain.append(cur)
            on_chain.add(cur)
            cur = items[cur].get(up)
        if cur is not None and cur in on_chain:
            cycle = chain[chain.index(cur):]
            reported.update(cycle)
            first = min((items[c] for c in cycle), key=lambda r: r.pos())
            line, col = first.pos(up)
            path = " → ".join(cycle[cycle.index(first.id):] + cycle[: cycle.index(first.id)] + [first.id])
            yield Finding(first.path, line, col, message.format(path=path), item=first.id)
        reported.update(chain)
