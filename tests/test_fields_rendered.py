"""Every field the schemas allow reaches the manual, or the schema says why it does not.

What an editor writes and the manual drops silently is lost to staff (a file's
description, a violation's description, a unit's duties, a role's aliases were).
So each field of each schema is either

- marked ``"x-not-rendered": "中文理由。English reason."`` beside it in the schema, or
- read by the renderer while it renders a policy set that holds the field: the
  shipped set, the example sets, and the rule fixtures' passing sets. Reading is
  recorded by handing the renderer the policy data in mappings that note every key
  asked for (and every reference the model resolves for it, as ``implements`` is
  shown on the article it names).

A field no policy set holds cannot be watched being read: it must then at least be
named by the renderer's code (a template or the render package), which the last test
checks; the example sets should grow to hold it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handbook.config import Config
from handbook.engine import run
from handbook.model import Model
from handbook.render.manual import Manual
from handbook.resources import schemas_dir
from handbook.validation import SchemaSet

from conftest import BASE, ROOT, make_set

SCHEMAS = SchemaSet(schemas_dir())
FIELDS = {kind: SCHEMAS.fields(kind) for kind in SCHEMAS.kinds}
MARK = "x-not-rendered"
ID_FIELDS = {kind: {".".join(path) for path, _ in SCHEMAS.refmodel(kind).ids} for kind in SCHEMAS.kinds}
RENDERER = [*sorted((ROOT / "src/handbook/templates").glob("*.j2")),
            *sorted((ROOT / "src/handbook/render").glob("*.py"))]


def marked(kind: str, path: str) -> str | None:
    """The reason a field is not rendered, from the schema (at the field or at a field holding it)."""
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        for sub in FIELDS[kind].get(".".join(parts[:n]), []):
            if isinstance(sub.get(MARK), str):
                return str(sub[MARK])
    return None


def canonical(kind: str, parts: tuple[str, ...]) -> str:
    """A data path as the schemas write it: a free mapping key (a calendar's year) becomes <key>."""
    out: list[str] = []
    for part in parts:
        if part != "*" and ".".join((*out, part)) not in FIELDS[kind] and ".".join((*out, "<key>")) in FIELDS[kind]:
            part = "<key>"
        out.append(part)
    return ".".join(out)


class Recording(dict):  # type: ignore[type-arg]
    """A mapping that notes every key the renderer asks it for."""

    def __init__(self, data: dict[str, Any], kind: str, path: tuple[str, ...], seen: set[tuple[str, str]]) -> None:
        super().__init__(data)
        self.kind, self.path, self.seen = kind, path, seen

    def _note(self, key: Any) -> None:
        self.seen.add((self.kind, canonical(self.kind, (*self.path, str(key)))))

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def items(self) -> Any:
        for key in self:
            self._note(key)
        return super().items()

    def values(self) -> Any:
        for key in self:
            self._note(key)
        return super().values()


def _wrap(x: Any, kind: str, path: tuple[str, ...], seen: set[tuple[str, str]], memo: dict[int, Any]) -> Any:
    if isinstance(x, dict):
        out = Recording({k: _wrap(v, kind, (*path, str(k)), seen, memo) for k, v in x.items()}, kind, path, seen)
        memo[id(x)] = out
        return out
    if isinstance(x, list):
        return [_wrap(v, kind, (*path, "*"), seen, memo) for v in x]
    return x


def held(x: Any, kind: str, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """Every field a file holds."""
    if isinstance(x, dict):
        for k, v in x.items():
            yield kind, canonical(kind, (*path, str(k)))
            yield from held(v, kind, (*path, str(k)))
    elif isinstance(x, list):
        for v in x:
            yield from held(v, kind, (*path, "*"))


def render_recorded(folder: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(fields the set holds, fields the renderer read) for one policy set."""
    result = run(folder, Config())
    model = result.model
    assert model is not None, [p.line_text() for p in result.problems]
    present = {f for pf in model.files for f in held(pf.data, pf.kind)}
    seen: set[tuple[str, str]] = set()
    memo: dict[int, Any] = {}
    for pf in model.files:
        pf.loaded.data = _wrap(pf.loaded.data, pf.kind, (), seen, memo)
    for item in [*model.items.values(), *model.instances]:
        item.data = memo.get(id(item.data), item.data)
    _record_references(model, seen)
    Manual(model).pages()
    return present, seen


def _record_references(model: Model, seen: set[tuple[str, str]]) -> None:
    """A reference the renderer follows backwards (the items that implement an article, count
    from an event) is read from the model's index of references, not from the mapping."""
    refs_to = model.refs_to  # implementers() and the renderer's other backward lookups go through it

    def note(refs: Any) -> Any:
        for r in refs:
            parts = tuple(r.field.split("."))
            while parts and parts[-1] == "*":  # a list of references is the field holding it
                parts = parts[:-1]
            seen.add((r.file.kind, canonical(r.file.kind, parts)))
        return refs

    def recorded_refs_to(target: Any) -> Any:
        return note(refs_to(target))

    model.refs_to = recorded_refs_to  # type: ignore[method-assign]


def _sets(tmp: Path) -> list[Path]:
    sets = [ROOT / "policies", *sorted(p / "policies" for p in (ROOT / "examples").iterdir() if (p / "policies").is_dir())]
    for n, overlay in enumerate(sorted((ROOT / "tests/rules").glob("*/pass"))):
        sets.append(make_set(tmp / f"pass{n}", overlay))
    sets.append(BASE)
    return sets


@pytest.fixture(scope="module")
def coverage(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    present: set[tuple[str, str]] = set()
    seen: set[tuple[str, str]] = set()
    for folder in _sets(tmp_path_factory.mktemp("sets")):
        result = run(folder, Config())
        if result.model is None or any(p.severity.value == "error" for p in result.problems):
            # a rule's passing set may fail another rule (no manual is built from it); the shipped
            # and example sets never may, or the coverage would shrink unseen
            assert folder.is_relative_to(tmp_path_factory.getbasetemp()) or folder == BASE, folder
            continue
        p, s = render_recorded(folder)
        present |= p
        seen |= s
    return present, seen


def _containers(kind: str, path: str) -> bool:
    """A field that only holds other fields (a list of items, an object) is shown when they are."""
    return any(p.startswith(path + ".") for p in FIELDS[kind])


def test_every_field_held_is_rendered_or_marked(coverage: tuple[set[tuple[str, str]], set[tuple[str, str]]]) -> None:
    present, seen = coverage
    dropped = []
    for kind, fields in FIELDS.items():
        for path in fields:
            if (kind, path) not in present or marked(kind, path) or (kind, path) in seen:
                continue
            if path in ID_FIELDS[kind] and any(k == kind and p.startswith(path[:-2]) for k, p in seen):
                continue  # an item's id is its anchor and its links' target wherever the item is shown
            if _containers(kind, path) and any(k == kind and p.startswith(path + ".") for k, p in seen):
                continue
            dropped.append(f"{kind}: {path}")
    assert not dropped, ("the manual drops these fields: render them, or mark them in the schema with "
                         f'"{MARK}": "中文理由。English reason."\n' + "\n".join(sorted(dropped)))


def test_every_field_no_set_holds_is_named_by_the_renderer_or_marked(
        coverage: tuple[set[tuple[str, str]], set[tuple[str, str]]]) -> None:
    present, _ = coverage
    code = "\n".join(f.read_text(encoding="utf-8") for f in RENDERER)
    unnamed = []
    for kind, fields in FIELDS.items():
        for path in fields:
            if (kind, path) in present or marked(kind, path) or _containers(kind, path):
                continue
            leaf = path.rsplit(".", 1)[-1]
            if not re.search(rf"""['"]{re.escape(leaf)}['"]|\.{re.escape(leaf)}\b""", code):
                unnamed.append(f"{kind}: {path}")
    assert not unnamed, "no policy set holds these fields and no template names them:\n" + "\n".join(sorted(unnamed))


def test_marks_give_a_bilingual_reason() -> None:
    for kind, fields in FIELDS.items():
        for path, subs in fields.items():
            for sub in subs:
                reason = sub.get(MARK)
                if reason is not None:
                    assert isinstance(reason, str) and re.search(r"[\u4e00-\u9fff]", reason) \
                        and re.search(r"[A-Za-z]{3}", reason), (kind, path, reason)


def test_the_recorder_notices_a_dropped_field(tmp_path: Path) -> None:
    """The check can fail: a field the templates never read is reported as held and not seen."""
    folder = make_set(tmp_path / "policies")
    org = folder / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    assert "\nunits:\n" in text
    org.write_text(text.replace("\nunits:\n", "\nx_unused_note: 未渲染\nunits:\n", 1), encoding="utf-8")
    present, seen = render_recorded(folder)
    assert ("organisation", "x_unused_note") in present and ("organisation", "x_unused_note") not in seen
    assert ("organisation", "title") in seen
