"""Project configuration: ``handbook.toml`` beside the policies (or named with --config).

```toml
[handbook]
policies = "policies"        # the policy folder, inside the folder of this file (policy_folder)

[rules]
STL001 = "off"               # severity only: error | warning | off
[rules.LIM001]               # severity and options
severity = "error"

[limits]                     # loader limits (see the threat model in README.md)
max_bytes = 5242880
```
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from .i18n import _
from .limits import Limits
from .problem import Severity
from .rules import Rule, registry

CONFIG_NAME = "handbook.toml"


class ConfigError(Exception):
    """A configuration mistake: reported with the file name, exit code 2."""


@dataclass
class Config:
    path: Path | None = None
    policies: Path | None = None
    policies_named_at: str = ""  # "handbook.toml:2:1", where [handbook] policies is written
    branches: Path | None = None  # [handbook] branches: the branch offices' folders (default: beside the policies)
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    # "Today" for stale policies and waiver expiry; settable so that CI can re-check
    # a past state of the policies reproducibly.
    today: date = field(default_factory=lambda: today_from_env())

    def severity_of(self, rule: Rule) -> Severity:
        return self.severity.get(rule.code, rule.severity)

    def options_of(self, rule: Rule) -> dict[str, Any]:
        return {**rule.options, **self.options.get(rule.code, {})}


def today_from_env() -> date:
    """Today, or HANDBOOK_TODAY (YYYY-MM-DD) to re-run a check as of another day."""
    value = os.environ.get("HANDBOOK_TODAY")
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(_("HANDBOOK_TODAY={value} is not a date (YYYY-MM-DD)").format(value=repr(value))) from None


def default_policies(base: Path, config: Config) -> Path:
    """The policy folder when none is named: handbook.toml's, else base/policies, else the shipped set."""
    if config.policies is not None:
        return config.policies
    from .resources import shipped_policies

    return base / "policies" if (base / "policies").is_dir() else shipped_policies()


def policy_folder(value: object, config_file: Path, where: str) -> Path:
    """The policy folder a configuration file names: the one rule for handbook.toml's
    ``[handbook] policies`` and mkdocs.yml's ``policies`` option of the plugin.

    Relative to the folder of that file, and then it must stay inside that folder with
    symbolic links followed: a configuration kept in a repository must not reach out of it
    by "../". An absolute path is the operator's explicit choice (configuration is trusted,
    see the README's threat model) and is taken as written, in both files alike. ``where``
    is the place the value is written (``handbook.toml:2:1``), to begin the message with.
    """
    if not isinstance(value, str):
        raise ConfigError(_("{where}: policies must be a folder path in quotes, relative to this file").format(
            where=where))
    if Path(value).is_absolute():
        return Path(value).resolve()
    base = config_file.parent.resolve()
    folder = (base / value).resolve()
    if not folder.is_relative_to(base):
        raise ConfigError(_("{where}: policies = \"{value}\" leaves the folder of this file ({base}): a relative "
                            "policy folder must be inside it; give a path such as \"policies\", or an absolute "
                            "path").format(where=where, value=value, base=base))
    return folder


def missing_policy_folder(folder: Path, where: str) -> ConfigError:
    """The error for a policy folder that a configuration names and that does not exist."""
    return ConfigError(_("{where}: policy folder {folder} does not exist").format(where=where, folder=folder))


def find_config(start: Path) -> Path | None:
    for d in (start, *start.parents):
        candidate = d / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


# enough of TOML to say where a key is written: table headers and "key =" lines
_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_.-]+))\s*=""")


def _locate(text: str, table: str | None, key: str | None = None) -> tuple[int, int]:
    """Line and column of ``key`` in ``[table]`` (None: the top level), else of the header
    ``[table.key]``, else of ``[table]``; 1, 1 when none is written."""
    current: str | None = None
    headers: dict[str, tuple[int, int]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        m = _TABLE.match(line)
        if m:
            current = re.sub(r"\s+", "", m.group(1))
            headers.setdefault(current, (n, line.index("[") + 1))
            continue
        k = _KEY.match(line)
        if k and key is not None and current == table and next(g for g in k.groups() if g is not None) == key:
            return n, len(line) - len(line.lstrip()) + 1
    candidates = [f"{table}.{key}" if table and key else key, table]
    return next((headers[c] for c in candidates if c in headers), (1, 1))


_LAYOUT_TABLES = ("handbook", "rules", "limits")  # the only top-level names


def _layout() -> str:
    limits = ", ".join(sorted(f.name for f in fields(Limits)))
    return _("[handbook] (policies = \"folder\"), [rules] (CODE = \"error\", \"warning\" or \"off\") and [limits] "
             "({limits})").format(limits=limits)


def _misplaced(key: str, value: Any) -> tuple[str, str] | None:
    """The table a top-level key belongs in, and the line to write there; None for a key of no table."""
    if key == "policies":
        return "handbook", f'policies = "{value if isinstance(value, str) else "policies"}"'
    if key in registry():
        return "rules", f'{key} = "{value if value in ("error", "warning", "off") else "warning"}"'
    if key in {f.name for f in fields(Limits)}:
        return "limits", f"{key} = {value if isinstance(value, int) else getattr(Limits(), key)}"
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(_("{file}: cannot read configuration: {reason}").format(file=path, reason=exc)) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's own words (English) end with the place: made the message's start instead
        detail = str(exc)
        m = re.search(r" \(at line (\d+), column (\d+)\)$", detail)
        where = f"{path}:{m.group(1)}:{m.group(2)}" if m else str(path)
        raise ConfigError(_("{where}: TOML syntax error: {detail}").format(
            where=where, detail=detail[:m.start()] if m else detail)) from None

    def at(table: str | None, key: str | None = None) -> str:
        line, col = _locate(text, table, key)
        return f"{path}:{line}:{col}"

    cfg = Config(path=path)
    for key, value in raw.items():
        if key in _LAYOUT_TABLES:
            continue
        if isinstance(value, dict):
            raise ConfigError(_("{where}: unknown table [{table}]; handbook.toml has only the tables {layout}").format(
                where=at(key), table=key, layout=_layout()))
        home = _misplaced(key, value)
        if home is not None:
            # the usual slip: the key written above its table's header (or with none)
            raise ConfigError(_("{where}: '{key}' must be written under [{table}], not at the top level: "
                                "{example}").format(where=at(None, key), key=key, table=home[0],
                                                     example=f"[{home[0]}] {home[1]}"))
        raise ConfigError(_("{where}: unknown key '{key}' at the top level; handbook.toml has only the tables "
                            "{layout}").format(where=at(None, key), key=key, layout=_layout()))
    for section in _LAYOUT_TABLES:
        if not isinstance(raw.get(section, {}), dict):
            raise ConfigError(_("{where}: [{table}] must be a table").format(where=at(None, section), table=section))
    hb = raw.get("handbook", {})
    unknown_keys = sorted(set(hb) - {"policies", "branches"})
    if unknown_keys:
        raise ConfigError(_("{where}: [handbook] unknown key(s) {keys}; known: policies, branches").format(
            where=at("handbook", unknown_keys[0]), keys=", ".join(unknown_keys)))
    if "policies" in hb:
        cfg.policies_named_at = at("handbook", "policies")
        cfg.policies = policy_folder(hb["policies"], path, cfg.policies_named_at)
    if "branches" in hb:  # the same rule as the policy folder: inside the folder of this file, or absolute
        cfg.branches = policy_folder(hb["branches"], path, at("handbook", "branches"))
    rules = registry()
    for code, value in raw.get("rules", {}).items():
        rule = rules.get(code)
        if rule is None:
            raise ConfigError(_("{where}: [rules] names unknown rule '{code}' (see `handbook rules`)").format(
                where=at("rules", code), code=code))
        if isinstance(value, str):
            value = {"severity": value}
        if not isinstance(value, dict):
            raise ConfigError(_("{where}: [rules] {code} must be a severity or a table").format(
                where=at("rules", code), code=code))
        opts = dict(value)
        if "severity" in opts:
            try:
                cfg.severity[code] = Severity(opts.pop("severity"))
            except ValueError:
                raise ConfigError(_("{where}: [rules] {code}: severity must be error, warning or off").format(
                    where=at("rules", code) if isinstance(raw["rules"][code], str) else at(f"rules.{code}", "severity"),
                    code=code)) from None
        for name, v in opts.items():
            if name not in rule.options:
                known = ", ".join(rule.options) or _("none")
                raise ConfigError(_("{where}: [rules.{code}] unknown option '{name}' (options: {known})").format(
                    where=at(f"rules.{code}", name), code=code, name=name, known=known))
            want = type(rule.options[name])
            if not isinstance(v, want) or (want is int and isinstance(v, bool)):
                raise ConfigError(_("{where}: [rules.{code}] {name} must be {type}").format(
                    where=at(f"rules.{code}", name), code=code, name=name, type=want.__name__))
        cfg.options[code] = opts
    lim = raw.get("limits", {})
    names = {f.name for f in fields(Limits)}
    for k, v in lim.items():
        if k not in names or not isinstance(v, int) or isinstance(v, bool) or v <= 0:
            raise ConfigError(_("{where}: [limits] {key} is not a known positive integer limit ({limits})").format(
                where=at("limits", k), key=k, limits=", ".join(sorted(names))))
    cfg.limits = Limits(**lim)
    return cfg
