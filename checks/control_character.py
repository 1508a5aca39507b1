r"""控制字符 Control character

## What it does
Reports, at its line and column, a control character (U+0000-U+001F other than
tab, newline and carriage return; U+007F-U+009F) anywhere in a policy file; a
character that changes how text reads without being seen (bidirectional marks,
embeddings, overrides and isolates: U+061C, U+200E, U+200F, U+202A-U+202E,
U+2066-U+2069; zero-width characters: U+200B-U+200D, U+2060, U+FEFF inside the
text; and the line separators U+0085, U+2028 and U+2029, which YAML counts as
line breaks), named; and a
double-quoted value whose escapes decode to any of these (`"\e[2J"`, `"\x07"`,
`"\u202e"`).

## Why
Text copied from Word or a PDF can carry invisible control characters; they
would garble the manual, a terminal or a CSV export. A right-to-left override
makes a title display reversed, so a reviewer reads something other than what
is stored; a line separator moves every later line number YAML reports.

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
