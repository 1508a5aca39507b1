"""Issue 13 (items 5 and 9): the rules' documentation in Chinese, the gettext way, with neutral examples.

The English docstrings stay the source; locale/zh_CN/ruledocs.po holds one entry per paragraph.
A paragraph without a translation, or with a stale one (its English changed), fails here; the
manual shows it in English and warns, so `handbook build --strict` fails too.
"""

from __future__ import annotations

import fnmatch
import logging
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import handbook
from handbook import ruledocs
from handbook.engine import run
from handbook.render.manual import PAGES, Manual
from handbook.resources import shipped_policies
from handbook.rules import SECTIONS, registry

from conftest import ROOT, run_cli

PO = ruledocs.catalogue_path("zh_CN")
CODE_SPAN = re.compile(r"`[^`]+`")
RULE_CODE = re.compile(r"\b[A-Z]{3,4}[0-9]{3}\b")


def _po() -> list[object]:
    with PO.open("rb") as f:
        cat = read_po(f, locale="zh_CN")
    return [m for m in cat if m.id]


def test_every_paragraph_of_every_rule_has_a_current_chinese_translation() -> None:
    wanted = {(m.context, m.id) for m in ruledocs.messages(registry().values())}
    assert len(wanted) > 150  # every paragraph of ~70 rules, the same sentence once
    entries = {(m.context, m.id): m for m in _po()}  # type: ignore[attr-defined]
    untranslated = sorted(i for c, i in wanted if not getattr(entries.get((c, i)), "string", ""))
    fuzzy = sorted(i for (c, i), m in entries.items() if m.fuzzy and (c, i) in wanted)  # type: ignore[attr-defined]
    # a translation of English that no docstring has any more: the paragraph changed (or went)
    stale = sorted(i for key, i in ((k, k[1]) for k in entries) if key not in wanted)
    with PO.open("rb") as f:
        obsolete = list(read_po(f, locale="zh_CN").obsolete)
    hint = "run `python -m handbook.ruledocs`, then translate the empty and fuzzy entries of " + str(PO)
    assert untranslated == [], f"{len(untranslated)} paragraph(s) without a translation, e.g. {untranslated[:2]}; {hint}"
    assert fuzzy == [], f"{len(fuzzy)} translation(s) to review (the English changed), e.g. {fuzzy[:2]}; {hint}"
    assert stale == [] and obsolete == [], f"translations of English no rule has: {(stale + obsolete)[:2]}; {hint}"


def test_translations_keep_codes_field_names_and_ids() -> None:
    for m in _po():
        if m.context:  # type: ignore[attr-defined]
            continue
        assert set(CODE_SPAN.findall(m.id)) == set(CODE_SPAN.findall(m.string)), m.id  # type: ignore[attr-defined]
        assert set(RULE_CODE.findall(m.id)) <= set(RULE_CODE.findall(m.string)), m.id  # type: ignore[attr-defined]
        assert re.search(r"[\u4e00-\u9fff]", m.string), m.id  # type: ignore[attr-defined]


@pytest.mark.parametrize("code", list(registry()))
def test_every_section_in_both_languages(code: str) -> None:
    rule = registry()[code]
    zh, en = rule.localised("zh_CN"), rule.localised("en")
    assert en.doc == rule.source_doc and en.missing == ()
    assert zh.missing == ()
    for name in SECTIONS:
        assert zh.sections[name] and en.sections[name]
        # fenced code is shown as written, in every language
        assert re.findall(r"```.*?```", zh.sections[name], re.S) == re.findall(r"```.*?```", en.sections[name], re.S)
    assert zh.doc.splitlines()[0] == rule.title  # the bilingual title line stays
    assert "## What it does" not in zh.doc and "## 检查内容" in zh.doc


def test_paragraphs_and_list_items_are_the_units() -> None:
    body = "Intro line one\nand two:\n\n- item one\n  continued;\n- item two.\n\n```yaml\na: 1\n\nb: 2\n```\nAfter."
    pieces = list(ruledocs.pieces(body))
    assert [(p.prefix, p.message, p.new_block) for p in pieces if p.message] == [
        ("", "Intro line one and two:", True), ("- ", "item one continued;", True), ("- ", "item two.", False),
        ("", "After.", True)]
    assert [p.code for p in pieces if p.code] == ["```yaml\na: 1\n\nb: 2\n```"]


def test_a_missing_translation_is_shown_in_english_and_named(monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    rule = registry()["PEN007"]
    why = rule.sections("en")["Why"].replace("\n", " ")
    full = ruledocs.catalogue("zh_CN")
    monkeypatch.setattr(ruledocs, "catalogue", lambda lang: {k: v for k, v in full.items() if k != (None, why)})
    rendered = rule.localised("zh_CN")
    assert rendered.missing == (why,) and why in rendered.doc and "## 原因" in rendered.doc
    with caplog.at_level("WARNING", logger="mkdocs.plugins.handbook.ruledocs"):
        page = Manual.rule_doc(rule)
    assert why in page and "#### 原因" in page
    assert [r.name for r in caplog.records] == ["mkdocs.plugins.handbook.ruledocs"]
    assert "PEN007" in caplog.records[0].getMessage()


@pytest.mark.slow
def test_the_manual_build_fails_under_strict_on_a_missing_translation(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """Through the real build: --strict fails on the warning, a plain build still publishes (in English there)."""
    from handbook.sitebuild import BuildFailed, build_site

    from browser import write_mkdocs_yml

    why = registry()["PEN007"].sections("en")["Why"].replace("\n", " ")
    full = ruledocs.catalogue("zh_CN")
    monkeypatch.setattr(ruledocs, "catalogue", lambda lang: {k: v for k, v in full.items() if k != (None, why)})
    cfg = write_mkdocs_yml(tmp_path, ROOT / "tests" / "fixtures" / "base")
    with caplog.at_level("WARNING"), pytest.raises(BuildFailed, match=r"warnings? in strict mode"):
        build_site(cfg, tmp_path / "strict", strict=True)
    # the one warning, and so the failure, is the missing translation
    assert [(r.name, "PEN007" in r.getMessage()) for r in caplog.records if r.levelno >= logging.WARNING] == [
        ("mkdocs.plugins.handbook.ruledocs", True)]
    assert not (tmp_path / "strict" / "rules" / "index.html").exists()
    site = build_site(cfg, tmp_path / "plain", strict=False)
    page = (site / "rules" / "index.html").read_text(encoding="utf-8")
    assert "The tiers exist so that a worse breach is punished more." in page
    assert "检查内容" in page


def _shipped_ids() -> re.Pattern[str]:
    """Every id of the shipped policies (the sample company), as a whole token; an article of a shipped
    source (``<source>.a7``) counts too."""
    model = run(shipped_policies()).model
    assert model is not None
    ids = sorted(model.items, key=len, reverse=True)
    assert len(ids) > 100
    return re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")


def test_no_rule_doc_uses_an_id_of_the_shipped_policies() -> None:
    shipped = _shipped_ids()
    a_shipped_id = next(iter(run(shipped_policies()).model.items))  # type: ignore[union-attr]
    assert shipped.search(f"owner: {a_shipped_id}  # x") and not shipped.search(f"owner: x{a_shipped_id}")
    # the rules page as another company's manual shows it (a policy set without waivers: only the rules)
    model = run(ROOT / "tests" / "fixtures" / "base").model
    assert model is not None and not model.of("waiver")
    manual = Manual(model)
    spec = next(s for s in PAGES if s.src == "rules.md")
    page = manual.render(spec.template, spec.src, **manual._context(spec))
    assert "PEN007" in page and "#### 问题示例" in page
    assert shipped.findall(page) == []
    for rule in registry().values():
        assert shipped.findall(rule.source_doc) == [], rule.code
        assert shipped.findall(rule.localised("zh_CN").doc) == [], rule.code
        # nor the sample company's people and tier names
        assert not re.search(r"张三|name: [轻中重][,}]", rule.source_doc), rule.code


def test_the_rules_command_in_chinese_and_english() -> None:
    zh = run_cli("--lang", "zh_CN", "rules", "PEN007")
    assert zh.returncode == 0, zh.stderr
    assert "## 检查内容" in zh.stdout and "## 问题示例" in zh.stdout and "## What it does" not in zh.stdout
    assert "设立处罚等级，就是为了让更严重的违规受到更重的处罚。" in zh.stdout
    assert "  - {id: tier-3, name: 等级三, rank: 3, sanctions: [扣减绩效]}" in zh.stdout  # code as written
    en = run_cli("--lang", "en", "rules", "tier-sanctions")
    assert en.returncode == 0, en.stderr
    assert registry()["PEN007"].source_doc in en.stdout and "检查内容" not in en.stdout


def test_commands_that_show_no_documentation_never_read_the_catalogue(tmp_path: Path) -> None:
    """The catalogue is read lazily: `handbook check` (benchmarked for its start-up) does not import it."""
    script = ("import sys, runpy\nsys.argv = ['handbook', '--lang', 'zh_CN', 'check', 'tests/fixtures/base']\n"
              "try:\n    runpy.run_module('handbook', run_name='__main__')\nexcept SystemExit:\n    pass\n"
              "print('LOADED' if 'handbook.ruledocs' in sys.modules else 'NOT LOADED')\n")
    r = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.stdout.strip().splitlines()[-1] == "NOT LOADED", r.stdout + r.stderr


def test_the_package_ships_the_catalogue() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["handbook"]
    rel = PO.relative_to(Path(handbook.__file__).parent).as_posix()
    assert any(fnmatch.fnmatch(rel, g) for g in globs), (rel, globs)
