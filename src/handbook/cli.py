"""The ``handbook`` command. Exit codes: 0 clean, 1 problems found, 2 usage or internal error.

Every command runs inside ``_boundary``: whatever goes wrong becomes one message
on stderr and exit code 2, never a traceback (``--debug`` shows it for developers).
"""

from __future__ import annotations

import atexit
import functools
import os
import signal
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, i18n
from .config import CONFIG_NAME, Config, ConfigError, default_policies, find_config, load_config, missing_policy_folder
from .i18n import _
from .problem import InternalError, Severity
from .reporters import REPORTERS

F = TypeVar("F", bound=Callable[..., Any])


def _split_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """--lang wherever it is written (``handbook check --lang en`` too), and the rest."""
    rest: list[str] = []
    lang = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            lang = arg.partition("=")[2]
        else:
            rest.append(arg)
        i += 1
    return lang, rest


# The help texts below are translated as the commands are declared, before Click reads
# --lang: take it from the command line now, so `handbook --lang zh_CN check --help` is Chinese.
_LANG = _split_lang(sys.argv[1:])[0]
if _LANG:
    i18n.use(_LANG)


class UsageError(Exception):
    """A mistake in how the command was called (exit code 2)."""


def _boundary(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        debug = bool(ctx.find_root().params.get("debug"))
        try:
            return fn(*args, **kwargs)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except InternalError as exc:
            # a bug, not a mistake of the user's: --debug shows where it happened
            if debug:
                raise
            click.echo("handbook: " + _("internal error: {error} (run with --debug for the traceback)").format(
                error=exc), err=True)
            ctx.exit(2)
        except (UsageError, ConfigError) as exc:
            click.echo(f"handbook: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("handbook: " + _("interrupted"), err=True)
            ctx.exit(2)
        except Exception as exc:
            if debug:
                raise
            click.echo("handbook: " + _("internal error: {error} (run with --debug for details)").format(
                error=f"{type(exc).__name__}: {exc}"), err=True)
            ctx.exit(2)

    return wrapper  # type: ignore[return-value]


# Options several commands share, declared once.
config_option = click.option("--config", "config_path", metavar="FILE",
                             help=_("Configuration file (default: nearest {name}).").format(name=CONFIG_NAME))
today_option = click.option("--today", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
                            help=_("Check as of this day (stale policies, waiver expiry, calendar coverage); "
                                   "default: today, or $HANDBOOK_TODAY."))
mkdocs_config_option = click.option("-f", "--config-file", default="mkdocs.yml", show_default=True,
                                    help=_("The MkDocs configuration."))


def resolve_target(path: str | None, config_path: str | None) -> tuple[Path, Config]:
    """The policy folder to use and its configuration.

    Order: the PATH argument (a project folder, one holding a handbook.toml that names its
    policy folder, stands for that folder); else the ``policies`` of the nearest
    handbook.toml; else ./policies; else the policy set shipped inside the package.
    """
    cfg_file: Path | None
    if config_path:
        cfg_file = Path(config_path)
        if not cfg_file.is_file():
            raise UsageError(_("configuration file not found: {file}").format(file=config_path))
    else:
        start = Path(path).resolve() if path else Path.cwd()
        cfg_file = find_config(start if start.is_dir() else start.parent)
    config = load_config(cfg_file)
    if path:
        target = Path(path)
        if not target.exists():
            raise UsageError(_("no such file or folder: {path}").format(path=path))
        if (target.is_dir() and cfg_file is not None and config.policies is not None
                and cfg_file.parent.resolve() == target.resolve()):
            # `handbook check examples/huaxin`: the project's own handbook.toml says where its policies are
            target = config.policies
            if not target.is_dir():
                raise missing_policy_folder(target, config.policies_named_at or str(cfg_file))
    else:
        target = default_policies(Path("."), config)
        if not target.is_dir():
            raise missing_policy_folder(target, config.policies_named_at or str(cfg_file))
    return target, config


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             help=_("Validate, check and publish the customer-service policy handbook."))
@click.version_option(__version__, prog_name="handbook")
@click.option("--debug", is_flag=True, help=_("Show Python tracebacks for internal errors (for developers)."))
@click.option("--lang", type=click.Choice(i18n.LANGUAGES), metavar="|".join(i18n.LANGUAGES),
              help=_("Language of the messages (default: from LANGUAGE/LC_ALL/LC_MESSAGES/LANG, else en)."))
def cli(debug: bool, lang: str | None) -> None:
    i18n.use(lang)


@cli.command(help=_("Check the policies in PATH (a folder or one file).\n\n"
                    "Prints one line per problem, `path:line:col: CODE message`, root causes first (files that "
                    "cannot be read, then schema problems, then the consistency checks), each group by file and "
                    "line, then a summary. One file is checked against the rest of its policy folder; only its own "
                    "problems are shown. Exit code 0: clean; 1: problems found; 2: usage or internal error."))
@click.argument("path", required=False)
@click.option("--format", "fmt", type=click.Choice(list(REPORTERS)),
              default=None, help=_("Output format (default: text; github inside GitHub Actions)."))
@click.option("--strict", is_flag=True, help=_("Warnings fail the check too (exit code 1)."))
@config_option
@today_option
@click.option("--branch", "branch_id", metavar="ID",
              help=_("Check one branch office's effective set: the head office's policies with branches/ID over "
                     "them (by default every branch is checked after the head office)."))
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help=_("Check the branch offices in N processes (default: one per available CPU); the output is "
                     "the same whatever N is."))
@click.option("--watch", "watching", is_flag=True,
              help=_("Stay running and check again whenever a policy, branch or configuration file changes, "
                     "reading only the files that changed; Ctrl-C stops it, with the last check's exit code."))
@_boundary
def check(path: str | None, fmt: str | None, strict: bool, config_path: str | None, today: datetime | None,
          branch_id: str | None, jobs: int | None, watching: bool) -> None:
    from .engine import run

    def setup() -> tuple[Path, Config]:
        target, config = resolve_target(path, config_path)
        if today:
            config.today = today.date()
        if branch_id is not None and not target.is_dir():
            raise UsageError(_("--branch checks a policy folder with its branches, not one file"))
        return target, config

    def branches(target: Path, config: Config) -> list[Any]:
        return _branches(target, config, branch_id) if target.is_dir() else []

    def report(result: Any) -> None:
        REPORTERS[str(fmt)](result, sys.stdout)
        sys.stdout.flush()

    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS else "text"
    if watching:
        from .watch import Watcher, watch

        def roots() -> list[Path]:
            target, config = setup()
            return [target.resolve().parent if target.is_file() else target.resolve(),
                    *_watched_beside(target, config, config_path)]

        last = watch(Watcher(setup, branches, jobs), roots, report, sys.stderr, (UsageError, ConfigError))
        click.get_current_context().exit(last.exit_code(strict) if last is not None else 2)
    else:
        from .engine import check_branches, with_outcomes

        target, config = setup()
        head = run(target, config)
        chosen = branches(target, config)
        result = with_outcomes(head, check_branches(target, chosen, config, head, jobs)) if chosen else head
        report(result)
    click.get_current_context().exit(result.exit_code(strict))


def _watched_beside(target: Path, config: Config, config_path: str | None) -> list[Path]:
    """What ``check --watch`` looks at besides the policy folder: its branch offices' folder and
    the configuration file."""
    from .branches import FOLDER

    out = []
    if target.is_dir():  # looked for even before it exists: a first branch office may be added
        out.append((config.branches or target.resolve().parent / FOLDER).resolve())
    start = target.resolve() if target.is_dir() else target.resolve().parent
    cfg = Path(config_path) if config_path else find_config(start)
    # the configuration file, or where one would be found (one may be created)
    out.append(cfg.resolve() if cfg is not None else start / CONFIG_NAME)
    return out


@cli.command(help=_("List the rules, or print the documentation of one (by code or name)."))
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help=_("Print the list as a Markdown table (as README.md embeds it)."))
@_boundary
def rules(code: str | None, markdown: bool) -> None:
    from .rules import markdown_table, registry

    reg = registry()
    if markdown:
        click.echo(markdown_table(reg.values()), nl=False)
        return
    if code is None:
        for r in reg.values():
            click.echo(f"{r.code}  {r.severity.value:<7}  {r.name:<32} {r.title}")
        return
    key = code.upper()
    rule = reg.get(key) or next((r for r in reg.values() if r.name == code), None)
    if rule is None:
        raise UsageError(_("no rule '{code}' (run `handbook rules` for the list)").format(code=code))
    click.echo(f"{rule.code} {rule.name}: {rule.title}")
    click.echo(_("default severity: {severity}; enforced at: {stage}").format(severity=rule.severity.value,
                                                                            stage=rule.stage))
    if rule.options:
        click.echo(_("options: {options}").format(options=", ".join(f"{k} = {v!r}" for k, v in rule.options.items())))
    click.echo("")
    click.echo(rule.doc)


def _with_branch(head: Any, policies: Path, config: Config, branch_id: str) -> Any:
    """``--branch ID`` of the commands that work on one effective set: the head office's result
    with the branch's problems after it, and the branch's effective model as its model."""
    from .engine import BranchOutcome, run_branch, with_outcomes

    [branch] = _branches(policies, config, branch_id)
    r = run_branch(policies, branch, config, head=head)
    result = with_outcomes(head, [BranchOutcome.of(branch.id, r)])
    result.model = r.model
    return result


def _branches(policies: Path, config: Config, branch_id: str | None) -> list[Any]:
    """The branch offices beside the policies, or the one ``--branch`` names (a usage error if none)."""
    from .branches import UnknownBranch, select

    try:
        return select(policies, config.branches, branch_id)
    except UnknownBranch as exc:
        raise UsageError(str(exc)) from None


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A choice whose values come from a module imported only when the option is used or shown
    (a command's own --help, or its value checked): ``handbook --version`` and ``--help`` do not
    import the diff and branch reporters to build the other commands' options."""

    def __init__(self, values: Callable[[], list[str]]) -> None:
        self._values = values
        self._found: tuple[str, ...] | None = None
        self.case_sensitive = True

    @property  # type: ignore[override, unused-ignore]  # an error with click < 8.5 only
    def choices(self) -> tuple[str, ...]:
        if self._found is None:
            self._found = tuple(self._values())
        return self._found

    @choices.setter
    def choices(self, value: tuple[str, ...]) -> None:
        self._found = tuple(value)


def _rolls() -> list[str]:
    from .calendar.units import ROLLS

    return list(ROLLS)


def _diff_formats() -> list[str]:
    from .diff.reporters import REPORTERS as DIFF_REPORTERS

    return list(DIFF_REPORTERS)


def _diff_fail_on() -> list[str]:
    from .diff import FAIL_ON

    return list(FAIL_ON)


def _load_model(path: str | None, config_path: str | None, tolerate: tuple[str, ...] = (),
                branch_id: str | None = None) -> Any:
    """Load and check the policies. With errors in them, an answer drawn from a partial
    model would mislead: print the errors (as `handbook check` does) and exit 1.
    ``tolerate`` names codes the command itself reports (trace reports TRC001). With
    ``branch_id``, the model is that branch's effective set (the head office checked too)."""
    from .engine import run

    target, config = resolve_target(path, config_path)
    result = run(target, config)
    if branch_id is not None:
        if not target.is_dir():
            raise UsageError(_("--branch reads a policy folder with its branches, not one file"))
        result = _with_branch(result, target, config, branch_id)
    errors = [p for p in result.problems if p.severity is Severity.ERROR and p.code not in tolerate]
    if errors:
        for p in errors:
            click.echo(p.line_text(), err=True)
        click.echo("handbook: " + _("the policies have {count} error(s); run `handbook check` and fix them "
                                    "first").format(count=len(errors)), err=True)
        click.get_current_context().exit(1)
    return result.model


@cli.command(help=_("Compute a due date on the Chinese working-day calendar and explain it.\n\n"
                    "The event's own day does not count; a period in calendar days whose last day is a rest day "
                    "ends on the next working day (民法典 arts. 200-204), unless --roll none (or the item's "
                    "deadline) says it does not roll."))
@click.option("--from", "start", required=True, metavar="DATETIME",
              type=click.DateTime(["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
                                   "%Y-%m-%d"]),
              help=_("When the triggering event happened: YYYY-MM-DD or 'YYYY-MM-DD HH:MM'."))
@click.option("--within", metavar="PERIOD",
              help=_("A period such as '10 working_days', '15 calendar_days', '8工作小时'."))
@click.option("--item", "item_id", metavar="ID", help=_("Use the deadline of this stage, standard or follow-up."))
@click.option("--roll", type=LazyChoice(_rolls), default=None,
              help=_("Whether a calendar-day period whose last day is a rest day moves to the next working day "
                     "(default: the Civil Code's next_working_day, or the item's own rule)."))
@click.option("--policies", "path", metavar="PATH", help=_("Policy folder (for --item and the company calendar)."))
@click.option("--branch", "branch_id", metavar="ID",
              help=_("Count on branch ID's calendar (the company's with the branch's closures), and take --item "
                     "from the branch's effective set."))
@config_option
@_boundary
def deadline(start: datetime, within: str | None, item_id: str | None, roll: str | None, path: str | None,
             branch_id: str | None, config_path: str | None) -> None:
    # the explanation it prints is bilingual already (Deadline.explain): only its errors are translated
    from .calendar.data import OutsideCoverage
    from .calendar.units import DEFAULT_ROLL, parse_duration
    from .periods import item_deadline, period

    if (within is None) == (item_id is None):
        raise UsageError(_("give either --within PERIOD or --item ID"))
    model = _load_model(path, config_path, branch_id=branch_id)
    cal = model.calendar()
    if cal is None:
        raise UsageError(_("the calendar file cannot be used: {reason}").format(reason=model.calendar_error))
    title = ""
    if item_id is not None:
        item = model.get(item_id)
        if item is None:
            raise UsageError(_("no item with id '{id}'").format(id=item_id))
        p = period(item_deadline(item))
        if p is None:
            raise UsageError(_("'{id}' ({title}) has no deadline").format(id=item_id, title=item.title))
        amount, unit = p
        roll = roll or (item_deadline(item) or {}).get("roll")
        title = f"{item.id} {item.title}\n"
        cal = model.calendar_for(item) or cal  # a branch's closures extend only the deadlines it writes
    else:
        try:
            amount, unit = parse_duration(within or "")
        except ValueError as exc:
            raise UsageError(_("--within: {reason}").format(reason=exc)) from None
    try:
        result = cal.add(start, amount, unit, roll or DEFAULT_ROLL)
    except OverflowError:
        raise UsageError(_("{period} from {start} is beyond any date the calendar can hold").format(
            period=f"{amount} {unit}", start=f"{start:%Y-%m-%d %H:%M}")) from None
    except OutsideCoverage as exc:
        click.echo(f"handbook: {exc}", err=True)
        click.get_current_context().exit(1)
    click.echo(title + result.explain())


@cli.command(help=_("Print which internal rules implement each article (the coverage table), or the gap list.\n\n"
                    "Exit code 1 when a binding article is implemented by nothing."))
@click.argument("path", required=False)
@click.option("--gaps", is_flag=True, help=_("Only the binding articles that no internal rule implements."))
@config_option
@_boundary
def trace(path: str | None, gaps: bool, config_path: str | None) -> None:
    model = _load_model(path, config_path, tolerate=("TRC001",))
    binding = {a.id for a in model.binding_articles()}
    missing = 0
    for article in model.of("article"):
        src = article.parent
        if src is not None and src.get("type") == "internal" and not gaps:
            continue
        users = model.implementers(article.id)
        is_gap = article.id in binding and not users
        missing += is_gap
        if gaps and not is_gap:
            continue
        mark = _("MISSING") if is_gap else (_("binding") if article.id in binding else "")
        head = f"{article.id}  {src.title if src else ''} {article.get('number', '')} {article.title}"
        click.echo(f"{head}  [{mark}]" if mark else head)
        for u in users:
            click.echo(f"    <- {u.kind} {u.id} {u.title}")
    click.echo(_("{count} binding articles, {missing} not implemented").format(count=len(binding), missing=missing))
    click.get_current_context().exit(1 if missing else 0)


def _branches_formats() -> list[str]:
    from .branches_report import REPORTERS as BRANCH_REPORTERS

    return list(BRANCH_REPORTERS)


@cli.command(help=_("List what every branch office changes of the head office's policies in PATH: per branch, "
                    "each override with the fields it changes and which way each moves (handbook diff's "
                    "direction table), each removal, each item it adds, and its calendar's closures.\n\n"
                    "Exit code 0; 1 when a branch relaxes or removes a head-office rule without a head-office "
                    "waiver in force (BRN001, BRN002); 2 on a usage error or a file that cannot be read."))
@click.argument("path", required=False)
@click.option("--format", "fmt", type=LazyChoice(_branches_formats), default="text", show_default=True,
              help=_("Output format (markdown: for a pull-request comment)."))
@config_option
@today_option
@_boundary
def branches(path: str | None, fmt: str, config_path: str | None, today: datetime | None) -> None:
    from .branches_report import REPORTERS as BRANCH_REPORTERS
    from .branches_report import build

    target, config = resolve_target(path, config_path)
    if not target.is_dir():
        raise UsageError(_("handbook branches reads a policy folder with its branches, not one file"))
    if today:
        config.today = today.date()
    table = build(target, config)
    if table.unreadable:
        for p in table.unreadable:
            click.echo(p.line_text(), err=True)
        raise UsageError(_("files that cannot be read or break their schema leave the effective sets partial; "
                           "fix them first (`handbook check`)"))
    BRANCH_REPORTERS[fmt](table, sys.stdout)
    sys.stdout.flush()
    click.get_current_context().exit(1 if table.relaxes else 0)


@cli.command("diff", help=_(
    "Compare two versions of the policies and say what each change does: added, removed or changed, and whether "
    "it tightens, relaxes or leaves the rules as they were, for which posts, under which regulations, from when.\n\n"
    "OLD and NEW are each a policy folder or a git revision (read from git's objects; nothing is checked out): "
    "`handbook diff main` compares main with the work tree, `handbook diff v2026.1 v2026.2` two tags, "
    "`REV:path` a revision of another folder. Exit code 0; 1 when --fail-on finds what it names; 2 when a side "
    "cannot be read."))
@click.argument("old", metavar="OLD", required=False)
@click.argument("new", metavar="[NEW]", required=False)
@click.option("--format", "fmt", type=LazyChoice(_diff_formats), default="text", show_default=True,
              help=_("Output format (markdown: for a pull-request comment)."))
@click.option("--fail-on", type=LazyChoice(_diff_fail_on), default=None,
              help=_("Exit code 1 if any change relaxes a rule (relaxed), or if anything changed (any)."))
@click.option("--rules", "show_rules", is_flag=True, help=_("Print the direction rules as a Markdown table and exit "
                                                             "(README.md embeds it)."))
@config_option
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help=_("Which changes are upcoming is judged as of this day; default: today, or $HANDBOOK_TODAY."))
@click.option("--branch", "branch_id", metavar="ID",
              help=_("Compare both sides as branch ID sees them: each side's head office with its branches/ID "
                     "over it (from the same revision for a git side)."))
@_boundary
def diff_(old: str | None, new: str | None, fmt: str, fail_on: str | None, show_rules: bool,
          config_path: str | None, today: datetime | None, branch_id: str | None) -> None:
    from .diff import FAIL_ON, Side, SideError, branch_present, branch_side, diff, revision_side, unreadable
    from .diff.directions import markdown_rules
    from .diff.reporters import REPORTERS as DIFF_REPORTERS

    if show_rules:
        click.echo(markdown_rules(), nl=False)
        return
    if old is None:
        raise UsageError(_("name the old version: a policy folder or a git revision (`handbook diff main`)"))
    # the configuration (severities, options) is the new side's: a folder's own handbook.toml, else the
    # work tree's; a revision is read with the work tree's policy folder
    policies, config = resolve_target(None, config_path)
    branches = config.branches  # [handbook] branches of the work tree: where a revision's branches are too
    if new is not None and Path(new).is_dir():
        config = resolve_target(new, config_path)[1]
    if today:
        config.today = today.date()

    def side(spec: str | None) -> Side:
        configured = branches
        if spec is None:
            found = Side(str(policies), folder=policies)
        elif Path(spec).is_dir():
            folder, own = resolve_target(spec, config_path)
            found, configured = Side(spec, folder=folder), own.branches
        else:
            found = revision_side(spec, policies)
        return branch_side(found, branch_id, configured) if branch_id is not None else found

    try:
        sides = side(old), side(new)
        if branch_id is not None and not any(branch_present(s, config) for s in sides):
            raise UsageError(_("no branch '{id}' on either side: neither has a folder {folder}").format(
                id=branch_id, folder=sides[1].branch_inside or sides[1].branch_folder))
        report, before, after = diff(*sides, config)
    except SideError as exc:
        raise UsageError(str(exc)) from None
    broken = [line for result in (before, after) for line in unreadable(result)]  # each names its side's file
    if broken:
        for line in broken:
            click.echo(line, err=True)
        raise UsageError(_("a side has files that cannot be read or break their schema; fix them, or compare "
                           "other versions"))
    DIFF_REPORTERS[fmt](report, sys.stdout)
    sys.stdout.flush()
    click.get_current_context().exit(1 if fail_on is not None and FAIL_ON[fail_on](report) else 0)


@cli.command(help=_("Write a minimal, commented starter project into DIR: policies/ with one file of each "
                    "kind, handbook.toml, mkdocs.yml and docs/ for the manual, and .vscode/settings.json for "
                    "editors (as `handbook editor` writes it).\n\n"
                    "DIR is created if missing; a folder that holds anything is refused, and no file is ever "
                    "overwritten. `handbook check --strict DIR` passes, and `handbook build` run in DIR builds "
                    "the manual."))
@click.argument("directory", metavar="DIR")
@_boundary
def init(directory: str) -> None:
    from .config import today_from_env
    from .scaffold import NotEmpty, write_starter

    try:
        written = write_starter(Path(directory), today_from_env())
    except NotEmpty as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        click.echo("handbook: " + _("cannot write the starter set into {path}: {reason}").format(
            path=directory, reason=exc.strerror or exc), err=True)
        click.get_current_context().exit(1)
    policies = sum(1 for p in written if p.suffix == ".yaml")
    click.echo(_("wrote {count} policy files into {path}/policies, with handbook.toml, mkdocs.yml, docs/ and "
                 ".vscode/settings.json; next: handbook check {path}").format(count=policies, path=directory))


@cli.command(help=_("Point editors at the installed schemas for the policy files of the project in DIR (default: "
                    "here): writes the yaml.schemas map of yaml-language-server (VS Code's YAML extension) into "
                    "DIR/.vscode/settings.json, keeping its other settings, each schema for the files of its kind. "
                    "Nothing is copied. Run it again on another machine, after installing handbook elsewhere, or "
                    "after adding a policy file.\n\n"
                    "Exit code 0; 2 when DIR has no policy folder or the settings file is not plain JSON."))
@click.argument("directory", metavar="DIR", required=False, default=".")
@click.option("--print", "printing", is_flag=True,
              help=_("Print the yaml.schemas map as JSON instead of writing it (for Neovim's or Helix's settings)."))
@_boundary
def editor(directory: str, printing: bool) -> None:
    import json

    from .editor import KEY, EditorSetupError, survey, write_vscode
    from .resources import schemas_dir

    project = Path(directory)
    cfg = find_config(project.resolve())
    config = load_config(cfg if cfg is not None and cfg.parent == project.resolve() else None)
    policies = config.policies if config.policies is not None else project / "policies"
    if not policies.is_dir():
        raise UsageError(_("no policy folder in {path}: give the folder of a project (one with handbook.toml or "
                           "policies/)").format(path=directory))
    setup = survey(project, policies)
    for file, schema in setup.broken:
        click.echo(_("{file}:1:1: its first line names the schema {schema}, which does not exist; the editor "
                     "uses that line over the settings: delete it").format(file=file, schema=schema), err=True)
    for file, schema in setup.stale:
        click.echo(_("{file}:1:1: its first line names {schema}, a copy that differs from the installed schema "
                     "(an earlier handbook init made it; editors may not load it): delete the line and the copy, "
                     "and run handbook editor again").format(file=file, schema=schema), err=True)
    if printing:
        click.echo(json.dumps({KEY: setup.schemas}, ensure_ascii=False, indent=2))
        return
    try:
        target = write_vscode(setup)
    except EditorSetupError as exc:
        raise UsageError(str(exc)) from None
    click.echo(_("wrote {file}: {count} policy files use the schemas in {folder}").format(
        file=target, count=setup.files, folder=schemas_dir()))


@cli.command(help=_("Build the manual; the previous site stays untouched unless the build succeeds."))
@mkdocs_config_option
@click.option("-d", "--site-dir", metavar="DIR", help=_("Where to put the site (default: mkdocs.yml's site_dir)."))
@click.option("--strict", is_flag=True, help=_("Fail on warnings too (policy warnings and MkDocs warnings)."))
@click.option("--branch", "branch_id", metavar="ID",
              help=_("Build a branch office's manual: the head office's policies with branches/ID over them."))
@click.option("--all-branches", "combined", is_flag=True,
              help=_("Build the head office's manual and every branch office's, one site each under DIR "
                     "(head/ and one folder per branch), with a switcher between them."))
@_boundary
def build(config_file: str, site_dir: str | None, strict: bool, branch_id: str | None, combined: bool) -> None:
    from .sitebuild import BuildFailed, UnknownBranch, build_combined, build_site, describe_os_error

    if not Path(config_file).is_file():
        raise UsageError(_("no MkDocs configuration at {file}").format(file=config_file))
    if combined and branch_id is not None:
        raise UsageError(_("give --branch ID or --all-branches, not both"))
    try:
        if combined:
            site, folders = build_combined(Path(config_file), Path(site_dir) if site_dir else None, strict)
            click.echo(_("built the manuals in {site}: {folders}").format(site=site, folders=", ".join(folders)))
            return
        site = build_site(Path(config_file), Path(site_dir) if site_dir else None, strict, branch_id)
    except UnknownBranch as exc:
        raise UsageError(str(exc)) from None
    except BuildFailed as exc:
        click.echo("handbook: " + _("build failed, the previous site is unchanged: {reason}").format(reason=exc),
                   err=True)
        click.get_current_context().exit(1)
    except OSError as exc:  # a file system that refuses (read-only, full, not a folder): the user's to fix
        click.echo("handbook: " + _("build failed: {reason}").format(reason=describe_os_error(exc)), err=True)
        click.get_current_context().exit(1)
    click.echo(_("built the manual in {site}").format(site=site))


@cli.command(help=_("Serve the manual with live reload: editing a policy, schema or calendar file rebuilds it.\n\n"
                    "A broken edit is reported here and the last good manual stays online."))
@mkdocs_config_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT")
@_boundary
def serve(config_file: str, dev_addr: str) -> None:
    from .sitebuild import serve_site

    if not Path(config_file).is_file():
        raise UsageError(_("no MkDocs configuration at {file}").format(file=config_file))
    host, _sep, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(_("--dev-addr: '{address}' is not IP:PORT").format(address=dev_addr))
    serve_site(Path(config_file), host, int(port), lambda msg: click.echo(msg, err=True))


@cli.command(help=_("Run the language server for editors, on stdin and stdout (the Language Server Protocol).\n\n"
                    "An editor starts it for policy YAML files: it checks every open file with the rest of its "
                    "policy folder as `handbook check` does, as you type, and offers quick fixes, hover, go to "
                    "definition, completion of ids and the items of a file. The README's section on editors "
                    "says how to set up VS Code, Neovim and Helix."))
@_boundary
def lsp() -> None:
    import gc

    from .lsp import serve as serve_lsp

    gc.enable()  # a long-lived process, unlike the others (main() turns the collector off)
    serve_lsp()


def main() -> None:
    import gc

    # A one-shot process: what it builds lives until exit, and policy data has no
    # cycles, so the cyclic collector would only re-walk it (engine.run pauses it
    # too, for callers that live longer). Frozen at exit, nothing is walked again.
    gc.disable()
    atexit.register(gc.freeze)
    if hasattr(signal, "SIGPIPE"):
        # `handbook check | head` should stop quietly, not report a broken pipe
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # --lang belongs to the group, but is accepted after the command too (`handbook check --lang en`)
    lang, rest = _split_lang(sys.argv[1:])
    cli(args=["--lang", lang, *rest] if lang is not None else rest, prog_name="handbook")


if __name__ == "__main__":  # pragma: no cover
    main()
