"""Output formats. ``REPORTERS`` is the one registry: it also gives ``--format`` its choices."""

from __future__ import annotations

import json
from typing import Callable, TextIO

from .engine import Result
from .problem import Severity

Reporter = Callable[[Result, TextIO], None]


def _summary(result: Result) -> str:
    files = len(result.files)
    items = len(result.model.items) if result.model else 0
    if not result.problems:
        return f"no problems in {files} files ({items} items)"
    parts = []
    if result.errors:
        parts.append(f"{result.errors} error{'s' if result.errors != 1 else ''}")
    if result.warnings:
        parts.append(f"{result.warnings} warning{'s' if result.warnings != 1 else ''}")
    return f"{', '.join(parts)} in {files} files ({items} items)"


def text(result: Result, out: TextIO) -> None:
    for p in result.problems:
        tag = "warning: " if p.severity is Severity.WARNING else ""
        out.write(f"{p.path}:{p.line}:{p.column}: {p.code} {tag}{p.message}\n")
    out.write(_summary(result) + "\n")


def json_(result: Result, out: TextIO) -> None:
    doc = {
        "version": 1,
        "root": str(result.root),
        "files": len(result.files),
        "items": len(result.model.items) if result.model else 0,
        "summary": {"errors": result.errors, "warnings": result.warnings},
        "problems": [p.as_dict() for p in result.problems],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": json_,
}
