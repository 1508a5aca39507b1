"""Output formats of ``handbook diff``. ``REPORTERS`` is the one registry: it gives ``--format``
its choices. Every format lists the same changes in the same order: relaxations of rules a
regulatory limit bounds first, then other relaxations, tightenings, neutral changes."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any, TextIO

from ..i18n import _, language
from ..problem import printable
from .compare import ADDED, CHANGED, REMOVED, Change, Report
from .directions import Direction

DiffReporter = Callable[[Report, TextIO], None]
JSON_VERSION = 1


def status_label(status: str) -> str:
    return {ADDED: _("added"), REMOVED: _("removed"), CHANGED: _("changed")}[status]


SHOWN = 60  # characters of a value a line shows (the JSON output keeps it whole)


def _value(v: Any) -> str:
    if v is None:
        return "-"
    text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


def _around_change(old: Any, new: Any) -> tuple[str, str]:
    """Two long texts shown by where they differ ("…至第二十五条。 -> …至第二十五条。- 自2027年…")."""
    a, b = (" ".join(v.split()) if isinstance(v, str) else None for v in (old, new))
    if a is None or b is None or max(len(a), len(b)) <= SHOWN:
        return _value(old), _value(new)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    lead = max(0, start - 10)

    def cut(text: str) -> str:
        part = text[lead:len(text) - end + 10 if end > 10 else len(text)]
        part = ("…" if lead else "") + part
        return part if len(part) <= SHOWN else part[:SHOWN - 1] + "…"

    return cut(a), cut(b)


def summary(report: Report) -> str:
    n = len(report.changes)
    if not n:
        return _("no changes between {old} and {new}").format(old=report.old_label, new=report.new_label)
    upcoming = sum(1 for c in report.changes if c.upcoming)
    line = _("{count} change(s) between {old} and {new}: {relaxed} relaxed, {tightened} tightened, {neutral} "
             "neutral").format(count=n, old=report.old_label, new=report.new_label,
                               relaxed=report.count(Direction.RELAXED), tightened=report.count(Direction.TIGHTENED),
                               neutral=report.count(Direction.NEUTRAL))
    if upcoming:
        line = _("{summary}; {count} upcoming").format(summary=line, count=upcoming)
    return line


def kind_name(kind: str) -> str:
    """An item kind as the reader's language says it: its schema label in Chinese (x-kind-label), the
    code (what the policy files write) in English."""
    if language() != "zh_CN":
        return kind
    from ..validation import package_schemas

    return package_schemas().labels.kind_label(kind)


def _head(c: Change) -> str:
    name = c.id or _("file header")
    head = f"[{c.direction.label}] {status_label(c.status)} {kind_name(c.kind)} {name} {c.title}"
    if c.renamed_from:
        head += " " + _("(renamed from {old})").format(old=c.renamed_from)
    return head


def _notes(c: Change) -> list[str]:
    out = []
    if c.bounded and c.direction is Direction.RELAXED:
        out.append(_("a regulatory limit bounds this rule"))
    if c.upcoming:
        out.append(_("upcoming: takes effect on {date}").format(date=c.effective))
    return out


def shift_text(s: Any) -> str:
    """One moved field: where, from what to what, by which rule and which way."""
    where = f"{s.field}: " if s.field else ""
    moved = ""
    if s.field and not isinstance(s.old, dict) and not isinstance(s.new, dict):
        a, b = _around_change(s.old, s.new)
        moved = f"{a} -> {b}; "  # a period's own note says what moved
    note = f" ({s.note})" if s.note else ""
    return f"{where}{moved}{s.rule.code} [{s.rule.direction.label}] {s.rule.text}{note}"


def text(report: Report, out: TextIO) -> None:
    for c in report.changes:
        out.write(printable(f"{c.path}:{c.line}: {_head(c)}") + "\n")
        for note in _notes(c):
            out.write("    " + printable(note) + "\n")
        for s in c.shifts:
            out.write("    " + printable(shift_text(s)) + "\n")
        if c.roles:
            out.write("    " + printable(_("posts: {roles}").format(roles=", ".join(c.roles))) + "\n")
        if c.articles:
            out.write("    " + printable(_("regulations: {articles}").format(articles=", ".join(c.articles))) + "\n")
        for p in c.problems:
            fails = _("fails on {new}:").format(new=printable(report.new_label))
            out.write(f"    {fails} {p.line_text()}\n")
    if report.problems:
        out.write(_("checks that fail on {new}:").format(new=printable(report.new_label)) + "\n")
        for p in report.problems:
            out.write("    " + p.line_text() + "\n")
    out.write(printable(summary(report)) + "\n")


def json_(report: Report, out: TextIO) -> None:
    doc = {
        "version": JSON_VERSION,
        "old": printable(report.old_label),  # a file name that is not UTF-8 is written escaped, as check does
        "new": printable(report.new_label),
        "today": report.today,
        "summary": {"changes": len(report.changes), "relaxed": report.count(Direction.RELAXED),
                    "tightened": report.count(Direction.TIGHTENED), "neutral": report.count(Direction.NEUTRAL),
                    "upcoming": sum(1 for c in report.changes if c.upcoming)},
        "changes": [_change_dict(c) for c in report.changes],
        "problems": [p.printable().as_dict() for p in report.problems],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def _change_dict(c: Change) -> dict[str, Any]:
    return {
        "status": c.status, "kind": c.kind, "id": c.id, "title": c.title, "direction": c.direction.value,
        "renamed_from": c.renamed_from, "path": printable(c.path), "line": c.line,
        "effective": c.effective, "upcoming": c.upcoming, "bounded_by_regulation": c.bounded,
        "roles": c.roles, "regulations": c.articles,
        "fields": [{"field": s.field, "rule": s.rule.code, "direction": s.rule.direction.value, "old": s.old,
                    "new": s.new, "note": s.note} for s in c.shifts],
        "problems": [p.printable().as_dict() for p in c.problems],
    }


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
# What GitHub acts on in plain text: a link (https://, www.), a mention that notifies (@team), an issue
# reference (#1). A word joiner (U+2060, invisible) after its first character keeps it text.
_MD_ACTIVE = re.compile(r"(?<=[@#])|(?<=:)(?=//)|(?<=www)(?=\.)", re.I)
WORD_JOINER = "\u2060"


def md(value: Any) -> str:
    """Policy text in a pull-request comment (GitHub Markdown): one line, no HTML, no Markdown of its
    own, no link, mention, issue reference or math. Only what is special inside a line is escaped
    (lines never start with policy text), so the source stays readable."""
    text = " ".join(printable(str(value)).split())
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_ACTIVE.sub(WORD_JOINER, text)


def markdown(report: Report, out: TextIO) -> None:
    """For a pull-request comment: the summary table, the changes by post (one line each), then each
    change once with what moved, the regulations it touches and the checks that now fail."""
    out.write("### " + md(_("Policy changes: {old} -> {new}").format(old=report.old_label, new=report.new_label))
              + "\n\n")
    if not report.changes:
        out.write(md(summary(report)) + "\n")
        return
    statuses = (ADDED, REMOVED, CHANGED)
    total_label = md(_("total"))
    out.write(f"| | {' | '.join(md(status_label(s)) for s in statuses)} | {total_label} |\n")
    out.write("|---|" + "---:|" * (len(statuses) + 1) + "\n")
    for d in (Direction.RELAXED, Direction.TIGHTENED, Direction.NEUTRAL):
        counts: list[int] = [sum(1 for c in report.changes if c.direction is d and c.status == s) for s in statuses]
        total = sum(counts)
        label = f"**{md(d.label)}**" if d is Direction.RELAXED and total else md(d.label)
        out.write(f"| {label} | {' | '.join(map(str, counts))} | {total} |\n")
    out.write("\n" + md(summary(report)) + "\n")
    groups: dict[str, list[int]] = {}
    for n, c in enumerate(report.changes, 1):
        for r in c.roles or [""]:
            groups.setdefault(r, []).append(n)
    out.write("\n#### " + md(_("By post")) + "\n")
    for role in sorted(groups, key=lambda r: (r == "", r)):
        title = report.role_titles.get(role, role) if role else _("Not tied to a post")
        head = f"{title} ({role})" if role and title != role else title
        out.write(f"\n**{md(head)}**\n\n")
        for n in groups[role]:
            out.write(f"- ({n}) {_md_change(report.changes[n - 1], with_place=False)}\n")
    out.write("\n#### " + md(_("Changes")) + "\n\n")
    for n, c in enumerate(report.changes, 1):
        out.write(f"- ({n}) {_md_change(c)}\n")
        for s in c.shifts:
            out.write(f"  - {md(shift_text(s))}\n")
        if c.articles:
            out.write("  - " + md(_("regulations: {articles}").format(articles=", ".join(c.articles))) + "\n")
        for p in c.problems:
            out.write("  - " + md(_("fails on {new}:").format(new=report.new_label) + " " + p.line_text()) + "\n")
    if report.problems:
        out.write("\n#### " + md(_("checks that fail on {new}:").format(new=report.new_label)) + "\n\n")
        for p in report.problems:
            out.write(f"- {md(p.line_text())}\n")


def _md_change(c: Change, with_place: bool = True) -> str:
    what = f"{md(status_label(c.status))} {md(kind_name(c.kind))}"
    head = f"**{md(c.direction.label)}** {what} `{c.id or '-'}` {md(c.title)}"
    if c.renamed_from:
        head += " " + md(_("(renamed from {old})").format(old=c.renamed_from))
    notes = _notes(c)
    if notes:
        head += " — " + md("; ".join(notes))
    return head + (f" ({md(c.path)}:{c.line})" if with_place else "")


# The one registry of output formats: `--format` takes its choices from here.
REPORTERS: dict[str, DiffReporter] = {
    "text": text,
    "markdown": markdown,
    "json": json_,
}
