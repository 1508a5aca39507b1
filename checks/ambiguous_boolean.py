"""含糊的布尔值 Ambiguous boolean

## What it does
Reports `yes`, `no`, `on`, `off` (any case) written without quotes.

## Why
YAML 1.1 reads them as true/false: a channel named `no` or an answer `yes` changes
meaning silently. Only `true` and `false` are accepted as booleans.

## Example
```yaml
published: yes
```

## Use instead
```yaml
published: true
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML003"
NAME = "ambiguous-boolean"
TITLE = "含糊的布尔值 Ambiguous boolean"
SEVERITY = "error"
STAGE = "load"
