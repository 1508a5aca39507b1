"""What policy text and file names can do to the output (issue 9, items 9 and 13), through the real CLI.

A key, a value or a file name may hold terminal escape sequences, bidi overrides,
newlines or bytes that are not UTF-8. Every output format must show them as
visible escapes: nothing may reach a terminal raw, split a line, or make the
JSON and SARIF output invalid.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, make_set, run_cli

FORMATS = ["text", "json", "github", "sarif"]
# C0 controls (newline aside: it ends every line), DEL, C1 controls, bidi embeddings/overrides/isolates
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
KEY = "\x1b[2K\x1b[1Ano problems \u202eevil"
SHOWN_KEY = r"\x1b[2K\x1b[1Ano problems \u202eevil"


def _with_hostile_key(tmp_path: Path) -> Path:
    root = make_set(tmp_path / "policies")
    g = root / "glossary.yaml"
    text = g.read_text(encoding="utf-8")
    # a double-quoted YAML key: \e and \u202e are YAML escapes, the key holds the raw characters
    g.write_text(text.replace("terms:\n", '"\\e[2K\\e[1Ano problems \\u202eevil": 1\nterms:\n', 1), encoding="utf-8")
    return root


def _strings(doc: Any) -> list[str]:
    if isinstance(doc, str):
        return [doc]
    if isinstance(doc, dict):
        return [s for k, v in doc.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(doc, list):
        return [s for v in doc for s in _strings(v)]
    return []


def _run_bytes(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The CLI's raw output bytes: the test must see exactly what a terminal or a JSON parser gets."""
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "handbook", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=60)


@pytest.mark.parametrize("fmt", FORMATS)
def test_escape_sequences_in_keys_never_reach_the_output_raw(tmp_path: Path, fmt: str) -> None:
    root = _with_hostile_key(tmp_path)
    r = run_cli("check", str(root), "--format", fmt)
    assert r.returncode == 1, r.stdout + r.stderr
    assert not RAW.search(r.stdout), repr(RAW.search(r.stdout))
    if fmt == "text":
        assert f"glossary.yaml:7:1: SCH002 unknown field '{SHOWN_KEY}' in (top level)" in r.stdout
    elif fmt == "github":
        assert f"::error file=glossary.yaml,line=7,col=1,title=SCH002::SCH002 unknown field '{SHOWN_KEY}'" in r.stdout
    else:
        doc = json.loads(r.stdout)
        # every string drawn from the policies; SARIF's rule catalogue is the tool's own documentation
        policy_text = doc["problems"] if fmt == "json" else doc["runs"][0]["results"]
        assert not any(RAW.search(s) for s in _strings(policy_text))
        if fmt == "json":
            (p,) = [p for p in doc["problems"] if p["code"] == "SCH002"]
            assert (p["path"], p["line"], p["column"]) == ("glossary.yaml", 7, 1)
            assert p["message"].startswith(f"unknown field '{SHOWN_KEY}' in (top level)")
        else:
            (res,) = [x for x in doc["runs"][0]["results"] if x["ruleId"] == "SCH002"]
            assert res["message"]["text"].startswith(f"unknown field '{SHOWN_KEY}' in (top level)")
            loc = res["locations"][0]["physicalLocation"]
            assert loc["artifactLocation"]["uri"] == "glossary.yaml"
            assert loc["region"] == {"startLine": 7, "startColumn": 1}


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the file system refuses names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_file_name_that_is_not_utf8_gives_valid_json(tmp_path: Path, fmt: str) -> None:
    root = make_set(tmp_path / "policies")
    with open(os.path.join(os.fsencode(root), b"bad\xff\xfe.yaml"), "wb") as f:
        f.write(b"title: no kind\n")
    r = _run_bytes("check", str(root), "--format", fmt)
    assert r.returncode == 1, r.stdout + r.stderr
    doc = json.loads(r.stdout.decode("utf-8"))  # strict: a raw \xff byte or a lone surrogate fails here
    if fmt == "json":
        (p,) = [p for p in doc["problems"] if p["code"] == "FIL001"]
        assert (p["path"], p["line"], p["column"]) == (r"bad\xff\xfe.yaml", 1, 1)
    else:
        (res,) = [x for x in doc["runs"][0]["results"] if x["ruleId"] == "FIL001"]
        # the URI names the real file, percent-encoded; the message shows the escaped name
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%FF%FE.yaml"


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the file system refuses names that are not UTF-8")
def test_file_name_that_is_not_utf8_in_text_output(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    with open(os.path.join(os.fsencode(root), b"bad\xff.yaml"), "wb") as f:
        f.write(b"title: no kind\n")
    r = _run_bytes("check", str(root))
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout.decode("utf-8")
    assert "bad\\xff.yaml:1:1: FIL001 cannot tell what kind of policy this is" in out


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_newline_and_escape_in_file_name_stay_on_one_line(tmp_path: Path, fmt: str) -> None:
    root = make_set(tmp_path / "policies")
    (root / "two\nlines\x1b[31m.yaml").write_text("title: no kind\n", encoding="utf-8")
    r = run_cli("check", str(root), "--format", fmt)
    assert r.returncode == 1, r.stdout + r.stderr
    assert not RAW.search(r.stdout)
    lines = r.stdout.splitlines()
    assert len(lines) == 2, lines  # the one problem and the summary
    shown = r"two\nlines\x1b[31m.yaml"
    if fmt == "text":
        assert lines[0].startswith(f"{shown}:1:1: FIL001 cannot tell what kind of policy this is")
    else:
        assert lines[0].startswith(f"::error file={shown},line=1,col=1,title=FIL001::FIL001 cannot tell")
