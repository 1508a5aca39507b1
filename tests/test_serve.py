"""`handbook serve` rebuilds the manual when a policy file changes (the compliance live preview)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser import write_mkdocs_yml
from conftest import make_set

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds}s")


def test_serve_rebuilds_when_a_policy_changes(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    cfg = write_mkdocs_yml(tmp_path, root)
    port = _free_port()
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-m", "handbook", "serve", "-f", str(cfg), "-a", f"127.0.0.1:{port}"],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/roles/cs-agent/"
        _wait_for(url, "客户服务岗", 120)
        org = root / "organisation.yaml"
        org.write_text(org.read_text(encoding="utf-8").replace("受理客户咨询与投诉", "受理客户咨询、报案与投诉"),
                       encoding="utf-8")
        _wait_for(url, "受理客户咨询、报案与投诉", 60)
        # a broken edit keeps serving the last good manual and says why on the console
        org.write_text(org.read_text(encoding="utf-8").replace("reports_to: cs-head", "reports_to: cs-haed"),
                       encoding="utf-8")
        time.sleep(3)
        assert "受理客户咨询、报案与投诉" in _get(url)
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert "REF001" in err and "cs-haed" in err
    assert "still serving the last good manual" in err
    assert "Traceback" not in err
