"""处罚等级须有序且完整 Penalty tiers ordered and complete

## What it does
Checks the penalty tiers: ranks strictly increase in the order the
tiers are listed, start at 1 and leave no gap, and every tier names at least one
sanction. (A tier no violation uses is PEN002.)

## Why
Inspectors judge a breach by tier; tiers out of order or with a gap make the
same breach heavier in one reading than in another.

## Example
```yaml
tiers:
  - {id: tier-1, name: 等级一, rank: 1, sanctions: [批评]}
  - {id: tier-3, name: 等级三, rank: 3, sanctions: [扣减绩效]}
  - {id: tier-2, name: 等级二, rank: 2, sanctions: [通报批评]}
```

## Use instead
```yaml
tiers:
  - {id: tier-1, name: 等级一, rank: 1, sanctions: [批评]}
  - {id: tier-2, name: 等级二, rank: 2, sanctions: [通报批评]}
  - {id: tier-3, name: 等级三, rank: 3, sanctions: [扣减绩效]}
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

CODE = "PEN001"
NAME = "penalty-tiers"
TITLE = "处罚等级须有序且完整 Penalty tiers ordered and complete"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    tiers = [t for t in model.of("tier") if isinstance(t.get("rank"), int)]
    expected = 1
    prev = None
    for t in tiers:
        rank = t.get("rank")
        line, col = t.pos("rank")
        if prev is not None and rank <= prev.get("rank"):
            yield Finding(t.path, line, col,
                          _("tier '{id}' ({title}) has rank {rank}, not above '{previous}' ({previous_title}, rank "
                            "{previous_rank}): list tiers from lightest to heaviest").format(
                              id=t.id, title=t.title, rank=rank, previous=prev.id, previous_title=prev.title,
                              previous_rank=prev.get("rank")),
                          item=t.id)
        elif rank != expected:
            yield Finding(t.path, line, col,
                          _("tier '{id}' has rank {rank}, expected {expected}: ranks start at 1 and leave no "
                            "gap").format(id=t.id, rank=rank, expected=expected), item=t.id)
        expected = max(expected, rank) + 1
        prev = t
        if not t.get("sanctions"):
            yield Finding(t.path, *t.pos(), _("tier '{id}' names no sanction").format(id=t.id), item=t.id)
