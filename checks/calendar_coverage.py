"""工作日历须覆盖即将到来的时限 Calendar covers the coming deadlines

## What it does
Reports when the working-day calendar (the holiday package plus the company
calendar file) does not cover the days a deadline started today could reach:
today plus `horizon_days`. (Calendar data that cannot be used is CAL002.)

## Why
China's holidays move every year and the State Council publishes the next
year's schedule late in the year. A date in a year nobody covers is never
treated as an ordinary week: such a deadline cannot be counted, so the schedule
must be entered in time.

## Example
```yaml
# today 2026-11-29; holiday package covers 2004-2026; calendar.yaml has no years:
```

## Use instead
```yaml
years:
  "2027":
    source: 国办发明电〔2026〕N号
    holidays: ["2027-01-01", ...]
    makeup_workdays: [...]
```

## Options
- `horizon_days` (int, default 60): how far ahead of today deadlines must be countable
  (60 days is the longest complaint period with its extension).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "CAL001"
NAME = "calendar-coverage"
TITLE = "工作日历须覆盖即将到来的时限 Calendar covers the coming deadlines"
SEVERITY = "warning"
# the company calendar may be the file that could not be read: while one cannot be read, the engine withholds
# its findings (FIL006)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {"horizon_days": 60}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    cal = model.calendar()
    if cal is None:
        return
    covered = set(cal.covered_years())
    end = model.today + timedelta(days=options["horizon_days"])
    missing = [y for y in range(model.today.year, end.year + 1) if y not in covered]
    if not missing:
        return
    span = f"{min(covered)}-{max(covered)}" if covered else _("no year")
    years = ", ".join(map(str, missing))
    files = [f for f in model.files_of("calendar") if not f.overlay]  # years are the head office's to add
    if files:
        where = files[0]
        line, col = where.pos("years") if "years" in where.data else (1, 1)
        yield Finding(where.path, line, col,
                      _("deadlines counted from today ({today}) can run to {end}, but the working-day calendar "
                        "covers {span}: add the State Council's schedule for {years} under 'years' in the calendar "
                        "file").format(today=model.today, end=end, span=span, years=years),
                      item=model.of("calendar")[0].id if model.of("calendar") else None)
        return
    # No calendar file, so no line is at fault. Pinned to the header of the organisation
    # file (the company's own root file; without one, the first file): the place does not
    # move as deadlines change, and the calendar goes beside it. A file that merely sorts
    # first, or one deadline of many, would suggest the fault lies there. The message
    # names the file to create.
    orgs = model.files_of("organisation")
    anchor = orgs[0] if orgs else (model.files[0] if model.files else None)
    if anchor is None:
        return
    line, col = anchor.loaded.key_pos(anchor.data, "kind", value=False)  # the `kind:` line that opens it
    yield Finding(anchor.path, line, col,
                  _("there is no calendar file, and the holiday package alone covers {span}: deadlines counted from "
                    "today ({today}) can run to {end}; create {file} (kind: calendar) in the policy folder, with the "
                    "State Council's schedule for {years} under 'years'").format(
                      span=span, today=model.today, end=end, years=years,
                      file=posixpath.join(posixpath.dirname(anchor.path), "calendar.yaml")))
