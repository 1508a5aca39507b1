"""Build the manual into a temporary folder and swap it in only on success.

A failed or killed build therefore leaves the previous site exactly as it was:
the new site is written beside it, and the two are exchanged in one atomic
``renameat2(RENAME_EXCHANGE)`` on Linux (two renames elsewhere).

One mechanism serves both commands: ``handbook build`` (``build_site``) and plain
``mkdocs build``, where the plugin calls ``stage`` / ``swap_in`` / ``discard`` from
its own events.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .i18n import _

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

BUILDING = ".{name}.building-{pid}"
CACHE_NAME = "policy-handbook"


class UnknownBranch(Exception):
    """``--branch`` names no branch office beside the policies: the user's to correct (exit 2)."""


class BuildFailed(Exception):
    """The manual could not be built; the message says where and why."""


def describe_os_error(exc: OSError) -> str:
    """``PATH: REASON`` for a file-system error, without Python's class name or errno."""
    paths = " -> ".join(os.fsdecode(p) for p in (exc.filename, exc.filename2) if p is not None)
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{paths}: {reason}" if paths else reason


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
    rc: int = fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
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


def site_sources(cfg: MkDocsConfig) -> list[Path]:
    """Folders the new site must never replace: docs, the folder of mkdocs.yml, the policies."""
    base = Path(cfg.config_file_path or ".").resolve().parent
    sources = [Path(cfg.docs_dir).resolve(), base]
    plugin = cfg.plugins.get("handbook")
    policy_dir = getattr(plugin, "policy_dir", None)
    if policy_dir is None and hasattr(plugin, "_policy_dir"):
        given = Path(cfg.config_file_path) if cfg.config_file_path else None
        policy_dir = plugin._policy_dir(base, given)  # type: ignore[union-attr]
    if policy_dir is not None:
        sources.append(Path(policy_dir).resolve())
    return sources


def stage(site: Path, sources: Iterable[Path] = (), copy_current: bool = False) -> Path:
    """Make the empty folder beside ``site`` that the new site is written into, and return it.

    ``site`` must be resolved. With ``copy_current`` the folder starts as a copy of the
    current site (an incremental ``mkdocs build --dirty`` needs the files it keeps).
    """
    for p in sources:
        if p == site or p.is_relative_to(site):
            raise BuildFailed(_("refusing to build into {site}: it holds {source}, which the new site would "
                                "replace").format(site=site, source=p))
    if site.exists() and not site.is_dir():
        raise BuildFailed(_("refusing to build into {site}: it is a file, which the new site would replace").format(
            site=site))
    tmp = site.parent / BUILDING.format(name=site.name, pid=os.getpid())
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(site)
        shutil.rmtree(tmp, ignore_errors=True)  # a folder of an earlier process with our pid
        if copy_current and site.is_dir():
            shutil.copytree(site, tmp, symlinks=True)
        else:
            tmp.mkdir()
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(_("cannot write the site {site}: {reason}").format(
            site=site, reason=describe_os_error(exc))) from None
    return tmp


def swap_in(tmp: Path, site: Path) -> None:
    """Put the finished site in ``tmp`` at ``site`` in one step, then delete the previous one."""
    if not site.exists():
        tmp.rename(site)
    elif _exchange(tmp, site):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the previous site
    else:
        old = site.parent / f".{site.name}.old-{os.getpid()}"
        site.rename(old)
        try:
            tmp.rename(site)
        except OSError:
            old.rename(site)  # put the previous site back before reporting
            raise
        shutil.rmtree(old, ignore_errors=True)


def discard(tmp: Path) -> None:
    """Remove the folder of a build that failed; the site beside it was never touched."""
    shutil.rmtree(tmp, ignore_errors=True)


def private_jieba_cache() -> None:
    """Keep jieba's dictionary cache in this user's cache folder.

    jieba (which mkdocs-material's search uses for Chinese) caches in the system temp
    folder by default, where a ``jieba.cache`` of another user makes its write fail
    with a traceback, or is loaded as if it were ours.
    """
    try:
        import jieba
    except ImportError:
        return
    if jieba.dt.initialized or jieba.dt.tmp_dir:
        return
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    cache = (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / CACHE_NAME
    try:
        cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:  # no writable home: a private folder for this process only
        cache = Path(tempfile.mkdtemp(prefix="handbook-jieba-"))
        atexit.register(shutil.rmtree, cache, True)
    jieba.dt.tmp_dir = str(cache)


def _configured(config_file: Path, site_dir: Path | None, strict: bool) -> tuple[MkDocsConfig, Path, list[Path]]:
    """The MkDocs configuration, the site folder it builds (resolved) and the folders that folder
    must never replace; what cannot be read is BuildFailed."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(str(config_file), strict=strict)
        return cfg, Path(site_dir or cfg.site_dir).resolve(), site_sources(cfg)
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from None
    except OSError as exc:
        raise BuildFailed(describe_os_error(exc)) from None


def _plugin(cfg: MkDocsConfig, config_file: Path) -> Any:
    """The handbook plugin of a configuration (BuildFailed without it: no branch's manual)."""
    plugin = cfg.plugins.get("handbook")
    if plugin is None:
        raise BuildFailed(_("{file} does not use the handbook plugin, so it builds no branch's "
                            "manual").format(file=config_file))
    return plugin


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = False,
               branch: str | None = None) -> Path:
    """Build the manual (``branch``: a branch office's, as the plugin's branch option builds it)."""
    from mkdocs.commands.build import build

    cfg, site, sources = _configured(config_file, site_dir, strict)
    if branch is not None:
        plugin: Any = _plugin(cfg, config_file)
        plugin.config.branch = branch
        known = plugin.branch_ids(cfg)
        if branch not in known:
            raise UnknownBranch(_("no branch '{id}' beside the policies (branches: {known})").format(
                id=branch, known=", ".join(known) or _("none")))
    # The plugin stages only for the mkdocs command (it never hears on_startup from
    # here), so this is the one swap of this build.
    with _swapped(site, sources) as tmp:
        cfg.site_dir = str(tmp)
        build(cfg)
    return site


@contextmanager
def _swapped(site: Path, sources: Iterable[Path]) -> Iterator[Path]:
    """A staged folder to build into, swapped in for ``site`` when the block ends well and thrown
    away when it fails (a build's failure is BuildFailed; anything else, Ctrl-C too, passes)."""
    from mkdocs.exceptions import MkDocsException

    tmp = stage(site, sources)
    try:
        yield tmp
        swap_in(tmp, site)
    except (MkDocsException, SystemExit) as exc:
        discard(tmp)
        raise BuildFailed(str(exc) or type(exc).__name__) from None
    except OSError as exc:
        discard(tmp)
        raise BuildFailed(_("cannot write the site {site}: {reason}").format(
            site=site, reason=describe_os_error(exc))) from None
    except BaseException:
        discard(tmp)
        raise


HEAD = "head"  # the head office's manual's folder in a combined site
ROOT_NAMES = frozenset({HEAD, "index.html", "versions.json"})  # what a combined site's root holds besides branches


def build_combined(config_file: Path, site_dir: Path | None = None, strict: bool = False) -> tuple[Path, list[str]]:
    """The head office's manual and every branch office's, one site each under one root.

    ``<root>/head/`` and ``<root>/<branch id>/`` are sibling sites; ``<root>/versions.json``
    lists them for Material's version selector, which becomes the branch switcher in each
    site's header (it fetches ``../versions.json``: a file of the root, never outside it), and
    ``<root>/index.html`` links them all. A file that is the same in every site is stored
    once, hard-linked into each (each site stays whole: it can be served or copied alone).
    Any site that fails leaves the previous root untouched. Returns (root, the sites' folders).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    def configured(branch: str | None, into: Path) -> MkDocsConfig:
        cfg = load_config(str(config_file), strict=strict)
        _plugin(cfg, config_file).config.branch = branch
        cfg["extra"]["version"] = {"provider": "mike", "default": HEAD}  # the switcher
        cfg.site_dir = str(into)
        return cfg

    first, site, sources = _configured(config_file, site_dir, strict)
    try:
        branches = _plugin(first, config_file).branch_ids(first)
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from None
    taken = [b for b in branches if b in ROOT_NAMES]
    if taken:  # the root holds the head office's site and the switcher's files beside the branches'
        raise BuildFailed(_("a branch folder is named '{name}', which the combined site's root uses for its own "
                            "(names taken: {taken})").format(name=taken[0], taken=", ".join(sorted(ROOT_NAMES))))
    sites: list[tuple[str, str]] = []  # (folder, title)
    with _swapped(site, sources) as tmp:
        build(configured(None, tmp / HEAD))
        sites.append((HEAD, "总公司"))
        for b in branches:
            cfg = configured(b, tmp / b)
            build(cfg)
            unit = cfg.plugins["handbook"].manual.branch[0]  # type: ignore[attr-defined]
            sites.append((b, str(unit.get("name") or b) if unit is not None else b))
        _write_root(tmp, sites)
        _link_identical(tmp, [folder for folder, _title in sites])
    return site, [folder for folder, _title in sites]


def _write_root(root: Path, sites: list[tuple[str, str]]) -> None:
    """versions.json for the switcher, and an index page that opens the head office's manual."""
    import html
    import json

    (root / "versions.json").write_text(json.dumps(
        [{"version": folder, "title": title, "aliases": []} for folder, title in sites],
        ensure_ascii=False, indent=1), encoding="utf-8")
    links = "\n".join(f'<li><a href="{html.escape(folder)}/">{html.escape(title)}</a></li>' for folder, title in sites)
    (root / "index.html").write_text(
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={HEAD}/"><title>客户服务手册</title></head>\n'
        f"<body><h1>客户服务手册</h1><p>请选择机构：</p><ul>\n{links}\n</ul></body></html>\n", encoding="utf-8")


def _link_identical(root: Path, folders: list[str]) -> None:
    """Store a file that another site has byte for byte at the same place once: that site's copy
    becomes a hard link to the first site's. Where the file system refuses links, the copies stay."""
    import filecmp

    first = root / folders[0]
    for path in first.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(first)
        others = [o for o in (root / f / rel for f in folders[1:])
                  if o.is_file() and not o.is_symlink() and filecmp.cmp(path, o, shallow=False)]
        for o in others:
            spare = o.with_name(o.name + ".link")
            try:
                os.link(path, spare)
            except OSError:
                return  # no hard links here (another file system, or none at all): keep the copies
            os.replace(spare, o)


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
            report(_("manual rebuilt: {url}").format(url=f"http://{host}:{port}/"))
        except BuildFailed as exc:
            report("handbook: " + _("rebuild failed; still serving the last good manual:\n{reason}").format(
                reason=exc))
        except Exception as exc:
            report("handbook: " + _("rebuild failed (internal error {error}); still serving the last good "
                                    "manual").format(error=f"{type(exc).__name__}: {exc}"))

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
