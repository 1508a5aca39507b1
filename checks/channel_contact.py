"""渠道须有其类型所需的联系方式 A channel has the contact its type needs

## What it does
Checks every channel whose type is one the schema knows to need a contact
field (the `x-contact` mark beside the channel type in
`complaints.schema.json`: a hotline needs a phone number, a letter an address,
an e-mail channel an e-mail address, …) has that field in its `contact`. A
type the schema does not list (`type: kiosk`) needs none.

## Why
A published channel without the phone number, address or e-mail that makes it
usable is a channel only on paper; the regulation requires the company to
publish how complaints reach it.

## Example
```yaml
  - id: channel-letter
    name: 信函投诉
    type: letter
    contact: {phone: "95500"}
    published: true
```

## Use instead
```yaml
  - id: channel-letter
    name: 信函投诉
    type: letter
    contact: {address: 某市某路1号 客户服务部 收}
    published: true
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding
from handbook.validation import package_schemas

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "CHN002"
NAME = "channel-contact"
TITLE = "渠道须有其类型所需的联系方式 A channel has the contact its type needs"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    labels = (model.schemas or package_schemas()).labels  # the schemas the files were read with
    needs = labels.mark("channel", "type", "x-contact")
    for ch in model.of("channel"):
        kind = ch.get("type")
        need = needs.get(kind) if isinstance(kind, str) else None
        contact = ch.get("contact")
        if need is None or (isinstance(contact, dict) and contact.get(need)):
            continue
        yield Finding(ch.path, *ch.pos("contact" if isinstance(contact, dict) else "type"),
                      _("channel '{id}' ({title}) of type {type} ({type_label}) has no contact '{field}' "
                        "({field_label}), which its type needs").format(
                          id=ch.id, title=ch.title, type=kind, type_label=labels.label("channel", "type", kind),
                          field=need, field_label=labels.label("channel", "contact", need)),
                      item=ch.id)
