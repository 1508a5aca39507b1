"""The one value every stage reports: a problem at a place in a file.

Loading, schema validation and the consistency checks all yield ``Problem``;
reporters only ever see this type, so a new output format never needs to know
where a problem came from.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace

from .i18n import _

# Characters no policy text may hold, and no output may print raw. One table for both:
# the loader refuses them (YML012, named as below), the reporters escape them.
CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"  # C0 but tab/newline/CR, DEL, C1
# invisible, yet they change how text reads (bidi marks, overrides and isolates reorder it,
# zero-width characters split words unseen) or where YAML breaks its lines; their names,
# in the reader's language, are invisible_name()'s
INVISIBLE = frozenset(
    "\x85\u2028\u2029\u061c\u200e\u200f\u200b\u200c\u200d\u2060\ufeff"
    + "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
)


def invisible_name(ch: str) -> str:
    """What an invisible or control character is, named so a person can look it up (asked when a
    message is written, so it is in the reader's language)."""
    n = ord(ch)
    if 0x202A <= n <= 0x202E:
        return _("bidirectional embedding or override")
    if 0x2066 <= n <= 0x2069:
        return _("bidirectional isolate")
    names = {
        "\x85": _("next line (NEL)"), "\u2028": _("line separator"), "\u2029": _("paragraph separator"),
        "\u061c": _("Arabic letter mark"), "\u200e": _("left-to-right mark"), "\u200f": _("right-to-left mark"),
        "\u200b": _("zero-width space"), "\u200c": _("zero-width non-joiner"), "\u200d": _("zero-width joiner"),
        "\u2060": _("word joiner"), "\ufeff": _("zero-width no-break space (a byte-order mark inside the text)"),
    }
    return names.get(ch, _("control character"))


# output also escapes tab, newline and CR (they split or shift a line) and lone surrogates
# (a file-name byte that is not UTF-8, as os.fsdecode keeps it; no encoder accepts one)
_UNSAFE = re.compile("[\t\n\r%s%s\ud800-\udfff]" % (CONTROL, "".join(INVISIBLE)))
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(m: re.Match[str]) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n <= 0xFF else f"\\u{n:04x}"


def printable(value: str) -> str:
    """``value`` with every character that could act on a terminal or break an output format
    written as a visible escape (ESC as \\x1b, a newline as \\n, U+202E as \\u202e, a file-name
    byte that is not UTF-8 as \\xff). Backslashes are kept: the text stays readable."""
    return _UNSAFE.sub(_escape_char, value)


class InternalError(Exception):
    """A bug in a check, not a problem in the policies (exit code 2; ``--debug`` shows the cause)."""


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
    item: str | None = field(default=None, compare=False)  # the item it is about, when a check names one
    branch: str | None = field(default=None, compare=False)  # the branch office whose set it was found in
    # what the word written at line:column should most likely read ("did you mean"): an editor's quick fix
    fix: str | None = field(default=None, compare=False)

    def printable(self) -> Problem:
        """The one place a problem is made safe to show: path, message and extra facts (a waiver's
        reason and approver are policy text too). Every output formats only what this returns."""
        return replace(self, path=printable(self.path), message=printable(self.message),
                       branch=printable(self.branch) if self.branch is not None else None,
                       extra=tuple((printable(k), printable(v)) for k, v in self.extra))

    def line_text(self, tag: str = "") -> str:
        """``path:line:col: CODE message``, escaped: the one line format of every text output."""
        p = self.printable()
        return f"{p.path}:{p.line}:{p.column}: {p.code} {tag}{p.message}"

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
            "branch": self.branch,  # None: the head office's own set
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
    # set by the engine alone, on its own findings: the lowest severity configuration may give
    # it (a note that withheld errors must fail the run even when its rule is turned down)
    floor: Severity | None = None
    fix: str | None = None  # the word that probably belongs at line:column ("did you mean"), see Problem.fix

    def with_severity(self, code: str, severity: Severity) -> Problem:
        return Problem(self.path, self.line, self.column, self.code or code, severity, self.message, item=self.item,
                       fix=self.fix)


def finding(path: str, line: int, column: int, code: str, message: str, fix: str | None = None) -> Finding:
    """A finding of a load or schema stage, whose code its rule module gives (``rule.CODE``)."""
    return Finding(path, line, column, message, code, fix=fix)
