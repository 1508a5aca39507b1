"""取值无效 Invalid value

## What it does
Reports a value outside what the schema allows: an id that breaks the id pattern, an
unknown category or unit, a malformed date, a number out of range.

## Why
Ids are stable names other files refer to; units and categories drive the checks and the manual.

## Example
```yaml
id: Std_Hotline
unit: days
```

## Use instead
```yaml
id: std-hotline
unit: calendar_days
```

## Options
None. Enforced by the JSON Schema of the file's kind.
"""

CODE = "SCH004"
NAME = "invalid-value"
TITLE = "取值无效 Invalid value"
SEVERITY = "error"
STAGE = "schema"
# the JSON Schema keywords whose failures this rule reports
SCHEMA_KEYWORDS: tuple[str, ...] = ("pattern", "format", "enum", "const", "minimum", "maximum", "minLength",
                                     "maxLength", "not")
