"""内部规则须注明依据 Internal rules cite their source

## What it does
Reports an internal rule that names no source: a standard, complaint stage,
principle, triage outcome, ground for not accepting, clock rule (pause,
restart, stop), report, follow-up kind, method or requirement without
`implements`, or a required channel without `required_by`. A stage done by
someone outside the company (`party`, such as the complainant supplying
material) is not a rule of the company's and is not reported. (A rule resting
only on a repealed regulation is TRC003.)

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
    implements: [reg.a10]
```

## Options
- `kinds` (list, default: the kinds listed above): the item kinds that count as internal rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.model import AGAINST_FIELDS
from handbook.problem import Finding
from handbook.validation import SchemaSet, package_schemas

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "TRC002"
NAME = "rule-without-source"
TITLE = "内部规则须注明依据 Internal rules cite their source"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {
    "kinds": ["standard", "stage", "principle", "triage", "ground", "clock", "report", "followup", "method",
              "fu-rule", "channel"],
}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    fields = source_fields(model.schemas)
    for kind in options["kinds"]:
        names = fields.get(kind, ())
        if not names:
            continue  # its schema gives it no field to name a source in: nothing the editor could add
        for item in model.of(kind):
            if item.get("party") is not None:
                continue  # done outside the company: the company's rules do not govern it
            if not any(item.get(name) for name in names):
                yield Finding(item.path, *item.pos(),
                              _("{kind} '{id}' ({title}) names no source: add {field}: [article ids]").format(
                                  kind=kind, id=item.id, title=item.title, field=names[0]),  # one per kind today
                              item=item.id)


@cache
def source_fields(schemas: SchemaSet | None = None) -> dict[str, tuple[str, ...]]:
    """Item kind -> the fields in which it names its source, as the schemas declare them: the
    lists of article references held by the item itself (``implements``; a channel's
    ``required_by``). Read from the schemas (the package's by default) so that the advice names the
    field the item has."""
    schemas = schemas or package_schemas()
    out: dict[str, tuple[str, ...]] = {}
    for file_kind in schemas.kinds:
        rm = schemas.refmodel(file_kind)
        for id_path, kind in rm.ids:
            at = id_path[:-1]  # the item: ("channels", "*") for ("channels", "*", "id")
            out[kind] = tuple(path[len(at)] for path, target in rm.refs
                              if target == "article" and path[:len(at)] == at and path[len(at) + 1:] == ("*",)
                              and path[len(at)] not in AGAINST_FIELDS)
    return out
