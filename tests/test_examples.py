"""The example policy sets: the second company (examples/huaxin) and the shipped set pass the
strict check through the real CLI, and the second company's manual is its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import HUAXIN, ROOT, run_cli

HUAXIN_POLICIES = HUAXIN / "policies"
COMPANY = "华信财产保险客户服务政策手册"  # site_name in examples/huaxin/mkdocs.yml
BRANCHES = {"hx-bj": "北京分公司", "hx-sh": "上海分公司", "hx-sz": "深圳分公司"}
TEMPLATES = {"hx-branch-gm": "分公司总经理", "hx-branch-cs-lead": "客服主管"}
TIERS = ["提醒谈话", "通报批评", "扣减绩效", "解除劳动合同"]  # ranks 1-4
FIRST_COMPANY = ["运营管理部", "客服处"]

# Both sets waive CAL001 while the 2027 holiday schedule is not yet entered (granted in November
# 2026, until 2026-12-31): a strict check passes on a day inside that window, and only there
# (before it the waiver waives nothing, WVR002; after it, it has expired, WVR001).
TODAY = "2026-12-01"


# examples/huaxin is a project folder: its handbook.toml names its policy folder, so the path of the
# project checks the same files as the path of its policies
@pytest.mark.parametrize("folder", [HUAXIN, HUAXIN_POLICIES, ROOT / "policies"],
                         ids=["huaxin", "huaxin-policies", "shipped"])
def test_strict_check_passes(folder: Path) -> None:
    r = run_cli("check", "--strict", "--today", TODAY, str(folder.relative_to(ROOT)))
    assert r.returncode == 0, r.stdout + r.stderr
    # the shipped set has two branch offices (branches/, 6 files), each checked over the head office
    files = 16 if folder == ROOT / "policies" else 10
    assert r.stdout.splitlines()[-1].startswith(f"no problems in {files} files"), r.stdout


def test_huaxin_checks_from_its_own_folder() -> None:
    # handbook.toml names the policy folder and switches off what is one company's expectation
    r = run_cli("check", "--strict", "--today", TODAY, cwd=HUAXIN)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no problems in 10 files" in r.stdout


def test_huaxin_files_name_their_schema_for_editors() -> None:
    files = sorted(HUAXIN_POLICIES.glob("*.yaml"))
    assert {f.stem for f in files} >= {"organisation", "events", "complaints", "standards", "followups",
                                       "penalties", "regulations", "glossary", "calendar"}
    for f in files:
        lines = f.read_text(encoding="utf-8").splitlines()
        first = lines[0]
        kind = next(line for line in lines if line.startswith("kind: ")).removeprefix("kind: ").strip()
        assert first == f"# yaml-language-server: $schema=../../../schemas/{kind}.schema.json", f.name
        assert (f.parent / f"../../../schemas/{kind}.schema.json").resolve().is_file()


def test_huaxin_holds_nothing_of_the_first_company() -> None:
    for f in sorted(HUAXIN.rglob("*")):
        if f.is_file():
            text = f.read_text(encoding="utf-8")
            for word in [*FIRST_COMPANY, "cs-reg"]:
                assert word not in text, (f, word)


def _site_text(site: Path) -> dict[str, str]:
    """Every text file of the site, as a reader would search it: JSON unescaped, and without the
    U+200B that the search index puts between the words jieba found."""
    out = {}
    for f in sorted(site.rglob("*")):
        if not f.is_file() or f.suffix in (".gz", ".png", ".ico", ".svg", ".woff", ".woff2"):
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        if f.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        out[f.relative_to(site).as_posix()] = text.replace("\u200b", "")
    return out


@pytest.mark.slow
def test_huaxin_manual_is_its_own(tmp_path: Path) -> None:
    site = tmp_path / "site"
    r = run_cli("build", "--strict", "-f", str(HUAXIN / "mkdocs.yml"), "-d", str(site),
                env={"HANDBOOK_TODAY": TODAY}, timeout=300)
    assert r.returncode == 0, r.stderr
    pages = _site_text(site)

    home = pages["index.html"]
    assert f"<title>{COMPANY}</title>" in home
    assert COMPANY in home.split("<h1", 1)[1].split("</h1>", 1)[0]

    # each post template has one post, with its own page, in every branch
    for template, post in TEMPLATES.items():
        for unit, branch in BRANCHES.items():
            page = f"roles/{template}.{unit}/index.html"
            assert page in pages, f"no page for {post} of {branch}: {page}"
            assert branch in pages[page] and post in pages[page]

    # four tiers, lightest first
    penalties = pages["penalties/index.html"]
    positions = [penalties.find(name) for name in TIERS]
    assert -1 not in positions and positions == sorted(positions), dict(zip(TIERS, positions, strict=True))

    found = {(path, word) for path, text in pages.items() for word in FIRST_COMPANY if word in text}
    assert not found, f"the first company's names in the second company's manual: {sorted(found)}"
