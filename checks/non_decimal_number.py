"""非十进制数字 Non-decimal number

## What it does
Reports numbers YAML 1.1 reads in another base or shape: `010` (octal 8), `0x1A`, `1_000`, `1:30` (base 60).

## Why
An amount of `010` working days would silently become 8.

## Example
```yaml
amount: 010
```

## Use instead
```yaml
amount: 10
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML005"
NAME = "non-decimal-number"
TITLE = "非十进制数字 Non-decimal number"
SEVERITY = "error"
STAGE = "load"
