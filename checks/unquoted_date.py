"""未加引号的日期 Unquoted date

## What it does
Reports a date written without quotes, such as `2026-01-01`.

## Why
YAML 1.1 turns it into a date object, not the text the schema expects; dates in policies
are quoted strings checked by format.

## Example
```yaml
effective_date: 2026-01-01
```

## Use instead
```yaml
effective_date: "2026-01-01"
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML004"
NAME = "unquoted-date"
TITLE = "未加引号的日期 Unquoted date"
SEVERITY = "error"
STAGE = "load"
