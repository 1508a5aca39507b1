"""A policy folder as it was at a git revision, read from git's objects (no checkout).

``git ls-tree`` lists the folder's files at the revision with their sizes, ``git cat-file
--batch`` reads them in one process; the work tree and the index are never touched. Files
are named the way git names them, ``REV:policies/complaints.yaml``.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from .checks import file_too_large, unreadable_file
from .engine import POLICY_SUFFIXES
from .i18n import _
from .limits import Limits
from .problem import Finding, finding


class GitError(Exception):
    """git is missing, or refused (the message is git's own, or says which)."""


def git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    exe = shutil.which("git")
    if exe is None:
        raise GitError(_("git is not installed, so revisions cannot be read"))
    proc = subprocess.run([exe, *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return proc.stdout


def toplevel(folder: Path) -> Path | None:
    """The work tree that holds ``folder``, or None when it is in none (or git is missing)."""
    try:
        out = git(["rev-parse", "--show-toplevel"], folder if folder.is_dir() else folder.parent)
    except (GitError, OSError):
        return None
    return Path(out.decode("utf-8", "surrogateescape").strip())


def is_revision(top: Path, rev: str) -> bool:
    if rev.startswith("-"):
        return False  # never an option to git
    try:
        git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    except GitError:
        return False
    return True


def commit_of(top: Path, rev: str) -> str:
    return git(["rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}"], top).decode().strip()


def read_folder(top: Path, rev: str, folder: str, limits: Limits) -> Iterator[tuple[str, bytes | Finding]]:
    """Each policy file under ``folder`` (relative to the top, "/"-separated) at ``rev``: its shown
    name and its bytes, or why it is refused (a link, an over-large file), as engine.run_tree wants.
    Hidden folders are skipped, as ``discover`` skips them in a work tree."""
    listing = git(["ls-tree", "-r", "-z", "-l", "--full-tree", "--end-of-options", rev, "--", folder or "."], top)
    wanted: list[tuple[str, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _tab, raw_path = entry.partition(b"\t")
        mode, kind, sha, size = meta.split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if folder and not path.startswith(folder.rstrip("/") + "/"):
            continue  # git lists only what is under the folder; a path it spells otherwise is not read
        rel = PurePosixPath(path[len(folder):].lstrip("/")) if folder else PurePosixPath(path)
        if kind != b"blob" or any(p.startswith(".") for p in rel.parts[:-1]):
            continue
        if not rel.name.lower().endswith(POLICY_SUFFIXES):
            continue
        shown = f"{rev}:{path}"
        if mode == b"120000":
            yield shown, finding(shown, 0, 0, unreadable_file.CODE,
                                 _("cannot read file: a symbolic link in a revision is not followed"))
            continue
        if int(size) > limits.max_bytes:
            yield shown, finding(shown, 1, 1, file_too_large.CODE, _(
                "file is {size} bytes, over the limit of {limit}").format(size=int(size), limit=limits.max_bytes))
            continue
        wanted.append((shown, sha.decode()))
    if not wanted:
        return
    out = git(["cat-file", "--batch"], top, stdin="".join(f"{sha}\n" for _s, sha in wanted).encode())
    pos = 0
    for shown, _sha in wanted:
        end = out.index(b"\n", pos)
        length = int(out[pos:end].split()[2])
        yield shown, out[end + 1:end + 1 + length]
        pos = end + 1 + length + 1
