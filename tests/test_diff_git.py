"""``handbook diff`` on a git repository made in the test: two tagged commits and a work tree,
compared through the real command (a subprocess), in JSON and Markdown, with its exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gitrepo import edit, git, needs_git, tagged_repo

from conftest import run_cli

BASE = Path(__file__).resolve().parent / "diff" / "base"

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """v1: the base set; v2: the decision deadline 15 -> 20 calendar days (past the regulator's
    15-day limit that bounds it) and two more hours of hotline service a day."""
    repo = tagged_repo(tmp_path, BASE)
    edit(repo / "policies" / "complaints.yaml", "      amount: 15\n", "      amount: 20\n")
    edit(repo / "policies" / "standards.yaml", "hours_per_day: 8\n", "hours_per_day: 10\n")
    git(repo, "commit", "-q", "-a", "-m", "v2")
    git(repo, "tag", "v2")
    return repo


def test_two_tags_as_json(repo: Path) -> None:
    r = run_cli("diff", "v1", "v2", "--format", "json", cwd=repo)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["version"], doc["old"], doc["new"]) == (1, "v1", "v2")
    assert doc["summary"] == {"changes": 2, "relaxed": 1, "tightened": 1, "neutral": 0, "upcoming": 0}
    first, second = doc["changes"]
    # the relaxation of a rule a regulatory limit bounds comes first
    assert (first["status"], first["kind"], first["id"], first["direction"]) == ("changed", "stage", "stage-decide",
                                                                                  "relaxed")
    assert first["bounded_by_regulation"] is True
    assert first["path"] == "v2:policies/complaints.yaml"
    assert first["roles"] == ["cs-agent"] and first["regulations"] == ["cbirc-2020-3.time-limits"]
    [field] = first["fields"]
    assert (field["field"], field["rule"], field["direction"]) == ("deadline", "period.longer", "relaxed")
    assert (field["old"]["amount"], field["new"]["amount"]) == (15, 20)
    # the checks that now fail on the change come with it
    assert {p["code"] for p in first["problems"]} >= {"LIM001"}
    assert (second["id"], second["direction"], second["bounded_by_regulation"]) == ("std-hotline-hours",
                                                                                     "tightened", False)
    assert second["roles"] == ["cs-agent", "general-manager"]
    assert [(f["field"], f["rule"], f["old"], f["new"]) for f in second["fields"]] == [
        ("target.hours_per_day", "more.higher", 8, 10)]


def test_two_tags_as_markdown(repo: Path) -> None:
    r = run_cli("diff", "v1", "v2", "--format", "markdown", cwd=repo)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("### ") and "v1" in lines[0] and "v2" in lines[0]
    # the summary table: a row per direction, added | removed | changed | total
    assert "| **relaxed** | 0 | 0 | 1 | 1 |" in lines
    assert "| tightened | 0 | 0 | 1 | 1 |" in lines
    assert "| neutral | 0 | 0 | 0 | 0 |" in lines
    assert "2 change(s) between v1 and v2: 1 relaxed, 1 tightened, 0 neutral" in lines
    # grouped by post: both posts are named, with their titles
    assert any("客户服务专员 (cs-agent)" in line for line in lines)
    assert any("总经理 (general-manager)" in line for line in lines)
    changes = [line for line in lines if line.startswith("- ") and "`" in line]
    assert "stage-decide" in changes[0] and "a regulatory limit bounds this rule" in changes[0]
    assert "**relaxed**" in changes[0]
    assert any("std-hotline-hours" in line and "**tightened**" in line for line in changes)
    assert any("period.longer" in line and "15 calendar\\_days -&gt; 20 calendar\\_days" in line for line in lines)


def test_a_revision_against_the_work_tree(repo: Path) -> None:
    # the work tree tightens only: one more follow-up attempt
    edit(repo / "policies" / "followups.yaml", "attempts: 3\n", "attempts: 4\n")
    r = run_cli("diff", "v2", "--format", "json", "--fail-on", "relaxed", cwd=repo)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["new"] == "policies"
    assert [(c["id"], c["direction"]) for c in doc["changes"]] == [("fum-phone", "tightened")]
    assert doc["changes"][0]["path"] == "policies/followups.yaml"
    # against v1 the work tree also holds v2's relaxation
    r = run_cli("diff", "v1", "--format", "json", "--fail-on", "relaxed", cwd=repo)
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    assert doc["summary"] == {"changes": 3, "relaxed": 1, "tightened": 2, "neutral": 0, "upcoming": 0}
    # --fail-on any: 1 for any change, 0 for none
    assert run_cli("diff", "v2", "--fail-on", "any", cwd=repo).returncode == 1
    r = run_cli("diff", "v2", "v2", "--fail-on", "any", cwd=repo)
    assert r.returncode == 0
    assert r.stdout.splitlines()[-1] == "no changes between v2 and v2"
    assert "LIM001" in r.stdout  # the checks that fail on v2 are still listed


def test_fail_on_relaxed_only_for_relaxations(repo: Path) -> None:
    assert run_cli("diff", "v1", "v2", "--fail-on", "relaxed", cwd=repo).returncode == 1
    assert run_cli("diff", "v2", "v1", "--fail-on", "relaxed", cwd=repo).returncode == 1  # v1 cuts the hours
    edit(repo / "policies" / "standards.yaml", "hours_per_day: 10\n", "hours_per_day: 8\n")
    edit(repo / "policies" / "complaints.yaml", "      amount: 20\n", "      amount: 15\n")
    git(repo, "commit", "-q", "-a", "-m", "v3")
    git(repo, "tag", "v3")
    # v2 -> v3: the deadline back to 15 days (tightened), the hours back to 8 (relaxed)
    r = run_cli("diff", "v2", "v3", "--format", "json", "--fail-on", "relaxed", cwd=repo)
    assert r.returncode == 1
    assert json.loads(r.stdout)["summary"]["relaxed"] == 1
    edit(repo / "policies" / "standards.yaml", "hours_per_day: 8\n", "hours_per_day: 12\n")
    r = run_cli("diff", "v2", "--format", "json", "--fail-on", "relaxed", cwd=repo)
    assert r.returncode == 0, r.stdout
    assert json.loads(r.stdout)["summary"] == {"changes": 2, "relaxed": 0, "tightened": 2, "neutral": 0,
                                               "upcoming": 0}


def test_a_revision_that_does_not_exist(repo: Path) -> None:
    r = run_cli("diff", "v9", "v2", cwd=repo)
    assert r.returncode == 2
    assert "'v9' is neither a folder nor a revision of the git repository" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_a_side_that_breaks_its_schema_names_the_place(repo: Path) -> None:
    edit(repo / "policies" / "standards.yaml", "    category: hotline\n", "    category: hotline\n    urgency: high\n")
    r = run_cli("diff", "v1", cwd=repo)
    assert r.returncode == 2
    assert "policies/standards.yaml:11:5: SCH002 unknown field 'urgency'" in r.stderr
    assert "cannot be read or break their schema" in r.stderr
    git(repo, "commit", "-q", "-a", "-m", "broken")
    git(repo, "tag", "v-broken")
    r = run_cli("diff", "v-broken", "v2", cwd=repo)
    assert r.returncode == 2
    assert "v-broken:policies/standards.yaml:11:5: SCH002 unknown field 'urgency'" in r.stderr
    # a YAML syntax error, in the work tree
    (repo / "policies" / "events.yaml").write_text("kind: events\nevents: [\n", encoding="utf-8")
    r = run_cli("diff", "v1", cwd=repo)
    assert r.returncode == 2
    assert "policies/events.yaml:3:1: YML001" in r.stderr


def test_two_folders(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(BASE, a)
    shutil.copytree(BASE, b)
    edit(b / "penalties.yaml", "    title: 超过监管时限\n    tier: tier-heavy\n", "    title: 超过监管时限\n    tier: tier-light\n")
    r = run_cli("diff", "a", "b", "--format", "json", "--fail-on", "relaxed", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["old"], doc["new"]) == ("a", "b")
    [change] = doc["changes"]
    assert (change["id"], change["direction"], change["path"]) == ("viol-limit", "relaxed", "b/penalties.yaml")
    assert [f["rule"] for f in change["fields"]] == ["tier.lighter"]
    assert change["roles"] == ["cs-agent"]  # the post whose stage breaks into it
    r = run_cli("diff", "a", "b", cwd=tmp_path)
    assert r.returncode == 0
    assert r.stdout.splitlines()[-1] == "1 change(s) between a and b: 1 relaxed, 0 tightened, 0 neutral"
