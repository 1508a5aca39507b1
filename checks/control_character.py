"""控制字符 Control character

## What it does
Reports a control character (U+0000-U+001F other than tab, newline and carriage return; U+007F-U+009F other than U+0085) anywhere in a policy file, at its line and column.

## Why
Text copied from Word or a PDF can carry invisible control characters; they are not allowed in YAML and would garble the manual or a CSV export.

## Example
```yaml
title: "服务\u0007标准"   # an invisible BEL character pasted in
```

## Use instead
```yaml
title: 服务标准
```

## Options
None. Checked before parsing.
"""

CODE = "YML012"
NAME = "control-character"
TITLE = "控制字符 Control character"
SEVERITY = "error"
STAGE = "load"
