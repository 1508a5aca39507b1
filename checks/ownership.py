"""每项职责都有一个在岗的负责岗位 Accountable role with staff

## What it does
For every standard (`owner`), complaint stage (`role`), follow-up method, kind
and requirement (`owner`) and report (`role`): the accountable role must be a
role with headcount above zero where its headcount is known.

## Why
A duty owned by a post with no one in it is a duty nobody performs.

## Example
```yaml
roles:
  - id: qa-inspector
    headcount: 0
standards:
  - id: std-qa-monthly
    owner: qa-inspector
```

## Use instead
```yaml
roles:
  - id: qa-inspector
    headcount: 1
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

CODE = "OWN001"
NAME = "unstaffed-owner"
TITLE = "每项职责都有一个在岗的负责岗位 Accountable role with staff"
SEVERITY = "error"
# the organisation file holds the roles and their headcount: while one cannot be read, the engine withholds its
# findings (FIL006)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {}

OWNER_FIELD = {"standard": "owner", "stage": "role", "method": "owner", "followup": "owner", "fu-rule": "owner",
               "report": "role"}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for kind, field in OWNER_FIELD.items():
        for item in model.of(kind):
            role = model.get(item.get(field), "role")
            if role is not None and role.get("headcount") == 0:
                yield Finding(item.path, *item.pos(field),
                              _("{kind} '{id}' is owned by '{role}' ({title}), a post with headcount 0").format(
                                  kind=kind, id=item.id, role=role.id, title=role.title), item=item.id)
