"""生效日期早于所在文件 Item effective before its file

## What it does
Reports an item whose `effective_from` is earlier than its file's `effective_date`, at
the item's `effective_from`.

## Why
The file's `effective_date` is the day the version of the file that holds the item takes
effect, and every item without `effective_from` takes effect with it. `effective_from`
puts a change decided now off to a later day (a stricter standard from the first of next
quarter). A day before the file's would make the item apply before the version that
introduces it: a retroactive rule, under which staff were in breach for what they did
while the old version was in force.

An item that is unchanged from an earlier version needs no `effective_from`: since when
a rule has applied is the history of the files (`handbook diff`), not a date to write on
the item.

## Example
```yaml
effective_date: "2026-07-01"
standards:
  - id: std-callback-2h
    title: 投诉受理后2小时内回电
    effective_from: "2026-03-01"
```

## Use instead
```yaml
effective_date: "2026-07-01"
standards:
  - id: std-callback-2h
    title: 投诉受理后2小时内回电
    effective_from: "2026-10-01"   # or no effective_from: from the file's date
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "EFF001"
NAME = "effective-before-file"
TITLE = "生效日期早于所在文件 Item effective before its file"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(value: Any) -> date | None:
    """A date written "YYYY-MM-DD", else None (the schema reports anything else)."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for item in model.written():
        written = item.get("effective_from")
        starts = _day(written)
        file_date = item.file.data.get("effective_date")
        file_starts = _day(file_date)
        if starts is None or file_starts is None or starts >= file_starts:
            continue
        line, col = item.pos("effective_from")
        yield Finding(item.path, line, col, _(
            "{kind} '{id}' takes effect on {date}, before its file's effective_date {file_date}: it would apply "
            "before the version that introduces it; set effective_from to {file_date} or later, or remove it "
            "(the item then takes effect with its file)").format(
                kind=item.kind, id=item.id, date=written, file_date=file_date), item=item.id)
