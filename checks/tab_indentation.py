"""用制表符缩进 Tab indentation

## What it does
Reports a tab character in the indentation at the start of a line.

## Why
YAML indents with spaces only; a tab makes the parser fail with a cryptic message, or,
in other tools, shifts a key to another level.

## Example
```yaml
standards:
	- id: std-hotline
```

## Use instead
```yaml
standards:
  - id: std-hotline
```

## Options
None. Checked before parsing. Tabs inside values are fine.
"""

CODE = "YML013"
NAME = "tab-indentation"
TITLE = "用制表符缩进 Tab indentation"
SEVERITY = "error"
STAGE = "load"
