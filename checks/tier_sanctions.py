"""较重等级的处罚须重于较轻等级 A heavier tier carries a heavier sanction

## What it does
Compares each penalty tier's `sanctions` with those of every lighter tier (a
lower `rank`), and warns when all of a tier's sanctions are found among a
lighter tier's (the same list, or part of it): the heavier tier then punishes
no more than the lighter one; and, short of that, when the two tiers share a
sanction: each tier's list should be its own, so that which tier applies is
never in doubt (a heavier tier that also carries the lighter tier's sanctions
says so in the file's description, not by repeating them). Reported once per
tier, at its `sanctions`, naming the lightest such tier. Sanctions are compared
with spaces and trailing punctuation (。，；、) ignored.

## Why
The tiers exist so that a worse breach is punished more. A heavier tier that
lists nothing beyond what a lighter one already gives makes the inspector's choice
between them meaningless, and a staff member judged at the heavier tier is punished
as for the lighter one.

## Example
```yaml
tiers:
  - {id: tier-2, name: 等级二, rank: 2, sanctions: [通报批评, 扣减绩效]}
  - {id: tier-3, name: 等级三, rank: 3, sanctions: [扣减绩效]}
```

## Use instead
```yaml
tiers:
  - {id: tier-2, name: 等级二, rank: 2, sanctions: [通报批评]}
  - {id: tier-3, name: 等级三, rank: 3, sanctions: [扣减绩效, 影响年度定级、评薪]}
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

CODE = "PEN007"
NAME = "tier-sanctions"
TITLE = "较重等级的处罚须重于较轻等级 A heavier tier carries a heavier sanction"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def _sanctions(tier: Item) -> list[str]:
    """A tier's sanctions as written, each once, spaces around them aside."""
    value = tier.get("sanctions")
    out = [s.strip().rstrip("。，；、,;. ") for s in value if isinstance(s, str) and s.strip()] \
        if isinstance(value, list) else []
    return list(dict.fromkeys(x for x in out if x))


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    tiers = [(t, _sanctions(t)) for t in model.of("tier") if isinstance(t.get("rank"), int)]
    tiers.sort(key=lambda ts: ts[0].get("rank"))
    for tier, mine in tiers:
        if not mine:
            continue  # no sanction at all: PEN001
        for lighter, theirs in tiers:
            if lighter.get("rank") >= tier.get("rank"):
                break
            if set(mine) <= set(theirs):
                yield Finding(tier.path, *tier.pos("sanctions"),
                              _("tier '{id}' ({title}, rank {rank}) is no heavier than the lighter tier '{lighter}' "
                                "({lighter_title}, rank {lighter_rank}): all its sanctions ({sanctions}) are among "
                                "the lighter tier's; give the heavier tier a sanction the lighter one does not "
                                "have").format(id=tier.id, title=tier.title, rank=tier.get("rank"),
                                               lighter=lighter.id, lighter_title=lighter.title,
                                               lighter_rank=lighter.get("rank"),
                                               sanctions="、".join(mine)),
                              item=tier.id)
                break
            shared = [s for s in mine if s in theirs]
            if shared:
                yield Finding(tier.path, *tier.pos("sanctions"),
                              _("tier '{id}' ({title}, rank {rank}) shares {sanctions} with the lighter tier "
                                "'{lighter}' ({lighter_title}, rank {lighter_rank}): give each tier sanctions of its "
                                "own, so that which tier applies is never in doubt").format(
                                    id=tier.id, title=tier.title, rank=tier.get("rank"), lighter=lighter.id,
                                    lighter_title=lighter.title, lighter_rank=lighter.get("rank"),
                                    sanctions="、".join(shared)),
                              item=tier.id)
                break
