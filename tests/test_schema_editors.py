"""Issue 17: the schema files as editors and other tools read them from disk.

Compliance officers edit the policies in VS Code with the YAML extension, whose
yaml-language-server loads the schema each file names in its first line
(``# yaml-language-server: $schema=../schemas/<kind>.schema.json``). Here real releases of that
server (installed from npm on first use, tests/yamlls.py) are driven over the language server
protocol: every shipped file validates without a diagnostic, hover shows each field's own
description, and completing a field name inserts ``key: ``. check-jsonschema validates a policy
file against the schema files with no flag and no network.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from lsprotocol import types

from handbook.resources import schemas_dir
from handbook.validation import SchemaSet
from yamlls import RELEASES, YamlLanguageServer, inserted, plain

from conftest import ROOT, run_cli

SCHEMAS = SchemaSet(schemas_dir())
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)
STANDARDS = ROOT / "policies" / "standards.yaml"


def with_modelines() -> list[Path]:
    """The shipped policy files that name their schema for editors."""
    files = [*sorted((ROOT / "policies").glob("*.yaml")), *sorted((ROOT / "branches").glob("*/*.yaml")),
             *sorted((ROOT / "examples").glob("*/policies/*.yaml"))]
    return [f for f in files if MODELINE.search(f.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module", params=RELEASES, ids=[f"yls-{v}" for v in RELEASES])
def server(request: pytest.FixtureRequest) -> Iterator[YamlLanguageServer]:
    ls = YamlLanguageServer(request.param, ROOT)
    try:
        yield ls
    finally:
        ls.close()


def first_standard() -> tuple[list[str], int, int]:
    """standards.yaml's lines, and where its first item starts and ends (0-based, end exclusive)."""
    lines = STANDARDS.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("  - id:"))
    end = next(n for n, line in enumerate(lines) if n > start and line.startswith("  - "))
    return lines, start, end


def own_description(kind: str, path: str) -> str:
    """The description the tool quotes for a field: its own, before any its definition gives."""
    return next(s["description"] for s in SCHEMAS.fields(kind)[path] if s.get("description"))


def test_every_shipped_file_names_its_schema() -> None:
    files = with_modelines()
    assert set(files) >= set((ROOT / "policies").glob("*.yaml"))
    assert any("examples" in f.parts for f in files)
    for f in files:
        match = MODELINE.search(f.read_text(encoding="utf-8"))
        assert match is not None and (f.parent / match.group(1)).resolve().is_file(), f


def test_every_shipped_file_has_no_diagnostic(server: YamlLanguageServer) -> None:
    found = server.diagnostics_of(dict.fromkeys(with_modelines()))
    assert len(found) >= 20
    assert {str(f.relative_to(ROOT)): [(d.range.start.line + 1, d.message) for d in diagnostics]
            for f, diagnostics in found.items() if diagnostics} == {}


@pytest.fixture(scope="module")
def new_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("init") / "company"
    done = run_cli("init", str(project))
    assert done.returncode == 0, done.stdout + done.stderr
    return project


@pytest.mark.parametrize("version", RELEASES)
def test_a_new_projects_files_have_no_diagnostic(version: str, new_project: Path) -> None:
    """``handbook init`` names the installed schemas in .vscode/settings.json (yaml.schemas), with no
    copy and no modeline: the server, given those settings as VS Code gives them, validates."""
    files = sorted((new_project / "policies").glob("*.yaml"))
    assert len(files) >= 9
    settings = json.loads((new_project / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    server = YamlLanguageServer(version, new_project, settings)
    try:
        found = server.diagnostics_of(dict.fromkeys(files))
        assert {f.name: [d.message for d in diagnostics] for f, diagnostics in found.items()} == \
            {f.name: [] for f in files}
        # and they are validated: a misspelled key is found
        standards = new_project / "policies" / "standards.yaml"
        text = standards.read_text(encoding="utf-8").replace("    category:", "    cateogry:", 1)
        assert any("cateogry" in d.message for d in server.diagnostics(standards, text))
    finally:
        server.close()


def test_a_misspelled_key_is_a_diagnostic_at_its_line(server: YamlLanguageServer) -> None:
    lines, start, _end = first_standard()
    at = next(n for n in range(start, len(lines)) if lines[n].startswith("    category:"))
    lines[at] = lines[at].replace("category:", "cateogry:")
    # an unsaved buffer beside the policies (the modeline is relative to it): never written to disk
    found = server.diagnostics(ROOT / "policies" / "unsaved-misspelled.yaml", "\n".join(lines) + "\n")
    assert [(d.range.start.line, d.range.start.character) for d in found if "cateogry" in d.message] == [(at, 4)], \
        [(d.range.start.line, d.message) for d in found]


def test_hover_on_owner_shows_the_fields_own_description(server: YamlLanguageServer) -> None:
    lines, start, end = first_standard()
    server.diagnostics(STANDARDS)
    at = next(n for n in range(start, end) if lines[n].startswith("    owner:"))
    shown = plain(server.hover(STANDARDS, at, 6))
    assert own_description("standards", "standards.*.owner") in shown  # 唯一负责岗位。The one accountable role.
    assert "标识符" not in shown and "岗位（角色）标识" not in shown  # neither the id's words nor a role ref's


def keys(node: yaml.Node, path: tuple[str, ...] = ()) -> Iterator[tuple[str, int, int]]:
    """Every key of a composed document: its field path ("*" for list items), 0-based line and column."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield ".".join((*path, key.value)), key.start_mark.line, key.start_mark.column
            yield from keys(value, (*path, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            yield from keys(value, (*path, "*"))


def test_hover_on_every_field_shows_its_own_words(server: YamlLanguageServer) -> None:
    """Each field of each shipped file, once: the hover gives the field's own description (owner,
    breach, id, from: never the generic id's), or, for a field written in one of several forms
    (a target, a single event or a list of them), that form's words."""
    wrong = []
    hovered = 0
    files = sorted((ROOT / "policies").glob("*.yaml"))
    server.diagnostics_of(dict.fromkeys(files))  # open
    for f in files:
        kind = f.stem
        fields = SCHEMAS.fields(kind)
        seen = set()
        for path, line, column in keys(yaml.compose(f.read_text(encoding="utf-8"))):
            subs = fields.get(path)
            if path in seen or not subs or not any(s.get("description") for s in subs):
                continue  # a calendar's years are free keys
            seen.add(path)
            shown = plain(server.hover(f, line, column + 1))
            hovered += 1
            parts = path.split(".")
            if any("oneOf" in s for n in range(1, len(parts) + 1) for s in fields.get(".".join(parts[:n]), [])):
                words = [s["description"] for s in subs if s.get("description")]  # its forms' too
            else:
                words = [own_description(kind, path)]
            if not any(plain(w) in shown for w in words):
                wrong.append((f.name, line + 1, path, shown.split("\n\n")[1:2]))
    assert hovered > 250
    assert wrong == []


def test_completion_in_a_standard_inserts_key_and_colon(server: YamlLanguageServer) -> None:
    lines, start, end = first_standard()
    at = next(n for n in range(start, end) if lines[n].startswith("    owner:"))
    lines[at] = "    "
    buffer = ROOT / "policies" / "unsaved-completion.yaml"
    server.diagnostics(buffer, "\n".join(lines) + "\n")
    offered = server.completion(buffer, at, 4)
    owner = [item for item in offered if item.label == "owner"]
    assert len(owner) == 1 and inserted(owner[0]).startswith("owner: ")
    assert own_description("standards", "standards.*.owner") in str(owner[0].documentation)
    # every field offered, and the whole-item snippets, write each key with its colon
    for item in offered:
        for text_line in inserted(item).splitlines():
            written = text_line.strip()
            if written and not written.startswith(("-", "$")):
                assert re.match(r"^[a-z_]+:( |$)", written), (item.label, inserted(item))
    assert {item.label for item in offered if item.kind == types.CompletionItemKind.Property} >= {
        "owner", "target", "replaces", "effective_from"}


# -- check-jsonschema ---------------------------------------------------------------------------

def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema as anyone would call it, with every download bound to fail (a proxy that is
    not there): the schema files must be enough."""
    pytest.importorskip("check_jsonschema")
    env = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": ""}
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("kind", ["standards", "complaints"])
def test_check_jsonschema_validates_a_shipped_file_without_flags(kind: str) -> None:
    done = check_jsonschema(ROOT / "schemas" / f"{kind}.schema.json", ROOT / "policies" / f"{kind}.yaml")
    assert (done.returncode, done.stdout.strip()) == (0, "ok -- validation done"), done.stdout + done.stderr


def test_check_jsonschema_reports_an_invalid_file(tmp_path: Path) -> None:
    bad = tmp_path / "standards.yaml"
    bad.write_text(STANDARDS.read_text(encoding="utf-8").replace("    category:", "    cateogry:", 1),
                   encoding="utf-8")
    done = check_jsonschema(ROOT / "schemas" / "standards.schema.json", bad)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{bad}::$.standards[0]: Additional properties are not allowed ('cateogry' was unexpected)" in done.stdout
