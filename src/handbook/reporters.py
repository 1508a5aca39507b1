"""Output formats. ``REPORTERS`` is the one registry: it also gives ``--format`` its choices."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from .i18n import _
from .problem import Problem, Severity, printable

if TYPE_CHECKING:
    from .engine import Result

Reporter = Callable[["Result", TextIO], None]

# Severity -> each format's level, once. A waived problem is kept for the audit trail as
# the format's mildest level (SARIF also marks it suppressed).
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.WAIVED: "note", Severity.OFF: "none"}
GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.WAIVED: "notice", Severity.OFF: "notice"}

def _problems(result: Result) -> Iterator[Problem]:
    return (p.printable() for p in result.problems)


def _summary(result: Result) -> str:
    """"2 errors, 1 warning in 8 files (31 items); 1 waived" (English plurals: one message id each)."""
    n = len(result.files)
    files = (_("{count} file") if n == 1 else _("{count} files")).format(count=n)
    if not result.errors and not result.warnings:
        line = _("no problems in {files} ({items} items)").format(files=files, items=result.items)
    else:
        errors = (_("{count} error") if result.errors == 1 else _("{count} errors")).format(count=result.errors)
        warnings = (_("{count} warning") if result.warnings == 1 else _("{count} warnings")).format(
            count=result.warnings)
        if result.errors and result.warnings:
            found = _("{errors}, {warnings}").format(errors=errors, warnings=warnings)
        else:
            found = errors if result.errors else warnings
        line = _("{problems} in {files} ({items} items)").format(problems=found, files=files, items=result.items)
    if result.waived:
        line = _("{summary}; {count} waived").format(summary=line, count=result.waived)
    return line


def text(result: Result, out: TextIO) -> None:
    for p in _problems(result):
        # the severity tag is part of the line format, as the code is: the same in every language
        tag = {Severity.WARNING: "warning: ", Severity.WAIVED: "waived: "}.get(p.severity, "")
        note = ""
        if p.severity is Severity.WAIVED:
            x = dict(p.extra)
            note = " " + _("[waiver {waiver}, approved by {approver} until {until}: {reason}]").format(
                waiver=x["waiver"], approver=x["approved_by"], until=x["until"], reason=x["reason"])
        out.write(f"{p.line_text(tag)}{note}\n")
    out.write(_summary(result) + "\n")


def json_(result: Result, out: TextIO) -> None:
    from .engine import shown_path

    doc = {
        "version": 1,
        "root": printable(shown_path(result.root, result.root.parent)),
        "files": len(result.files),
        "items": result.items,
        "summary": {"errors": result.errors, "warnings": result.warnings,
                    "waived": result.waived},
        "problems": [p.as_dict() for p in _problems(result)],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(result: Result, out: TextIO) -> None:
    """GitHub Actions workflow commands: each problem becomes an annotation on the file."""
    for p in _problems(result):
        level = GITHUB_LEVEL[p.severity]
        props = [f"file={_gh_escape(p.path, True)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_gh_escape(p.code, True)}")
        out.write(f"::{level} {','.join(props)}::{_gh_escape(p.code + ' ' + p.message)}\n")
    out.write(_summary(result) + "\n")


def sarif(result: Result, out: TextIO) -> None:
    """SARIF 2.1.0, for code-scanning upload."""
    from . import __version__
    from .rules import registry

    rules = list(registry().values())
    index = {r.code: i for i, r in enumerate(rules)}
    driver_rules = []
    for r in rules:
        what = r.sections().get("What it does", r.title)
        driver_rules.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": what},
            "help": {"text": r.doc, "markdown": r.doc},
            "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
        })
    results = []
    for raw, p in zip(result.problems, _problems(result), strict=True):
        # a URI names the real file: its bytes percent-encoded (a name byte that is not UTF-8
        # too), not the escaped text the message shows
        uri = quote(raw.path.encode("utf-8", "surrogateescape"), safe="/")
        location: dict[str, object] = {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}}
        if p.line:
            location["region"] = {"startLine": p.line, "startColumn": max(p.column, 1)}
        entry: dict[str, object] = {
            "ruleId": p.code,
            "level": SARIF_LEVEL[p.severity],
            "message": {"text": p.message},
            "locations": [{"physicalLocation": location}],
        }
        if p.code in index:
            entry["ruleIndex"] = index[p.code]
        if p.severity is Severity.WAIVED:
            x = dict(p.extra)
            entry["suppressions"] = [{"kind": "external", "status": "accepted",
                                      "justification": _("{reason} (approved by {approver} until {until})").format(
                                          reason=x["reason"], approver=x["approved_by"], until=x["until"])}]
        results.append(entry)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "handbook", "version": __version__, "rules": driver_rules}},
            "results": results,
        }],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


# The one registry of output formats: `--format` takes its choices from here.
REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": json_,
    "github": github,
    "sarif": sarif,
}
