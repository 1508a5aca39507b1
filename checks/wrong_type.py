"""类型错误 Wrong type

## What it does
Reports a value of the wrong type, e.g. text where a number or a list is expected.

## Why
`amount: "五"` cannot be counted on the calendar.

## Example
```yaml
amount: 五
```

## Use instead
```yaml
amount: 5
```

## Options
None. Enforced by the JSON Schema of the file's kind.
"""

CODE = "SCH003"
NAME = "wrong-type"
TITLE = "类型错误 Wrong type"
SEVERITY = "error"
STAGE = "schema"
# the JSON Schema keywords whose failures this rule reports
SCHEMA_KEYWORDS: tuple[str, ...] = ('type',)
