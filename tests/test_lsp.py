"""Issue 17.3: ``handbook lsp``, the language server, driven over stdio by a real LSP client
(tests/lsp_client.py) on a copy of the base policy set."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from lsp_client import Session, run_session

from conftest import BASE, ROOT

SERVER = [sys.executable, "-m", "handbook", "lsp"]
ENV = {"HANDBOOK_TODAY": "2026-06-01"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "policies")
    return tmp_path


def where(text: str, line_text: str, word: str) -> types.Position:
    """The 0-based position of ``word`` on the first line that starts (after spaces) with ``line_text``."""
    for n, line in enumerate(text.splitlines()):
        if line.lstrip().startswith(line_text):
            return types.Position(n, line.index(word, len(line) - len(line.lstrip())))
    raise AssertionError(f"no line {line_text!r}")


def test_a_misspelled_reference_is_ref001_at_its_place_with_a_quick_fix(project: Path) -> None:
    standards = project / "policies" / "standards.yaml"
    text = standards.read_text(encoding="utf-8")
    wrong = text.replace("    owner: cs-agent\n", "    owner: cs-agnet\n", 1)
    at = where(wrong, "owner: cs-agnet", "cs-agnet")

    async def body(s: Session) -> None:
        uri = s.open(standards)
        assert await s.diagnostics(uri, lambda d: d == []) == []  # the base set is clean
        s.change(uri, wrong)  # typed, not saved
        [d] = await s.diagnostics(uri, lambda d: len(d) > 0)
        assert d.code == "REF001" and d.source == "handbook" and d.severity == types.DiagnosticSeverity.Error
        assert d.range == types.Range(at, types.Position(at.line, at.character + len("cs-agnet")))
        assert "no role with id 'cs-agnet'; did you mean 'cs-agent'?" in d.message
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), d.range, types.CodeActionContext(diagnostics=[d])))
        assert actions is not None
        [fix] = actions
        assert isinstance(fix, types.CodeAction) and fix.kind == types.CodeActionKind.QuickFix
        assert fix.edit is not None and list(fix.edit.changes[uri]) == [types.TextEdit(d.range, "cs-agent")]
        s.change(uri, text)  # the fix applied
        assert await s.diagnostics(uri, lambda d: d == []) == []
        assert standards.read_text(encoding="utf-8") == text  # nothing written to disk

    run_session(SERVER, body, project, ENV)


def test_a_cross_file_problem_shows_in_the_file_it_is_about(project: Path) -> None:
    """Renaming a post in the organisation file (unsaved) breaks the standards file's references:
    the diagnostics appear there, a file the editor has not opened."""
    org = project / "policies" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    standards_uri = (project / "policies" / "standards.yaml").resolve().as_uri()

    async def body(s: Session) -> None:
        uri = s.open(org)
        s.change(uri, text.replace("  - id: cs-agent\n", "  - id: cs-agent2\n", 1))
        found = await s.diagnostics(standards_uri, lambda d: len(d) > 0)
        assert {d.code for d in found} == {"REF001"}
        assert all("did you mean 'cs-agent2'?" in d.message for d in found)
        s.change(uri, text)
        assert await s.diagnostics(standards_uri, lambda d: d == []) == []

    run_session(SERVER, body, project, ENV)


def test_messages_come_in_the_editors_language(project: Path) -> None:
    standards = project / "policies" / "standards.yaml"
    wrong = standards.read_text(encoding="utf-8").replace("    owner: cs-agent\n", "    owner: cs-agnet\n", 1)

    async def body(s: Session) -> None:
        uri = s.open(standards, wrong)
        [d] = await s.diagnostics(uri, lambda d: len(d) > 0)
        assert d.code == "REF001" and "没有标识为" in d.message, d.message

    run_session(SERVER, body, project, ENV, locale="zh-CN")


def test_hover_and_definition_on_a_reference_reach_the_item_in_another_file(project: Path) -> None:
    standards = project / "policies" / "standards.yaml"
    text = standards.read_text(encoding="utf-8")
    org = (project / "policies" / "organisation.yaml").read_text(encoding="utf-8")

    async def body(s: Session) -> None:
        uri = s.open(standards)
        await s.diagnostics(uri, lambda d: d == [])
        at = where(text, "owner: cs-agent", "cs-agent")
        hover = await s.client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), at))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        shown = hover.contents.value
        assert "**客户服务岗** `cs-agent`" in shown and "客服处" in shown and "受理客户咨询与投诉" in shown, shown
        found = await s.client.text_document_definition_async(types.DefinitionParams(
            types.TextDocumentIdentifier(uri), types.Position(at.line, at.character + 3)))
        assert isinstance(found, types.Location)
        assert found.uri == (project / "policies" / "organisation.yaml").resolve().as_uri()
        assert found.range.start == where(org, "- id: cs-agent", "id")
        # on a word that is no reference: nothing
        title = where(text, "title:", "title")
        assert await s.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), title)) is None

    run_session(SERVER, body, project, ENV)


def test_completion_offers_only_ids_of_the_kind_the_field_expects(project: Path) -> None:
    standards = project / "policies" / "standards.yaml"
    text = standards.read_text(encoding="utf-8")
    editing = text.replace("    owner: cs-agent\n", "    owner: \n", 1)
    at = where(editing, "owner:", "owner")
    roles = {"general-manager", "cs-head", "cs-agent", "inspector"}

    async def body(s: Session) -> None:
        uri = s.open(standards, editing)
        got = await s.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(at.line, at.character + len("owner: "))))
        assert isinstance(got, types.CompletionList)
        labels = {i.label for i in got.items}
        assert roles <= labels and all(i.label not in ("unit-cs", "std-answer", "ev-received") for i in got.items)
        detail = {i.label: i.detail for i in got.items}
        assert detail["cs-agent"] == "客户服务岗"
        # in a list of articles: articles only
        impl = where(text, "implements: [int-reg.a1]", "int-reg.a1")
        got = await s.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), impl))
        assert isinstance(got, types.CompletionList)
        labels = {i.label for i in got.items}
        assert "int-reg.a1" in labels and not labels & roles

    run_session(SERVER, body, project, ENV)


def test_document_symbols_are_the_files_items(project: Path) -> None:
    org = project / "policies" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    ids = [line.split("id:", 1)[1].strip() for line in text.splitlines() if line.lstrip().startswith("- id:")]

    async def body(s: Session) -> None:
        uri = s.open(org)
        found = await s.client.text_document_document_symbol_async(types.DocumentSymbolParams(
            types.TextDocumentIdentifier(uri)))
        assert found is not None
        assert [sym.detail for sym in found if isinstance(sym, types.DocumentSymbol)] == ids
        first = found[0]
        assert isinstance(first, types.DocumentSymbol) and first.name == "总经理室"
        assert first.selection_range.start == where(text, f"- id: {ids[0]}", "id")

    run_session(SERVER, body, project, ENV)


def test_a_misspelled_field_gets_the_schemas_did_you_mean_as_a_quick_fix(project: Path) -> None:
    standards = project / "policies" / "standards.yaml"
    wrong = standards.read_text(encoding="utf-8").replace("    category: follow_up\n", "    categroy: follow_up\n", 1)
    at = where(wrong, "categroy:", "categroy")

    async def body(s: Session) -> None:
        uri = s.open(standards, wrong)
        found = await s.diagnostics(uri, lambda d: len(d) > 0)
        [d] = [d for d in found if "categroy" in d.message]
        assert d.code == "SCH002" and "did you mean 'category'?" in d.message
        assert d.range == types.Range(at, types.Position(at.line, at.character + len("categroy")))
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), d.range, types.CodeActionContext(diagnostics=[d])))
        assert actions is not None and [a.title for a in actions] == ["Change to 'category'"]

    run_session(SERVER, body, project, ENV)


def test_a_file_in_another_encoding_is_reported_and_the_rest_still_published(project: Path) -> None:
    """A review found that one GBK file stopped every diagnostic: the server read it as UTF-8 to
    place the problem, and failed."""
    (project / "policies" / "gbk.yaml").write_bytes("kind: glossary\ntitle: 术语\n".encode("gbk"))
    standards = project / "policies" / "standards.yaml"
    wrong = standards.read_text(encoding="utf-8").replace("    owner: cs-agent\n", "    owner: cs-agnet\n", 1)
    gbk_uri = (project / "policies" / "gbk.yaml").resolve().as_uri()

    async def body(s: Session) -> None:
        uri = s.open(standards, wrong)
        # as handbook check: the file is named, and what it may cause elsewhere is withheld (FIL006)
        found = await s.diagnostics(gbk_uri, lambda d: len(d) > 1)
        assert [(d.code, d.range.start.line) for d in found] == [("ENC001", 1), ("FIL006", 0)]
        assert await s.diagnostics(uri, lambda d: d == []) == []
        assert s.client.messages == []  # no "Error in server"

    run_session(SERVER, body, project, ENV)


def test_only_policy_files_are_checked_wherever_they_sit(project: Path) -> None:
    """The editor starts the server for every YAML file: a review found mkdocs.yml checked as a
    policy folder of its own, and a policy file in a subfolder checked without the rest."""
    (project / "mkdocs.yml").write_text("site_name: 手册\n", encoding="utf-8")
    service = project / "policies" / "service"
    service.mkdir()
    (project / "policies" / "standards.yaml").rename(service / "standards.yaml")
    other = project / "policies" / "organisation.yaml"

    async def body(s: Session) -> None:
        mkdocs = s.open(project / "mkdocs.yml")
        uri = s.open(service / "standards.yaml")
        assert await s.diagnostics(uri, lambda d: d == []) == []
        # a broken reference from the subfolder's file is found against the whole folder
        s.change(s.open(other), other.read_text(encoding="utf-8").replace("  - id: cs-agent\n", "  - id: cs-x\n", 1))
        found = await s.diagnostics(uri, lambda d: len(d) > 0)
        assert {d.code for d in found} == {"REF001"}
        assert mkdocs not in s.client.diagnostics

    run_session(SERVER, body, project, ENV)


def test_problems_go_to_the_project_files_whatever_the_servers_working_folder(project: Path, tmp_path: Path) -> None:
    """A review started the server in another checkout holding the same relative paths: the
    problems were published to that checkout's files."""
    decoy = tmp_path / "decoy"
    shutil.copytree(project / "policies", decoy / "policies")
    standards = project / "policies" / "standards.yaml"
    wrong = standards.read_text(encoding="utf-8").replace("    owner: cs-agent\n", "    owner: cs-agnet\n", 1)

    async def body(s: Session) -> None:
        uri = s.open(standards, wrong)
        [d] = await s.diagnostics(uri, lambda d: len(d) > 0)
        assert d.code == "REF001"
        assert not any(u.startswith(decoy.resolve().as_uri()) for u in s.client.diagnostics)

    run_session(SERVER, body, decoy, ENV, root=project)


def test_completion_waits_for_the_space_and_replaces_what_is_typed(project: Path) -> None:
    standards = project / "policies" / "standards.yaml"
    text = standards.read_text(encoding="utf-8")

    async def body(s: Session) -> None:
        uri = s.open(standards, text.replace("    owner: cs-agent\n", "    owner:\n", 1))
        at = where(s_text := text.replace("    owner: cs-agent\n", "    owner:\n", 1), "owner:", "owner")
        assert s_text
        got = await s.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(at.line, at.character + len("owner:"))))
        assert got is None  # Enter after "owner:" starts a block; it must not pick an id
        typed = text.replace("    owner: cs-agent\n", "    owner: cs-a\n", 1)
        s.change(uri, typed)
        at = where(typed, "owner: cs-a", "cs-a")
        got = await s.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(at.line, at.character + 4)))
        assert isinstance(got, types.CompletionList)
        [agent] = [i for i in got.items if i.label == "cs-agent"]
        assert agent.text_edit == types.TextEdit(types.Range(at, types.Position(at.line, at.character + 4)),
                                                 "cs-agent")
        comment = typed.replace("    owner: cs-a\n", "    owner: cs-agent  # 负责: \n", 1)
        s.change(uri, comment)
        at = where(comment, "owner: cs-agent  #", "负责")
        assert await s.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(at.line, at.character + 4))) is None

    run_session(SERVER, body, project, ENV)


def test_a_symbols_range_holds_its_whole_item(project: Path) -> None:
    org = project / "policies" / "organisation.yaml"
    text = org.read_text(encoding="utf-8").replace(
        "roles:\n", "roles:\n  - {id: one-line, name: 一行岗位, unit: unit-cs, duties: [x]}\n", 1)
    lines = text.splitlines()

    async def body(s: Session) -> None:
        uri = s.open(org, text)
        found = await s.client.text_document_document_symbol_async(types.DocumentSymbolParams(
            types.TextDocumentIdentifier(uri)))
        assert found is not None
        for sym in found:
            assert isinstance(sym, types.DocumentSymbol)
            r, sel = sym.range, sym.selection_range
            assert (r.start.line, r.start.character) <= (sel.start.line, sel.start.character)
            assert (sel.end.line, sel.end.character) <= (r.end.line, r.end.character), sym.detail
        one = next(sym for sym in found if isinstance(sym, types.DocumentSymbol) and sym.detail == "one-line")
        assert one.range.end == types.Position(one.range.start.line, len(lines[one.range.start.line]))

    run_session(SERVER, body, project, ENV)


def test_a_new_file_not_yet_saved_is_checked_with_the_set(project: Path) -> None:
    """An editor opens policies/new.yaml before it is written to disk (Neovim's :e): a review found
    it was never checked."""
    new = project / "policies" / "new-standards.yaml"
    text = ("kind: standards\ntitle: 新标准\nversion: \"1\"\neffective_date: \"2026-01-01\"\n"
            "review_by: \"2099-12-31\"\nowner: cs-head\nstandards:\n  - id: std-new\n    title: 新标准\n"
            "    category: follow_up\n    requirement: 新的要求。\n    target: {type: deadline, deadline: "
            "{amount: 1, unit: working_days, from: ev-received}}\n    owner: cs-agnet\n")

    async def body(s: Session) -> None:
        uri = s.open(new, text)
        found = await s.diagnostics(uri, lambda d: any(x.code == "REF001" for x in d))
        assert any("did you mean 'cs-agent'?" in d.message for d in found), [d.message for d in found]
        assert not new.exists()

    run_session(SERVER, body, project, ENV)


def test_a_branch_offices_file_is_read_in_the_branchs_own_set(tmp_path: Path) -> None:
    """A review found hover, definition and symbols empty in a branch office's file: its references
    are the branch's set's, not the head office's."""
    for name in ("policies", "branches"):
        shutil.copytree(ROOT / name, tmp_path / name)
    zj = tmp_path / "branches" / "unit-branch-zj" / "standards.yaml"
    text = zj.read_text(encoding="utf-8")
    at = where(text, "from: ev-followup-problem-found", "ev-followup")

    async def body(s: Session) -> None:
        uri = s.open(zj)
        await s.diagnostics(uri, lambda d: True)
        hover = await s.client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), at))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "`ev-followup-problem-found`" in hover.contents.value
        found = await s.client.text_document_definition_async(types.DefinitionParams(
            types.TextDocumentIdentifier(uri), at))
        assert isinstance(found, types.Location) and found.uri.endswith("/policies/events.yaml")
        symbols = await s.client.text_document_document_symbol_async(types.DocumentSymbolParams(
            types.TextDocumentIdentifier(uri)))
        assert symbols and {sym.detail for sym in symbols if isinstance(sym, types.DocumentSymbol)} >= {
            "std-followup-answer-5wd", "std-claims-8h"}

    run_session(SERVER, body, tmp_path, {"HANDBOOK_TODAY": "2026-11-29"})
