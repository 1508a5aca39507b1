"""豁免须经有权岗位批准、有期限，且不得豁免监管时限 Waivers follow the waiver policy

## What it does
Reports a waiver that breaks the waiver policy, and keeps it from applying (the
problem it would have hidden is reported as if it were not there):

- it waives a check that may never be waived: a breach of a regulatory limit
  (LIM001, TML001, TML002), or a check listed under `never_waive`;
- its `approved_by` role has no authority over that check (`authority` in the
  waivers file; without it, only the organisation's `head`);
- it runs longer than `max_days` (default 90) from `granted` to `until`, ends
  before it was granted, or a date is not written "YYYY-MM-DD".

Only one waivers file may declare the policy (`authority`, `max_days`,
`never_waive`). When more than one does, each is reported and none applies (the
default stands), so a file added beside the first cannot grant itself authority.

## Why
A waiver silences a problem, so it is itself a control: a free-text approver,
an `until` of 2999-12-31 added in the same change, or a waiver of a regulator's
deadline would let anyone turn a breach into a green check. The regulator's
limits are owed whatever the company approves.

## Example
```yaml
waivers:
  - id: wv-late
    check: LIM001
    item: stage-decision
    approved_by: 某员工（总经理）
    reason: 人手不足
    granted: "2026-01-01"
    until: "2999-12-31"
```

## Use instead
```yaml
authority:
  - role: dept-head
    checks: [CAL001, OWN002]
max_days: 90
waivers:
  - id: wv-duties
    check: OWN002
    item: agent
    approved_by: dept-head
    reason: 岗位职责正在修订，3月底前发布
    granted: "2026-01-01"
    until: "2026-03-31"
```

## Options
None: the policy is data in the waivers file (`authority`, `max_days`, `never_waive`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import N_, _
from handbook.problem import Finding
from handbook.waivers import POLICY_KEYS, WaiverPolicy

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "WVR003"
NAME = "waiver-governance"
TITLE = "豁免须经有权岗位批准、有期限，且不得豁免监管时限 Waivers follow the waiver policy"
SEVERITY = "error"
# the organisation file names the default approver: while one cannot be read, the engine withholds its findings (FIL006)
CROSS_FILE = True
OPTIONS: dict[str, Any] = {}
WAIVABLE = False
WAIVER_NOTE = N_("a waiver rule cannot itself be waived")  # translated where it is shown


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    declaring = WaiverPolicy.policy_files(model)
    if len(declaring) > 1:
        names = ", ".join(f.path for f in declaring)
        for f in declaring:
            key = next(k for k in POLICY_KEYS if k in f.data)
            yield Finding(f.path, *f.pos(key),
                          _("more than one waivers file declares a waiver policy ({files}): none applies and only "
                            "the organisation's head may approve; keep authority, max_days and never_waive in one "
                            "file").format(files=names))
    policy = WaiverPolicy.of(model)
    for w in model.of("waiver"):
        for field, message in policy.problems(w):
            yield Finding(w.path, *w.pos(field), _("waiver '{id}': {problem}").format(id=w.id, problem=message),
                          item=w.id)
