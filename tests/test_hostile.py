"""Hostile and broken input: the real CLI answers each with a located message, never a crash.

tests/hostile/ holds the corpus (made by tests/hostile/_generate.py) and
expected.tsv the code and position each file must produce.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.engine import run
from handbook.loader import load_text

from conftest import BASE, make_set, run_cli, run_measured

HOSTILE = Path(__file__).parent / "hostile"


def _cases() -> list[tuple[str, str, int, int]]:
    rows = []
    for line in (HOSTILE / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, code, ln, col = line.split("\t")
        rows.append((name, code, int(ln), int(col)))
    return rows


def test_corpus_is_large_and_complete() -> None:
    names = {c[0] for c in _cases()}
    assert len(names) >= 40
    assert names == {p.name for p in HOSTILE.glob("*.yaml")}


@pytest.mark.slow  # one process per file: the corpus runs in CI and `pytest` without -m
@pytest.mark.parametrize(("name", "code", "line", "col"), _cases(), ids=[c[0] for c in _cases()])
def test_hostile_file(name: str, code: str, line: int, col: int) -> None:
    rc, out, peak_mb = run_measured("check", f"tests/hostile/{name}", timeout=30)
    assert rc == 1, out
    assert f"tests/hostile/{name}:{line}:{col}: {code} " in out, out[:2000]
    assert "Traceback" not in out
    assert peak_mb < 500  # a guard against blowing up, not a target (benchmarks/ keeps those)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.yaml"
    with big.open("wb") as f:
        f.write(b"kind: glossary\nterms:\n")
        f.write(b"  - id: t\n    term: x\n" * 400_000)  # ~9 MB
    rc, out, peak_mb = run_measured("check", str(big), timeout=30)
    assert rc == 1 and "FIL003 file is" in out and "over the limit of 5242880" in out
    assert peak_mb < 100  # never read into memory


# -- property-based: mutate a valid set, always get a reported problem, never an exception ------

def _files() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(BASE.glob("*.yaml"))}


JUNK = st.sampled_from(["\x00", "\t", ": :", "- [", "{{", "&a", "*a", "!!python/object:x", "\ufeff", "'", '"',
                        "? ", "---", "\r", "010", "no", "2026-01-01", "<<: {}", "]", "%YAML 9"])


def _ref_fields() -> set[str]:
    """Names of reference fields, from the schemas' x-ref marks (no list kept by hand)."""
    from handbook.resources import schemas_dir
    from handbook.validation import SchemaSet

    schemas = SchemaSet(schemas_dir())
    out = set()
    for kind in schemas.kinds:
        for template, _ in schemas.refmodel(kind).refs:
            out.add(template[-1] if template[-1] != "*" else template[-2])
    return out


REF_FIELDS = _ref_fields()


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, str, str, str]:
    """(file, new text, kind of mutation, what it must produce: a code, or "" for anything)."""
    files = _files()
    name = draw(st.sampled_from(sorted(files)))
    lines = files[name].split("\n")
    i = draw(st.integers(min_value=0, max_value=len(lines) - 2))
    kind = draw(st.sampled_from(["drop", "swap_type", "break_ref", "dup_id", "junk", "dup_line"]))
    line = lines[i]
    expect = ""
    if kind == "drop":
        lines[i] = ""
    elif kind == "swap_type":
        key, sep, value = line.partition(": ")
        lines[i] = f"{key}: [{value}]" if sep and value else line + "\n  - 1"
    elif kind == "break_ref":
        refs = [n for n, ln in enumerate(lines)
                if ln.strip().lstrip("- ").partition(":")[0] in REF_FIELDS
                and re.fullmatch(r"[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*", ln.partition(": ")[2])]
        if refs:
            i = draw(st.sampled_from(refs))
            lines[i] = lines[i] + "-missing"
            expect = "REF001"
    elif kind == "dup_id":
        id_lines = [n for n, ln in enumerate(lines) if ln.strip().startswith("- id:")]
        if len(id_lines) >= 2:
            j, k = draw(st.lists(st.sampled_from(id_lines), min_size=2, max_size=2, unique=True))
            lines[j] = lines[j].split("- id:")[0] + "- id:" + lines[k].split("- id:")[1]
            expect = "REF002"
    elif kind == "junk":
        pos = draw(st.integers(min_value=0, max_value=len(line)))
        lines[i] = line[:pos] + draw(JUNK) + line[pos:]
    else:
        lines.insert(i, line)
    return name, "\n".join(lines), kind, expect


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation())
def test_mutated_policy_sets_never_crash(tmp_path_factory: pytest.TempPathFactory,
                                         case: tuple[str, str, str, str]) -> None:
    name, text, kind, expect = case
    root = make_set(tmp_path_factory.mktemp("m") / "p")
    (root / name).write_text(text, encoding="utf-8")
    result = run(root)  # must not raise
    for p in result.problems:
        assert p.path and p.code and p.message and p.line >= 0 and p.column >= 0
    if expect:
        # a broken reference or a duplicated id is always reported, in the file it is in
        assert any(p.code == expect and p.path == name for p in result.problems), (kind, result.problems)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    loaded = load_text(text, "x.yaml")
    for p in loaded.problems:
        assert p.code and p.line >= 1 and p.column >= 1


# -- nothing is lost: no command writes into the policy folder --------------------------------------

def _digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_every_command_leaves_policy_files_byte_for_byte_unchanged(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    shutil.copy(HOSTILE / "gbk.yaml", root / "zz-gbk.yaml")  # a broken file must not be "repaired" either
    before = _digest(root)
    mtimes = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    from browser import write_mkdocs_yml

    cfg = write_mkdocs_yml(tmp_path, root)
    commands = [  # (arguments, expected exit code): the broken file makes each of them report it
        (["check", str(root)], 1), (["check", str(root), "--format", "json"], 1),
        (["check", str(root), "--format", "sarif"], 1), (["rules"], 0), (["rules", "REF001"], 0),
        (["trace", str(root)], 1),
        (["deadline", "--from", "2026-09-30", "--within", "10 working_days", "--policies", str(root)], 1),
        (["build", "-f", str(cfg), "-d", str(tmp_path / "site")], 1),
    ]
    for args, code in commands:
        r = run_cli(*args, timeout=300)
        assert r.returncode == code, (args, r.stderr)
        assert "Traceback" not in r.stderr, args
        # compared after every command, before anything is reset
        assert _digest(root) == before, args
        assert {p: p.stat().st_mtime_ns for p in root.rglob("*")} == mtimes, args
    (root / "zz-gbk.yaml").unlink()  # and a build that succeeds does not write into the policies either
    before = _digest(root)
    r = run_cli("build", "-f", str(cfg), "-d", str(tmp_path / "site"), timeout=300)
    assert r.returncode == 0, r.stderr
    mtimes = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    assert _digest(root) == before
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*")} == mtimes
