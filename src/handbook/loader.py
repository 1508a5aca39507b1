"""Read one policy file into plain Python data plus the position of every key and item.

libyaml (PyYAML's C parser) composes the node tree; we construct the values
ourselves instead of using PyYAML's ``SafeConstructor`` because we need three
things it cannot give: the line and column of every key and item, duplicate keys
reported (PyYAML keeps the last one silently), and YAML 1.1 surprises (``no`` read
as ``False``, unquoted dates, ``010`` read as octal) reported instead of
converted. Only str, int, float, bool, None, dict and list are ever built, so no
tag can make us construct an object.

Every failure is returned as a ``Finding`` in the result (the engine gives it its severity), never raised: one bad
file must not stop the run (the check-jsonschema lesson).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .checks import (
    alias,
    ambiguous_boolean,
    control_character,
    duplicate_key,
    encoding,
    file_too_large,
    line_too_long,
    merge_key,
    multiple_documents,
    nesting_depth,
    non_decimal_number,
    tab_indentation,
    too_many_items,
    top_level_mapping,
    unknown_tag,
    unquoted_date,
    unreadable_file,
    yaml_syntax,
)
from .problem import CONTROL, INVISIBLE, Finding, finding

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is a declared requirement
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (_T + s for s in ("str", "int", "float", "bool", "null", "timestamp"))
MAP, SEQ, MERGE, VALUE = _T + "map", _T + "seq", _T + "merge", _T + "value"

# Control and invisible characters (one table, handbook.problem), in the text or, for a
# double-quoted value, once "\\e", "\\x07" or "\\u202e" is decoded.
_CONTROL_OR_UNSEEN = re.compile("[%s%s]" % (CONTROL, "".join(INVISIBLE)))
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]{}]")
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
_TRUE_FALSE = {"true": True, "false": False}

# Positions: for a mapping, key -> (key line, key col, value line, value col);
# for a sequence, a list of (line, col) per item. All 1-based.
KeyPos = tuple[int, int, int, int]
Positions = dict[int, Any]  # id(container) -> dict[str, KeyPos] | list[tuple[int, int]]


@dataclass(frozen=True)
class Limits:
    """Loader limits (the threat model in README.md explains each default)."""

    max_bytes: int = 5 * 1024 * 1024
    max_line_length: int = 10_000
    max_depth: int = 64
    # keys and items in one file; a file just under it still loads in about 1.5 s and
    # 100 MB (benchmarks/dense_bench.py), and the count is taken while parsing
    max_nodes: int = 200_000


@dataclass
class LoadedFile:
    path: str  # as shown to the user (relative to the policy root when possible)
    data: Any = None
    positions: Positions = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    # JSON Schema counts 20.0 as an integer; a file with any float is validated by
    # the detailed validator, whose "integer" means a whole number written as one
    has_float: bool = False

    @property
    def ok(self) -> bool:
        return self.data is not None

    def key_pos(self, container: dict[str, Any], key: str, value: bool = True) -> tuple[int, int]:
        """Line and column of ``container[key]`` (its value, or its key)."""
        pos = self.positions.get(id(container))
        if pos and key in pos:
            p = pos[key]
            return (p[2], p[3]) if value else (p[0], p[1])
        return self.container_pos(container)

    def item_pos(self, container: list[Any], index: int) -> tuple[int, int]:
        pos = self.positions.get(id(container))
        if pos and 0 <= index < len(pos):
            return pos[index]
        return self.container_pos(container)

    def container_pos(self, container: Any) -> tuple[int, int]:
        pos = self.positions.get(id(container))
        if isinstance(pos, dict) and pos:
            p = next(iter(pos.values()))
            return p[0], p[1]
        if isinstance(pos, list) and pos:
            return pos[0]
        return 1, 1

    def locate(self, path: "list[str | int] | tuple[str | int, ...]") -> tuple[int, int]:
        """Line and column of the value at a JSON path (as validators report it).

        Walks down as far as the path exists, so an error about a missing key
        points at the mapping that lacks it.
        """
        node: Any = self.data
        line, col = 1, 1
        for seg in path:
            if isinstance(node, dict) and seg in node:
                child = node[seg]
                # a container value starts on the next line: point at its key instead
                line, col = self.key_pos(node, seg, value=not isinstance(child, (dict, list)))
                node = child
            elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
                line, col = self.item_pos(node, seg)
                node = node[seg]
            else:
                break
        return line, col


class _Builder:
    """Turns a composed node tree into plain data, recording positions and problems."""

    __slots__ = ("path", "positions", "problems", "limits", "count", "has_float")

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.positions: Positions = {}
        self.problems: list[Finding] = []
        self.limits = limits
        self.count = 0
        self.has_float = False

    def problem(self, mark: Any, code: str, message: str) -> None:
        self.problems.append(finding(self.path, mark.line + 1, mark.column + 1, code, message))

    def build(self, node: Any, depth: int = 0) -> Any:
        if depth > self.limits.max_depth:
            self.problem(node.start_mark, nesting_depth.CODE, f"nesting deeper than {self.limits.max_depth} levels")
            return None
        tag = node.tag
        if tag == MAP:
            return self._mapping(node, depth)
        if tag == SEQ:
            return self._sequence(node, depth)
        if tag == STR:
            # only a double-quoted value has escapes; the raw text was scanned before parsing
            if node.style == '"' and _CONTROL_OR_UNSEEN.search(node.value):
                self.problem(node.start_mark, control_character.CODE, f"this quoted value holds {_name(node.value)} (written as an "
                             "escape): it is not allowed in a policy file")
            return node.value
        return self._scalar(node, tag)

    def _mapping(self, node: Any, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        pos: dict[str, KeyPos] = {}
        self.count += len(node.value)
        for knode, vnode in node.value:
            km = knode.start_mark
            if knode.tag == MERGE:
                self.problem(km, merge_key.CODE, "merge keys (<<) are not allowed: write the keys out in full")
                continue
            if knode.tag != STR:
                if knode.tag in (MAP, SEQ):
                    self.problem(km, unknown_tag.CODE, "a mapping key must be a plain string")
                    continue
                key = knode.value  # e.g. an int-looking key: keep its text, keys are names
                if knode.tag not in (INT, FLOAT, BOOL, NULL, TIMESTAMP):
                    self.problem(km, unknown_tag.CODE, f"unknown tag {knode.tag!r} on a key")
                    continue
            else:
                key = knode.value
            if key in out:
                first = pos[key]
                self.problem(
                    km,
                    duplicate_key.CODE,
                    f"duplicate key '{key}' (first defined at line {first[0]}); YAML would silently keep only the last",
                )
                continue
            vm = vnode.start_mark
            out[key] = self.build(vnode, depth + 1)
            pos[key] = (km.line + 1, km.column + 1, vm.line + 1, vm.column + 1)
        self.positions[id(out)] = pos
        return out

    def _sequence(self, node: Any, depth: int) -> list[Any]:
        items = node.value
        self.count += len(items)
        out = [self.build(n, depth + 1) for n in items]
        self.positions[id(out)] = [(n.start_mark.line + 1, n.start_mark.column + 1) for n in items]
        return out

    def _scalar(self, node: Any, tag: str) -> Any:
        value: str = node.value
        if tag == INT:
            if "_" not in value and _DECIMAL_INT.match(value):
                return int(value)
            self.problem(
                node.start_mark,
                non_decimal_number.CODE,
                f"'{value}' is not a plain decimal number (YAML 1.1 would read it as octal, hex or base 60); "
                "quote it if it is text, or write the number in decimal",
            )
            return value
        if tag == FLOAT:
            if _DECIMAL_FLOAT.match(value) or _DECIMAL_INT.match(value):
                self.has_float = True
                return float(value)
            self.problem(node.start_mark, non_decimal_number.CODE, f"'{value}' is not a plain decimal number; quote it if it is text")
            return value
        if tag == BOOL:
            b = _TRUE_FALSE.get(value)
            if b is not None:
                return b
            self.problem(
                node.start_mark,
                ambiguous_boolean.CODE,
                f"'{value}' is read as a boolean by YAML 1.1; write true/false, or quote it if it is text",
            )
            return value
        if tag == NULL:
            return None
        if tag == TIMESTAMP:
            self.problem(
                node.start_mark,
                unquoted_date.CODE,
                f"unquoted date '{value}' is read as a date object, not text; write it quoted: \"{value}\"",
            )
            return value
        self.problem(node.start_mark, unknown_tag.CODE, f"unknown tag {tag!r}: only plain YAML values are allowed")
        return None


def decode(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    """Decode UTF-8 (with or without BOM); anything else is a located problem."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, finding(path, 1, 1, encoding.CODE, "file is UTF-16 (byte-order mark at byte 0); save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1  # characters, as editors count
        hint = ""
        try:
            raw.decode("gb18030")
            hint = " (it looks like GBK/GB18030: save it as UTF-8)"
        except UnicodeDecodeError:
            pass
        return None, finding(
            path, line, col, encoding.CODE, f"not valid UTF-8 at byte offset {exc.start}{hint}"
        )
    if "\x00" in text:
        off = text.index("\x00")
        line = text.count("\n", 0, off) + 1
        col = off - (text.rfind("\n", 0, off) + 1) + 1
        return None, finding(path, line, col, encoding.CODE, f"NUL byte at offset {len(text[:off].encode())}: not a text file")
    return text, None


def _yaml_error(path: str, exc: yaml.YAMLError) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    msg = f"{context}, {problem}" if context else str(problem)
    if "expected a single document" in msg:
        return finding(path, line, col, multiple_documents.CODE, "more than one YAML document ('---'): one file holds one policy document")
    return finding(path, line, col, yaml_syntax.CODE, f"YAML syntax error: {msg}")


def _find_alias(text: str, path: str) -> Finding | None:
    """The first alias in the text, located where it is used.

    Aliases are refused outright: that makes "billion laughs" impossible and keeps
    every rule written out in full. Only a text containing '*' can hold one, so
    the extra event scan is skipped for almost every file.
    """
    if "*" not in text:
        return None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                m = event.start_mark
                return finding(path, m.line + 1, m.column + 1, alias.CODE, f"alias '*{event.anchor}' is not allowed: write the value out in full")
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its position
    return None


def _name(text: str) -> str:
    """The first control or invisible character in text, named as a person can look it up."""
    m = _CONTROL_OR_UNSEEN.search(text)
    if m is None:
        return "no control character"
    ch = m.group()
    what = INVISIBLE.get(ch, "control character")
    return f"{what} U+{ord(ch):04X}"


def _pos(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _prescan(text: str, path: str, limits: Limits) -> Finding | None:
    """Refuse, before parsing, what would crash or confuse the parser.

    libyaml's composer recurses in C and kills the whole process (a segmentation
    fault, not an error) at some tens of thousands of nested levels, so depth is
    bounded here: a cheap upper bound first, and only when that is over the limit
    an exact count on the parser's event stream, which does not recurse.
    """
    m = _CONTROL_OR_UNSEEN.search(text)  # one pass for both kinds
    if m is not None:
        line, col = _pos(text, m.start())
        if m.group() in INVISIBLE:
            return finding(path, line, col, control_character.CODE,
                           f"{_name(m.group())} is not allowed in a policy file: it is invisible and changes how "
                           "the text reads or where its lines break")
        return finding(path, line, col, control_character.CODE,
                       f"control character U+{ord(m.group()):04X} is not allowed in a policy file (pasted from Word?)")
    m = _TAB_INDENT.search(text)
    if m is not None:
        line, col = _pos(text, m.end() - 1)
        return finding(path, line, col, tab_indentation.CODE, "tab used for indentation: YAML indents with spaces")
    long_line = re.search(r"^[^\n]{%d}" % (limits.max_line_length + 1), text, re.MULTILINE)
    if long_line is not None:
        line, _ = _pos(text, long_line.start())
        length = len(text[long_line.start():].split("\n", 1)[0])
        return finding(path, line, limits.max_line_length + 1, line_too_long.CODE,
                       f"line is {length} characters long, over the limit of {limits.max_line_length}")
    depth = bound = 0
    for ch in _BRACKET.findall(text):
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        bound = max(bound, depth)
    # block nesting: indentation and compact "- - -" at the start of a line; only a line
    # starting with more of them than the brackets leave room for can go over
    room = limits.max_depth - bound
    if room >= 0 and re.search(r"^[ ?:-]{%d}" % (room + 1), text, re.MULTILINE) is None:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limits.max_depth:
                    m2 = event.start_mark
                    return finding(path, m2.line + 1, m2.column + 1, nesting_depth.CODE,
                                   f"nesting deeper than {limits.max_depth} levels")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its position
    return None


_NODE_STARTS = "-:,[{?"


def _count_items(text: str, path: str, limits: Limits) -> Finding | None:
    """Refuse a file with too many keys and items while parsing, before anything is built.

    Composing a 5 MiB file of dense flow items (``- [1,1,1,...]``) would build
    millions of nodes (over a gigabyte) before they could be counted. A cheap
    upper bound from the text comes first; only when it is over the limit are
    the parser's events counted, and the count stops at the limit.
    """
    # every counted item takes at least two characters ("1," in a flow list, "-\n")
    if len(text) <= 2 * limits.max_nodes:
        return None
    bound = 2 * sum(map(text.count, _NODE_STARTS)) + text.count("\n") + 1
    if bound <= limits.max_nodes:
        return None
    count = 0
    stack: list[list[int]] = []  # per open collection: [is a mapping, expecting a key]
    node_events = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, node_events):
                if stack:
                    top = stack[-1]
                    if not top[0] or top[1]:  # an item of a list, or a key of a mapping
                        count += 1
                        if count > limits.max_nodes:
                            m = event.start_mark
                            return finding(path, m.line + 1, m.column + 1, too_many_items.CODE,
                                           f"more than {limits.max_nodes} keys and items: split the file")
                    if top[0]:
                        top[1] ^= 1
                if isinstance(event, yaml.MappingStartEvent):
                    stack.append([1, 1])
                elif isinstance(event, yaml.SequenceStartEvent):
                    stack.append([0, 0])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its position
    return None


def load_text(text: str, path: str, limits: Limits = Limits()) -> LoadedFile:
    result = LoadedFile(path)
    early = _prescan(text, path, limits) or _find_alias(text, path) or _count_items(text, path, limits)
    if early is not None:
        result.problems.append(early)
        return result
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        result.problems.append(_yaml_error(path, exc))
        return result
    finally:
        loader.dispose()
    if node is None:
        result.problems.append(finding(path, 1, 1, top_level_mapping.CODE, "file is empty: a policy file must be a mapping with 'kind'"))
        return result
    if node.tag != MAP:
        m = node.start_mark
        result.problems.append(finding(path, m.line + 1, m.column + 1, top_level_mapping.CODE, "the top level must be a mapping (key: value), not a list or a single value"))
        return result
    builder = _Builder(path, limits)
    data = builder.build(node)
    if builder.count > limits.max_nodes:
        result.problems.append(finding(path, 1, 1, too_many_items.CODE,
                                       f"{builder.count} keys and items, over the limit of {limits.max_nodes}: "
                                       "split the file"))
        return result
    result.problems.extend(builder.problems)
    result.positions = builder.positions
    result.has_float = builder.has_float
    # Keep data even with value-level problems: schema and reference checks still
    # run and report everything in one pass. Structural failures set data to None.
    if any(p.code == nesting_depth.CODE for p in builder.problems):
        return result
    result.data = data
    return result


def load_file(file: Path, shown: str, limits: Limits = Limits()) -> LoadedFile:

    def not_regular(mode: int) -> LoadedFile:
        kinds = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                 (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder"))
        what = next((name for test, name in kinds if test(mode)), "special file")
        return LoadedFile(shown, problems=[finding(shown, 1, 1, unreadable_file.CODE,
                                                   f"cannot read file: not a regular file ({what})")])

    try:
        # Look before opening: opening a FIFO waits for a writer forever, a device may never end.
        st = file.stat()
        if not stat.S_ISREG(st.st_mode):
            return not_regular(st.st_mode)
        size = st.st_size
        if size > limits.max_bytes:
            return LoadedFile(shown, problems=[finding(shown, 1, 1, file_too_large.CODE, f"file is {size} bytes, over the limit of {limits.max_bytes}")])
        # Should the file be swapped for a FIFO after the look, O_NONBLOCK keeps open from waiting,
        # fstat sees it, and the bounded read stops a file that grew past the limit.
        with open(os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)), "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                return not_regular(st.st_mode)
            raw = f.read(limits.max_bytes + 1)
        if len(raw) > limits.max_bytes:
            return LoadedFile(shown, problems=[finding(shown, 1, 1, file_too_large.CODE, f"file is over the limit of {limits.max_bytes} bytes")])
    except OSError as exc:
        return LoadedFile(shown, problems=[finding(shown, 1, 1, unreadable_file.CODE, f"cannot read file: {exc.strerror or exc}")])
    text, problem = decode(raw, shown)
    if problem is not None:
        return LoadedFile(shown, problems=[problem])
    assert text is not None
    return load_text(text, shown, limits)
