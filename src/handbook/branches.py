"""Branch offices (二级机构): overlays on the head office's policies that may tighten, never relax.

``policies/`` is the head office; ``branches/<id>/`` (beside it, or ``[handbook] branches``)
holds a branch's own files of the same kinds, where ``<id>`` is a unit of the organisation.
A branch file may

- add items (its own posts, channels, standards, ...), checked with everything else;
- override a head-office item: ``overrides: <id>`` and only the fields it changes, each
  field replaced whole; or remove one: ``overrides: <id>`` with ``removed: true``;
- bring its own calendar (``kind: calendar``): its closures extend the branch's deadlines,
  never a regulatory limit, which is counted on the statutory calendar.

The branch's effective set is the head office's files with the overridden and removed items
taken out, and the branch's files with each override replaced by the item it makes (the
head-office item's fields, then the override's): an effective item lives in the branch file,
where its override is written, so what the checks find on it is reported there. Each override
is held against the head-office item with ``handbook diff``'s direction table: a relaxation is
BRN001, a removal BRN002, unless a waiver approved by a head-office post allows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .checks import branch_override_unknown, branch_relaxes, branch_removed, branch_scope, branch_unit
from .i18n import _
from .loader import LoadedFile
from .problem import Finding, finding

FOLDER = "branches"  # beside the policy folder, unless handbook.toml says otherwise


@dataclass(frozen=True)
class Branch:
    id: str  # the folder's name: a unit of the organisation
    folder: Path


def discover(policies: Path, configured: Path | None = None) -> list[Branch]:
    """The branches of a policy folder: each subfolder of ``branches/`` (hidden ones aside)."""
    root = configured if configured is not None else policies.parent / FOLDER
    if not root.is_dir() or root.resolve() == policies.resolve():
        return []
    return [Branch(p.name, p) for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(".")]


class UnknownBranch(ValueError):
    """A branch office named (``--branch``, the plugin's ``branch``) that has no folder."""


def select(policies: Path, configured: Path | None, branch_id: str | None) -> list[Branch]:
    """The branch offices beside ``policies``, or only the one ``branch_id`` names (UnknownBranch,
    naming those there are, if it has no folder)."""
    branches = discover(policies, configured)
    if branch_id is None:
        return branches
    found = [b for b in branches if b.id == branch_id]
    if not found:
        raise UnknownBranch(_("no branch '{id}' beside {folder} (branches: {known})").format(
            id=branch_id, folder=policies, known=", ".join(b.id for b in branches) or _("none")))
    return found


@dataclass
class Override:
    """One override in a branch file, and what it made."""

    head_id: str
    entry: dict[str, Any]  # as written in the branch file
    file: LoadedFile  # the branch file (its copy, holding the effective item)
    removed: bool = False
    effective: dict[str, Any] | None = None  # the effective item's data (None when removed)
    head_file: str = ""  # where the head-office item is written


@dataclass
class Overlay:
    head: list[tuple[str, LoadedFile]]  # (kind, file): the head office's files, overridden items taken out
    branch: list[tuple[str, LoadedFile]]  # the branch's files, overrides made into their effective items
    overrides: list[Override] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def item_lists(schemas: Any, kind: str) -> list[str]:
    """The top-level lists of items of a kind of file ("stages", "channels"), from the schema's x-id."""
    return [t[0] for t, _k in schemas.refmodel(kind).ids if len(t) == 3 and t[1:] == ("*", "id")]


def apply(head: list[tuple[str, LoadedFile]], branch: list[tuple[str, LoadedFile]], schemas: Any) -> Overlay:
    """The branch's effective files (see the module's docstring). Nothing is changed in place: a file
    that changes is a copy sharing what did not (the head office's files serve every branch)."""
    where: dict[str, tuple[int, str, int]] = {}  # head item id -> (file index, list, position)
    for n, (kind, loaded) in enumerate(head):
        for name in item_lists(schemas, kind):
            for i, entry in enumerate(loaded.data.get(name) or ()):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    where.setdefault(entry["id"], (n, name, i))
    out = Overlay([], [])
    taken: dict[int, dict[str, set[int]]] = {}  # head file index -> list -> positions taken out
    for kind, loaded in branch:
        copy: LoadedFile | None = None
        for name in item_lists(schemas, kind):
            entries = loaded.data.get(name)
            if not isinstance(entries, list) or not any(isinstance(e, dict) and "overrides" in e for e in entries):
                continue
            if copy is None:
                copy = replace(loaded, data=dict(loaded.data), positions=dict(loaded.positions))
                copy.positions[id(copy.data)] = loaded.key_positions(loaded.data)
            made: list[Any] = []
            made_at: list[Any] = []  # the positions of what stays in the list
            at_list = loaded.item_positions(entries)
            for i, entry in enumerate(entries):
                here = at_list[i] if i < len(at_list) else (1, 1)
                if not isinstance(entry, dict) or "overrides" not in entry:
                    made.append(entry)
                    made_at.append(here)
                    continue
                head_id = entry.get("overrides")
                found = where.get(head_id) if isinstance(head_id, str) else None
                if found is None or not isinstance(head_id, str):
                    line, col = loaded.key_pos(entry, "overrides")
                    out.findings.append(finding(loaded.path, line, col, branch_override_unknown.CODE, _(
                        "overrides '{id}', which is no item of the head office's {list}: an override names a "
                        "head-office item; to add an item of the branch's own, give it an id of its own").format(
                            id=head_id, list=name)))
                    continue
                n, head_list, pos = found
                if (head[n][0], head_list) != (kind, name):
                    # an item stays the kind it is: its override goes where it is written
                    line, col = loaded.key_pos(entry, "overrides")
                    out.findings.append(finding(loaded.path, line, col, branch_override_unknown.CODE, _(
                        "overrides '{id}', which the head office writes in its {head_kind} file's {head_list}, not "
                        "in a {kind} file's {list}: put the override in a branch file of kind {head_kind}, under "
                        "{head_list}").format(id=head_id, head_kind=head[n][0], head_list=head_list, kind=kind,
                                              list=name)))
                    continue
                taken.setdefault(n, {}).setdefault(head_list, set()).add(pos)
                head_item = head[n][1].data[head_list][pos]
                record = Override(head_id, entry, copy, removed=entry.get("removed") is True,
                                  head_file=head[n][1].path)
                if not record.removed:
                    # the head-office item's fields, then the override's; found where the override is written
                    effective = {"id": head_id, **{k: v for k, v in head_item.items() if k != "id"},
                                 **{k: v for k, v in entry.items() if k not in ("overrides", "removed")}}
                    at = loaded.key_pos(entry, "overrides", value=False)
                    copy.positions[id(effective)] = {"id": (*at, *at), **loaded.key_positions(entry)}
                    for k, v in effective.items():
                        if k not in entry:  # inherited: what is found in it is reported at the override
                            _pin(v, at, copy.positions)
                            copy.positions[id(effective)][k] = (*at, *at)
                    record.effective = effective
                    made.append(effective)
                    made_at.append(here)
                out.overrides.append(record)
            copy.data[name] = made
            copy.positions[id(made)] = made_at
        out.branch.append((kind, copy or loaded))
    for n, (kind, loaded) in enumerate(head):
        gone = taken.get(n)
        if not gone:
            out.head.append((kind, loaded))
            continue
        copy = replace(loaded, data=dict(loaded.data), positions=dict(loaded.positions))
        copy.positions[id(copy.data)] = loaded.key_positions(loaded.data)
        for name, positions in gone.items():
            entries = loaded.data[name]
            kept = [e for i, e in enumerate(entries) if i not in positions]
            copy.data[name] = kept
            copy.positions[id(kept)] = [p for i, p in enumerate(loaded.item_positions(entries)) if i not in positions]
        out.head.append((kind, copy))
    return out


def _pin(value: Any, at: tuple[int, int], positions: dict[int, Any]) -> None:
    """Place every part of a value inherited from a head-office item at the override (in the branch
    file's copy: the head office's own file keeps its positions)."""
    if isinstance(value, dict):
        positions[id(value)] = dict.fromkeys(value, (*at, *at))
        for v in value.values():
            _pin(v, at, positions)
    elif isinstance(value, list):
        positions[id(value)] = [at] * len(value)
        for v in value:
            _pin(v, at, positions)


def removal_findings(overlay: Overlay) -> list[Finding]:
    """BRN002: each head-office item a branch removes."""
    out = []
    for o in overlay.overrides:
        if o.removed:
            line, col = o.file.key_pos(o.entry, "removed")
            out.append(Finding(o.file.path, line, col, _(
                "removes the head-office item '{id}' ({file}): a branch may tighten the head office's rules, never "
                "drop one; keep it, or have a head-office post with the authority waive BRN002 for "
                "'{id}'").format(id=o.head_id, file=o.head_file), branch_removed.CODE, item=o.head_id))
    return out


def unit_finding(branch: Branch, units: set[str], shown: str) -> Finding | None:
    """BRN003: the branch's folder must be named after a unit of the organisation."""
    if branch.id in units:
        return None
    return finding(shown, 0, 0, branch_unit.CODE, _(
        "branch folder '{id}' is named after no unit of the organisation: name it after the branch's unit "
        "id (units in organisation.yaml)").format(id=branch.id))


def scope_findings(branch_id: str, head: Any, model: Any, own: set[str]) -> list[Finding]:
    """BRN005: the units and posts a branch adds sit in its own unit or below it; a branch is no
    unit at the top of the organisation (the head office itself)."""
    if model.get(branch_id, "unit") is None:
        return []  # BRN003 reports it
    org = model.org()
    chain = org.chain(branch_id)
    if len(chain) == 1 and model.get(branch_id, "unit").get("parent") is None:
        return [finding(next(iter(sorted(own)), branch_id), 0, 0, branch_scope.CODE, _(
            "branch folder '{id}' is named after the organisation's top unit, the head office itself: the head "
            "office's rules are in the policy folder; name the folder after a branch's unit").format(id=branch_id))]
    out = []
    for item in (*model.of("unit"), *model.of("role")):
        before = head.get(item.id)
        if item.path in own and item.template is None and before is not None:
            # an override of a head-office unit or post may not move it: the head office's posts stand
            # where the head office puts them (their rank decides who may be given a duty, BRN001)
            for field in ("parent", "unit", "reports_to"):
                if before.get(field) != item.get(field) and field in item.data:
                    line, col = item.pos(field)
                    out.append(Finding(item.path, line, col, _(
                        "{kind} '{id}' is the head office's: this override moves it ({field}: {old} -> {new}); a "
                        "branch may not change the head office's organisation: leave {field} out").format(
                            kind=item.kind, id=item.id, field=field, old=before.get(field), new=item.get(field)),
                        branch_scope.CODE, item=item.id))
            continue
        if item.path not in own or item.template is not None or before is not None:
            continue  # the head office's, or an instance of a template
        field = "parent" if item.kind == "unit" else "unit"
        unit = item.id if item.kind == "unit" else item.get("unit")
        if not isinstance(unit, str) or model.get(unit, "unit") is None or branch_id in org.chain(unit):
            continue  # REF001 reports a unit that does not exist
        line, col = item.pos(field)
        out.append(Finding(item.path, line, col, _(
            "{kind} '{id}' is added by branch {branch} in '{unit}', outside the branch: a branch adds units and "
            "posts in its own unit '{branch}' or below it").format(
                kind=item.kind, id=item.id, branch=branch_id, unit=item.get(field)), branch_scope.CODE, item=item.id))
    return out


def relaxations(overlay: Overlay, head: Any, model: Any) -> list[Finding]:
    """BRN001: what a branch's files change that relaxes the head office's rules, by handbook diff's
    direction table. Every item written in a branch file is judged: an override and the items
    nested in it (a source's articles and their limits) against the head-office items of the same
    ids, as ``handbook diff`` compares one item across versions; a nested head-office item an
    override leaves out, as removed; an item the branch adds, as added to its list (a ground for
    declining a complaint is a relief: adding one relaxes); a stage it adds that brings about an
    event a head-office stage brings about, as another path to it, against that stage's deadline;
    and an override's effective date, against the head-office item's."""
    from .diff.compare import FieldTypes, _entry_rule, compare_items
    from .diff.directions import Context, Direction
    from .diff.periods import compare_periods
    from .diff.reporters import shift_text
    from .timeline import graph

    if model.schemas is None:
        return []
    types = FieldTypes(model.schemas)
    out: list[Finding] = []

    def relaxed(item: Any, text: str, field: str | None = None) -> None:
        line, col = item.pos(field) if field else item.pos()
        out.append(Finding(item.path, line, col, text, branch_relaxes.CODE, item=item.id))

    # every item as written in the branch's files: a second override of one item too (REF002 reports
    # the duplicate; its relaxation is still one)
    written = [i for i in model.items.values() if i.file.overlay and i.template is None and i.data is not i.file.data]
    written += [again for _first, again in model.duplicates if again.file.overlay and again.template is None]
    where = {o.head_id: o.head_file for o in overlay.overrides}
    for item in written:
        before = head.get(item.id)
        top = item
        while top.parent is not None:
            top = top.parent
        file = where.get(top.id, before.path if before is not None else "")
        if before is not None:
            change = compare_items(before, item, types, head, model)
            for shift in change.shifts if change is not None else ():
                if shift.rule.direction is Direction.RELAXED:
                    relaxed(item, _(
                        "{kind} '{id}': this override relaxes the head office's rule ({file}): {shift}; a branch may "
                        "only tighten the head office's rules: keep the head office's value or a stricter one, or "
                        "have a head-office post with the authority waive BRN001 for '{id}'").format(
                            kind=item.kind, id=item.id, file=file, shift=shift_text(shift)),
                        shift.field.split(".")[0] if shift.field else None)
            if item.id in where and item.parent is None:
                postponed = _postponed(before, item)
                if postponed is not None:
                    relaxed(item, postponed, "effective_from" if "effective_from" in item.data else None)
            continue
        rule = _entry_rule(types, item, True)
        if rule.direction is Direction.RELAXED:
            relaxed(item, _(
                "{kind} '{id}': adding it relaxes the head office's rules ({rule}: {doc}); a branch may only add "
                "what tightens them, or have a head-office post with the authority waive BRN001 for "
                "'{id}'").format(kind=item.kind, id=item.id, rule=rule.code, doc=_(rule.doc)))
        if item.kind == "stage" and isinstance(item.get("produces"), str):
            for other in graph(head).producers.get(item.get("produces"), ()):
                if other.file.overlay or model.get(other.id) is None:
                    continue
                ctx = Context(head, model, other.data, item.data)
                for r, note in compare_periods(other.get("deadline"), item.get("deadline"), ctx):
                    if r.direction is Direction.RELAXED:
                        relaxed(item, _(
                            "stage '{id}' is another path to '{event}', which the head office's stage '{other}' "
                            "brings about: its deadline {rule} ({note}); a branch's path may not take longer "
                            "than the head office's: give it a deadline no longer, from the same event, or "
                            "override '{other}'").format(id=item.id, event=item.get("produces"), other=other.id,
                                                         rule=r.code, note=note or _(r.doc)),
                            "deadline" if "deadline" in item.data else None)
    # a nested head-office item (a limit of an article) an override leaves out is gone from the branch's set
    nested = _nested(head)
    for o in overlay.overrides:
        if o.removed:
            continue
        for i in (i for i in nested.get(o.head_id, ()) if model.get(i.id) is None):
            after = model.get(o.head_id)
            if after is not None:
                relaxed(after, _(
                    "{kind} '{id}': this override leaves out the head office's {nested_kind} '{nested}' ({file}), "
                    "which the branch's set then lacks; a branch may only tighten the head office's rules: keep "
                    "it").format(kind=after.kind, id=o.head_id, nested_kind=i.kind, nested=i.id, file=o.head_file))
    return out


def _nested(head: Any) -> dict[str, list[Any]]:
    """The head office's nested items by the id of the top-level item they sit in, found once per
    head-office model (every branch asks)."""
    found = head.derived.get("nested-items")
    if found is None:
        found = {}
        for item in head.items.values():
            top = item.parent
            while top is not None and top.parent is not None:
                top = top.parent
            if top is not None:
                found.setdefault(top.id, []).append(item)
        head.derived["nested-items"] = found
    return found  # type: ignore[no-any-return]


def _effective(item: Any) -> str:
    """When an item takes effect: its own effective_from, else its file's effective_date."""
    return str(item.get("effective_from") or item.file.data.get("effective_date") or "")


def _postponed(before: Any, after: Any) -> str | None:
    """An override that takes effect later than the head-office item leaves the branch without the
    rule in between (a branch file's effective_date is its items' default)."""
    was, now = _effective(before), _effective(after)
    if not was or not now or now <= was:
        return None
    return _("{kind} '{id}': this override takes effect on {now}, after the head office's rule ({was}), which "
             "the branch would be without until then; a branch may only tighten the head office's rules: give "
             "the override (or its file) an effective date no later than {was}").format(
                 kind=after.kind, id=after.id, now=now, was=was)
