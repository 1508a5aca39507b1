"""Helpers for the browser tests: build a manual, serve it under a sub-path, drive Chromium.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright; no browser is
ever downloaded. Sites are served from 127.0.0.1 under /manual/ so that the
tests also prove the site works under a sub-path.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Material draws Mermaid diagrams into closed shadow roots; open them so a test can look inside.
OPEN_SHADOW = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, Object.assign({}, init, {mode: "open"})); };
"""


def require_chromium() -> None:
    """Skip (one reason, shown once by -ra) without Chromium; CI sets HANDBOOK_REQUIRE_BROWSER=1,
    which turns the skip into a failure, so CI never passes without running them."""
    if os.path.exists(CHROMIUM):
        return
    how = "install it with: apt-get install -y chromium"
    if os.environ.get("HANDBOOK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing and HANDBOOK_REQUIRE_BROWSER=1: {how}")
    pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}: {how}")


def write_mkdocs_yml(dest: Path, policies: Path, docs: Path | None = None) -> Path:
    """A copy of the repository's mkdocs.yml, pointed at other policies and docs."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("policies: policies", f"policies: {policies}")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs or ROOT / 'docs'}")
    cfg = dest / "mkdocs.yml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


def build(dest: Path, policies: Path, docs: Path | None = None) -> Path:
    cfg = write_mkdocs_yml(dest, policies, docs)
    site = dest / "site"
    r = run_cli("build", "-f", str(cfg), "-d", str(site), timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, prefix: str = "manual") -> Iterator[str]:
    """Serve ``site`` at http://127.0.0.1:PORT/<prefix>/ and yield that URL."""
    root = Path(tempfile.mkdtemp(prefix="handbook-www-"))  # one's own: several may serve one site
    os.symlink(site, root / prefix)
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/{prefix}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        shutil.rmtree(root, ignore_errors=True)


def url_of(src: str) -> str:
    """A page's URL path in the site (use_directory_urls): editors/index.md -> editors/, rules.md -> rules/."""
    return src[: -len("index.md")] if src.endswith("index.md") else src[: -len(".md")] + "/"
