"""``handbook init DIR``: a minimal, commented starter project for a new company.

The starter is package data (``src/handbook/starter/``), laid out as a project:
``handbook.toml`` naming ``policies/`` (one file of each kind, with the 2020 complaint
rule's limit, so that ``handbook check --strict DIR`` passes), ``mkdocs.yml`` and
``docs/`` (so that ``handbook build`` run in DIR builds the manual), and for editors
``.vscode/settings.json``, which names the installed package's schemas for the policy files
(``handbook editor``, run again on another machine: nothing is copied, so an upgrade never
leaves the editor with old schemas).

``init`` writes into a new or empty folder only, creates every file exclusively (never
overwriting one), and removes what it wrote when it cannot finish.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path

from .i18n import _

POLICY_FOLDER = "policies"
_HEADER_DATE = re.compile(r'^(effective_date|review_by): "[0-9]{4}-[0-9]{2}-[0-9]{2}"', re.MULTILINE)


class NotEmpty(Exception):
    """DIR exists and holds something, or is not a folder: nothing was written."""


def starter_dir() -> Path:
    return Path(str(files("handbook") / "starter"))


def starter_files() -> list[Path]:
    """The starter's files, relative to its folder (data only: no caches a checkout may hold)."""
    root = starter_dir()
    return sorted(p.relative_to(root) for p in root.rglob("*")
                  if p.is_file() and p.suffix in (".yaml", ".yml", ".toml", ".md"))


def _a_year_later(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def dated(text: str, today: date) -> str:
    """The file's header dates set to today (effective) and a year later (review_by), so that
    a new set is neither stale (STL001) nor due for review before its first year is out."""
    values = {"effective_date": today, "review_by": _a_year_later(today)}
    return _HEADER_DATE.sub(lambda m: f'{m.group(1)}: "{values[m.group(1)].isoformat()}"', text)


# How far ahead CAL001 expects deadlines to be countable (its default horizon_days).
_HORIZON = timedelta(days=60)
_WAIVER = """\
# 检查豁免记录：经批准、有期限的例外。init 写入本文件，是因为今天起算的时限会进入节假日数据尚未覆盖的
# {years} 年（CAL001）。国务院办公厅公布该年节假日安排后，在 calendar.yaml 的 years 下录入，并删除本豁免。
# Waivers: approved exceptions with an end date. init wrote this file because deadlines counted from
# today reach {years}, which the holiday data does not cover yet (CAL001). Once the State Council
# publishes that year's schedule, enter it under `years` in calendar.yaml and delete this waiver.
kind: waivers
title: 检查豁免记录
version: "1"
effective_date: "{today}"
review_by: "{until}"
owner: general-manager
waivers:
  - id: wv-calendar-{years}
    check: CAL001
    item: company-calendar
    approved_by: general-manager
    reason: {years}年节假日安排尚未录入（节假日数据只覆盖到{last}年）：公布后录入 calendar.yaml 的 years。
    granted: "{today}"
    until: "{until}"
"""


def calendar_waiver(today: date) -> str | None:
    """A CAL001 waiver for a new set, when deadlines counted from today reach a year the holiday data
    does not cover (the State Council publishes next year's schedule late in the year); None when
    the data reaches far enough. It ends with the year, or within 90 days, whichever comes first."""
    from .calendar.counting import WorkCalendar

    covered = set(WorkCalendar().covered_years())
    end = today + _HORIZON
    missing = [y for y in range(today.year, end.year + 1) if y not in covered]
    if not missing or not covered:
        return None
    until = min(date(today.year, 12, 31), today + timedelta(days=90))
    if until <= today:
        until = today + timedelta(days=30)
    return _WAIVER.format(years=missing[0], last=max(covered), today=today.isoformat(), until=until.isoformat())


def write_starter(dest: Path, today: date) -> list[Path]:
    """Write the starter set into ``dest`` (created if missing); the files written, in order.

    Raises NotEmpty (and writes nothing) when ``dest`` is a file or a folder that holds
    anything; an OSError after removing whatever it had written."""
    if dest.exists() or dest.is_symlink():
        if not dest.is_dir():
            raise NotEmpty(_("{path} exists and is not a folder; nothing was written").format(path=dest))
        entries = sorted(p.name for p in dest.iterdir())
        if entries:
            shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
            raise NotEmpty(_("{path} is not empty ({entries}): init writes only into a new or empty folder and "
                             "never overwrites a file; nothing was written").format(path=dest, entries=shown))
    made: list[Path] = []  # folders this call created, outermost first
    for folder in reversed([dest, *dest.parents]):
        if not folder.exists():
            made.append(folder)
    written: list[Path] = []
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for rel in starter_files():
            text = (starter_dir() / rel).read_text(encoding="utf-8")
            target = dest / rel
            if not target.parent.is_dir():
                target.parent.mkdir()
                written.append(target.parent)
            with target.open("x", encoding="utf-8", newline="\n") as f:  # "x": never replace a file
                written.append(target)
                f.write(dated(text, today) if rel.parts[0] == POLICY_FOLDER else text)
        waiver = calendar_waiver(today)
        if waiver is not None:
            target = dest / POLICY_FOLDER / "waivers.yaml"
            with target.open("x", encoding="utf-8", newline="\n") as f:
                written.append(target)
                f.write(waiver)
        from .editor import SETTINGS, survey, write_vscode

        (dest / SETTINGS.parent).mkdir()  # the editor's settings, naming the installed schemas
        written.append(dest / SETTINGS.parent)
        written.append(write_vscode(survey(dest, dest / POLICY_FOLDER)))
    except OSError:
        for path in reversed(written):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    return written
