"""列表约束 List constraint

## What it does
Reports an empty list where at least one entry is needed, or a list with repeated entries.

## Why
`applies_to: []` says a standard applies to nobody.

## Example
```yaml
applies_to: []
```

## Use instead
```yaml
applies_to: [agent]
```

## Options
None. Enforced by the JSON Schema of the file's kind.
"""

CODE = "SCH005"
NAME = "list-constraint"
TITLE = "列表约束 List constraint"
SEVERITY = "error"
STAGE = "schema"
# the JSON Schema keywords whose failures this rule reports
SCHEMA_KEYWORDS: tuple[str, ...] = ('uniqueItems', 'minItems', 'minProperties')
