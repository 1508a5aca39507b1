"""内部规则须注明依据 Internal rules cite their source

## What it does
Reports an internal rule that names no source: a standard, complaint stage,
principle, triage outcome, ground for not accepting, clock-restart rule,
report, follow-up kind, method or requirement without `implements`, or a
required channel without `required_by`. (A rule resting only on a
repealed regulation is TRC003.)

## Why
Every rule staff must follow should say which law or internal article it comes
from, so that a change in the law finds every rule it touches.

## Example
```yaml
principles:
  - id: pr-convenient
    name: 便民
```

## Use instead
```yaml
principles:
  - id: pr-convenient
    name: 便民
    implements: [cs-reg.a10]
```

## Options
- `kinds` (list, default below): the item kinds that count as internal rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "TRC002"
NAME = "rule-without-source"
TITLE = "内部规则须注明依据 Internal rules cite their source"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {
    "kinds": ["standard", "stage", "principle", "triage", "ground", "restart", "report", "followup", "method",
              "fu-rule", "channel", "span"],
}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for kind in options["kinds"]:
        for item in model.of(kind):
            if not item.get("implements") and not item.get("required_by"):
                yield Finding(item.path, *item.pos(), f"{kind} '{item.id}' ({item.title}) names no source: "
                              "add implements: [article ids]", item=item.id)
