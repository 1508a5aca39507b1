"""豁免已过期 Expired waiver

## What it does
Reports a waiver whose `until` date has passed. The problem it waived is
reported again, as if the waiver were not there.

## Why
A waiver is a time-limited, approved exception, and compliance needs an audit
trail: an exception that outlives its approval is no longer approved.

## Example
```yaml
waivers:
  - id: wv-acceptance
    check: LIM001
    item: stage-acceptance
    approved_by: dept-head
    reason: 系统改造完成前沿用旧时限
    granted: "2025-01-01"
    until: "2025-06-30"
```

## Use instead
```yaml
# fix the policy, then delete the waiver; or have it re-approved with a new date
    until: "2026-12-31"
```

## Options
None. Applied by the engine after the checks run.
"""

from handbook.i18n import N_

CODE = "WVR001"
NAME = "waiver-expired"
TITLE = "豁免已过期 Expired waiver"
SEVERITY = "warning"
STAGE = "engine"
WAIVABLE = False
WAIVER_NOTE = N_("a waiver rule cannot itself be waived")  # translated where it is shown
