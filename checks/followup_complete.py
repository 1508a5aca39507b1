"""每种回访须有方式、负责人、记录和备用方式 Follow-ups are complete

## What it does
Checks every follow-up kind names at least one method, an owner, what is
recorded, and what to do when the customer cannot be reached; and that every
method's fallback is a different method.

## Why
The regulation requires written records of every follow-up and switching to
another method when one cannot reach the customer; a kind without these
cannot be carried out or audited.

## Example
```yaml
kinds:
  - id: fu-lapse
    name: 失效回访
    methods: [method-phone]
```

## Use instead
```yaml
kinds:
  - id: fu-lapse
    name: 失效回访
    methods: [method-phone]
    owner: agent
    record: 失效原因、复效意愿
    fallback: 电话无法接通时改用信函或上门回访
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

CODE = "FUP001"
NAME = "followup-complete"
TITLE = "每种回访须有方式、负责人、记录和备用方式 Follow-ups are complete"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}

NEEDED = ("methods", "owner", "record", "fallback")


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for kind in model.of("followup"):
        # named by their fields, which read the same in every language and are what the editor adds
        missing = [key for key in NEEDED if not kind.get(key)]
        if missing:
            yield Finding(kind.path, *kind.pos(), _("follow-up '{id}' ({title}) has no {fields}").format(
                id=kind.id, title=kind.title, fields=", ".join(missing)), item=kind.id)
    for m in model.of("method"):
        if m.get("fallback") == m.id:
            yield Finding(m.path, *m.pos("fallback"), _("method '{id}' falls back to itself").format(id=m.id),
                          item=m.id)
