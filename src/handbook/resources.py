"""The shipped schemas and policies, from the installed package (wheel or editable)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    # both data packages are plain folders on disk; callers walk them with pathlib
    return Path(str(files(package)))


def schemas_dir() -> Path:
    return _folder("handbook.schemas")


def shipped_policies() -> Path:
    return _folder("handbook.policies")
