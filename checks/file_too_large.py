"""文件过大 File too large

## What it does
Reports a policy file larger than the `max_bytes` limit (default 5 MiB).

## Why
No policy file is that large; a huge file is a mistake (a pasted export) or an attack on the tool's memory.

## Example
```yaml
# a 50 MB file
```

## Use instead
```yaml
# split the policy into files of a few hundred items
```

## Options
Limit `max_bytes` in `[limits]` of handbook.toml (default 5 MiB).
"""

CODE = "FIL003"
NAME = "file-too-large"
TITLE = "文件过大 File too large"
SEVERITY = "error"
STAGE = "load"
