"""Documentation that is generated must not go stale, and every rule must be documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.rules import SECTIONS, markdown_table, registry

ROOT = Path(__file__).resolve().parent.parent


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert block == markdown_table(registry().values()), "run: python -m handbook rules --markdown, paste into README.md"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:800]
    assert "<!-- build-command -->" in head and "<!-- test-command -->" in head
    test_cmd = readme.split("<!-- test-command -->\n```sh\n", 1)[1].split("\n", 1)[0]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "<!-- test-command -->" in ci  # .ci/run reads the command from the README
    assert "pytest" in test_cmd


@pytest.mark.parametrize("code", list(registry()))
def test_rule_documentation_has_every_section(code: str) -> None:
    rule = registry()[code]
    assert re.fullmatch(r"[A-Z]{3,4}[0-9]{3}", rule.code)
    sections = rule.sections()
    for name in SECTIONS:
        assert sections.get(name), f"{code}: section '{name}' is empty"
    assert rule.title and rule.name


def test_pre_commit_hooks_run_real_commands() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from handbook.cli import cli

    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        program, command = hook["entry"].split()[:2]
        assert program == "handbook" and command in cli.commands
        assert f"id: {hook['id']}" in readme  # documented


def test_readme_direction_table_is_current() -> None:
    from handbook.diff.directions import markdown_rules

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- diff-rules:start -->\n", 1)[1].split("<!-- diff-rules:end -->", 1)[0]
    assert block == markdown_rules(), "run: handbook diff --rules, paste into README.md"
