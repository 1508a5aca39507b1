"""Issue 10.3: adding a rule is one module (plus fixtures): the registry finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

import handbook.checks
from handbook.config import Config
from handbook.engine import run
from handbook.rules import registry

from conftest import make_set

RULE = '''"""测试规则 A rule dropped in

## What it does
Reports every glossary term, to prove the rule runs.

## Why
A test.

## Example
```yaml
terms: []
```

## Use instead
```yaml
terms: []
```

## Options
None.
"""

from handbook.problem import Finding

CODE = "TST901"
NAME = "dropped-in"
TITLE = "测试规则 A rule dropped in"
SEVERITY = "warning"


def check(model, options):
    for term in model.of("term"):
        yield Finding(term.path, *term.pos(), f"term '{term.id}'", item=term.id)
'''


@pytest.fixture
def dropped_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "more_checks"
    folder.mkdir()
    (folder / "dropped_in.py").write_text(RULE, encoding="utf-8")
    (folder / "_shared_helper.py").write_text("VALUE = 1\n", encoding="utf-8")  # no CODE: not a rule
    # the package's search path is what the registry walks, as it walks checks/ itself
    monkeypatch.setattr(handbook.checks, "__path__", [*handbook.checks.__path__, str(folder)])
    monkeypatch.syspath_prepend(str(folder))
    registry.cache_clear()
    yield folder
    registry.cache_clear()


def test_a_module_dropped_into_checks_is_registered_and_runs(dropped_in: Path, tmp_path: Path) -> None:
    rules = registry()
    assert "TST901" in rules and rules["TST901"].name == "dropped-in"
    assert all(not r.module.endswith("_shared_helper") for r in rules.values())
    result = run(make_set(tmp_path / "p"), Config())
    assert [p.code for p in result.problems if p.code == "TST901"]
    assert {p.severity.value for p in result.problems if p.code == "TST901"} == {"warning"}


def test_every_shipped_module_with_a_code_is_a_rule() -> None:
    folder = Path(handbook.checks.__path__[0])
    declared = {p.stem for p in folder.glob("*.py") if "\nCODE = " in p.read_text(encoding="utf-8")}
    assert declared == {r.module.rsplit(".", 1)[1] for r in registry().values()}
    assert len(declared) >= 50


def test_a_new_rule_without_a_translation_reads_in_english_and_is_caught(dropped_in: Path) -> None:
    from handbook import ruledocs

    text = "Reports every glossary term, to prove the rule runs."
    zh = registry()["TST901"].localised("zh_CN")
    assert text in zh.missing and text in zh.doc and "## 检查内容" in zh.doc
    # its paragraphs are catalogue messages: tests/test_ruledocs.py fails until they are translated
    assert text in {m.id for m in ruledocs.messages(registry().values())}
