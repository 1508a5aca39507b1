"""A build never costs the previous site, whichever command runs it, and says plainly what it
could not write (issue 9, items 5 and 15)."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from browser import build, write_mkdocs_yml
from conftest import make_set, run_cli

pytestmark = pytest.mark.slow

ENV = dict(os.environ)


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _mkdocs(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Plain `mkdocs build ARGS`, as the README tells people to run it."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=cwd, env=env or ENV,
                          capture_output=True, text=True, timeout=300)


def _leftovers(folder: Path) -> list[Path]:
    return list(folder.glob(".site.building-*"))


# -- item 5: a killed or failed `mkdocs build` keeps the previous site ------------------------------

def test_killed_mkdocs_build_leaves_the_previous_site(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    site = build(tmp_path, root)
    before = _snapshot(site)
    assert len(before) > 50
    cfg = write_mkdocs_yml(tmp_path, root)
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(cfg), "-d", str(site)],
                            cwd=tmp_path, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill it once it has started writing: either into a folder beside the site, or (the old
    # behaviour) into the site itself, which MkDocs empties first.
    deadline = time.monotonic() + 120
    started = False
    while time.monotonic() < deadline and proc.poll() is None:
        staged = any(any(p.rglob("*.html")) for p in _leftovers(tmp_path))
        if staged or not (site / "index.html").exists():
            started = True
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert started and proc.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    assert _snapshot(site) == before

    # The next build cleans up what the killed one left, and replaces the site completely.
    (site / "stale.html").write_text("from an old build", encoding="utf-8")
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("name: 客户服务岗", "name: 客户服务专员岗", 1),
                   encoding="utf-8")
    r = _mkdocs("-f", str(cfg), "-d", str(site), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert not _leftovers(tmp_path)
    assert not (site / "stale.html").exists()
    assert "客户服务专员岗" in (site / "roles" / "cs-agent" / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "handbook" / "workcal.js").is_file()  # the plugin's own files made it too
    assert (site / "search" / "search_index.json").is_file()


Breakage = Callable[[Path, Path, Path], tuple[list[str], str]]


def _policy_error(tmp_path: Path, root: Path, docs: Path) -> tuple[list[str], str]:
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("reports_to: cs-head", "reports_to: cs-haed"),
                   encoding="utf-8")
    return [], "REF001 roles.2.reports_to: no role with id 'cs-haed'"


def _page_error(tmp_path: Path, root: Path, docs: Path) -> tuple[list[str], str]:
    # fails while the pages are written, long after MkDocs would have emptied the site folder
    (docs / "preface.md").write_text("---\ntemplate: no-such-template.html\n---\n# 前言\n", encoding="utf-8")
    return [], "no-such-template.html"


def _strict_warning(tmp_path: Path, root: Path, docs: Path) -> tuple[list[str], str]:
    # MkDocs counts the warning only after every page and plugin has written its files
    (docs / "preface.md").write_text("# 前言\n\n见[不存在的页面](missing.md)。\n", encoding="utf-8")
    return ["--strict"], "missing.md"


@pytest.mark.parametrize("breakage", [_policy_error, _page_error, _strict_warning],
                         ids=["policy-error", "page-error", "strict-warning"])
def test_failed_mkdocs_build_keeps_the_previous_site(tmp_path: Path, breakage: Breakage) -> None:
    root = make_set(tmp_path / "policies")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (docs / "preface.md").write_text("# 前言\n", encoding="utf-8")
    site = build(tmp_path, root, docs)  # site_dir comes from mkdocs.yml below: no -d
    before = _snapshot(site)
    cfg = write_mkdocs_yml(tmp_path, root, docs)
    args, expected = breakage(tmp_path, root, docs)
    r = _mkdocs("-f", str(cfg), *args, cwd=tmp_path)
    assert _snapshot(site) == before
    assert not _leftovers(tmp_path)
    assert r.returncode == 1, r.stderr
    assert expected in r.stderr
    if breakage is not _page_error:  # an exception inside a page is MkDocs' own to report, traceback and all
        assert "Traceback" not in r.stderr


def test_mkdocs_build_into_a_new_folder(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    cfg = write_mkdocs_yml(tmp_path, root)
    site = tmp_path / "out" / "deeper" / "site"
    r = _mkdocs("-f", str(cfg), "-d", str(site), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (site / "index.html").is_file() and (site / "assets" / "handbook" / "workcal.js").is_file()
    assert not _leftovers(site.parent)


def test_mkdocs_serve_builds_where_mkdocs_says(tmp_path: Path) -> None:
    """`mkdocs serve` (also with --clean, which tells plugins it is a "build") serves its own
    temporary folder: the plugin must not move it."""
    import socket
    import urllib.request

    root = make_set(tmp_path / "policies")
    cfg = write_mkdocs_yml(tmp_path, root)
    for extra in ([], ["--clean"]):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(cfg), *extra,
                                 "--no-livereload", "-a", f"127.0.0.1:{port}"],
                                cwd=tmp_path, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120
            page = ""
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/roles/cs-agent/", timeout=5) as resp:
                        page = resp.read().decode("utf-8")
                    break
                except OSError:
                    time.sleep(0.2)
            assert "客户服务岗" in page, extra
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/assets/handbook/workcal.js", timeout=5) as resp:
                assert resp.status == 200
        finally:
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=60)
        assert "Traceback" not in err, err
        assert not list(Path("/tmp").glob(".mkdocs_*.building-*")), extra


# -- item 15: say what could not be written; jieba's cache is ours -----------------------------------

def test_build_into_a_path_under_a_file_names_the_path(tmp_path: Path) -> None:
    root = make_set(tmp_path / "policies")
    cfg = write_mkdocs_yml(tmp_path, root)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the site's parent folder should be", encoding="utf-8")
    site = blocker / "manual" / "site"  # creating its parent folder fails: ENOTDIR
    r = run_cli("build", "-f", str(cfg), "-d", str(site), timeout=300)
    assert r.returncode == 1, r.stderr
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr
    assert str(blocker) in r.stderr and "Not a directory" in r.stderr
    # plain mkdocs build says the same, without a traceback
    r = _mkdocs("-f", str(cfg), "-d", str(site), cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert str(blocker) in r.stderr and "Not a directory" in r.stderr
    # and a file named as the site folder is never replaced by the site
    for run in (lambda: run_cli("build", "-f", str(cfg), "-d", str(blocker), timeout=300),
                lambda: _mkdocs("-f", str(cfg), "-d", str(blocker), cwd=tmp_path)):
        r = run()
        assert r.returncode == 1 and "refusing to build into" in r.stderr and "Traceback" not in r.stderr, r.stderr
        assert blocker.read_text(encoding="utf-8") == "a file where the site's parent folder should be"
        assert not _leftovers(tmp_path) and not list(tmp_path.glob(".not-a-folder.*"))


def _without_dac_override() -> None:
    """In the child: drop root's power to ignore file permissions, so a read-only folder is
    read-only for it as it would be for any user (the tests run as root)."""
    libc = ctypes.CDLL(None, use_errno=True)
    PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_build_in_a_read_only_project_names_the_path(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    root = make_set(project / "policies")
    cfg = write_mkdocs_yml(project, root)
    try:
        subprocess.run(["true"], preexec_fn=_without_dac_override, check=True)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here, so root ignores read-only folders")
    project.chmod(0o555)
    try:
        cmd = [sys.executable, "-m", "handbook", "build", "-f", str(cfg)]
        r = subprocess.run(cmd, cwd=project, env=ENV, capture_output=True, text=True, timeout=300,
                           preexec_fn=_without_dac_override)
    finally:
        project.chmod(0o755)
    assert r.returncode == 1, r.stderr
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr
    assert "Permission denied" in r.stderr and str(project) in r.stderr
    assert not (project / "site").exists() and not _leftovers(project)


def test_a_foreign_jieba_cache_in_tmp_is_neither_used_nor_fatal(tmp_path: Path) -> None:
    """jieba keeps its cache in the system temp folder by default, where another user's
    `jieba.cache` makes its write fail (a traceback in a good build) or, worse, is loaded."""
    root = make_set(tmp_path / "policies")
    cfg = write_mkdocs_yml(tmp_path, root)
    shared_tmp = tmp_path / "shared-tmp"
    (shared_tmp / "jieba.cache").mkdir(parents=True)  # not a file we can replace
    cache_home = tmp_path / "cache-home"
    env = {"TMPDIR": str(shared_tmp), "XDG_CACHE_HOME": str(cache_home)}
    r = run_cli("build", "-f", str(cfg), "-d", str(tmp_path / "site"), env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "Dump cache file failed" not in r.stderr, r.stderr
    assert (cache_home / "policy-handbook" / "jieba.cache").is_file()
    assert list((shared_tmp / "jieba.cache").iterdir()) == []
    r = _mkdocs("-f", str(cfg), "-d", str(tmp_path / "site"), cwd=tmp_path, env={**ENV, **env})
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr, r.stderr


def test_a_dirty_build_patches_the_theme_once_again(tmp_path: Path) -> None:
    """`mkdocs build --dirty` (and `mkdocs serve`'s rebuilds) copy only theme files that changed, so
    the second build met the patched bundle and worker of the first and failed ("the theme changed")."""
    cfg = write_mkdocs_yml(tmp_path, make_set(tmp_path / "policies"))
    site = tmp_path / "site"
    for extra in ([], ["--dirty"]):
        r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(site), *extra],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    assert worker.count("self.HANDBOOK_SEARCH=") == 1
    bundle = next((site / "assets/javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert "unpkg.com/resize-observer-polyfill" not in bundle and bundle.count("assets/handbook/vendor/") == 1
