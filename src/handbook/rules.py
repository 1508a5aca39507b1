"""Rules: one module per code in ``checks/``, described by its own module attributes.

A rule module declares ``CODE``, ``NAME``, ``TITLE``, ``SEVERITY`` (the default),
``OPTIONS`` (option name -> default value; the type of the default is the
option's type) and, unless the loader or validator enforces it (``STAGE`` is
then "load" or "schema"), a ``check(model, options)`` generator of ``Finding``.
Its docstring is the user documentation, in English, in the fixed sections of
``SECTIONS``; ``handbook rules`` and the manual's rule pages are generated from it, in the
reader's language: the translations are the catalogue ``locale/zh_CN/ruledocs.po``, one
entry per paragraph (see ``ruledocs.py``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .problem import Finding, Severity

if TYPE_CHECKING:
    from .ruledocs import Rendered

SECTIONS = ("What it does", "Why", "Example", "Use instead", "Options")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    title: str
    severity: Severity
    stage: str  # "load", "schema" or "model"
    options: dict[str, Any] = field(default_factory=dict)
    source_doc: str = ""  # the module's docstring: the English the translations are made from
    check: Callable[..., Iterator[Finding]] | None = None
    module: str = ""
    schema_keywords: tuple[str, ...] = ()  # schema stage: the JSON Schema keywords it reports
    cross_file: bool = False  # its findings can come from items missing from a file that cannot be read
    waivable: bool = True  # False: a waiver of this rule is refused (WVR003) and never applied
    waiver_note: str = ""  # why not, for that message

    @classmethod
    def from_module(cls, mod: ModuleType) -> Rule:
        stage = getattr(mod, "STAGE", "model")
        check = getattr(mod, "check", None)
        if stage == "model" and check is None:
            raise TypeError(f"{mod.__name__}: a model rule needs check()")
        return cls(
            code=mod.CODE,
            name=mod.NAME,
            title=mod.TITLE,
            severity=Severity(getattr(mod, "SEVERITY", "error")),
            stage=stage,
            options=dict(getattr(mod, "OPTIONS", {})),
            source_doc=(mod.__doc__ or "").strip(),
            check=check,
            module=mod.__name__,
            schema_keywords=tuple(getattr(mod, "SCHEMA_KEYWORDS", ())),
            cross_file=bool(getattr(mod, "CROSS_FILE", False)),
            waivable=bool(getattr(mod, "WAIVABLE", True)),
            waiver_note=str(getattr(mod, "WAIVER_NOTE", "")),
        )

    def localised(self, lang: str | None = None) -> Rendered:
        """The documentation in ``lang`` (default: the current language, ``--lang``)."""
        from .i18n import language
        from .ruledocs import render

        return render(self.source_doc, lang or language())

    @property
    def doc(self) -> str:
        """The documentation in the current language: what ``handbook rules CODE`` prints."""
        return self.localised().doc

    def sections(self, lang: str | None = None) -> dict[str, str]:
        """The documentation's ``## Heading`` sections by their English heading (``SECTIONS``), in
        ``lang`` (default: the current language); ``_intro`` is the title line."""
        rendered = self.localised(lang)
        return {"_intro": self.source_doc.split("\n", 1)[0], **rendered.sections}


@cache
def registry() -> dict[str, Rule]:
    """Every rule by code: each module of the ``handbook.checks`` package that declares ``CODE``."""
    from . import checks

    rules: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(checks.__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"{checks.__name__}.{info.name}")
        if not hasattr(mod, "CODE"):
            continue  # a helper module shared by rules
        rule = Rule.from_module(mod)
        if rule.code in rules:
            raise ValueError(f"duplicate rule code {rule.code} in {mod.__name__} and {rules[rule.code].module}")
        rules[rule.code] = rule
    return dict(sorted(rules.items()))


def markdown_table(rules: Iterable[Rule]) -> str:
    """The rule list as README.md shows it: in English, whatever the language (README.md is English)."""
    lines = ["| code | name | default | stage | what it reports |", "|---|---|---|---|---|"]
    for r in rules:
        what = r.sections("en").get("What it does", "").replace("\n", " ").replace("|", "\\|")
        lines.append(f"| {r.code} | {r.name} | {r.severity.value} | {r.stage} | {what} |")
    return "\n".join(lines) + "\n"
