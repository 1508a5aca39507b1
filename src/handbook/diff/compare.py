"""Two modelled policy sets, item by item: what was added, removed or changed, and which way.

Items are matched by id; an item whose ``replaces`` names an id that is gone is that item
renamed. Each file kind's header (its top-level fields that are not lists of items) is
compared as one more item. A changed field is handed to its type's comparison
(``directions.TYPES``, chosen by the schema's ``x-change`` marks); a field with no mark of
its own takes its nearest marked parent's type, or is wording.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from ..i18n import _
from ..model import Item, Model, PolicyFile, Ref
from ..periods import item_deadline, repealed
from ..problem import Problem, Severity
from ..validation import SchemaSet
from .directions import NEUTRAL_RULES, TYPES, Context, Direction, DirectionRule, FieldType, Shift

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
_ORDER = {Direction.RELAXED: 0, Direction.TIGHTENED: 1, Direction.NEUTRAL: 2}


@dataclass
class Change:
    status: str  # added | removed | changed
    id: str  # the item's id on the new side ("" for a file's header)
    kind: str  # the item's kind, or the file kind for a header
    title: str
    old: Item | None
    new: Item | None
    shifts: list[Shift] = field(default_factory=list)
    renamed_from: str | None = None
    roles: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    effective: str | None = None  # the day the new side takes effect: its effective_from, or its file's date
    upcoming: bool = False
    bounded: bool = False  # a deadline the regulator's limits bound
    problems: list[Problem] = field(default_factory=list)
    path: str = ""  # where to find it: the new side's file, or the old side's for a removal
    line: int = 0

    @property
    def direction(self) -> Direction:
        ds = {s.rule.direction for s in self.shifts}
        if Direction.RELAXED in ds:
            return Direction.RELAXED
        return Direction.TIGHTENED if Direction.TIGHTENED in ds else Direction.NEUTRAL

    def sort_key(self) -> tuple[int, int, str, str]:
        d = self.direction
        first = 0 if d is Direction.RELAXED and self.bounded else 1 + _ORDER[d]
        return (first, 0 if self.upcoming else 1, self.kind, self.id)


@dataclass
class Report:
    old_label: str
    new_label: str
    changes: list[Change]
    problems: list[Problem]  # the new side's errors and warnings that no change names
    today: str = ""
    role_titles: dict[str, str] = field(default_factory=dict)  # post id -> its name (the new side's first)

    def count(self, direction: Direction) -> int:
        return sum(1 for c in self.changes if c.direction is direction)


class FieldTypes:
    """The type of every field of every kind of file, from the schemas' x-change marks."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self._kinds: dict[str, dict[str, tuple[str | None, dict[str, Any]]]] = {}
        self._items: dict[str, dict[str, str]] = {}
        self._prefixes: dict[str, set[str]] = {}
        self._at: dict[tuple[str, str], tuple[FieldType, dict[str, Any], bool]] = {}

    def of(self, file_kind: str) -> dict[str, tuple[str | None, dict[str, Any]]]:
        found = self._kinds.get(file_kind)
        if found is None:
            found = {}
            for path, subs in self.schemas.fields(file_kind).items():
                mark = next((s["x-change"] for s in subs if "x-change" in s), None)
                words: dict[str, Any] = {}
                for s in reversed(subs):  # the field's own words over those of what it refers to
                    words.update({k: v for k, v in s.items() if k in ("default", "x-rank", "x-default-from")})
                found[path] = (mark, words)
            self._kinds[file_kind] = found
        return found

    def at(self, file_kind: str, path: str) -> tuple[FieldType, dict[str, Any], bool]:
        key = (file_kind, path)
        found = self._at.get(key)
        if found is None:
            found = self._at[key] = self._type_at(file_kind, path)
        return found

    def _type_at(self, file_kind: str, path: str) -> tuple[FieldType, dict[str, Any], bool]:
        """The field's type, its schema words, and whether the mark is its own (not a parent's).

        A field of an item does not take the type of the list that holds the item: that type
        says what adding or removing the item does (``duties``, ``reliefs``), not what a change
        to the item's name or articles does. A field with no mark inside its item is wording."""
        table = self.of(file_kind)
        path = self.schema_path(file_kind, path)
        mark, words = table.get(path, (None, {}))
        if mark is not None:
            return TYPES[mark], words, True
        parts = path.split(".")
        items = set(self.item_paths(file_kind).values())
        crossed = False  # whether the walk left the item the field belongs to
        while parts:
            if parts.pop() == "*" and ".".join([*parts, "*"]) in items:
                crossed = True
            up = table.get(".".join(parts))
            if up is not None and up[0] is not None:
                if crossed and TYPES[up[0]].entries:
                    break
                return TYPES[up[0]], words, False
        return TYPES["neutral"], words, False

    def schema_path(self, file_kind: str, path: str) -> str:
        """A path as the data spells it ("years.2027.holidays") as the schema does ("years.<key>.holidays")."""
        prefixes = self._prefixes.get(file_kind)
        if prefixes is None:
            prefixes = {".".join(p.split(".")[:n]) for p in self.of(file_kind) for n in range(1, p.count(".") + 2)}
            self._prefixes[file_kind] = prefixes
        out: list[str] = []
        for part in path.split(".") if path else ():
            here = ".".join([*out, part])
            free = ".".join([*out, "<key>"])
            out.append(part if here in prefixes or free not in prefixes else "<key>")
        return ".".join(out)

    def item_paths(self, file_kind: str) -> dict[str, str]:
        """Item kind -> the dotted path of its items in a file of this kind ("stages.*")."""
        found = self._items.get(file_kind)
        if found is None:
            found = {}
            for template, kind in self.schemas.refmodel(file_kind).ids:
                if template[-1:] == ("id",) and len(template) > 1:
                    found.setdefault(kind, ".".join(template[:-1]))
            self._items[file_kind] = found
        return found


def compare(old: Model, new: Model, problems: list[Problem], old_label: str, new_label: str,
            today: str) -> Report:
    schemas = new.schemas or old.schemas
    assert schemas is not None
    types = FieldTypes(schemas)
    old_items = _own_items(old)
    new_items = _own_items(new)
    # a rename: the first id in an item's replaces that is gone is the item before; any other id it
    # lists that is gone was merged into it, and is listed as removed (a reviewer weighs the merge)
    renamed: dict[str, str] = {}  # old id -> new id
    previous: dict[str, str] = {}  # new id -> old id
    merged: dict[str, str] = {}  # old id -> the item it was merged into
    for item in new_items.values():
        for was in _listed(item.get("replaces")):
            if not isinstance(was, str) or was not in old_items or was in new_items or was in renamed:
                continue
            if item.id in previous or item.id in old_items:
                merged.setdefault(was, item.id)
            else:
                renamed[was] = item.id
                previous[item.id] = was
    changes: list[Change] = []
    for item_id, item in new_items.items():
        was = previous.get(item_id)
        before = old_items.get(was or item_id)
        if before is None:
            changes.append(_added(item, types, old, new))
            continue
        c = compare_items(before, item, types, old, new)
        if c is not None:
            c.renamed_from = was
            changes.append(c)
    for item_id, item in old_items.items():
        if item_id not in new_items and item_id not in renamed:
            c = _removed(item, types, old, new)
            if item_id in merged:
                c.shifts = [replace(sh, note=_("merged into {id}").format(id=merged[item_id])) for sh in c.shifts]
            changes.append(c)
    changes.extend(_headers(old, new, types))
    _annotate(changes, old, new, problems, today)
    claimed = {id(p) for c in changes for p in c.problems}
    rest = [p for p in problems if id(p) not in claimed and p.severity in (Severity.ERROR, Severity.WARNING)]
    changes.sort(key=Change.sort_key)
    titles = {r.id: r.title for model in (old, new) for r in model.of("role")}
    return Report(old_label, new_label, changes, rest, today, titles)


def _own_items(model: Model) -> dict[str, Item]:
    """The items as written (a post template's instances follow their template). A file that is
    itself an item (the calendar) is compared as its file's header instead, once."""
    return {k: v for k, v in model.items.items() if v.template is None and v.data is not v.file.data}


def _listed(v: Any) -> list[Any]:
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def _item_path(types: FieldTypes, item: Item) -> str:
    return types.item_paths(item.file.kind).get(item.kind, item.kind)


def _list_type(types: FieldTypes, item: Item) -> FieldType:
    path = _item_path(types, item)
    list_path = path[:-2] if path.endswith(".*") else path
    t, _words, _own = types.at(item.file.kind, list_path)
    return t


def _entry_rule(types: FieldTypes, item: Item, added: bool) -> DirectionRule:
    t = _list_type(types, item)
    if item.get("adopted") is False or not t.entries:
        return NEUTRAL_RULES[0]  # a practice kept on record as not adopted binds nobody
    return t.rule("added" if added else "removed")


def _added(item: Item, types: FieldTypes, old: Model, new: Model) -> Change:
    rule = _entry_rule(types, item, True)
    return Change(ADDED, item.id, item.kind, item.title, None, item, [Shift(rule, "", None, item.id)])


def _removed(item: Item, types: FieldTypes, old: Model, new: Model) -> Change:
    rule = _entry_rule(types, item, False)
    return Change(REMOVED, item.id, item.kind, item.title, item, None, [Shift(rule, "", item.id, None)])


def _same(x: Any, y: Any) -> bool:
    """Equal values of one type (True is not 1 here). Most items are unchanged, and a file that is
    the same on both sides shares its data (loader.Reuse): the identity test settles those."""
    return x is y or (type(x) is type(y) and x == y)


def compare_items(before: Item, after: Item, types: FieldTypes, old: Model, new: Model) -> Change | None:
    """One item across two models (a version and the next, the head office and a branch): its
    change, or None when nothing moved."""
    if before.id == after.id and before.kind == after.kind and _same(before.data, after.data):
        return None
    base = _item_path(types, after)
    children = {p for p in types.item_paths(after.file.kind).values() if p != base}
    files = (before.file.data, after.file.data)
    shifts = _fields(before.data, after.data, after.file.kind, base, "", children, types, old, new, files)
    if before.kind != after.kind:
        shifts.append(Shift(TYPES["unclear"].rules[0], "kind", before.kind, after.kind))
    if before.id != after.id:  # renamed (replaces): listed even when nothing else changed
        shifts.insert(0, Shift(NEUTRAL_RULES[0], "id", before.id, after.id))
    if not shifts:
        return None
    return Change(CHANGED, after.id, after.kind, after.title, before, after, shifts)


def _fields(a: dict[str, Any], b: dict[str, Any], file_kind: str, base: str, shown: str, children: set[str],
            types: FieldTypes, old: Model, new: Model,
            files: tuple[dict[str, Any], dict[str, Any]] = ({}, {})) -> list[Shift]:
    out: list[Shift] = []
    keys = list(dict.fromkeys([*b, *a]))
    periods: list[str] = []  # fields of one period written on the item itself (a regulatory limit's)
    for key in keys:
        path = f"{base}.{key}" if base else key
        if f"{path}.*" in children or key in ("id", "replaces"):
            continue  # nested items are compared as items of their own; the id matched them
        x, y = a.get(key), b.get(key)
        if _same(x, y):
            if TYPES["period"] is types.at(file_kind, path)[0] and types.at(file_kind, path)[2]:
                periods.append(key)
            continue
        ftype, words, own = types.at(file_kind, path)
        name = f"{shown}.{key}" if shown else key
        if ftype is TYPES["period"] and own and not isinstance(x if x is not None else y, dict):
            periods.append(key)
            continue
        if not own and isinstance(x, dict | None) and isinstance(y, dict | None):
            out += _fields(x or {}, y or {}, file_kind, path, name, children, types, old, new, files)
            continue
        ctx = Context(old, new, a, b, words, *files)
        out += [Shift(rule, name, x, y, note) for rule, note in ftype.compare(x, y, ctx)]
    if periods and any(not _same(a.get(k), b.get(k)) for k in periods):
        pa = {k: a[k] for k in periods if k in a}
        pb = {k: b[k] for k in periods if k in b}
        ctx = Context(old, new, a, b, {}, *files)
        # a limit's period is written on the limit itself: named by the fields that moved
        name = shown or "/".join(k for k in periods if not _same(a.get(k), b.get(k)))
        out += [Shift(rule, name, pa, pb, note) for rule, note in TYPES["period"].compare(pa, pb, ctx)]
    return out


def _headers(old: Model, new: Model, types: FieldTypes) -> list[Change]:
    """Each file's own fields (its header, a calendar's days), as one item per file: files are
    paired by kind and by their path in the policy folder; a file renamed alone within its kind
    is its old self; a file on one side only is added or removed."""
    out = []
    old_files, new_files = _by_place(old), _by_place(new)
    kinds = list(dict.fromkeys([f.kind for f in new.files] + [f.kind for f in old.files]))
    for kind in kinds:
        before = {p: f for (k, p), f in old_files.items() if k == kind}
        after = {p: f for (k, p), f in new_files.items() if k == kind}
        pairs: list[tuple[PolicyFile | None, PolicyFile | None]] = [(before[p], after[p]) for p in after if p in before]
        gone = [f for p, f in before.items() if p not in after]
        came = [f for p, f in after.items() if p not in before]
        if len(gone) == 1 and len(came) == 1:
            pairs.append((gone[0], came[0]))
        else:
            pairs += [(f, None) for f in gone] + [(None, f) for f in came]
        lists = {p.split(".")[0] for p in types.item_paths(kind).values()}
        for a, b in pairs:
            da = {k: v for k, v in (a.data if a else {}).items() if k not in lists}
            db = {k: v for k, v in (b.data if b else {}).items() if k not in lists}
            if kind in types.item_paths(kind):  # a file that is itself an item (the calendar) has its id
                da.pop("id", None)
                db.pop("id", None)
            shifts = _fields(da, db, kind, "", "", set(), types, old, new)
            if shifts:
                f = b or a
                assert f is not None
                title = str(f.data.get("title") or kind)
                c = Change(CHANGED if a and b else (ADDED if b else REMOVED), "", kind, title, None, None, shifts)
                c.path = f.path
                c.line = 1
                out.append(c)
    return out


def _by_place(model: Model) -> dict[tuple[str, str], PolicyFile]:
    """A side's files by (kind, path within its policy folder): the folder is where the paths as shown
    ("v1:policies/a.yaml", "policies/a.yaml") part, so two sides read from different places pair."""
    given = model.derived.get("places")  # a branch's effective set names each file's place (diff/__init__.py)
    if given is not None:
        return {(f.kind, given[f.path]): f for f in model.files}
    paths = [f.path for f in model.files]
    if not paths:
        return {}
    root = posixpath.commonpath([posixpath.dirname(p) for p in paths]) if len(paths) > 1 else posixpath.dirname(
        paths[0])
    return {(f.kind, f.path[len(root):].lstrip("/")): f for f in model.files}


def _annotate(changes: list[Change], old: Model, new: Model, problems: list[Problem], today: str) -> None:
    """Who and what each change touches, when it takes effect, and the checks that now fail on it."""
    roles = {"old": _roles_index(old), "new": _roles_index(new)}
    new_places = _by_place(new)
    successor = {id(f): new_places[place] for place, f in _by_place(old).items() if place in new_places}
    by_item: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        if p.item and p.severity in (Severity.ERROR, Severity.WARNING):
            by_item[p.item].append(p)
    for c in changes:
        item = c.new or c.old
        if item is not None:
            c.path = item.path
            c.line = item.pos()[0]
        found: dict[str, None] = {}
        for side, model, it in (("new", new, c.new), ("old", old, c.old)):
            if it is not None:
                found.update(dict.fromkeys(_roles_of(it, model, roles[side])))
        c.roles = list(found)
        arts: dict[str, None] = {}
        for model, it in ((new, c.new), (old, c.old)):
            if it is not None:
                arts.update(dict.fromkeys(_articles_of(it, model)))
        c.articles = list(arts)
        if c.new is not None:
            eff = c.new.get("effective_from") or c.new.file.data.get("effective_date")
        else:  # a header: its file's date (by path, as _headers set it); a removed item: the date of the
            # new version of its file (the same place), else of its kind's first file
            f = next((f for f in new.files if f.path == c.path), None) if c.id == "" else None
            if f is None and c.old is not None:
                f = successor.get(id(c.old.file)) or next((x for x in new.files if x.kind == c.old.file.kind), None)
            eff = f.data.get("effective_date") if f is not None else None
        c.effective = eff if isinstance(eff, str) else None
        c.upcoming = bool(c.effective and c.effective > today)
        c.bounded = any(_bounded(it, model) for model, it in ((new, c.new), (old, c.old)) if it is not None)
        if c.id:
            c.problems = by_item.get(c.id, [])


def _roles_index(model: Model) -> dict[str, set[str]]:
    """Item id -> the posts its fields name (a post template by its own id)."""
    index: dict[str, set[str]] = defaultdict(set)
    for r in model.refs:
        if r.kind == "role" and r.source is not None and isinstance(r.target, str):
            index[r.source.id].add(r.target)
    for role in model.of("role"):
        index[role.id].add(role.id)
    return index


def _roles_of(item: Item, model: Model, index: dict[str, set[str]]) -> list[str]:
    """The posts a change reaches: those the item names, else those of the items that name it
    (a violation's stages, a tier's violations' stages), two steps out at most."""
    seen = {item.id}
    frontier = [item.id]
    if item.kind == "unit":
        return [r.id for r in model.of("role") if item.id in (r.get("unit"), r.get("per_unit"))]
    for _step in range(3):
        found = sorted({r for i in frontier for r in index.get(i, ())})
        if found:
            return found
        nxt = []
        for i in frontier:
            for ref in model.refs_to(i):
                src = ref.source
                if src is not None and src.id not in seen:
                    seen.add(src.id)
                    nxt.append(src.id)
        frontier = nxt
    return []


def _refs_from(model: Model) -> dict[int, list[Ref]]:
    """The references each item's own fields hold, by the item (built once per model)."""
    found: dict[int, list[Ref]] | None = model.derived.get("refs-from")
    if found is None:
        found = defaultdict(list)
        for r in model.refs:
            if r.source is not None:
                found[id(r.source)].append(r)
        model.derived["refs-from"] = found
    return found


def _articles_of(item: Item, model: Model) -> list[str]:
    """The articles an item implements, cites or is bound by (a limit's), or is."""
    if item.kind == "article":
        return [item.id]
    if item.kind == "limit" and item.parent is not None:
        return [item.parent.id]
    out: dict[str, None] = {}
    for r in _refs_from(model).get(id(item), ()):
        if isinstance(r.target, str):
            if r.kind == "article":
                out[r.target] = None
            elif r.kind == "limit":
                lim = model.get(r.target, "limit")
                if lim is not None and lim.parent is not None:
                    out[lim.parent.id] = None
    return list(out)


def _bounded(item: Item, model: Model) -> bool:
    """Whether a regulatory limit bounds the item: its deadline names one, or its stage lies on a
    limit's path, or it is a regulator's limit."""
    if item.kind == "limit":
        return not repealed(item)
    d = item_deadline(item)
    if d and d.get("bounded_by"):
        return True
    if item.kind == "stage":
        from ..timeline import limits_by_stage

        sl = limits_by_stage(model)
        return bool(sl.on_path.get(id(item)) or sl.ended.get(id(item)))
    return False
