"""The organisation as a tree: units under their parents, and the posts in them.

A unit names its ``parent``; following the parents gives the unit's chain (the unit,
its parent, and so on up to a unit with none). A unit's ``type`` is an open code:
the common types carry labels in the schema (``x-labels`` of the unit's ``type``),
others are declared in the organisation file's ``unit_types`` (whose name, when
given, also wins over the schema's label).

A role is a single post (``unit``) or a post template (``per_unit: <unit type>``).
A template is defined once and stands for one post in every unit of its type: the
model gains, for each such unit, a role item with id ``"<role id>.<unit id>"`` (an
*instance*: the template's data with ``unit`` set to that unit, and a link back to
its template in ``Item.template``). ``resolve()`` says which post a role means in a
unit: a single post (or instance) means itself; a template means its instance in
that unit, else in the nearest unit above it that has one ("the 客服主管 of the
customer's branch", "the branch general manager" seen from a sub-branch).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Item, Model
    from .validation import SchemaSet


def instance_id(template_id: str, unit_id: str) -> str:
    """The id of a template's post in one unit."""
    return f"{template_id}.{unit_id}"


def is_template(role: Item) -> bool:
    """Whether a role is a post template (``per_unit``), not a post of its own."""
    return role.template is None and isinstance(role.data.get("per_unit"), str)


def builtin_unit_types(schemas: SchemaSet | None = None) -> dict[str, str]:
    """The common unit types and their labels, as the schema gives them (code -> label):
    from the schemas the model was built with, else the package's."""
    from .validation import package_schemas

    return (schemas or package_schemas()).labels.of("unit", "type")


def instantiate(model: Model) -> list[Item]:
    """One role item per template and unit of its type, in template order then unit order.

    The instance's data is the template's, with its own ``id``, ``unit`` set to the unit
    (``per_unit`` dropped) and a name that says the unit: 客服主管（北京分公司）.
    """
    from .model import Item

    by_type: dict[str, list[Item]] = defaultdict(list)
    for unit in model.of("unit"):
        t = unit.data.get("type")
        if isinstance(t, str):
            by_type[t].append(unit)
    out: list[Item] = []
    for role in model.of("role"):
        if not is_template(role):
            continue
        for unit in by_type.get(role.data["per_unit"], ()):
            iid = instance_id(role.id, unit.id)
            data = {k: v for k, v in role.data.items() if k != "per_unit"}
            data["id"] = iid
            data["unit"] = unit.id
            if isinstance(role.data.get("name"), str):
                data["name"] = f"{role.data['name']}（{unit.title}）"
            out.append(Item(iid, "role", data, role.file, role.parent, template=role))
    return out


class OrgTree:
    """Units as a tree, with the posts of each unit and the instances of each template.

    Built once per model (``Model.org()``), after the templates have been instantiated.
    Safe on broken data: a parent that is missing or loops ends a unit's chain.
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        self.builtin_types = builtin_unit_types(model.schemas)  # code -> the schema's label
        self.units: dict[str, Item] = {}
        for u in model.of("unit"):
            self.units.setdefault(u.id, u)
        self.declared_types: dict[str, Item] = {t.id: t for t in model.of("unit-type")}
        self.children: dict[str, list[Item]] = defaultdict(list)  # unit id -> its child units, in file order
        self.roots: list[Item] = []  # units without a (known) parent, in file order
        for u in self.units.values():
            parent = u.data.get("parent")
            if isinstance(parent, str) and parent in self.units and parent != u.id:
                self.children[parent].append(u)
            else:
                self.roots.append(u)
        self.instances: dict[str, list[Item]] = defaultdict(list)  # template id -> its instances
        self._instance_at: dict[tuple[str, str], Item] = {}  # (template id, unit id) -> instance
        for inst in model.instances:
            assert inst.template is not None
            self.instances[inst.template.id].append(inst)
            self._instance_at.setdefault((inst.template.id, inst.data["unit"]), inst)
        self.posts: dict[str, list[Item]] = defaultdict(list)  # unit id -> single posts and instances
        for role in model.of("role"):
            if is_template(role):
                for inst in self.instances.get(role.id, ()):
                    self.posts[inst.data["unit"]].append(inst)
            elif isinstance(role.data.get("unit"), str):
                self.posts[role.data["unit"]].append(role)
        self._chains: dict[str, tuple[str, ...]] = {}

    # -- the unit tree ----------------------------------------------------------------
    def chain(self, unit_id: Any) -> tuple[str, ...]:
        """The unit and the units above it, nearest first (empty for an unknown unit).
        Stops before a parent that is missing or already on the chain (a loop: ORG001)."""
        if not isinstance(unit_id, str):
            return ()
        found = self._chains.get(unit_id)
        if found is None:
            out: list[str] = []
            cur: Any = unit_id
            while isinstance(cur, str) and cur in self.units and cur not in out:
                out.append(cur)
                cur = self.units[cur].data.get("parent")
            found = self._chains[unit_id] = tuple(out)
        return found

    def ancestors(self, unit_id: Any) -> tuple[str, ...]:
        """The units above a unit, nearest first."""
        return self.chain(unit_id)[1:]

    def common_ancestor(self, unit_id: Any, other_id: Any) -> str | None:
        """The nearest unit on both units' chains (one of the two when one is above the other);
        None when they are in different trees (or a unit is unknown)."""
        theirs = set(self.chain(other_id))
        return next((u for u in self.chain(unit_id) if u in theirs), None)

    def same_kind_across(self, unit_id: Any, other_id: Any) -> tuple[Item, Item] | None:
        """For a line from a unit across into another unit (under a common ancestor, not above
        the unit): a unit on the other's side and one on the unit's own side, both below the
        common ancestor, that are of the same type, nearest the common ancestor first; None when
        the two sides share no type. ("北京分公司" into "上海分公司": two branches; "北京分公司" into
        the head office's 客户服务部: a branch and a department, no clash.)"""
        top = self.common_ancestor(unit_id, other_id)
        if top is None:
            return None
        mine = self.chain(unit_id)
        mine = mine[:mine.index(top)]
        theirs = self.chain(other_id)
        theirs = theirs[:theirs.index(top)]
        for other in reversed(theirs):
            kind = self.units[other].data.get("type")
            if not isinstance(kind, str):
                continue
            for own in reversed(mine):
                if self.units[own].data.get("type") == kind:
                    return self.units[other], self.units[own]
        return None

    def walk(self) -> Iterator[tuple[int, Item]]:
        """(depth, unit) for every unit, depth first from the roots in file order; units whose
        parents loop (no root above them) come last, at depth 0, so none is left out."""
        seen: set[str] = set()

        def down(unit: Item, depth: int) -> Iterator[tuple[int, Item]]:
            stack = [(unit, depth)]
            while stack:
                u, d = stack.pop()
                if u.id in seen:
                    continue
                seen.add(u.id)
                yield d, u
                stack.extend((c, d + 1) for c in reversed(self.children.get(u.id, ())))

        for root in self.roots:
            yield from down(root, 0)
        for u in self.units.values():
            if u.id not in seen:
                yield from down(u, 0)

    # -- posts ---------------------------------------------------------------------------
    def unit_of(self, role: Item) -> Item | None:
        """The unit of a single post or an instance (None for a template)."""
        unit = role.data.get("unit")
        return self.units.get(unit) if isinstance(unit, str) else None

    def resolve(self, role_id: Any, unit_id: Any) -> Item | None:
        """The post ``role_id`` means in a unit: a single post or an instance itself; for a
        template, its instance in the unit or else in the nearest unit above it that has one.
        None when there is no such role, or the template has no post there or above."""
        role = self.model.get(role_id, "role")
        if role is None or not is_template(role):
            return role
        for u in self.chain(unit_id):
            inst = self._instance_at.get((role.id, u))
            if inst is not None:
                return inst
        return None

    def boss(self, post: Item) -> Item | None:
        """The post a single post or an instance reports to, resolved in its unit."""
        return self.resolve(post.data.get("reports_to"), post.data.get("unit"))

    # -- unit types ----------------------------------------------------------------------
    def type_known(self, code: Any) -> bool:
        return isinstance(code, str) and (code in self.declared_types or code in self.builtin_types)

    def type_label(self, code: Any) -> str:
        """A unit type as the manual shows it: the name declared in ``unit_types``, else the
        schema's label, else the code itself."""
        if code is None:
            return ""
        declared = self.declared_types.get(code) if isinstance(code, str) else None
        if declared is not None and isinstance(declared.data.get("name"), str):
            return str(declared.data["name"])
        return self.builtin_types.get(str(code), str(code))
