"""顶层必须是映射 Top level must be a mapping

## What it does
Reports an empty file, or a file whose top level is a list or a single value.

## Why
Every policy file is a mapping that starts with `kind:`; anything else cannot be classified.

## Example
```yaml
- id: std-hotline
```

## Use instead
```yaml
kind: standards
# ...header fields...
standards:
  - id: std-hotline
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML007"
NAME = "top-level-mapping"
TITLE = "顶层必须是映射 Top level must be a mapping"
SEVERITY = "error"
STAGE = "load"
