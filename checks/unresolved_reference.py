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
owner: agnet
```

## Use instead
```yaml
owner: agent
```

## Options
None.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "REF001"
NAME = "unresolved-reference"
TITLE = "引用无法解析 Unresolved reference"
SEVERITY = "error"
# a reference into a file that could not be read cannot resolve: while one cannot be read, the engine withholds
# its findings (FIL006)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    candidates: dict[str, tuple[list[str], dict[str, Item]]] = {}  # kind -> (ids, item by name)
    for ref in model.refs:
        if not isinstance(ref.target, str):
            continue  # the schema reports a non-text reference
        item = model.items.get(ref.target)
        owner = ref.source.id if ref.source else None
        if item is None:
            if ref.kind not in candidates:
                items = list(model.items.values()) if ref.kind == "any" else model.of(ref.kind)
                by_name: dict[str, Item] = {}
                for i in items:
                    if i.title != i.id:
                        by_name.setdefault(i.title.strip(), i)  # the first of two items of one name
                candidates[ref.kind] = ([i.id for i in items], by_name)
            meant, named = _hint(ref.target, *candidates[ref.kind]) or ("", None)
            yield Finding(ref.file.path, ref.line, ref.column, _not_found(ref.kind, meant, named).format(
                field=ref.path, kind=ref.kind, target=ref.target, id=meant, title=named.title if named else ""),
                item=owner, fix=meant or None)
        elif ref.kind != "any" and item.kind != ref.kind:
            yield Finding(ref.file.path, ref.line, ref.column,
                          _("{field}: '{target}' is a {actual} ({title}), but a {kind} is expected").format(
                              field=ref.path, target=ref.target, actual=item.kind, title=item.title, kind=ref.kind),
                          item=owner)


def _not_found(kind: str, meant: str, named: Item | None) -> str:
    """The message for a reference to no item, with the id the editor probably meant: a
    mistyped id, or the name of an item written where its id belongs."""
    if kind == "any":  # a reference that may name an item of any kind (a glossary link)
        if not meant:
            return _("{field}: no item with id '{target}'")
        if named is None:
            return _("{field}: no item with id '{target}'; did you mean '{id}'?")
        return _("{field}: no item with id '{target}'; did you mean '{id}' ({title})? A reference names an item by "
                 "its id, not its name")
    if not meant:
        return _("{field}: no {kind} with id '{target}'")
    if named is None:
        return _("{field}: no {kind} with id '{target}'; did you mean '{id}'?")
    return _("{field}: no {kind} with id '{target}'; did you mean '{id}' ({title})? A reference names an item by "
             "its id, not its name")


def _hint(target: str, ids: list[str], by_name: dict[str, Item]) -> tuple[str, Item | None] | None:
    """The id the editor probably meant, with the item whose name they wrote instead of its id
    (a post name such as 客户服务岗 where cs-agent belongs), or None with the id for a mistyped id."""
    named = by_name.get(target.strip())
    if named is not None:
        return named.id, named
    close = difflib.get_close_matches(target, ids, n=1)
    if close:
        return close[0], None
    near = difflib.get_close_matches(target.strip(), by_name, n=1)
    return (by_name[near[0]].id, by_name[near[0]]) if near else None
