"""The policy model: every item of every file, indexed by id, with its references.

Built from loaded, schema-checked files; which fields are ids and which are
references comes from the schemas' ``x-id``/``x-ref`` marks (see ``validation.py``).
Checks read this model and never the YAML; renderers read it too.

Post templates (roles with ``per_unit``) are instantiated by ``finish()``, once every
file is in: each instance is in ``items`` (so references to "<role>.<unit>" resolve
and clash with real ids) and in ``instances``, but not in ``of("role")``, which
lists the roles as written (see ``orgtree.py``).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .loader import LoadedFile
from .validation import SchemaSet, walk_template

if TYPE_CHECKING:
    from .calendar.counting import WorkCalendar
    from .orgtree import OrgTree

TITLE_FIELDS = ("name", "title", "term", "ground", "rule", "bounds")
# article references that name what a rule goes against (a prohibition), not what it implements:
# they make a rule no implementer of the article, and are no field to cite a source in
AGAINST_FIELDS = frozenset({"conflicts_with"})
_AGAINST_REFS = tuple(f".{f}.*" for f in sorted(AGAINST_FIELDS))  # how their references' templates end
CALENDAR_KEYS = ("business_hours", "closures", "extra_workdays", "years")


@dataclass(slots=True)
class PolicyFile:
    kind: str
    loaded: LoadedFile
    overlay: bool = False  # a branch office's file over the head office's (branches.py)
    # what Model.add_file found in it, in order (items, references, Markdown fields): another model
    # of a set that holds this very file (a branch office's over the head office's) takes them as
    # they are (Model.add_built) instead of walking the file again
    built: tuple[list[Item], list[Ref], list[Ref]] | None = field(default=None, repr=False)

    @property
    def path(self) -> str:
        return self.loaded.path

    @property
    def data(self) -> dict[str, Any]:
        return self.loaded.data  # type: ignore[no-any-return]

    def pos(self, key: str) -> tuple[int, int]:
        return self.loaded.key_pos(self.data, key)


@dataclass(slots=True, eq=False)
class Item:
    id: str
    kind: str
    data: dict[str, Any]
    file: PolicyFile
    parent: Item | None = None
    template: Item | None = None  # for a post template's instance: the template (it is written there)

    @property
    def title(self) -> str:
        for f in TITLE_FIELDS:
            v = self.data.get(f)
            if isinstance(v, str):
                return v
        return self.id

    @property
    def path(self) -> str:
        return self.file.path

    def pos(self, key: str | None = None) -> tuple[int, int]:
        """Line and column of a field's value, or of the item's id (an instance's: its template's,
        its unit's at the template's per_unit)."""
        if self.template is not None:
            return self.template.pos("per_unit" if key == "unit" else key)
        return self.file.loaded.key_pos(self.data, key or "id", value=key is not None)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(slots=True, eq=False)
class Ref:
    """One reference in a file: ``field`` of ``source`` names ``target`` of kind ``kind``."""

    target: Any
    kind: str
    field: str  # dotted template, e.g. "roles.*.reports_to" (the same for every item of a list)
    source: Item | None
    holder: dict[str, Any]  # the mapping that holds the reference (e.g. the deadline)
    file: PolicyFile
    line: int
    column: int
    where: tuple[str | int, ...]  # the field's keys and list indexes

    @property
    def path(self) -> str:
        """Where it is, with real list indexes ("roles.2.reports_to"): the one way messages
        write a field, as the schema stage does (counted from 0). Built only when shown."""
        return ".".join(map(str, self.where))


@dataclass
class Model:
    files: list[PolicyFile] = field(default_factory=list)
    items: dict[str, Item] = field(default_factory=dict)
    by_kind: dict[str, list[Item]] = field(default_factory=lambda: defaultdict(list))
    refs: list[Ref] = field(default_factory=list)
    markdown: list[Ref] = field(default_factory=list)  # prose fields rendered as Markdown (kind "markdown")
    duplicates: list[tuple[Item, Item]] = field(default_factory=list)  # (first, again)
    instances: list[Item] = field(default_factory=list)  # posts of the post templates, made by finish()
    schemas: SchemaSet | None = None  # the schemas the files were read with (add_file sets it)
    # in a branch's set: the head-office items it overrides, each with the head-office file it is written in
    overrides: dict[str, str] = field(default_factory=dict)
    today: date = field(default_factory=date.today)
    # why the calendar file's data cannot be used (CAL002 reports it), and in which file; set by calendar()
    calendar_error: str | None = None
    calendar_error_file: PolicyFile | None = None
    # built on first use, from the files as loaded
    # (the set's own, the head office's, the statutory): see calendar(), head_calendar(), public_calendar()
    _calendars: tuple[WorkCalendar | None, ...] | None = field(default=None, init=False, repr=False)
    _refs_to: dict[str, list[Ref]] | None = field(default=None, init=False, repr=False)
    # what several checks and the manual derive from the finished model (the stage graph, the
    # timelines), computed once by whoever asks first: name -> value
    derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False)
    _org: OrgTree | None = field(default=None, init=False, repr=False)
    _finished: bool = field(default=False, init=False, repr=False)

    def of(self, kind: str) -> list[Item]:
        return self.by_kind.get(kind, [])

    def get(self, item_id: Any, kind: str | None = None) -> Item | None:
        item = self.items.get(item_id) if isinstance(item_id, str) else None
        if item is not None and kind is not None and kind != "any" and item.kind != kind:
            return None
        return item

    def calendar(self) -> WorkCalendar | None:
        """The working-day calendar: the holiday package with the company calendar file over it (in a
        branch office's set, its own closures too: the calendar its staff count their own time on).

        None when the calendar file's data cannot be used; ``calendar_error`` then
        says why (reported by CAL002), and checks that need the calendar skip.
        """
        return self._load_calendars()[0]

    def head_calendar(self) -> WorkCalendar | None:
        """The head office's company calendar: ``calendar()`` without a branch's closures."""
        return self._load_calendars()[1]

    def public_calendar(self) -> WorkCalendar | None:
        """The statutory calendar (the company calendar without its closures and extra days)."""
        return self._load_calendars()[2]

    def calendar_for(self, where: Item | PolicyFile) -> WorkCalendar | None:
        """The calendar the deadlines of an item (or of a file) count on: a branch's closures extend
        the deadlines of the items the branch adds, never a head-office item's, overridden or not
        (a branch may not relax the head office's rules), nor a regulatory limit (counted on
        ``public_calendar()``)."""
        if isinstance(where, Item):
            top = where
            while top.parent is not None:
                top = top.parent
            own = top.file.overlay and top.id not in self.overrides
        else:
            own = where.overlay
        return self._load_calendars()[0 if own else 1]

    def _load_calendars(self) -> tuple[WorkCalendar | None, ...]:
        if self._calendars is None:
            from .calendar.counting import WorkCalendar
            from .calendar.data import CompanyCalendar

            files = self.files_of("calendar")
            # the head office's calendar file, if it has one (a branch's, added after, is never it)
            company_file = next((f for f in files if not f.overlay), None)
            data = {k: v for k, v in company_file.data.items() if k in CALENDAR_KEYS} if company_file else None
            branch_files = [f for f in files if f.overlay]
            # which file the data that cannot be used is in, for CAL002: the head office's, then the branch's
            self.calendar_error_file = company_file
            try:
                company = CompanyCalendar.from_dict(data)
                head = WorkCalendar(company)
                # a branch's calendar (branches.py) adds its own closures and extra working days
                own_data = dict(data or {})
                for extra in branch_files:
                    for key in ("closures", "extra_workdays"):
                        if isinstance(extra.data.get(key), list):
                            own_data[key] = [*(own_data.get(key) or []), *extra.data[key]]
                self.calendar_error_file = branch_files[0] if branch_files else company_file
                own = head if own_data == (data or {}) else WorkCalendar(CompanyCalendar.from_dict(own_data))
                # Closures give the company more time, never the customer or the regulator:
                # regulatory limits are counted on the statutory calendar alone.
                if company.closures or company.extra_workdays:
                    public = WorkCalendar(dataclasses.replace(company, closures={}, extra_workdays={}))
                else:  # the same days: one calendar, whose tables both sides share
                    public = head
                self._calendars = (own, head, public)
            except ValueError as exc:
                self._calendars = (None, None, None)
                self.calendar_error = str(exc)
        return self._calendars

    def release(self) -> None:
        """Drop what is derived from the model (the stage graph, the org tree and the calendars refer
        back to it), so that it is freed as soon as its last user lets go, with the collector off."""
        self.derived.clear()
        self._org = None
        self._calendars = None
        self._refs_to = None

    def org(self) -> OrgTree:
        """The unit tree, the posts of each unit and the instances of each template."""
        if self._org is None:
            from .orgtree import OrgTree

            self.finish()
            self._org = OrgTree(self)
        return self._org

    # -- queries the checks, the CLI and the manual share ---------------------------------
    def binding_articles(self) -> list[Item]:
        """Binding articles of current outside laws and regulations (internal rules aside)."""
        out = []
        for a in self.of("article"):
            src = a.parent
            if src is None or src.get("type") == "internal" or src.get("status") != "current":
                continue
            if a.get("binding") is True:
                out.append(a)
        return out

    def implementers(self, article_id: str) -> list[Item]:
        """Adopted items whose implements/required_by/cites name the article (the article itself
        aside). A rule that only conflicts with the article (conflicts_with), or that is kept on
        record as not adopted, implements nothing."""
        seen: dict[int, Item] = {}
        for r in self.refs_to(article_id):
            if r.kind != "article" or r.source is None or r.source.id == article_id:
                continue
            if r.field.endswith(_AGAINST_REFS) or r.source.get("adopted") is False:
                continue
            seen.setdefault(id(r.source), r.source)
        return list(seen.values())

    def written(self) -> Iterator[Item]:
        """Every item as written: a second item with a taken id (REF002) too, the posts of a post
        template not (they are their template's)."""
        for items in self.by_kind.values():
            yield from items
        for _first, again in self.duplicates:
            if again.template is None:
                yield again

    def files_of(self, kind: str) -> list[PolicyFile]:
        return [f for f in self.files if f.kind == kind]

    def refs_to(self, item_id: str) -> list[Ref]:
        if self._refs_to is None:
            index: dict[str, list[Ref]] = defaultdict(list)
            for r in self.refs:
                if isinstance(r.target, str):
                    index[r.target].append(r)
            self._refs_to = index
        return self._refs_to.get(item_id, [])

    # -- building ------------------------------------------------------------
    def add_file(self, pf: PolicyFile, schemas: SchemaSet) -> None:
        self.schemas = schemas
        rm = schemas.refmodel(pf.kind)
        loaded = pf.loaded
        items: list[Item] = []
        refs: list[Ref] = []
        markdown: list[Ref] = []
        item_at: dict[int, Item] = {}  # id(container dict) -> Item, to find a ref's owner
        # shorter templates first, so an enclosing item exists before its children
        for template, kind in sorted(rm.ids, key=lambda t: len(t[0])):
            for parent, _key, value, container, _where in walk_template(pf.data, template, track=False):
                if not isinstance(value, str) or not isinstance(parent, dict):
                    continue  # the schema has reported it
                owner = _owner(item_at, container[:-1])
                item = Item(value, kind, parent, pf, owner)
                item_at[id(parent)] = item
                items.append(item)
        for template, kind in [*rm.refs, *((t, "markdown") for t in rm.markdown)]:
            fname = ".".join(template)
            out = markdown if kind == "markdown" else refs
            for parent, key, value, container, where in walk_template(pf.data, template):
                if value is None:
                    continue
                if isinstance(parent, list):
                    line, col = loaded.item_pos(parent, key)  # type: ignore[arg-type]
                else:
                    line, col = loaded.key_pos(parent, key)  # type: ignore[arg-type]
                out.append(Ref(value, kind, fname, _owner(item_at, container), container[-1], pf, line, col, where))
        pf.built = (items, refs, markdown)
        self.add_built(pf, schemas)

    def add_built(self, pf: PolicyFile, schemas: SchemaSet) -> None:
        """Add a file another model has added already (``pf.built``): its items, in the order they
        are written (a taken id is a duplicate, as in add_file), and its references."""
        assert pf.built is not None
        self.files.append(pf)
        self.schemas = schemas
        items, refs, markdown = pf.built
        for item in items:
            first = self.items.get(item.id)
            if first is not None:
                self.duplicates.append((first, item))
                continue
            self.items[item.id] = item
            self.by_kind[item.kind].append(item)
        self.refs += refs
        self.markdown += markdown

    def finish(self) -> None:
        """Complete the model once every file is added: instantiate the post templates. An
        instance whose id another item has is a duplicate (REF002), as between files."""
        if self._finished:
            return
        self._finished = True
        from .orgtree import instantiate

        for inst in instantiate(self):
            first = self.items.get(inst.id)
            if first is not None:
                self.duplicates.append((first, inst))
                continue
            self.items[inst.id] = inst
            self.instances.append(inst)


def _owner(item_at: dict[int, Item], chain: tuple[Any, ...]) -> Item | None:
    for c in reversed(chain):
        item = item_at.get(id(c))
        if item is not None:
            return item
    return None
