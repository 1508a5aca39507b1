"""投诉处理文件须有原则、审查分流和不予受理情形 The complaints file is complete

## What it does
Reports a complaints file without the sections the `sections` option lists
(by default `principles`, `triage` and `non_acceptance`), at the file's
`kind` line.

This is one company's expectation, on by default: another company lists only
the sections it keeps (`sections = ["principles"]`) or switches the rule off
(`[rules]` `CMP001 = "off"`).

## Why
The regulation asks the company to state its handling principles, how a
complaint is triaged and on which grounds one is not accepted; staff who
receive a complaint need all three.

## Example
```yaml
kind: complaints
title: 客户投诉处理
stages: [...]
```

## Use instead
```yaml
kind: complaints
title: 客户投诉处理
principles: [...]
triage: [...]
non_acceptance: [...]
stages: [...]
```

## Options
- `sections` (list, default `["principles", "triage", "non_acceptance"]`): the
  fields every complaints file must have.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "CMP001"
NAME = "complaints-sections"
TITLE = "投诉处理文件须有原则、审查分流和不予受理情形 The complaints file is complete"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"sections": ["principles", "triage", "non_acceptance"]}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for f in model.files_of("complaints"):
        missing = [s for s in options["sections"] if not f.data.get(s)]
        if missing:
            yield Finding(f.path, *f.pos("kind"),
                          _("the complaints file has no {fields}: add them, or list the sections your company keeps "
                            "in the sections option of {code}").format(fields=", ".join(missing), code=CODE))
