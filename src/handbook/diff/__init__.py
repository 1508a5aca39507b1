"""``handbook diff OLD NEW``: what a change to the policies does, for whom, from when.

load (a folder, or a git revision read from git's objects) -> model both sides -> compare
item by item (``compare``) -> a report that the reporters in ``reporters.REPORTERS`` print.
The old side is only modelled; the new side is checked too, so a change repeats the checks
that fail on it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..engine import Result, run, run_tree
from ..i18n import _
from ..loader import Reuse
from ..problem import Severity
from ..validation import SchemaSet, package_schemas
from .compare import Report, compare
from .directions import Direction

# What --fail-on can fail on: the one place its choices come from.
FAIL_ON: dict[str, Callable[[Report], bool]] = {
    "relaxed": lambda report: report.count(Direction.RELAXED) > 0,  # a rule relaxed, whoever it is for
    "any": lambda report: bool(report.changes),  # anything changed (a frozen set of rules)
}


class SideError(Exception):
    """A side that cannot be read: not a folder, not a revision, a broken policy set (exit code 2)."""


@dataclass(frozen=True)
class Side:
    label: str  # as the user wrote it: a folder, or a revision
    folder: Path | None = None  # a policy folder on disk
    top: Path | None = None  # for a revision: the work tree's top folder
    rev: str = ""
    inside: str = ""  # for a revision: the policy folder, relative to the top ("policies")


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
    if side.folder is not None:
        return run(side.folder, config, schemas, checks=checks, reuse=reuse)
    from ..revision import GitError, read_folder

    assert side.top is not None
    try:
        files = list(read_folder(side.top, side.rev, side.inside, config.limits))
    except GitError as exc:
        raise SideError(_("cannot read {spec}: {reason}").format(spec=side.label, reason=exc)) from None
    return run_tree(Path(side.label), files, config, schemas, checks=checks, reuse=reuse)


def diff(old: Side, new: Side, config: Config) -> tuple[Report, Result, Result]:
    """Both sides loaded and compared. A side that cannot be modelled (a file that does not
    load, schema errors) is refused with its problems: a diff of half a policy set misleads."""
    schemas = package_schemas()
    reuse: Reuse = {}  # a file the same on both sides is parsed and validated once
    after = load(new, config, schemas, checks=True, reuse=reuse)
    before = load(old, config, schemas, checks=False, reuse=reuse)
    assert before.model is not None and after.model is not None
    report = compare(before.model, after.model, after.problems, old.label, new.label, config.today.isoformat())
    return report, before, after


def unreadable(result: Result) -> list[str]:
    """The load and schema errors that make a side's model partial."""
    from ..rules import registry

    rules = registry()
    return [p.line_text() for p in result.problems
            if p.severity is Severity.ERROR and rules[p.code].stage in ("load", "schema")]
