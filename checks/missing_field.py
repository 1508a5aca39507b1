"""缺少必填字段 Missing required field

## What it does
Reports a required field that is absent, with the field's description from the schema.

## Why
A standard without an owner or a stage without a responsible role is a rule nobody can be held to.

## Example
```yaml
- id: std-hotline
  title: 热线
```

## Use instead
```yaml
- id: std-hotline
  title: 热线
  category: hotline
  requirement: 全天24小时受理报案
  owner: agent
  applies_to: [agent]
  implements: [reg.a7]
  breach: viol-service-standard
```

## Options
None. Enforced by the JSON Schema of the file's kind.
"""

CODE = "SCH001"
NAME = "missing-field"
TITLE = "缺少必填字段 Missing required field"
SEVERITY = "error"
STAGE = "schema"
# the JSON Schema keywords whose failures this rule reports
SCHEMA_KEYWORDS: tuple[str, ...] = ('required',)
