"""引用无法解析 Unresolved reference

## What it does
Reports a reference to a role, unit, article, limit, violation, tier, event or
method whose id no item has, or whose item is of another kind than the field
expects (a unit where a role is needed).

## Why
A standard owned by a role that does not exist has no owner; a stage that
cites a missing article has no legal basis. Both would render as dead links.

## Example
```yaml
owner: cs-agnet
```

## Use instead
```yaml
owner: cs-agent
```

## Options
None.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, Iterator

from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "REF001"
NAME = "unresolved-reference"
TITLE = "引用无法解析 Unresolved reference"
SEVERITY = "error"
# a reference into a file that could not be read cannot resolve: while one cannot be read, the engine withholds its findings (FIL006)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    names_by_kind: dict[str, list[str]] = {}
    for ref in model.refs:
        if not isinstance(ref.target, str):
            continue  # the schema reports a non-text reference
        item = model.items.get(ref.target)
        owner = ref.source.id if ref.source else None
        if item is None:
            ids = names_by_kind.get(ref.kind)
            if ids is None:
                ids = names_by_kind[ref.kind] = [i.id for i in model.of(ref.kind)] if ref.kind != "any" else list(model.items)
            hint = difflib.get_close_matches(ref.target, ids, n=1)
            did = f"; did you mean '{hint[0]}'?" if hint else ""
            yield Finding(ref.file.path, ref.line, ref.column,
                          f"{ref.field}: no {_kind(ref.kind)} with id '{ref.target}'{did}", item=owner)
        elif ref.kind != "any" and item.kind != ref.kind:
            yield Finding(ref.file.path, ref.line, ref.column,
                          f"{ref.field}: '{ref.target}' is a {item.kind} ({item.title}), but a {_kind(ref.kind)} is expected",
                          item=owner)


def _kind(kind: str) -> str:
    return "item" if kind == "any" else kind
