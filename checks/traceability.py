"""每条有约束力的条款都须有内部规则落实 Binding articles are implemented

## What it does
Reports every binding article of a current law or regulation (`binding: true`)
that no internal rule implements: no standard, stage, follow-up, requirement or
internal-regulation article names it in `implements`, `required_by` or `cites`.
`handbook trace` prints the whole coverage table and the gap list.

## Why
The regulator asks how each obligation is met. An article nobody implements is
an obligation the department has no rule for.

## Example
```yaml
articles:
  - id: law-insurance.a22
    title: 一次性通知补充材料
    binding: true        # ... and no standard implements it
```

## Use instead
```yaml
standards:
  - id: std-claim-docs-once
    implements: [law-insurance.a22]
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

CODE = "TRC001"
NAME = "unimplemented-article"
TITLE = "每条有约束力的条款都须有内部规则落实 Binding articles are implemented"
SEVERITY = "error"
# the rules that implement an article may be in a file that could not be read: while one cannot be read, the
# engine withholds its findings (FIL006)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for a in model.binding_articles():
        if not model.implementers(a.id):
            src = a.parent
            name = " ".join(x for x in (src.title if src else "", a.get("number", ""), a.title) if x)
            yield Finding(a.path, *a.pos(),
                          _("binding article '{id}' ({name}) is implemented by no internal rule").format(
                              id=a.id, name=name), item=a.id)
