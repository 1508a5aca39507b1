"""Regenerate the hostile corpus: python tests/hostile/_generate.py

Each file is broken or hostile in one way; expected.tsv gives the code and the
position the CLI must report. The files are committed; this script documents how
they were made (several cannot be typed in an editor).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
H = 'kind: glossary\ntitle: 术语\nversion: "1"\neffective_date: "2026-01-01"\nreview_by: "2099-12-31"\nowner: cs-head\nterms:\n'
T = "  - id: term-a\n    term: 投诉\n    definition: 客户表达不满。\n"

CASES: dict[str, bytes | str] = {
    "billion-laughs.yaml": "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi")),
    "alias-recursive.yaml": "a: &a [1, *a]\n",
    "alias-simple.yaml": H + "  - id: term-a\n    term: &t 投诉\n    definition: *t\n",
    "merge-key.yaml": H + "  - <<: {term: 投诉}\n    id: term-a\n    definition: x\n",
    "deep-flow-one-line.yaml": "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "deep-flow-many-lines.yaml": "a:\n" + "  [\n" * 40_000 + "  ]\n" * 40_000,
    "deep-block.yaml": "a:\n" + "".join(" " * i + "- \n" for i in range(1, 200)),
    "python-object.yaml": "kind: !!python/object:os.system {}\n",
    "python-apply.yaml": H + "  - id: term-a\n    term: !!python/object/apply:os.system ['touch /tmp/pwned']\n    definition: x\n",
    "python-name.yaml": H + "  - id: term-a\n    term: !!python/name:os.system\n    definition: x\n",
    "custom-include.yaml": H + "  - id: term-a\n    term: !include /etc/passwd\n    definition: x\n",
    "binary-tag.yaml": H + "  - id: term-a\n    term: !!binary aGVsbG8=\n    definition: x\n",
    "set-tag.yaml": H + "  - id: term-a\n    term: !!set {a, b}\n    definition: x\n",
    "duplicate-key-top.yaml": H.replace('title: 术语\n', 'title: 术语\ntitle: 词汇\n') + T,
    "duplicate-key-nested.yaml": H + "  - id: term-a\n    term: 投诉\n    term: 申诉\n    definition: x\n",
    "unquoted-date.yaml": H.replace('"2026-01-01"', "2026-01-01") + T,
    "boolean-no.yaml": H + "  - id: term-a\n    term: no\n    definition: x\n",
    "boolean-on.yaml": H + "  - id: term-a\n    term: 投诉\n    definition: On\n",
    "octal.yaml": H.replace('version: "1"', "version: 010") + T,
    "hex.yaml": H.replace('version: "1"', "version: 0x10") + T,
    "sexagesimal.yaml": H.replace('version: "1"', "version: 1:30") + T,
    "utf16-le.yaml": (H + T).encode("utf-16"),
    "utf16-be.yaml": b"\xfe\xff" + (H + T).encode("utf-16-be"),
    "gbk.yaml": (H + T).encode("gbk"),
    "invalid-utf8.yaml": (H + "  - id: term-a\n    term: 投诉\n    definition: ").encode() + b"\xc3\x28\n",
    "nul-byte.yaml": (H + "  - id: term-a\n    term: 投诉\n    definition: x").encode() + b"\x00y\n",
    "control-char.yaml": H + "  - id: term-a\n    term: 投诉\x1b[31m\n    definition: x\n",
    "tab-indent.yaml": H + "\t- id: term-a\n",
    "multi-document.yaml": H + T + "---\n" + H + T,
    "top-level-list.yaml": "- kind: glossary\n",
    "top-level-scalar.yaml": "just some text\n",
    "fullwidth-colon.yaml": "kind：glossary\ntitle：术语\n",
    "empty.yaml": "",
    "only-comments.yaml": "# 待补充\n# TODO\n",
    "unknown-kind.yaml": H.replace("kind: glossary", "kind: glosary") + T,
    "no-kind.yaml": H.replace("kind: glossary\n", "") + T,
    "zero-width-key.yaml": H.replace("kind: glossary", "kind\u200b: glossary") + T,
    "unclosed-quote.yaml": H + '  - id: term-a\n    term: "投诉\n    definition: x\n',
    "bad-indentation.yaml": H + "  - id: term-a\n     term: 投诉\n    definition: x\n",
    "yaml-directive.yaml": "%YAML 2.0\n---\n" + H + T,
    "complex-key.yaml": H + "  - id: term-a\n    ? [a, b]\n    : x\n",
    "unknown-field.yaml": H + T + "    severity: high\n",
    "wrong-type.yaml": H + "  - id: term-a\n    term: [投诉]\n    definition: x\n",
    "bad-id.yaml": H + "  - id: Term A\n    term: 投诉\n    definition: x\n",
    "line-too-long.yaml": H + "  - id: term-a\n    term: 投诉\n    definition: " + "长" * 20_000 + "\n",
    "escaped-control.yaml": H + '  - id: term-a\n    term: "投诉\\e[2J\\a\\x07\\u0000"\n    definition: x\n',
    "bidi-override.yaml": H + "  - id: term-a\n    term: 投诉\u202e诉投\n    definition: x\n",
    "line-separator.yaml": H + "  - id: term-a\n    term: 投诉\u2028x\n    definition: x\n",
    "next-line.yaml": H + "  - id: term-a\n    term: 投诉\x85x\n    definition: x\n",
    "rtl-mark.yaml": H + "  - id: term-a\n    term: 投诉\u200f\n    definition: x\n",
    "word-smart-quotes.yaml": H + "  - id: term-a\n    term: “投诉”\n    definition: ‘客户表达不满’\n    aliases: “申诉”\n",
}

if __name__ == "__main__":
    for name, content in CASES.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (HERE / name).write_bytes(data)
    print(f"wrote {len(CASES)} files")
