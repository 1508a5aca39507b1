"""The pre-commit hook and the CI recipe of README.md run `handbook diff` as written there."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from gitrepo import git, needs_git

from conftest import ROOT, make_set, run_cli

pytestmark = needs_git

def _repo(tmp_path: Path) -> Path:
    """A policy repository on branch main, with one change to a stage's deadline staged."""
    repo = tmp_path / "repo"
    make_set(repo / "policies")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "policies")
    f = repo / "policies" / "complaints.yaml"
    text = f.read_text(encoding="utf-8")
    assert "amount: 15" in text
    f.write_text(text.replace("amount: 15", "amount: 20", 1), encoding="utf-8")
    git(repo, "add", "-A")
    return repo


def test_the_diff_hook_runs_as_pre_commit_would(tmp_path: Path) -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    hook = hooks["handbook-diff"]
    assert hook["pass_filenames"] is False
    repo = _repo(tmp_path)
    program, command = hook["entry"].split()
    assert program == "handbook"
    proc = run_cli(command, *hook["args"], cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("### Policy changes: main -&gt; ")
    assert "| **relaxed** | 0 | 0 | 1 | 1 |" in proc.stdout
    # the README's way to refuse relaxations: the same hook with --fail-on relaxed
    strict = run_cli(command, *hook["args"], "--fail-on", "relaxed", cwd=repo)
    assert strict.returncode == 1 and "period.longer" in strict.stdout


def test_the_ci_recipe_compares_the_base_branch(tmp_path: Path) -> None:
    """README's workflow: the base branch by its remote name, markdown for the comment, then the gate."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'handbook diff "origin/$BASE" --format markdown' in readme
    assert 'handbook diff "origin/$BASE" --fail-on relaxed' in readme
    assert 'env: {BASE: "${{ github.base_ref }}"}' in readme
    origin = _repo(tmp_path)
    git(origin, "commit", "-qm", "relax")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, capture_output=True)
    git(clone, "checkout", "-q", "-b", "change", "origin/main")
    f = clone / "policies" / "complaints.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("amount: 20", "amount: 10", 1), encoding="utf-8")
    comment = run_cli("diff", "origin/main", "--format", "markdown", cwd=clone)
    assert comment.returncode == 0, comment.stderr
    assert "| tightened | 0 | 0 | 1 | 1 |" in comment.stdout
    assert run_cli("diff", "origin/main", "--fail-on", "relaxed", cwd=clone).returncode == 0
