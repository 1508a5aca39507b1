"""岗位没有职责 Role without duties

## What it does
Reports a role whose `duties` list is empty.

## Why
Staff open their role's page to learn what they must do; an empty page is a
post with no defined job.

## Example
```yaml
  - id: consultant
    name: 咨询引导岗
    duties: []
```

## Use instead
```yaml
    duties: [迎接、咨询、引导客户，送客户离开职场]
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

CODE = "OWN002"
NAME = "role-without-duty"
TITLE = "岗位没有职责 Role without duties"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for role in model.of("role"):
        if not role.get("duties"):
            yield Finding(role.path, *role.pos(), _("role '{id}' ({title}) has no duties").format(
                id=role.id, title=role.title), item=role.id)
