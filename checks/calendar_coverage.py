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

from datetime import timedelta
from typing import Any, Iterator

from handbook.problem import Finding

CODE = "CAL001"
NAME = "calendar-coverage"
TITLE = "工作日历须覆盖即将到来的时限 Calendar covers the coming deadlines"
SEVERITY = "warning"
# the company calendar may be the file that could not be read: while one cannot be read, the engine withholds its findings (FIL006)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {"horizon_days": 60}


def check(model: Any, options: dict[str, Any]) -> Iterator[Finding]:
    cal = model.calendar()
    if cal is None:
        return
    files = model.files_of("calendar")
    where = files[0] if files else (model.files[0] if model.files else None)
    if where is None:
        return
    cal_item = model.of("calendar")[0].id if model.of("calendar") else None
    covered = set(cal.covered_years())
    end = model.today + timedelta(days=options["horizon_days"])
    missing = [y for y in range(model.today.year, end.year + 1) if y not in covered]
    if missing:
        line, col = where.pos("years") if "years" in where.data else (1, 1)
        span = f"{min(covered)}-{max(covered)}" if covered else "no year"
        yield Finding(where.path, line, col,
                      f"deadlines counted from today ({model.today}) can run to {end}, but the working-day calendar "
                      f"covers {span}: add the State Council's schedule for {', '.join(map(str, missing))} under "
                      "'years' in the calendar file", item=cal_item)
