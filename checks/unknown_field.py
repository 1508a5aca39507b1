"""未知字段 Unknown field

## What it does
Reports a field the schema does not define, and suggests the closest known name.

## Why
A misspelt field (`ownr:`) is otherwise ignored, and the rule it carries is lost.

## Example
```yaml
ownr: agent
```

## Use instead
```yaml
owner: agent
```

## Options
None. Enforced by the JSON Schema of the file's kind.
"""

CODE = "SCH002"
NAME = "unknown-field"
TITLE = "未知字段 Unknown field"
SEVERITY = "error"
STAGE = "schema"
# the JSON Schema keywords whose failures this rule reports
SCHEMA_KEYWORDS: tuple[str, ...] = ('additionalProperties',)
