"""其他结构错误 Other schema error

## What it does
Reports any other way a document breaks its schema.

## Why
The schema is the contract between the policy files, the checks and the manual.

## Example
```yaml
target: {type: deadline}
```

## Use instead
```yaml
target: {type: deadline, deadline: {amount: 5, unit: working_days, from: ev-receipt}}
```

## Options
None. Enforced by the JSON Schema of the file's kind.
"""

CODE = "SCH009"
NAME = "schema-other"
TITLE = "其他结构错误 Other schema error"
SEVERITY = "error"
STAGE = "schema"
# the JSON Schema keywords whose failures this rule reports (and any keyword no other rule names)
SCHEMA_KEYWORDS: tuple[str, ...] = ()
