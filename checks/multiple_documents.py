"""多个文档 Multiple documents

## What it does
Reports a file with more than one YAML document (separated by `---`).

## Why
Each policy file holds one document; a second one would be ignored by a reader that takes the first.

## Example
```yaml
kind: glossary
---
kind: standards
```

## Use instead
```yaml
# split the documents into two files
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML006"
NAME = "multiple-documents"
TITLE = "多个文档 Multiple documents"
SEVERITY = "error"
STAGE = "load"
