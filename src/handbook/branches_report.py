"""``handbook branches``: what every branch office changes of the head office's policies.

Per branch (its unit's id and name): each override (the head-office item, the fields it writes,
and which way each moves, by ``handbook diff``'s direction table: the head-office item compared
with the effective item as ``handbook diff`` compares one item across versions), each removal,
each item the branch adds, and the closures of its own calendar. ``REPORTERS`` is the one
registry of output formats (``--format``). A branch relaxes when its run reports BRN001 or
BRN002 at a severity that fails (an error or warning: not waived, not switched off):
``handbook branches`` then exits 1, as ``handbook check`` would on that branch.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .branches import FOLDER, Branch, discover
from .checks import branch_relaxes, branch_removed
from .config import Config
from .i18n import _
from .model import Item, Model
from .problem import Problem, Severity, printable

JSON_VERSION = 1
RELAXING = (branch_relaxes.CODE, branch_removed.CODE)


@dataclass
class FieldMove:
    field: str
    rule: str  # the direction rule's code ("period.shorter")
    direction: str  # tightened | relaxed | neutral
    old: Any
    new: Any
    note: str = ""
    text: str = ""  # the line handbook diff prints for it


@dataclass
class OverrideRow:
    id: str  # the head-office item's id
    kind: str
    title: str
    path: str  # the branch file where the override is written
    line: int
    head_path: str  # where the head-office item is written
    written: list[str]  # the fields the override writes
    moves: list[FieldMove] = field(default_factory=list)
    direction: str = "neutral"
    waived: bool = False  # a head-office waiver in force covers its BRN001/BRN002


@dataclass
class Addition:
    kind: str
    id: str
    title: str
    path: str
    line: int


@dataclass
class Closure:
    date: str
    name: str
    path: str


@dataclass
class BranchTable:
    id: str
    name: str  # the unit's name ("" when the folder is named after no unit: BRN003)
    folder: str
    overrides: list[OverrideRow] = field(default_factory=list)
    removals: list[OverrideRow] = field(default_factory=list)
    additions: list[Addition] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the BRN findings of its run, waived ones too

    @property
    def relaxes(self) -> bool:
        return any(p.code in RELAXING and p.severity in (Severity.ERROR, Severity.WARNING) for p in self.problems)


@dataclass
class Table:
    policies: str
    branches: list[BranchTable]
    unreadable: list[Problem] = field(default_factory=list)  # load and schema errors: a partial model

    @property
    def relaxes(self) -> bool:
        return any(b.relaxes for b in self.branches)


def build(policies: Path, config: Config) -> Table:
    """Every branch beside ``policies`` (or where handbook.toml's ``[handbook] branches`` says)."""
    from .engine import run, run_branch_overlay, shown_path
    from .rules import registry

    branches = discover(policies, config.branches)
    table = Table(shown_path(policies.absolute(), policies.absolute().parent), [])
    if not branches:
        return table
    head = run(policies, config, checks=False)
    assert head.model is not None
    rules = registry()

    def broken(problems: list[Problem]) -> list[Problem]:
        return [p for p in problems if p.severity is Severity.ERROR and rules[p.code].stage in ("load", "schema")]

    table.unreadable += broken(head.problems)
    reuse: dict[bytes, Any] = {}
    for b in branches:
        result, overlay = run_branch_overlay(policies, b, config, head=head, reuse=reuse)
        assert result.model is not None
        table.unreadable += broken(result.problems)
        table.branches.append(_branch(b, head.model, result.model, overlay, result.files, result.problems))
    return table


def _branch(branch: Branch, head: Model, model: Model, overlay: Any, own: list[str],
            problems: list[Problem]) -> BranchTable:
    from .diff.compare import FieldTypes, compare_items
    from .diff.reporters import shift_text
    from .engine import shown_path

    unit = head.get(branch.id, "unit") or model.get(branch.id, "unit")
    name = str(unit.get("name") or "") if unit is not None else ""
    where = branch.folder.absolute()
    folder = shown_path(where, where.parent.parent)  # as its files are named (engine.run_branch_overlay)
    out = BranchTable(branch.id, name, folder, problems=[p for p in problems if p.code.startswith("BRN")])
    waived = {p.item for p in out.problems if p.code in RELAXING and p.severity is Severity.WAIVED}
    types = FieldTypes(model.schemas) if model.schemas is not None else None
    overridden: set[str] = set()
    for o in overlay.overrides:
        overridden.add(o.head_id)
        before = head.get(o.head_id)
        line = o.file.key_pos(o.entry, "overrides", value=False)[0]
        written = [k for k in o.entry if k not in ("overrides", "removed")]
        row = OverrideRow(o.head_id, before.kind if before else "", before.title if before else o.head_id,
                          o.file.path, line, o.head_file, written, waived=o.head_id in waived)
        if o.removed:
            row.direction = "relaxed"
            out.removals.append(row)
            continue
        after = model.get(o.head_id)
        if before is not None and after is not None and types is not None:
            row.title = after.title
            change = compare_items(before, after, types, head, model)
            if change is not None:
                row.direction = change.direction.value
                row.moves = [FieldMove(s.field, s.rule.code, s.rule.direction.value, s.old, s.new, s.note or "",
                                       shift_text(s)) for s in change.shifts]
        out.overrides.append(row)
    mine = set(own)
    for item in model.items.values():
        # an item the branch adds: not an override, nor an item nested in one (a source's articles)
        if (item.path in mine and item.template is None and item.id not in overridden and not _is_file(item)
                and head.get(item.id) is None):
            out.additions.append(Addition(item.kind, item.id, item.title, item.path, item.pos()[0]))
    out.closures = closures_of(model, mine)
    return out


def closures_of(model: Model, own: set[str]) -> list[Closure]:
    """The closures of the branch's own calendar (its files are ``own``), by date."""
    out = []
    for f in model.files_of("calendar"):
        if f.path not in own:
            continue
        for entry in f.data.get("closures") or ():
            day, label = (entry.get("date"), entry.get("name")) if isinstance(entry, dict) else (entry, "")
            out.append(Closure(str(day), str(label or ""), f.path))
    return sorted(out, key=lambda c: c.date)


def _is_file(item: Item) -> bool:
    return item.data is item.file.data  # a file that is itself an item (a calendar with an id)


# -- reporters --------------------------------------------------------------------------------

def direction_label(direction: str) -> str:
    from .diff.directions import Direction

    return Direction(direction).label


def kind_label(kind: str) -> str:
    from .diff.reporters import kind_name

    return kind_name(kind) if kind else "?"


def _counts(b: BranchTable) -> str:
    relaxed = sum(1 for o in b.overrides if o.direction == "relaxed")
    return _("{overrides} override(s) ({relaxed} relaxed), {removals} removal(s), {additions} addition(s), "
             "{closures} closure(s)").format(overrides=len(b.overrides), relaxed=relaxed, removals=len(b.removals),
                                             additions=len(b.additions), closures=len(b.closures))


def _waived_note(o: OverrideRow) -> str:
    return " " + _("(waived by the head office)") if o.waived else ""


def summary(table: Table) -> str:
    if not table.branches:
        return _("no branch offices beside {folder}: no folder {branches}/<unit id>").format(
            folder=table.policies, branches=FOLDER)
    relaxing = [b.id for b in table.branches if b.relaxes]
    line = _("{count} branch office(s)").format(count=len(table.branches))
    if relaxing:
        return _("{summary}; relaxing the head office's rules: {ids}").format(summary=line, ids=", ".join(relaxing))
    return _("{summary}; none relaxes the head office's rules").format(summary=line)


def text(table: Table, out: TextIO) -> None:
    def w(indent: int, line: str) -> None:
        out.write(" " * indent + printable(line) + "\n")

    for b in table.branches:
        w(0, f"{b.id} {b.name} ({b.folder})" if b.name else f"{b.id} ({b.folder})")
        if b.overrides:
            w(2, _("overrides:"))
        for o in b.overrides:
            w(4, f"[{direction_label(o.direction)}] {kind_label(o.kind)} {o.id} {o.title} ({o.path}:{o.line})"
              + _waived_note(o))
            if not o.moves:
                w(8, _("writes {fields}: the same as the head office's").format(fields=", ".join(o.written)))
            for m in o.moves:
                w(8, m.text)
        if b.removals:
            w(2, _("removals:"))
        for o in b.removals:
            w(4, f"[{direction_label(o.direction)}] {kind_label(o.kind)} {o.id} {o.title} ({o.path}:{o.line}; "
              + _("head office: {path}").format(path=o.head_path) + ")" + _waived_note(o))
        if b.additions:
            w(2, _("additions:"))
        for a in b.additions:
            w(4, f"{kind_label(a.kind)} {a.id} {a.title} ({a.path}:{a.line})")
        if b.closures:
            w(2, _("closures:"))
        for c in b.closures:
            w(4, f"{c.date} {c.name}".rstrip())
        w(2, _counts(b))
    w(0, summary(table))


def json_(table: Table, out: TextIO) -> None:
    def override(o: OverrideRow) -> dict[str, Any]:
        return {"id": o.id, "kind": o.kind, "title": printable(o.title), "path": printable(o.path), "line": o.line,
                "head_path": printable(o.head_path), "direction": o.direction, "waived": o.waived,
                "written": o.written,
                "fields": [{"field": m.field, "rule": m.rule, "direction": m.direction, "old": m.old, "new": m.new,
                            "note": m.note} for m in o.moves]}

    doc = {
        "version": JSON_VERSION,
        "policies": printable(table.policies),
        "summary": {"branches": len(table.branches), "relaxing": [b.id for b in table.branches if b.relaxes],
                    "overrides": sum(len(b.overrides) for b in table.branches),
                    "removals": sum(len(b.removals) for b in table.branches),
                    "additions": sum(len(b.additions) for b in table.branches),
                    "closures": sum(len(b.closures) for b in table.branches)},
        "branches": [{
            "id": b.id, "name": printable(b.name), "folder": printable(b.folder), "relaxes": b.relaxes,
            "overrides": [override(o) for o in b.overrides],
            "removals": [override(o) for o in b.removals],
            "additions": [{"kind": a.kind, "id": a.id, "title": printable(a.title), "path": printable(a.path),
                           "line": a.line} for a in b.additions],
            "closures": [{"date": c.date, "name": printable(c.name), "path": printable(c.path)} for c in b.closures],
            "problems": [p.printable().as_dict() for p in b.problems],
        } for b in table.branches],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def markdown(table: Table, out: TextIO) -> None:
    from .diff.reporters import md

    out.write("### " + md(_("Branch offices of {folder}").format(folder=table.policies)) + "\n\n")
    out.write(md(summary(table)) + "\n")
    for b in table.branches:
        out.write(f"\n#### {md(' '.join(filter(None, (b.id, b.name))))}\n\n{md(_counts(b))}\n")
        if b.overrides or b.removals:
            heads = (_("item"), _("kind"), _("direction"), _("fields"))  # outside the f-string: Babel finds them
            out.write("\n| " + " | ".join(map(md, heads)) + " |\n|---|---|---|---|\n")
        for o in b.overrides:
            direction = md(direction_label(o.direction))
            direction = f"**{direction}**" if o.direction == "relaxed" else direction
            moves = "; ".join(md(m.text) for m in o.moves) or md(", ".join(o.written))
            out.write(f"| `{o.id}` {md(o.title)}{md(_waived_note(o))} | {md(kind_label(o.kind))} | {direction} "
                      f"| {moves} |\n")
        removed = _("removed")
        for o in b.removals:
            out.write(f"| `{o.id}` {md(o.title)}{md(_waived_note(o))} | {md(kind_label(o.kind))} "
                      f"| **{md(direction_label('relaxed'))}** | {md(removed)} |\n")
        if b.additions:
            out.write("\n" + md(_("additions:")) + "\n\n")
            for a in b.additions:
                out.write(f"- {md(kind_label(a.kind))} `{a.id}` {md(a.title)}\n")
        if b.closures:
            out.write("\n" + md(_("closures:")) + "\n\n")
            for c in b.closures:
                out.write(f"- {md(c.date)} {md(c.name)}".rstrip() + "\n")


# The one registry of output formats: `--format` takes its choices from here.
REPORTERS: dict[str, Callable[[Table, TextIO], None]] = {
    "text": text,
    "markdown": markdown,
    "json": json_,
}
