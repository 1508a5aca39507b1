"""``handbook check --watch``: check, then check again whenever a policy file changes.

The process stays warm: the schemas are compiled once, a file whose bytes did not change is
neither parsed nor validated again (``loader.Reuse``), and its model is lent to the next run
(``engine.run(previous=...)``); only the files that changed are read into the model anew, and
the checks run over the whole set, so the report is the one ``handbook check`` prints.

Changes are found by looking (every ``interval`` seconds) at the size and modification time
of every file under the policy folder, its branch offices' folder and the configuration file:
no file-system events, which behave differently on network drives and in containers.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .i18n import _

if TYPE_CHECKING:
    from .branches import Branch
    from .config import Config
    from .engine import BranchOutcome, Result
    from .limits import Limits
    from .loader import Reuse
    from .model import Model

Snapshot = dict[str, tuple[int, int]]


def snapshot(roots: list[Path]) -> Snapshot:
    """(size, modification time) of every file and folder under ``roots`` (a root may be one file;
    one that does not exist yet is looked for each time)."""
    out: Snapshot = {}
    for root in roots:
        if root.is_file():
            walk: list[tuple[str, list[str], list[str]]] = [(str(root.parent), [], [root.name])]
        else:
            walk = list(os.walk(root))
        for folder, dirs, names in walk:
            for name in (*dirs, *names):  # an empty folder counts: a branch office's, say
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue  # gone between the listing and the look: the next look says so
                out[path] = (st.st_size, st.st_mtime_ns)
    return out


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


class Watcher:
    """The warm state between runs: the files read (by their bytes), the head office's last run
    and each branch office's last outcome.

    ``setup`` gives the policy folder and its configuration (read again each run: an edit of
    handbook.toml counts from the next check), ``branches`` the branch offices to check. After
    an edit inside one branch's folder only that branch is checked again; after any other edit,
    the head office and every branch."""

    def __init__(self, setup: Callable[[], tuple[Path, Config]],
                 branches: Callable[[Path, Config], list[Branch]], jobs: int | None = None) -> None:
        self.setup, self.branches, self.jobs = setup, branches, jobs
        self.reuse: Reuse = {}
        self.head: Result | None = None
        self.outcomes: dict[str, BranchOutcome] = {}
        self.limits: Limits | None = None
        # what the last run was given: the configuration and the branch offices (readers between runs)
        self.config: Config | None = None
        self.branch_offices: list[Branch] = []

    def run(self, edits: list[str] | None = None) -> Result:
        from .engine import check_branches, run, with_outcomes

        target, config = self.setup()
        if config.limits != self.limits:  # files are reused by their bytes: new limits read them anew
            self.reuse, self.head, self.limits = {}, None, config.limits
            self.outcomes.clear()
        branches = self.branches(target, config)
        self.config, self.branch_offices = config, branches
        folders = {b.id: str(b.folder.resolve()) + os.sep for b in branches}
        touched = {b for b, folder in folders.items() for e in edits or () if e.startswith(folder)}
        own = bool(edits) and all(any(e.startswith(f) for f in folders.values()) for e in edits or ())
        if self.head is None or not own:
            previous = self.head.model if self.head is not None else None
            self.head = run(target, config, reuse=self.reuse, previous=previous)
            if previous is not None:
                previous.release()
            self.outcomes.clear()  # the head office changed: every branch's set with it
        again = [b for b in branches if b.id not in self.outcomes or b.id in touched]
        for o in check_branches(target, again, config, self.head, self.jobs) if again else ():
            self.outcomes[o.branch] = o
        result = with_outcomes(self.head, (self.outcomes[b.id] for b in branches if b.id in self.outcomes))
        self.reuse = live(self.reuse, self.head.model)
        return result


def live(reuse: Reuse, model: Model | None) -> Reuse:
    """The files of ``reuse`` that ``model`` holds: an edited file's earlier versions are let go."""
    held = {id(pf.data) for pf in model.files} if model is not None else set()
    return {raw: f for raw, f in reuse.items() if id(f.data) in held}


def watch(watcher: Watcher, roots: Callable[[], list[Path]], report: Callable[[Result], None], err: TextIO,
          recoverable: tuple[type[Exception], ...] = (), interval: float = 0.1) -> Result | None:
    """Check, report, and again after each change, until interrupted. ``roots`` says what to look
    at (asked again each time: handbook.toml may name another folder, branches/ may appear); an
    error of ``recoverable`` (a configuration being edited) is said, and the watch goes on.
    Returns the last result."""
    result: Result | None = None
    where = roots()
    seen = snapshot(where)
    result = _one(watcher, report, err, [], recoverable) or result
    try:
        while True:
            time.sleep(interval)
            with contextlib.suppress(*recoverable):  # unreadable just now: look where it said before
                where = roots()
            now = snapshot(where)
            edits = changed(seen, now)
            if not edits:
                continue
            seen = now
            result = _one(watcher, report, err, edits, recoverable) or result
    except KeyboardInterrupt:
        pass
    return result


def _one(watcher: Watcher, report: Callable[[Result], None], err: TextIO, edits: list[str],
         recoverable: tuple[type[Exception], ...]) -> Result | None:
    start = time.perf_counter()
    try:
        result = watcher.run(edits)
    except recoverable as exc:
        err.write(f"handbook: {exc}\n" + _("[{time}] watching for changes (Ctrl-C to stop)").format(
            time=time.strftime("%H:%M:%S")) + "\n")
        err.flush()
        return None
    took = time.perf_counter() - start
    report(result)
    what = _("changed: {files}").format(files=", ".join(os.path.relpath(p) for p in edits[:5])) if edits else ""
    err.write(_("[{time}] checked in {seconds:.2f} s{what}; watching for changes (Ctrl-C to stop)").format(
        time=time.strftime("%H:%M:%S"), seconds=took, what=f" ({what})" if what else "") + "\n")
    err.flush()
    return result
