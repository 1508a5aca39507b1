"""未知标签或复杂键 Unknown tag or complex key

## What it does
Reports explicit tags such as `!!python/object` or `!include`, and keys that are lists or mappings.

## Why
Policy files hold plain data only. Tags are how YAML loaders are tricked into running
code; this tool never constructs anything but text, numbers, booleans, lists and
mappings.

## Example
```yaml
title: !!python/object:os.system echo
```

## Use instead
```yaml
title: 服务标准
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML008"
NAME = "unknown-tag"
TITLE = "未知标签或复杂键 Unknown tag or complex key"
SEVERITY = "error"
STAGE = "load"
