"""岗位模板没有岗位 Post template without posts

## What it does
Reports a post template (`per_unit: <unit type>`) when no unit is of that type:
the template stands for no post at all. (A type that is neither common nor
declared is ORG002.)

## Why
A template is one definition for a post in every branch (each 分公司's 客服主管).
With no unit of its type, its duties, and everything it owns, fall to nobody;
this usually means the units have not been entered yet, or are typed otherwise.

## Example
```yaml
units:
  - {id: unit-bj, name: 北京分公司, type: province_branch, parent: unit-hq}
roles:
  - id: branch-service-lead
    per_unit: branch
```

## Use instead
```yaml
units:
  - {id: unit-bj, name: 北京分公司, type: branch, parent: unit-hq}
roles:
  - id: branch-service-lead
    per_unit: branch
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.orgtree import is_template
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "ORG003"
NAME = "template-without-posts"
TITLE = "岗位模板没有岗位 Post template without posts"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    org = model.org()
    for role in model.of("role"):
        if not is_template(role) or org.instances.get(role.id):
            continue
        unit_type = role.get("per_unit")
        if not org.type_known(unit_type):
            continue  # ORG002 reports the type
        yield Finding(role.path, *role.pos("per_unit"),
                      _("post template '{id}' ({title}) has no post: no unit is of type '{type}' ({label})").format(
                          id=role.id, title=role.title, type=unit_type, label=org.type_label(unit_type)),
                      item=role.id)
