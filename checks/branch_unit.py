"""分支机构目录名不是组织中的机构 Branch folder names no unit

## What it does
Reports a folder under `branches/` whose name is not the id of a unit in the
organisation (the head office's, or the branch's own organisation file).

## Why
A branch is a unit of the organisation: its posts, closures and manual belong to that
unit. A folder named otherwise (a typo, a city name) would be checked and published as a
branch that does not exist.

## Example
```text
branches/hangzhou/standards.yaml     # no unit 'hangzhou'
```

## Use instead
```text
branches/hz-branch/standards.yaml    # units: - id: hz-branch
```

## Options
None. Enforced when a branch is checked.
"""

CODE = "BRN003"
NAME = "branch-unit"
TITLE = "分支机构目录名不是组织中的机构 Branch folder names no unit"
SEVERITY = "error"
STAGE = "engine"
