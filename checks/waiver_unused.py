"""豁免未被使用 Unused waiver

## What it does
Reports a waiver that waives nothing: it names a check that does not exist, or
the check reports no problem on the item it names.

## Why
A stale waiver would silently excuse the problem if it came back later,
without anyone approving it again.

## Example
```yaml
  - id: wv-old
    check: LIM001
    item: stage-acceptance     # the stage was fixed long ago
```

## Use instead
```yaml
# delete the waiver
```

## Options
None. Applied by the engine after the checks run.
"""

from handbook.i18n import N_

CODE = "WVR002"
NAME = "waiver-unused"
TITLE = "豁免未被使用 Unused waiver"
SEVERITY = "warning"
STAGE = "engine"
# the problem a waiver covers may not be found while a file cannot be read
CROSS_FILE = True
WAIVABLE = False
WAIVER_NOTE = N_("a waiver rule cannot itself be waived")  # translated where it is shown
