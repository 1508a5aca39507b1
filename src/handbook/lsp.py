"""``handbook lsp``: the checks live in the editor, as a language server over stdio.

Every open policy file is checked with the whole of its policy folder (and its branch offices),
as ``handbook check`` would check it, including the text the editor holds and has not saved
(``loader.UNSAVED``). The process stays warm between edits: the same ``watch.Watcher`` as
``handbook check --watch`` keeps the files that did not change, parsed and modelled.

What it offers, per the Language Server Protocol:
- diagnostics: every problem, with its rule code and message in the editor's language, in every
  file of the folder (a cross-file problem shows in the file it is about);
- a quick fix for "did you mean" (``Problem.fix``): the word the check thinks was meant;
- hover on a reference: the item it names (a post's unit and duties, a standard's requirement);
  on an id: the item and how many places refer to it;
- go to definition: from a reference to the item's id, across files;
- completion of ids in a reference field, only of the kind the field expects (the schemas'
  ``x-ref`` marks say which);
- document symbols: one per item.

Positions: the checks count lines and columns from 1 in characters; the protocol counts from 0
in the units the client chose (UTF-16 by default), which pygls converts.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from . import __version__, i18n, loader
from .config import ConfigError, default_policies, find_config, load_config
from .editor import written_kind
from .i18n import _
from .problem import Severity

if TYPE_CHECKING:

    from .config import Config
    from .engine import Result
    from .model import Item, Model, Ref
    from .watch import Watcher

SOURCE = "handbook"
SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
              Severity.WAIVED: types.DiagnosticSeverity.Hint}
# the written word a problem's line:column points at: a quoted scalar, or a plain one up to what ends it
_WORD = re.compile(r"""'(?:[^']|'')*'?|"(?:[^"\\]|\\.)*"?"""  # quoted
                   r"""|[^\s,\[\]{}#:'"](?:[^\s,\[\]{}#:]|:(?=\S)|[ \t]+(?=[^\s,\[\]{}#]))*""")  # plain, words and all
# a line's key, after the indentation and any list dashes: "  - owner: cs-agent"
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")
_DASH_LINE = re.compile(r"^(?P<indent> *)- ")
# the fields whose text says what an item is, shown on hover after its title
SUMMARY_FIELDS = ("requirement", "text", "definition", "description", "summary", "rule", "note")


def locate(path: Path) -> tuple[Path, Path | None] | None:
    """The policy folder a file belongs to and its configuration file, or None for a YAML file that
    is no policy file (a CI workflow, mkdocs.yml): the nearest handbook.toml whose policy folder (or
    branch offices' folder) holds it; else the nearest folder named ``policies`` above it, or the
    one beside the ``branches`` folder it is in. A broken handbook.toml raises ConfigError."""
    from .branches import FOLDER

    cfg = find_config(path.parent)
    if cfg is not None:
        config = load_config(cfg)
        policies = default_policies(cfg.parent, config).resolve()
        branches = (config.branches or policies.parent / FOLDER).resolve()
        if path.is_relative_to(policies) or path.is_relative_to(branches):
            return policies, cfg
    for folder in path.parents:
        if folder.name == "policies":
            return folder, None
        if folder.name == FOLDER and (folder.parent / "policies").is_dir():
            return (folder.parent / "policies").resolve(), None
    return None


@dataclass
class Project:
    """One policy folder with files open in the editor, and its warm state."""

    policies: Path
    config_file: Path | None
    watcher: Watcher
    result: Result | None = None
    published: set[str] = field(default_factory=set)  # the uris given diagnostics last time
    # each model's references and items by file, by id() of the model (the head office's, a branch's)
    _index: dict[int, tuple[dict[str, list[Ref]], dict[str, list[Item]]]] = field(default_factory=dict)
    _branch_models: dict[str, tuple[Result, Model | None]] = field(default_factory=dict)  # by head run

    @classmethod
    def open(cls, policies: Path, config_file: Path | None) -> Project:
        from .branches import select
        from .watch import Watcher

        def setup() -> tuple[Path, Config]:
            return policies, load_config(config_file)

        def branches(target: Path, config: Config) -> list[Any]:
            return select(target, config.branches, None)

        # one process: the server keeps its state, and a forked worker would copy the event loop too
        return cls(policies, config_file, Watcher(setup, branches, jobs=1))

    def check(self, edits: list[str] | None = None) -> Result:
        # shown paths are relative to the working directory when they can be: from the project's
        # folder they are "policies/x.yaml" and "branches/<id>/x.yaml", never another checkout's
        os.chdir(self.policies.parent)
        self.result = self.watcher.run(edits)
        self._index.clear()
        self._branch_models.clear()
        return self.result

    @property
    def model(self) -> Model | None:
        return self.result.model if self.result is not None else None

    def file_of(self, shown: str) -> Path:
        """The file a problem's shown path names: absolute, or relative to the folder that holds the
        policy folder, where check() ran ("policies/x.yaml", "branches/<id>/x.yaml")."""
        p = Path(shown)
        return p if p.is_absolute() else (self.policies.parent / p).resolve()

    def model_for(self, path: Path) -> Model | None:
        """The model a file is read in: a branch office's effective set for its files (made on first
        asking after each check: hover, definition, completion, symbols), else the head office's."""
        head = self.watcher.head
        if head is None or self.result is None:
            return None
        from .engine import run_branch

        for branch in self.watcher.branch_offices:  # as the last check found them
            if path.is_relative_to(branch.folder.resolve()):
                made = self._branch_models.get(branch.id)
                if made is None or made[0] is not self.result:
                    os.chdir(self.policies.parent)  # the shown paths of check()
                    made = (self.result, run_branch(self.policies, branch, self.watcher.config, head=head).model)
                    self._branch_models[branch.id] = made
                return made[1]
        return self.model

    def refs_in(self, path: Path) -> list[Ref]:
        return self._indexed(path)[0].get(str(path), [])

    def items_in(self, path: Path) -> list[Item]:
        """The items written in a file, in the order they are written."""
        return self._indexed(path)[1].get(str(path), [])

    def _indexed(self, path: Path) -> tuple[dict[str, list[Ref]], dict[str, list[Item]]]:
        """The references and items of the model ``path`` is read in, by file: made once per model."""
        model = self.model_for(path)
        if model is None:
            return {}, {}
        found = self._index.get(id(model))
        if found is None:
            refs: dict[str, list[Ref]] = {}
            items: dict[str, list[Item]] = {}
            for ref in model.refs:
                refs.setdefault(str(self.file_of(ref.file.path)), []).append(ref)
            for kind_items in model.by_kind.values():
                for item in kind_items:
                    if item.template is None:
                        items.setdefault(str(self.file_of(item.path)), []).append(item)
            for listed in items.values():
                listed.sort(key=lambda i: i.pos())
            found = self._index[id(model)] = (refs, items)
        return found


class HandbookServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.projects: dict[tuple[Path, Path | None], Project] = {}

    def project_for(self, path: Path) -> Project | None:
        """The project of a policy file (None for a YAML file that is none); a handbook.toml that
        cannot be read is said, and the file is left alone until it can."""
        try:
            key = locate(path)
        except ConfigError as exc:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"handbook: {exc}"))
            return None
        if key is None:
            return None
        project = self.projects.get(key)
        if project is None:
            project = self.projects[key] = Project.open(*key)
        return project

    def checked(self, uri: str) -> tuple[Path, Project] | None:
        """The file of ``uri`` and its project, checked at least once (None for no policy file)."""
        path = _path(uri)
        project = self.project_for(path) if path is not None else None
        if path is None or project is None:
            return None
        if project.model is None:
            project.check()
        return path, project

    def document(self, uri: str) -> TextDocument:
        """An open document, or a file's text as it is on disk (read leniently: a file in another
        encoding is a problem to report, ENC001, not a reason to stop)."""
        if uri in self.workspace.text_documents:
            return self.workspace.get_text_document(uri)
        path = _path(uri)
        try:
            text = path.read_bytes().decode("utf-8", errors="replace") if path is not None else ""
        except OSError:
            text = ""
        return TextDocument(uri, text, position_codec=self.workspace.position_codec)

    def recheck(self, uri: str, edits: list[str] | None = None) -> None:
        """Check the policy folder of the document ``uri`` again and publish every file's problems."""
        path = _path(uri)
        project = self.project_for(path) if path is not None else None
        if path is None or project is None:
            return
        try:
            result = project.check([str(path), *(edits or ())])
        except Exception as exc:  # a configuration being edited, say: say so, keep the last problems
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, f"handbook: {exc}"))
            return
        by_file: dict[str, list[types.Diagnostic]] = {}
        docs: dict[str, TextDocument] = {}  # each file read once, however many problems it has
        for p in result.problems:
            if p.severity is Severity.OFF:
                continue
            target = project.file_of(p.path)
            uri_of = uri if target == path else from_fs_path(str(target)) or target.as_uri()
            doc = docs.get(uri_of)
            if doc is None:
                doc = docs[uri_of] = self.document(uri_of)
            by_file.setdefault(uri_of, []).append(self.diagnostic(doc, p.line, p.column, p.code, p.severity,
                                                                  p.message, p.fix))
        by_file.setdefault(uri, [])  # the edited file's, clean or not
        for u in project.published - by_file.keys():
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=u, diagnostics=[]))
        for u, diagnostics in by_file.items():
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=u, diagnostics=diagnostics))
        project.published = set(by_file)

    @staticmethod
    def diagnostic(doc: TextDocument, line: int, column: int, code: str, severity: Severity, message: str,
                   fix: str | None) -> types.Diagnostic:
        return types.Diagnostic(range=word_range(doc, line, column), message=message, code=code, source=SOURCE,
                                severity=SEVERITIES.get(severity, types.DiagnosticSeverity.Information),
                                data={"fix": fix} if fix else None)


def _path(uri: str) -> Path | None:
    fs = to_fs_path(uri)
    return Path(os.path.realpath(fs)) if fs and uri.startswith("file:") else None


def word_range(doc: TextDocument, line: int, column: int) -> types.Range:
    """The range of the word written at a problem's 1-based line and column (the whole first line's
    start for a problem about the whole file, line 0)."""
    if line < 1:
        return types.Range(types.Position(0, 0), types.Position(0, 0))
    lines = doc.lines
    text = lines[line - 1].rstrip("\r\n") if line <= len(lines) else ""
    start = max(column - 1, 0)
    m = _WORD.match(text, start)
    end = m.end() if m and m.end() > start else len(text)
    return doc.range_to_client_units(ServerTextRange(ServerTextPosition(line - 1, start),
                                                     ServerTextPosition(line - 1, end)))


def _shape(line: str) -> tuple[list[int], str | None, int] | None:
    """A block-style line's list dashes (their columns), key (or None for a list's scalar item) and
    the column where its content starts; None for a line that is neither."""
    m = _KEY_LINE.match(line)
    if m:
        start = len(m["indent"])
        dashes = [start + d.start() for d in re.finditer(r"-", m["dashes"])]
        return dashes, m["key"], start + len(m["dashes"])
    d = _DASH_LINE.match(line)
    if d:
        rest = line[len(d["indent"]):]
        dashes = [len(d["indent"]) + x.start() for x in re.finditer(r"- +", rest[:len(rest) - len(rest.lstrip("- "))])]
        return dashes, None, len(line) - len(line.lstrip(" -"))
    return None


def yaml_path(lines: list[str], row: int) -> tuple[str, ...]:
    """The keys from the top of a block-style YAML document to the value on line ``row`` (0-based),
    with "*" for a list's item: found from the indentation, so it works while the file is being
    written and does not parse. ``  owner: cs-`` under ``standards:`` and ``- id:`` gives
    ("standards", "*", "owner")."""
    here = _shape(lines[row])
    if here is None:
        return ()
    out: list[str] = []
    dashes, key, col = here

    def enter(dashes: list[int], key: str | None, col: int) -> tuple[int, bool]:
        """Add a line's key and its list levels; the column and kind (list item?) of the node reached."""
        if key is not None:
            out.append(key)
        for dash in reversed(dashes):
            out.append("*")
            col = dash
        return col, bool(dashes)

    col, in_list = enter(dashes, key, col)
    for above in range(row - 1, -1, -1):
        shape = _shape(lines[above])
        if shape is None or lines[above].lstrip().startswith("#"):
            continue
        dashes, key, start = shape
        if in_list:
            # the list's key: at the list's column or left of it; an item at the same column is a sibling
            if key is not None and start <= col and (not dashes or dashes[0] != col):
                col, in_list = enter(dashes, key, start)
        elif start < col and key is not None:  # the key whose value is the mapping we are in
            col, in_list = enter(dashes, key, start)
        elif start == col and dashes:  # "- id: x" above "  owner:": we are in that list item
            col, in_list = enter(dashes, None, start)
        if col == 0 and not in_list:
            break
    return tuple(reversed(out))


def expected_kind(model: Model, kind: str | None, path: tuple[str, ...]) -> str | None:
    """The kind of item a reference field at ``path`` names (its ``x-ref``), in a file of ``kind``."""
    schemas = model.schemas
    if schemas is None or kind not in schemas.kinds:
        return None
    refmodel = schemas.refmodel(kind)
    for template, target in refmodel.refs:
        if not target.startswith("#") and template in (path, (*path, "*")):  # a list of references too
            return target
    return None


def summary(model: Model, item: Item) -> str:
    """An item as hover shows it, in Markdown: its title, id and kind; a post's unit and duties;
    else its requirement or text; then where it is written."""
    from .labels import Labels

    label = Labels(model.schemas).kind_label(item.kind) if model.schemas is not None else item.kind
    lines = [f"**{item.title}** `{item.id}` · {label}", ""]
    if item.kind == "role":
        unit = model.get(item.get("unit"))
        if unit is not None:
            lines.append(_("Unit: {unit}").format(unit=f"{unit.title} `{unit.id}`"))
        boss = model.get(item.get("reports_to"))
        if boss is not None:
            lines.append(_("Reports to: {post}").format(post=f"{boss.title} `{boss.id}`"))
        duties = item.get("duties")
        if isinstance(duties, list) and duties:
            lines += ["", _("Duties:"), *(f"- {d}" for d in duties if isinstance(d, str))]
    else:
        for key in SUMMARY_FIELDS:
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                lines.append(value.strip())
                break
    line, _col = item.pos()
    lines += ["", f"{item.path}:{line}"]
    return "\n".join(lines)


def _at(position: ServerTextPosition) -> tuple[int, int]:
    """A 0-based server position as the checks' 1-based line and column."""
    return position.line + 1, position.character + 1


def _over(text: str, start: int, col: int) -> bool:
    """Whether 1-based column ``col`` is on the word written at 1-based column ``start`` (its end
    included: the cursor just after a word is on it)."""
    m = _WORD.match(text, start - 1)
    return m is not None and start <= col <= m.end() + 1


def _ref_at(project: Project, path: Path, text: str, line: int, col: int) -> Ref | None:
    for ref in project.refs_in(path):
        if ref.line == line and isinstance(ref.target, str) and _over(text, ref.column, col):
            return ref
    return None


def _item_at(project: Project, path: Path, text: str, line: int, col: int) -> Item | None:
    """The item whose id is written at line:col."""
    for item in project.items_in(path):
        id_line, id_col = item.pos("id")
        if id_line == line and _over(text, id_col, col):
            return item
    return None


def _location(project: Project, server: HandbookServer, item: Item) -> types.Location:
    target = project.file_of(item.path)
    uri = from_fs_path(str(target)) or target.as_uri()
    line, col = item.pos()
    return types.Location(uri, word_range(server.document(uri), line, col))


def build_server() -> HandbookServer:
    server = HandbookServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: HandbookServer, params: types.InitializeParams) -> None:
        # messages in the editor's language, when it is one of ours; else the environment's
        lang = i18n.normalise(params.locale)
        if lang is not None:
            i18n.use(lang)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HandbookServer, params: types.DidOpenTextDocumentParams) -> None:
        _hold(ls, params.text_document.uri)
        ls.recheck(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HandbookServer, params: types.DidChangeTextDocumentParams) -> None:
        _hold(ls, params.text_document.uri)
        ls.recheck(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HandbookServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.recheck(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HandbookServer, params: types.DidCloseTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path is not None and loader.UNSAVED.pop(str(path), None) is not None:
            ls.recheck(params.text_document.uri)  # what the editor held is gone: the file on disk counts

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: HandbookServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        out = []
        for d in params.context.diagnostics:
            fix = d.data.get("fix") if isinstance(d.data, dict) and d.source == SOURCE else None
            if not isinstance(fix, str):
                continue
            out.append(types.CodeAction(
                title=_("Change to '{fix}'").format(fix=fix), kind=types.CodeActionKind.QuickFix, diagnostics=[d],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [types.TextEdit(d.range, fix)]})))
        return out

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: HandbookServer, params: types.HoverParams) -> types.Hover | None:
        found = _lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        _project, model, item, ref = found
        text = summary(model, item)
        if ref is None:  # on the id itself: who refers to it
            text += "\n\n" + _("References to it: {count}").format(count=len(model.refs_to(item.id)))
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: HandbookServer, params: types.DefinitionParams) -> types.Location | None:
        found = _lookup(ls, params.text_document.uri, params.position)
        if found is None or found[3] is None:
            return None
        project, _model, item, _ref = found
        return _location(project, ls, item)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ","]))
    def completion(ls: HandbookServer, params: types.CompletionParams) -> types.CompletionList | None:
        found = ls.checked(params.text_document.uri)
        model = found[1].model_for(found[0]) if found is not None else None
        if found is None or model is None:
            return None
        doc = ls.document(params.text_document.uri)
        lines = list(doc.lines)
        row = params.position.line
        if row >= len(lines):
            return None
        pos = doc.position_from_client_units(params.position)
        before = lines[row][:pos.character]
        # a value after "key: ", a list's "- ", or inside "[a, b": not a key being written, not a comment
        typed = re.search(r"(?:(?<=: )|(?<=^- )|(?<= - )|(?<=\[)|(?<=, )|(?<=,))[ \t]*([\w.-]*)$", before)
        if typed is None or re.search(r"(?:^|\s)#", before):
            return None
        kind = written_kind(doc.source)
        target = expected_kind(model, kind, yaml_path(lines, row))
        if target is None:
            return None
        start = pos.character - len(typed.group(1))
        where = doc.range_to_client_units(ServerTextRange(ServerTextPosition(row, start), pos))
        items = list(model.items.values()) if target == "any" else model.of(target)
        return types.CompletionList(is_incomplete=False, items=[
            types.CompletionItem(label=i.id, kind=types.CompletionItemKind.Reference, detail=i.title,
                                 documentation=types.MarkupContent(types.MarkupKind.Markdown, summary(model, i)),
                                 filter_text=i.id, text_edit=types.TextEdit(where, i.id))
            for i in items if i.template is None])

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: HandbookServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        found = ls.checked(params.text_document.uri)
        if found is None:
            return None
        path, project = found
        doc = ls.document(params.text_document.uri)
        lines = doc.lines
        items = project.items_in(path)
        starts = [i.pos()[0] for i in items]
        out = []
        for n, item in enumerate(items):
            line, col = item.pos()
            # to the end of the line before the next item that starts on a later line (or of the file)
            last = min(max(next((s - 1 for s in starts[n + 1:] if s > line), len(lines)), line), len(lines))
            end = ServerTextPosition(last - 1, len(lines[last - 1].rstrip("\r\n")) if last else 0)
            whole = doc.range_to_client_units(ServerTextRange(ServerTextPosition(line - 1, 0), end))
            out.append(types.DocumentSymbol(name=item.title, detail=item.id, kind=types.SymbolKind.Object,
                                            range=whole, selection_range=word_range(doc, line, col)))
        return out

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: HandbookServer, params: types.DidChangeWatchedFilesParams) -> None:
        """Files changed outside the editor (a checkout, another tool, a deletion): check again."""
        changed = [p for c in params.changes if (p := _path(c.uri)) is not None]
        for key in list(ls.projects):
            mine = [p for p in changed if locate_quiet(p) == key]
            if mine:
                ls.recheck(from_fs_path(str(mine[0])) or mine[0].as_uri(), [str(p) for p in mine[1:]])

    return server


def locate_quiet(path: Path) -> tuple[Path, Path | None] | None:
    try:
        return locate(path)
    except ConfigError:
        return None


def _hold(ls: HandbookServer, uri: str) -> None:
    """Keep what the editor shows of ``uri`` for the checks (loader.UNSAVED)."""
    path = _path(uri)
    if path is not None:
        loader.UNSAVED[str(path)] = ls.workspace.get_text_document(uri).source.encode("utf-8")


def _lookup(ls: HandbookServer, uri: str,
            position: types.Position) -> tuple[Project, Model, Item, Ref | None] | None:
    """The item a reference at ``position`` names (with the reference), or whose id is written there,
    in the model the file is read in."""
    found = ls.checked(uri)
    if found is None:
        return None
    path, project = found
    model = project.model_for(path)
    if model is None:
        return None
    doc = ls.document(uri)
    if position.line >= len(doc.lines):
        return None
    line, col = _at(doc.position_from_client_units(position))
    text = doc.lines[line - 1]
    ref = _ref_at(project, path, text, line, col)
    if ref is not None:
        item = model.get(ref.target)
        return (project, model, item, ref) if item is not None else None
    item = _item_at(project, path, text, line, col)
    return (project, model, item, None) if item is not None else None


def serve() -> None:
    """Run the server on stdin and stdout until the client says exit."""
    build_server().start_io()
