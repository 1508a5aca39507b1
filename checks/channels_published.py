"""规定要求的投诉渠道须公布 Required channels are published

## What it does
Checks every complaint channel that an article requires (`required_by`): it
must be `published: true`. (The contact field each type of channel needs is
CHN002, for every channel.)

## Why
The regulation requires the company to publish its complaint phone, fax,
postal and reception addresses and e-mail; a channel without contact data
cannot be used.

## Example
```yaml
  - id: channel-email
    type: email
    published: false
```

## Use instead
```yaml
  - id: channel-email
    type: email
    published: true
    contact: {email: kefu@example.com}
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

CODE = "CHN001"
NAME = "channel-published"
TITLE = "规定要求的投诉渠道须公布 Required channels are published"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for ch in model.of("channel"):
        if not ch.get("required_by"):
            continue
        if ch.get("published") is not True:
            yield Finding(ch.path, *ch.pos("published"),
                          _("channel '{id}' ({title}) is required by {articles} but not published").format(
                              id=ch.id, title=ch.title, articles=", ".join(ch.get("required_by"))), item=ch.id)
