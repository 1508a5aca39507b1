"""分支机构删除总公司条目 A branch removes a head-office item

## What it does
Reports an override with `removed: true` in a branch's file: the branch would drop a
head-office item (a standard, a stage, a channel) from its effective rules.

## Why
Removing a rule is the strongest relaxation there is. A branch may add and tighten; a rule
the head office sets holds in every branch unless a head-office post with the authority
waives BRN002 for that item.

## Example
```yaml
# branches/hz-branch/complaints.yaml
channels:
  - overrides: ch-telex
    removed: true
```

## Use instead
```yaml
# keep the head-office item; have the head office remove it, or grant a waiver
channels:
  - overrides: ch-telex
    hours: {open: working_days, start: "09:00", end: "17:00"}
```

## Options
None. Enforced when a branch is checked.
"""

CODE = "BRN002"
NAME = "branch-removes"
TITLE = "分支机构删除总公司条目 A branch removes a head-office item"
SEVERITY = "error"
STAGE = "engine"
