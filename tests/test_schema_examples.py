"""Every example the schemas give (JSON Schema ``examples``) is valid against the schema it sits in,
so the documentation an editor shows on hover never teaches a mistake."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

from handbook.resources import schemas_dir
from handbook.validation import read_schema

DOCS = {p.name: read_schema(p) for p in sorted(Path(schemas_dir()).glob("*.schema.json"))}
REGISTRY = Registry().with_resources([(d["$id"], Resource.from_contents(d)) for d in DOCS.values()])


def _examples() -> Iterator[tuple[str, str, Any]]:
    def walk(node: Any, doc: dict[str, Any], ptr: str) -> Iterator[tuple[str, str, Any]]:
        if isinstance(node, dict):
            if isinstance(node.get("examples"), list) and ptr:
                for ex in node["examples"]:
                    yield doc["$id"], ptr, ex
            for k, v in node.items():
                yield from walk(v, doc, f"{ptr}/{k.replace('~', '~0').replace('/', '~1')}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, doc, f"{ptr}/{i}")

    for doc in DOCS.values():
        yield from walk(doc, doc, "")


EXAMPLES = list(_examples())


def test_the_new_constructs_have_examples() -> None:
    where = {ptr for _id, ptr, _ex in EXAMPLES}
    for ptr in ("/properties/clock/items", "/properties/conditions/items", "/$defs/serviceHours", "/$defs/deadline",
                "/properties/floors/items", "/properties/thresholds/items", "/properties/methods/items"):
        assert ptr in where, ptr
    assert len(EXAMPLES) >= 40


@pytest.mark.parametrize(("schema_id", "pointer", "example"), EXAMPLES,
                         ids=[f"{i.rsplit('/', 1)[-1]}{p}" for i, p, _e in EXAMPLES])
def test_example_is_valid(schema_id: str, pointer: str, example: Any) -> None:
    validator = jsonschema.Draft202012Validator({"$ref": f"{schema_id}#{pointer}"}, registry=REGISTRY)
    assert [e.message for e in validator.iter_errors(example)] == []


def test_a_broken_example_would_be_caught() -> None:
    validator = jsonschema.Draft202012Validator(
        {"$ref": "https://policy-handbook.invalid/schemas/common.schema.json#/$defs/deadline"}, registry=REGISTRY)
    assert list(validator.iter_errors({"amount": 15, "unit": "calendar_days", "from": "ev-x", "roll": "sometimes"}))
