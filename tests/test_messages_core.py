"""Issue 10.12: the messages of the loader, the schema stage and the configuration, as an editor reads them.

Each message the issue names as misleading runs through the real CLI here, with its new text, its
place (file:line:column) and the exit code; and the language of every message follows the locale,
or ``--lang``, in ``handbook`` and in the MkDocs plugin alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import i18n

from conftest import make_set, run_cli

# the locale variables, all given: one left over in the environment (LANGUAGE, LC_ALL) would win over LANG
ZH = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}
EN = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
LAYOUT = ('[handbook] (policies = "folder"), [rules] (CODE = "error", "warning" or "off") and [limits] '
          "(max_bytes, max_depth, max_line_length, max_nodes)")


def _edit(root: Path, file: str, old: str, new: str) -> None:
    f = root / file
    text = f.read_text(encoding="utf-8")
    assert old in text, (file, old)
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- 1. a top-level key in handbook.toml: where it belongs, and what the file may hold ------------------

@pytest.mark.parametrize(("toml", "where", "says"), [
    ('# where the policies are\npolicies = "policies"\n', "2:1",
     "'policies' must be written under [handbook], not at the top level: [handbook] policies = \"policies\""),
    ('STL001 = "off"\n', "1:1", "'STL001' must be written under [rules], not at the top level: [rules] STL001 = \"off\""),
    ('colour = "blue"\n[rules]\nSTL001 = "off"\n', "1:1",
     f"unknown key 'colour' at the top level; handbook.toml has only the tables {LAYOUT}"),
    ('[rules]\nSTL001 = "off"\n[polices]\nfolder = "policies"\n', "3:1",
     f"unknown table [polices]; handbook.toml has only the tables {LAYOUT}"),
])
def test_a_misplaced_key_in_handbook_toml_says_where_it_belongs(tmp_path: Path, toml: str, where: str,
                                                                says: str) -> None:
    make_set(tmp_path / "policies")
    (tmp_path / "handbook.toml").write_text(toml, encoding="utf-8")
    r = run_cli("check", cwd=tmp_path, env=EN)
    assert r.returncode == 2, r.stderr
    assert f"handbook.toml:{where}: {says}\n" in r.stderr
    assert "unknown section" not in r.stderr and "Traceback" not in r.stderr


def test_a_top_level_policies_key_in_chinese(tmp_path: Path) -> None:
    make_set(tmp_path / "policies")
    (tmp_path / "handbook.toml").write_text('policies = "policies"\n', encoding="utf-8")
    r = run_cli("check", cwd=tmp_path, env=ZH)
    assert r.returncode == 2
    assert 'handbook.toml:1:1：“policies”须写在 [handbook] 表下，不能写在顶层：[handbook] policies = "policies"' in r.stderr


# -- 2. SCH003 quotes the field's own description, not the generic id definition's ------------------

@pytest.mark.parametrize(("old", "new", "where", "field", "en", "zh"), [
    ("    owner: cs-agent\n", "    owner: 7\n", "15:12", "standards.0.owner", "The one accountable role.", "唯一负责岗位。"),
    ("    breach: viol-late\n", "    breach: 7\n", "18:13", "standards.0.breach", "The violation a breach counts as.",
     "违反本标准构成的违规行为（STD001 要求每项标准都写明，可在 handbook.toml 关闭）。"),
    ("from: ev-received}", "from: 7}", "14:55", "standards.0.target.deadline.from",
     "The event the period counts from; its own day does not count.", "起算事件（当日不计入）。"),
])
def test_sch003_quotes_the_fields_own_description(policy_set: Path, old: str, new: str, where: str, field: str,
                                                  en: str, zh: str) -> None:
    _edit(policy_set, "standards.yaml", old, new)
    r = run_cli("check", str(policy_set), env=EN)
    assert r.returncode == 1
    assert f"standards.yaml:{where}: SCH003 {field}: expected string (文本), got 7 — {en}\n" in r.stdout
    assert "Identifier" not in r.stdout and "标识符" not in r.stdout  # the id definition's words
    r = run_cli("check", str(policy_set), env=ZH)
    assert r.returncode == 1
    assert f"standards.yaml:{where}: SCH003 {field}：应为文本（string），实际为 7——{zh}\n" in r.stdout
    assert "标识符" not in r.stdout


# -- 3. full-width punctuation that breaks YAML is named, where it was typed ------------------------------

COLON = ("YAML syntax error: full-width colon '：' (U+FF1A) where YAML needs an ASCII colon and a space "
         "('key: value'); switch the input method to half-width punctuation")
COMMA = ("YAML syntax error: full-width comma '，' (U+FF0C) inside [ ] or { }, where YAML needs an ASCII comma ',' "
         "between items; switch the input method to half-width punctuation")
DASH = ("YAML syntax error: full-width dash '－' (U+FF0D) where YAML needs an ASCII '-' and a space to start a list "
        "item; switch the input method to half-width punctuation")
SPACE = "YAML syntax error: full-width space (U+3000) used for indentation: YAML indents with ASCII spaces"


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    # the parser used to fail a line later, at "standards:", without naming the character
    ("owner: cs-head\n", "owner：cs-head\n", "6:6", COLON),
    ("  - id: std-answer\n", "  - id：std-answer\n", "8:7", COLON),
    ("{amount: 5, unit: working_days", "{amount: 5，unit: working_days", "14:27", COMMA),
    ("    applies_to: [cs-agent]\n", "    applies_to:\n      - cs-agent\n      － cs-head\n", "18:7", DASH),
    ("    owner: cs-agent\n", "　　owner: cs-agent\n", "15:1", SPACE),
    ("    owner: cs-agent\n", "  　owner: cs-agent\n", "15:3", SPACE),
], ids=["colon-key", "colon-list-item", "comma-flow", "dash", "space-indent", "space-after-spaces"])
def test_full_width_punctuation_is_named_where_it_was_typed(policy_set: Path, old: str, new: str, where: str,
                                                            message: str) -> None:
    _edit(policy_set, "standards.yaml", old, new)
    r = run_cli("check", str(policy_set), env=EN)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == f"standards.yaml:{where}: YML001 {message}"


def test_a_file_of_full_width_colons_is_not_called_a_single_value(tmp_path: Path) -> None:
    f = tmp_path / "glossary.yaml"
    f.write_text("kind：glossary\ntitle：术语\n", encoding="utf-8")
    r = run_cli("check", str(f), env=ZH)
    assert r.returncode == 1
    assert ("glossary.yaml:1:5: YML001 YAML 语法错误：此处是全角冒号“：”（U+FF1A），YAML 需要半角冒号加一个空格"
            "（'key: value'）；请把输入法切换为半角标点") in r.stdout
    assert "YML007" not in r.stdout


def test_a_full_width_colon_in_chinese_text_is_not_blamed(policy_set: Path) -> None:
    # the break is the unclosed bracket; the "：" in the title above it is text
    _edit(policy_set, "standards.yaml", "title: 服务标准（测试最小集）\n", "title: 注意：服务标准\n")
    _edit(policy_set, "standards.yaml", "    applies_to: [cs-agent]\n", "    applies_to: [cs-agent\n")
    r = run_cli("check", str(policy_set), env=EN)
    assert r.returncode == 1
    assert "YML001 YAML syntax error: while parsing a flow sequence" in r.stdout and "full-width" not in r.stdout


# -- 4. one rule for where the policy folder may be: handbook.toml and mkdocs.yml ---------------------

def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    make_set(project / "policies")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# 手册\n", encoding="utf-8")
    return project


def test_a_relative_policy_folder_leaving_is_refused_alike_by_handbook_toml_and_mkdocs_yml(tmp_path: Path) -> None:
    project = _project(tmp_path)
    make_set(tmp_path / "outside")
    value = "../outside"
    text = (f'policies = "{value}" leaves the folder of this file ({project.resolve()}): a relative policy folder '
            'must be inside it; give a path such as "policies", or an absolute path')
    (project / "handbook.toml").write_text(f'[handbook]\npolicies = "{value}"\n', encoding="utf-8")
    r = run_cli("check", cwd=project, env=EN)
    assert r.returncode == 2 and f"handbook.toml:2:1: {text}\n" in r.stderr, r.stderr
    (project / "handbook.toml").unlink()
    (project / "mkdocs.yml").write_text(f"site_name: 手册\nplugins:\n  - handbook:\n      policies: {value}\n",
                                        encoding="utf-8")
    r = run_cli("build", cwd=project, env=EN)
    assert r.returncode == 1 and f"mkdocs.yml:4:17: {text}\n" in r.stderr, r.stderr


def test_an_absolute_policy_folder_is_taken_alike_by_handbook_toml_and_mkdocs_yml(tmp_path: Path) -> None:
    """The operator's explicit choice: the plugin took it and handbook.toml refused it; now both take it."""
    project = _project(tmp_path)
    outside = make_set(tmp_path / "outside")
    (project / "handbook.toml").write_text(f'[handbook]\npolicies = "{outside}"\n', encoding="utf-8")
    r = run_cli("check", cwd=project, env=EN)
    assert r.returncode == 0 and r.stdout.startswith("no problems in 8 files"), r.stdout + r.stderr
    (project / "handbook.toml").unlink()
    (project / "mkdocs.yml").write_text(f"site_name: 手册\nplugins:\n  - handbook:\n      policies: {outside}\n",
                                        encoding="utf-8")
    r = run_cli("build", cwd=project, env=EN)
    assert r.returncode == 0, r.stderr


def test_a_missing_policy_folder_is_one_message_for_both(tmp_path: Path) -> None:
    project = _project(tmp_path)
    missing = (project / "missing").resolve()
    (project / "handbook.toml").write_text('[handbook]\npolicies = "missing"\n', encoding="utf-8")
    r = run_cli("check", cwd=project, env=EN)
    assert r.returncode == 2 and f"handbook.toml:2:1: policy folder {missing} does not exist\n" in r.stderr
    (project / "handbook.toml").unlink()
    (project / "mkdocs.yml").write_text("site_name: 手册\nplugins:\n  - handbook:\n      policies: missing\n",
                                        encoding="utf-8")
    r = run_cli("build", cwd=project, env=EN)
    assert r.returncode == 1 and f"mkdocs.yml:4:17: policy folder {missing} does not exist\n" in r.stderr


def test_an_absolute_policy_folder_inside_is_taken_by_both(tmp_path: Path) -> None:
    from handbook.mkdocs_plugin import HandbookPlugin

    project = _project(tmp_path)
    inside = str((project / "policies").resolve())
    (project / "handbook.toml").write_text(f'[handbook]\npolicies = "{inside}"\n', encoding="utf-8")
    r = run_cli("check", cwd=project, env=EN)
    assert r.returncode == 0, r.stdout + r.stderr
    plugin = HandbookPlugin()
    errors, _warnings = plugin.load_config({"policies": inside})
    assert errors == []
    assert plugin._policy_dir(project.resolve(), project / "mkdocs.yml") == Path(inside)


# -- the language: the locale, else --lang; the MkDocs plugin follows the locale too --------------------

def test_a_broken_file_in_chinese_by_locale_and_in_english_by_lang(policy_set: Path) -> None:
    _edit(policy_set, "standards.yaml", "owner: cs-head\n", "owner: 7\n")
    zh = run_cli("check", str(policy_set), env=ZH)
    assert zh.returncode == 1
    assert zh.stdout.splitlines() == ["standards.yaml:6:8: SCH003 owner：应为文本（string），实际为 7——本文件的负责岗位。",
                                      "8 个文件中有 1 个错误（共 30 个条目）"]
    en = run_cli("--lang", "en", "check", str(policy_set), env=ZH)
    assert en.returncode == 1
    assert en.stdout.splitlines() == [
        "standards.yaml:6:8: SCH003 owner: expected string (文本), got 7 — The role accountable for this file.",
        "1 error in 8 files (30 items)"]
    # --lang zh_CN in an English locale; JSON keeps its keys and codes, only the message text is Chinese
    js = run_cli("--lang", "zh_CN", "check", str(policy_set), "--format", "json", env=EN)
    assert '"code": "SCH003"' in js.stdout and '"message": "owner：应为文本（string）' in js.stdout


def test_usage_errors_and_help_follow_the_language() -> None:
    r = run_cli("deadline", "--from", "2026-09-30", "--item", "no-such-stage", "--policies", "tests/fixtures/base",
                env=ZH)
    assert r.returncode == 2 and "handbook: 没有标识为“no-such-stage”的条目" in r.stderr
    r = run_cli("--lang", "zh_CN", "check", "--help", env=EN)
    assert r.returncode == 0 and "检查 PATH（一个文件夹或一个文件）中的政策。" in r.stdout
    r = run_cli("--lang", "en", "check", "--help", env=ZH)
    assert "Check the policies in PATH (a folder or one file)." in r.stdout


def test_the_mkdocs_plugin_reports_in_the_locales_language(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _edit(project / "policies", "standards.yaml", "owner: cs-head\n", "owner: 7\n")
    (project / "mkdocs.yml").write_text("site_name: 手册\nplugins:\n  - handbook:\n      policies: policies\n",
                                        encoding="utf-8")
    env = {**ZH, "HANDBOOK_TODAY": "2026-06-01"}
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
                       env={**os.environ, **env}, timeout=300)
    assert r.returncode == 1
    assert "handbook: 政策中有 1 个错误；手册未生成：" in r.stderr
    assert "policies/standards.yaml:6:8: SCH003 owner：应为文本（string），实际为 7——本文件的负责岗位。" in r.stderr


# -- the helper for the schemas' bilingual descriptions ---------------------------------------------------

@pytest.mark.parametrize(("text", "zh", "en"), [
    ("数量。Amount (a positive whole number).", "数量。", "Amount (a positive whole number)."),
    ("一种回访。每种回访须有方式（由 FUP001 检查）。A kind of follow-up.", "一种回访。每种回访须有方式（由 FUP001 检查）。",
     "A kind of follow-up."),
    ("固定为 calendar。Always 'calendar'.", "固定为 calendar。", "Always 'calendar'."),
    ("Only English.", "Only English.", "Only English."),
    ("只有中文。", "只有中文。", "只有中文。"),
])
def test_localised_picks_the_readers_half(text: str, zh: str, en: str) -> None:
    try:
        i18n.use("zh_CN")
        assert i18n.localised(text) == zh
        i18n.use("en")
        assert i18n.localised(text) == en
    finally:
        i18n.use()


def test_lang_is_accepted_after_the_command_too(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("reports_to: cs-head", "reports_to: cs-haed"), "utf-8")
    zh = {"LANG": "zh_CN.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    r = run_cli("check", str(root), "--lang", "en", env=zh)
    assert r.returncode == 1 and "REF001 roles.2.reports_to: no role with id 'cs-haed'" in r.stdout, r.stdout
    r = run_cli("check", str(root), env=zh)
    assert "REF001 roles.2.reports_to：没有标识为“cs-haed”的 role" in r.stdout, r.stdout
