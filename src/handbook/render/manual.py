"""The staff manual: Markdown pages generated in memory from the policy model.

Each page comes from a Jinja template in ``handbook/templates`` (a project may
override any of them with a folder of its own). The templates receive the model
and helper functions; every value they print is escaped (see ``escape.py``).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .. import __version__
from ..calendar.units import UNITS
from ..labels import Labels
from ..model import Item, Model
from ..periods import item_deadline, period
from ..resources import schemas_dir
from ..rules import registry
from ..validation import SchemaSet
from .escape import Safe, attr, md_escape, mermaid_label, plain_title, prose

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

@dataclass(frozen=True)
class PageSpec:
    """One generated page: the one table behind pages(), nav() and the page of every item."""

    src: str
    title: str
    kinds: tuple[str, ...] = ()  # the kinds of item shown (and linked to) on this page
    section: str = ""  # the navigation section it sits in ("" = top level)
    file_kind: str = ""  # the policy file whose header the template receives as `file`


# In navigation order. Roles get a page each (roles/<id>.md), listed after the organisation chart.
PAGES = (
    PageSpec("index.md", "首页", kinds=("calendar",)),
    PageSpec("org.md", "组织架构", kinds=("unit",), section="组织与岗位"),
    PageSpec("standards.md", "服务标准", kinds=("standard",)),
    PageSpec("complaints.md", "投诉处理", kinds=("principle", "channel", "event", "stage", "span", "triage", "ground",
                                              "restart", "report"), file_kind="complaints"),
    PageSpec("followups.md", "客户回访", kinds=("method", "followup", "fu-rule"), file_kind="followups"),
    PageSpec("penalties.md", "奖惩", kinds=("tier", "violation", "reward"), file_kind="penalties"),
    PageSpec("regulations.md", "法规依据", kinds=("source", "article", "limit")),
    PageSpec("glossary.md", "术语表", kinds=("term",)),
    PageSpec("rules.md", "检查规则", kinds=("waiver",)),
)
PAGE_OF_KIND = {kind: spec.src for spec in PAGES for kind in spec.kinds}
ROLE_PAGES = "roles/{id}.md"  # the one kind with a page per item, in the section of the organisation chart


@dataclass(frozen=True)
class Page:
    src: str  # path in the docs tree, e.g. "roles/cs-agent.md"
    title: str
    markdown: str


class Manual:
    def __init__(self, model: Model, templates: Path | None = None, site_name: str = "客户服务政策手册") -> None:
        self.model = model
        self.site_name = site_name
        self.labels = Labels(SchemaSet(schemas_dir()))
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
        )
        self._index()

    # -- indexes used by several pages ------------------------------------------------
    def _index(self) -> None:
        m = self.model
        self.roles = m.of("role")
        self.by_role: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
        for s in m.of("standard"):
            self.by_role[s.get("owner")]["owns"].append(s)
            for r in s.get("applies_to") or []:
                if r != s.get("owner"):
                    self.by_role[r]["follows"].append(s)
        for s in m.of("stage"):
            self.by_role[s.get("role")]["stages"].append(s)
        for kind in ("method", "followup", "fu-rule"):
            for x in m.of(kind):
                self.by_role[x.get("owner")]["followups"].append(x)
        for r in m.of("report"):
            self.by_role[r.get("role")]["reports"].append(r)
        self.children: dict[str, list[Item]] = defaultdict(list)
        for r in self.roles:
            if r.get("reports_to"):
                self.children[r.get("reports_to")].append(r)

    # -- helpers for templates ---------------------------------------------------------
    def page_of(self, item: Item) -> str:
        if item.kind == "role":
            return ROLE_PAGES.format(id=anchor_id(item.id))
        return PAGE_OF_KIND.get(item.kind, "index.md")

    def link_from(self, here: str, target: Any, text: Any = None) -> Safe:
        """A Markdown link from page ``here`` to an item (or an id), with its title as text."""
        item = target if isinstance(target, Item) else self.model.get(target)
        if item is None:
            return Safe(md_escape(target))
        page = self.page_of(item)
        rel = posixpath.relpath(page, posixpath.dirname(here) or ".")
        anchor = "" if item.kind == "role" else f"#{anchor_id(item.id)}"
        if page == here:
            rel = ""
        label = md_escape(text if text is not None else item.title)
        return Safe(f"[{label}]({rel}{anchor})")

    def deadline_text(self, deadline: Any) -> str:
        """'收到投诉后 5 个工作日内'."""
        p = period(deadline)
        if p is None:
            return ""
        event = self.model.get(deadline.get("from"), "event")
        start = f"{event.title}后 " if event is not None else ""
        return f"{start}{p[0]} {UNITS[p[1]].label}内"

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

    def calculator(self, amount: int | None = None, unit: str | None = None, label: str = "") -> Safe:
        """The deadline calculator widget; calculator.js fills it in (same rules as `handbook deadline`)."""
        data = ""
        if amount is not None and unit is not None:
            data = f' data-amount="{amount}" data-unit="{attr(unit)}" data-label="{attr(label)}"'
        return Safe(f'<div class="hb-calc"{data}></div>')

    def calculator_for(self, item: Item) -> Safe | None:
        p = period(item_deadline(item))
        # elapsed time needs no calendar: the calculator is for periods counted on one
        if p is None or UNITS[p[1]].strategy == "elapsed":
            return None
        return self.calculator(p[0], p[1], item.title)

    @staticmethod
    def rule_doc(rule: Any) -> str:
        """A rule's docstring as part of the rules page: its sections one level down."""
        lines = []
        for line in rule.doc.splitlines()[1:]:
            lines.append("#### " + line[3:] if line.startswith("## ") else line)
        return "\n".join(lines).strip()

    def violations_for(self, items: Iterable[Item]) -> list[tuple[Item, Item, Item | None]]:
        """(rule, violation, tier) for each rule naming a violation as its breach."""
        out = []
        for it in items:
            v = self.model.get(it.get("breach"), "violation")
            if v is not None:
                out.append((it, v, self.model.get(v.get("tier"), "tier")))
        return out

    def implementers(self, article_id: str) -> list[Item]:
        return self.model.implementers(article_id)

    def org_chart(self) -> Safe:
        node = {r.id: f"n{i}" for i, r in enumerate(self.roles)}  # by position: ids like a-b and a.b stay apart
        lines = ["graph TD"]
        for r in self.roles:
            lines.append(f'  {node[r.id]}["{mermaid_label(r.title)}"]')
        for r in self.roles:
            if r.get("reports_to") in node:
                lines.append(f"  {node[r.get('reports_to')]} --> {node[r.id]}")
        return _mermaid(lines)

    def complaint_flow(self) -> Safe:
        stages = self.model.of("stage")
        lines = ["graph TD"]
        for i, s in enumerate(stages):
            label = s.title
            dl = self.deadline_text(s.get("deadline"))
            if dl:
                label = f"{label}（{dl}）"
            lines.append(f'  n{i}["{mermaid_label(label)}"]')
        for i in range(len(stages) - 1):
            lines.append(f"  n{i} --> n{i + 1}")
        return _mermaid(lines)

    # -- pages -----------------------------------------------------------------------------
    def render(self, template: str, here: str, **context: Any) -> str:
        tpl = self.env.get_template(template)
        return tpl.render(
            m=self.model, manual=self, here=here, version=__version__, site_name=self.site_name,
            link=lambda target, text=None: self.link_from(here, target, text),
            deadline=self.deadline_text, safe=Safe, attr=attr, aid=anchor_id, prose=prose, plain_title=plain_title,
            label=self.labels.label,  # a coded value's label, from the schema's x-labels
            **context,
        )

    def pages(self) -> list[Page]:
        out = []
        for spec in PAGES:
            out.append(Page(spec.src, spec.title, self.render(f"{spec.src}.j2", spec.src, **self._context(spec))))
            if spec.src == "org.md":
                for role in self.roles:
                    here = self.page_of(role)
                    out.append(Page(here, role.title, self.render("role.md.j2", here, role=role,
                                                                  mine=self.by_role[role.id],
                                                                  children=self.children.get(role.id, []))))
        return out

    def _context(self, spec: PageSpec) -> dict[str, Any]:
        """What a page's template receives beyond the model and the helpers."""
        files = {f.kind: f for f in reversed(self.model.files)}
        context: dict[str, Any] = {"files": files}
        if spec.file_kind:
            context["file"] = files.get(spec.file_kind)
        if spec.src == "standards.md":
            by_cat: dict[str, list[Item]] = defaultdict(list)
            for s in self.model.of("standard"):
                by_cat[s.get("category")].append(s)
            context["by_cat"] = by_cat
        if spec.src == "rules.md":
            context["rules"] = list(registry().values())
        return context

    def nav(self, handwritten: list[tuple[str, str]]) -> list[Any]:
        """The navigation, from the same table: generated pages in order (a section groups its
        pages, roles under the organisation chart), the hand-written pages after the home page."""
        out: list[Any] = []
        sections: dict[str, list[Any]] = {}
        for spec in PAGES:
            entry: list[Any] = [{spec.title: spec.src}]
            if spec.src == "org.md":
                entry += [{plain_title(r.title): self.page_of(r)} for r in self.roles]
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


def anchor_id(value: Any) -> Safe:
    """An id usable in an attribute list: the id pattern's characters only."""
    return Safe("".join(c for c in str(value) if c.isascii() and (c.isalnum() or c in ".-")).lower())


def _mermaid(lines: list[str]) -> Safe:
    import html

    # A raw HTML block: Markdown leaves it alone, Material renders it as a diagram.
    body = html.escape("\n".join(lines), quote=False)
    return Safe(f'<pre class="mermaid"><code>{body}</code></pre>')
