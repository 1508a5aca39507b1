"""The loader: positions, YAML 1.1 surprises, encodings and file-system cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.config import Config
from handbook.engine import run
from handbook.loader import Limits, decode, load_text


def test_positions_of_keys_and_items() -> None:
    text = "kind: glossary\nterms:\n  - id: a\n    term: 投诉\n  - id: b\n"
    loaded = load_text(text, "x.yaml")
    assert loaded.problems == []
    terms = loaded.data["terms"]
    assert loaded.key_pos(loaded.data, "kind") == (1, 7)
    assert loaded.key_pos(loaded.data, "kind", value=False) == (1, 1)
    assert loaded.item_pos(terms, 1) == (5, 5)
    # columns count characters, not bytes: 投诉 is two characters
    assert loaded.key_pos(terms[0], "term") == (4, 11)
    assert loaded.locate(["terms", 0, "term"]) == (4, 11)
    assert loaded.locate(["terms", 1, "missing"]) == (5, 5)


def test_duplicate_key_is_reported_with_both_lines() -> None:
    loaded = load_text("a: 1\nb: 2\na: 3\n", "x.yaml")
    [p] = loaded.problems
    assert (p.code, p.line, p.column) == ("YML002", 3, 1)
    assert "duplicate key 'a'" in p.message and "line 1" in p.message
    assert loaded.data == {"a": 1, "b": 2}  # the first value is kept, the repeat reported


@pytest.mark.parametrize(
    ("value", "code", "kept"),
    [("no", "YML003", "no"), ("On", "YML003", "On"), ("2026-01-01", "YML004", "2026-01-01"),
     ("010", "YML005", "010"), ("0x1A", "YML005", "0x1A"), ("1_000", "YML005", "1_000"), ("1:30", "YML005", "1:30")],
)
def test_yaml_11_surprises_are_reported_and_kept_as_text(value: str, code: str, kept: str) -> None:
    loaded = load_text(f"k: {value}\n", "x.yaml")
    [p] = loaded.problems
    assert (p.code, p.line, p.column) == (code, 1, 4)
    assert value in p.message
    assert loaded.data == {"k": kept}


def test_plain_values_are_typed() -> None:
    loaded = load_text('a: true\nb: 10\nc: 1.5\nd: null\ne: "2026-01-01"\nf: ~\n', "x.yaml")
    assert loaded.problems == []
    assert loaded.data == {"a": True, "b": 10, "c": 1.5, "d": None, "e": "2026-01-01", "f": None}


def test_syntax_error_location() -> None:
    loaded = load_text("a: 1\nb: [1, 2\nc: 3\n", "x.yaml")
    [p] = loaded.problems
    assert p.code == "YML001" and (p.line, p.column) == (3, 2)
    assert "flow sequence" in p.message
    assert not loaded.ok


def test_python_tag_is_never_constructed() -> None:
    loaded = load_text("a: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "x.yaml")
    assert [p.code for p in loaded.problems] == ["YML008"]
    assert loaded.data == {"a": None}


def test_billion_laughs_is_refused_at_once() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]")
    loaded = load_text("\n".join(lines) + "\n", "x.yaml")
    [p] = loaded.problems
    assert (p.code, p.line, p.column) == ("YML010", 2, 10)
    assert not loaded.ok


def test_star_in_text_is_not_an_alias() -> None:
    loaded = load_text("a: '*重要*'\nb: 5 * 3\n", "x.yaml")
    assert loaded.problems == [] and loaded.data == {"a": "*重要*", "b": "5 * 3"}


def test_merge_key_refused() -> None:
    loaded = load_text("a:\n  <<: {x: 1}\n  y: 2\n", "x.yaml")
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("YML009", 2, 3)]


@pytest.mark.parametrize(
    ("raw", "message", "line", "col"),
    [
        ("kind: 术语\n".encode("utf-16"), "UTF-16", 1, 1),
        ("a: 1\nb: 投诉\n".encode("gbk"), "byte offset 10 (it looks like GBK", 2, 5),
        (b"a: 1\nb: \xff\xfe\n", "byte offset 8", 2, 4),
        (b"a: 1\nb: x\x00y\n", "NUL byte at offset 9", 2, 5),
    ],
)
def test_bad_encodings(raw: bytes, message: str, line: int, col: int) -> None:
    text, p = decode(raw, "x.yaml")
    assert text is None and p is not None
    assert p.code == "ENC001" and message in p.message and (p.line, p.column) == (line, col)


def test_utf8_bom_accepted() -> None:
    text, p = decode("\ufeffa: 投诉\n".encode("utf-8"), "x.yaml")
    assert p is None and text == "a: 投诉\n"


def test_depth_limit() -> None:
    loaded = load_text("a: " + "[" * 20 + "]" * 20 + "\n", "x.yaml", Limits(max_depth=10))
    assert [p.code for p in loaded.problems] == ["YML011"] and not loaded.ok


def test_file_size_limit(policy_set: Path) -> None:
    result = run(policy_set, Config(limits=Limits(max_bytes=600)))
    big = [p for p in result.problems if p.code == "FIL003"]
    assert big and all("over the limit of 600" in p.message for p in big)


def test_symlink_leaving_the_policy_folder_is_refused(policy_set: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("kind: glossary\n")
    (policy_set / "link.yaml").symlink_to(outside)
    (policy_set / "sub").symlink_to(tmp_path, target_is_directory=True)
    result = run(policy_set)
    assert sorted((p.path, p.code) for p in result.problems) == [("link.yaml", "FIL004"), ("sub", "FIL004")]


def test_unreadable_file_is_a_problem(policy_set: Path) -> None:
    (policy_set / "dangling.yaml").symlink_to(policy_set / "missing.yaml")
    result = run(policy_set)
    [p] = result.problems
    assert (p.path, p.code) == ("dangling.yaml", "FIL002")
    assert "cannot read" in p.message


def test_empty_policy_folder_is_a_problem(tmp_path: Path) -> None:
    result = run(tmp_path)
    [p] = result.problems
    assert p.code == "FIL005" and "no policy files" in p.message
    assert result.exit_code() == 1


def test_hidden_folders_are_skipped_but_every_yaml_elsewhere_is_read(policy_set: Path) -> None:
    (policy_set / ".git").mkdir()
    (policy_set / ".git" / "junk.yaml").write_text("not: a policy\n")
    (policy_set / "deep" / "er").mkdir(parents=True)
    (policy_set / "deep" / "er" / "notes.yml").write_text("note: 随手记\n")
    result = run(policy_set)
    assert [(p.path, p.code) for p in result.problems] == [("deep/er/notes.yml", "FIL001")]


def test_item_count_limit() -> None:
    text = "terms:\n" + "".join(f"  - t{i}\n" for i in range(50))
    loaded = load_text(text, "x.yaml", Limits(max_nodes=20))
    [p] = loaded.problems
    # counted while parsing: reported at the item that goes over ("terms" is the first)
    assert p.code == "YML014" and "more than 20 keys and items" in p.message and (p.line, p.column) == (21, 5)
    assert not loaded.ok


def test_deep_nesting_is_refused_before_the_parser_can_crash() -> None:
    # libyaml's composer recurses in C: ~30,000 levels kill the process. Short lines,
    # so only the nesting guard stands in the way.
    text = "a:\n" + "  [\n" * 40_000 + "  ]\n" * 40_000
    loaded = load_text(text, "x.yaml")
    [p] = loaded.problems
    assert (p.code, p.line) == ("YML011", 65) and "deeper than 64" in p.message


def test_crlf_line_ends_are_accepted() -> None:
    loaded = load_text("a:\r\n  b: 投诉\r\n", "x.yaml")
    assert loaded.problems == [] and loaded.data == {"a": {"b": "投诉"}}
    assert loaded.key_pos(loaded.data["a"], "b") == (2, 6)


def test_the_lean_tag_resolution_agrees_with_pyyaml() -> None:
    """loader._Loader resolves tags without PyYAML's general machinery (for speed): on every kind
    of plain scalar the safe loader knows, quoted, tagged, and on collections, it must name the
    tag PyYAML's safe loader names."""
    import yaml

    from handbook.loader import _Loader

    values = ["", "~", "null", "Null", "NULL", "true", "True", "TRUE", "yes", "no", "on", "Off", "y", "n", "1", "-1",
              "+1", "0x1f", "0o17", "017", "1_000", "0b101", "1.5", ".5", "+.5", "1e3", "1.0e+3", ".inf", "-.Inf",
              ".nan", "2026-01-01", "2026-01-01T10:00:00Z", "2026-1-1", "<<", "=", "abc", "处罚", "12:30",
              "190:20:30", "-"]
    plain = [v for v in values if v not in ("", "-")]  # no value; a list's dash
    written = ["k:"] + [f"k: {v}" for v in plain] + [f"k: ! {v}" for v in plain]
    written += [f"k: '{v}'" for v in values] + [f'k: "{v}"' for v in values]
    written += ["k: !!int 5", "k: !custom x", "k: [1, {a: b}]", "k: ! [1]", "k: !!map {a: b}", "? [1]\n: 2",
                f"{values[5]}: 1", "<<: 1", "1.5: x"]
    for text in written:
        ours = yaml.compose(text, Loader=_Loader)
        theirs = yaml.compose(text, Loader=yaml.CSafeLoader)
        pairs = [(ours, theirs)]
        while pairs:
            a, b = pairs.pop()
            assert a.tag == b.tag, text
            if isinstance(a, yaml.MappingNode):
                pairs += [(x, y) for ka, kb in zip(a.value, b.value, strict=True) for x, y in zip(ka, kb, strict=True)]
            elif isinstance(a, yaml.SequenceNode):
                pairs += list(zip(a.value, b.value, strict=True))


@pytest.mark.parametrize(("text", "tag"), [
    ("a: !!map foo\n", "tag:yaml.org,2002:map"),
    ("a: !!seq foo\n", "tag:yaml.org,2002:seq"),
    ("a: !!int [1]\n", "tag:yaml.org,2002:int"),
    ("a: !!str {b: 1}\n", "tag:yaml.org,2002:str"),
])
def test_a_tag_that_does_not_fit_its_node_is_a_located_problem(text: str, tag: str) -> None:
    """A collection's tag on a single value, or a value's on a collection, made a traceback (or
    kept composed nodes as data) before."""
    loaded = load_text(text, "x.yaml")
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("YML008", 1, 4)]
    assert repr(tag) in loaded.problems[0].message
    assert loaded.data == {"a": None}
