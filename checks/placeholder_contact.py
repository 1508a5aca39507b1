"""已公布渠道的联系方式不得是示例数据 Published channels have real contact data

## What it does
Reports every published channel (`published: true`) whose contact data is a
placeholder: a value in its `contact` (phone, fax, address, e-mail, URL,
hours) that matches one of the `placeholders` patterns, such as "示例", a
reserved example domain (example.com, example.org, example.net) or a phone
number made of runs of zeros (000-0000, 4000-000-000). Nothing is reported
when the organisation file says the set describes a sample company
(`sample: true`): the manual then says so on every page.

## Why
The regulation requires the company to publish how complaints reach it. A
channel marked as published whose phone number is "4000-000-000（示例号码）"
passes CHN001 and shows in the manual as published, yet no complaint can reach
the company through it.

## Example
```yaml
  - id: channel-hotline
    type: hotline
    contact: {phone: 4000-000-000（示例号码）}
    published: true
```

## Use instead
```yaml
  - id: channel-hotline
    type: hotline
    contact: {phone: "95500"}   # the number the company publishes
    published: true
```
or, for a policy set that describes a sample company, in the organisation
file:
```yaml
sample: true
```

## Options
- `placeholders` (list of regular expressions): a contact value matching any of
  them (searched anywhere in the value) is a placeholder. The default list
  holds "示例", "待定", "TBD", an address of 某省/某市/某路, a name or number
  masked with XXX, the reserved example domains (example.com, .org, .net,
  .cn ...) and test domains (.test, .invalid, .example), and a number whose
  digits after the first are zeros, in two or more groups (000-0000,
  4000-000-000) or in one run of eight or more (010-00000000, 4000000000; a
  postcode such as 100000 is not one).
  Setting the option replaces the list. A pattern that is not a valid regular
  expression is matched as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding
from handbook.render.sample import is_sample
from handbook.validation import package_schemas

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "CHN003"
NAME = "placeholder-contact"
TITLE = "已公布渠道的联系方式不得是示例数据 Published channels have real contact data"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {
    "placeholders": [
        "示例",
        "待定",
        r"(?i)\bTBD\b",
        # 某省某市某区某路: an address with no place in it
        "某[省市区县路街镇]",
        # XXXX保险, 400-XXX-XXXX: a name or number masked with X
        r"(?i)X{3,}",
        # reserved and test domains: example.com/.org/.net/.cn, anything.test, .invalid, .example
        r"(?i)\bexample\.[a-z]{2,}\b",
        r"(?i)\.(?:test|invalid|example)\b",
        # a number whose digits after the first are all zeros, in two or more groups: 000-0000, 4000-000-000
        r"(?<!\d)\d?0{2,}(?:[-\s]0{2,})+(?!\d)",
        # ... or in one run of eight or more: 010-00000000, 4000000000 (not 010-80000000)
        r"(?<!\d)\d?0{8,}(?!\d)",
    ],
}


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error:
        return re.compile(re.escape(pattern))


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    if is_sample(model):
        return
    patterns = [_compile(p) for p in options["placeholders"] if isinstance(p, str) and p]
    labels = (model.schemas or package_schemas()).labels  # the schemas the files were read with
    for ch in model.of("channel"):
        contact = ch.get("contact")
        if ch.get("published") is not True or not isinstance(contact, dict):
            continue
        for field, value in contact.items():
            if not isinstance(value, (str, int)):
                continue
            text = str(value)
            hit = next((m for m in (p.search(text) for p in patterns) if m is not None), None)
            if hit is None:
                continue
            line, col = ch.file.loaded.key_pos(contact, field, value=True)
            yield Finding(ch.path, line, col,
                          _("channel '{id}' ({title}) is published, but its contact '{field}' ({field_label}) "
                            "'{value}' is a placeholder ('{match}'): put the contact the company publishes, or "
                            "say in the organisation file that the set describes a sample company "
                            "(sample: true)").format(
                              id=ch.id, title=ch.title, field=field,
                              field_label=labels.label("channel", "contact", field), value=text,
                              match=hit.group(0)),
                          item=ch.id)
