"""文件无法读取 Unreadable file

## What it does
Reports a policy file that cannot be read (permissions, a broken link, an I/O error).

## Why
An unreadable file would otherwise drop its rules from the manual without notice.

## Example
```yaml
# policies/standards.yaml with mode 000
```

## Use instead
```yaml
chmod 644 policies/standards.yaml
```

## Options
None. Enforced while loading the file.
"""

CODE = "FIL002"
NAME = "unreadable-file"
TITLE = "文件无法读取 Unreadable file"
SEVERITY = "error"
STAGE = "load"
