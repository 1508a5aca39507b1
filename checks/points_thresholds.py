"""积分阈值须可达且逐级加重 Points thresholds reachable and rising

## What it does
Checks the points scheme of the penalties file (`thresholds`):

- a threshold is reported when its points can never be reached: no tier gives
  points, or the tiers that give points all give 0. A tier gives points when
  it has the `points` key, `points: 0` included, as in PEN005;
- within one period (`within`), more points must never lead to a lighter tier:
  a threshold whose tier ranks below the tier of a threshold with fewer points
  is reported, and so are two thresholds with the same points and different
  tiers.

Thresholds of different periods are not compared (20 points a year may lead to
a lighter tier than 10 points a month). Tiers without points while others have
them, and tiers that give fewer points than a lighter tier, are PEN005.

## Why
A threshold nobody can reach is a sanction that exists only on paper; one that
gets lighter as points pile up rewards repeat offenders.

## Example
```yaml
thresholds:
  - {id: th-10, points: 10, within: month, tier: tier-2}
  - {id: th-20, points: 20, within: month, tier: tier-1}
```

## Use instead
```yaml
thresholds:
  - {id: th-10, points: 10, within: month, tier: tier-2}
  - {id: th-20, points: 20, within: month, tier: tier-3}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

from .tier_points import gives_points, points_of

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "PEN004"
NAME = "points-thresholds"
TITLE = "积分阈值须可达且逐级加重 Points thresholds reachable and rising"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    thresholds = [t for t in model.of("threshold") if points_of(t) is not None]
    if not thresholds:
        return
    tiers = model.of("tier")
    if not any((points_of(t) or 0) > 0 for t in tiers):
        for th in thresholds:
            if not any(gives_points(t) for t in tiers):
                message = _("threshold '{id}' counts {points} points, but no tier gives points: it can never be "
                            "reached; give the tiers points")
            else:
                message = _("threshold '{id}' counts {points} points, but every tier that gives points gives 0: it "
                            "can never be reached; give the tiers more than 0 points")
            yield Finding(th.path, *th.pos("points"), message.format(id=th.id, points=points_of(th)), item=th.id)
        return
    ranked: list[tuple[Item, int, int]] = []  # (threshold, points, rank of its tier)
    for th in thresholds:
        tier = model.get(th.get("tier"), "tier")
        rank = tier.get("rank") if tier is not None else None
        if isinstance(rank, int):
            ranked.append((th, points_of(th) or 0, rank))
    for th, points, rank in ranked:
        for other, other_points, other_rank in ranked:
            if other is th or other.get("within") != th.get("within"):
                continue
            if other_points < points and other_rank > rank:
                message = _("threshold '{id}' ({points} points) leads to tier '{tier}' (rank {rank}), lighter than "
                            "'{other}' ({other_points} points, tier '{other_tier}', rank {other_rank}) in the same "
                            "period: more points must never mean a lighter tier")
            elif other_points == points and other_rank != rank and other.pos() < th.pos():
                message = _("threshold '{id}' ({points} points) leads to tier '{tier}' (rank {rank}), but '{other}' "
                            "leads the same {other_points} points in the same period to tier '{other_tier}' (rank "
                            "{other_rank}): one number of points leads to one tier")
            else:
                continue
            yield Finding(th.path, *th.pos("tier"), message.format(
                id=th.id, points=points, tier=th.get("tier"), rank=rank, other=other.id, other_points=other_points,
                other_tier=other.get("tier"), other_rank=other_rank), item=th.id)
            break
