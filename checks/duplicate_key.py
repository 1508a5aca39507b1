"""重复的键 Duplicate key

## What it does
Reports a key written twice in the same mapping.

## Why
YAML parsers keep only the last value without a word, so the first rule an officer wrote disappears.

## Example
```yaml
id: std-hotline
title: 热线
title: 全天热线
```

## Use instead
```yaml
id: std-hotline
title: 全天热线
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML002"
NAME = "duplicate-key"
TITLE = "重复的键 Duplicate key"
SEVERITY = "error"
STAGE = "load"
