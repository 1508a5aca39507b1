"""无法识别的文件 Unclassified file

## What it does
Reports a `*.yaml`/`*.yml` file in the policy folder whose `kind` is missing or unknown.

## Why
Every YAML file in the policy folder is a policy file. A file silently skipped is a rule
silently missing from the manual.

## Example
```yaml
title: 新规则
standards: []
```

## Use instead
```yaml
kind: standards
title: 新规则
```

## Options
None. Enforced while loading the file.
"""

CODE = "FIL001"
NAME = "unclassified-file"
TITLE = "无法识别的文件 Unclassified file"
SEVERITY = "error"
STAGE = "load"
