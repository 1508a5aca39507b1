"""不允许别名 Alias

## What it does
Reports any alias (`*name`), and stops reading the file.

## Why
Aliases let a few lines expand into billions of values (the "billion laughs" attack) and
make a rule depend on text elsewhere. Refusing them keeps every file safe to load and
every rule written out.

## Example
```yaml
applies_to: &all [agent, qa-inspector]
other: *all
```

## Use instead
```yaml
applies_to: [agent, qa-inspector]
other: [agent, qa-inspector]
```

## Options
None. Enforced while loading the file.
"""

CODE = "YML010"
NAME = "alias"
TITLE = "不允许别名 Alias"
SEVERITY = "error"
STAGE = "load"
