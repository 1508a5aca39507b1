"""What an independent review of ``handbook diff`` found, each through the real command: merges
(``replaces`` naming two ids), files split or renamed within a kind, hostile revision paths and
titles, file names that are not UTF-8, upcoming changes, and the Chinese output."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gitrepo import edit, git, needs_git, tagged_repo

from conftest import run_cli

BASE = Path(__file__).resolve().parent / "diff" / "base"

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base set committed and tagged v1; each test edits the work tree (or commits v2)."""
    return tagged_repo(tmp_path, BASE)


def diff_json(repo: Path, *args: str) -> dict[str, object]:
    r = run_cli("diff", *args, "--format", "json", cwd=repo)
    assert r.returncode == 0, r.stderr
    doc: dict[str, object] = json.loads(r.stdout)
    return doc


def changes(doc: dict[str, object]) -> list[dict[str, object]]:
    found = doc["changes"]
    assert isinstance(found, list)
    return found


def test_a_merge_lists_the_second_id_as_removed(repo: Path) -> None:
    """replaces: [A, B] with both gone: the item is A renamed, and B's removal is still reported (it
    was once silently dropped, so --fail-on relaxed passed a lost standard)."""
    f = repo / "policies" / "standards.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index("  - id: std-satisfaction")
    f.write_text(text[:start], encoding="utf-8")  # std-satisfaction is gone
    edit(f, "  - id: std-hotline-hours\n", "  - id: std-hotline\n    replaces: [std-hotline-hours, std-satisfaction]\n")
    doc = diff_json(repo, "v1")
    by_id = {(c["status"], c["id"]): c for c in changes(doc)}
    renamed = by_id[("changed", "std-hotline")]
    assert renamed["renamed_from"] == "std-hotline-hours"
    removed = by_id[("removed", "std-satisfaction")]
    assert removed["direction"] == "relaxed"
    assert removed["fields"][0]["rule"] == "duties.removed"  # type: ignore[index]
    assert removed["fields"][0]["note"] == "merged into std-hotline"  # type: ignore[index]
    assert run_cli("diff", "v1", "--fail-on", "relaxed", cwd=repo).returncode == 1


def test_files_of_one_kind_are_compared_file_by_file(repo: Path) -> None:
    """A kind split over two files: each file's header is compared with its own old self, and a new
    file is an added header, not a change of the first file's title."""
    f = repo / "policies" / "standards.yaml"
    text = f.read_text(encoding="utf-8")
    head, sep, rest = text.partition("standards:\n")
    second = rest.index("  - id: std-satisfaction")
    f.write_text(head + sep + rest[:second], encoding="utf-8")
    (repo / "policies" / "standards-followup.yaml").write_text(
        head.replace("title: 客户服务标准", "title: 回访服务标准") + sep + rest[second:], encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "split")
    git(repo, "tag", "split")
    doc = diff_json(repo, "v1", "split")
    assert [(c["status"], c["kind"], c["path"]) for c in changes(doc)] == [
        ("added", "standards", "split:policies/standards-followup.yaml")]
    # the second file's header changes, the first's do not: reported on the second file
    edit(repo / "policies" / "standards-followup.yaml", 'review_by: "2027-01-01"', 'review_by: "2027-06-30"')
    doc = diff_json(repo, "split")
    assert [(c["kind"], c["path"], [x["field"] for x in c["fields"]]) for c in changes(doc)] == [  # type: ignore[attr-defined]
        ("standards", "policies/standards-followup.yaml", ["review_by"])]


def test_a_revision_path_is_normalised_and_kept_inside_the_repository(repo: Path) -> None:
    edit(repo / "policies" / "standards.yaml", "hours_per_day: 8\n", "hours_per_day: 10\n")
    doc = diff_json(repo, "v1:policies/../policies")
    assert [c["id"] for c in changes(doc)] == ["std-hotline-hours"]
    for spec in ("v1:../outside", "v1:/etc", "v1:policies/../.."):
        r = run_cli("diff", spec, cwd=repo)
        assert r.returncode == 2 and r.stdout == ""
        assert r.stderr == f"handbook: '{spec}': the folder must be inside the repository, written from its top\n"


def test_a_title_cannot_link_mention_or_format_in_a_pull_request_comment(repo: Path) -> None:
    hostile = "https://evil.example/a www.evil.example @octocat/team #1 $$x$$ <img src=x> [a](https://b) **b**"
    edit(repo / "policies" / "standards.yaml", "title: 回访满意度", f"title: '{hostile}'")
    r = run_cli("diff", "v1", "--format", "markdown", cwd=repo)
    assert r.returncode == 0, r.stderr
    line = next(x for x in r.stdout.splitlines() if "std-satisfaction" in x)
    for active in ("https://", "www.", "@octocat", "#1", "$$", "<img", "[a](", "**b"):
        assert active not in line, active
    # still readable: the words are there, with an invisible word joiner (U+2060) or a backslash
    assert "evil.example" in line and "\\$\\$x\\$\\$" in line and "&lt;img src=x&gt;" in line


def test_json_stays_utf8_with_a_file_name_that_is_not(repo: Path) -> None:
    bad = repo / "policies" / "glossary-\udcff.yaml"
    text = (repo / "policies" / "glossary.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("id: term-", "id: term-x-"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "odd name")
    git(repo, "tag", "odd")
    r = subprocess.run(["python", "-m", "handbook", "diff", "v1", "odd", "--format", "json"], cwd=repo,
                       capture_output=True, check=False)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout.decode("utf-8"))  # strict UTF-8: no raw surrogate escaped through
    paths = {c["path"] for c in doc["changes"]}
    assert "odd:policies/glossary-\\xff.yaml" in paths


def test_an_upcoming_change_is_marked_with_its_date(repo: Path) -> None:
    edit(repo / "policies" / "standards.yaml", "    breach: viol-service\n  - id: std-satisfaction\n",
         '    breach: viol-service\n  - id: std-satisfaction\n    effective_from: "2027-03-01"\n')
    doc = diff_json(repo, "v1", "--today", "2026-06-01")
    (c,) = changes(doc)
    assert (c["id"], c["upcoming"], c["effective"], c["direction"]) == ("std-satisfaction", True, "2027-03-01",
                                                                         "relaxed")
    assert doc["summary"] == {"changes": 1, "relaxed": 1, "tightened": 0, "neutral": 0, "upcoming": 1}
    text = run_cli("diff", "v1", "--today", "2026-06-01", cwd=repo).stdout
    assert "    upcoming: takes effect on 2027-03-01\n" in text
    assert text.endswith("1 change(s) between v1 and policies: 1 relaxed, 0 tightened, 0 neutral; 1 upcoming\n")
    # on the day it takes effect it is no longer upcoming
    doc = diff_json(repo, "v1", "--today", "2027-03-01")
    assert changes(doc)[0]["upcoming"] is False


def test_the_review_speaks_chinese(repo: Path) -> None:
    edit(repo / "policies" / "complaints.yaml", "      amount: 15\n", "      amount: 20\n")
    r = run_cli("--lang", "zh_CN", "diff", "v1", cwd=repo)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("policies/complaints.yaml:") and "[放宽] 修改 处理环节 stage-decide" in lines[0]
    assert "    本规则受监管时限约束" in lines
    assert any(x.startswith("    deadline: period.longer [放宽] 在日历覆盖年份的部分起算日，时限比原来更晚届满。") for x in lines)
    assert any(x.startswith("    在 policies 上不通过： policies/complaints.yaml:") and "TML001" in x for x in lines)
    assert lines[-1] == "v1 与 policies 之间有 1 项变更：放宽 1 项，收紧 0 项，无实质变化 0 项"
