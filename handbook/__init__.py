"""Policy-as-code service handbook: validate, check and publish customer-service rules."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

# The rule catalogue lives in the repository's top-level checks/ folder (the
# project layout keeps it beside schemas/ and policies/); a wheel installs it as
# handbook/checks. In a source checkout, let Python find it beside this package.
_here = Path(__file__).resolve().parent
if not (_here / "checks").is_dir() and (_here.parent / "checks" / "__init__.py").is_file():
    __path__.append(str(_here.parent))  # noqa: F821 - __path__ is defined for packages
