"""Where the shipped schemas and policies are, in a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``handbook/<name>`` in an installed wheel, ``<repo>/<name>`` in a checkout."""
    inside = _PKG / name
    if inside.is_dir():
        return inside
    return _PKG.parent / name


def schemas_dir() -> Path:
    return data_dir("schemas")


def shipped_policies() -> Path:
    return data_dir("policies")
