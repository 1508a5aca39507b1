"""日历数据无法使用 Calendar data unusable

## What it does
Reports a second calendar file (only one is used), and company calendar data the
working-day calendar cannot use although it
passes the schema: a make-up working day that is not a Saturday or Sunday, a
date listed under the wrong year, a date both closed and worked, a lunch break
outside business hours. Checks that need the calendar are skipped meanwhile.

## Why
A wrong calendar silently moves every deadline counted on it.

## Example
```yaml
years:
  "2027":
    makeup_workdays: ["2027-02-03"]   # a Wednesday
```

## Use instead
```yaml
    makeup_workdays: ["2027-02-06"]   # a Saturday
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

CODE = "CAL002"
NAME = "calendar-data"
TITLE = "日历数据无法使用 Calendar data unusable"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    # a branch's calendar is no second file: its closures are added to the head office's (branches.py)
    files = [f for f in model.files_of("calendar") if not f.overlay]
    for extra in files[1:]:
        yield Finding(extra.path, *extra.pos("kind"),
                      _("a second calendar file: only {used} is used; merge them into one").format(used=files[0].path))
    if model.calendar() is None:
        f = model.calendar_error_file or model.files_of("calendar")[0]
        yield Finding(f.path, 1, 1, _("calendar data cannot be used: {reason}").format(reason=model.calendar_error))
