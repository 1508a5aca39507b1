"""Project configuration: ``handbook.toml`` beside the policies (or named with --config).

```toml
[handbook]
policies = "policies"        # the policy folder, relative to this file

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
import tomllib
from datetime import date
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .loader import Limits
from .problem import Severity
from .rules import Rule, registry

CONFIG_NAME = "handbook.toml"


class ConfigError(Exception):
    """A configuration mistake: reported with the file name, exit code 2."""


@dataclass
class Config:
    path: Path | None = None
    policies: Path | None = None
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
        raise ConfigError(f"HANDBOOK_TODAY={value!r} is not a date (YYYY-MM-DD)") from None


def default_policies(base: Path, config: Config) -> Path:
    """The policy folder when none is named: handbook.toml's, else base/policies, else the shipped set."""
    if config.policies is not None:
        return config.policies
    from .resources import shipped_policies

    return base / "policies" if (base / "policies").is_dir() else shipped_policies()


def find_config(start: Path) -> Path | None:
    for d in (start, *start.parents):
        candidate = d / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    cfg = Config(path=path)
    unknown = set(raw) - {"handbook", "rules", "limits"}
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}; expected [handbook], [rules], [limits]")
    for section in ("handbook", "rules", "limits"):
        if not isinstance(raw.get(section, {}), dict):
            raise ConfigError(f"{path}: [{section}] must be a table")
    hb = raw.get("handbook", {})
    unknown_keys = set(hb) - {"policies"}
    if unknown_keys:
        raise ConfigError(f"{path}: [handbook] unknown key(s) {', '.join(sorted(unknown_keys))}; known: policies")
    if "policies" in hb and not isinstance(hb["policies"], str):
        raise ConfigError(f"{path}: [handbook] policies must be a path in quotes")
    if "policies" in hb:
        cfg.policies = (path.parent / str(hb["policies"])).resolve()
        if not cfg.policies.is_relative_to(path.parent.resolve()):
            # a configuration in a repository must not point the checks at files outside it
            raise ConfigError(f"{path}: [handbook] policies = {hb['policies']!r} leaves the folder of this file")
    rules = registry()
    for code, value in raw.get("rules", {}).items():
        rule = rules.get(code)
        if rule is None:
            raise ConfigError(f"{path}: [rules] names unknown rule '{code}' (see `handbook rules`)")
        if isinstance(value, str):
            value = {"severity": value}
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: [rules] {code} must be a severity or a table")
        opts = dict(value)
        if "severity" in opts:
            try:
                cfg.severity[code] = Severity(opts.pop("severity"))
            except ValueError:
                raise ConfigError(f"{path}: [rules] {code}: severity must be error, warning or off") from None
        for name, v in opts.items():
            if name not in rule.options:
                known = ", ".join(rule.options) or "none"
                raise ConfigError(f"{path}: [rules.{code}] unknown option '{name}' (options: {known})")
            want = type(rule.options[name])
            if not isinstance(v, want) or (want is int and isinstance(v, bool)):
                raise ConfigError(f"{path}: [rules.{code}] {name} must be {want.__name__}")
        cfg.options[code] = opts
    lim = raw.get("limits", {})
    names = {f.name for f in fields(Limits)}
    for k, v in lim.items():
        if k not in names or not isinstance(v, int) or isinstance(v, bool) or v <= 0:
            raise ConfigError(f"{path}: [limits] {k} is not a known positive integer limit ({', '.join(sorted(names))})")
    cfg.limits = Limits(**lim)
    return cfg
