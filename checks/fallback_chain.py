"""回访改用顺序须止于最后手段 Fallback chains end in a last resort

## What it does
Follows every follow-up method's `fallback` from one method to the next and
reports:

- a loop (电话 → 信函 → 电话), once, at the first method of the loop in the file;
  a method that falls back to itself is FUP001's;
- a chain that ends in a method with no `fallback` that is not marked
  `last_resort: true` (option `last_resort`);
- a method marked `last_resort: true` that still has a `fallback`;
- a retry policy whose `distinct_days` exceeds its `attempts` (three attempts
  cannot fall on four different days).

## Why
The regulation requires switching to another method when a customer cannot be
reached. A loop sends staff round in circles without ever stopping; a chain
that simply ends leaves them without an answer to "and if that fails too?".
The last resort says where trying ends and the failure is recorded.

## Example
```yaml
methods:
  - {id: method-phone, name: 电话回访, owner: agent, fallback: method-letter}
  - {id: method-letter, name: 信函回访, owner: agent, fallback: method-phone}
```

## Use instead
```yaml
methods:
  - {id: method-phone, name: 电话回访, owner: agent, fallback: method-letter,
     retry: {attempts: 3, distinct_days: 2, spacing: {amount: 4, unit: hours}}}
  - {id: method-letter, name: 信函回访, owner: agent, last_resort: true}
```

## Options
- `last_resort` (bool, default `true`): a chain must end in a method marked
  `last_resort: true`; `false` lets a chain end anywhere (loops and the other
  checks stay).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

from .reporting_lines import cycles

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "FUP002"
NAME = "fallback-chain"
TITLE = "回访改用顺序须止于最后手段 Fallback chains end in a last resort"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {"last_resort": True}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    methods = {m.id: m for m in model.of("method")}
    # each loop once, at its first method in file order; a method that is its own fallback is FUP001's
    yield from cycles(methods, "fallback", _("fallback methods form a loop: {path}; the chain must end in a method "
                                             "marked last_resort: true"), shortest=2)
    for m in methods.values():
        fallback = m.get("fallback")
        if m.get("last_resort") is True and fallback is not None:
            yield Finding(m.path, *m.pos("fallback"),
                          _("method '{id}' ({title}) is the last resort but falls back to '{fallback}': remove the "
                            "fallback, or last_resort").format(id=m.id, title=m.title, fallback=fallback), item=m.id)
        elif options["last_resort"] and fallback is None and m.get("last_resort") is not True:
            yield Finding(m.path, *m.pos("last_resort" if "last_resort" in m.data else None),
                          _("method '{id}' ({title}) ends a fallback chain but is not the last resort: give it a "
                            "fallback, or mark it last_resort: true").format(id=m.id, title=m.title), item=m.id)
        retry = m.get("retry")
        if isinstance(retry, dict):
            attempts, days = retry.get("attempts"), retry.get("distinct_days")
            if isinstance(attempts, int) and isinstance(days, int) and days > attempts:
                line, col = m.file.loaded.key_pos(retry, "distinct_days")
                yield Finding(m.path, line, col,
                              _("method '{id}' ({title}): {attempts} attempts cannot fall on {days} different "
                                "days; distinct_days is at most attempts").format(
                                  id=m.id, title=m.title, attempts=attempts, days=days), item=m.id)
