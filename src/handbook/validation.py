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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import schema_other, unclassified_file
from .i18n import _, localised
from .loader import LoadedFile
from .problem import Finding, finding
from .rules import registry

if TYPE_CHECKING:
    from .labels import Labels

# The schema files are written for editors (yaml-language-server, README: Editors) and read by
# the tool through ``read_schema``. They carry no "$id": references between them are relative
# ("common.schema.json#/$defs/id"), so an editor or check-jsonschema that opens a schema from
# disk resolves them beside it. The tool registers each file under a URL of a reserved domain
# (.invalid never resolves: nothing is fetched).
BASE_URL = "https://policy-handbook.invalid/schemas/"
# Beside a "$ref", yaml-language-server (1.20 on) takes every keyword that is not one of these
# annotations for a constraint and turns the node into an "allOf", which loses the field's own
# description on hover and the ": " of its completion; so a node with a "$ref" keeps its marks
# one level down, in "$defs": {"x-marks": {...}}, where every editor leaves them alone.
REF_ANNOTATIONS = frozenset({"$ref", "description", "title", "examples", "default", "$comment", "$defs"})
MARKS = "x-marks"
Path_ = tuple[str, ...]  # a path template: keys, with "*" for every list item
Where = tuple[str | int, ...]  # a concrete path in a file: keys and list indexes
MAX_PER_FILE = 100  # schema problems listed per file (the rest are counted as "more follow")


@dataclass(frozen=True)
class RefModel:
    """Where one kind of file declares ids (``ids``) and references (``refs``)."""

    ids: tuple[tuple[Path_, str], ...]  # (path to the id field, item kind)
    refs: tuple[tuple[Path_, str], ...]  # (path to the reference field, target kind)
    markdown: tuple[Path_, ...] = ()  # fields whose text is rendered as Markdown ("x-markdown")
    integers: tuple[Path_, ...] = ()  # fields whose schema type is "integer"


# what a branch's file must still say: the header (README: Branch offices)
OVERLAY_HEADER = frozenset({"kind", "title", "version", "effective_date", "review_by", "owner"})
_OVERRIDES = ("本条改写的总公司条目标识；只写要改的字段。The id of the head-office item this entry overrides; "
              "write only the fields it changes.")
_REMOVED = ("删除该总公司条目（放宽，须总公司豁免）。Removes the head-office item (a relaxation: it needs a "
            "head-office waiver).")


def read_schema(path: Path) -> dict[str, Any]:
    """A schema file as the tool reads it: under its URL (``BASE_URL`` and the file's name), with
    the marks a node beside a "$ref" keeps in ``"$defs": {"x-marks": {...}}`` back on the node
    itself (``{"$ref": ..., "x-ref": "role"}``), where every reader of the marks looks for them."""
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))

    def lift(node: Any) -> None:
        if isinstance(node, dict):
            defs = node.get("$defs")
            if isinstance(defs, dict) and MARKS in defs:
                node.update(defs.pop(MARKS))
                if not defs:
                    del node["$defs"]
            for value in node.values():
                lift(value)
        elif isinstance(node, list):
            for value in node:
                lift(value)

    lift(schema)
    schema["$id"] = BASE_URL + path.name
    return schema


@cache
def package_schemas() -> SchemaSet:
    """The installed package's schemas, read once: for code that has no model's schemas to hand
    (a model keeps the schemas its files were read with, ``model.schemas``: use those first)."""
    from .resources import schemas_dir

    return SchemaSet(schemas_dir())


class SchemaSet:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.by_id: dict[str, dict[str, Any]] = {}
        for f in sorted(folder.glob("*.schema.json")):
            schema = read_schema(f)
            self.by_id[schema["$id"]] = schema
        self.kinds: dict[str, dict[str, Any]] = {
            s["properties"]["kind"]["const"]: s
            for s in self.by_id.values()
            if s.get("properties", {}).get("kind", {}).get("const")
        }
        self._fast: dict[str, Any] = {}
        self._slow: dict[str, Any] = {}
        self._refmodels: dict[str, RefModel] = {}
        self._overlays: dict[str, dict[str, Any]] = {}

    # -- a branch's files: overlays of the head office's -----------------------------------
    def overlay(self, kind: str) -> dict[str, Any]:
        """The schema of a branch's file of this kind (README: Branch offices): the kind's schema,
        where an entry of a list of items may instead be an override of a head-office item
        (``overrides: <id>`` and only the fields it changes, or ``removed: true``), and where only
        the header is required (a branch file need not hold every list)."""
        found = self._overlays.get(kind)
        if found is None:
            import copy

            found = copy.deepcopy(self.kinds[kind])
            found["$id"] = found["$id"].replace(".schema.json", ".overlay.schema.json")
            found["required"] = [r for r in found.get("required", []) if r in OVERLAY_HEADER]
            props = found.get("properties", {})
            own = [k for k, p in props.items() if isinstance(p, dict) and p.get("x-branch")]
            for name, prop in list(props.items()):
                items = prop.get("items") if isinstance(prop, dict) else None
                if not isinstance(items, dict) or "x-id" not in items.get("properties", {}).get("id", {}):
                    # a file-wide setting (an organisation's head, a calendar's years, waiver authority)
                    # is the head office's: a branch file holds its header and what "x-branch" allows
                    if name not in OVERLAY_HEADER and name != "description" and not prop.get("x-branch"):
                        props[name] = {"not": {}, "x-head-office": True, "x-branch-own": own}
                    continue
                fields = {k: v for k, v in items["properties"].items() if k not in ("id", "replaces")}
                override = {
                    "type": "object", "required": ["overrides"], "additionalProperties": False,
                    "properties": {
                        **fields,
                        "overrides": {"$ref": "common.schema.json#/$defs/id", "description": _OVERRIDES},
                        "removed": {"const": True, "description": _REMOVED},
                    },
                }
                prop["items"] = {"if": {"type": "object", "required": ["overrides"]}, "then": override,
                                 "else": items}
            self._overlays[kind] = found
        return found

    # -- classification -----------------------------------------------------
    def classify(self, loaded: LoadedFile) -> tuple[str | None, Finding | None]:
        data = loaded.data
        kind = data.get("kind") if isinstance(data, dict) else None
        if isinstance(kind, str) and kind in self.kinds:
            return kind, None
        choices = ", ".join(sorted(self.kinds))
        if kind is None:
            return None, finding(loaded.path, 1, 1, unclassified_file.CODE,
                                 _("cannot tell what kind of policy this is: add 'kind:' (one of {choices})").format(
                                     choices=choices))
        line, col = loaded.key_pos(data, "kind")
        hint = difflib.get_close_matches(str(kind), self.kinds, n=1)
        if hint:
            message = _("unknown kind '{kind}' (expected one of {choices}); did you mean '{hint}'?")
        else:
            message = _("unknown kind '{kind}' (expected one of {choices})")
        return None, finding(loaded.path, line, col, unclassified_file.CODE,
                             message.format(kind=kind, choices=choices, hint=hint[0] if hint else ""),
                             fix=hint[0] if hint else None)

    # -- validation ---------------------------------------------------------
    def _schema(self, kind: str) -> dict[str, Any]:
        """A kind's schema, or a branch overlay's ("standards+overlay")."""
        name, _plus, overlay = kind.partition("+")
        return self.overlay(name) if overlay else self.kinds[name]

    def _fast_validator(self, kind: str) -> Any:
        v = self._fast.get(kind)
        if v is None:
            import jsonschema_rs

            registry = jsonschema_rs.Registry(list(self.by_id.items()))
            v = jsonschema_rs.validator_for(self._schema(kind), registry=registry, validate_formats=True)
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
            v = strict(self._schema(kind), registry=registry, format_checker=FormatChecker())
            self._slow[kind] = v
        return v

    def validate(self, kind: str, loaded: LoadedFile, overlay: bool = False) -> list[Finding]:
        """A file's schema problems; ``overlay``: as a branch's file of that kind."""
        key = f"{kind}+overlay" if overlay else kind
        fast = self._fast_validator(key)  # a schema it cannot compile is a bug: let it surface
        try:
            # jsonschema-rs takes 20.0 for an integer; only the detailed gear is strict, so it
            # decides when a float stands where the schema wants a whole number
            if fast.is_valid(loaded.data) and not (
                    loaded.has_float and _any_float(loaded.data, self.refmodel(kind).integers)):
                return []
        except ValueError:  # a value it cannot represent: the detailed validator decides
            pass
        # errors come lazily: a file of 200,000 broken items stops at the cap, not at the end
        errors = _forms_explain_types(self._slow_validator(key).iter_errors(loaded.data))
        problems = list(islice((p for e in errors for p in _explain(e, loaded, self.describer(kind))),
                               MAX_PER_FILE + 1))
        if len(problems) > MAX_PER_FILE:
            last = problems[MAX_PER_FILE - 1]
            problems[MAX_PER_FILE:] = [finding(loaded.path, last.line, last.column, schema_other.CODE,
                                               _("more schema problems follow in this file; only the first "
                                                 "{limit} are listed: fix these and check again").format(
                                                   limit=MAX_PER_FILE))]
        if not problems:  # the fast gear disagreed: trust the reference implementation
            return []
        return problems

    # -- what a failing field is -------------------------------------------------------
    def describer(self, kind: str) -> Describer:
        return lambda error: self._description(kind, error)

    def _description(self, kind: str, error: Any) -> str:
        """The description a message about ``error`` quotes: the failing sub-schema's own, except
        where that sub-schema was reached through a ``$ref`` from a field that describes itself
        beside it (``{"$ref": ".../roleRef", "description": "唯一负责岗位…"}``: owner, breach,
        from): that field's words, not the generic definition's ("标识符：小写英文字母开头…")."""
        doc: dict[str, Any] | None = self.kinds[kind]
        node: Any = doc
        path = list(error.absolute_schema_path)
        beside_ref = ""
        for i, seg in enumerate(path):
            beside_ref = ""
            # jsonschema leaves "$ref" out of the path: follow it where the next step is not here
            while isinstance(node, dict) and seg not in node and "$ref" in node:
                beside_ref = beside_ref or _desc(node)  # the outermost field's own words win
                doc, node = self.resolve(doc, node["$ref"])  # type: ignore[arg-type]
            if i == len(path) - 1:
                break  # the last step is the keyword that failed: node is the sub-schema holding it
            if (isinstance(node, dict) and seg in node) or (
                    isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node)):
                node = node[seg]
            else:
                node = None
                break
        if node != error.schema:  # the walk lost its way: the sub-schema the validator reports
            doc, node, beside_ref = None, error.schema, ""
        if error.validator == "required":
            # the missing property's own words, else those of the definition it refers to
            missing = error.message.split("'")[1] if "'" in error.message else ""
            sub: Any = node.get("properties", {}).get(missing, {})
            while doc is not None and isinstance(sub, dict) and not _desc(sub) and "$ref" in sub:
                doc, sub = self.resolve(doc, sub["$ref"])
            return _desc(sub)
        return beside_ref or _desc(node)

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

    @cached_property
    def labels(self) -> Labels:
        """The display labels these schemas give coded values (``x-labels``)."""
        from .labels import Labels

        return Labels(self)

    def fields(self, kind: str) -> dict[str, list[dict[str, Any]]]:
        """Every field one kind of file can hold, by dotted path ("*" for a list's items, "<key>"
        for the values of a mapping whose keys are free), with the subschemas that describe it
        (through $ref, the combinators and conditional forms)."""
        out: dict[str, list[dict[str, Any]]] = {}

        def walk(base: dict[str, Any], s: Any, path: Path_, seen: frozenset[tuple[str, Path_]]) -> None:
            if not isinstance(s, dict):
                return
            if path:
                out.setdefault(".".join(path), []).append(s)
            if "$ref" in s and (s["$ref"], path) not in seen:
                doc, target = self.resolve(base, s["$ref"])
                walk(doc, target, path, seen | {(s["$ref"], path)})
            for name, sub in s.get("properties", {}).items():
                walk(base, sub, (*path, name), seen)
            if "items" in s:
                walk(base, s["items"], (*path, "*"), seen)
            if isinstance(s.get("additionalProperties"), dict):
                walk(base, s["additionalProperties"], (*path, "<key>"), seen)
            for key in ("oneOf", "anyOf", "allOf", "then", "else"):
                subs = s.get(key, ())
                for sub in subs if isinstance(subs, list) else [subs]:
                    walk(base, sub, path, seen)

        walk(self.kinds[kind], self.kinds[kind], (), frozenset())
        # list items and free keys are not fields of their own: their parent is
        return {p: subs for p, subs in out.items() if not p.endswith(("*", "<key>"))}

    def resolve(self, base: dict[str, Any], ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The schema document a ``$ref`` (relative to ``base``) lands in, and the node it names."""
        from urllib.parse import urljoin

        uri, _sep, pointer = ref.partition("#")
        doc = self.by_id[urljoin(base["$id"], uri)] if uri else base
        node: Any = doc
        for part in filter(None, pointer.split("/")):
            node = node[part]
        return doc, node

    def _walk(self, base: dict[str, Any], s: Any, path: Path_, ids: dict[tuple[Path_, str], None],
              refs: dict[tuple[Path_, str], None], seen: set[tuple[str, Path_]]) -> None:
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
            ref_key = (s["$ref"], path)
            if ref_key not in seen:
                seen.add(ref_key)
                doc, target = self.resolve(base, s["$ref"])
                self._walk(doc, target, path, ids, refs, seen)
        for name, sub in s.get("properties", {}).items():
            self._walk(base, sub, (*path, name), ids, refs, seen)
        if "items" in s:
            self._walk(base, s["items"], (*path, "*"), ids, refs, seen)
        for key in ("oneOf", "anyOf", "allOf"):
            for sub in s.get(key, ()):
                self._walk(base, sub, path, ids, refs, seen)
        for key in ("then", "else"):  # conditional forms declare fields too
            if key in s:
                self._walk(base, s[key], path, ids, refs, seen)


def _forms_explain_types(errors: Iterator[Any]) -> Iterator[Any]:
    """The errors, less the "type" error of a field that gives its type beside its forms
    (``"type": "object", "oneOf": [...]``: editors complete ``target: `` only from a type of the
    field's own) where the forms failed too: a value of the wrong type fits none of them, and their
    explanation, which names the form that came closest, is the one reported. jsonschema yields the
    errors of one node's keywords one after the other, in either order."""
    held: Any = None  # such a type error, until the next error tells whether its forms failed
    forms: Any = None  # the last forms error passed on

    def same_node(a: Any, b: Any) -> bool:
        return bool(a.absolute_path == b.absolute_path
                    and list(a.absolute_schema_path)[:-1] == list(b.absolute_schema_path)[:-1])

    for error in errors:
        if held is not None:
            if error.validator in _FORMS and same_node(held, error):
                held = None
            else:
                yield held
                held = None
        if error.validator == "type" and any(k in error.schema for k in _FORMS):
            if forms is None or not same_node(forms, error):
                held = error
            continue
        forms = error if error.validator in _FORMS else None
        yield error
    if held is not None:
        yield held


_FORMS = ("oneOf", "anyOf")


def _any_float(data: Any, paths: tuple[Path_, ...]) -> bool:
    """Whether a float stands at any of the path templates ("*": every list item)."""
    return any(isinstance(value, float) for p in paths for _, _, value, _, _ in walk_template(data, p, track=False))


def walk_template(data: Any, template: Path_,
                  track: bool = True) -> Iterator[tuple[Any, str | int, Any, tuple[Any, ...], Where]]:
    """Yield (parent, key, value, enclosing dicts, concrete path) for each match of a template,
    in document order; the path has the list indexes where the template has "*" (built only
    when ``track``: ids need no path, and this runs over every item)."""
    stack: list[tuple[Any, int, tuple[Any, ...], Where]] = [(data, 0, (), ())]
    last = len(template) - 1
    while stack:
        node, i, chain, where = stack.pop()
        seg = template[i]
        if seg == "*":
            if not isinstance(node, list):
                continue
            if i == last:
                for n, v in enumerate(node):
                    yield node, n, v, chain, (*where, n) if track else where
            else:
                for n in range(len(node) - 1, -1, -1):
                    stack.append((node[n], i + 1, chain, (*where, n) if track else where))
        elif isinstance(node, dict) and seg in node:
            if i == last:
                yield node, seg, node[seg], (*chain, node), (*where, seg) if track else where
            else:
                stack.append((node[seg], i + 1, (*chain, node), (*where, seg) if track else where))



# -- turning a jsonschema error into findings ---------------------------------------------

@cache
def _codes() -> dict[str, str]:
    """JSON Schema keyword -> rule code, from the schema-stage rule modules (``SCHEMA_KEYWORDS``)."""
    return {kw: rule.code for rule in registry().values() for kw in rule.schema_keywords}


Describer = Callable[[Any], str]  # jsonschema error -> the description its message quotes


# a JSON Schema type as a Chinese editor calls it: English messages have always given both
_TYPE_ZH = {"string": "文本", "integer": "整数", "number": "数字", "boolean": "true/false",
            "array": "列表", "object": "映射", "null": "空值"}


def _format_name(name: str) -> str:
    names = {"date": _("date"), "email": _("email"), "uri": _("uri"), "time": _("time"),
             "date-time": _("date-time")}
    return names.get(name, name)


def _desc(schema: Any) -> str:
    if isinstance(schema, dict) and schema.get("description"):
        return str(schema["description"])
    return ""


def _with_desc(message: str, description: str) -> str:
    """The message and the field's description, in the reader's language (the schemas write it
    "中文。English.")."""
    if not description:
        return message
    return _("{message} — {description}").format(message=message, description=localised(description))


def _explain(error: Any, loaded: LoadedFile, describe: Describer) -> Iterator[Finding]:
    """One or more findings for one jsonschema error, located at its line and column."""
    path = list(error.absolute_path)
    code = _codes().get(error.validator, schema_other.CODE)
    where = ".".join(str(p) for p in path) or _("(top level)")
    v = error.validator
    if v == "required":
        # jsonschema reports one error per missing property; name it and describe it
        missing = error.message.split("'")[1] if "'" in error.message else str(error.validator_value)
        line, col = loaded.locate(path)
        yield finding(loaded.path, line, col, code, _with_desc(
            _("missing required field '{field}' in {where}").format(field=missing, where=where), describe(error)))
        return
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in error.schema.get("properties", {})]
        for extra in extras:
            line, col = loaded.key_pos(error.instance, extra, value=False)
            hint = difflib.get_close_matches(extra, allowed, n=1)
            if hint:
                message = _("unknown field '{field}' in {where}; did you mean '{hint}'?")
            else:
                message = _("unknown field '{field}' in {where}; allowed: {allowed}")
            yield finding(loaded.path, line, col, code, message.format(
                field=extra, where=where, hint=hint[0] if hint else "", allowed=", ".join(allowed)),
                fix=hint[0] if hint else None)
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
        names = {"where": where, "type": want_s, "type_zh": _TYPE_ZH.get(want_s, want_s),
                 "value": _shown(error.instance)}
        if want_s == "integer" and isinstance(error.instance, float) and error.instance.is_integer():
            msg = _("{where}: expected {type} ({type_zh}), got {value}; write the whole number without a decimal "
                    "point: {number}").format(number=int(error.instance), **names)
        else:
            msg = _("{where}: expected {type} ({type_zh}), got {value}").format(**names)
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
                _("{where}: type {value} matches none of the forms: {forms}").format(
                    where=where, value=_shown(error.instance.get("type")), forms=", ".join(forms)),
                describe(error)))
            return
        if not chosen and error.context:
            from jsonschema.exceptions import best_match

            chosen = [best_match(error.context)]
        if chosen:
            for sub_error in chosen:
                yield from _explain(sub_error, loaded, describe)
            return
        msg = _("{where}: matches none of the allowed forms").format(where=where)
    elif v == "enum":
        msg = _("{where}: {value} is not one of {allowed}").format(
            where=where, value=_shown(error.instance), allowed=", ".join(map(str, error.validator_value)))
    elif v == "const":
        msg = _("{where}: must be {expected}, got {value}").format(
            where=where, expected=repr(error.validator_value), value=_shown(error.instance))
    elif v == "pattern":
        # the description says what the form is; the regular expression helps nobody
        msg = _("{where}: {value} is not in the required form").format(where=where, value=_shown(error.instance))
    elif v == "not" and error.schema.get("x-head-office"):
        line, col = loaded.key_pos(loaded.data, str(path[0]), value=False) if len(path) == 1 else (line, col)
        msg = _("'{field}' is a setting of the head office's, which a branch file cannot change: keep it in the "
                "head office's {kind} file (a branch file holds its header, its items and overrides{own})").format(
            field=where, kind=loaded.data.get("kind"), own="".join(
                ", " + k for k in error.schema.get("x-branch-own") or ()))
    elif v == "not":
        msg = _("{where}: {value} is not allowed here").format(where=where, value=_shown(error.instance))
    elif v == "format":
        msg = _("{where}: {value} is not a valid {format}").format(
            where=where, value=_shown(error.instance), format=_format_name(str(error.validator_value)))
    else:
        # jsonschema's own words (in English) for a keyword without a message of ours
        msg = _("{where}: {detail}").format(where=where, detail=error.message)
    yield finding(loaded.path, line, col, code, _with_desc(msg, describe(error)))


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return repr(value)
