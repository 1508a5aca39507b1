"""The JSON Schemas: which kind a file is, whether it is valid, and where it is not.

Validation runs in two gears: jsonschema-rs answers "valid?" for every file in
microseconds; only a file that fails is validated again by the pure-Python
``jsonschema``, whose errors carry the failing sub-schema itself, so the message
can quote that field's own description. Both read the same schema files.

The schemas are also the single source of the reference model: a property
marked ``"x-id": KIND`` declares an item of that kind, ``"x-ref": KIND`` a
reference to one. ``RefModel`` derives from those marks where ids and references
sit in each kind of file, so no list of reference fields is kept by hand.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from itertools import islice
from typing import Any, Iterator

from .loader import LoadedFile
from .checks import schema_other, unclassified_file
from .problem import Finding, finding
from .rules import registry

# Schema ids are URLs under a reserved domain (.invalid never resolves): they name the
# schemas, nothing is fetched. References between schema files are relative
# ("common.schema.json#/$defs/id") so an editor that opens a schema from disk
# resolves them beside it.
BASE_URL = "https://policy-handbook.invalid/schemas/"
Path_ = tuple[str, ...]
MAX_PER_FILE = 100  # schema problems listed per file (the rest are counted as "more follow")  # a path template: keys, with "*" for every list item


@dataclass(frozen=True)
class RefModel:
    """Where one kind of file declares ids (``ids``) and references (``refs``)."""

    ids: tuple[tuple[Path_, str], ...]  # (path to the id field, item kind)
    refs: tuple[tuple[Path_, str], ...]  # (path to the reference field, target kind)
    markdown: tuple[Path_, ...] = ()  # fields whose text is rendered as Markdown ("x-markdown")
    integers: tuple[Path_, ...] = ()  # fields whose schema type is "integer"


class SchemaSet:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.by_id: dict[str, dict[str, Any]] = {}
        for f in sorted(folder.glob("*.schema.json")):
            schema = json.loads(f.read_text(encoding="utf-8"))
            self.by_id[schema["$id"]] = schema
        self.kinds: dict[str, dict[str, Any]] = {
            s["properties"]["kind"]["const"]: s
            for s in self.by_id.values()
            if s.get("properties", {}).get("kind", {}).get("const")
        }
        self._fast: dict[str, Any] = {}
        self._slow: dict[str, Any] = {}
        self._refmodels: dict[str, RefModel] = {}

    # -- classification -----------------------------------------------------
    def classify(self, loaded: LoadedFile) -> tuple[str | None, Finding | None]:
        data = loaded.data
        kind = data.get("kind") if isinstance(data, dict) else None
        if isinstance(kind, str) and kind in self.kinds:
            return kind, None
        choices = ", ".join(sorted(self.kinds))
        if kind is None:
            return None, finding(loaded.path, 1, 1, unclassified_file.CODE,
                                 f"cannot tell what kind of policy this is: add 'kind:' (one of {choices})")
        line, col = loaded.key_pos(data, "kind")
        hint = difflib.get_close_matches(str(kind), self.kinds, n=1)
        did = f"; did you mean '{hint[0]}'?" if hint else ""
        return None, finding(loaded.path, line, col, unclassified_file.CODE,
                             f"unknown kind '{kind}' (expected one of {choices}){did}")

    # -- validation ---------------------------------------------------------
    def _fast_validator(self, kind: str) -> Any:
        v = self._fast.get(kind)
        if v is None:
            import jsonschema_rs

            registry = jsonschema_rs.Registry(list(self.by_id.items()))
            v = jsonschema_rs.validator_for(self.kinds[kind], registry=registry, validate_formats=True)
            self._fast[kind] = v
        return v

    def _slow_validator(self, kind: str) -> Any:
        v = self._slow.get(kind)
        if v is None:
            import referencing
            from jsonschema import Draft202012Validator, FormatChecker
            from jsonschema.validators import extend

            registry = referencing.Registry().with_resources(
                (sid, referencing.Resource.from_contents(s)) for sid, s in self.by_id.items()
            )
            # "integer" is a whole number written as one: 20.0 or 2.0e+1 in a policy
            # is a slip the checks could not use, so it is a located error here
            strict = extend(Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
                "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)))
            v = strict(self.kinds[kind], registry=registry, format_checker=FormatChecker())
            self._slow[kind] = v
        return v

    def validate(self, kind: str, loaded: LoadedFile) -> list[Finding]:
        fast = self._fast_validator(kind)  # a schema it cannot compile is a bug: let it surface
        try:
            # jsonschema-rs takes 20.0 for an integer; only the detailed gear is strict, so it
            # decides when a float stands where the schema wants a whole number
            if fast.is_valid(loaded.data) and not (
                    loaded.has_float and _any_float(loaded.data, self.refmodel(kind).integers)):
                return []
        except ValueError:  # a value it cannot represent: the detailed validator decides
            pass
        # errors come lazily: a file of 200,000 broken items stops at the cap, not at the end
        problems = list(islice((p for e in self._slow_validator(kind).iter_errors(loaded.data)
                                for p in _explain(e, loaded)), MAX_PER_FILE + 1))
        if len(problems) > MAX_PER_FILE:
            last = problems[MAX_PER_FILE - 1]
            problems[MAX_PER_FILE:] = [finding(loaded.path, last.line, last.column, schema_other.CODE,
                                               f"more schema problems follow in this file; only the first "
                                               f"{MAX_PER_FILE} are listed: fix these and check again")]
        if not problems:  # the fast gear disagreed: trust the reference implementation
            return []
        return problems

    # -- reference model ------------------------------------------------------
    def refmodel(self, kind: str) -> RefModel:
        rm = self._refmodels.get(kind)
        if rm is None:
            ids: dict[tuple[Path_, str], None] = {}
            refs: dict[tuple[Path_, str], None] = {}
            self._walk(self.kinds[kind], self.kinds[kind], (), ids, refs, set())
            markdown = tuple(path for path, k in refs if k == "#markdown")
            integers = tuple(path for path, k in refs if k == "#integer")
            refs = {key: None for key in refs if not key[1].startswith("#")}
            rm = self._refmodels[kind] = RefModel(tuple(ids), tuple(refs), markdown, integers)
        return rm

    def _resolve(self, base: dict[str, Any], ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
        from urllib.parse import urljoin

        uri, _, pointer = ref.partition("#")
        doc = self.by_id[urljoin(base["$id"], uri)] if uri else base
        node: Any = doc
        for part in filter(None, pointer.split("/")):
            node = node[part]
        return doc, node

    def _walk(self, base: dict[str, Any], s: Any, path: Path_, ids: dict, refs: dict, seen: set) -> None:
        if not isinstance(s, dict):
            return
        if "x-id" in s:
            ids[(path, s["x-id"])] = None
        if "x-ref" in s:
            refs[(path, s["x-ref"])] = None
        if s.get("x-markdown"):
            refs[(path, "#markdown")] = None
        if s.get("type") == "integer":
            refs[(path, "#integer")] = None
        if "$ref" in s:
            key = (s["$ref"], path)
            if key not in seen:
                seen.add(key)
                doc, target = self._resolve(base, s["$ref"])
                self._walk(doc, target, path, ids, refs, seen)
        for name, sub in s.get("properties", {}).items():
            self._walk(base, sub, path + (name,), ids, refs, seen)
        if "items" in s:
            self._walk(base, s["items"], path + ("*",), ids, refs, seen)
        for key in ("oneOf", "anyOf", "allOf"):
            for sub in s.get(key, ()):
                self._walk(base, sub, path, ids, refs, seen)
        for key in ("then", "else"):  # conditional forms declare fields too
            if key in s:
                self._walk(base, s[key], path, ids, refs, seen)


def _any_float(data: Any, paths: tuple[Path_, ...]) -> bool:
    """Whether a float stands at any of the path templates ("*": every list item)."""
    def walk(node: Any, path: Path_) -> bool:
        if not path:
            return isinstance(node, float)
        head, rest = path[0], path[1:]
        if head == "*":
            return isinstance(node, list) and any(walk(n, rest) for n in node)
        return isinstance(node, dict) and head in node and walk(node[head], rest)
    return any(walk(data, p) for p in paths)


# -- turning a jsonschema error into findings ---------------------------------------------

@cache
def _codes() -> dict[str, str]:
    """JSON Schema keyword -> rule code, from the schema-stage rule modules (``SCHEMA_KEYWORDS``)."""
    return {kw: rule.code for rule in registry().values() for kw in rule.schema_keywords}

_TYPE_ZH = {"string": "文本", "integer": "整数", "number": "数字", "boolean": "true/false",
            "array": "列表", "object": "映射", "null": "空值"}


def _desc(schema: Any) -> str:
    if isinstance(schema, dict) and schema.get("description"):
        return str(schema["description"])
    return ""


def _with_desc(message: str, schema: Any) -> str:
    d = _desc(schema)
    return f"{message} — {d}" if d else message


def _explain(error: Any, loaded: LoadedFile) -> Iterator[Finding]:
    """One or more findings for one jsonschema error, located at its line and column."""
    path = list(error.absolute_path)
    code = _codes().get(error.validator, schema_other.CODE)
    where = ".".join(str(p) for p in path) or "(top level)"
    v = error.validator
    if v == "required":
        # jsonschema reports one error per missing property; name it and describe it
        missing = error.message.split("'")[1] if "'" in error.message else str(error.validator_value)
        sub = error.schema.get("properties", {}).get(missing, {})
        line, col = loaded.locate(path)
        yield finding(loaded.path, line, col, code,
                      _with_desc(f"missing required field '{missing}' in {where}", sub))
        return
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in error.schema.get("properties", {})]
        for extra in extras:
            line, col = loaded.key_pos(error.instance, extra, value=False)
            hint = difflib.get_close_matches(extra, allowed, n=1)
            did = f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(allowed)}"
            yield finding(loaded.path, line, col, code, f"unknown field '{extra}' in {where}{did}")
        return
    line, col = loaded.locate(path)
    if "propertyNames" in error.absolute_schema_path:
        # the failing value is a key of the mapping at `path`: point at that key
        node = loaded.data
        for seg in path:
            node = node[seg]
        if isinstance(node, dict) and error.instance in node:
            line, col = loaded.key_pos(node, error.instance, value=False)
    if v == "type":
        want = error.validator_value
        want_s = "/".join(want) if isinstance(want, list) else str(want)
        msg = f"{where}: expected {want_s} ({_TYPE_ZH.get(want_s, want_s)}), got {_shown(error.instance)}"
        if want_s == "integer" and isinstance(error.instance, float) and error.instance.is_integer():
            msg += f"; write the whole number without a decimal point: {int(error.instance)}"
    elif v == "oneOf":
        # say which alternative came closest instead of "is not valid under any"
        # Forms are told apart by their "type" field: explain the errors of the form
        # the author chose; only without one fall back to the closest match.
        chosen = None
        if isinstance(error.instance, dict):
            for i, sub in enumerate(error.validator_value):
                if sub.get("properties", {}).get("type", {}).get("const") == error.instance.get("type"):
                    chosen = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == i]
        forms = [sub.get("properties", {}).get("type", {}).get("const") for sub in error.validator_value]
        if chosen is None and isinstance(error.instance, dict) and all(forms):
            yield finding(loaded.path, line, col, schema_other.CODE, _with_desc(
                f"{where}: type {_shown(error.instance.get('type'))} matches none of the forms: {', '.join(forms)}",
                error.schema))
            return
        if not chosen and error.context:
            from jsonschema.exceptions import best_match

            chosen = [best_match(error.context)]
        if chosen:
            for sub_error in chosen:
                yield from _explain(sub_error, loaded)
            return
        msg = f"{where}: matches none of the allowed forms"
    elif v == "enum":
        msg = f"{where}: {_shown(error.instance)} is not one of {', '.join(map(str, error.validator_value))}"
    elif v == "const":
        msg = f"{where}: must be {error.validator_value!r}, got {_shown(error.instance)}"
    elif v == "pattern":
        # the description says what the form is; the regular expression helps nobody
        msg = f"{where}: {_shown(error.instance)} is not in the required form"
    elif v == "not":
        msg = f"{where}: {_shown(error.instance)} is not allowed here"
    elif v == "format":
        msg = f"{where}: {_shown(error.instance)} is not a valid {error.validator_value}"
    else:
        msg = f"{where}: {error.message}"
    yield finding(loaded.path, line, col, code, _with_desc(msg, error.schema))


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)
