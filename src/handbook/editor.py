"""``handbook editor [DIR]``: point the editor at the installed schemas, for a project's policy files.

yaml-language-server (VS Code's YAML extension, and Neovim's and Helix's yamlls) takes a map
``yaml.schemas``: a schema's path -> the files it is for. This writes that map into the
project's ``.vscode/settings.json`` (other settings there are kept), with each schema of the
installed package for the policy files of its kind, by what each file says in its ``kind:``
line. Nothing is copied: an upgrade of ``handbook`` brings its schemas to the editor at once,
and a company's own repository needs no ``schemas/`` folder. The paths are absolute, so the
file belongs to one machine (and one installation): run it again after cloning, after
installing ``handbook`` elsewhere, or after adding a policy file; ``--print`` gives the map for
the settings of other editors.

A policy file whose first line names a schema (``# yaml-language-server: $schema=...``) keeps
its own: the modeline wins over the settings, so one that names a missing file is reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import _
from .resources import schemas_dir

SETTINGS = Path(".vscode") / "settings.json"
KEY = "yaml.schemas"
_KIND = re.compile(r"^kind:[ \t]*['\"]?([A-Za-z_][\w-]*)", re.MULTILINE)


def written_kind(text: str) -> str | None:
    """The kind a policy file says it is on its ``kind:`` line, as written now (parsed or not)."""
    m = _KIND.search(text)
    return m.group(1) if m else None
_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)")


class EditorSetupError(Exception):
    """The settings file cannot be updated (it is not plain JSON): nothing was written."""


@dataclass
class Setup:
    project: Path
    schemas: dict[str, list[str]] = field(default_factory=dict)  # schema path -> files, relative to project
    broken: list[tuple[str, str]] = field(default_factory=list)  # (file, the missing schema its modeline names)
    stale: list[tuple[str, str]] = field(default_factory=list)  # (file, a copy unlike the installed schema)

    @property
    def files(self) -> int:
        return sum(len(v) for v in self.schemas.values())


def survey(project: Path, policies: Path, schemas: Path | None = None) -> Setup:
    """Which installed schema each policy file under ``policies`` needs, by its ``kind:``."""
    from .engine import discover

    folder = schemas or schemas_dir()
    setup = Setup(project)
    for f in discover(policies)[0]:  # the files handbook check reads
        try:
            text = f.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # handbook check says why
        rel = f.resolve().relative_to(project.resolve()).as_posix() if f.resolve().is_relative_to(
            project.resolve()) else f.resolve().as_posix()
        first = text.split("\n", 1)[0]
        named = _MODELINE.match(first)
        if named:
            copy = f.parent / named.group(1)
            installed = folder / Path(named.group(1)).name
            if not copy.is_file():
                setup.broken.append((rel, named.group(1)))
            elif installed.is_file() and copy.resolve() != installed.resolve() \
                    and copy.read_bytes() != installed.read_bytes():
                setup.stale.append((rel, named.group(1)))  # a copy an earlier handbook init made
            continue
        kind = written_kind(text)
        schema = folder / f"{kind}.schema.json" if kind else None
        if schema is not None and schema.is_file():
            setup.schemas.setdefault(str(schema.resolve()), []).append(rel)
    return setup


def merged(existing: dict[str, object], setup: Setup) -> dict[str, object]:
    """The settings with ``yaml.schemas`` naming these schemas for these files: entries for other
    schemas are kept, those for any handbook schema of an earlier installation are replaced."""
    ours = {p.name for p in schemas_dir().glob("*.schema.json")}
    old = existing.get(KEY)
    kept = {k: v for k, v in old.items() if Path(k).name not in ours} if isinstance(old, dict) else {}
    return {**existing, KEY: {**kept, **setup.schemas}}


def write_vscode(setup: Setup) -> Path:
    """Write (or update) the project's .vscode/settings.json."""
    target = setup.project / SETTINGS
    existing: dict[str, object] = {}
    if target.exists():
        try:
            loaded = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise EditorSetupError(_("{file} is not plain JSON ({reason}): add the \"{key}\" map that --print "
                                     "gives by hand; nothing was written").format(
                                         file=target, reason=exc, key=KEY)) from None
        if not isinstance(loaded, dict):
            raise EditorSetupError(_("{file} is not a JSON object: nothing was written").format(file=target))
        existing = loaded
    target.parent.mkdir(exist_ok=True)
    text = json.dumps(merged(existing, setup), ensure_ascii=False, indent=2) + "\n"
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)  # whole or not at all
    return target
