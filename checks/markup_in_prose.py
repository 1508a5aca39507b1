"""说明文字中不得有 HTML 或脚本链接 No HTML or script links in prose

## What it does
In the fields that the manual renders as Markdown (`description`, a source's
`note`), parses the text as the manual does and reports raw HTML, links whose
target is not an http, https, mailto, tel or relative address (`javascript:`,
`data:`, `vbscript:`, ...), images from outside the site, and event-handler or
URL-loading attributes from attribute lists (`{: onclick=...}`), wherever
Markdown put them (a reference definition inside a list item counts too).

## Why
The manual is opened by every member of staff. Text pasted from a web page or
a hostile edit must not be able to run a script or phish from inside it; plain
Markdown (bold, lists, ordinary links) is all prose needs. The verdict comes from
the parsed result, the same guard that removes such links from every page of the
manual when it is built; this check tells the author at once, before review.

## Example
```yaml
description: 详见<a href="javascript:alert(1)">这里</a>，或 [点击](javascript:alert(1))
```

## Use instead
```yaml
description: 详见 **投诉管理实施细则**，或 [监管机构网站](https://www.nfra.gov.cn/)
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding
from handbook.prose import problems_in

if TYPE_CHECKING:
    from handbook.model import Model

CODE = "TXT001"
NAME = "markup-in-prose"
TITLE = "说明文字中不得有 HTML 或脚本链接 No HTML or script links in prose"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}

def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    for ref in model.markdown:
        if not isinstance(ref.target, str):
            continue
        bad = problems_in(ref.target)
        if bad:
            owner = ref.source.id if ref.source else None
            yield Finding(ref.file.path, ref.line, ref.column,
                          _("{field}: {problems} is not allowed: use plain Markdown and http(s) links").format(
                              field=ref.path, problems="; ".join(bad)),
                          item=owner)
