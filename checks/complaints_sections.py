"""投诉处理文件须有原则、审查分流和不予受理情形 The complaints file is complete

## What it does
Reports the sections the `sections` option lists (by default `principles`, `triage`
and `non_acceptance`) that no complaints file of the set holds, at the first
complaints file's `kind` line. A second complaints file (a branch's additions) need
not repeat what the first holds.

This is one company's expectation, on by default: another company lists only
the sections it keeps (`sections = ["principles"]`) or switches the rule off
(`[rules]` `CMP001 = "off"`).

A name in `sections` that is not a top-level field of a complaints file (as
the complaints schema has them: `["principle"]` for `principles`) could never
be written, so the warning it would give could never be fixed: it is reported
instead, at the `kind` line of the (first) complaints file, with the fields
there are (and the one meant, when it is close), and left out of the check.
handbook.toml checks only an option's type, not its values, and a rule does
not see where handbook.toml is: so this is a finding of CMP001 in the
complaints file, not an error in handbook.toml.

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
  fields every complaints file must have; each a top-level field of the
  complaints schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding

if TYPE_CHECKING:
    from handbook.model import Model
    from handbook.validation import SchemaSet

CODE = "CMP001"
NAME = "complaints-sections"
TITLE = "投诉处理文件须有原则、审查分流和不予受理情形 The complaints file is complete"
SEVERITY = "warning"
OPTIONS: dict[str, Any] = {"sections": ["principles", "triage", "non_acceptance"]}


def known_sections(schemas: SchemaSet | None = None) -> list[str]:
    """The top-level fields of a complaints file, as the complaints schema has them (the
    schemas the model was read with, else the package's)."""
    if schemas is None:
        from handbook.validation import package_schemas

        schemas = package_schemas()
    return list(schemas.kinds.get("complaints", {}).get("properties", {}))


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    files = model.files_of("complaints")
    if not files:
        return
    known = known_sections(model.schemas)
    unknown = [s for s in options["sections"] if s not in known]
    wanted = [s for s in options["sections"] if s in known]
    for name in unknown:  # once, at the first complaints file: the option is not the file's
        close = get_close_matches(str(name), known, n=1)
        message = _("the sections option of {code} in handbook.toml names '{name}', which is not a field of a "
                    "complaints file: it can never be written, so fix the option (the fields: {known})")
        if close:
            message += _("; did you mean '{close}'?")
        yield Finding(files[0].path, *files[0].pos("kind"), message.format(
            code=CODE, name=name, known=", ".join(known), close=close[0] if close else ""))
    # the sections of the whole set: a second complaints file (a branch's additions) need not repeat them
    missing = [s for s in wanted if not any(f.data.get(s) for f in files)]
    if missing:
        f = files[0]
        yield Finding(f.path, *f.pos("kind"),
                      _("the complaints file has no {fields}: add them, or list the sections your company keeps "
                        "in the sections option of {code}").format(fields=", ".join(missing), code=CODE))
