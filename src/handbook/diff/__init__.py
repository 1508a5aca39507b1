"""``handbook diff OLD NEW``: what a change to the policies does, for whom, from when.

load (a folder, or a git revision read from git's objects) -> model both sides -> compare
item by item (``compare``) -> a report that the reporters in ``reporters.REPORTERS`` print.
The old side is only modelled; the new side is checked too, so a change repeats the checks
that fail on it. With a branch (``--branch ID``), each side is that branch's effective set
(branches.py): the side's head office with the side's ``branches/ID`` over it, read from the same
revision for a git side; a side without that folder is the head office alone.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..branches import FOLDER
from ..config import Config
from ..engine import Result, run, run_branch_overlay, run_branch_tree, run_tree
from ..i18n import _
from ..loader import Reuse
from ..problem import Finding, Severity
from ..validation import SchemaSet, package_schemas
from .compare import Report, compare
from .directions import Direction

# What --fail-on can fail on: the one place its choices come from.
FAIL_ON: dict[str, Callable[[Report], bool]] = {
    "relaxed": lambda report: report.count(Direction.RELAXED) > 0,  # a rule relaxed, whoever it is for
    "any": lambda report: bool(report.changes),  # anything changed (a frozen set of rules)
}


FOLDER_HEAD = "policies"  # the head office's files, in a branch's effective set (_places)


class SideError(Exception):
    """A side that cannot be read: not a folder, not a revision, a broken policy set (exit code 2)."""


@dataclass(frozen=True)
class Side:
    label: str  # as the user wrote it: a folder, or a revision
    folder: Path | None = None  # a policy folder on disk
    top: Path | None = None  # for a revision: the work tree's top folder
    rev: str = ""
    inside: str = ""  # for a revision: the policy folder, relative to the top ("policies")
    branch: str = ""  # a branch's id: the side is that branch's effective set
    branch_folder: Path | None = None  # for a folder side: the branch's folder (absent: no overlay)
    branch_inside: str = ""  # for a revision: the branch's folder, relative to the top


def branch_side(side: Side, branch: str, configured: Path | None = None) -> Side:
    """The side as branch ``branch`` sees it: its folder is ``branches/<branch>`` beside the side's
    policy folder (``configured``: handbook.toml's ``[handbook] branches``, for a folder side and
    for a revision of the work tree's own policy folder)."""
    if side.folder is not None:
        root = configured if configured is not None else side.folder.parent / FOLDER
        return replace(side, branch=branch, branch_folder=root / branch)
    assert side.top is not None
    inside = None
    if configured is not None and ":" not in side.label:
        try:
            inside = (configured.resolve().relative_to(side.top.resolve()) / branch).as_posix()
        except ValueError:
            raise SideError(_("the branch folder {folder} is outside the git repository at {top}").format(
                folder=configured, top=side.top)) from None
    if inside is None:
        inside = posixpath.join(posixpath.dirname(side.inside), FOLDER, branch)
    return replace(side, branch=branch, branch_inside=inside)


def branch_present(side: Side, config: Config) -> bool:
    """Whether the side has the branch's folder (at its revision, for a git side)."""
    if side.branch_folder is not None:
        return side.branch_folder.is_dir()
    from ..revision import GitError, read_folder

    assert side.top is not None
    try:
        return any(True for _f in read_folder(side.top, side.rev, side.branch_inside, config.limits))
    except GitError:
        return False


def revision_side(spec: str, policies: Path) -> Side:
    """A revision (``main``, ``v2026.1``, ``HEAD~2``), or ``REV:path`` for another folder of the
    repository; the policy folder is the one the work tree uses, at that revision."""
    import shutil

    from ..revision import is_revision, toplevel

    rev, sep, inside = spec.partition(":")
    if shutil.which("git") is None:
        raise SideError(_("'{spec}' is no folder, and git is not installed to read it as a revision").format(
            spec=spec))
    top = toplevel(policies if policies.is_dir() else Path.cwd())
    if top is None:
        raise SideError(_("'{spec}' is no folder, and {folder} is in no git repository, so it is no revision "
                          "either").format(spec=spec, folder=policies))
    if not is_revision(top, rev):
        raise SideError(_("'{spec}' is neither a folder nor a revision of the git repository at {top}").format(
            spec=spec, top=top))
    if not sep:
        try:
            inside = policies.resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            raise SideError(_("the policy folder {folder} is outside the git repository at {top}; name the folder "
                              "in the revision as REV:path").format(folder=policies, top=top)) from None
    inside = posixpath.normpath(inside) if inside else "."
    if inside.startswith(("/", "../")) or inside == "..":
        raise SideError(_("'{spec}': the folder must be inside the repository, written from its top").format(spec=spec))
    return Side(spec, None, top, rev, "" if inside == "." else inside)


def load(side: Side, config: Config, schemas: SchemaSet, checks: bool, reuse: Reuse | None = None) -> Result:
    if side.branch:
        return _load_branch(side, config, schemas, checks, reuse)
    if side.folder is not None:
        return run(side.folder, config, schemas, checks=checks, reuse=reuse)
    return run_tree(Path(side.label), _read(side, side.inside, config), config, schemas, checks=checks, reuse=reuse)


def _read(side: Side, inside: str, config: Config) -> list[tuple[str, bytes | Finding]]:
    from ..revision import GitError, read_folder

    assert side.top is not None
    try:
        return list(read_folder(side.top, side.rev, inside, config.limits))
    except GitError as exc:
        raise SideError(_("cannot read {spec}: {reason}").format(spec=side.label, reason=exc)) from None


def _load_branch(side: Side, config: Config, schemas: SchemaSet, checks: bool, reuse: Reuse | None) -> Result:
    """A side as its branch sees it: the head office's set (checked too on the new side: a head-office
    change can fail in it) with the branch's files over it; the problems of both."""
    from ..branches import Branch

    head = load(replace(side, branch=""), config, schemas, checks, reuse)
    result = None
    if side.branch_folder is not None:
        if side.branch_folder.is_dir():
            result = run_branch_overlay(side.folder or Path(), Branch(side.branch, side.branch_folder), config,
                                        schemas, head, reuse, checks)[0]
    else:
        files = _read(side, side.branch_inside, config)
        if files:
            label = f"{side.rev}:{side.branch_inside}"
            result = run_branch_tree(head, side.branch, label, files, config, schemas, checks, reuse)[0]
    if result is None:  # no such folder on this side: the branch follows the head office alone
        result = head
    else:
        result.problems = head.problems + result.problems
        result.files = head.files + result.files
    assert result.model is not None
    result.model.derived["places"] = _places(head.files, result.files, side.branch)
    return result


def _places(head: list[str], files: list[str], branch: str) -> dict[str, str]:
    """Each file of a branch's effective set by its place: ``policies/<path in the head office's folder>``
    or ``branches/<id>/<path in the branch's folder>``, so that a file's header pairs with itself on a
    side read from elsewhere, or on one without the branch's folder (compare's ``_by_place``)."""
    out: dict[str, str] = {}
    heads = set(head)
    mine = [f for f in files if f not in heads]
    for group, prefix in ((head, FOLDER_HEAD), (mine, f"{FOLDER}/{branch}")):
        if not group:
            continue
        dirs = [posixpath.dirname(p) for p in group]
        root = posixpath.commonpath(dirs) if len(dirs) > 1 else dirs[0]
        out.update({p: f"{prefix}/{p[len(root):].lstrip('/')}" for p in group})
    return out


def diff(old: Side, new: Side, config: Config) -> tuple[Report, Result, Result]:
    """Both sides loaded and compared. A side that cannot be modelled (a file that does not
    load, schema errors) is refused with its problems: a diff of half a policy set misleads."""
    schemas = package_schemas()
    reuse: Reuse = {}  # a file the same on both sides is parsed and validated once
    after = load(new, config, schemas, checks=True, reuse=reuse)
    before = load(old, config, schemas, checks=False, reuse=reuse)
    assert before.model is not None and after.model is not None
    old_label, new_label = (s.label if not s.branch else _("{side} (branch {id})").format(side=s.label, id=s.branch)
                            for s in (old, new))
    report = compare(before.model, after.model, after.problems, old_label, new_label, config.today.isoformat())
    return report, before, after


def unreadable(result: Result) -> list[str]:
    """The load and schema errors that make a side's model partial."""
    from ..rules import registry

    rules = registry()
    return [p.line_text() for p in result.problems
            if p.severity is Severity.ERROR and rules[p.code].stage in ("load", "schema")]
