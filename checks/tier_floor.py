"""违反监管时限的处罚等级不得低于最低等级 Tier floors for regulatory limits

## What it does
For each tier floor (`floors` in the penalties file) that covers
`regulatory_limit`, finds every violation that is the `breach` of something
held to an enforced regulatory limit, and reports the violation when its tier
ranks below the floor's `at_least` tier. Held to a limit:

- a stage, standard, follow-up or requirement whose deadline names the limit in
  `bounded_by`;
- a stage that produces the event a limit runs to (the limit's `to`).

Limits of a repealed regulation, and limits whose `confidence` is not in the
`confidence` option, are not enforced (as in LIM001); limits of the company's
own rules (a source of `type: internal`) are not the regulator's, and limits
that bind the customer (`binds: customer`) hold nobody in the company.

Two ways round the floor are reported too, once any such floor exists:

- a violation held to a limit that is counted (`count: {times: 3, within:
  month}`): the breaches before the third in each month are punished by no
  tier at all, though the floor says every breach is at least its tier;
  reported at `count`;
- a stage, standard, follow-up kind or requirement held to a limit that names no `breach`: a
  miss there is no violation, so no tier, and meets the floor only by saying
  nothing; reported at the item's `id`.

## Why
A company that decides "every breach of a regulatory deadline is at least tier 3"
must not let one slip through as tier 1 because its violation was catalogued
before the rule was made, nor let the first breaches go uncounted or unnamed:
the regulator fines the company for each breach, whatever tier the inspector
picked.

## Example
```yaml
floors:
  - {id: floor-limits, covers: regulatory_limit, at_least: tier-3}
violations:
  - {id: viol-late-decision, title: 未在15日内作出处理决定, tier: tier-1}
  - id: viol-ack-late
    title: 一月内三次未按时告知
    tier: tier-3
    count: {times: 3, within: month}  # the first two breaches go unpunished
# stage-decision: produces ev-decision, breach viol-late-decision
# lim-15d: from ev-receipt, to ev-decision
# stage-ack: bounded_by [lim-ack], breach viol-ack-late
# stage-notify: bounded_by [lim-notify], no breach
```

## Use instead
```yaml
violations:
  - {id: viol-late-decision, title: 未在15日内作出处理决定, tier: tier-3}
  - {id: viol-ack-late, title: 未按时告知, tier: tier-3}
# stage-notify: breach viol-notify-late (at least tier-3)
```

## Options
- `confidence` (list, default `["confirmed", "likely"]`): which limits are enforced.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.periods import cite, internal, item_deadline
from handbook.problem import Finding
from handbook.timeline import binds_company, limits_by_stage

from .deadline_within_limit import OPTIONS as LIMIT_OPTIONS
from .deadline_within_limit import enforced

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "PEN003"
NAME = "tier-floor"
TITLE = "违反监管时限的处罚等级不得低于最低等级 Tier floors for regulatory limits"
SEVERITY = "error"
# the breaches are named in other files (standards, complaints, follow-ups)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {"confidence": list(LIMIT_OPTIONS["confidence"])}


def held_by_limits(model: Model, item: Item, options: dict[str, Any] | None = None) -> list[Item]:
    """The enforced regulatory limits that hold ``item`` (a stage, standard, follow-up or
    requirement), in the order found: those its deadline names in ``bounded_by``, and for a
    stage the limits of whose paths it is the last stage (it brings about the event the limit
    runs to, under conditions that agree with the limit's: the timeline check's paths); limits
    of internal rules, limits that bind the customer and limits not enforced (LIM001's
    ``enforced``) left out.

    The one place that answers "is this held to a regulatory limit?": a stage earlier on a path
    is not, since missing it breaches the limit only through the stage that ends the path.
    """
    opts = options if options is not None else LIMIT_OPTIONS
    found: dict[str, Item] = {}
    deadline = item_deadline(item)
    for limit_id in (deadline or {}).get("bounded_by") or []:
        limit = model.get(limit_id, "limit")
        if limit is not None:
            found.setdefault(limit.id, limit)
    if item.kind == "stage":
        for limit in limits_by_stage(model).ended.get(id(item), ()):
            found.setdefault(limit.id, limit)
    return [lim for lim in found.values() if binds_company(lim) and not internal(lim) and enforced(lim, opts)]


def _breach_kinds(model: Model) -> list[str]:
    """The kinds of item that can name a ``breach`` (a violation), read from the schemas: an item
    list whose entries have both an id and a ``breach`` reference (stages, standards, follow-up
    requirements)."""
    if model.schemas is None:
        return []
    kinds: list[str] = []
    for kind in model.schemas.kinds:
        rm = model.schemas.refmodel(kind)
        for ref_path, target in rm.refs:
            if target != "violation" or ref_path[-1] != "breach":
                continue
            kinds.extend(k for id_path, k in rm.ids if id_path[:-1] == ref_path[:-1] and k not in kinds)
    return kinds


def _holders(limits: list[Item]) -> str:
    return ", ".join(f"{lim.id} ({cite(lim)})" for lim in limits)


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    floors = [f for f in model.of("floor") if f.get("covers") == "regulatory_limit"]
    if not floors:
        return
    ranked = [(f, least) for f in floors
              if (least := model.get(f.get("at_least"), "tier")) is not None and isinstance(least.get("rank"), int)]
    if not ranked:
        return  # REF001 / the schema report the floors' tiers
    # the strictest floor, to name where one finding stands for them all
    strictest, strictest_least = max(ranked, key=lambda fl: fl[1].get("rank"))
    floor_words = {"floor": strictest.id, "least": strictest_least.id, "least_title": strictest_least.title}
    # held to a limit, and no violation named: a miss counts as nothing, below any floor
    for kind in _breach_kinds(model):
        for item in model.of(kind):
            if "breach" in item.data:
                continue
            limits = held_by_limits(model, item, options)
            if limits:
                yield Finding(item.path, *item.pos(),
                              _("{kind} '{id}' ({title}) is held to the regulatory limit {limits} but names no "
                                "breach: under the floor '{floor}' a breach of a regulatory limit is at least "
                                "'{least}' ({least_title}), and a miss here is no violation at all; name its "
                                "violation in breach").format(kind=item.kind, id=item.id, title=item.title,
                                                              limits=_holders(limits), **floor_words), item=item.id)
    # violation id -> [(the item whose breach it is, the limit that holds that item)]
    held: dict[str, list[tuple[Item, Item]]] = {}
    for ref in model.refs:
        if ref.kind != "violation" or not ref.where or ref.where[-1] != "breach" or ref.source is None:
            continue
        for limit in held_by_limits(model, ref.source, options):
            held.setdefault(ref.target, []).append((ref.source, limit))
    for v in model.of("violation"):
        holders = held.get(v.id)
        if not holders:
            continue
        by = "; ".join(_("{kind} '{id}', held to the limit {limit} ({source})").format(
            kind=item.kind, id=item.id, limit=limit.id, source=cite(limit)) for item, limit in holders)
        count = v.get("count")
        if isinstance(count, dict) and isinstance(count.get("times"), int) and count["times"] > 1:
            # counted only from the Nth breach in a period: the ones before it are punished by no tier
            yield Finding(v.path, *v.pos("count"),
                          _("violation '{id}' ({title}) counts only when it happens {times} times within a {within} "
                            "(count), yet it is the breach of {by}: under the floor '{floor}' every breach held to "
                            "a regulatory limit is at least '{least}' ({least_title}), and the first {before} in "
                            "each {within} would go unpunished; drop count (a repeat can be a violation of its "
                            "own)").format(id=v.id, title=v.title, times=count["times"], within=count.get("within"),
                                           before=count["times"] - 1, by=by, **floor_words),
                          item=v.id)
        tier = model.get(v.get("tier"), "tier")
        if tier is None or not isinstance(tier.get("rank"), int):
            continue
        for floor, least in ranked:
            if tier.get("rank") >= least.get("rank"):
                continue
            yield Finding(v.path, *v.pos("tier"),
                          _("violation '{id}' ({title}) is tier '{tier}' ({tier_title}, rank {rank}), below the "
                            "floor '{floor}': a breach held to a regulatory limit is at least '{least}' "
                            "({least_title}, rank {least_rank}); it is the breach of {by}").format(
                              id=v.id, title=v.title, tier=tier.id, tier_title=tier.title, rank=tier.get("rank"),
                              floor=floor.id, least=least.id, least_title=least.title,
                              least_rank=least.get("rank"), by=by),
                          item=v.id)
