"""奖惩文件须写明认定等级的岗位 The penalties file names who judges

## What it does
Reports a policy set whose penalties files name no `judged_by`: the role that
decides which tier a breach is (the inspector), or a list of roles, each judging the
staff of its own unit and the units below it (PEN006), at the first penalties file's
`kind` line. A second penalties file (a branch's additions) need not repeat it.

This is one company's expectation, on by default: a company where tiers
follow from the catalogue alone switches it off (`[rules]` `CMP002 = "off"`).

## Why
Tiers are applied by a person; without a named role every manager decides
alone and the same breach is judged differently from branch to branch.

## Example
```yaml
kind: penalties
tiers: [...]
violations: [...]
```

## Use instead
```yaml
kind: penalties
judged_by: branch-qa   # or a list: [dept-head, branch-qa]
tiers: [...]
violations: [...]
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

CODE = "CMP002"
NAME = "penalties-judge"
TITLE = "奖惩文件须写明认定等级的岗位 The penalties file names who judges"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    files = model.files_of("penalties")
    if any(f.data.get("judged_by") for f in files):
        return  # named for the set: a second penalties file (a branch's additions) need not repeat it
    for f in files[:1]:
        if not f.data.get("judged_by"):
            yield Finding(f.path, *f.pos("kind"),
                          _("the penalties file names no judged_by: add the role that decides a breach's tier "
                            "(the inspector)"))
