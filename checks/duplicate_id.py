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
- id: std-hotline-all-day
- id: channel-hotline
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

CODE = "REF002"
NAME = "duplicate-id"
TITLE = "标识重复 Duplicate id"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    # Report every occurrence, each pointing at the other: which one is the
    # mistake is for the author to say.
    done: set[int] = set()
    for first, again in model.duplicates:
        for here, there in ((again, first), (first, again)):
            if id(here) in done:
                continue
            done.add(id(here))
            line, col = here.pos()
            tl = there.pos()[0]
            yield Finding(here.path, line, col,
                          _("id '{id}' is also used by {kind} '{title}' at {path}:{line}").format(
                              id=here.id, kind=there.kind, title=there.title, path=there.path, line=tl),
                          item=here.id)
