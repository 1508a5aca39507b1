"""分支机构增设的机构或岗位不在本机构之下 Branch adds a unit or post outside itself

## What it does
Reports a unit or a post that a branch's files add (an item of the branch's own, not an
override) whose place in the organisation is not the branch's unit or a unit below it: a
unit whose `parent` chain does not reach the branch, a post whose `unit` is outside it.
An override that moves a head-office unit or post (its `parent`, `unit` or `reports_to`),
and a branch folder named after the organisation's top unit (the head office itself), are
reported too.

## Why
A branch writes rules for itself. A post it adds under the head office, or under another
branch, would appear in that unit's organisation chart and chain of command in the
branch's manual, where nobody of that unit agreed to it; and the head office's own rules
are changed in `policies/`, not from a branch's folder. A post's place also decides its
rank: moved up, a junior post would pass for a senior one when a duty is handed to it.

## Example
```yaml
# branches/unit-north/organisation.yaml
roles:
  - id: north-line-attendant
    name: 本地投诉电话值守岗
    unit: unit-south        # another branch
```

## Use instead
```yaml
roles:
  - id: north-line-attendant
    name: 本地投诉电话值守岗
    unit: unit-north        # the branch itself, or a unit below it
```

## Options
None. Enforced when a branch is checked.
"""

CODE = "BRN005"
NAME = "branch-scope"
TITLE = "分支机构增设的机构或岗位不在本机构之下 Branch adds a unit or post outside itself"
SEVERITY = "error"
STAGE = "engine"
