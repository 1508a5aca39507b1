"""文件编码错误 Encoding

## What it does
Reports a file that is not UTF-8 text: UTF-16, GBK/GB18030, invalid bytes or NUL bytes,
with the byte offset. A UTF-8 byte-order mark is accepted.

## Why
Files pasted from Word or saved by older editors are often GBK or UTF-16; reading them
wrongly would garble every Chinese rule.

## Example
```yaml
# a file saved as GBK
```

## Use instead
```yaml
# save the file as UTF-8 (most editors: "Save with encoding" → UTF-8)
```

## Options
None. Enforced while loading the file.
"""

CODE = "ENC001"
NAME = "encoding"
TITLE = "文件编码错误 Encoding"
SEVERITY = "error"
STAGE = "load"
