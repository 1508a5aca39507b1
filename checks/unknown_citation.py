"""引用了不存在的条目 Citation of an unknown policy item

## What it does
In the hand-written pages of the manual (`docs/*.md`), reports a citation
`[[id]]` whose id names no policy item, at its file, line and column. The check
runs when the manual is built, before MkDocs touches the site folder.

## Why
A citation becomes a link with the item's title. A typo or a renamed item would
otherwise leave staff with a dead link or raw `[[...]]` text in the manual.

## Example
```markdown
投诉须在 [[stage-decison]] 规定的时限内答复。
```

## Use instead
```markdown
投诉须在 [[stage-decision]] 规定的时限内答复。
```

## Options
None.
"""

CODE = "CITE001"
NAME = "unknown-citation"
TITLE = "引用了不存在的条目 Citation of an unknown policy item"
SEVERITY = "error"
STAGE = "build"
