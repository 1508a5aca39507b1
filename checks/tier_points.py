"""积分制须覆盖每个处罚等级 Every tier has points, or none

## What it does
When any penalty tier gives points (`points`), reports every tier that gives
none.

## Why
Under a points scheme a breach of a tier without points counts nothing towards
the thresholds, so a heavier breach can weigh less than a light one.

## Example
```yaml
tiers:
  - {id: tier-light, name: 轻, rank: 1, points: 1}
  - {id: tier-heavy, name: 重, rank: 2}
```

## Use instead
```yaml
tiers:
  - {id: tier-light, name: 轻, rank: 1, points: 1}
  - {id: tier-heavy, name: 重, rank: 2, points: 5}
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

CODE = "PEN005"
NAME = "tier-points"
TITLE = "积分制须覆盖每个处罚等级 Every tier has points, or none"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    tiers = model.of("tier")
    with_points = [t.id for t in tiers if t.get("points") is not None]
    if not with_points:
        return
    for t in tiers:
        if t.get("points") is None:
            yield Finding(t.path, *t.pos(),
                          _("tier '{id}' ({title}) gives no points, though other tiers do ({others}): under a points "
                            "scheme every tier needs points; add points").format(
                              id=t.id, title=t.title, others=", ".join(with_points)), item=t.id)
