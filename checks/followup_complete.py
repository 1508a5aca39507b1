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
    methods: [fum-phone]
```

## Use instead
```yaml
kinds:
  - id: fu-lapse
    name: 失效回访
    methods: [fum-phone]
    owner: cs-agent
    record: 失效原因、复效意愿
    fallback: 电话无法接通时改用信函或上门回访
```

## Options
None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "FUP001"
NAME = "followup-complete"
TITLE = "每种回访须有方式、负责人、记录和备用方式 Follow-ups are complete"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}

NEEDED = {"methods": "a method", "owner": "an owner", "record": "what is recorded", "fallback": "a fallback"}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for kind in model.of("followup"):
        missing = [label for key, label in NEEDED.items() if not kind.get(key)]
        if missing:
            yield Finding(kind.path, *kind.pos(), f"follow-up '{kind.id}' ({kind.title}) has no "
                          + ", no ".join(m.removeprefix("a ").removeprefix("an ") for m in missing), item=kind.id)
    for m in model.of("method"):
        if m.get("fallback") == m.id:
            yield Finding(m.path, *m.pos("fallback"), f"method '{m.id}' falls back to itself", item=m.id)
