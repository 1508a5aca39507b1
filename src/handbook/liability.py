"""Who answers for a violation, and who judges it: one answer for PEN006 and the role pages.

A violation is the ``breach`` of an item: a complaint stage, a standard, a follow-up
requirement. The posts *liable* for it are the ones that item names as doing it or
answering for it (``LIABLE_FIELDS``): its ``owner``, the ``role`` that does a stage and
the other roles that take part (``also``), and the roles that must follow a standard
(``applies_to``). An item that is not adopted (``adopted: false``) is no duty and makes
nobody liable. A post template stands for its posts: each of its instances is liable.

The penalties file's ``judged_by`` names the judges. A judge (a post, or each post of a
template) judges the posts of its own unit and of the units below it, never him/herself,
and never a post above him/her in the reporting line (his/her own boss, or theirs). Of the
judges that may judge a post, the one in the nearest unit on the post's chain judges it
(the first listed when several are in that unit). The head of the organisation (its ``head``)
has nobody above him/her in the handbook: he/she answers to the board, and needs no judge here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .orgtree import is_template

if TYPE_CHECKING:
    from .model import Item, Model, Ref

# the fields of an item that name the roles answering for its breach
LIABLE_FIELDS = ("owner", "role", "also", "applies_to")


def adopted(item: Item) -> bool:
    """Whether an item is a rule of the handbook (``adopted: false`` keeps a practice visible only)."""
    return item.get("adopted") is not False


def role_ids(item: Item, fields: Iterable[str] = LIABLE_FIELDS) -> list[str]:
    """The role ids an item names in ``fields``, in field order, each once."""
    out: dict[str, None] = {}
    for f in fields:
        value = item.get(f)
        for r in value if isinstance(value, list) else [value]:
            if isinstance(r, str):
                out.setdefault(r, None)
    return list(out)


def posts_of(model: Model, role_id: Any) -> list[Item]:
    """The posts a role id stands for: a template's instances, else the post itself (none if unknown)."""
    role = model.get(role_id, "role")
    if role is None:
        return []
    return list(model.org().instances.get(role.id, [])) if is_template(role) else [role]


def breaches(model: Model) -> list[tuple[Item, Item]]:
    """(item, violation) for every adopted item that names a known violation as its ``breach``."""
    out = []
    for ref in model.refs:
        if ref.kind != "violation" or not ref.where or ref.where[-1] != "breach" or ref.source is None:
            continue
        violation = model.get(ref.target, "violation")
        if violation is not None and adopted(ref.source):
            out.append((ref.source, violation))
    return out


def liable_posts(model: Model) -> dict[str, tuple[Item, list[tuple[Item, Item]]]]:
    """Post id -> (the post, [(item, violation)] it answers for), posts in the order first found."""
    out: dict[str, tuple[Item, list[tuple[Item, Item]]]] = {}
    for item, violation in breaches(model):
        for rid in role_ids(item):
            for post in posts_of(model, rid):
                out.setdefault(post.id, (post, []))[1].append((item, violation))
    return out


def judge_refs(model: Model) -> list[Ref]:
    """The references in the penalties files' ``judged_by`` (one or a list), in file order."""
    return [r for r in model.refs if r.kind == "role" and r.where and r.where[0] == "judged_by"
            and r.source is None]


class Judges:
    """The judges the penalties files name, and who of them judges a post."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.org = model.org()
        self.refs = judge_refs(model)
        # the heads of the organisation: judged outside the handbook (by the board)
        self.heads = {f.data.get("head") for f in model.files_of("organisation")} - {None}
        self.posts: list[Item] = []  # the judging posts, in the order named (a template: its posts)
        for ref in self.refs:
            for p in posts_of(model, ref.target):
                if p not in self.posts:
                    self.posts.append(p)
        # each judge's line of bosses, walked once: every post a judge might judge asks it
        self._bosses = {j.id: frozenset(self.above(j)) for j in self.posts}

    def above(self, post: Item) -> list[str]:
        """The ids of the posts above a post in the reporting line, nearest first (stops at a loop)."""
        out: list[str] = []
        cur = self.org.boss(post)
        while cur is not None and cur.id != post.id and cur.id not in out:
            out.append(cur.id)
            cur = self.org.boss(cur)
        return out

    def may_judge(self, judge: Item, post: Item) -> bool:
        """A judge judges a post of its own unit or a unit below it; not him/herself, not a boss."""
        unit = judge.get("unit")
        return (judge.id != post.id and isinstance(unit, str) and unit in self.org.chain(post.get("unit"))
                and post.id not in (self._bosses[judge.id] if judge.id in self._bosses else self.above(judge)))

    def judge_of(self, post: Item) -> Item | None:
        """The judge of a post: of those who may judge it, the one in the nearest unit above it."""
        chain = self.org.chain(post.get("unit"))
        best: tuple[int, Item] | None = None
        for j in self.posts:
            if self.may_judge(j, post):
                depth = chain.index(j.get("unit"))
                if best is None or depth < best[0]:
                    best = (depth, j)
        return best[1] if best is not None else None

    def needs_judge(self, post: Item) -> bool:
        """Whether a post is judged in the handbook: every post but the organisation's head."""
        return post.id not in self.heads

    def assignments(self) -> dict[str, list[Item]]:
        """Judge post id -> the posts a violation applies to that it judges (nearest judge), in the
        order the judges are named; a liable post no judge may judge is under "" (PEN006 reports it),
        the organisation's head left out."""
        out: dict[str, list[Item]] = {j.id: [] for j in self.posts}
        for post, _breaches in liable_posts(self.model).values():
            if not self.needs_judge(post):
                continue
            judge = self.judge_of(post)
            out.setdefault(judge.id if judge is not None else "", []).append(post)
        return out
