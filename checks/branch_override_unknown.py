"""改写的总公司条目不存在 Override of no head-office item

## What it does
Reports an entry in a branch's file whose `overrides` names no item of the head office's
list of the same name (a typo, an item the head office has since renamed or removed).

## Why
The override would change nothing, and the branch's staff would follow the head office's
rule believing their own applied.

## Example
```yaml
standards:
  - overrides: std-counter-wiat
    target: {type: deadline, deadline: {amount: 15, unit: minutes, from: ev-arrived}}
```

## Use instead
```yaml
standards:
  - overrides: std-counter-wait
    target: {type: deadline, deadline: {amount: 15, unit: minutes, from: ev-arrived}}
```

## Options
None. Enforced when a branch is checked.
"""

CODE = "BRN004"
NAME = "branch-override-unknown"
TITLE = "改写的总公司条目不存在 Override of no head-office item"
SEVERITY = "error"
STAGE = "engine"
