"""改名后旧标识仍在使用 Replaced id still in use

## What it does
Reports an item whose `replaces` names an id that an item of the policy set still has,
whatever that item's kind, or names the item's own id. Each such entry of `replaces` is
reported where it is written.

## Why
`replaces` records a rename: the id or ids the item had before. `handbook diff` then
compares the item with the one that had the old id, as one item renamed, instead of
showing a removal and an addition. While an item still has the old id, the rename is
half done (the old item was copied, not renamed, and references to the old id still
reach it) and `handbook diff` pairs the old id with that item, not with the renamed one.

A replacement announced ahead is the exception: while its `effective_from` is still to
come, the item it replaces stays in force and in the file (the manual shows both, the old
one "valid until" the day before). From that day on, the old item is reported.

Ids are unique across every kind and stable over time, so an old id that was given to an
item of another kind is reported too: it is not free, and reusing it makes the history
of both items hard to read. An item whose `replaces` names its own id was not renamed.

## Example
```yaml
standards:
  - id: std-callback-2h
    title: 投诉受理后2小时内回电
    replaces: std-callback-4h
  - id: std-callback-4h          # the old item, still there
    title: 投诉受理后4小时内回电
```

## Use instead
```yaml
# delete the old item and make every reference name the new id
standards:
  - id: std-callback-2h
    title: 投诉受理后2小时内回电
    replaces: std-callback-4h
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
    from handbook.model import Item, Model

CODE = "EFF002"
NAME = "replaces-existing"
TITLE = "改名后旧标识仍在使用 Replaced id still in use"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def _entries(item: Item) -> Iterator[tuple[str, tuple[int, int]]]:
    """Each id ``replaces`` names, with where it is written."""
    value = item.get("replaces")
    if isinstance(value, str):
        yield value, item.pos("replaces")
    elif isinstance(value, list):
        for n, entry in enumerate(value):
            if isinstance(entry, str):
                yield entry, item.file.loaded.item_pos(value, n)


def _announced(item: Item, model: Model) -> bool:
    """A replacement announced ahead (its effective_from after today): the old item stays in force,
    and in the file, until that day."""
    starts = item.get("effective_from")
    return isinstance(starts, str) and starts > model.today.isoformat()


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for item in model.written():
        for old, (line, col) in _entries(item):
            if old == item.id:
                yield Finding(item.path, line, col, _(
                    "{kind} '{id}' names its own id in replaces: replaces lists the ids the item had before "
                    "a rename; remove '{id}' from it").format(kind=item.kind, id=item.id), item=item.id)
                continue
            there = model.items.get(old)
            if there is None or _announced(item, model):
                continue
            tl = there.pos()[0]
            yield Finding(item.path, line, col, _(
                "{kind} '{id}' replaces '{old}', but {other_kind} '{title}' at {path}:{line} still has that id: "
                "a rename must remove the old id; delete the old item and point its references at '{id}', or "
                "remove '{old}' from replaces").format(
                    kind=item.kind, id=item.id, old=old, other_kind=there.kind, title=there.title,
                    path=there.path, line=tl), item=item.id)
