"""Policy-as-code service handbook: validate, check and publish customer-service rules.

The package is assembled from the repository's top-level folders (pyproject.toml's
``package-dir``): ``src/handbook`` is the code, ``checks/`` the rule catalogue
(``handbook.checks``), ``schemas/`` and ``policies/`` data packages
(``handbook.schemas``, ``handbook.policies``). The source tree is never imported
directly: install it (``pip install -e .`` while developing) and it imports the
same way as the wheel.
"""

from __future__ import annotations

__version__ = "0.1.0"
