"""没有违规行为使用的处罚等级 Unused penalty tier

## What it does
Reports a penalty tier that no violation in the catalogue maps to, and a
violation that no standard, stage or requirement names as its breach.

## Why
An unused tier is a sanction nobody can receive, usually a sign that the
catalogue is incomplete; an unused violation is a penalty with no rule behind it.

## Example
```yaml
tiers:
  - {id: tier-3, name: 等级三, rank: 3, sanctions: [扣减绩效]}
violations: []      # nothing is heavy
```

## Use instead
```yaml
violations:
  - {id: viol-fraud-selling, title: 欺诈性销售, tier: tier-3}
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

CODE = "PEN002"
NAME = "unused-tier"
TITLE = "没有违规行为使用的处罚等级 Unused penalty tier"
SEVERITY = "warning"
# the violations or standards that use a tier may be in a file that could not be read: while one cannot be read,
# the engine withholds its findings (FIL006)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for tier in model.of("tier"):
        if not any(r.kind == "tier" for r in model.refs_to(tier.id)):
            yield Finding(tier.path, *tier.pos(), _("no violation maps to tier '{id}' ({title})").format(
                id=tier.id, title=tier.title), item=tier.id)
    for v in model.of("violation"):
        if not any(r.kind == "violation" for r in model.refs_to(v.id)):
            yield Finding(v.path, *v.pos(),
                          _("violation '{id}' ({title}) is not the breach of any standard, stage or "
                            "requirement").format(id=v.id, title=v.title), item=v.id)
