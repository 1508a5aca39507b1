"""分支机构放宽总公司规则 A branch relaxes a head-office rule

## What it does
Reports an override in a branch's file (`branches/<id>/`) that relaxes the head-office
item it overrides: a longer deadline, a lower target, a lighter tier, a duty dropped, a
condition that narrows where the rule applies. Each changed field is held against the
head office's with `handbook diff`'s direction table (`handbook diff --rules`); the
problem names the item, the field, both values and the rule.

## Why
A branch adds to the head office's rules and may make them stricter for its own staff (a
shorter counter wait); it may not weaken what the head office promised its customers or
what the regulator requires. Where a branch truly must, a head-office post with the
authority to waive BRN001 (the waivers file's `authority`) waives it for that item; a
waiver approved by a branch's own post does not count.

## Example
```yaml
# branches/hz-branch/standards.yaml
standards:
  - overrides: std-counter-wait
    target: {type: deadline, deadline: {amount: 30, unit: minutes, from: ev-arrived}}   # head office: 20
```

## Use instead
```yaml
standards:
  - overrides: std-counter-wait
    target: {type: deadline, deadline: {amount: 15, unit: minutes, from: ev-arrived}}   # stricter: allowed
```

## Options
None. Enforced when a branch is checked (`handbook check`, `handbook check --branch ID`).
"""

CODE = "BRN001"
NAME = "branch-relaxes"
TITLE = "分支机构放宽总公司规则 A branch relaxes a head-office rule"
SEVERITY = "error"
STAGE = "engine"
