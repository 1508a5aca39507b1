"""流程路径须可逐一检查 A limit's paths can be checked

## What it does
Reports a regulatory limit whose process has more paths between its two events
than the timeline check enumerates (2,000), whose search through the stage
graph takes more than 200,000 steps, or that comes after the policy set has
used up its counting budget (4,000 passes over a table of start dates, about a
second: alternatives multiply the distinct chains of deadlines to count). The
limit is then not checked at all, so this is an error: the check never hangs,
and never passes what it did not read.

## Why
Alternatives multiply: ten independent two-way choices make 1,024 paths.
Usually they are conditions of one decision that should exclude each other
(one `group`), or separate processes that should not share events.

## Example
```yaml
conditions:
  - {id: cond-a1, name: 甲1}
  - {id: cond-a2, name: 甲2}      # no group: both may hold, so both branches are paths
```

## Use instead
```yaml
conditions:
  - {id: cond-a1, name: 甲1, group: a}
  - {id: cond-a2, name: 甲2, group: a}
```

## Options
- `confidence` (list, default `["confirmed", "likely"]`): which limits are enforced.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import N_, _
from handbook.problem import Finding
from handbook.timeline import MAX_PATHS, MAX_STEPS, results

from .deadline_within_limit import enforced
from .timeline_within_limit import limit_text

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "TML004"
NAME = "timeline-paths"
TITLE = "流程路径须可逐一检查 A limit's paths can be checked"
SEVERITY = "error"
WAIVABLE = False
# translated where it is shown
WAIVER_NOTE = N_("a limit that is not checked cannot be excused: split the process instead")
OPTIONS: dict[str, Any] = {"confidence": ["confirmed", "likely"]}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for r in results(model):
        if r.too_many and enforced(r.limit, options):
            yield Finding(r.limit.path, *r.limit.pos("to"), _(
                "limit {limit} is not checked: more than {paths} paths (or {steps} search steps, or more counting "
                "than the check allows) lead from its start to its end; give alternatives conditions of one "
                "group, or split the process").format(
                    limit=limit_text(r.limit), paths=MAX_PATHS, steps=MAX_STEPS), item=r.limit.id)
