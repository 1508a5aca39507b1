"""The ``handbook`` command. Exit codes: 0 clean, 1 problems found, 2 usage or internal error.

Every command runs inside ``_boundary``: whatever goes wrong becomes one message
on stderr and exit code 2, never a traceback (``--debug`` shows it for developers).
"""

from __future__ import annotations

import functools
from datetime import date
import os
import signal
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import click

from . import __version__
from .config import CONFIG_NAME, Config, ConfigError, find_config, load_config
from .reporters import REPORTERS
from .resources import shipped_policies

F = TypeVar("F", bound=Callable[..., Any])


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
        except (UsageError, ConfigError) as exc:
            click.echo(f"handbook: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("handbook: interrupted", err=True)
            ctx.exit(2)
        except Exception as exc:  # noqa: BLE001 - the boundary: no traceback for users
            if debug:
                raise
            click.echo(f"handbook: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
            ctx.exit(2)

    return wrapper  # type: ignore[return-value]


def parse_date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what}: '{value}' is not a date (YYYY-MM-DD)") from None


def resolve_target(path: str | None, config_path: str | None) -> tuple[Path, Config]:
    """The policy folder to use and its configuration.

    Order: the PATH argument; else the ``policies`` of the nearest handbook.toml;
    else ./policies; else the policy set shipped inside the package.
    """
    if config_path:
        cfg_file: Path | None = Path(config_path)
        if not cfg_file.is_file():
            raise UsageError(f"configuration file not found: {config_path}")
    else:
        start = Path(path).resolve() if path else Path.cwd()
        cfg_file = find_config(start if start.is_dir() else start.parent)
    config = load_config(cfg_file)
    if path:
        target = Path(path)
        if not target.exists():
            raise UsageError(f"no such file or folder: {path}")
    elif config.policies is not None:
        target = config.policies
        if not target.is_dir():
            raise UsageError(f"{cfg_file}: policy folder {target} does not exist")
    elif Path("policies").is_dir():
        target = Path("policies")
    else:
        target = shipped_policies()
    return target, config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for internal errors (for developers).")
def cli(debug: bool) -> None:
    """Validate, check and publish the customer-service policy handbook."""


@cli.command()
@click.argument("path", required=False)
@click.option("--format", "fmt", type=click.Choice(list(REPORTERS)),
              default=None, help="Output format (default: text; github inside GitHub Actions).")
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit code 1).")
@click.option("--config", "config_path", metavar="FILE", help=f"Configuration file (default: nearest {CONFIG_NAME}).")
@click.option("--today", metavar="YYYY-MM-DD", help="Check as of this day (stale policies, waiver expiry, calendar "
              "coverage); default: today, or $HANDBOOK_TODAY.")
@_boundary
def check(path: str | None, fmt: str | None, strict: bool, config_path: str | None, today: str | None) -> None:
    """Check the policies in PATH (a folder or one file).

    Prints one line per problem, `path:line:col: CODE message`, sorted by file and
    line, then a summary. Exit code 0: clean; 1: problems found; 2: usage or
    internal error.
    """
    from .engine import InternalError, run

    target, config = resolve_target(path, config_path)
    if today:
        config.today = parse_date(today, "--today")
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS else "text"
    try:
        result = run(target, config)
    except InternalError as exc:
        raise UsageError(f"internal error: {exc}") from exc
    REPORTERS[fmt](result, sys.stdout)
    sys.stdout.flush()
    click.get_current_context().exit(result.exit_code(strict))


@cli.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the list as a Markdown table (as README.md embeds it).")
@_boundary
def rules(code: str | None, markdown: bool) -> None:
    """List the rules, or print the documentation of one (by code or name)."""
    from .rules import registry, markdown_table

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
        raise UsageError(f"no rule '{code}' (run `handbook rules` for the list)")
    click.echo(f"{rule.code} {rule.name}: {rule.title}")
    click.echo(f"default severity: {rule.severity.value}; enforced at: {rule.stage}")
    if rule.options:
        click.echo("options: " + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items()))
    click.echo("")
    click.echo(rule.doc)


def main() -> None:
    if hasattr(signal, "SIGPIPE"):
        # `handbook check | head` should stop quietly, not report a broken pipe
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    cli(prog_name="handbook")


if __name__ == "__main__":  # pragma: no cover
    main()
