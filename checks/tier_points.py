"""积分制须覆盖每个处罚等级且逐级加重 Tier points: every tier, rising with rank

## What it does
Checks the points the penalty tiers give (`points`). A tier gives points when
it has the `points` key, `points: 0` included (a tier that counts nothing on
purpose, stated); PEN004 reads the tiers' points the same way.

- When any tier gives points, every tier that gives none (no `points`) is
  reported.
- A tier that gives fewer points than a lighter tier (one of a lower `rank`) is
  reported, at its `points`, with the lighter tier that gives more.

Thresholds (how many points lead to which tier) are PEN004.

## Why
Under a points scheme a breach of a tier without points counts nothing towards
the thresholds, and a tier that gives fewer points than a lighter one (tier 1 gives 5,
tier 3 gives 1) makes a heavier breach weigh less than a light one: five light breaches
reach a threshold that twenty heavy ones do not.

## Example
```yaml
tiers:
  - {id: tier-1, name: 等级一, rank: 1, points: 5}
  - {id: tier-2, name: 等级二, rank: 2}
  - {id: tier-3, name: 等级三, rank: 3, points: 1}
```

## Use instead
```yaml
tiers:
  - {id: tier-1, name: 等级一, rank: 1, points: 1}
  - {id: tier-2, name: 等级二, rank: 2, points: 3}
  - {id: tier-3, name: 等级三, rank: 3, points: 5}
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
    from handbook.model import Item, Model

CODE = "PEN005"
NAME = "tier-points"
TITLE = "积分制须覆盖每个处罚等级且逐级加重 Tier points: every tier, rising with rank"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def gives_points(tier: Item) -> bool:
    """Whether a tier gives points: it has the ``points`` key, 0 included (PEN004 and PEN005 alike)."""
    return "points" in tier.data


def points_of(item: Item) -> int | None:
    """The points a tier gives, or a threshold names (0 included), None when it has none or they
    are not a number (the schema reports that)."""
    p = item.get("points")
    return p if gives_points(item) and isinstance(p, int) and not isinstance(p, bool) else None


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    tiers = model.of("tier")
    with_points = [t.id for t in tiers if gives_points(t)]
    if not with_points:
        return
    for t in tiers:
        if not gives_points(t):
            yield Finding(t.path, *t.pos(),
                          _("tier '{id}' ({title}) gives no points, though other tiers do ({others}): under a points "
                            "scheme every tier needs points; add points").format(
                              id=t.id, title=t.title, others=", ".join(with_points)), item=t.id)
    ranked = [(t, p, r) for t in tiers
              if (p := points_of(t)) is not None and isinstance(r := t.get("rank"), int) and not isinstance(r, bool)]
    for t, points, rank in ranked:
        # the lighter tier that gives the most points more than this one's (the first in the file of those)
        lighter = [(other, op, orank) for other, op, orank in ranked if orank < rank and op > points]
        if not lighter:
            continue
        other, other_points, other_rank = max(lighter, key=lambda o: o[1])
        yield Finding(t.path, *t.pos("points"),
                      _("tier '{id}' ({title}, rank {rank}) gives {points} points, fewer than the lighter tier "
                        "'{other}' ({other_title}, rank {other_rank}) with {other_points}: a heavier breach must "
                        "never count less towards the thresholds; give it at least {other_points} points").format(
                          id=t.id, title=t.title, rank=rank, points=points, other=other.id, other_title=other.title,
                          other_rank=other_rank, other_points=other_points), item=t.id)
