"""链接指向政策目录之外 Symlink leaves the policy folder

## What it does
Reports a symbolic link in the policy folder that points outside it; the target is not read.

## Why
The manual must be built from the reviewed policy folder only; a link could pull in any file on the machine.

## Example
```yaml
policies/extra.yaml -> /etc/passwd
```

## Use instead
```yaml
# copy the file into the policy folder and review it
```

## Options
None. Enforced while loading the file.
"""

CODE = "FIL004"
NAME = "symlink-outside"
TITLE = "链接指向政策目录之外 Symlink leaves the policy folder"
SEVERITY = "error"
STAGE = "load"
