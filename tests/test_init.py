"""`handbook init DIR`: a starter project whose policies pass the strict check and whose manual builds,
written only into a new or empty folder, through the real command line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from handbook.resources import schemas_dir, shipped_policies

from conftest import ROOT, run_cli

KINDS = {"organisation", "events", "complaints", "standards", "followups", "penalties", "regulations", "glossary",
         "calendar"}


def _init(folder: Path) -> Path:
    r = run_cli("init", str(folder))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stderr == ""
    assert f"handbook check {folder}" in r.stdout
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"/"
            for p in sorted(folder.rglob("*"))}


def test_init_writes_a_set_that_passes_the_strict_check(tmp_path: Path) -> None:
    folder = _init(tmp_path / "my-company")
    r = run_cli("check", "--strict", str(folder))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == "no problems in 9 files (25 items)\n"
    # inside the project, its handbook.toml names its policies/: not the shipped set
    inside = run_cli("check", "--strict", cwd=folder)
    assert inside.returncode == 0 and inside.stdout == r.stdout, inside.stdout + inside.stderr
    policies = run_cli("check", "--strict", str(folder / "policies"))
    assert policies.returncode == 0 and policies.stdout == r.stdout, policies.stdout + policies.stderr


def test_one_file_of_each_kind_and_the_editor_settings_naming_its_schema(tmp_path: Path) -> None:
    folder = _init(tmp_path / "my-company")
    kinds = set()
    assert sorted(p.name for p in folder.iterdir()) == [".vscode", "docs", "handbook.toml", "mkdocs.yml", "policies"]
    # the editor finds each file's schema among the installed package's: nothing is copied (issue 17.2)
    schemas = json.loads((folder / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    named = {f: Path(schema) for schema, files in schemas.items() for f in files}
    for f in sorted((folder / "policies").glob("*.yaml")):
        first, *rest = f.read_text(encoding="utf-8").splitlines()
        kind = yaml.safe_load(f.read_text(encoding="utf-8"))["kind"]
        kinds.add(kind)
        assert not first.startswith("# yaml-language-server:"), f.name  # it would win over the settings
        assert named[f"policies/{f.name}"] == (schemas_dir() / f"{kind}.schema.json").resolve(), f.name
        # commented in both languages
        assert any("#" in line and any("\u4e00" <= c <= "\u9fff" for c in line) for line in rest), f.name
        assert any("#" in line and " the " in line for line in rest), f.name
    assert kinds == KINDS and len(named) == 9


def test_editor_writes_the_map_into_an_existing_projects_settings_and_keeps_the_rest(tmp_path: Path) -> None:
    """A company's own repository: its policy files, a settings file of its own, a file whose first
    line names a schema copy that is gone."""
    project = tmp_path / "repo"
    (project / ".vscode").mkdir(parents=True)
    (project / ".vscode" / "settings.json").write_text(
        '{"editor.tabSize": 2, "yaml.schemas": {"/old/install/schemas/standards.schema.json": ["x.yaml"], '
        '"/elsewhere/ci.schema.json": ["ci.yml"]}}', encoding="utf-8")
    policies = project / "policies"
    policies.mkdir()
    for name in ("organisation.yaml", "standards.yaml"):
        (policies / name).write_text((ROOT / "policies" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (policies / "extra-standards.yaml").write_text("kind: standards\nstandards: []\n", encoding="utf-8")
    r = run_cli("editor", str(project))
    assert r.returncode == 0, r.stdout + r.stderr
    # the shipped files' first lines name ../schemas/, which this repository does not have
    assert r.stderr.splitlines() == [
        f"policies/{n}:1:1: its first line names the schema ../schemas/{n.split('.')[0]}.schema.json, which does not "
        "exist; the editor uses that line over the settings: delete it" for n in ("organisation.yaml", "standards.yaml")]
    settings = json.loads((project / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    standards = str((schemas_dir() / "standards.schema.json").resolve())
    assert settings == {"editor.tabSize": 2, "yaml.schemas": {"/elsewhere/ci.schema.json": ["ci.yml"],
                                                             standards: ["policies/extra-standards.yaml"]}}
    printed = run_cli("editor", "--print", str(project))
    assert printed.returncode == 0 and json.loads(printed.stdout) == {"yaml.schemas": {standards: ["policies/extra-standards.yaml"]}}


def test_editor_refuses_settings_it_cannot_read_and_a_folder_without_policies(tmp_path: Path) -> None:
    project = _init(tmp_path / "my-company")
    settings = project / ".vscode" / "settings.json"
    settings.write_text('{\n  // VS Code allows comments\n  "editor.tabSize": 2\n}\n', encoding="utf-8")
    r = run_cli("editor", str(project))
    assert r.returncode == 2 and r.stdout == ""
    assert f"{settings} is not plain JSON" in r.stderr and "nothing was written" in r.stderr
    assert settings.read_text(encoding="utf-8").startswith("{\n  // VS Code")
    r = run_cli("editor", str(tmp_path))
    assert r.returncode == 2 and f"no policy folder in {tmp_path}" in r.stderr, r.stderr


def test_header_dates_start_today(tmp_path: Path) -> None:
    folder = _init(tmp_path / "my-company")  # conftest sets HANDBOOK_TODAY=2026-06-01
    for f in sorted((folder / "policies").glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        assert (data["effective_date"], data["review_by"]) == ("2026-06-01", "2027-06-01"), f.name


def _limit(regulations: dict[str, Any], limit_id: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    for source in regulations["sources"]:
        for article in source["articles"]:
            for limit in article.get("limits", []):
                if limit["id"] == limit_id:
                    return source, article, limit
    raise AssertionError(f"no limit {limit_id}")


def test_the_starter_limit_is_the_shipped_2020_rule(tmp_path: Path) -> None:
    folder = _init(tmp_path / "my-company")
    ours = yaml.safe_load((folder / "policies" / "regulations.yaml").read_text(encoding="utf-8"))
    shipped = yaml.safe_load((shipped_policies() / "regulations.yaml").read_text(encoding="utf-8"))
    src, art, lim = _limit(ours, "lim-2020-simple-15d")
    want_src, want_art, want_lim = _limit(shipped, "lim-2020-simple-15d")
    for key in ("id", "title", "type", "number", "effective_date", "status", "confidence"):
        assert src[key] == want_src[key], key
    for key in ("id", "text", "binding", "confidence"):
        assert art[key] == want_art[key], key
    for key in ("from", "to", "when", "amount", "unit", "confidence"):
        assert lim[key] == want_lim[key], key


def test_the_starter_is_held_to_the_limit(tmp_path: Path) -> None:
    folder = _init(tmp_path / "my-company")
    f = folder / "policies" / "complaints.yaml"
    text = f.read_text(encoding="utf-8")
    assert "      amount: 15\n" in text
    f.write_text(text.replace("      amount: 15\n", "      amount: 16\n"), encoding="utf-8")
    r = run_cli("check", str(folder))
    assert r.returncode == 1
    assert "lim-2020-simple-15d" in r.stdout and "stage-decide" in r.stdout


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "my-company"
    folder.mkdir()
    (folder / "organisation.yaml").write_text("kind: organisation\n# ours\n", encoding="utf-8")
    (folder / ".git").mkdir()
    before = _tree(folder)
    r = run_cli("init", str(folder))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "is not empty" in r.stderr and "nothing was written" in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""
    assert _tree(folder) == before
    zh = run_cli("--lang", "zh_CN", "init", str(folder))
    assert zh.returncode == 2 and "不是空文件夹" in zh.stderr
    # a file is refused too
    r = run_cli("init", str(folder / "organisation.yaml"))
    assert r.returncode == 2 and "is not a folder" in r.stderr
    assert _tree(folder) == before


def test_init_creates_missing_folders_and_fills_an_empty_one(tmp_path: Path) -> None:
    _init(tmp_path / "a" / "b" / "my-company")
    empty = tmp_path / "empty"
    empty.mkdir()
    _init(empty)
    assert (empty / "handbook.toml").is_file() and len(list((empty / "policies").glob("*.yaml"))) == 9


@pytest.mark.slow
def test_the_starter_builds(tmp_path: Path) -> None:
    folder = _init(tmp_path / "my-company")
    r = run_cli("build", "--strict", cwd=folder, timeout=300)  # as a user would, in the project folder
    assert r.returncode == 0, r.stdout + r.stderr
    site = folder / "site"
    assert (site / "index.html").stat().st_size > 0
    assert "示例保险股份有限公司" in (site / "org" / "index.html").read_text(encoding="utf-8")
    # the hand-written page's citations became links
    assert 'href="../complaints/#stage-decide"' in (site / "preface" / "index.html").read_text(encoding="utf-8")


def test_readme_modelling_patterns_are_yaml() -> None:


    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    part = readme.split("### Modelling patterns\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", part, re.S)
    assert len(blocks) >= 15
    for block in blocks:
        assert isinstance(yaml.safe_load(block), dict), block
    assert "handbook init my-company" in readme.split("## Writing a policy\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize(("today", "waived"), [("2026-06-01", False), ("2026-11-29", True)])
def test_a_new_set_passes_the_strict_check_on_the_day_it_is_written(tmp_path: Path, today: str, waived: bool) -> None:
    """In June the holiday data covers every deadline counted from today; in late November deadlines
    reach 2027, which it does not cover yet: init then writes a waiver for CAL001 that ends with the
    year, so `init && check --strict` passes and the warning returns if the year is never entered."""
    env = {"HANDBOOK_TODAY": today}
    r = run_cli("init", str(tmp_path / "co"), env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    waivers = tmp_path / "co" / "policies" / "waivers.yaml"
    assert waivers.exists() == waived
    check = run_cli("check", "--strict", str(tmp_path / "co"), env=env)
    assert check.returncode == 0, check.stdout
    if waived:
        assert "CAL001 waived:" in check.stdout and "until 2026-12-31" in check.stdout
        assert '    until: "2026-12-31"' in waivers.read_text(encoding="utf-8")
        later = run_cli("check", "--strict", str(tmp_path / "co"), env={"HANDBOOK_TODAY": "2027-01-02"})
        assert later.returncode == 1 and "WVR001" in later.stdout  # the waiver has expired: it says so


def test_editor_names_a_schema_copy_an_earlier_init_left_behind(tmp_path: Path) -> None:
    """A project made by an earlier `handbook init` holds copies of the schemas, with "$id", which
    yaml-language-server 1.20-1.24 cannot load (issue 17): handbook editor says so."""
    project = _init(tmp_path / "old")
    standards = project / "policies" / "standards.yaml"
    standards.write_text("# yaml-language-server: $schema=../schemas/standards.schema.json\n"
                         + standards.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "schemas").mkdir()
    (project / "schemas" / "standards.schema.json").write_text('{"$id": "https://policy-handbook.invalid/x"}',
                                                              encoding="utf-8")
    r = run_cli("editor", str(project))
    assert r.returncode == 0
    assert r.stderr == ("policies/standards.yaml:1:1: its first line names ../schemas/standards.schema.json, a copy "
                        "that differs from the installed schema (an earlier handbook init made it; editors may not "
                        "load it): delete the line and the copy, and run handbook editor again\n")
