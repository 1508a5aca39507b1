"""有文件无法读取，后续问题未报告 Follow-on problems withheld

## What it does
When a policy file cannot be read (a YAML error, an unknown `kind`, a bad
encoding), the consistency checks run without its items, and every reference
into it would look broken. Instead of listing those follow-ons, one line on the
unreadable file says how many were withheld. When one file is checked on its
own and another file of its folder cannot be read, one line says which
references were not resolved.

## Why
One broken file used to produce dozens of REF001 and PEN002 lines in other
files, listed before the real cause. Root causes come first, and the noise they
cause is counted, not printed. When any withheld problem would have been an
error, this line is an error too, whatever handbook.toml sets for it or for the
rule that made the file unreadable: a run never passes on problems it could not
tell apart from follow-ons.

## Example
```yaml
# organisation.yaml
roles:
  - id: agent
    name: 客服专员
   duties: [受理投诉]      # a YAML error: nobody references agent successfully
```

## Use instead
```yaml
roles:
  - id: agent
    name: 客服专员
    duties: [受理投诉]
```

## Options
None. Reported by the engine; the problems it withholds come back once the file
can be read.
"""

from handbook.i18n import N_

CODE = "FIL006"
NAME = "follow-on-withheld"
TITLE = "有文件无法读取，后续问题未报告 Follow-on problems withheld"
SEVERITY = "warning"
STAGE = "engine"
WAIVABLE = False
WAIVER_NOTE = N_("it only reports that other problems were withheld")  # translated where it is shown
