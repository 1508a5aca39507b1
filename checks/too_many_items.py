"""条目过多 Too many items

## What it does
Reports a file with more keys and list items in total than the `max_nodes`
limit (default 200,000), at the item that goes over. The count is taken while
parsing, before anything is built, so even a 5 MiB file of dense flow items
(`- [1,1,1,...]`) is refused in about a second and well under 200 MB.

## Why
No policy file is that large; a huge file is a mistake or an attempt to exhaust memory.
Split large policies into files of a few hundred items.

## Example
```yaml
# one file with a million glossary terms
```

## Use instead
```yaml
# several files of a few hundred items each
```

## Options
Limit `max_nodes` in `[limits]` of handbook.toml.
"""

CODE = "YML014"
NAME = "too-many-items"
TITLE = "条目过多 Too many items"
SEVERITY = "error"
STAGE = "load"
