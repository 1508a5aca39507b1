"""政策目录为空 Empty policy folder

## What it does
Reports a policy folder that holds no `*.yaml` or `*.yml` file at all.

## Why
Checking an empty folder (a wrong path, a failed checkout) would pass and
publish an empty manual.

## Example
```yaml
# handbook check docs/   (no policy files there)
```

## Use instead
```yaml
# handbook check policies/
```

## Options
None. Enforced while looking for policy files.
"""

CODE = "FIL005"
NAME = "empty-policy-folder"
TITLE = "政策目录为空 Empty policy folder"
SEVERITY = "error"
STAGE = "load"
