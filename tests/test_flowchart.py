"""Issue 11: the complaint flowchart draws the process as the graph it is: alternatives branch
from one stage and merge into the event several stages produce, with the conditions on the
edges; someone outside the company is drawn apart. Read from the built site's Mermaid source."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from handbook.config import Config
from handbook.engine import run
from handbook.render.manual import Manual
from handbook.resources import shipped_policies

from conftest import ROOT


def _graph(policies: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """(node -> label, [(from, label on the edge, to)]) of the complaints page's flowchart."""
    result = run(policies, Config())
    assert result.model is not None
    page = next(p for p in Manual(result.model).pages() if p.src == "complaints.md")
    source = html.unescape(re.search(r'<pre class="mermaid"><code>(.*?)</code></pre>', page.markdown, re.S)[1])
    nodes = {m[1]: m[2] for m in re.finditer(r'^\s+(\w+)[\[\(/"]+"?(.*?)"?[\]\)/"]+\s*$', source, re.M)}
    edges = [(m[1], m[3] or "", m[4]) for m in re.finditer(r'^\s+(\w+) (-- "(.*?)" )?--> (\w+)$', source, re.M)]
    return nodes, edges


def _node(nodes: dict[str, str], starts: str) -> str:
    found = [n for n, label in nodes.items() if label.startswith(starts)]
    assert len(found) == 1, (starts, nodes)
    return found[0]


@pytest.mark.parametrize("policies", [shipped_policies(), ROOT / "examples" / "huaxin" / "policies"],
                         ids=["shipped", "huaxin"])
def test_the_decision_branches_by_complexity_and_merges_into_one_event(policies: Path) -> None:
    nodes, edges = _graph(policies)
    decided = run(policies, Config()).model.get("ev-decision-notified")
    assert decided is not None
    notified = [n for n, label in nodes.items() if n.startswith("e") and label == decided.title]
    assert len(notified) == 1, nodes  # drawn once, where the alternatives merge
    into = [a for a, _label, b in edges if b == notified[0]]
    assert len(into) == 3, edges  # simple, complex, extended: three stages produce the one event
    # each is entered by edges carrying the condition that picks it, a different one for each
    for stage in into:
        labels = {label for _a, label, b in edges if b == stage}
        assert len(labels) == 1 and labels != {""}, (stage, edges)
    assert len({label for _a, label, b in edges if b in into}) == 3


def test_the_shipped_flow_is_not_one_chain() -> None:
    nodes, edges = _graph(shipped_policies())
    out_degree: dict[str, int] = {}
    for a, _label, _b in edges:
        out_degree[a] = out_degree.get(a, 0) + 1
    assert max(out_degree.values()) >= 3  # registration leads to material, acceptance and the regulator's report
    # the complainant supplying material is outside the company: a slanted box
    supply = _node(nodes, "投诉人补充材料")
    page = next(p for p in Manual(run(shipped_policies(), Config()).model).pages() if p.src == "complaints.md")
    assert re.search(rf'{supply}\[/"投诉人补充材料"/\]', html.unescape(page.markdown))
    assert any(label == "投诉材料不完整" for _a, label, _b in edges)
