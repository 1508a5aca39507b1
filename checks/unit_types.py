"""机构类型须为常用类型或已定义 Unit types are common or declared

## What it does
Reports a unit `type`, or a post template's `per_unit`, that is neither one of the
common unit types the schema knows (head_office 总公司, province_branch 省级分公司,
branch 分公司, sub_branch 支公司, department 部门, centre 中心, team 团队,
seat_group 坐席组, ...) nor declared in the organisation file's `unit_types`.

## Why
Unit types are open: a company may have 营业部 or 服务网点. But a type nobody
declared is most often a typo, and a misspelt `per_unit` silently gives a post
template no post at all. Declaring a type also gives it its name in the manual.

## Example
```yaml
units:
  - id: unit-bj-sales
    name: 北京营业部
    type: sales-office
```

## Use instead
```yaml
unit_types:
  - id: sales-office
    name: 营业部
units:
  - id: unit-bj-sales
    name: 北京营业部
    type: sales-office
```

## Options
None.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.orgtree import is_template
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "ORG002"
NAME = "unknown-unit-type"
TITLE = "机构类型须为常用类型或已定义 Unit types are common or declared"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    org = model.org()
    known = [*org.builtin_types, *(t for t in org.declared_types if t not in org.builtin_types)]
    places: list[tuple[Item, str]] = [(u, "type") for u in model.of("unit")]
    places += [(r, "per_unit") for r in model.of("role") if is_template(r)]
    for item, field in places:
        code = item.get(field)
        if not isinstance(code, str) or org.type_known(code):
            continue  # a type that is not text: the schema reports it
        close = difflib.get_close_matches(code, known, n=1, cutoff=0.75)  # a typo, not a lookalike
        if field == "type":
            message = _("unit '{id}' ({title}) has type '{type}', which is neither a common unit type nor declared "
                        "in unit_types")
        else:
            message = _("post template '{id}' ({title}) is one post per unit of type '{type}', which is neither a "
                        "common unit type nor declared in unit_types")
        if close:
            message += _("; did you mean '{close}'?")
        else:
            message += _("; declare it in unit_types (id and name) or use a common type ({known})")
        yield Finding(item.path, *item.pos(field), message.format(
            id=item.id, title=item.title, type=code, close=close[0] if close else "",
            known=", ".join(org.builtin_types)), item=item.id)
