"""The one value every stage reports: a problem at a place in a file.

Loading, schema validation and the consistency checks all yield ``Problem``;
reporters only ever see this type, so a new output format never needs to know
where a problem came from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"  # only meaningful in configuration: the engine drops such problems
    WAIVED = "waived"  # reported for the audit trail, never fails a run

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


@dataclass(frozen=True, slots=True)
class Problem:
    """A located problem. ``line`` and ``column`` are 1-based; 0 means "whole file"."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    # Optional extra facts for machine output (e.g. the waiver that applied).
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }
        if self.extra:
            d["extra"] = dict(self.extra)
        return d


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: a problem before the engine has given it a severity.

    Rules never decide severity (the yamllint ``LintProblem`` lesson): the engine
    applies it from configuration, and drops findings that a waiver covers.
    """

    path: str
    line: int
    column: int
    message: str
    code: str = ""  # filled in by the engine from the rule when empty
    item: str | None = None  # the policy item id the finding is about, for waivers

    def with_severity(self, code: str, severity: Severity) -> Problem:
        return Problem(self.path, self.line, self.column, self.code or code, severity, self.message)
