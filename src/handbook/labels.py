"""Display labels of coded values, from the schemas' ``x-labels``.

A field whose values are codes (``type: hotline``, ``outcome: reject``) carries its
Chinese labels beside its enum in the schema (``"x-labels": {"hotline": "电话热线"}``);
an object whose keys are codes (a channel's ``contact``) carries them beside its
properties. The manual shows these labels; no label table is kept in Python.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from .validation import Path_, SchemaSet


class Labels:
    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self._found: dict[tuple[str, str, str], dict[str, str]] = {}  # (item kind, field, mark) -> mapping

    @cached_property
    def _item_paths(self) -> dict[str, tuple[str, Path_]]:
        """Item kind -> (file kind, path of the item's mapping), from the schemas' x-id marks."""
        out: dict[str, tuple[str, Path_]] = {}
        for file_kind in self.schemas.kinds:
            for path, item_kind in self.schemas.refmodel(file_kind).ids:
                out.setdefault(item_kind, (file_kind, path[:-1]))
        return out

    def label(self, item_kind: str, field: str, value: Any) -> str:
        """The label of a value, or the value itself when it has none (a yes/no field's labels are
        keyed "true" and "false", as JSON writes them)."""
        key = ("true" if value else "false") if isinstance(value, bool) else str(value)
        return self.of(item_kind, field).get(key, "" if value is None else key)

    def kind_label(self, item_kind: str) -> str:
        """What an item kind is called (``x-kind-label`` beside its ``x-id``), else the kind's code."""
        where = self._item_paths.get(item_kind)
        if where is not None:
            file_kind, path = where
            schema = self.schemas.kinds[file_kind]
            for _base, sub in self._at(schema, schema, (*path, "id")):
                if isinstance(sub.get("x-kind-label"), str):
                    return str(sub["x-kind-label"])
        return item_kind

    def of(self, item_kind: str, field: str) -> dict[str, str]:
        """The labels of one field of one kind of item (empty when the schema gives none)."""
        return self.mark(item_kind, field, "x-labels")

    def mark(self, item_kind: str, field: str, mark: str) -> dict[str, str]:
        """A code -> text mapping the schema keeps beside one field of one kind of item
        (``x-labels``; a channel type's ``x-contact``), empty when it gives none. ``field``
        may go deeper, dotted: ``"target.per"``, ``"retry.spacing.unit"``."""
        cache = self._found
        key = (item_kind, field, mark)
        if key not in cache:
            cache[key] = {}
            where = self._item_paths.get(item_kind)
            if where is not None:
                file_kind, path = where
                schema = self.schemas.kinds[file_kind]
                for _base, sub in self._at(schema, schema, (*path, *field.split("."))):
                    found = sub.get(mark)
                    if isinstance(found, dict):
                        cache[key] = {str(k): str(v) for k, v in found.items()}
                        break
        return cache[key]

    def _at(self, base: dict[str, Any], s: Any, path: Path_, depth: int = 0) -> list[tuple[dict[str, Any], Any]]:
        """Every subschema at ``path`` ("*" = list items), through $ref and the combinators."""
        if not isinstance(s, dict) or depth > 32:
            return []
        out: list[tuple[dict[str, Any], Any]] = []
        if "$ref" in s:
            doc, node = self.schemas.resolve(base, s["$ref"])
            out += self._at(doc, node, path, depth + 1)
        for key in ("oneOf", "anyOf", "allOf"):
            for sub in s.get(key, ()):
                out += self._at(base, sub, path, depth + 1)
        if not path:
            return [(base, s), *out]
        head, rest = path[0], path[1:]
        if head == "*" and "items" in s:
            out += self._at(base, s["items"], rest, depth + 1)
        elif head in s.get("properties", {}):
            out += self._at(base, s["properties"][head], rest, depth + 1)
        return out
