"""不允许合并键 Merge key

## What it does
Reports merge keys (`<<: *base`).

## Why
A rule should read the same in the file, in a diff and in the manual; merged keys hide
part of it somewhere else. They also rely on aliases (YML010).

## Example
```yaml
- <<: *common
  id: std-a
```

## Use instead
```yaml
- id: std-a
  owner: agent   # write the shared fields out
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML009"
NAME = "merge-key"
TITLE = "不允许合并键 Merge key"
SEVERITY = "error"
STAGE = "load"
