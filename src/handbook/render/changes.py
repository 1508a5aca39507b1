"""What changed between the manual's recent versions: the page 本版变更 and each role page's changes.

The versions are the git history of the policy folder, read from git's objects (``revision.py``,
as ``handbook diff`` reads a revision): by default the last few tags reachable from HEAD whose
policy folder differs from the tag before them, each compared with that tag, and the newest
tag compared with the work tree (unreleased changes); or one configured base revision compared
with the work tree. Each comparison is ``handbook.diff``'s, so the page says what
``handbook diff OLD NEW`` says.

Git runs three times a build (the top of the work tree, the tagged commits, the policy
folder's tree at each) plus twice for each revision not read before. Models are cached in
this process by the policy folder's tree id, so ``mkdocs serve``'s rebuilds (which make a new
plugin each time) read a revision once. Nothing here fails a build: a folder outside git, git
missing, no tags, an unreadable revision each leave a note on the page instead.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..i18n import _
from ..model import Model

log = logging.getLogger("mkdocs.plugins.handbook.changes")

UNRELEASED = "未发布的修改"  # the work tree against the newest version, when they differ
DEFAULT_VERSIONS = 3
_MODELS: OrderedDict[tuple[str, str], Model | None] = OrderedDict()  # (top, tree id) -> model (None: unreadable)
_CACHED = 16


@dataclass
class Step:
    """One comparison: the changes from version ``base`` to version ``label``."""

    label: str  # a tag, or UNRELEASED
    base: str  # the version it is compared with
    date: str = ""  # the tagged commit's date (YYYY-MM-DD); "" for the work tree
    changes: list[Any] = field(default_factory=list)  # diff.compare.Change, in the report's order
    role_titles: dict[str, str] = field(default_factory=dict)
    unreadable: str = ""  # a side that could not be read: the version's label; the step shows no changes
    unreleased: bool = False  # the work tree against the newest version

    def by_role(self, roles: list[str]) -> list[tuple[str, list[Any]]]:
        """The changes grouped by the post they touch, posts in ``roles``' order (the manual's) and
        then any other (a post since removed); "" last: the changes that touch no post."""
        groups: dict[str, list[Any]] = {}
        for c in self.changes:
            for r in c.roles or [""]:
                groups.setdefault(r, []).append(c)
        order = {r: n for n, r in enumerate(roles)}
        # a post with a relaxation of a rule the regulator bounds first, as the report orders changes
        return sorted(groups.items(), key=lambda kv: (kv[0] == "", min(c.sort_key()[0] for c in kv[1]),
                                                      order.get(kv[0], len(order)), kv[0]))


@dataclass
class ChangeLog:
    steps: list[Step] = field(default_factory=list)  # newest first
    note: str = ""  # why there is nothing to show: the page says it (Chinese, for staff)
    base: str = ""  # the configured base revision, if any

    @property
    def readable(self) -> list[Step]:
        """The steps up to the first that could not be compared: a role page's "since" must not
        claim that nothing changed across a version it could not read."""
        out = []
        for s in self.steps:
            if s.unreadable:
                break
            out.append(s)
        return out

    @property
    def broken(self) -> str:
        """The version that could not be read, where the readable steps stop ("" if none)."""
        return next((s.unreadable for s in self.steps if s.unreadable), "")

    @property
    def since(self) -> str:
        """The oldest version compared with: the role pages' "自 <version> 以来"."""
        readable = self.readable
        return readable[-1].base if readable else ""

    def of_role(self, role_id: str, template_id: str | None = None) -> list[tuple[Step, Any]]:
        """The changes that touch a post (or its post template), newest version first."""
        ids = {role_id, template_id} - {None}
        return [(s, c) for s in self.readable for c in s.changes if ids & set(c.roles)]


# Notes for staff when no history can be shown (page text: Chinese, no Latin word: tests/test_manual_latin.py).
NOTE_NO_GIT = "本手册生成时，政策文件不在版本库中（或生成手册的电脑未安装版本管理工具），无法列出各版本之间的变更。"
NOTE_NO_TAGS = "政策文件的版本库中还没有标记过版本（版本标签），无法列出各版本之间的变更。"
NOTE_NO_BASE = "配置的比较基准版本在版本库中不存在，无法列出变更。"
NOTE_FAILED = "读取政策文件的版本记录时出错，本次未能列出变更。"


def _git(top: Path, *args: str, stdin: bytes | None = None) -> bytes:
    from ..revision import git as run_git

    return run_git(list(args), top, stdin)


def compute(policy_dir: Path, current: Model, config: Config, versions: int = DEFAULT_VERSIONS,
            base: str | None = None) -> ChangeLog:
    """The change log of a policy folder, compared up to its work tree (``current``, its model).
    Never raises for a missing or unusable history: the log then carries a note."""
    from ..revision import GitError

    try:
        return _compute(policy_dir, current, config, versions, base)
    except (GitError, OSError, ValueError, UnicodeDecodeError) as exc:
        log.info(_("the change history of the policies could not be read: {reason}").format(reason=exc))
        return ChangeLog(note=NOTE_FAILED, base=base or "")
    except Exception as exc:  # a fault in comparing old versions must not cost the manual of the current one
        log.warning(_("the change history of the policies could not be read: {reason}").format(
            reason=f"{type(exc).__name__}: {exc}"))
        return ChangeLog(note=NOTE_FAILED, base=base or "")


def _compute(policy_dir: Path, current: Model, config: Config, versions: int, base: str | None) -> ChangeLog:
    from ..revision import GitError, toplevel

    top = toplevel(policy_dir)
    if top is None:
        return ChangeLog(note=NOTE_NO_GIT, base=base or "")
    try:
        inside = policy_dir.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return ChangeLog(note=NOTE_NO_GIT, base=base or "")
    inside = "" if inside == "." else inside
    if base:
        if base.startswith("-"):
            return ChangeLog(note=NOTE_NO_BASE, base=base)
        try:
            out = _git(top, "log", "-1", "--format=%H%x1f%cs", "--end-of-options", f"{base}^{{commit}}", "--")
        except GitError:
            return ChangeLog(note=NOTE_NO_BASE, base=base)
        commit, _sep, day = out.decode().strip().partition("\x1f")
        tagged = [(base, commit, day)]
    else:
        tagged = _tags(top)
        if not tagged:
            return ChangeLog(note=NOTE_NO_TAGS)
    trees = _trees(top, [c for _label, c, _day in tagged], inside)
    # versions of the policy folder: a tag whose folder is the same as the older tag's adds nothing
    found: list[tuple[str, str, str, str]] = []  # (label, commit, date, tree), newest first
    for (label, commit, day), tree in zip(tagged, trees, strict=True):
        if tree is None:
            break  # the folder did not exist yet: older tags are no version of it
        if found and found[-1][3] == tree:
            found[-1] = (label, commit, day, tree)  # the same folder as the newer tag: the older tag names it
        else:
            found.append((label, commit, day, tree))
        if len(found) > (1 if base else versions + 1):
            break
    found = found[: 1 if base else versions + 1]
    if not found:
        return ChangeLog(note=NOTE_NO_TAGS if not base else NOTE_NO_BASE, base=base or "")
    models = [_model(top, label, commit, tree, inside, config) for label, commit, _day, tree in found]
    today = config.today.isoformat()
    steps: list[Step] = []
    newest_label, newest = found[0][0], models[0]
    work = _step(newest, current, newest_label, UNRELEASED, "", today)
    work.unreleased = True
    if work.changes or work.unreadable or len(found) == 1:
        steps.append(work)  # also when it is all there is: "no change since <version>" is news too
    for (label, _c, day, _t), (old_label, _c2, _d2, _t2), new, old in zip(found, found[1:], models, models[1:],
                                                                          strict=False):
        steps.append(_step(old, new, old_label, label, day, today))
    return ChangeLog(steps=steps, base=base or "")


def _tags(top: Path) -> list[tuple[str, str, str]]:
    """The tagged commits reachable from HEAD, newest first: (tag, commit, date). One tag a commit."""
    from ..revision import GitError

    try:
        out = _git(top, "log", "--simplify-by-decoration", "--decorate-refs=refs/tags/", "--topo-order",
                   "--format=%H%x1f%cs%x1f%D", "HEAD", "--")
    except GitError:
        return []  # no commit yet
    found = []
    for line in out.decode("utf-8", "surrogateescape").splitlines():
        commit, _s, rest = line.partition("\x1f")
        day, _s, refs = rest.partition("\x1f")
        names = [r.strip()[len("tag: "):] for r in refs.split(",") if r.strip().startswith("tag: ")]
        if names:
            found.append((sorted(names)[0], commit, day))  # several tags on one commit: the first by name
    return found


def _trees(top: Path, commits: list[str], inside: str) -> list[str | None]:
    """The policy folder's tree id at each commit (None where it does not exist), in one git call."""
    if not commits:
        return []
    specs = [f"{c}:{inside}" if inside else f"{c}^{{tree}}" for c in commits]
    out = _git(top, "cat-file", "--batch-check", stdin="".join(f"{s}\n" for s in specs).encode())
    trees: list[str | None] = []
    for line in out.decode("utf-8", "surrogateescape").splitlines():
        parts = line.split()
        trees.append(parts[0] if len(parts) == 3 and parts[1] == "tree" else None)
    return trees


def _model(top: Path, label: str, commit: str, tree: str, inside: str, config: Config) -> Model | None:
    """The policy folder at a commit, modelled (without the checks), cached by its tree id."""
    key = (str(top), tree)
    if key in _MODELS:
        _MODELS.move_to_end(key)
        return _MODELS[key]
    from ..diff import Side, SideError, load, unreadable
    from ..validation import package_schemas

    try:
        result = load(Side(label, None, top, commit, inside), config, package_schemas(), checks=False)
    except SideError as exc:
        log.info(str(exc))
        model = None
    else:
        bad = unreadable(result)
        model = result.model if not bad else None
        if bad:
            log.info(_("version {version} of the policies cannot be read, so it is not compared:\n{problems}").format(
                version=label, problems="\n".join(bad)))
    _MODELS[key] = model
    while len(_MODELS) > _CACHED:
        _MODELS.popitem(last=False)
    return model


def _step(old: Model | None, new: Model | None, old_label: str, new_label: str, day: str, today: str) -> Step:
    from ..diff.compare import compare

    step = Step(new_label, old_label, day)
    if old is None or new is None:
        step.unreadable = old_label if old is None else new_label
        return step
    report = compare(old, new, [], old_label, new_label, today)
    step.changes = list(report.changes)
    step.role_titles = report.role_titles
    return step


__all__ = ["UNRELEASED", "ChangeLog", "Step", "compute"]
