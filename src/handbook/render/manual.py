"""The staff manual: Markdown pages generated in memory from the policy model.

Each page comes from a Jinja template in ``handbook/templates`` (a project may
override any of them with a folder of its own). The templates receive the model
and helper functions; every value they print is escaped (see ``escape.py``).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from .. import __version__
from ..calendar.units import UNITS
from ..config import Config
from ..liability import Judges, adopted, role_ids
from ..model import Item, Model, PolicyFile
from ..orgtree import is_template
from ..periods import cite, internal, item_deadline, period, repealed
from ..rules import registry
from ..timeline import graph, limits_by_stage, starts_of
from ..validation import package_schemas
from ..waivers import WaiverPolicy
from .calendar_data import chinese_name
from .changes import ChangeLog, Step
from .escape import Safe, attr, md_escape, mermaid_label, plain_title, prose

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

EDITORS = "编者资料"  # the section of editors' material: sources and how sure they are, coverage, checks, waivers
# Editors' pages rank far below staff pages in search (a template without front matter of its own gets
# this), so that a staff member's search lands on the page they act on.
EDITORS_SEARCH = "---\nsearch:\n  boost: 0.1\n---\n"


@dataclass(frozen=True)
class PageSpec:
    """One generated page: the one table behind pages(), nav() and the page of every item."""

    src: str
    title: str
    kinds: tuple[str, ...] = ()  # the kinds of item shown (and linked to) on this page
    section: str = ""  # the navigation section it sits in ("" = top level)
    file_kind: str = ""  # the policy file whose header the template receives as `file`
    about: str = ""  # what the page holds, in one line: for the lists of pages (home page, editors' index)
    branch_only: bool = False  # only in a branch office's manual (the plugin's branch option)

    @property
    def for_editors(self) -> bool:
        """Editors' material: no staff page links here, and search ranks it last."""
        return self.section == EDITORS

    @property
    def template(self) -> str:
        """Its template, flat in templates/ (the wheel packs templates/*.j2): editors/coverage.md is
        editors_coverage.md.j2."""
        return self.src.replace("/", "_") + ".j2"


# In navigation order: the staff pages, then the editors' section. Roles get a page each
# (roles/<id>.md), listed after the organisation chart.
PAGES = (
    PageSpec("index.md", "首页", kinds=("calendar",)),
    PageSpec("branch.md", "本机构的规定", branch_only=True,
             about="本机构在总公司规定之外的补充规定和更严格的规定，逐条列出与总公司的差异"),
    PageSpec("changes.md", "本版变更",
             about="最近几个版本改了哪些规则、哪些规则即将施行，按岗位列出，并说明是收紧还是放宽"),
    PageSpec("org.md", "组织架构", kinds=("unit", "unit-type"), section="组织与岗位", file_kind="organisation",
             about="机构、岗位和汇报关系；每个岗位一页，写明职责、时限和适用的处罚"),
    PageSpec("standards.md", "服务标准", kinds=("standard",), file_kind="standards",
             about="各岗位须达到的服务标准和时限"),
    PageSpec("complaints.md", "投诉处理", kinds=("principle", "channel", "stage", "triage", "ground", "report"),
             file_kind="complaints", about="投诉渠道、处理流程、各环节的责任岗位和时限，时限计算器"),
    PageSpec("events.md", "事件与计时规则", kinds=("event", "condition", "clock"), file_kind="events",
             about="各项时限自哪个事件起算、何时暂停计时"),
    PageSpec("followups.md", "客户回访", kinds=("method", "followup", "fu-rule"), file_kind="followups",
             about="回访的方式、种类、负责岗位和时限"),
    PageSpec("penalties.md", "奖惩", kinds=("tier", "violation", "reward", "threshold", "floor"),
             file_kind="penalties", about="违规的处罚等级和奖励"),
    PageSpec("regulations.md", "法规依据", kinds=("source", "article", "limit"), file_kind="regulations",
             about="规则依据的法律、监管规定和公司制度条款，及其设定的监管时限和公司制度时限"),
    PageSpec("glossary.md", "术语表", kinds=("term",), file_kind="glossary", about="手册中的客户服务和保险业务术语"),
    PageSpec("editors/index.md", EDITORS, section=EDITORS,
             about="供维护政策文件的编者和合规人员使用"),
    PageSpec("editors/sources.md", "法规来源说明", section=EDITORS, file_kind="regulations",
             about="每部法规、每个条款和时限的把握程度，待核实的事项和编写说明"),
    PageSpec("editors/coverage.md", "条款落实情况", section=EDITORS,
             about="每个条款由哪些规则落实，哪些须落实的条款尚无规则落实"),
    PageSpec("rules.md", "检查规则", section=EDITORS, about="政策文件每次修改都要通过的检查（handbook check）"),
    PageSpec("editors/waivers.md", "豁免记录", kinds=("waiver",), section=EDITORS, file_kind="waivers",
             about="经批准、有期限的检查例外"),
    PageSpec("editors/files.md", "政策文件版本", section=EDITORS,
             about="各政策文件的版本、生效日期、复审期限和负责岗位"),
)
PAGE_OF_KIND = {kind: spec.src for spec in PAGES for kind in spec.kinds}


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the process, by name and source checksum (a changed template is
    compiled again): a live preview rebuilds every page, and compiling the manual's and the theme's
    templates each time was half a second of it."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()  # the manual's templates and the theme's (the plugin's on_env)
# A page whose items are many is split into one page per group, with the page itself as their
# index (issue 16.6: staff on a phone cannot load a page of megabytes). The kinds whose size
# decides it and how an item finds its group; the size is the items' data as text, about a fifth
# of the page's HTML: above SPLIT_CHARS the page would pass 1 MB.
SPLIT_CHARS = 150_000
SPLITS: dict[str, tuple[str, ...]] = {"regulations.md": ("article",), "standards.md": ("standard",),
                                      "complaints.md": ("stage",), "editors/coverage.md": ("article",),
                                      "editors/sources.md": ("article",)}
# the kind whose items a split page's groups gather (a regulation's articles go with their regulation)
GROUPED = {"standards.md": "standard", "complaints.md": "stage"}
ROLE_PAGES = "roles/{id}.md"  # the one kind with a page per item, in the section of the organisation chart
ROLES_INDEX = "roles/index.md"  # every post, grouped by unit
FEW_POSTS = 30  # up to this many posts, the home page lists them all by unit; beyond, the index of posts


@dataclass(frozen=True)
class Page:
    src: str  # path in the docs tree, e.g. "roles/cs-agent.md"
    title: str
    markdown: str


class Manual:
    def __init__(self, model: Model, templates: Path | None = None, site_name: str = "客户服务政策手册",
                 settings: Config | None = None) -> None:
        self.model = model
        self.settings = settings or Config()  # handbook.toml: the rules' options as the checks ran with them
        self.today = self.settings.today  # an item effective later is marked upcoming
        self.changes: ChangeLog | None = None  # the versions' changes (render/changes.py), set by the plugin
        # a branch office's manual: (its unit, how its rules differ from the head office's, its closures),
        # set by the plugin
        self.branch: tuple[Item | None, list[Any], list[Any]] | None = None
        self.site_name = site_name
        self.labels = (model.schemas or package_schemas()).labels  # the schemas the files were read with
        loaders: list[jinja2.BaseLoader] = []
        if templates is not None:
            loaders.append(jinja2.FileSystemLoader(str(templates)))
        loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            finalize=md_escape,  # every {{ }} is escaped unless the renderer marked it Safe
            autoescape=False,  # the output is Markdown, escaped by finalize
            undefined=jinja2.StrictUndefined,
            comment_start_string="{##",  # frees "{#" for attribute lists: "### Title {#id}"
            comment_end_string="##}",
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=TEMPLATE_CACHE,
        )
        self._index()

    # -- indexes used by several pages ------------------------------------------------
    def _index(self) -> None:
        m = self.model
        self.org = m.org()
        # a page per post: the roles as written, each post template followed by its posts (one per unit)
        self.roles = [p for r in m.of("role") for p in (r, *self.org.instances.get(r.id, []))]
        # a role's duties: what it owns, does (a stage's role or also) or must follow; a practice not
        # adopted (adopted: false) is no duty and stays off the role pages
        self.by_role: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
        for s in filter(adopted, m.of("standard")):
            self.by_role[s.get("owner")]["owns"].append(s)
            for r in s.get("applies_to") or []:
                if r != s.get("owner"):
                    self.by_role[r]["follows"].append(s)
        for s in filter(adopted, m.of("stage")):
            for r in role_ids(s, ("role", "also")):
                self.by_role[r]["stages"].append(s)
        for kind in ("method", "followup", "fu-rule"):
            for x in filter(adopted, m.of(kind)):
                for r in role_ids(x, ("owner", "also")):
                    self.by_role[r]["followups"].append(x)
        for r in m.of("report"):
            self.by_role[r.get("role")]["reports"].append(r)
        self.judges = Judges(m)
        self.children: dict[str, list[Item]] = defaultdict(list)
        for r in self.roles:
            # a template is listed under the post it names; a post under the one its line resolves to
            # (an instance only where that is another template's post: else its template stands for it)
            boss = self.boss_of(r)
            if boss is not None and (r.template is None or boss.template is not None):
                self.children[boss.id].append(r)

    def boss_of(self, role: Item) -> Item | None:
        """The post a role reports to: for a post, resolved in its unit; for a template, as written."""
        if is_template(role):
            return self.model.get(role.get("reports_to"), "role")
        return self.org.boss(role) or self.model.get(role.get("reports_to"), "role")

    def post_title(self, role: Item) -> str:
        """A role as the manual names it: a post template as 各分公司的客服主管."""
        if is_template(role):
            return f"各{self.org.type_label(role.get('per_unit'))}的{role.title}"
        return role.title

    def duties_of(self, role: Item) -> dict[str, list[Item]]:
        """What a role owns and follows: a template's post also what its template does."""
        own = self.by_role[role.id]
        if role.template is None:
            return own
        shared = self.by_role[role.template.id]
        out: dict[str, list[Item]] = defaultdict(list)
        for key in (*own, *shared):
            out[key] = [*own.get(key, []), *(x for x in shared.get(key, []) if x not in own.get(key, []))]
        return out

    # -- helpers for templates ---------------------------------------------------------
    def page_of(self, item: Item) -> str:
        if item.kind == "role":
            return ROLE_PAGES.format(id=anchor_id(item.id))
        page = PAGE_OF_KIND.get(item.kind, "index.md")
        if page in self.split and GROUPED.get(page, item.kind) == item.kind:  # a channel stays on the index
            return self.group_page(page, self.group_of(page, item)[0])
        return page

    @cached_property
    def split(self) -> frozenset[str]:
        """The pages too long to be one page (SPLITS), split into one page per group."""
        return frozenset(src for src, kinds in SPLITS.items()
                         if sum(len(str(i.data)) for k in kinds for i in self.model.of(k)) > SPLIT_CHARS)

    def group_of(self, src: str, item: Item) -> tuple[str, str]:
        """(key, title) of an item's group on a split page: a regulation's articles and limits are the
        regulation's; a standard is its category's; a complaint stage is its file's (a file of
        complaint stages is one process, or a few)."""
        if src == "standards.md":
            cat = item.get("category")
            return (str(cat), self.labels.label("standard", "category", cat)) if cat else ("", "其他")
        if src == "complaints.md":
            # a branch's override of a head-office stage stays in the process it belongs to
            head = self.model.overrides.get(item.id)
            f = next((pf for pf in self.model.files if pf.path == head), item.file) if head else item.file
            title = f.data.get("title")
            return f.path, str(title) if isinstance(title, str) and title else f.path
        top = item
        while top.parent is not None:
            top = top.parent
        return top.id, top.title

    def groups(self, src: str) -> list[tuple[str, str, list[Item]]]:
        """A split page's groups in the page's order: (key, title, its items)."""
        return [(key, title, items) for key, title, items, _page in self._groups[src]]

    def group_page(self, src: str, key: str) -> str:
        return self._group_pages[(src, key)]

    @cached_property
    def _group_pages(self) -> dict[tuple[str, str], str]:  # every link to a split page's item asks
        return {(src, key): page for src, groups in self._groups.items() for key, _t, _i, page in groups}

    @cached_property
    def _groups(self) -> dict[str, list[tuple[str, str, list[Item], str]]]:
        """Each split page's groups: (key, title, items, page). A group's page is named after its key,
        made unique and never the index (a regulation with id "index", categories front_desk and
        frontdesk, no category at all)."""
        out: dict[str, list[tuple[str, str, list[Item], str]]] = {}
        for src in self.split:
            kind = GROUPED.get(src, "source")
            found: dict[str, tuple[str, list[Item]]] = {}
            for item in self.model.of(kind):
                key, title = self.group_of(src, item)
                found.setdefault(key, (title, []))[1].append(item)
            taken = {"index"}
            out[src] = []
            for key in sorted(found) if src == "standards.md" else list(found):
                # a file: its path in the policy folder without the suffix (a subfolder's file keeps its folder)
                name_of = self._in_folder(key) if src == "complaints.md" else key
                # a name in other letters than a URL's keeps a name of its own, whatever other files exist
                slug = str(anchor_id(name_of.replace("_", "-"))) or (
                    f"part-{hashlib.sha1(name_of.encode()).hexdigest()[:6]}" if name_of else "other")
                name, n = slug, 1
                while name in taken:
                    n += 1
                    name = f"{slug}-{n}"
                taken.add(name)
                out[src].append((key, *found[key], f"{src[:-3]}/{name}.md"))
        return out

    @cached_property
    def _policy_folder(self) -> str:
        """The folder the head office's files are shown in ("policies", or "" when shown from it)."""
        heads = [pf.path for pf in self.model.files if not pf.overlay]
        try:
            return posixpath.commonpath(heads) if len(heads) > 1 else posixpath.dirname(heads[0]) if heads else ""
        except ValueError:  # absolute and relative paths mixed: no folder in common
            return ""

    def _in_folder(self, shown: str) -> str:
        """A policy file's shown path as it is inside the policy folder, without its suffix, "/" as
        "-" ("policies/sub/x.yaml" -> "sub-x"): the same wherever the build runs from."""
        root = self._policy_folder
        if root and shown.startswith(root + "/"):
            shown = shown[len(root) + 1:]
        return posixpath.splitext(shown)[0].replace("/", "-")

    def _count(self, items: list[Item]) -> int:
        """What a group of a split page holds, as its index says: standards, or a regulation's articles."""
        if items and items[0].kind == "source":
            ids = {id(i) for i in items}
            return sum(1 for a in self.model.of("article") if id(a.parent) in ids)
        return len(items)

    def link_from(self, here: str, target: Any, text: Any = None, mark: bool = True) -> Safe:
        """A Markdown link from page ``here`` to an item (or an id), with its title as text; followed by
        the item's badge when it is upcoming or ends soon (``mark``), so that every list of duties says so."""
        item = target if isinstance(target, Item) else self.model.get(target)
        if item is None:
            return Safe(md_escape(target))
        page = self.page_of(item)
        rel = posixpath.relpath(page, posixpath.dirname(here) or ".")
        anchor = "" if item.kind == "role" else f"#{anchor_id(item.id)}"
        if page == here:
            rel = ""
        label = md_escape(text if text is not None else self.post_title(item) if item.kind == "role" else item.title)
        return Safe(f"[{label}]({rel}{anchor})" + (self.badge(item) if mark else ""))

    # -- when an item is in force: effective_from and replaces -----------------------------------
    @staticmethod
    def effective_from(item: Item) -> str | None:
        """The day an item takes effect when it says so itself (the editors' list of dated items)."""
        value = item.get("effective_from")
        return value if isinstance(value, str) else None

    @classmethod
    def effective(cls, item: Item) -> str | None:
        """The day an item takes effect: its own effective_from, else its file's effective_date."""
        value = cls.effective_from(item) or item.file.data.get("effective_date")
        return value if isinstance(value, str) else None

    def upcoming(self, item: Item) -> str | None:
        """The day an item takes effect, when that is after the build's today (else None): a file
        whose version takes effect later makes all its items upcoming."""
        value = self.effective(item)
        return value if value is not None and value > self.today.isoformat() else None

    @staticmethod
    def replaced_ids(item: Item) -> list[str]:
        """The ids an item had before a rename (its ``replaces``)."""
        value = item.get("replaces")
        ids = value if isinstance(value, list) else [value] if value is not None else []
        return [str(x) for x in ids]

    @cached_property
    def _successors(self) -> dict[str, Item]:
        """Id of an item in force -> the upcoming item that replaces it: the old one holds until then."""
        out: dict[str, Item] = {}
        for item in self.model.items.values():
            old_ids = self.replaced_ids(item)
            if old_ids and self.upcoming(item):
                for old in old_ids:
                    if old != item.id and self.model.get(old) is not None:
                        out.setdefault(old, item)
        return out

    def replaced_by(self, item: Item) -> Item | None:
        """The upcoming item that will replace this one, if any."""
        return self._successors.get(item.id)

    def valid_until(self, item: Item) -> str | None:
        """The last day an item holds: the day before the upcoming item that replaces it takes effect."""
        new = self.replaced_by(item)
        day = self.upcoming(new) if new is not None else None
        if day is None:
            return None
        return (date.fromisoformat(day) - timedelta(days=1)).isoformat()

    def badge(self, item: Item) -> Safe:
        """"将于 2027-07-01 起施行" after an upcoming item, "至 2027-06-30 有效" after one that an upcoming
        item replaces; "" for an item simply in force (its day is on the 本版变更 page and its file's)."""
        day = self.upcoming(item)
        if day is not None:
            return Safe(f' <span class="hb-when hb-upcoming">将于 {attr(day)} 起施行</span>')
        until = self.valid_until(item)
        if until is not None:
            return Safe(f' <span class="hb-when hb-until">至 {attr(until)} 有效</span>')
        return Safe("")

    def mark(self, here: str, item: Item) -> Safe:
        """Where an item itself is shown (its heading, its row): its badge, and which item it replaces or
        is replaced by when both are in the manual."""
        return Safe(self.badge(item) + self.replace_note(here, item))

    def replace_note(self, here: str, item: Item) -> Safe:
        """"（取代X）" after an upcoming item whose predecessor is still in force, "（此后由Y取代）" after
        that predecessor ("" otherwise: a finished rename's old id is for the editors' pages)."""
        out = ""
        new = self.replaced_by(item)
        if new is not None:
            out += f"（此后由{self.link_from(here, new, mark=False)}取代）"
        if self.upcoming(item):
            olds = [old for x in self.replaced_ids(item) if (old := self.model.get(x)) is not None and old is not item]
            if olds:
                out += "（取代" + "、".join(self.link_from(here, o, mark=False) for o in olds) + "）"
        return Safe(out)

    # -- the versions' changes (the page 本版变更, each role page's section) -------------------------
    def change_target(self, change: Any) -> Item | None:
        """The item a change is about, as the manual shows it now (None: removed, or gone since)."""
        if not change.id or change.new is None:
            return None
        item = self.model.get(change.id)
        return item if item is not None and item.kind == change.kind else None

    def change_link(self, here: str, change: Any) -> Safe:
        """A change's item: a link to it where the manual shows it, else its title (a removed item, a
        policy file's header linked to its page)."""
        item = self.change_target(change)
        if item is not None:
            return self.link_from(here, item, None if item.kind == "role" else change.title, mark=False)
        if not change.id:  # a file's header: the page that shows the file (the one of that name, else its kind's)
            name = posixpath.basename(change.path)
            f = next((f for f in self.model.files if f.kind == change.kind and posixpath.basename(f.path) == name),
                     next((f for f in self.model.files if f.kind == change.kind), None))
            target = self.file_href(here, f) if f is not None else ""
            title = f"《{md_escape(change.title)}》"
            return Safe(f"[{title}]({target})" if target else title)
        return Safe(md_escape(change.title))

    def for_staff(self, change: Any) -> bool:
        """Whether staff read of a change: not of what only the editors' pages show (waivers)."""
        page = PAGE_OF_KIND.get(change.kind) if change.id else next(
            (spec.src for spec in PAGES if spec.file_kind == change.kind), None)
        spec = next((p for p in PAGES if p.src == page), None)
        return spec is None or not spec.for_editors

    def change_roles(self, step: Step, staff: bool = False) -> list[tuple[Item | None, str, list[Any]]]:
        """A step's changes by post: (the post now, its name, its changes); posts in the manual's order,
        a post since removed by its old name, the changes that touch no post last (None, ""). ``staff``:
        only the changes staff read of (for_staff)."""
        out = []
        for role_id, changes in step.by_role([r.id for r in self.roles]):
            if staff:
                changes = [c for c in changes if self.for_staff(c)]
                if not changes:
                    continue
            role = self.model.get(role_id, "role") if role_id else None
            name = self.post_title(role) if role is not None else step.role_titles.get(role_id, "") if role_id else ""
            out.append((role, name, changes))
        return out

    def changes_of(self, role: Item) -> list[tuple[Step, Any]]:
        """The changes that touch a post (or its post template), newest version first."""
        if self.changes is None:
            return []
        found = self.changes.of_role(role.id, role.template.id if role.template is not None else None)
        return [(step, c) for step, c in found if self.for_staff(c)]

    def shift_parts(self, change: Any, shift: Any, titles: dict[str, str] | None = None) -> tuple[str, str]:
        """A changed field as staff read it: its name (from the schema's Chinese description) and its
        values before and after ("收到投诉后 15 日内 → 20 日内"), or what was added or removed (a duty's
        words); "" where a part cannot be said in Chinese. ``titles``: the names of posts since removed."""
        if (not shift.field and change.status != "changed") or shift.field in ("id", "replaces"):
            return "", ""  # the item itself added, removed or renamed: its status says it
        item = change.new or change.old
        kind = item.kind if item is not None else change.kind
        name = self._field_name(item.file.kind if item is not None else change.kind, kind, shift.field)
        if not shift.field and shift.rule.code.startswith("period."):
            name = "时限"
        if shift.rule.code.startswith(("duties.", "reliefs.", "conditions.")):
            words = "、".join(self._value_text(kind, shift.field, w.strip(), titles) or w.strip()
                             for w in str(shift.note).split(", ") if w.strip())
            return name, words if re.search(r"[\u3400-\u9fff]", words) else ""
        sides = []
        for value, side in ((shift.old, change.old), (shift.new, change.new)):
            if value is None and shift.field == "effective_from" and side is not None:
                value = side.file.data.get("effective_date")  # left out: its file's date
            sides.append(self._value_text(kind, shift.field, value, titles))
        old, new = sides
        values = f"{old or '—'} → {new or '—'}" if (old or new) and old != new else ""
        return name, values

    def _field_name(self, file_kind: str, kind: str, field: str) -> str:
        if not field:
            return ""
        schemas = self.labels.schemas
        base = self._field_types.item_paths(file_kind).get(kind, "") if kind != file_kind else ""
        path = f"{base}.{field}" if base else field
        for sub in schemas.fields(file_kind).get(path, []):
            text = sub.get("description")
            if isinstance(text, str):
                head = re.split(r"[（(：:，,；;。]", text, maxsplit=1)[0].strip()
                if head and len(head) <= 12 and not re.search(r"[A-Za-z]", head):
                    return head
        return ""

    @cached_property
    def _field_types(self) -> Any:
        from ..diff.compare import FieldTypes

        return FieldTypes(self.labels.schemas)

    def _value_text(self, kind: str, field: str, value: Any, titles: dict[str, str] | None = None) -> str:
        """A value in words, or "" when it has none a staff member could read (a code, a list)."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, dict):
            return self.deadline_text(value) if period(value) is not None else ""
        if isinstance(value, int | float):
            return str(value)
        if not isinstance(value, str):
            return ""
        item = self.model.get(value)
        if item is not None:
            return self.post_title(item) if item.kind == "role" else item.title
        if titles and value in titles:  # a post since removed, by the name it had
            return titles[value]
        shown = self.labels.label(kind, field, value)
        if shown != value:
            return shown
        # a date, a number, or policy text in Chinese (Latin in it is the policy's own: App, VIP)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}|[\d.]+", value) or re.search(r"[\u3400-\u9fff]", value):
            return value if len(value) <= 60 else value[:60] + "…"
        return ""

    def upcoming_items(self) -> list[Item]:
        """Every item that takes effect after today, the soonest first."""
        found = [i for i in self.model.items.values() if self.upcoming(i)]
        return sorted(found, key=lambda i: (str(self.upcoming(i)), i.id))

    def dated_items(self) -> list[Item]:
        """The items with a day of their own or an earlier id (effective_from, replaces): the editors' list."""
        return [i for i in self.model.items.values() if self.effective_from(i) or self.replaced_ids(i)]

    def deadline_text(self, deadline: Any) -> str:
        """'收到投诉后 5 个工作日内', with the roll rule when it is not the Civil Code's and the pauses."""
        p = period(deadline)
        if p is None:
            return ""
        event = self.model.get(deadline.get("from"), "event")
        start = f"{event.title}后 " if event is not None else ""
        text = f"{start}{p[0]} {UNITS[p[1]].label}内"
        if deadline.get("roll") == "none" and UNITS[p[1]].strategy == "roll_forward":
            text += f"（{self.labels.label('stage', 'deadline.roll', 'none')}）"
        pauses = [x for x in (self.model.get(p) for p in deadline.get("pauses") or []) if x is not None]
        if pauses:
            # the pause's own name may be a whole sentence: named, not worked into one
            text += "（暂停计时：" + "、".join(x.title for x in pauses) + "）"
        return text

    def counted_from(self, event: Item) -> list[Item]:
        """Items whose deadline counts from an event (stages, standards, follow-ups, limits)."""
        return [r.source for r in self.model.refs_to(event.id)
                if r.kind == "event" and r.field.endswith("from") and r.source is not None]

    def under_condition(self, condition: Item) -> list[Item]:
        return [r.source for r in self.model.refs_to(condition.id) if r.source is not None]

    def limits_allowing(self, pause: Item) -> list[Item]:
        return [r.source for r in self.model.refs_to(pause.id) if r.source is not None and r.source.kind == "limit"]

    def item_title(self, item_id: Any) -> str:
        item = self.model.get(item_id)
        return item.title if item is not None else str(item_id)

    @staticmethod
    def starts_of(stage: Item) -> list[Any]:
        return starts_of(stage)

    def limits_on_path(self, stage: Item) -> list[Item]:
        """The limits in force whose paths pass through a stage (and those its deadline names): a
        repealed rule's limits bind nobody, so no page lists them against a stage."""
        out = {lim.id: lim for lim in limits_by_stage(self.model).on_path.get(id(stage), [])}
        for lid in (stage.get("deadline") or {}).get("bounded_by") or []:
            lim = self.model.get(lid, "limit")
            if lim is not None:
                out.setdefault(lim.id, lim)
        return [lim for lim in out.values() if not repealed(lim)]

    def bounding_limits(self, item: Item) -> list[Item]:
        """The limits an item's deadline must fit (its bounded_by), for the pages that show it."""
        ids = (item_deadline(item) or {}).get("bounded_by") or []
        return [lim for lim in (self.model.get(x, "limit") for x in ids) if lim is not None]

    @staticmethod
    def limit_label(limit: Item) -> str:
        """A limit as every staff page names it, by its source's type: '监管时限' (a law's or a
        regulator's) or '公司制度时限' (the company's own rule); '已废止的监管时限' for one of a
        repealed source, which binds nobody."""
        text = "公司制度时限" if internal(limit) else "监管时限"
        return "已废止的" + text if repealed(limit) else text

    @staticmethod
    def limit_source(limit: Item) -> str:
        """'银保监会令2020年第3号 第十一条' for a limit: its source and article, as cited."""
        return cite(limit)

    def breach_note(self, violation_id: Any) -> str:
        """'（等级：重；公司自定）' after a breach: the tier it is judged at, and whether the mapping
        is the company's own choice (origin: company)."""
        v = self.model.get(violation_id, "violation")
        if v is None:
            return ""
        tier = self.model.get(v.get("tier"), "tier")
        parts = [f"等级：{tier.title}"] if tier is not None else []
        if v.get("origin") == "company":
            parts.append(self.labels.label("violation", "origin", "company"))
        return f"（{'；'.join(parts)}）" if parts else ""

    def roll_text(self, deadline: Any) -> str:
        """How the last day falls: the deadline's roll rule, in words (calendar-day periods only)."""
        p = period(deadline)
        if p is None or UNITS[p[1]].strategy != "roll_forward":
            return ""
        return self.labels.label("stage", "deadline.roll", deadline.get("roll") or "next_working_day")

    def hours_text(self, item: Item) -> str:
        """A channel's or a unit's service hours: '法定工作日 08:30-17:30（说明）'."""
        h = item.get("hours")
        if not isinstance(h, dict):
            return ""
        text = self.labels.label(item.kind, "hours.open", h.get("open"))
        if h.get("start"):
            text += f" {h.get('start')}-{h.get('end')}"
        return text + (f"（{h.get('note')}）" if h.get("note") else "")

    def target_text(self, standard: Item) -> str:
        t = standard.get("target")
        if not isinstance(t, dict):
            return "—"
        if t.get("type") == "deadline":
            return self.deadline_text(t.get("deadline"))
        if t.get("type") == "availability":
            return f"每天 {t.get('hours_per_day')} 小时、每周 {t.get('days_per_week')} 天"
        if t.get("type") == "metric":
            return f"{t.get('metric')} {t.get('comparison')} {t.get('value')}{t.get('unit', '')}"
        return "—"

    def calculator(self, amount: int | None = None, unit: str | None = None, label: str = "",
                   roll: str | None = None, branch: bool = False) -> Safe:
        """The deadline calculator widget; calculator.js fills it in (same rules as `handbook deadline`).
        ``branch``: count on the branch office's calendar, with its closures (an item the branch adds)."""
        data = ""
        if amount is not None and unit is not None:
            data = f' data-amount="{amount}" data-unit="{attr(unit)}" data-label="{attr(label)}"'
            if roll:
                data += f' data-roll="{attr(roll)}"'
        if branch:
            data += ' data-calendar="branch"'
        return Safe(f'<div class="hb-calc"{data}></div>')

    def calculator_for(self, item: Item) -> Safe | None:
        p = period(item_deadline(item))
        # elapsed time needs no calendar: the calculator is for periods counted on one
        if p is None or UNITS[p[1]].strategy == "elapsed":
            return None
        # in a branch's manual, only the items the branch adds count over its closures
        own = self.model.calendar_for(item) is not self.model.head_calendar()
        return self.calculator(p[0], p[1], item.title, (item_deadline(item) or {}).get("roll"), branch=own)

    def calculator_pop(self, item: Item) -> Safe:
        """Next to a deadline on a role page: the calculator folded into a small "计算截止日期"
        disclosure ("" for a deadline with no calendar period). One line with no '|': it may sit
        in a table cell."""
        calc = self.calculator_for(item)
        if calc is None:
            return Safe("")
        return Safe(f'<details class="hb-calc-pop"><summary>计算截止日期</summary>{calc}</details>'
                    .replace("|", "&#124;"))

    @staticmethod
    def severity_label(value: str) -> str:
        from ..ruledocs import severity_label

        return severity_label(value)

    @staticmethod
    def rule_doc(rule: Any) -> str:
        """A rule's documentation in Chinese, the manual's language, as part of the rules page: its
        sections one level down. A paragraph the catalogue has no translation for is shown in English
        and logged as a warning, so `handbook build --strict` (and `mkdocs build --strict`) fails."""
        from ..ruledocs import MANUAL_LANGUAGE, warn_untranslated

        rendered = rule.localised(MANUAL_LANGUAGE)
        warn_untranslated(rule.code, rendered.missing)
        lines = []
        for line in rendered.doc.splitlines()[1:]:
            lines.append("#### " + line[3:] if line.startswith("## ") else line)
        return "\n".join(lines).strip()

    def violations_for(self, items: Iterable[Item]) -> list[tuple[Item, Item, Item | None]]:
        """(rule, violation, tier) for each rule naming a violation as its breach: on a role page, the
        rules the role owns, does (role, also) or must follow (applies_to), as PEN006 counts them."""
        out = []
        for it in dict.fromkeys(items):
            v = self.model.get(it.get("breach"), "violation")
            if v is not None:
                out.append((it, v, self.model.get(v.get("tier"), "tier")))
        return out

    def implementers(self, article_id: str) -> list[Item]:
        return self.model.implementers(article_id)

    def org_chart(self, here: str = "org.md") -> Safe:
        """Every post by reporting line, as a tree of links: a nested Markdown list in a
        ``div.hb-org`` (handbook.css draws the boxes and lines). A drawing scaled to the page
        shrank its labels to nothing on a phone; a list keeps the text's size at any width and
        grows downwards, whatever the organisation's shape. Links are Markdown, so MkDocs
        resolves them for any site URL and sub-path."""
        posts = [r for r in self.roles if not is_template(r)]  # the posts themselves: a template is many
        ids = {r.id for r in posts}
        under: dict[str | None, list[Item]] = defaultdict(list)  # boss id (None: a top post) -> posts
        for r in posts:
            boss = self.org.boss(r)
            under[boss.id if boss is not None and boss.id in ids and boss.id != r.id else None].append(r)
        lines = ['<div class="hb-org" markdown="1">', ""]
        seen: set[str] = set()
        # the top posts first; then any post in a loop of lines (broken data: no top above it)
        for top in [*under[None], *posts]:
            stack: list[tuple[Item, int, Item | None]] = [(top, 0, None)]  # (post, depth, its boss's unit)
            while stack:
                r, depth, above = stack.pop()
                if r.id in seen:
                    continue
                seen.add(r.id)
                unit = self.org.unit_of(r)
                # the unit where the line enters it (not again for each post in it); an instance's
                # title names its unit already: 客服主管（北京分公司）
                where = f' <span class="hb-org-unit">{md_escape(unit.title)}</span>' \
                    if unit is not None and unit is not above and r.template is None else ""
                lines.append(f"{'    ' * depth}- {self.link_from(here, r)}{where}")
                stack.extend((c, depth + 1, unit) for c in reversed(under.get(r.id, [])))
        lines += ["", "</div>"]
        return Safe("\n".join(lines))

    def complaint_flow(self, stages: list[Item] | None = None) -> Safe:
        """The stage graph: alternatives branch and merge where several stages produce one event.

        Stages are boxes (a slanted box when someone outside the company does it), the
        events that start the process and the ones it ends with are round; an edge carries
        the conditions that choose the branch. ``stages``: only these (a split page's group);
        an event another group's stage produces is then where this part starts.
        """
        m = self.model
        stages = m.of("stage") if stages is None else stages
        node = {s.id: f"s{i}" for i, s in enumerate(stages)}
        g = graph(m)  # the timeline's own stage graph (its maps are defaultdicts: empty entries left out)
        producers = {e: kept for e, ps in g.producers.items() if (kept := [p for p in ps if p.id in node])}
        elsewhere = {e for e, ps in g.producers.items() if any(p.id not in node for p in ps)}  # another part's
        started = {e for e, st in g.by_start.items() if any(x.id in node for x in st)}
        ends = [e for e in producers if e not in started]
        # an event several stages produce is where alternatives merge: drawn once, as a node (so is one
        # that a stage of another part produces too: this part is entered there as well)
        merges = [e for e in producers if e in started and (len(producers[e]) > 1 or e in elsewhere)]
        order = {x.id: n for n, x in enumerate(m.of("event"))}
        entries = sorted({e for e in started if e not in producers}, key=lambda e: order.get(e, -1))
        events = {e: f"e{i}" for i, e in enumerate([*entries, *merges, *ends])}
        lines = ["graph TD"]
        for e, n in events.items():
            lines.append(f'  {n}(["{mermaid_label(self.item_title(e))}"])')
        for s in stages:
            label = s.title
            dl = self.deadline_text(s.get("deadline"))
            if dl:
                label = f"{label}（{dl}）"
            shape = ('[/"', '"/]') if s.get("party") is not None else ('["', '"]')
            lines.append(f"  {node[s.id]}{shape[0]}{mermaid_label(label)}{shape[1]}")
        for s in stages:
            mine = [c for c in s.get("when") or [] if isinstance(c, str)]
            for e in starts_of(s):
                sources: list[Item | None] = [None] if e in events else [*producers.get(e, [])]
                for src in sources:
                    before = set(src.get("when") or []) if src is not None else set()
                    conds = [self.item_title(c) for c in mine if c not in before]
                    arrow = f'-- "{mermaid_label("；".join(conds))}" -->' if conds else "-->"
                    origin = node[src.id] if src is not None else events.get(e)
                    if origin is not None:
                        lines.append(f"  {origin} {arrow} {node[s.id]}")
        for e in [*merges, *ends]:
            for src in producers[e]:
                lines.append(f"  {node[src.id]} --> {events[e]}")
        return _mermaid(lines)

    # -- pages -----------------------------------------------------------------------------
    def render(self, template: str, here: str, **context: Any) -> str:
        tpl = self.env.get_template(template)
        return tpl.render(
            m=self.model, manual=self, here=here, version=__version__, site_name=self.site_name,
            link=lambda target, text=None: self.link_from(here, target, text),
            deadline=self.deadline_text, safe=Safe, attr=attr, aid=anchor_id, prose=prose, plain_title=plain_title,
            label=self.labels.label,  # a coded value's label, from the schema's x-labels
            kind_label=self.labels.kind_label,  # what a kind of item is called (x-kind-label)
            day_name=chinese_name,  # a calendar day's name as staff read it: "国庆节 National Day" -> 国庆节
            **context,
        )

    def specs(self) -> list[PageSpec]:
        """The pages this manual has: a branch's own page only in a branch's manual."""
        return [spec for spec in PAGES if not spec.branch_only or self.branch is not None]

    def pages(self) -> list[Page]:
        out = []
        for spec in self.specs():
            markdown = self.render(spec.template, spec.src, **self._context(spec))
            if spec.for_editors and not markdown.startswith("---"):
                markdown = EDITORS_SEARCH + markdown
            out.append(Page(spec.src, spec.title, markdown))
            for key, title, items in self.groups(spec.src) if spec.src in self.split else ():
                here = self.group_page(spec.src, key)
                out.append(Page(here, title, self.render(spec.template, here, **self._context(spec, items, here))))
            if spec.src == "org.md":
                # /roles/ itself: every post, grouped by unit (navigation.indexes makes it the section's page)
                out.append(Page(ROLES_INDEX, "岗位索引", self.render("roles_index.md.j2", ROLES_INDEX, org=self.org)))
                for role in self.roles:
                    here = self.page_of(role)
                    out.append(Page(here, self.post_title(role), self.render(
                        "role.md.j2", here, role=role, mine=self.duties_of(role), boss=self.boss_of(role),
                        children=self.children.get(role.id, []), org=self.org,
                        instances=self.org.instances.get(role.id, []) if is_template(role) else None,
                        log=self.changes, role_changes=self.changes_of(role))))
        return out

    def _context(self, spec: PageSpec, group: list[Item] | None = None, here: str | None = None) -> dict[str, Any]:
        """What a page's template receives beyond the model and the helpers: on a split page, its
        groups (``parts``: title and the page to link), and on one group's page (``here``),
        ``group``'s items."""
        here = here or spec.src
        files = {f.kind: f for f in reversed(self.model.files)}
        context: dict[str, Any] = {"files": files, "parts": [], "part": group is not None}
        if spec.file_kind:
            context["file"] = files.get(spec.file_kind)
        if spec.src in self.split and group is None:
            context["parts"] = [(title, self.href(spec.src, self.group_page(spec.src, key)), self._count(items))
                                for key, title, items in self.groups(spec.src)]
        if spec.src in ("regulations.md", "editors/coverage.md", "editors/sources.md"):
            context["sources"] = group if group is not None else [] if context["parts"] else self.model.of("source")
        if spec.src == "editors/sources.md":  # a regulation's section, on this page or on its own
            context["source_href"] = lambda x: Safe(
                (self.href(spec.src, self.group_page(spec.src, x.id)) if spec.src in self.split else "")
                + f"#src-{anchor_id(x.id)}")
        if spec.src == "complaints.md":
            context["stages"] = group if group is not None else [] if context["parts"] else self.model.of("stage")
            if group:  # a part: its policy file (a branch's override of a stage is in the head office's part)
                key, context["part_title"] = self.group_of(spec.src, group[0])
                context["file"] = next((pf for pf in self.model.files if pf.path == key), group[0].file)
        if spec.src == "standards.md":
            by_cat: dict[str, list[Item]] = defaultdict(list)
            for s in group if group is not None else [] if context["parts"] else self.model.of("standard"):
                by_cat[s.get("category")].append(s)
            context["by_cat"] = by_cat
        if spec.src == "rules.md":
            context["rules"] = list(registry().values())
        if spec.src == "changes.md":
            context["log"] = self.changes
        if spec.src == "branch.md" and self.branch is not None:
            context["unit"], context["differences"], context["closures"] = self.branch
        context["href"] = lambda src: Safe(self.href(here, src))  # a link to another page of the manual
        if spec.src == "index.md":
            context["main_pages"] = main_pages(self.specs())
            # the posts themselves when they fit on the first screen, else the index of posts alone
            units = self.posts_by_unit()
            context["posts_by_unit"] = units if sum(len(p) for _u, p in units) <= FEW_POSTS else []
            # the newest first; a file whose rules only editors read (the waivers) is not news for staff
            context["recent"] = [(f, self.file_href(here, f)) for f in self.files_by_date()
                                 if (page := self.page_of_file(f)) is not None and not page.for_editors]
        if spec.for_editors:
            context.update(self._editors)
            context["policy_files"] = [(f, self.page_of_file(f), self.file_href(here, f))
                                       for f in self.files_by_date()]
        return context

    @cached_property
    def _editors(self) -> dict[str, Any]:
        """What every editors' page may show, worked out once for the six of them."""
        kinds = self.confidence_kinds()
        registered = list(registry().values())
        return {
            "editor_pages": [s for s in PAGES if s.for_editors],
            "levels": self.labels.of("source", "confidence"),  # the schema's order: surest first
            "confidence_kinds": kinds,
            "confidence_counts": {k: Counter(x.get("confidence") for x in self.model.of(k)) for k in kinds},
            # the checks that enforce a limit only at some levels of confidence, with the levels they use
            "confidence_rules": [(r, self.settings.options_of(r)["confidence"]) for r in registered
                                 if isinstance(r.options.get("confidence"), list)],
            "unimplemented": [a for a in self.model.binding_articles() if not self.implementers(a.id)],
            "never_waivable": [r for r in registered if not r.waivable],
            "policy": WaiverPolicy.of(self.model),  # who may waive what: as WVR003 judges it
        }

    def file_href(self, here: str, f: PolicyFile) -> Safe:
        """A link target from page ``here`` to where a policy file's rules are shown: its page, or
        on that page the anchor of its first item ('' when no page shows it)."""
        page, first = self._file_pages.get(id(f), (None, None))
        if page is None:
            return Safe("")
        target = self.page_of(first) if first is not None else page.src  # a split page: the file's own part
        if target != here:
            return Safe(self.href(here, target))
        return Safe(f"#{anchor_id(first.id)}" if first is not None else "#")

    def confidence_kinds(self) -> list[str]:
        """The kinds of item whose schema lets the editors say how sure they are of it (confidence)."""
        schemas = self.labels.schemas
        kinds = dict.fromkeys(kind for fk in schemas.kinds for _path, kind in schemas.refmodel(fk).ids)
        return [k for k in kinds if self.labels.of(k, "confidence")]

    # -- the home page and the editors' pages ------------------------------------------------
    @staticmethod
    def href(here: str, src: str) -> str:
        """A Markdown link target from page ``here`` to page ``src`` (paths in the docs tree)."""
        return "#" if src == here else posixpath.relpath(src, posixpath.dirname(here) or ".")

    def posts_by_unit(self) -> list[tuple[Item, list[Item]]]:
        """Every unit that has posts, with its posts, in the order of the unit tree."""
        return [(u, self.org.posts[u.id]) for _depth, u in self.org.walk() if self.org.posts.get(u.id)]

    def files_by_date(self) -> list[PolicyFile]:
        """The policy files, the latest in force first (then by version, newest first)."""
        return sorted(self.model.files, key=lambda f: (str(f.data.get("effective_date", "")),
                                                       str(f.data.get("version", ""))), reverse=True)

    def page_of_file(self, f: PolicyFile) -> PageSpec | None:
        """The page that shows a policy file's rules: the first that takes it as its `file`, else the
        page of its first item that has one."""
        return self._file_pages.get(id(f), (None, None))[0]

    @cached_property
    def _file_pages(self) -> dict[int, tuple[PageSpec | None, Item | None]]:
        """id() of each policy file -> its page (page_of_file) and its first item shown there: one pass
        over the items for every file, not one per file and per page asking."""
        by_src = {spec.src: spec for spec in PAGES}
        by_kind: dict[str, PageSpec] = {}
        for spec in PAGES:
            if spec.file_kind:
                by_kind.setdefault(spec.file_kind, spec)
        items: dict[int, list[Item]] = defaultdict(list)
        for item in self.model.items.values():
            items[id(item.file)].append(item)
        out: dict[int, tuple[PageSpec | None, Item | None]] = {}
        for f in self.model.files:
            mine = items.get(id(f), [])
            page = by_kind.get(f.kind) or next((by_src[p] for i in mine if (p := self.page_of(i)) in by_src), None)
            first = next((i for i in mine if (p := self.page_of(i)) == page.src or p.startswith(page.src[:-3] + "/")),
                         None) if page is not None else None
            out[id(f)] = (page, first)
        return out


    def nav(self, handwritten: list[tuple[str, str]]) -> list[Any]:
        """The navigation, from the same table: generated pages in order (a section groups its
        pages, roles under the organisation chart), the hand-written pages after the home page,
        the editors' section last."""
        out: list[Any] = []
        sections: dict[str, list[Any]] = {}
        for spec in self.specs():
            entry: list[Any] = [{spec.title: spec.src}]
            if spec.src == "org.md":
                entry.append({"岗位索引": ROLES_INDEX})
                entry += [{plain_title(self.post_title(r)): self.page_of(r)} for r in self.roles]
            if spec.src in self.split:
                parts = [{plain_title(title): self.group_page(spec.src, key)}
                         for key, title, _items in self.groups(spec.src)]
                # a page's parts go under it: as top-level items each would be a tab of its own
                entry = entry + parts if spec.section else [{spec.title: [spec.src, *parts]}]
            if spec.section:
                if spec.section not in sections:
                    sections[spec.section] = []
                    out.append({spec.section: sections[spec.section]})
                sections[spec.section].extend(entry)
            else:
                out.extend(entry)
            if spec.src == "index.md":
                out.extend({plain_title(title): src} for src, title in handwritten)
        return out


def main_pages(specs: Iterable[PageSpec] = PAGES) -> list[tuple[str, PageSpec]]:
    """The staff pages as the navigation names them (a section by its name, at its first page),
    the home page and the editors' section aside."""
    out: list[tuple[str, PageSpec]] = []
    sections: set[str] = set()
    for spec in specs:
        if spec.branch_only and specs is PAGES:
            continue
        if spec.for_editors or spec.src == "index.md" or (spec.section and spec.section in sections):
            continue
        sections.add(spec.section)
        out.append((spec.section or spec.title, spec))
    return out


def anchor_id(value: Any) -> Safe:
    """An id usable in an attribute list: the id pattern's characters only."""
    return Safe("".join(c for c in str(value) if c.isascii() and (c.isalnum() or c in ".-")).lower())


def _mermaid(lines: list[str]) -> Safe:
    import html

    # A raw HTML block: Markdown leaves it alone, Material renders it as a diagram.
    body = html.escape("\n".join(lines), quote=False)
    return Safe(f'<pre class="mermaid"><code>{body}</code></pre>')
