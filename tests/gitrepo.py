"""Git repositories made in a test: one way to run git (a fixed author, no signing, whatever the
user's configuration says) and to edit a policy file in place."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="the test puts policies under git")


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a test author; its output, or the test fails with git's message."""
    proc = subprocess.run(["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid", "-c",
                           "commit.gpgSign=false", "-c", "tag.gpgSign=false", "-c", "init.defaultBranch=main", *args],
                          cwd=repo, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one place ``old`` occurs in a file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def tagged_repo(tmp_path: Path, policies: Path, tag: str = "v1") -> Path:
    """A repository holding a copy of ``policies`` as policies/, committed and tagged."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(policies, repo / "policies")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", tag)
    git(repo, "tag", tag)
    return repo
