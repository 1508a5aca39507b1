"""未采纳的做法须说明理由且不设违规 A practice not adopted says why and punishes no one

## What it does
Checks the rules kept visible as not adopted (`adopted: false`): standards,
complaint stages, follow-up kinds, methods and requirements.

- `adopted: false` without `not_adopted_reason` is reported at `adopted`.
- A rule that is not adopted and names a `breach` is reported at `breach`:
  nobody can be penalised for not doing what the handbook does not adopt.
- A violation that is the `breach` only of rules that are not adopted is
  reported at its id, with those rules.
- `not_adopted_reason` on a rule that is adopted (no `adopted: false`) is
  reported at the reason: either the rule is not adopted, and says so, or the
  reason is stale.

## Why
A practice of the original rules that the handbook does not take over (it
breaks the law, or needs a licence the company has not checked) stays in the
manual so that readers see it was considered, and why it was dropped. It binds
no one: a violation tied to it would punish staff for not doing what the
company does not ask, or even forbids.

## Example
```yaml
standards:
  - id: std-gift-card
    title: 赠送购物卡
    requirement: 原制度：向保险金额较大的保户赠送购物卡。
    owner: branch-assistant
    adopted: false
    breach: viol-gift-card-missed
```

## Use instead
```yaml
standards:
  - id: std-gift-card
    title: 赠送购物卡
    requirement: 原制度：向保险金额较大的保户赠送购物卡。
    owner: branch-assistant
    adopted: false
    not_adopted_reason: 赠送购物卡属于保险合同约定以外的利益，《保险法》第一百一十六条（四）禁止。
    conflicts_with: [law-insurance.a116]
```

## Options
None.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "PRO002"
NAME = "not-adopted"
TITLE = "未采纳的做法须说明理由且不设违规 A practice not adopted says why and punishes no one"
SEVERITY = "error"
# a violation's rules may be in a file that could not be read: its findings wait until every file is read
CROSS_FILE = True
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for item in model.items.values():
        if item.template is not None:
            continue  # a post's instance: its template is the item written
        adopted = item.get("adopted")
        if adopted is False and not item.get("not_adopted_reason"):
            yield Finding(item.path, *item.pos("adopted"), _(
                "'{id}' ({title}) is not adopted but says not why: add not_adopted_reason (the law it would "
                "break, or what must be checked first)").format(id=item.id, title=item.title), item=item.id)
        if adopted is False and item.get("breach") is not None:
            yield Finding(item.path, *item.pos("breach"), _(
                "'{id}' ({title}) is not adopted but names the breach '{breach}': nobody can be penalised for "
                "not doing what the handbook does not adopt; drop breach").format(
                    id=item.id, title=item.title, breach=item.get("breach")), item=item.id)
        if adopted is not False and "not_adopted_reason" in item.data:
            yield Finding(item.path, *item.pos("not_adopted_reason"), _(
                "'{id}' ({title}) gives a not_adopted_reason but is adopted: add adopted: false, or drop the "
                "reason").format(id=item.id, title=item.title), item=item.id)
    by_violation: dict[str, list[Item]] = defaultdict(list)
    for ref in model.refs:
        if ref.kind == "violation" and ref.field.endswith(".breach") and ref.source is not None \
                and isinstance(ref.target, str):
            by_violation[ref.target].append(ref.source)
    for v in model.of("violation"):
        rules = by_violation.get(v.id)
        if rules and all(r.get("adopted") is False for r in rules):
            yield Finding(v.path, *v.pos(), _(
                "violation '{id}' ({title}) is the breach only of rules that are not adopted ({rules}): it "
                "punishes the absence of a practice the handbook does not require; drop it, or name it from an "
                "adopted rule").format(id=v.id, title=v.title, rules=", ".join(r.id for r in rules)), item=v.id)
