"""Every schema accepts the shipped and base policies and rejects bad documents at the right place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from handbook.engine import run
from handbook.loader import load_file
from handbook.resources import schemas_dir, shipped_policies
from handbook.validation import BASE_URL, MARKS, REF_ANNOTATIONS, SchemaSet, read_schema

from conftest import BASE

SCHEMAS = SchemaSet(schemas_dir())


@pytest.mark.parametrize("schema_file", sorted(schemas_dir().glob("*.schema.json")), ids=lambda p: p.name)
def test_schemas_are_valid_2020_12_with_bilingual_docs(schema_file: Path) -> None:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # no "$id": editors and check-jsonschema resolve "common.schema.json" beside the file they
    # opened (yaml-language-server 1.20-1.24 took an "$id" for where to fetch it from, and could
    # not); the tool registers each file under its own URL
    assert "$id" not in schema
    assert read_schema(schema_file)["$id"] == f"{BASE_URL}{schema_file.name}"
    # every property has a description an editor can show, in Chinese and English
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "description" in sub or "$ref" in sub, f"{schema_file.name}: {where}.{name} has no description"
                d = sub.get("description", "")
                if d:
                    assert any("\u4e00" <= c <= "\u9fff" for c in d) and any(c.isascii() and c.isalpha() for c in d), \
                        f"{where}.{name}: description should be Chinese and English"
            for v in node.values():
                walk(v, where)
        elif isinstance(node, list):
            for v in node:
                walk(v, where)
    walk(schema, schema_file.name)


def _nodes(node: object, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every mapping of a schema document, with its JSON pointer."""
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        out.append((where, node))
        for k, v in node.items():
            out += _nodes(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _nodes(v, f"{where}/{i}")
    return out


SCHEMA_FILES = sorted(schemas_dir().glob("*.schema.json"))


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda p: p.name)
def test_nothing_but_annotations_stands_beside_a_ref(schema_file: Path) -> None:
    """yaml-language-server (1.20 on) turns a "$ref" with any other keyword beside it into an
    "allOf": hover then shows the referred definition's words (the generic id's for owner, breach,
    from) and completion inserts the key without ": ". So beside a "$ref" stand only annotations
    it knows, and our marks sit in "$defs": {"x-marks": {...}}."""
    found = []
    for where, node in _nodes(json.loads(schema_file.read_text(encoding="utf-8"))):
        if "$ref" in node:
            if not set(node) <= REF_ANNOTATIONS:
                found.append(f"{where}: {sorted(set(node) - REF_ANNOTATIONS)} beside $ref")
            if "$defs" in node and (set(node["$defs"]) != {MARKS} or not node["$defs"][MARKS]
                                    or not all(k.startswith("x-") for k in node["$defs"][MARKS])):
                found.append(f"{where}: $defs beside $ref holds anything but {MARKS}")
        elif MARKS in node.get("$defs", {}):
            found.append(f"{where}: {MARKS} without a $ref (write the marks on the node itself)")
    assert found == []


def test_the_tool_reads_the_marks_beside_their_ref() -> None:
    standards = read_schema(schemas_dir() / "standards.schema.json")
    item = standards["properties"]["standards"]["items"]["properties"]
    assert {k: v for k, v in item["id"].items() if k != "description"} == {
        "$ref": "common.schema.json#/$defs/id", "x-id": "standard", "x-kind-label": "服务标准"}
    assert "$defs" not in item["category"] and item["category"]["x-labels"]["hotline"] == "电话服务"
    common = read_schema(schemas_dir() / "common.schema.json")["$defs"]
    assert (common["roleRef"]["x-ref"], common["roleRef"]["x-change"]) == ("role", "role")
    for f in SCHEMA_FILES:  # every mark of every file, and nothing of the marks' shelf left
        marks = [(w.replace(f"/$defs/{MARKS}", ""), k) for w, n in _nodes(json.loads(f.read_text(encoding="utf-8")))
                 for k in n if k.startswith("x-") and k != MARKS]
        read = [(w, k) for w, n in _nodes(read_schema(f)) for k in n if k.startswith("x-")]
        assert sorted(read) == sorted(marks), f.name
        assert not [w for w, n in _nodes(read_schema(f)) if MARKS in n.get("$defs", {})]
    assert ("standards", ("standards", "*", "id")) in {(k, path) for k in SCHEMAS.kinds
                                                        for path, kind in SCHEMAS.refmodel(k).ids if kind == "standard"}


def _merged(docs: dict[str, dict[str, Any]], doc: str, node: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A node as yaml-language-server sees it: a "$ref" merged in, keeping the node's own keys."""
    node = dict(node)
    while "$ref" in node:
        uri, _, pointer = node.pop("$ref").partition("#")
        doc = uri or doc
        target: Any = docs[doc]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        node = {**target, **node}
    return doc, node


def test_every_field_gives_editors_its_type() -> None:
    """yaml-language-server completes a field name with ": " only when the field's schema (its
    "$ref"s merged) gives a type, a fixed value or examples; else it inserts the bare name, and the
    whole-item snippet it builds from the required fields is broken YAML."""
    docs = {f.name: json.loads(f.read_text(encoding="utf-8")) for f in SCHEMA_FILES}
    typeless = []

    def walk(doc: str, node: Any, path: str, declared: frozenset[str], depth: int = 0) -> None:
        if not isinstance(node, dict) or depth > 40:
            return
        doc, node = _merged(docs, doc, node)
        names = declared | frozenset(node.get("properties", {}))
        for name, sub in node.get("properties", {}).items():
            _doc, field = _merged(docs, doc, sub)
            # a condition's partial schema ("then": {"properties": {"amount": {"maximum": ...}}})
            # narrows a field the object declares: no field of its own
            if not any(k in field for k in ("type", "enum", "const", "examples")) and name not in declared:
                typeless.append(f"{path}.{name}")
            walk(doc, sub, f"{path}.{name}", frozenset())
        if isinstance(node.get("items"), dict):
            walk(doc, node["items"], f"{path}.*", frozenset())
        if isinstance(node.get("additionalProperties"), dict):
            walk(doc, node["additionalProperties"], f"{path}.<key>", frozenset())
        for key in ("oneOf", "anyOf"):
            for sub in node.get(key, []):
                walk(doc, sub, path, frozenset(), depth + 1)
        for key in ("allOf", "then", "else"):
            for sub in node.get(key, []) if key == "allOf" else [node.get(key)]:
                walk(doc, sub, path, names, depth + 1)

    for name in docs:
        if name != "common.schema.json":
            walk(name, docs[name], name.split(".")[0], frozenset())
    assert typeless == []


def test_a_value_of_the_wrong_type_for_a_field_with_forms_is_one_problem(policy_set: Path) -> None:
    """target gives "type": "object" beside its forms, for editors: a value that is no mapping
    breaks both, and is reported once, as before, by the form that came closest."""
    f = policy_set / "standards.yaml"
    text = f.read_text(encoding="utf-8")
    old = "    target:\n      type: deadline\n      deadline: {amount: 5, unit: working_days, from: ev-received}\n"
    assert old in text
    f.write_text(text.replace(old, "    target: 5\n    replaces: 7\n"), encoding="utf-8")
    found = [(p.line, p.column, p.code, p.message) for p in run(policy_set).problems if p.code.startswith("SCH")]
    assert found == [
        (12, 13, "SCH003", "standards.0.target: expected object (映射), got 5 — Done within a period."),
        (13, 15, "SCH003", "standards.0.replaces: expected string (文本), got 7 — Identifier: lower-case letters and "
                           "digits separated by '-' or '.', starting with a letter; unique across all files and stable "
                           "over time."),
    ]


def test_every_kind_has_a_shipped_file() -> None:
    kinds = {f.kind for f in run(shipped_policies()).model.files}  # type: ignore[union-attr]
    assert kinds == set(SCHEMAS.kinds)


@pytest.mark.parametrize("folder", [BASE, shipped_policies()], ids=["base", "shipped"])
def test_policy_sets_validate(folder: Path) -> None:
    for f in sorted(folder.glob("*.yaml")):
        loaded = load_file(f, f.name)
        assert loaded.problems == []
        kind, problem = SCHEMAS.classify(loaded)
        assert problem is None and kind is not None
        assert SCHEMAS.validate(kind, loaded) == [], f.name


# (file, text to replace, replacement, code, line, column, words in the message)
BAD = [
    ("organisation.yaml", "    headcount: 3\n", "    headcount: -1\n", "SCH004", 34, 16, "headcount"),
    ("organisation.yaml", "    type: division\n", "    type: office\n", "ORG002", 14, 11, "neither a common unit type"),
    ("organisation.yaml", "head: general-manager\n", "", "SCH001", 1, 1, "missing required field 'head'"),
    ("standards.yaml", "    category: follow_up\n", "    category: follow_up\n    cateogry: x\n", "SCH002", 11, 5,
     "did you mean 'category'"),
    ("standards.yaml", "amount: 5,", "amount: '5',", "SCH003", 14, 26, "expected integer"),
    ("standards.yaml", "unit: working_days", "unit: days", "SCH004", 14, 35, "working_days"),
    ("complaints.yaml", "    published: true\n", "    published: 'true'\n", "SCH003", 16, 16, "expected boolean"),
    ("complaints.yaml", "    contact: {phone: \"95500\"}\n", "    contact: {}\n", "SCH005", 15, 5, "Contact data"),
    ("followups.yaml", "    fallback: 改用信函回访\n", "", "FUP001", 22, 5, "has no fallback"),
    ("penalties.yaml", "    rank: 1\n", "    rank: 0\n", "SCH004", 11, 11, "rank"),
    ("regulations.yaml", "    type: regulation\n", "    type: rule\n", "SCH004", 10, 11, "law, regulation, internal"),
    ("regulations.yaml", '    effective_date: "2020-03-01"\n', '    effective_date: "2020-13-01"\n', "SCH004", 12, 21,
     "is not a valid date"),
    ("glossary.yaml", "    term: 回访\n", "    term: \"\"\n", "SCH004", 9, 11, "non-empty"),
    ("glossary.yaml", "kind: glossary\n", "kind: glossary\nextra: 1\n", "SCH002", 2, 1, "unknown field 'extra'"),
]


@pytest.mark.parametrize(("file", "old", "new", "code", "line", "col", "words"), BAD,
                         ids=[f"{b[0]}-{b[3]}-{b[4]}" for b in BAD])
def test_bad_documents_are_located(policy_set: Path, file: str, old: str, new: str, code: str, line: int, col: int,
                                   words: str) -> None:
    f = policy_set / file
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run(policy_set)
    found = [(p.path, p.line, p.column, p.code) for p in result.problems]
    assert (file, line, col, code) in found, found
    [p] = [p for p in result.problems if (p.path, p.line, p.code) == (file, line, code)]
    assert words in p.message


CALENDAR = ('kind: calendar\nid: cal\ntitle: 日历\nversion: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\n'
            'owner: cs-head\nbusiness_hours: {start: "08:30", end: "17:30"}\n')
WAIVERS = ('kind: waivers\ntitle: 豁免\nversion: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\n'
           'owner: cs-head\nwaivers:\n  - id: wv-a\n    check: OWN002\n    item: cs-agent\n    approved_by: general-manager\n'
           '    reason: 理由\n    granted: "2026-01-01"\n    until: "2026-12-31"\n')


@pytest.mark.parametrize(("name", "text", "code", "line", "col", "words"), [
    ("calendar.yaml", CALENDAR.replace('start: "08:30"', 'start: "8.30"'), "SCH004", 8, 25, "HH:MM"),
    ("calendar.yaml", CALENDAR + 'years:\n  "27":\n    holidays: []\n    makeup_workdays: []\n    source: x\n',
     "SCH004", 10, 3, "'27' is not in the required form"),
    ("waivers.yaml", WAIVERS.replace("check: OWN002", "check: own2"), "SCH004", 9, 12, "check code"),
    ("waivers.yaml", WAIVERS.replace('    until: "2026-12-31"\n', ""), "SCH001", 8, 5, "missing required field 'until'"),
])
def test_calendar_and_waiver_documents_are_located(policy_set: Path, name: str, text: str, code: str, line: int,
                                                    col: int, words: str) -> None:
    (policy_set / name).write_text(text, encoding="utf-8")
    result = run(policy_set)
    hits = [p for p in result.problems if (p.path, p.line, p.column, p.code) == (name, line, col, code)]
    assert hits, [(p.path, p.line, p.column, p.code, p.message) for p in result.problems]
    assert words in hits[0].message
