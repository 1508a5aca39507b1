"""load -> validate -> model -> checks -> Result. Nothing here prints or exits."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .config import Config
from .loader import LoadedFile, load_file
from .model import Model, PolicyFile
from .problem import Finding, Problem, Severity
from .resources import schemas_dir
from .rules import registry
from .schemas import SchemaSet
from .waivers import WaiverPolicy

POLICY_SUFFIXES = (".yaml", ".yml")


class InternalError(Exception):
    """A bug in a check, not a problem in the policies (exit code 2)."""


@dataclass
class Result:
    root: Path
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    model: Model | None = None

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0


def shown_path(path: Path, base: Path) -> str:
    """A path as the user will want to click it: relative to the working directory if possible."""
    for b in (Path.cwd(), base):
        try:
            return path.relative_to(b).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def discover(root: Path) -> tuple[list[Path], list[Problem]]:
    """Every *.yaml / *.yml under root (hidden folders aside), and symlinks that leave it."""
    problems: list[Problem] = []
    found: list[Path] = []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in list(dirnames):
            p = Path(dirpath, d)
            if p.is_symlink():
                dirnames.remove(d)
                if not _inside(p, real_root):
                    problems.append(Problem(shown_path(p, root), 0, 0, "FIL004", Severity.ERROR,
                                            "symbolic link leads outside the policy folder: refused"))
        for name in sorted(filenames):
            if not name.endswith(POLICY_SUFFIXES):
                continue
            p = Path(dirpath, name)
            if p.is_symlink() and not _inside(p, real_root):
                problems.append(Problem(shown_path(p, root), 0, 0, "FIL004", Severity.ERROR,
                                        "symbolic link leads outside the policy folder: refused"))
                continue
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


def run(root: Path, config: Config | None = None, schemas: SchemaSet | None = None) -> Result:
    """Check a policy folder (or one file) and return every problem found."""
    with _gc_paused():
        return _run(root, config, schemas)


def _run(root: Path, config: Config | None, schemas: SchemaSet | None) -> Result:
    config = config or Config()
    schemas = schemas or SchemaSet(schemas_dir())
    root = root.absolute()  # so shown paths can be made relative to the working directory
    result = Result(root)
    if root.is_file():
        paths, problems = [root], []
    else:
        paths, problems = discover(root)
        if not paths and not problems:
            problems.append(Problem(shown_path(root, root.parent), 0, 0, "FIL005", Severity.ERROR,
                                    "no policy files (*.yaml, *.yml) found: the manual would be empty"))
    result.problems.extend(problems)
    model = Model()
    schema_failed = False
    base = root.parent if root.is_file() else root
    for path in paths:
        shown = shown_path(path, base)
        result.files.append(shown)
        loaded = load_file(path, shown, config.limits)
        result.problems.extend(loaded.problems)
        if not loaded.ok:
            continue
        kind, problem = schemas.classify(loaded)
        if problem is not None:
            result.problems.append(problem)
            continue
        assert kind is not None
        schema_problems = schemas.validate(kind, loaded)
        if schema_problems:
            schema_failed = True
            # the loader already explained a value it kept as text (e.g. an unquoted date)
            seen = {(p.line, p.column) for p in loaded.problems}
            result.problems.extend(p for p in schema_problems if (p.line, p.column) not in seen)
        model.add_file(PolicyFile(kind, loaded), schemas)
    model.today = config.today
    result.model = model
    findings = run_checks(model, config, tolerate_crash=schema_failed or bool(result.problems))
    result.problems.extend(apply_waivers(model, findings, config))
    result.problems = _apply_severity(result.problems, config)
    result.problems.sort(key=Problem.sort_key)
    return result


def run_checks(model: Model, config: Config, tolerate_crash: bool = False) -> list[tuple[Finding, Problem]]:
    out: list[tuple[Finding, Problem]] = []
    for rule in registry().values():
        if rule.check is None:
            continue
        severity = config.severity_of(rule)
        if severity is Severity.OFF:
            continue
        try:
            for finding in rule.check(model, config.options_of(rule)):
                out.append((finding, finding.with_severity(rule.code, severity)))
        except Exception as exc:  # noqa: BLE001
            # A check may trip over data the schema has already rejected; that is
            # explained by the schema problems. On valid data it is a bug: say so.
            if not tolerate_crash:
                raise InternalError(f"check {rule.code} ({rule.module}) failed: {type(exc).__name__}: {exc}") from exc
            where = model.files[0].path if model.files else "."
            out.append((Finding(where, 0, 0, f"check {rule.code} could not run to the end on this policy set "
                                f"({type(exc).__name__}); fix the errors reported above and check again"),
                        Problem(where, 0, 0, rule.code, Severity.ERROR,
                                f"check {rule.code} could not run to the end on this policy set ({type(exc).__name__}); "
                                "fix the errors reported above and check again")))
    return out


def apply_waivers(model: Model, findings: list[tuple[Finding, Problem]], config: Config) -> list[Problem]:
    """Turn waived findings into WAIVED problems; report expired and unused waivers.

    A waiver names a check and an item. Until its date it waives (and the problem
    is still listed, with the waiver, for the audit trail); after it, the problem
    counts again and the expired waiver is reported too.
    """
    # a waiver that breaks the waiver policy (WVR003 says how) never applies
    policy = WaiverPolicy.of(model)
    refused = {w.id for w in model.of("waiver") if policy.problems(w)}
    waivers = {(w.get("check"), w.get("item")): w for w in model.of("waiver") if w.id not in refused}
    used: set[str] = set()
    out: list[Problem] = []
    for finding, problem in findings:
        w = waivers.get((problem.code, finding.item)) if finding.item else None
        if w is None:
            out.append(problem)
            continue
        used.add(w.id)
        until = str(w.get("until", ""))
        if str(w.get("granted", "")) <= config.today.isoformat() <= until:
            extra = (("waiver", w.id), ("approved_by", str(w.get("approved_by"))), ("until", until),
                     ("reason", str(w.get("reason"))))
            out.append(Problem(problem.path, problem.line, problem.column, problem.code, Severity.WAIVED,
                               problem.message, extra))
        else:
            out.append(problem)
    rules = registry()
    for w in model.of("waiver"):
        until = str(w.get("until", ""))
        line, col = w.pos("until")
        code = w.get("check")
        if until < config.today.isoformat():
            out.append(Problem(w.path, line, col, "WVR001", config.severity.get("WVR001", Severity.WARNING),
                               f"waiver '{w.id}' for {code} on '{w.get('item')}' expired on {until}"
                               + ("; the problem it waived is reported again" if w.id in used else "")))
        elif w.id not in used and w.id not in refused:
            line, col = w.pos("check")
            why = f"there is no check {code}" if code not in rules else f"{code} reports nothing on '{w.get('item')}'"
            out.append(Problem(w.path, line, col, "WVR002", config.severity.get("WVR002", Severity.WARNING),
                               f"waiver '{w.id}' waives nothing: {why}; remove it"))
    return [p for p in out if p.severity is not Severity.OFF]


def _apply_severity(problems: list[Problem], config: Config) -> list[Problem]:
    """Load and schema problems carry their rule's default; configuration may change it."""
    if not config.severity:
        return problems
    out = []
    for p in problems:
        sev = config.severity.get(p.code)
        if p.severity is Severity.WAIVED:  # an approved waiver outranks a configured severity
            out.append(p)
            continue
        if sev is Severity.OFF:
            continue
        if sev is not None and sev is not p.severity:
            p = Problem(p.path, p.line, p.column, p.code, sev, p.message, p.extra)
        out.append(p)
    return out
