"""行过长 Line too long

## What it does
Reports a line longer than the `max_line_length` limit (default 10,000 characters), before parsing.

## Why
Policies are read and reviewed by people; an enormous line is a paste accident or an
attack on the parser (deep nesting on one line).

## Example
```yaml
title: 服务标准……（20,000 characters on one line）
```

## Use instead
```yaml
# split the text, or use a block scalar (|) over several lines
```

## Options
Limit `max_line_length` in `[limits]` of handbook.toml.
"""

CODE = "YML015"
NAME = "line-too-long"
TITLE = "行过长 Line too long"
SEVERITY = "error"
STAGE = "load"
