"""Read one policy file into plain Python data plus the position of every key and item.

libyaml (PyYAML's C parser) composes the node tree; we construct the values
ourselves instead of using PyYAML's ``SafeConstructor`` because we need three
things it cannot give: the line and column of every key and item, duplicate keys
reported (PyYAML keeps the last one silently), and YAML 1.1 surprises (``no`` read
as ``False``, unquoted dates, ``010`` read as octal) reported instead of
converted. Only str, int, float, bool, None, dict and list are ever built, so no
tag can make us construct an object.

Why not ruamel.yaml, which keeps positions and refuses duplicate keys itself: its
round-trip loader (the one that keeps positions) is pure Python; on the 10,000-item
corpus it took 7.0 s where libyaml's composer takes 0.30 s (23x, 2026-11-29), and the
check must stay near a bare libyaml parse (benchmarks/README.md). It also reads YAML
1.2, where ``no`` is a string, so the YAML 1.1 slips an editor makes would pass
silently instead of being reported.

Every failure is returned as a ``Finding`` in the result (the engine gives it its
severity), never raised: one bad file must not stop the run (the check-jsonschema
lesson).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from array import array
from dataclasses import dataclass, field, replace
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
from .i18n import _
from .limits import Limits
from .problem import CONTROL, INVISIBLE, Finding, finding, invisible_name

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - libyaml is a declared requirement
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]


class _Loader(_Parser):
    """libyaml's parser with PyYAML's safe tag resolution done lean. The composer asks Python to
    resolve the tag of every node (a third of a load's time in a 10,000-item set); PyYAML's
    resolver also walks path resolvers, which the safe loader has none of, on every node.
    (Answering with a builtin, ``slice``, and resolving in the builder instead measured slower,
    2026-11-30: the same work, moved.)"""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return STR
        return SEQ if kind is yaml.SequenceNode else MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers

    def ascend_resolver(self) -> None:
        pass


# the safe loader's implicit resolvers by first character: (tag, pattern). It has no resolver for
# any first character (None) and no path resolvers, which the lean resolve() leaves out.
_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    k: tuple(v) for k, v in _Parser.yaml_implicit_resolvers.items() if k is not None}
if None in _Parser.yaml_implicit_resolvers or _Parser.yaml_path_resolvers:  # pragma: no cover - a PyYAML change
    raise ImportError("PyYAML's safe loader gained resolvers that handbook.loader's lean resolve() leaves out")

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

# Positions, all 1-based. As the loader records them, packed (issue 16.1: a tuple per value made
# the table larger than the data): for a mapping, an array of 4 ints per key in the mapping's own
# order (key line, key col, value line, value col); for a sequence, 2 ints per item (line, col).
# Code that builds a container of its own (a branch's effective item) may record it unpacked, as
# key -> (key line, key col, value line, value col) or a list of (line, col); both are read.
KeyPos = tuple[int, int, int, int]
Positions = dict[int, Any]  # id(container) -> array('i') | dict[str, KeyPos] | list[tuple[int, int]]


@dataclass
class LoadedFile:
    path: str  # as shown to the user (relative to the policy root when possible)
    data: Any = None
    positions: Positions = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    # JSON Schema counts 20.0 as an integer; a file with any float is validated by
    # the detailed validator, whose "integer" means a whole number written as one
    has_float: bool = False
    # the kind its schema accepted it as, with no problem: a copy of it (Reuse) needs no second look
    valid_as: str | None = None

    @property
    def ok(self) -> bool:
        return self.data is not None

    def key_pos(self, container: dict[str, Any], key: str, value: bool = True) -> tuple[int, int]:
        """Line and column of ``container[key]`` (its value, or its key)."""
        pos = self.positions.get(id(container))
        if isinstance(pos, array):
            for i, k in enumerate(container):  # the packed places are in the mapping's own order
                if k == key:
                    return (pos[4 * i + 2], pos[4 * i + 3]) if value else (pos[4 * i], pos[4 * i + 1])
        elif pos and key in pos:
            p = pos[key]
            return (p[2], p[3]) if value else (p[0], p[1])
        return self.container_pos(container)

    def key_positions(self, container: dict[str, Any]) -> dict[str, KeyPos]:
        """Every key's (key line, key col, value line, value col) in a mapping, unpacked."""
        pos = self.positions.get(id(container))
        if isinstance(pos, array):
            at = range(0, len(pos), 4)
            return {k: (pos[i], pos[i + 1], pos[i + 2], pos[i + 3]) for k, i in zip(container, at, strict=False)}
        return pos if isinstance(pos, dict) else {}

    def item_positions(self, container: list[Any]) -> list[tuple[int, int]]:
        """Every item's (line, col) in a sequence, unpacked."""
        pos = self.positions.get(id(container))
        if isinstance(pos, array):
            return list(zip(pos[::2], pos[1::2], strict=True))
        return pos if isinstance(pos, list) else []

    def item_pos(self, container: list[Any], index: int) -> tuple[int, int]:
        pos = self.positions.get(id(container))
        if isinstance(pos, array):
            if 0 <= index < len(pos) // 2:
                return pos[2 * index], pos[2 * index + 1]
        elif pos and 0 <= index < len(pos):
            line, col = pos[index]
            return line, col
        return self.container_pos(container)

    def container_pos(self, container: Any) -> tuple[int, int]:
        pos = self.positions.get(id(container))
        if isinstance(pos, array) and pos:
            return pos[0], pos[1]
        if isinstance(pos, dict) and pos:
            p = next(iter(pos.values()))
            return p[0], p[1]
        if isinstance(pos, list) and pos:
            line, col = pos[0]
            return line, col
        return 1, 1

    def locate(self, path: list[str | int] | tuple[str | int, ...]) -> tuple[int, int]:
        """Line and column of the value at a JSON path (as validators report it).

        Walks down as far as the path exists, so an error about a missing key
        points at the mapping that lacks it.
        """
        node: Any = self.data
        line, col = 1, 1
        for seg in path:
            if isinstance(node, dict) and isinstance(seg, str) and seg in node:
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

    __slots__ = ("count", "escapes", "fullwidth", "has_float", "limits", "path", "positions", "problems")

    def __init__(self, path: str, limits: Limits, text: str = "\\\u3000") -> None:
        # per-node checks only a text holding their character can need (the hot path stays lean)
        self.escapes = "\\" in text  # a double-quoted value can only hold an escape with a backslash
        self.fullwidth = FULLWIDTH_SPACE in text
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
            self.problem(node.start_mark, nesting_depth.CODE,
                         _("nesting deeper than {limit} levels").format(limit=self.limits.max_depth))
            return None
        tag, kind = node.tag, node.__class__
        if tag == STR:
            if kind is yaml.ScalarNode:
                # only a double-quoted value has escapes; the raw text was scanned before parsing
                if self.escapes and node.style == '"' and _CONTROL_OR_UNSEEN.search(node.value):
                    self.problem(node.start_mark, control_character.CODE,
                                 _("this quoted value holds {character} (written as an escape): it is not allowed "
                                   "in a policy file").format(character=_name(node.value)))
                return node.value
        elif tag == MAP:
            if kind is yaml.MappingNode:
                return self._mapping(node, depth)
        elif tag == SEQ:
            if kind is yaml.SequenceNode:
                return self._sequence(node, depth)
        elif kind is yaml.ScalarNode:
            return self._scalar(node, tag)
        # a tag that does not fit its node (!!int [1], !!str {a: 1}, !!map x) or on a collection (!x {})
        self.problem(node.start_mark, unknown_tag.CODE,
                     _("unknown tag {tag}: only plain YAML values are allowed").format(tag=repr(tag)))
        return None

    def _mapping(self, node: Any, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        pos = array("i")  # 4 per key, in out's order (a duplicate key is not kept: neither is its place)
        self.count += len(node.value)
        for knode, vnode in node.value:
            km = knode.start_mark
            if type(knode) is not yaml.ScalarNode:
                self.problem(km, unknown_tag.CODE, _("a mapping key must be a plain string"))
                continue
            ktag = knode.tag
            if ktag == MERGE:
                self.problem(km, merge_key.CODE, _("merge keys (<<) are not allowed: write the keys out in full"))
                continue
            key = knode.value  # an int-looking key too: keep its text, keys are names
            if ktag == STR:
                if self.fullwidth and key.startswith(FULLWIDTH_SPACE):
                    # indented with a full-width space: YAML read it as part of a key at the wrong level
                    self.problem(km, yaml_syntax.CODE, _fullwidth_message(FULLWIDTH_SPACE))
            elif ktag not in (INT, FLOAT, BOOL, NULL, TIMESTAMP):
                self.problem(km, unknown_tag.CODE, _("unknown tag {tag} on a key").format(tag=repr(ktag)))
                continue
            if key in out:
                first = pos[4 * list(out).index(key)]
                self.problem(
                    km,
                    duplicate_key.CODE,
                    _("duplicate key '{key}' (first defined at line {line}); YAML would silently keep only the "
                      "last").format(key=key, line=first),
                )
                continue
            vm = vnode.start_mark
            out[key] = self.build(vnode, depth + 1)
            pos.extend((km.line + 1, km.column + 1, vm.line + 1, vm.column + 1))
        self.positions[id(out)] = pos
        return out

    def _sequence(self, node: Any, depth: int) -> list[Any]:
        items = node.value
        self.count += len(items)
        out = [self.build(n, depth + 1) for n in items]
        pos = array("i")
        for n in items:
            pos.extend((n.start_mark.line + 1, n.start_mark.column + 1))
        self.positions[id(out)] = pos
        return out

    def _scalar(self, node: Any, tag: str) -> Any:
        value: str = node.value
        if tag == INT:
            if "_" not in value and _DECIMAL_INT.match(value):
                return int(value)
            self.problem(
                node.start_mark,
                non_decimal_number.CODE,
                _("'{value}' is not a plain decimal number (YAML 1.1 would read it as octal, hex or base 60); "
                  "quote it if it is text, or write the number in decimal").format(value=value),
            )
            return value
        if tag == FLOAT:
            if _DECIMAL_FLOAT.match(value) or _DECIMAL_INT.match(value):
                self.has_float = True
                return float(value)
            self.problem(node.start_mark, non_decimal_number.CODE,
                         _("'{value}' is not a plain decimal number; quote it if it is text").format(value=value))
            return value
        if tag == BOOL:
            b = _TRUE_FALSE.get(value)
            if b is not None:
                return b
            self.problem(
                node.start_mark,
                ambiguous_boolean.CODE,
                _("'{value}' is read as a boolean by YAML 1.1; write true/false, or quote it if it is "
                  "text").format(value=value),
            )
            return value
        if tag == NULL:
            return None
        if tag == TIMESTAMP:
            self.problem(
                node.start_mark,
                unquoted_date.CODE,
                _("unquoted date '{value}' is read as a date object, not text; write it quoted: "
                  "\"{value}\"").format(value=value),
            )
            return value
        self.problem(node.start_mark, unknown_tag.CODE,
                     _("unknown tag {tag}: only plain YAML values are allowed").format(tag=repr(tag)))
        return None


def decode(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    """Decode UTF-8 (with or without BOM); anything else is a located problem."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, finding(path, 1, 1, encoding.CODE,
                             _("file is UTF-16 (byte-order mark at byte 0); save it as UTF-8"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1  # characters, as editors count
        try:
            raw.decode("gb18030")
            message = _("not valid UTF-8 at byte offset {offset} (it looks like GBK/GB18030: save it as UTF-8)")
        except UnicodeDecodeError:
            message = _("not valid UTF-8 at byte offset {offset}")
        return None, finding(path, line, col, encoding.CODE, message.format(offset=exc.start))
    if "\x00" in text:
        off = text.index("\x00")
        line = text.count("\n", 0, off) + 1
        col = off - (text.rfind("\n", 0, off) + 1) + 1
        return None, finding(path, line, col, encoding.CODE, _("NUL byte at offset {offset}: not a text file").format(
            offset=len(text[:off].encode())))
    return text, None


def _yaml_error(path: str, exc: yaml.YAMLError) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    msg = f"{context}, {problem}" if context else str(problem)
    if "expected a single document" in msg:
        return finding(path, line, col, multiple_documents.CODE,
                       _("more than one YAML document ('---'): one file holds one policy document"))
    # the parser's own words (libyaml's, in English) follow
    return finding(path, line, col, yaml_syntax.CODE, _("YAML syntax error: {detail}").format(detail=msg))


# Full-width punctuation a Chinese input method types where YAML needs the ASCII character.
# It breaks parsing a line or more after the slip, with a message that never names it.
FULLWIDTH_COLON, FULLWIDTH_COMMA, FULLWIDTH_DASH, FULLWIDTH_SPACE = "\uff1a", "\uff0c", "\uff0d", "\u3000"
_LEADING = re.compile("[ \u3000]*")
_MAX_TRIED = 8  # candidates re-parsed per failure: each costs one parse of the text up to it


def _fullwidth_message(ch: str) -> str:
    if ch == FULLWIDTH_COLON:
        return _("YAML syntax error: full-width colon '：' (U+FF1A) where YAML needs an ASCII colon and a space "
                 "('key: value'); switch the input method to half-width punctuation")
    if ch == FULLWIDTH_COMMA:
        return _("YAML syntax error: full-width comma '，' (U+FF0C) inside [ ] or { }, where YAML needs an ASCII "
                 "comma ',' between items; switch the input method to half-width punctuation")
    if ch == FULLWIDTH_DASH:
        return _("YAML syntax error: full-width dash '－' (U+FF0D) where YAML needs an ASCII '-' and a space to "
                 "start a list item; switch the input method to half-width punctuation")
    return _("YAML syntax error: full-width space (U+3000) used for indentation: YAML indents with ASCII spaces")


def _failure(text: str) -> tuple[int, int] | None:
    """Where parsing fails, as character offsets: the start of the construct the parser gave
    up on (else where it stopped), and where it stopped; None when the text parses. Events
    only, nothing composed: this runs once per candidate on a file that is already broken."""
    try:
        for _event in yaml.parse(text, Loader=_Loader):
            pass
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem_mark", None)
        context = getattr(exc, "context_mark", None) or problem
        return (context.index, problem.index) if context is not None and problem is not None else (0, 0)
    return None


def _as_ascii(text: str, offset: int) -> str:
    """``text`` with the full-width character at ``offset`` written as YAML wants it."""
    ch = text[offset]
    if ch == FULLWIDTH_SPACE:  # the whole indentation, two columns per full-width space as editors show it
        end = _LEADING.match(text, offset).end()  # type: ignore[union-attr]
        return text[:offset] + text[offset:end].replace(FULLWIDTH_SPACE, "  ") + text[end:]
    ascii_ = {FULLWIDTH_COLON: ":", FULLWIDTH_COMMA: ",", FULLWIDTH_DASH: "-"}[ch]
    space = "" if text[offset + 1:offset + 2] in (" ", "\n", "") else " "
    return text[:offset] + ascii_ + space + text[offset + 1:]


def _fullwidth_slip(text: str, path: str, exc: yaml.YAMLError) -> Finding | None:
    """The full-width character that broke parsing, located where it was typed.

    Candidates are on the lines the parser's error spans (where the failing construct started,
    and the two lines up to where it stopped): ``：``, ``，``, ``－`` anywhere there, a full-width
    space in the indentation. The first whose ASCII form gets the parser past the place where it
    failed is the slip; one that changes nothing there (a ``：`` in Chinese text) is not.
    """
    # the scanner's and the parser's errors; two documents, say, are no slip of punctuation
    if not isinstance(exc, (yaml.scanner.ScannerError, yaml.parser.ParserError)) or exc.problem_mark is None:
        return None
    if not any(ch in text for ch in (FULLWIDTH_COLON, FULLWIDTH_COMMA, FULLWIDTH_DASH, FULLWIDTH_SPACE)):
        return None
    problem, context = exc.problem_mark, exc.context_mark
    before = ((context or problem).index, problem.index)
    lines = sorted({*(range(max(problem.line - 2, 0), problem.line + 1)), *([context.line] if context else [])})
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    # the parser fails where it did on what it has read by then: the text up to two lines past
    # that is enough to tell whether a candidate gets it further, and parses faster than the file
    cut = starts[problem.line + 3] if problem.line + 3 < len(starts) else len(text)
    tried = 0
    for n in lines:
        if n >= len(starts):
            continue
        begin = starts[n]
        end = text.find("\n", begin)
        end = len(text) if end < 0 else end
        indent_end = _LEADING.match(text, begin).end()  # type: ignore[union-attr]
        for offset in range(begin, end):
            ch = text[offset]
            if ch == FULLWIDTH_SPACE:
                if offset >= indent_end or (offset > begin and text[offset - 1] == FULLWIDTH_SPACE):
                    continue  # only indentation, tried once from its first full-width space
            elif ch not in (FULLWIDTH_COLON, FULLWIDTH_COMMA, FULLWIDTH_DASH):
                continue
            tried += 1
            if tried > _MAX_TRIED:
                return None
            fixed = _as_ascii(text[:cut], offset)
            after = _failure(fixed)
            shift = len(fixed) - cut  # what the ASCII form added, before the failures that follow it
            # past the slip: the parser gets through, or fails in a later construct, or later in the same one
            if after is None or after[0] - shift > before[0] or (
                    after[0] == before[0] and after[1] - shift > before[1]):
                return finding(path, n + 1, offset - begin + 1, yaml_syntax.CODE, _fullwidth_message(ch))
    return None


def _fullwidth_top_level(text: str, path: str, node: Any) -> Finding | None:
    """A file of ``key：value`` lines reads as one long text: when writing its full-width colons
    as ASCII makes it a mapping, name the first."""
    if not isinstance(node, yaml.ScalarNode) or node.style:  # plain only: a quoted text is meant
        return None
    first = text.find(FULLWIDTH_COLON, node.start_mark.index, node.end_mark.index)
    if first < 0:
        return None
    fixed = text[:first] + text[first:node.end_mark.index].replace(FULLWIDTH_COLON, ": ") + text[node.end_mark.index:]
    try:
        events = [type(e) for _n, e in zip(range(3), yaml.parse(fixed, Loader=_Loader), strict=False)]
        if events[2:] != [yaml.MappingStartEvent] or _failure(fixed) is not None:
            return None
    except yaml.YAMLError:
        return None
    line, col = _pos(text, first)
    return finding(path, line, col, yaml_syntax.CODE, _fullwidth_message(FULLWIDTH_COLON))


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
                assert m is not None  # the C parser marks every event
                return finding(path, m.line + 1, m.column + 1, alias.CODE,
                               _("alias '*{anchor}' is not allowed: write the value out in full").format(
                                   anchor=event.anchor))
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its position
    return None


def _name(text: str) -> str:
    """The first control or invisible character in text, named as a person can look it up."""
    m = _CONTROL_OR_UNSEEN.search(text)
    if m is None:
        return _("no control character")
    ch = m.group()
    return f"{invisible_name(ch)} U+{ord(ch):04X}"


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
                           _("{character} is not allowed in a policy file: it is invisible and changes how the text "
                             "reads or where its lines break").format(character=_name(m.group())))
        return finding(path, line, col, control_character.CODE,
                       _("control character U+{code} is not allowed in a policy file (pasted from Word?)").format(
                           code=f"{ord(m.group()):04X}"))
    m = _TAB_INDENT.search(text)
    if m is not None:
        line, col = _pos(text, m.end() - 1)
        return finding(path, line, col, tab_indentation.CODE, _("tab used for indentation: YAML indents with spaces"))
    long_line = re.search(r"^[^\n]{%d}" % (limits.max_line_length + 1), text, re.MULTILINE)
    if long_line is not None:
        line, _col = _pos(text, long_line.start())
        length = len(text[long_line.start():].split("\n", 1)[0])
        return finding(path, line, limits.max_line_length + 1, line_too_long.CODE,
                       _("line is {length} characters long, over the limit of {limit}").format(
                           length=length, limit=limits.max_line_length))
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
                    assert m2 is not None  # the C parser marks every event
                    return finding(path, m2.line + 1, m2.column + 1, nesting_depth.CODE,
                                   _("nesting deeper than {limit} levels").format(limit=limits.max_depth))
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
                            assert m is not None  # the C parser marks every event
                            return finding(path, m.line + 1, m.column + 1, too_many_items.CODE,
                                           _("more than {limit} keys and items: split the file").format(
                                               limit=limits.max_nodes))
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
        result.problems.append(_fullwidth_slip(text, path, exc) or _yaml_error(path, exc))
        return result
    finally:
        loader.dispose()
    if node is None:
        result.problems.append(finding(path, 1, 1, top_level_mapping.CODE,
                                       _("file is empty: a policy file must be a mapping with 'kind'")))
        return result
    if node.tag != MAP:
        m = node.start_mark
        slip = _fullwidth_top_level(text, path, node)
        if slip is not None:
            result.problems.append(slip)
            return result
        result.problems.append(finding(path, m.line + 1, m.column + 1, top_level_mapping.CODE,
                                       _("the top level must be a mapping (key: value), not a list or a single "
                                         "value")))
        return result
    builder = _Builder(path, limits, text)
    data = builder.build(node)
    if builder.count > limits.max_nodes:
        result.problems.append(finding(path, 1, 1, too_many_items.CODE,
                                       _("{count} keys and items, over the limit of {limit}: split the "
                                         "file").format(count=builder.count, limit=limits.max_nodes)))
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


Reuse = dict[bytes, LoadedFile]
"""Files already loaded, by their bytes: ``handbook diff`` loads two versions of a policy set
whose files are mostly the same, and a file read twice is parsed once."""


UNSAVED: dict[str, bytes] = {}
"""What an editor holds and has not saved, by the file's real path (``handbook lsp`` sets it): read
instead of the file on disk, so that every command path (the head office's, a branch's, a forked
worker's) checks what the editor shows."""


def load_file(file: Path, shown: str, limits: Limits = Limits(), reuse: Reuse | None = None) -> LoadedFile:

    def not_regular(mode: int) -> LoadedFile:
        kinds = ((stat.S_ISFIFO, _("FIFO")), (stat.S_ISSOCK, _("socket")), (stat.S_ISCHR, _("character device")),
                 (stat.S_ISBLK, _("block device")), (stat.S_ISDIR, _("folder")))
        what = next((name for test, name in kinds if test(mode)), _("special file"))
        return LoadedFile(shown, problems=[finding(shown, 1, 1, unreadable_file.CODE,
                                                   _("cannot read file: not a regular file ({what})").format(
                                                       what=what))])

    if UNSAVED:
        held = UNSAVED.get(os.path.realpath(file))
        if held is not None:
            if len(held) > limits.max_bytes:
                return LoadedFile(shown, problems=[finding(shown, 1, 1, file_too_large.CODE, _(
                    "file is over the limit of {limit} bytes").format(limit=limits.max_bytes))])
            return load_bytes(held, shown, limits, reuse)
    try:
        # Look before opening: opening a FIFO waits for a writer forever, a device may never end.
        st = file.stat()
        if not stat.S_ISREG(st.st_mode):
            return not_regular(st.st_mode)
        size = st.st_size
        if size > limits.max_bytes:
            return LoadedFile(shown, problems=[finding(shown, 1, 1, file_too_large.CODE, _(
                "file is {size} bytes, over the limit of {limit}").format(size=size, limit=limits.max_bytes))])
        # Should the file be swapped for a FIFO after the look, O_NONBLOCK keeps open from waiting,
        # fstat sees it, and the bounded read stops a file that grew past the limit.
        with open(os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)), "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                return not_regular(st.st_mode)
            raw = f.read(limits.max_bytes + 1)
        if len(raw) > limits.max_bytes:
            return LoadedFile(shown, problems=[finding(shown, 1, 1, file_too_large.CODE, _(
                "file is over the limit of {limit} bytes").format(limit=limits.max_bytes))])
    except OSError as exc:
        # the operating system's reason follows, in its own words
        return LoadedFile(shown, problems=[finding(shown, 1, 1, unreadable_file.CODE, _(
            "cannot read file: {reason}").format(reason=exc.strerror or exc))])
    return load_bytes(raw, shown, limits, reuse)


def load_bytes(raw: bytes, shown: str, limits: Limits = Limits(), reuse: Reuse | None = None) -> LoadedFile:
    """Load a file's bytes read from elsewhere (a git object); load_file reads its own. With
    ``reuse``, the same bytes loaded cleanly before are not parsed again: the copy shares their
    data (read-only, as every reader of a model treats it) under its own name."""
    if reuse is not None:
        known = reuse.get(raw)
        if known is not None:
            return replace(known, path=shown)
        loaded = load_bytes(raw, shown, limits)
        if loaded.ok and not loaded.problems:
            reuse[raw] = loaded
        return loaded
    if len(raw) > limits.max_bytes:
        return LoadedFile(shown, problems=[finding(shown, 1, 1, file_too_large.CODE, _(
            "file is {size} bytes, over the limit of {limit}").format(size=len(raw), limit=limits.max_bytes))])
    text, problem = decode(raw, shown)
    if problem is not None:
        return LoadedFile(shown, problems=[problem])
    assert text is not None
    return load_text(text, shown, limits)
