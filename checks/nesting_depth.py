"""嵌套过深 Nesting too deep

## What it does
Reports values nested deeper than the `max_depth` limit (default 64), and stops reading the file.

## Why
Real policies nest a few levels; tens of thousands of nested brackets crash YAML
parsers. The limit turns that into a message.

## Example
```yaml
a: [[[[[[[[ ... ]]]]]]]]
```

## Use instead
```yaml
# flatten the structure
```

## Options
Limit `max_depth` in `[limits]` of handbook.toml (default 64).
"""

CODE = "YML011"
NAME = "nesting-depth"
TITLE = "嵌套过深 Nesting too deep"
SEVERITY = "error"
STAGE = "load"
