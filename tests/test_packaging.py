"""The wheel carries every package of the source tree: pyproject.toml lists them by hand (the
package-dir mapping assembles checks/, schemas/ and policies/ into handbook), so a new
subpackage must be added there, or the installed command cannot import it."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_subpackage_is_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {"handbook." + ".".join(p.parent.relative_to(ROOT / "src" / "handbook").parts)
             for p in (ROOT / "src" / "handbook").rglob("__init__.py")} - {"handbook."}
    found = {f.rstrip(".") for f in found} | {"handbook"}
    assert found <= listed, sorted(found - listed)
    for name in found - {"handbook"}:
        assert config["package-dir"][name] == "src/" + name.replace(".", "/")
