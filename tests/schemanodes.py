"""Walking a schema document for the nodes that carry one of our marks (x-labels, x-change)."""

from __future__ import annotations

from typing import Any


def nodes_with(node: Any, key: str, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every mapping under ``node`` that has ``key``, with its JSON pointer."""
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if key in node:
            out.append((where, node))
        for k, v in node.items():
            out += nodes_with(v, key, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += nodes_with(v, key, f"{where}/{i}")
    return out
