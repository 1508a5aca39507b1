"""规则只依据已废止的法规 Rule rests on a repealed regulation

## What it does
Reports an internal rule whose every `implements` entry is an article of a
repealed regulation (`status: repealed`).

## Why
When a regulation is replaced, the rules written for it must be brought under
the new one; a rule still resting only on the old text may not meet the new
limits (the 2013 complaint rule gave more time than the 2020 rule does).

## Example
```yaml
implements: [rule-2013.a14]     # repealed 2020-03-01
```

## Use instead
```yaml
implements: [rule-2020.a14, reg.a16]
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

CODE = "TRC003"
NAME = "repealed-source"
TITLE = "规则只依据已废止的法规 Rule rests on a repealed regulation"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for item in model.items.values():
        if item.kind == "article":
            continue
        refs = item.get("implements")
        if not isinstance(refs, list) or not refs:
            continue
        arts = [model.get(r, "article") for r in refs]
        if all(a is not None and a.parent is not None and a.parent.get("status") == "repealed" for a in arts):
            yield Finding(item.path, *item.pos("implements"),
                          _("'{id}' implements only repealed articles ({articles}): cite the current "
                            "regulation").format(id=item.id, articles=", ".join(refs)), item=item.id)
