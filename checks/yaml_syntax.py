"""YAML 语法错误 YAML syntax error

## What it does
Reports text that is not valid YAML, at the line and column where the parser gave up.

## Why
A file that cannot be parsed contributes no rule to the manual; the whole file would silently be missing.

## Example
```yaml
title: 服务标准
standards:
  - id: std-hotline
     title: 热线   # indented deeper than its sibling
```

## Use instead
```yaml
title: 服务标准
standards:
  - id: std-hotline
    title: 热线
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML001"
NAME = "yaml-syntax"
TITLE = "YAML 语法错误 YAML syntax error"
SEVERITY = "error"
STAGE = "load"
