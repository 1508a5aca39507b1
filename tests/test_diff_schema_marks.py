"""The schemas' ``x-change`` marks: every mark names a direction type, and no field whose values
carry a direction (numbers, booleans, codes from a list, references, dates, lists) is judged
neutral by accident, for want of a mark on itself or on a parent within its item.

Fields judged neutral on purpose carry ``"x-change": "neutral"`` in the schema; the ones whose
reason is not obvious:

- a file's ``effective_date`` and ``review_by``: they date the edition, and every edition moves
  them; when a change takes effect is reported per change (``effective``, ``upcoming``), and an
  item's own ``effective_from`` is ``later-laxer``;
- ``implements``, ``cites``, ``superseded_by``, ``conflicts_with``, ``confidence``, ``origin``,
  ``type`` of a source, ``see``: where a rule comes from and how sure the editors are, not what
  it asks of staff (a removed ``implements`` fails TRC checks, which the diff repeats);
- ``reports_to``, ``unit``, ``parent``, ``per_unit``, ``leading_group``, ``head``: the shape of
  the organisation; a duty that moves between posts is judged by ``role`` on the duty itself;
- ``starts``/``produces`` of a stage, ``fallback`` and ``last_resort`` of a method, ``channel``
  of a method: the order of the process, whose deadlines are compared on their own;
- service ``hours`` of a channel or unit: described for customers; the working-day calendar,
  which deadlines count on, is the calendar file's (``business_hours`` is ``unclear``);
- ``sample`` of the organisation, the open codes (``category``, ``type``, ``line``, ``per``):
  labels.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from handbook.diff.compare import FieldTypes
from handbook.diff.directions import TYPES
from handbook.validation import package_schemas
from schemanodes import nodes_with

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
# The defs whose values are plain text: wording, never a direction.
TEXT_DEFS = ("/$defs/text", "/$defs/title", "/$defs/description", "/$defs/markdown", "/$defs/contactText",
             "/$defs/emailAddress", "/$defs/webAddress", "/$defs/notAdoptedReason", "/$defs/version")


def test_every_mark_names_a_type() -> None:
    found = [(f"{path.name}#{where}", mark) for path in sorted(SCHEMAS.glob("*.json"))
             for where, node in nodes_with(json.loads(path.read_text(encoding="utf-8")), "x-change")
             for mark in [node["x-change"]]]
    assert len(found) > 50  # the walk reached the marks
    assert [(where, mark) for where, mark in found if mark not in TYPES] == []


def test_ranked_fields_give_their_order() -> None:
    types = FieldTypes(package_schemas())
    for kind in types.schemas.kinds:
        for path in types.of(kind):
            ftype, words, own = types.at(kind, path)
            if ftype is TYPES["ranked"] and own:
                assert len(words.get("x-rank", ())) >= 2, f"{kind}: {path} is ranked but names no x-rank order"


def _plain_text(subs: list[dict[str, Any]]) -> bool:
    """Whether a field's values are free text (or an object, whose own fields are judged)."""
    if any(s.get("type") == "object" or "properties" in s for s in subs):
        return True  # an object: its fields are walked one by one
    for s in subs:
        if any(k in s for k in ("enum", "const", "x-ref", "format")):
            return False
        if s.get("type") not in (None, "string"):
            return False
        if "$ref" in s and not s["$ref"].endswith(TEXT_DEFS) and not s["$ref"].endswith(("/$defs/id", "/$defs/code")):
            return False
    return True


def _marked(types: FieldTypes, kind: str, path: str) -> bool:
    """Whether the field or an enclosing field within its item carries a mark (the walk of
    ``FieldTypes.at``: the list that holds an item marks adding and removing it, not its fields)."""
    table = types.of(kind)
    items = set(types.item_paths(kind).values())
    parts = path.split(".")
    if table[path][0] is not None:
        return True
    crossed = False
    while parts:
        if parts.pop() == "*" and ".".join([*parts, "*"]) in items:
            crossed = True
        mark = table.get(".".join(parts), (None, {}))[0]
        if mark is not None:
            return not (crossed and TYPES[mark].entries)
    return False


def _unmarked() -> list[str]:
    schemas = package_schemas()
    types = FieldTypes(schemas)
    return [f"{kind}: {path}" for kind in schemas.kinds for path, subs in schemas.fields(kind).items()
            if path != "kind" and path.split(".")[-1] != "id" and not _plain_text(subs)
            and not _marked(types, kind, path)]


def test_every_field_with_a_direction_is_marked() -> None:
    assert _unmarked() == []


@pytest.mark.parametrize(("kind", "path", "expected"), [
    # a field of an item is not judged by the type of the list that holds the item
    ("complaints", "stages.*.name", "neutral"),
    ("standards", "standards.*.target.metric", "neutral"),
    # a mapping with free keys: the data's key stands for <key>
    ("calendar", "years.2027.holidays", "reliefs"),
    ("calendar", "years.2027.makeup_workdays", "duties"),
    # a deadline's parts take the deadline's type
    ("complaints", "stages.*.deadline.amount", "period"),
])
def test_field_types(kind: str, path: str, expected: str) -> None:
    assert FieldTypes(package_schemas()).at(kind, path)[0].name == expected
