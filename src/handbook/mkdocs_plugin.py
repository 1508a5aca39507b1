"""The MkDocs plugin: a thin router from MkDocs events to the engine and the renderer.

- on_config: load and check the policies (errors fail the build with the same
  ``path:line:col: CODE`` lines as ``handbook check``; warnings are logged, so
  ``mkdocs build --strict`` fails on them), render the pages in memory, and set
  up navigation, Chinese search segmentation (the glossary's words whole) and
  the calculator script.
- on_pre_build: check every ``[[id]]`` citation in the hand-written pages,
  before MkDocs empties the site folder, so a bad citation never costs the
  previous site.
- on_files / on_page_markdown / on_page_content: add the generated pages,
  turn citations into links, mark glossary terms.
- on_post_build: write the calculator's calendar data, serve every script the
  theme would fetch from a CDN from the site itself, and give the search worker
  the manual's Chinese query side (search.py).
- on_serve: rebuild when a policy, schema or calendar file changes.
- on_config also reads the policy folder's recent versions from git (render/changes.py) for
  the page 本版变更 and each role page's changes; without git or tags the page says so.
- on_startup / on_post_build (last) / on_build_error / on_shutdown: under the
  ``mkdocs build`` command, the site is written into a folder beside site_dir and
  swapped in only when complete (sitebuild's mechanism, shared with ``handbook
  build``), so a failed or killed build keeps the previous site.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from . import i18n
from . import search as site_search
from .checks import unknown_citation
from .config import Config as Settings
from .config import ConfigError, default_policies, find_config, load_config, missing_policy_folder, policy_folder
from .engine import Result, judge, run, shown_path
from .i18n import _
from .problem import Severity, finding
from .prose import MANUAL_EXTENSIONS
from .render.changes import DEFAULT_VERSIONS
from .render.changes import compute as compute_changes
from .render.glossary import Glossary
from .render.manual import Manual
from .render.sample import is_sample, with_notice
from .resources import schemas_dir
from .sitebuild import BuildFailed, describe_os_error, discard, private_jieba_cache, site_sources, stage, swap_in
from .watch import live

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
CITE = re.compile(r"\[\[([a-z][a-z0-9]*(?:[-.][a-z0-9]+)*)\]\]")
# a fenced block, or an inline code span: a citation written there is shown, not resolved
CODE_SPAN = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$|(`+)[^`\n].*?\2", re.S | re.M)
PRUNE_AT = 200  # generated pages; above it, Material's navigation.prune (on_files)


def citations(markdown: str) -> list[re.Match[str]]:
    """Every ``[[id]]`` outside code, in order."""
    spans = [(m.start(), m.end()) for m in CODE_SPAN.finditer(markdown)]
    return [m for m in CITE.finditer(markdown) if not any(a <= m.start() < b for a, b in spans)]
# URLs mkdocs-material's bundle loads from a CDN, and the local copies served instead.
CDN_SCRIPTS = {
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "mermaid.min.js",
    "https://unpkg.com/resize-observer-polyfill": "resize-observer.js",
}
# The bundle fetches each only while a global is missing; this is how it writes that test,
# up to the URL ([\w$]+ is its minified script loader). The build fails when one is not
# found exactly once: a theme upgrade must not bring an outside request back unnoticed.
CDN_GUARDS = {
    # skipped once `mermaid` is defined: pages with a diagram load the vendored copy
    # first (on_page_content), so the bundle's Mermaid loader is left as it is
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js":
        r'typeof mermaid=="undefined"\|\|mermaid instanceof Element\?[\w$]+\(',
    # loaded only without a native ResizeObserver, which browsers that still run this
    # ES2015 bundle can lack (Chrome < 64, Firefox < 69, Safari < 13.1, EdgeHTML); any page
    # may need it, so rather than a script on every page this one URL is rewritten
    "https://unpkg.com/resize-observer-polyfill": r'typeof ResizeObserver=="undefined"\?[\w$]+\(',
}
PATCHED_CDN_URL = "https://unpkg.com/resize-observer-polyfill"  # the one string replaced in the bundle
MERMAID_SCRIPT = "assets/handbook/vendor/" + CDN_SCRIPTS["https://unpkg.com/mermaid@11/dist/mermaid.min.js"]


def _warnings_counted() -> bool:
    """Whether MkDocs' own --strict counter has seen a warning (it aborts after on_post_build)."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


class HandbookConfig(Config):
    policies = c.Optional(c.Type(str))
    """The policy folder, inside the folder of mkdocs.yml, as handbook.toml's ``[handbook] policies`` must be
    (default: handbook.toml's, else ./policies, else the shipped set)."""
    config_file = c.Optional(c.Type(str))
    """A handbook.toml (default: the nearest one above the policy folder)."""
    templates = c.Optional(c.Type(str))
    """A folder of page templates that override the built-in ones, file by file."""
    glossary_tooltips = c.Type(bool, default=True)
    """Mark glossary terms on every page with their definition as a tooltip."""
    calculator = c.Type(bool, default=True)
    """Add the deadline calculator to the complaint and standards pages."""
    changes_versions = c.Type(int, default=DEFAULT_VERSIONS)
    """How many tagged versions of the policy folder the page 本版变更 shows, each against the one before."""
    changes_base = c.Optional(c.Type(str))
    """A git revision (``main``, ``v2026.1``) to compare the policies with instead of the recent tags."""
    branch = c.Optional(c.Type(str))
    """Build a branch office's manual: the head office's policies with ``branches/<branch>/`` over them."""


def _report(result: Result) -> None:
    """A run's warnings as MkDocs warnings (``--strict`` fails on them); its errors stop the build,
    with the same ``path:line:col: CODE`` lines as ``handbook check``."""
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    for p in result.problems:
        if p.severity is Severity.WARNING:
            log.warning(p.line_text())
    if errors:
        lines = "\n".join(p.line_text() for p in errors)
        raise PluginError("handbook: " + _("the policies have {count} error(s); the manual was not built:\n"
                                           "{problems}").format(count=len(errors), problems=lines))


@dataclass
class _Warm:
    """What one build of a policy folder leaves for the next in the same process (a live preview):
    the files read, by their bytes, and the model."""

    reuse: dict[bytes, Any] = field(default_factory=dict)
    model: Any = None
    schemas: tuple[tuple[str, int], ...] = ()  # the schema files' names and times it was built with
    limits: Any = None  # the loader's limits it was read with


_WARM: dict[str, _Warm] = {}  # by policy folder: a preview serves one, a process may build several


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self) -> None:
        self.result: Result | None = None
        self.settings = Settings()
        self.manual: Manual | None = None
        self.policy_dir: Path | None = None
        self.glossary = Glossary([])  # the terms marked on every page, made ready once per build
        self._command: str | None = None  # set by on_startup: only the mkdocs CLI sends it
        self._dirty = False
        self._staged: tuple[Path, Path, str] | None = None  # (temporary folder, site, site_dir as given)
        self.search_data: dict[str, Any] = {}  # what the search worker is given (search.browser_data)

    # -- the site is swapped in only when complete --------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty

    def _prepare_output(self, config: MkDocsConfig) -> None:
        private_jieba_cache()
        self._staged = None
        # `mkdocs serve` builds into its own temporary folder; `handbook build` and `handbook
        # serve` stage the site themselves and never send on_startup. (`mkdocs serve --clean`
        # says "build": it then gets the same swap, into the folder it serves.)
        if self._command not in ("build", "gh-deploy"):
            return
        site = Path(config.site_dir).resolve()
        try:
            tmp = stage(site, site_sources(config), copy_current=self._dirty)
        except BuildFailed as exc:
            raise PluginError(f"handbook: {exc}") from None
        self._staged = (tmp, site, config.site_dir)
        config.site_dir = str(tmp)

    @event_priority(-100)  # after every plugin has written its files
    def _swap_in_site(self, *, config: MkDocsConfig) -> None:
        if self._staged is None:
            return
        if config.strict and _warnings_counted():
            return  # MkDocs aborts the build right after this event: on_build_error discards it
        tmp, site, given = self._staged
        try:
            swap_in(tmp, site)
        except OSError as exc:
            raise PluginError("handbook: " + _("cannot write the site {site}: {reason}").format(
                site=site, reason=describe_os_error(exc))) from None
        self._staged = None
        config.site_dir = given  # gh-deploy publishes from here

    def _discard_staged(self) -> None:
        if self._staged is not None:
            discard(self._staged[0])
            self._staged = None

    def on_build_error(self, *, error: Exception) -> None:
        self._discard_staged()

    def on_shutdown(self) -> None:
        self._discard_staged()  # interrupted (Ctrl-C is no Exception: on_build_error never ran)

    def _branch(self, head: Result, settings: Settings, branch_id: str) -> tuple[Result, Any]:
        """A branch office's effective set (branches.py) in place of the head office's, and how it
        differs: (its unit, the changes from the head office's). Its errors stop the build."""
        from .branches import UnknownBranch, select
        from .branches_report import closures_of
        from .diff.compare import compare
        from .engine import run_branch

        policies = self.policy_dir
        assert policies is not None
        try:
            [branch] = select(policies, settings.branches, branch_id)
        except UnknownBranch as exc:
            raise PluginError(f"handbook: {exc}") from None
        result = run_branch(policies, branch, settings, head=head)
        _report(result)
        assert head.model is not None and result.model is not None
        report = compare(head.model, result.model, [], "", branch_id, settings.today.isoformat())
        # the items that differ (files' headers are the branch's own documents, not differences)
        return result, (result.model.get(branch_id, "unit"), [c for c in report.changes if c.id],
                        closures_of(result.model, set(result.files)))

    # -- configuration: check the policies and render ------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n.use_default()  # no --lang under `mkdocs build`: the locale's language, as `handbook check` uses
        base = Path(config.config_file_path or ".").resolve().parent
        self.policy_dir, settings = self._configured(config)
        self.settings = settings
        # a live preview rebuilds in the same process: the files that did not change are neither
        # parsed, validated nor modelled again (as handbook check --watch)
        stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(Path(schemas_dir()).glob("*.json")))
        warm = _WARM.get(str(self.policy_dir))
        if warm is None or warm.schemas != stamp or warm.limits != settings.limits:
            # an edited schema, or new limits (handbook.toml): every file is read anew
            warm = _WARM[str(self.policy_dir)] = _Warm(schemas=stamp, limits=settings.limits)
        self.result = result = run(self.policy_dir, settings, reuse=warm.reuse, previous=warm.model)
        if warm.model is not None:
            warm.model.release()
        warm.model = result.model
        warm.reuse = live(warm.reuse, result.model)  # an edited file's earlier versions are let go
        _report(result)
        assert result.model is not None
        branch_view = None
        if self.config.branch:
            result, branch_view = self._branch(result, settings, self.config.branch)
            self.result = result  # the branch's set serves everything after: pages, search, links, calendar
        assert result.model is not None
        templates = self._inside(base, self.config.templates, "templates") if self.config.templates else None
        self.manual = Manual(result.model, templates, site_name=config.site_name, settings=settings)
        self.manual.branch = branch_view
        if self.config.changes_versions < 1:
            raise PluginError("handbook: " + _("changes_versions: {value} is not a positive whole number").format(
                value=self.config.changes_versions))
        # the page 本版变更 and the role pages' changes, from the policy folder's git history (never fails)
        self.manual.changes = compute_changes(self.policy_dir, result.model, settings, self.config.changes_versions,
                                              self.config.changes_base)
        terms = [(t.title, t.get("definition", ""), t.id) for t in result.model.of("term")]
        for t in result.model.of("term"):
            for alias in t.get("aliases") or []:
                terms.append((alias, t.get("definition", ""), t.id))
        self.glossary = Glossary(terms)
        # before any page is indexed: glossary words become whole index tokens
        site_search.teach(site_search.glossary_words(result.model))
        # the manual's extensions, and the guard that checks every link Markdown produced
        for ext in (*MANUAL_EXTENSIONS, "handbook.prose"):
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        if self.config.calculator:
            for script in ("assets/handbook/workcal.js", "assets/handbook/calculator.js"):
                if script not in config.extra_javascript:
                    config.extra_javascript.append(script)
            if "assets/handbook/handbook.css" not in config.extra_css:
                config.extra_css.append("assets/handbook/handbook.css")
        # staff read Chinese: no English "Made with ..." footer, the heading anchors' tooltip and the 404
        # page in Chinese, unless the project says otherwise
        config.extra.setdefault("generator", False)
        toc = config.mdx_configs.get("toc")
        if isinstance(toc, dict) and toc.get("permalink") and "permalink_title" not in toc:
            toc["permalink_title"] = "本节链接"
        overrides = str(Path(__file__).resolve().parent / "overrides")
        if overrides not in config.theme.dirs:
            # after the project's own custom_dir (it may override ours), before the theme's
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
        if not config.nav:
            handwritten = self._handwritten(Path(config.docs_dir))
            config.nav = self.manual.nav(handwritten)
        self._prepare_output(config)  # last: a policy error above never touches the file system
        return config

    @staticmethod
    def _inside(base: Path, value: str, option: str) -> Path:
        """The ``templates`` option: a relative path must stay inside the project (an absolute one is the
        operator's explicit choice; the policy folder has its own rule, config.policy_folder)."""
        path = Path(base, value).resolve()
        if not Path(value).is_absolute() and not path.is_relative_to(base):
            raise PluginError("handbook: " + _("{option}: {value} leaves the folder of mkdocs.yml").format(
                option=option, value=repr(value)))
        return path

    def branch_ids(self, config: MkDocsConfig) -> list[str]:
        """The branch offices beside the policy folder this configuration builds from, found as the
        build finds them (for ``handbook build`` to tell an unknown --branch before building)."""
        from .branches import discover

        policies, settings = self._configured(config)
        return [b.id for b in discover(policies, settings.branches)]

    def _configured(self, config: MkDocsConfig) -> tuple[Path, Settings]:
        """The policy folder this configuration builds from, and its handbook.toml's settings."""
        base = Path(config.config_file_path or ".").resolve().parent
        policies = self._policy_dir(base, Path(config.config_file_path) if config.config_file_path else None)
        try:
            cfg_path = Path(base, self.config.config_file) if self.config.config_file else find_config(policies)
            return policies, load_config(cfg_path)
        except ConfigError as exc:
            raise PluginError(f"handbook: {exc}") from None

    def _policy_dir(self, base: Path, config_file: Path | None = None) -> Path:
        """The policy folder: the ``policies`` option, under the rule handbook.toml's ``[handbook]
        policies`` follows too (config.policy_folder); else handbook.toml's, ./policies or the shipped set."""
        if self.config.policies:
            config_file = (config_file or base / "mkdocs.yml").resolve()
            where = _option_at(config_file, "policies")
            try:
                path = policy_folder(self.config.policies, config_file, where)
                if not path.is_dir():
                    raise missing_policy_folder(path, where)
            except ConfigError as exc:
                raise PluginError(f"handbook: {exc}") from None
            return path
        try:
            settings = load_config(find_config(base))
        except ConfigError as exc:
            raise PluginError(f"handbook: {exc}") from None
        return default_policies(base, settings)

    @staticmethod
    def _handwritten(docs: Path) -> list[tuple[str, str]]:
        """Hand-written pages in docs/ (src, title from the first heading), for the navigation."""
        out = []
        for f in sorted(docs.glob("*.md")):
            if f.name == "index.md":
                continue
            title = f.stem
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.startswith("# "):
                    title = line[2:].strip()
                    break
            out.append((f.name, title))
        return out

    # -- citations in hand-written pages -------------------------------------------------
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.result is not None and self.result.model is not None
        found = []
        for f in sorted(Path(config.docs_dir).rglob("*.md")):
            text = f.read_text(encoding="utf-8")
            for m in citations(text):
                if self.result.model.get(m.group(1)) is None:
                    rel = f.relative_to(Path(config.docs_dir).parent).as_posix()
                    line = text.count("\n", 0, m.start()) + 1
                    col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                    found.append(finding(rel, line, col, unknown_citation.CODE,
                                         _("unknown policy id '{id}'").format(id=m.group(1))))
        problems = judge(found, {}, self.settings)  # severity from the rule and handbook.toml
        for p in problems:
            if p.severity is Severity.WARNING:
                log.warning(p.line_text())
        errors = [p.line_text() for p in problems if p.severity is Severity.ERROR]
        if errors:
            raise PluginError("handbook: " + _("citations of unknown policy items:\n{problems}").format(
                problems="\n".join(errors)))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.manual is not None
        pages = self.manual.pages()
        features = list(config.theme.get("features") or [])
        if len(pages) > PRUNE_AT and not {"navigation.prune", "navigation.expand"} & set(features):
            # a large manual: each page carries only the navigation it shows (a third of a 500-page
            # site's bytes); a small one keeps the whole, which expands in place on a phone
            config.theme["features"] = [*features, "navigation.prune"]
        for page in pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                if page.src == "index.md":
                    continue  # a hand-written home page wins
                raise PluginError("handbook: " + _("{page} would hide the generated page of the same name").format(
                    page=f"docs/{page.src}"))
            files.append(File.generated(config, page.src, content=page.markdown))

        def url_of(item: Any) -> str | None:
            file = files.get_file_from_path(self.manual.page_of(item))  # type: ignore[union-attr]
            return file.url if file is not None else None

        assert self.result is not None and self.result.model is not None
        self.search_data = site_search.browser_data(self.result.model, url_of)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.manual is not None and self.result is not None and self.result.model is not None
        model = self.result.model
        here = page.file.src_uri

        def cite(m: re.Match[str]) -> str:
            item = model.get(m.group(1))
            if item is None:  # on_pre_build has failed the build already for docs files
                raise PluginError(f"handbook: {here}: " + _("unknown policy id '{id}'").format(id=m.group(1)))
            return str(self.manual.link_from(here, item))  # type: ignore[union-attr]

        out, last = [], 0
        for m in citations(markdown):
            out += [markdown[last:m.start()], cite(m)]
            last = m.end()
        text = "".join(out) + markdown[last:]
        # a sample company's placeholder contacts pass CHN003 only because every page says so
        return with_notice(text) if is_sample(model) else text

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.glossary_tooltips and page.file.src_uri != "glossary.md":
            html = self.glossary.mark(html)
        if self._has_diagram(html):
            from mkdocs.utils import get_relative_url

            # Defined before Material's bundle runs, so the bundle skips its unpkg fetch; relative
            # to the page, so the site works under any sub-path. Only pages with a diagram pay for it.
            html += f'\n<script src="{get_relative_url(MERMAID_SCRIPT, page.url)}"></script>'
        return html

    @staticmethod
    def _has_diagram(html: str) -> bool:
        """Whether Material will draw a Mermaid diagram here: it looks for ``pre.mermaid``."""
        if "mermaid" not in html:
            return False  # most pages: no need to parse them to know
        from html.parser import HTMLParser

        class Finder(HTMLParser):
            found = False

            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                if tag == "pre" and "mermaid" in (dict(attrs).get("class") or "").split():
                    self.found = True

        finder = Finder()
        finder.feed(html)
        finder.close()
        return finder.found

    # -- assets: calculator data and local copies of CDN scripts ------------------------------
    def _write_assets(self, *, config: MkDocsConfig) -> None:
        assert self.result is not None and self.result.model is not None
        site = Path(config.site_dir)
        self._theme_originals(site, config)
        out = site / "assets" / "handbook"
        (out / "vendor").mkdir(parents=True, exist_ok=True)
        for name in ("calculator.js", "handbook.css"):
            shutil.copyfile(ASSETS / name, out / name)
        for name in set(CDN_SCRIPTS.values()):
            shutil.copyfile(ASSETS / "vendor" / name, out / "vendor" / name)
        from .render.calendar_data import calendar_script

        cal = self.result.model.head_calendar()
        if cal is None:
            raise PluginError("handbook: " + _("calendar data cannot be used: {reason}").format(
                reason=self.result.model.calendar_error))
        (out / "workcal.js").write_text(calendar_script(cal, self.result.model.calendar()), encoding="utf-8")
        self._localise_cdn(site)
        site_search.install(site, self.search_data, required=any(
            name.split("/")[-1] == "search" for name in config.plugins))

    @staticmethod
    def _theme_originals(site: Path, config: MkDocsConfig) -> None:
        """Put the theme's own copy back over each file this plugin patches (the bundle, the search
        worker) before patching it. A dirty build (``--dirty``, or ``mkdocs serve``'s rebuilds) copies
        only files the theme changed since, so it would otherwise find last build's patched copy."""
        from .search import WORKERS

        for pattern in ("assets/javascripts/bundle.*.min.js", WORKERS):
            for built in site.glob(pattern):
                rel = built.relative_to(site)
                for folder in config.theme.dirs:
                    if (Path(folder) / rel).is_file():
                        shutil.copyfile(Path(folder) / rel, built)
                        break

    @staticmethod
    def _localise_cdn(site: Path) -> None:
        """Check that the theme's bundle fetches CDN scripts only behind CDN_GUARDS, and point
        the ResizeObserver polyfill's URL at the copy in assets/handbook/vendor/.

        The bundle builds that URL at run time from the page's own base (the
        theme's __config), so the site works under any sub-path of any server.
        """
        for bundle in (site / "assets" / "javascripts").glob("bundle.*.min.js"):
            text = bundle.read_text(encoding="utf-8")
            for url, guard in CDN_GUARDS.items():
                literal = json.dumps(url)
                if text.count(literal) != 1 or len(re.findall(guard + re.escape(literal) + r"\)", text)) != 1:
                    raise PluginError("handbook: " + _("{bundle} no longer loads {url} only behind the test in "
                                                       "CDN_GUARDS: the theme changed; review it so the site makes no "
                                                       "outside request").format(bundle=bundle.name, url=url))
            name = CDN_SCRIPTS[PATCHED_CDN_URL]
            local = ('new URL("assets/handbook/vendor/' + name + '",new URL(JSON.parse(document.getElementById('
                     '"__config").textContent).base+"/",location)).href')
            text = text.replace(json.dumps(PATCHED_CDN_URL), local)
            # Any other absolute URL is new: XML namespaces are never fetched, and GitHub's API
            # only with a GitHub repo_url (repository facts), which the manual does not set.
            leftover = set(re.findall(r'["\'`](https?://[^"\'`$]+)', text)) - set(CDN_GUARDS)
            leftover = {u for u in leftover if not u.startswith(("http://www.w3.org/", "https://api.github.com/"))}
            if leftover:
                raise PluginError("handbook: " + _("{bundle} may load {urls}: the theme changed; review CDN_GUARDS so "
                                                   "the site makes no outside request").format(
                                                       bundle=bundle.name, urls=sorted(leftover)))
            bundle.write_text(text, encoding="utf-8")

    @event_priority(-50)  # after Material's search plugin has written its index, before the swap
    def _compact_index(self, *, config: MkDocsConfig) -> None:
        """Material writes the search index with every Chinese character as a \\uXXXX escape, six
        bytes for the three of UTF-8: written again as UTF-8 it is half the size staff download
        (the same JSON to the browser's parser)."""
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    on_post_build = CombinedEvent(_write_assets, _compact_index, _swap_in_site)

    def watch_list(self, base: Path) -> list[Path]:
        """What a live preview must watch besides docs and mkdocs.yml: the policies, the
        schemas, the built-in and overriding templates, and the nearest handbook.toml."""
        policy_dir = self.policy_dir or self._policy_dir(base)
        paths = [policy_dir, schemas_dir(), TEMPLATES_DIR]
        if self.config.templates:
            paths.append(Path(base, self.config.templates))
        cfg = find_config(policy_dir)
        if cfg is not None:
            paths.append(cfg)
        return [p for p in paths if p.exists()]

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The theme's templates, compiled once for the process (a live preview rebuilds every page)."""
        from .render.manual import TEMPLATE_CACHE

        if env.bytecode_cache is None:
            env.bytecode_cache = TEMPLATE_CACHE
        return env

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for path in self.watch_list(Path(config.config_file_path or ".").resolve().parent):
            server.watch(str(path))
        return server


def _option_at(config_file: Path, option: str) -> str:
    """``mkdocs.yml:LINE:COL`` of one of this plugin's options, as messages begin (the file alone
    when it cannot be found: an option given some other way)."""
    import yaml

    shown = shown_path(config_file, config_file.parent)
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return shown

    def value(mapping: Any, key: str) -> Any:
        if isinstance(mapping, yaml.MappingNode):
            for k, v in mapping.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return v
        return None

    plugins = value(root, "plugins")
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for entry in entries:  # "- handbook: {...}" in a list, or "handbook: {...}" in a mapping
        node = value(value(entry, "handbook"), option)
        if node is not None:
            return f"{shown}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
    return shown


__all__ = ["HandbookConfig", "HandbookPlugin"]
