"""标识重复 Duplicate id

## What it does
Reports an id used by more than one item, in the same file or across files.

## Why
References, links in the manual and waivers all name items by id. Two items
with one id make every reference to it ambiguous.

## Example
```yaml
# standards.yaml
- id: std-hotline
# complaints.yaml
- id: std-hotline
```

## Use instead
```yaml
- id: std-hotline-24x7
- id: ch-hotline
```

## Options
None.
"""

from __future__ import annotations

from typing import Any, Iterator

from handbook.problem import Finding

CODE = "ID001"
NAME = "duplicate-id"
TITLE = "标识重复 Duplicate id"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Any, options: dict[str, Any]) -> Iterator[Finding]:
    for first, again in model.duplicates:
        line, col = again.pos()
        fl, _ = first.pos()
        yield Finding(again.path, line, col,
                      f"id '{again.id}' is already used by {first.kind} '{first.title}' at {first.path}:{fl}",
                      item=again.id)
