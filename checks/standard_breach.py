"""每项服务标准须写明违反时构成的违规 Every standard names its breach

## What it does
Reports a standard without `breach`: the violation (in the penalties file)
that failing it counts as. A standard kept visible as not adopted
(`adopted: false`) binds no one and names no breach (PRO002): it is skipped.

This is one company's expectation, on by default: a company whose standards
are not tied to penalties switches it off in `handbook.toml`
(`[rules]` `STD001 = "off"`).

## Why
A standard whose breach is named nowhere cannot be judged: the inspector has
no tier to apply, and staff cannot tell how much a standard weighs.

## Example
```yaml
  - id: std-answer
    title: 回访发现问题3个工作日内答复
    requirement: 回访中发现的问题，3个工作日内答复客户。
    owner: agent
```

## Use instead
```yaml
  - id: std-answer
    title: 回访发现问题3个工作日内答复
    requirement: 回访中发现的问题，3个工作日内答复客户。
    owner: agent
    breach: viol-answer-late
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "STD001"
NAME = "standard-breach"
TITLE = "每项服务标准须写明违反时构成的违规 Every standard names its breach"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for s in model.of("standard"):
        if s.get("breach") is None and s.get("adopted") is not False:
            yield Finding(s.path, *s.pos(),
                          _("standard '{id}' ({title}) names no breach: add breach: <violation id> (the violation "
                            "that failing it counts as)").format(id=s.id, title=s.title), item=s.id)
