"""Real yaml-language-server releases for the editor tests: installed from the npm registry on
first use, started over stdio and driven through the language server protocol by pytest-lsp's
client, with the capabilities and settings VS Code's YAML extension sends.

Each release is installed once into ``~/.cache/policy-handbook/yaml-language-server/<version>``
(under ``$XDG_CACHE_HOME`` when that is set), outside the repository, and reused from there; a
fresh CI machine installs them itself. Without Node.js and npm the tests are skipped with one
line that says so, except in CI, where ``HANDBOOK_REQUIRE_BROWSER=1`` turns the skip into a
failure.

A server's client runs on an event loop in a thread of its own, so that one server serves every
test of a module (starting one takes about a second) and the tests stay plain functions.
"""

from __future__ import annotations

import asyncio
import copy
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import register_lsp_features

T = TypeVar("T")

# 1.20.0 and 1.24.0 could not load the schemas while they had an "$id" (issue 17); 1.25.0 is the
# newest 1.x release. Each install is about 15 MB.
RELEASES = ("1.20.0", "1.24.0", "1.25.0")
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policy-handbook" / "yaml-language-server"
# VS Code's YAML extension's settings, without the schema store (which would fetch its catalogue)
SETTINGS: dict[str, Any] = {
    "yaml": {"validate": True, "hover": True, "completion": True, "format": {"enable": False},
             "schemaStore": {"enable": False}, "schemas": {}, "customTags": [], "maxItemsComputed": 5000},
    "http": {"proxy": "", "proxyStrictSSL": True},
    "[yaml]": {"editor.tabSize": 2},
    "editor": {"tabSize": 2},
    "files": {"associations": {}},
}
TIMEOUT = 60.0  # seconds for one answer of the server (the first validation reads every schema)


def _unavailable(message: str) -> NoReturn:
    if os.environ.get("HANDBOOK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} (HANDBOOK_REQUIRE_BROWSER=1)")
    pytest.skip(message)


def server_script(version: str, cache: Path = CACHE) -> Path:
    """The start script of one release, installed from the npm registry when ``cache`` does not
    hold it yet. The install goes to a temporary folder beside its final place and is renamed into
    place whole, so that a second test process (pytest -n 2) never finds half an install."""
    home = cache / version
    script = home / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        _unavailable("the yaml-language-server tests need Node.js and npm: apt-get install -y nodejs npm")
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=cache))
    try:
        done = subprocess.run([str(npm), "install", "--prefix", str(tmp), "--no-audit", "--no-fund",
                               "--loglevel=error", f"yaml-language-server@{version}"],
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            pytest.fail(f"npm install yaml-language-server@{version} failed (exit code {done.returncode}):\n"
                        f"{done.stdout}{done.stderr}")
        try:
            tmp.rename(home)
        except OSError:  # another test process put it in place meanwhile
            if not script.is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return script


class _Client(LanguageClient):
    """pytest-lsp's client, which also tells when the server has asked for its settings."""

    def __init__(self) -> None:
        from pygls.protocol import default_converter

        super().__init__(converter_factory=default_converter)
        self.configured = asyncio.Event()

    def get_configuration(self, *, section: str | None = None, scope_uri: str | None = None) -> Any | None:
        self.configured.set()
        return super().get_configuration(section=section, scope_uri=scope_uri)


class YamlLanguageServer:
    """One running release and the documents it has been sent; every method waits for its answer."""

    def __init__(self, version: str, root: Path, settings: dict[str, Any] | None = None) -> None:
        """``settings``: a project's .vscode/settings.json, whose "yaml.schemas" joins SETTINGS."""
        self.version = version
        self.settings = copy.deepcopy(SETTINGS)
        self.settings["yaml"]["schemas"].update((settings or {}).get("yaml.schemas", {}))
        self.script = server_script(version)
        self._versions: dict[str, int] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=f"yaml-language-server {version}",
                                        daemon=True)
        self._thread.start()
        self.client = _Client()
        register_lsp_features(self.client)
        # what VS Code answers too: the server registers its features, and reports telemetry
        self.client.feature(types.CLIENT_REGISTER_CAPABILITY)(lambda _params: None)
        self.client.feature(types.TELEMETRY_EVENT)(lambda _params: None)
        for section, value in self.settings.items():
            self.client.set_configuration(value, section=section)
        try:
            self._run(self._start(root))
        except BaseException:
            self.close()
            raise

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(asyncio.wait_for(coro, TIMEOUT), self._loop).result()

    async def _start(self, root: Path) -> None:
        node = shutil.which("node") or "node"
        await self.client.start_io(node, str(self.script), "--stdio")
        await self.client.initialize_session(types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)]))
        # as VS Code does: the settings pushed once the server is up, and answered when it asks
        self.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=self.settings))
        await self.client.configured.wait()

    def close(self) -> None:
        async def stop() -> None:
            try:
                if self.client.capabilities is not None:  # initialised: shutdown, then exit
                    await asyncio.wait_for(self.client.shutdown_session(), 10)
            finally:
                await self.client.stop()

        try:
            asyncio.run_coroutine_threadsafe(stop(), self._loop).result(20)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    # -- documents ------------------------------------------------------------------------------
    def diagnostics(self, path: Path, text: str | None = None) -> list[types.Diagnostic]:
        """Open the document (or send its new ``text``, unsaved, when it is open already) and return
        the diagnostics the server publishes for it."""
        return self.diagnostics_of({path: text})[path]

    def diagnostics_of(self, documents: dict[Path, str | None]) -> dict[Path, list[types.Diagnostic]]:
        """``diagnostics`` of several documents at once: the server waits 200 ms after a document
        changes before it validates it, for each document on its own."""
        sent = {path: path.resolve().as_uri() for path in documents}

        async def send() -> dict[Path, list[types.Diagnostic]]:
            for path, uri in sent.items():
                text = documents[path]
                text = path.read_text(encoding="utf-8") if text is None else text
                self.client.diagnostics.pop(uri, None)
                version = self._versions.get(uri, 0) + 1
                if uri in self._versions:
                    self.client.text_document_did_change(types.DidChangeTextDocumentParams(
                        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
                else:
                    self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
                        uri=uri, language_id="yaml", version=version, text=text)))
                self._versions[uri] = version
            while any(uri not in self.client.diagnostics for uri in sent.values()):
                await asyncio.sleep(0.01)
            return {path: list(self.client.diagnostics[uri]) for path, uri in sent.items()}

        return self._run(send())

    def hover(self, path: Path, line: int, character: int) -> str:
        """The hover text at a 0-based position of an open document ("" for none)."""
        result = self._run(self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.resolve().as_uri()),
            position=types.Position(line=line, character=character))))
        if result is None:
            return ""
        contents = result.contents
        if isinstance(contents, list):
            return "\n".join(c if isinstance(c, str) else c.value for c in contents)
        return contents if isinstance(contents, str) else contents.value

    def completion(self, path: Path, line: int, character: int) -> list[types.CompletionItem]:
        result = self._run(self.client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=path.resolve().as_uri()),
            position=types.Position(line=line, character=character))))
        if result is None:
            return []
        return list(result.items if isinstance(result, types.CompletionList) else result)


def inserted(item: types.CompletionItem) -> str:
    """The text a completion item puts into the document."""
    if item.text_edit is not None:
        return item.text_edit.new_text
    return item.insert_text if item.insert_text is not None else item.label


def plain(markdown: str) -> str:
    """Hover text without the backslashes some releases put before Markdown's punctuation."""
    return markdown.replace("\\", "")
