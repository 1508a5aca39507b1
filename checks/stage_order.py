"""环节须从更早的事件起算 Stages count from earlier events

## What it does
Checks that each stage's deadline counts from an event that has happened by
the time the stage starts: one of its `starts` events, or an event from which
the stages lead to one of them. Reports a stage counting from its own event
(`produces`), from a later event, or from an event on another branch of the
process.

## Why
A deadline that starts when a later step finishes can never be met in order,
and staff cannot tell when their clock starts.

## Example
```yaml
stages:
  - id: stage-acceptance
    starts: ev-receipt
    produces: ev-acceptance
    deadline: {amount: 5, unit: calendar_days, from: ev-decision}
  - id: stage-decision
    starts: ev-acceptance
    produces: ev-decision
```

## Use instead
```yaml
    deadline: {amount: 5, unit: calendar_days, from: ev-receipt}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handbook.i18n import _
from handbook.problem import Finding
from handbook.timeline import Graph, starts_of
from handbook.timeline import graph as timeline_graph

if TYPE_CHECKING:
    from handbook.model import Item, Model

CODE = "SEQ001"
NAME = "stage-order"
TITLE = "环节须从更早的事件起算 Stages count from earlier events"
SEVERITY = "error"
OPTIONS: dict[str, Any] = {}


def check(model: Model, options: dict[str, Any]) -> Iterator[Finding]:
    graph = timeline_graph(model)
    for stage in model.of("stage"):
        deadline = stage.get("deadline")
        if not isinstance(deadline, dict):
            continue
        event = model.get(deadline.get("from"), "event")
        if event is None:
            continue  # REF001
        starts = [s for s in starts_of(stage) if isinstance(s, str)]
        if event.id in starts:
            continue
        before: set[str] = set()
        for s in starts:
            before |= graph.ancestors(s)
        if event.id in before:
            continue
        line, col = stage.file.loaded.key_pos(deadline, "from", value=True)
        if event.id == stage.get("produces"):
            message = _("stage '{stage}' counts from '{event}' ({title}), which itself produces")
        elif stage.id in {p.id for s in starts for p in graph.producers.get(s, ())} or event.id in _after(graph, stage):
            message = _("stage '{stage}' counts from '{event}' ({title}), which happens only after the stage")
        else:
            message = _("stage '{stage}' counts from '{event}' ({title}), which no path of stages leads from to "
                        "where the stage starts ({starts})")
        yield Finding(stage.path, line, col, message.format(stage=stage.id, event=event.id, title=event.title,
                                                            starts=", ".join(starts) or "—"), item=stage.id)


def _after(graph: Graph, stage: Item) -> set[str]:
    """Events the stages lead to from the stage's own event."""
    out: set[str] = set()
    todo = [stage.get("produces")]
    while todo:
        e = todo.pop()
        if not isinstance(e, str) or e in out:
            continue
        out.add(e)
        todo += [s.get("produces") for s in graph.by_start.get(e, ())]
    return out
