"""load -> validate -> model -> checks -> Result. Nothing here prints or exits."""

from __future__ import annotations

import errno
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import (
    empty_policy_folder,
    follow_on,
    symlink_outside,
    unreadable_file,
    unresolved_reference,
    waiver_expired,
    waiver_unused,
)
from .config import Config
from .i18n import _
from .loader import UNSAVED, LoadedFile, Reuse, load_bytes, load_file
from .model import Item, Model, PolicyFile
from .problem import Finding, InternalError, Problem, Severity, finding
from .resources import schemas_dir
from .rules import registry
from .validation import SchemaSet
from .waivers import WaiverPolicy

if TYPE_CHECKING:
    from .branches import Branch, Overlay

POLICY_SUFFIXES = (".yaml", ".yml")  # matched against the lower-cased name: EXTRA.YAML and x.Yml count too


@dataclass
class Result:
    root: Path
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    model: Model | None = None
    extra_items: int = 0  # items of runs reported with this one (the branch offices' own)

    @property
    def items(self) -> int:
        """Items in the files checked (a single file is loaded with its folder, which is not counted;
        nor are the posts a post template stands for)."""
        if self.model is None:
            return 0
        files = set(self.files)
        own = sum(1 for item in self.model.items.values() if item.path in files and item.template is None)
        return own + self.extra_items

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)

    @property
    def waived(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WAIVED)

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0


def shown_path(path: Path, base: Path) -> str:
    """A path as the user will want to click it: relative to the working directory if possible.

    Not escaped here: the reporters make every path printable (Problem.printable).
    """
    cwd = Path.cwd()
    for b in (cwd, base):
        try:
            rel = path.relative_to(b)
        except ValueError:
            continue
        if rel.parts or b == cwd:  # a file that is itself the base is named, never shown as "."
            return rel.as_posix()
    return path.as_posix()


def discover(root: Path) -> tuple[list[Path], list[Finding]]:
    """Every *.yaml / *.yml under the folder root, in any letter case (hidden folders aside),
    and symlinks that leave it or loop. (A PATH that is not a folder, a FIFO too, is _run's:
    it goes to the loader, which refuses anything but a regular file without opening it.)"""
    problems: list[Finding] = []
    found: list[Path] = []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in list(dirnames):
            p = Path(dirpath, d)
            if p.is_symlink():
                dirnames.remove(d)
                if not _inside(p, real_root):
                    problems.append(finding(shown_path(p, root), 0, 0, symlink_outside.CODE,
                                            _("symbolic link leads outside the policy folder: refused")))
        for name in sorted(filenames):
            if not name.lower().endswith(POLICY_SUFFIXES):
                continue
            p = Path(dirpath, name)
            if p.is_symlink():
                # a loop is no way out of the folder: name it (resolve() raises on one, or from 3.13 returns a path)
                try:
                    os.stat(p)
                except OSError as exc:
                    if exc.errno == errno.ELOOP:
                        problems.append(finding(shown_path(p, root), 0, 0, unreadable_file.CODE,
                                                _("cannot read file: symbolic link loop")))
                        continue
                if not _inside(p, real_root):
                    problems.append(finding(shown_path(p, root), 0, 0, symlink_outside.CODE,
                                            _("symbolic link leads outside the policy folder: refused")))
                    continue
            found.append(p)
    # a file an editor holds that is not on disk yet (handbook lsp): a policy file all the same
    seen = {str(p.resolve()) for p in found} if UNSAVED else set()
    for held in sorted(UNSAVED):
        p = Path(held)
        if (held not in seen and p.name.lower().endswith(POLICY_SUFFIXES) and p.is_relative_to(real_root)
                and not any(part.startswith(".") for part in p.relative_to(real_root).parts) and not p.exists()):
            found.append(p)
    return found, problems


def _inside(p: Path, real_root: Path) -> bool:
    try:
        p.resolve().relative_to(real_root)
        return True
    except (ValueError, OSError, RuntimeError):
        return False


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    Loading builds millions of small dicts and lists that stay alive; each
    automatic collection walks all of them again, which made a 100,000-item check
    spend most of its time in the collector. Policy data has no reference cycles,
    so pausing frees nothing later than it would have been freed anyway.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run(root: Path, config: Config | None = None, schemas: SchemaSet | None = None, checks: bool = True,
        reuse: Reuse | None = None, previous: Model | None = None) -> Result:
    """Check a policy folder (or one file) and return every problem found. Without ``checks``
    only the model is built, with the loading and schema problems (as run_tree); ``reuse``
    shares files with another run (loader.Reuse), and ``previous``, that run's model, lends the
    models of the files that did not change (``handbook check --watch``)."""
    with _gc_paused():
        if previous is not None and schemas is None:
            schemas = previous.schemas  # the same schemas: its files' models were made with them
        return _run(root, config, schemas, checks, reuse, previous)


def run_tree(root: Path, files: Iterable[tuple[str, bytes | Finding]], config: Config | None = None,
             schemas: SchemaSet | None = None, checks: bool = True, reuse: Reuse | None = None) -> Result:
    """Check a policy folder read from elsewhere (a git revision): each file's shown path and
    its bytes, or what refused it (a link). Without ``checks`` only the model is built (a
    side of ``handbook diff`` whose problems are not asked for): loading and schema
    problems are still listed."""
    with _gc_paused():
        config = config or Config()
        result = Result(root)
        model = Model()
        state = _Loading(result, model, schemas or SchemaSet(schemas_dir()), config, reuse)
        for shown, raw in files:
            if isinstance(raw, Finding):
                state.findings.append(raw)
                state.unloaded.append(shown)
            else:
                state.add(load_bytes(raw, shown, config.limits, reuse))
        if not result.files and not state.findings:
            state.findings.append(finding(str(root), 0, 0, empty_policy_folder.CODE,
                                          _("no policy files (*.yaml, *.yml) found: the manual would be empty")))
        return _conclude(result, state, config, checks)


def _run(root: Path, config: Config | None, schemas: SchemaSet | None, checks: bool = True,
         reuse: Reuse | None = None, previous: Model | None = None) -> Result:
    config = config or Config()
    schemas = schemas or SchemaSet(schemas_dir())
    root = root.absolute()  # so shown paths can be made relative to the working directory
    result = Result(root)
    model = Model()
    state = _Loading(result, model, schemas, config, reuse, previous)
    alone = False
    if not root.is_dir():
        # One file in the policy folder is checked against the rest of it, so references
        # into other files resolve; only its own problems are reported. A file outside
        # it is checked alone, and the checks that need the whole set say so.
        context = _context_folder(root, config)
        target = state.load(root, context or root.parent)
        if context is not None and target is not None:
            others, _found = discover(context)
            for path in others:
                if path.absolute() != root:
                    state.load(path, context, context_only=True)
        alone = context is None
        result.files = [shown_path(root, context or root.parent)]
    else:
        paths, found = discover(root)
        if not paths and not found:
            found.append(finding(shown_path(root, root.parent), 0, 0, empty_policy_folder.CODE,
                                 _("no policy files (*.yaml, *.yml) found: the manual would be empty")))
        state.findings.extend(found)
        # a file refused before loading (a link out of the folder, a loop) is missing too
        state.unloaded.extend(dict.fromkeys(f.path for f in found if f.code != empty_policy_folder.CODE))
        for path in paths:
            state.load(path, root)
    narrow = None
    if not root.is_dir():
        def narrow(found: list[Finding], active: dict[tuple[str, str], Item]) -> list[Finding]:
            mine = set(result.files)
            found = [f for f in found if f.path in mine]
            if alone or state.context_unloaded:
                found = _withhold_follow_ons(found, state.context_unloaded, config, active, alone=alone,
                                             target=result.files[0])
            return found

    return _conclude(result, state, config, checks, narrow)


Narrow = Callable[[list[Finding], dict[tuple[str, str], Item]], list[Finding]]


def _conclude(result: Result, state: _Loading, config: Config, checks: bool, narrow: Narrow | None = None,
              more: Callable[[Model], list[Finding]] | None = None) -> Result:
    """The end of every run, once its files are in: the posts of the post templates, the checks,
    the waivers, the severities. ``narrow`` keeps what a single file's or a branch's run reports
    (its own findings, and it may drop waivers); otherwise what the cross-file checks said about
    unreadable files is withheld. ``more`` adds what the run finds on the finished model itself
    (a branch's relaxations), waivable like any check's."""
    model = state.model
    model.finish()
    model.today = config.today
    result.model = model
    if not checks:
        result.problems = judge(state.findings, {}, config)
        return result
    found = run_checks(model, config, tolerate_crash=state.schema_failed or bool(state.unloaded)
                       or bool(state.findings))
    if more is not None:
        found += more(model)
    active, waiver_findings = _waivers(model, found, config)
    found += waiver_findings
    if narrow is not None:
        found = narrow(found, active)
    elif state.unloaded:
        found = _withhold_follow_ons(found, state.unloaded, config, active)
    result.problems = judge([*state.findings, *found], active, config)
    result.problems.sort(key=_root_causes_first)
    return result


def run_branch(policies: Path, branch: Branch, config: Config | None = None, schemas: SchemaSet | None = None,
               head: Result | None = None, reuse: Reuse | None = None) -> Result:
    """Check one branch's effective set (branches.py): the head office's files (``head``, a run of
    ``policies``, is reused: its files are parsed once for every branch) with the branch's files
    over them. Reported: what is found in the branch's own files, and the branch's relaxations."""
    return run_branch_overlay(policies, branch, config, schemas, head, reuse)[0]


@dataclass
class BranchOutcome:
    """What ``check_branches`` keeps of a branch's run: its files, problems and item count."""

    branch: str
    files: list[str]
    problems: list[Problem]
    items: int

    @classmethod
    def of(cls, branch: str, r: Result) -> BranchOutcome:
        return cls(branch, r.files, r.problems, r.items)


# what forked workers inherit from the process that starts them (check_branches)
_SHARED: tuple[Path, Config, Result] | None = None
_WORKER_REUSE: dict[bytes, Any] = {}  # each process's files parsed once (Reuse)


def _branch_outcome(branch: Branch) -> BranchOutcome:
    assert _SHARED is not None
    policies, config, head = _SHARED
    r = run_branch(policies, branch, config, head=head, reuse=_WORKER_REUSE)
    if r.model is not None:
        r.model.release()  # the collector is off: free each branch's model now
    return BranchOutcome.of(branch.id, r)


def with_outcomes(head: Result, outcomes: Iterable[BranchOutcome]) -> Result:
    """The head office's result with the branches' after it, as one report (a copy: ``head`` is
    left as it was). Each problem was judged in its branch's own run (its waivers) and names its
    branch for machine output."""
    out = replace(head, files=list(head.files), problems=list(head.problems))
    for o in outcomes:
        out.files += o.files
        out.problems += [replace(p, branch=o.branch) for p in o.problems]
        out.extra_items += o.items
    return out


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_branches(policies: Path, branches: list[Branch], config: Config, head: Result,
                   jobs: int | None = None) -> Iterator[BranchOutcome]:
    """Each branch's run over the head office's (``head``), in the order given. With several
    branches and CPUs, the branches are shared out among forked workers, which inherit the head
    office's model instead of building it again; the results are the same as one at a time."""
    global _SHARED
    jobs = min(jobs or available_cpus(), len(branches))
    _SHARED = (policies, config, head)
    try:
        if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
            yield from map(_branch_outcome, branches)
            return
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_branch_outcome, branches)
    finally:
        _SHARED = None
        _WORKER_REUSE.clear()


def run_branch_overlay(policies: Path, branch: Branch, config: Config | None = None,
                       schemas: SchemaSet | None = None, head: Result | None = None,
                       reuse: Reuse | None = None, checks: bool = True) -> tuple[Result, Overlay]:
    """run_branch, with the overlay that made the effective set (its overrides, for a report).
    Without ``checks`` only the effective model is built, with the branch's loading and schema problems."""
    with _gc_paused():
        config = config or Config()
        # the head office's schemas, whose models of its files a branch's set takes as they are
        schemas = schemas or (head.model.schemas if head is not None and head.model is not None else None) or \
            SchemaSet(schemas_dir())
        reuse = reuse if reuse is not None else {}
        if head is None:
            head = _run(policies.absolute(), config, schemas, checks=False, reuse=reuse)
        folder = branch.folder.absolute()
        paths, found = discover(folder)
        # a file refused before loading (a link out of the folder) is missing, as in a policy folder
        files: list[tuple[str, LoadedFile | Finding]] = [(f.path, f) for f in found]
        for path in paths:
            # named from the folder that holds branches/ when outside the working directory, so that a
            # branch's file is never named as the head office's of the same name is
            shown = shown_path(path, folder.parent.parent)
            files.append((shown, load_file(path, shown, config.limits, reuse)))
        return _overlay_run(head, branch.id, folder, shown_path(folder, folder.parent), files, config, schemas,
                            reuse, checks)


def run_branch_tree(head: Result, branch_id: str, label: str, files: Iterable[tuple[str, bytes | Finding]],
                    config: Config | None = None, schemas: SchemaSet | None = None, checks: bool = True,
                    reuse: Reuse | None = None) -> tuple[Result, Overlay]:
    """run_branch for a branch folder read from elsewhere (a git revision), over ``head`` (a run_tree
    of the head office's files from the same place): each branch file's shown path and its bytes, or
    what refused it, as run_tree takes them; ``label`` names the folder ("v1:branches/<id>").
    Without ``checks`` only the effective model is built, with the loading and schema problems."""
    with _gc_paused():
        config = config or Config()
        schemas = schemas or (head.model.schemas if head.model is not None else None) or SchemaSet(schemas_dir())
        loaded: list[tuple[str, LoadedFile | Finding]] = [
            (shown, raw if isinstance(raw, Finding) else load_bytes(raw, shown, config.limits, reuse))
            for shown, raw in files]
        return _overlay_run(head, branch_id, Path(label), label, loaded, config, schemas, reuse, checks)


def _overlay_run(head: Result, branch_id: str, root: Path, shown_folder: str,
                 files: list[tuple[str, LoadedFile | Finding]], config: Config, schemas: SchemaSet,
                 reuse: Reuse | None, checks: bool) -> tuple[Result, Overlay]:
    """What run_branch and run_branch_tree share, once the branch's files are read: the overlay
    over the head office's model, the branch's own findings, then the checks (see run_branch)."""
    from .branches import Branch, apply, relaxations, removal_findings, scope_findings, unit_finding

    assert head.model is not None
    result = Result(root)
    model = Model()
    state = _Loading(result, model, schemas, config, reuse)
    mine: list[tuple[str, LoadedFile]] = []
    for shown, loaded in files:
        if isinstance(loaded, Finding):
            state.findings.append(loaded)
            state.unloaded.append(shown)
            continue
        kind = state.admit(loaded, overlay=True)
        if kind is not None:
            mine.append((kind, loaded))
    overlay = apply([(pf.kind, pf.loaded) for pf in head.model.files], mine, schemas)
    model.overrides = {o.head_id: o.head_file for o in overlay.overrides}
    built = {id(pf.loaded): pf for pf in head.model.files if pf.built is not None}
    for kind, loaded in overlay.head:
        pf = built.get(id(loaded))
        if pf is not None and pf.kind == kind and head.model.schemas is schemas:
            model.add_built(pf, schemas)  # a head-office file the branch leaves alone: as the head office has it
        else:  # a copy, with the items the branch overrides or removes taken out
            model.add_file(PolicyFile(kind, loaded), schemas)
    for kind, loaded in overlay.branch:
        model.add_file(PolicyFile(kind, loaded, overlay=True), schemas)
    state.findings += overlay.findings
    units = {u.id for u in head.model.of("unit")} | {u.id for u in model.of("unit")}
    unit = unit_finding(Branch(branch_id, root), units, shown_folder)
    if unit is not None:
        state.findings.append(unit)
    own = set(result.files)
    head_roles = {r.id for r in head.model.of("role")}
    head_model = head.model

    removed = {o.head_id for o in overlay.overrides if o.removed}
    head_found = {(p.code, p.path, p.line, p.column, p.message) for p in head.problems}

    def narrow(found: list[Finding], active: dict[tuple[str, str], Item]) -> list[Finding]:
        # a waiver of a branch rule counts only when the head office grants it: written in its own
        # waivers file (a branch's waiver is itself a relaxation, BRN001), approved by one of its posts
        for key, waiver in list(active.items()):
            if key[0].startswith("BRN") and (waiver.get("approved_by") not in head_roles or waiver.path in own):
                del active[key]
        # a waiver of a removal names the item the branch removed: no unresolved reference
        waived_removals = {(w.path, *w.pos("item")) for w in model.of("waiver") if w.get("item") in removed}
        kept = []
        for f in found:
            if f.code == unresolved_reference.CODE and (f.path, f.line, f.column) in waived_removals:
                continue
            if f.path in own or f.code.startswith("BRN"):
                kept.append(f)
            elif (f.code, f.path, f.line, f.column, f.message) not in head_found:
                # found in a head-office file, but only in the branch's set (its calendar moved a deadline
                # past a limit, its limit is stricter, it removed what the file names): the branch's
                kept.append(replace(f, message=_("in branch {branch}'s rules: {message}").format(
                    branch=branch_id, message=f.message)))
        return kept

    # found on the effective model, and waivable like a check's findings (a waiver they use is used)
    return _conclude(result, state, config, checks, narrow,
                     lambda m: [*removal_findings(overlay), *relaxations(overlay, head_model, m),
                                *scope_findings(branch_id, head_model, m, own)]), overlay


class _Loading:
    """Loads files into the model, remembering which could not be used."""

    def __init__(self, result: Result, model: Model, schemas: SchemaSet, config: Config,
                 reuse: Reuse | None = None, previous: Model | None = None) -> None:
        self.result, self.model, self.schemas, self.config = result, model, schemas, config
        self.reuse = reuse
        # the models of the files of an earlier run, by name and data (the same data: a file whose
        # bytes did not change, loader.Reuse), made with these schemas
        self.built: dict[tuple[str, int], PolicyFile] = {} if previous is None or previous.schemas is not schemas \
            else {(pf.path, id(pf.data)): pf for pf in previous.files if pf.built is not None and not pf.overlay}
        self.findings: list[Finding] = []  # what loading and validation found, in the files checked
        self.schema_failed = False
        self.unloaded: list[str] = []  # shown paths of files whose items are missing from the model
        self.context_unloaded: list[str] = []  # the same, among files loaded only as context

    def load(self, path: Path, base: Path, context_only: bool = False) -> PolicyFile | None:
        shown = shown_path(path, base)
        return self.add(load_file(path, shown, self.config.limits, self.reuse), context_only)

    def add(self, loaded: LoadedFile, context_only: bool = False) -> PolicyFile | None:
        kind = self.admit(loaded, context_only)
        if kind is None:
            return None
        pf = self.built.get((loaded.path, id(loaded.data)))
        if pf is not None and pf.kind == kind:
            self.model.add_built(pf, self.schemas)  # unchanged since the earlier run
            return pf
        pf = PolicyFile(kind, loaded)
        self.model.add_file(pf, self.schemas)
        return pf

    def admit(self, loaded: LoadedFile, context_only: bool = False, overlay: bool = False) -> str | None:
        """Classify and validate a loaded file (a branch's against the overlay schemas): its kind, or
        None when it cannot be used. What is found is kept, unless the file is only context."""
        shown = loaded.path
        if not context_only:
            self.result.files.append(shown)
        found: list[Finding] = list(loaded.problems)
        kind = None
        if loaded.ok:
            kind, problem = self.schemas.classify(loaded)
            if problem is not None:
                found.append(problem)
        if not context_only:
            self.findings.extend(found)
        if kind is None:
            self.unloaded.append(shown)
            if context_only:
                self.context_unloaded.append(shown)
            return None
        valid_as = f"{kind}+overlay" if overlay else kind
        schema_found = [] if loaded.valid_as == valid_as else self.schemas.validate(kind, loaded, overlay)
        if not schema_found:
            loaded.valid_as = valid_as
        else:
            self.schema_failed = True
            if not context_only:
                # the loader already explained a value it kept as text (e.g. an unquoted date)
                seen = {(p.line, p.column) for p in loaded.problems}
                self.findings.extend(p for p in schema_found if (p.line, p.column) not in seen)
        return kind


def _context_folder(file: Path, config: Config) -> Path | None:
    """The policy folder a single file belongs to: handbook.toml's, else ./policies (the
    folders ``handbook check`` uses without a PATH); None for a file outside them."""
    from .config import default_policies

    folder = default_policies(Path("."), config).absolute()
    return folder if file.is_relative_to(folder) else None


def _withhold_follow_ons(found: list[Finding], unloaded: list[str], config: Config,
                         active: dict[tuple[str, str], Item], alone: bool = False, target: str = "") -> list[Finding]:
    """Drop what the cross-file checks (``CROSS_FILE``) said while some of the policy set was
    missing from the model: a reference into a file that could not be read, or that was not
    loaded, may be no problem of its own. Every other finding stays. One line says how many
    were withheld and why; when any of them would have been an error, that line is an error
    whatever its rule is set to, so a run with an unreadable file never passes on what it
    could not tell apart (a file checked alone, outside the policy folder, excepted: it says
    so, and its folder is the place to check)."""
    rules = registry()
    kept = [f for f in found if not rules[f.code].cross_file]
    held = [f for f in found if rules[f.code].cross_file]
    withheld = len(held)
    floor = None
    if not alone and any(config.severity_of(rules[f.code]) is Severity.ERROR
                         and not (f.item and (f.code, f.item) in active) for f in held):
        floor = Severity.ERROR
    others = ", ".join(unloaded[:3])
    if len(unloaded) > 3:
        others = _("{files} and {count} more").format(files=others, count=len(unloaded) - 3)
    if alone:
        if withheld:
            kept.append(finding(target, 0, 0, follow_on.CODE,
                                _("checked alone (it is not in the policy folder): {count} problem(s) of the checks "
                                  "that need the whole set, references among them, were withheld; check its folder "
                                  "to see them").format(count=withheld)))
    elif target:
        kept.append(replace(finding(target, 0, 0, follow_on.CODE,
                                    _("not checked against {files}, which could not be read: {count} problem(s) of "
                                      "the checks that need the whole set, references among them, were withheld; "
                                      "check the folder").format(files=others, count=withheld)), floor=floor))
    elif withheld:
        if len(unloaded) == 1:
            message = _("this file could not be read, so the checks that need the whole set did not see its items: "
                        "{count} problem(s) they found were withheld as likely follow-ons; fix the file and check "
                        "again")
        else:
            message = _("{number} files ({files}) could not be read, so the checks that need the whole set did not "
                        "see their items: {count} problem(s) they found were withheld as likely follow-ons; fix the "
                        "file and check again")
        kept.append(replace(finding(unloaded[0], 0, 0, follow_on.CODE,
                                    message.format(number=len(unloaded), files=others, count=withheld)), floor=floor))
    return kept


_STAGE_ORDER = {"load": 0, "schema": 1}


def _root_causes_first(p: Problem) -> tuple[int, tuple[str, int, int, str, str]]:
    """Problems that stop a file from being read come first, then schema problems, then the
    consistency checks (which a broken file can set off)."""
    rule = registry().get(p.code)
    return (_STAGE_ORDER.get(rule.stage, 2) if rule else 2, p.sort_key())


def run_checks(model: Model, config: Config, tolerate_crash: bool = False) -> list[Finding]:
    out: list[Finding] = []
    for rule in registry().values():
        if rule.check is None or config.severity_of(rule) is Severity.OFF:
            continue
        try:
            for f in rule.check(model, config.options_of(rule)):
                out.append(f if f.code else replace(f, code=rule.code))
        except Exception as exc:
            # A check may trip over data the schema has already rejected; that is
            # explained by the schema problems. On valid data it is a bug: say so.
            if not tolerate_crash:
                raise InternalError(_("check {code} ({module}) failed: {error}").format(
                    code=rule.code, module=rule.module, error=f"{type(exc).__name__}: {exc}")) from exc
            where = model.files[0].path if model.files else "."
            out.append(finding(where, 0, 0, rule.code,
                               _("check {code} could not run to the end on this policy set ({error}); fix the "
                                 "errors reported above and check again").format(code=rule.code,
                                                                                 error=type(exc).__name__)))
    return out


def _waivers(model: Model, found: list[Finding], config: Config) -> tuple[dict[tuple[str, str], Item], list[Finding]]:
    """The waivers in force by (check, item), and what to say about expired and unused ones.

    A waiver names a check and an item. From ``granted`` to ``until`` it waives (the
    problem is still listed, marked waived, for the audit trail); after it, the problem
    counts again and the expired waiver is reported too. A waiver that breaks the
    waiver policy (WVR003 says how) never applies.
    """
    policy = WaiverPolicy.of(model)
    waivers = [w for w in model.of("waiver") if not policy.problems(w)]
    by_key = {(str(w.get("check")), str(w.get("item"))): w for w in waivers}
    used = {by_key[(f.code, f.item)].id for f in found if f.item and (f.code, f.item) in by_key}
    today = config.today.isoformat()
    active = {k: w for k, w in by_key.items() if str(w.get("granted", "")) <= today <= str(w.get("until", ""))}
    rules = registry()
    out: list[Finding] = []
    for w in waivers:
        until, code = str(w.get("until", "")), w.get("check")
        if until < today:
            if w.id in used:
                message = _("waiver '{id}' for {code} on '{item}' expired on {until}; the problem it waived is "
                            "reported again")
            else:
                message = _("waiver '{id}' for {code} on '{item}' expired on {until}")
            out.append(finding(w.path, *w.pos("until"), waiver_expired.CODE,
                               message.format(id=w.id, code=code, item=w.get("item"), until=until)))
        elif w.id not in used and not str(code).startswith("BRN"):  # a branch rule's: used in a branch's run
            if code not in rules:
                message = _("waiver '{id}' waives nothing: there is no check {code}; remove it")
            else:
                message = _("waiver '{id}' waives nothing: {code} reports nothing on '{item}'; remove it")
            out.append(finding(w.path, *w.pos("check"), waiver_unused.CODE,
                               message.format(id=w.id, code=code, item=w.get("item"))))
    return active, out


def judge(found: list[Finding], active: dict[tuple[str, str], Item], config: Config) -> list[Problem]:
    """The one place a finding gets its severity: the rule's default, or handbook.toml's.
    A rule set to "off" is dropped; a finding a waiver in force covers is marked waived."""
    rules = registry()
    out: list[Problem] = []
    for f in found:
        severity = config.severity_of(rules[f.code])  # a code no rule module declares is a bug
        if f.floor is Severity.ERROR:
            severity = Severity.ERROR
        if severity is Severity.OFF:
            continue
        w = active.get((f.code, f.item)) if f.item else None
        if w is None:
            out.append(f.with_severity(f.code, severity))
            continue
        extra = (("waiver", w.id), ("approved_by", str(w.get("approved_by"))), ("until", str(w.get("until"))),
                 ("reason", str(w.get("reason"))))
        out.append(Problem(f.path, f.line, f.column, f.code, Severity.WAIVED, f.message, extra, item=f.item,
                           fix=f.fix))
    return out
