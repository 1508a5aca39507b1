"""政策过了复审日期 Stale policy

## What it does
Reports a policy file whose `review_by` date has passed.

## Why
Rules drift from practice and from the law; a file nobody has reviewed by its
date may no longer be true. The manual shows the review date on every page.

## Example
```yaml
review_by: "2024-12-31"
```

## Use instead
```yaml
# review the file, then move the date
review_by: "2027-06-30"
```

## Options
- `warn_days` (int, default 0): also warn this many days before the date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "STL001"
NAME = "stale-policy"
TITLE = "政策过了复审日期 Stale policy"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"warn_days": 0}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    horizon = model.today + timedelta(days=options["warn_days"])
    for f in model.files:
        review = f.data.get("review_by")
        try:
            when = date.fromisoformat(review) if isinstance(review, str) else None
        except ValueError:
            when = None
        if when is None:
            continue  # the schema reports a malformed date
        if when < model.today:
            line, col = f.pos("review_by")
            yield Finding(f.path, line, col,
                          _("review date {date} has passed: review this policy and move the date").format(date=review))
        elif when <= horizon:
            line, col = f.pos("review_by")
            yield Finding(f.path, line, col, _("review date {date} is within {days} days").format(
                date=review, days=options["warn_days"]))
