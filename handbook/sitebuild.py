"""Build the manual into a temporary folder and swap it in only on success.

A failed or killed build therefore leaves the previous site exactly as it was:
the new site is written beside it, and the two are exchanged in one atomic
``renameat2(RENAME_EXCHANGE)`` on Linux (two renames elsewhere).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path
from typing import Callable

BUILDING = ".{name}.building-{pid}"


class BuildFailed(Exception):
    """The manual could not be built; the message says where and why."""


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    rc = fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return rc == 0


def _clean_leftovers(site: Path) -> None:
    """Remove folders of earlier builds that were killed (their process is gone)."""
    for p in site.parent.glob(f".{site.name}.building-*"):
        try:
            pid = int(p.name.rsplit("-", 1)[1])
            os.kill(pid, 0)
            continue  # still running
        except (ValueError, ProcessLookupError):
            shutil.rmtree(p, ignore_errors=True)
        except PermissionError:
            continue


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = False) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(str(config_file), strict=strict)
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from None
    site = Path(site_dir or cfg.site_dir).resolve()
    # The new site replaces whatever is at `site`: never a folder that holds sources.
    protected = [Path(cfg.docs_dir).resolve(), config_file.resolve().parent]
    plugin = cfg.plugins.get("handbook")
    if plugin is not None and hasattr(plugin, "_policy_dir"):
        protected.append(plugin._policy_dir(config_file.resolve().parent).resolve())
    for p in protected:
        if p == site or p.is_relative_to(site):
            raise BuildFailed(f"refusing to build into {site}: it holds {p}, which the new site would replace")
    site.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(site)
    tmp = site.parent / BUILDING.format(name=site.name, pid=os.getpid())
    cfg.site_dir = str(tmp)
    try:
        build(cfg)
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(str(exc) or type(exc).__name__) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if site.exists():
        if _exchange(tmp, site):
            shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the previous site
        else:
            old = site.parent / f".{site.name}.old-{os.getpid()}"
            site.rename(old)
            tmp.rename(site)
            shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(site)
    return site


def watched_paths(config_file: Path) -> list[Path]:
    """What a live preview watches: docs and mkdocs.yml, and what the plugin names."""
    from mkdocs.config import load_config

    from .mkdocs_plugin import HandbookPlugin

    cfg = load_config(str(config_file))
    paths = [Path(cfg.docs_dir), config_file.resolve()]
    plugin = cfg.plugins.get("handbook")
    if isinstance(plugin, HandbookPlugin):
        paths += plugin.watch_list(config_file.resolve().parent)
    return [p for p in paths if p.exists()]


def serve_site(config_file: Path, host: str, port: int, report: Callable[[str], None]) -> None:
    """Serve the manual with live reload. A rebuild that fails is reported and the last
    good manual stays online (MkDocs' own serve would hang every request instead)."""
    import tempfile

    from mkdocs.livereload import LiveReloadServer

    workdir = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    site = workdir / "site"
    site.mkdir()

    def builder() -> None:
        try:
            build_site(config_file, site)
            report(f"manual rebuilt: http://{host}:{port}/")
        except BuildFailed as exc:
            report(f"handbook: rebuild failed; still serving the last good manual:\n{exc}")
        except Exception as exc:  # noqa: BLE001 - a preview server must survive any bad edit
            report(f"handbook: rebuild failed (internal error {type(exc).__name__}: {exc}); still serving the last good manual")

    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site))

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops the preview like Ctrl-C: clean up the temporary site

    import signal

    signal.signal(signal.SIGTERM, stop)
    try:
        builder()
        for path in watched_paths(config_file):
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
