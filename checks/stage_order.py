"""环节须从更早的事件起算 Stages count from earlier events

## What it does
Checks that each complaint stage's deadline counts from an event that exists
earlier in the process: an outside event (no `after`), or one produced by a
stage listed before it. Reports a stage counting from its own or a later
stage's event.

## Why
A deadline that starts when a later step finishes can never be met in order,
and staff cannot tell when their clock starts.

## Example
```yaml
events:
  - {id: ev-decided, name: 作出决定, after: stage-decide}
stages:
  - id: stage-accept
    deadline: {amount: 5, unit: calendar_days, from: ev-decided}
  - id: stage-decide
```

## Use instead
```yaml
  - id: stage-accept
    deadline: {amount: 5, unit: calendar_days, from: ev-materials-complete}
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

CODE = "SEQ001"
NAME = "stage-order"
TITLE = "环节须从更早的事件起算 Stages count from earlier events"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    order = {s.id: n for n, s in enumerate(model.of("stage"))}
    for stage in model.of("stage"):
        deadline = stage.get("deadline")
        if not isinstance(deadline, dict):
            continue
        event = model.get(deadline.get("from"), "event")
        if event is None:
            continue  # REF001
        producer = event.get("after")
        if producer in order and order[producer] >= order[stage.id]:
            if producer == stage.id:
                message = _("stage '{stage}' counts from '{event}' ({title}), which itself produces")
            else:
                message = _("stage '{stage}' counts from '{event}' ({title}), which the later stage '{producer}' "
                            "produces")
            line, col = stage.file.loaded.key_pos(deadline, "from")
            yield Finding(stage.path, line, col, message.format(stage=stage.id, event=event.id, title=event.title,
                                                                producer=producer), item=stage.id)
