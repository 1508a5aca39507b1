"""A real LSP client (pytest-lsp's, on pygls) driving a language server over stdio, for the editor
tests: ``handbook lsp`` here; the same client can drive any server binary."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pytest_lsp.client import LanguageClient, client_capabilities, make_test_lsp_client

T = TypeVar("T")


class Session:
    """One server process and an initialised client; documents are opened and edited through it."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.versions: dict[str, int] = {}

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.resolve().as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=uri, language_id="yaml", version=1,
            text=path.read_text(encoding="utf-8") if text is None else text)))
        return uri

    def change(self, uri: str, text: str) -> None:
        """The whole text, as the editor now shows it (not saved)."""
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def diagnostics(self, uri: str, until: Callable[[list[types.Diagnostic]], bool],
                          timeout: float = 30) -> list[types.Diagnostic]:
        """The diagnostics of ``uri`` once ``until`` holds for them (the last ones published)."""
        deadline = time.monotonic() + timeout
        while True:
            found = list(self.client.diagnostics.get(uri, []))
            if until(found):
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"diagnostics of {uri} never matched; last: {found}")
            await asyncio.sleep(0.02)


def run_session(command: list[str], body: Callable[[Session], Awaitable[T]], cwd: Path,
                env: dict[str, str] | None = None, locale: str = "en", root: Path | None = None,
                settings: dict[str, Any] | None = None) -> T:
    """Start ``command``, initialise it as VS Code would, run ``body``, shut the server down."""

    async def main() -> T:
        client = make_test_lsp_client()
        if settings:
            client.set_configuration(settings)
        await client.start_io(command[0], *command[1:], cwd=str(cwd), env={**os.environ, **(env or {})})
        try:
            await client.initialize_session(types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"), locale=locale,
                root_uri=(root or cwd).resolve().as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=(root or cwd).resolve().as_uri(), name="policies")]))
            return await body(Session(client))
        finally:
            await asyncio.wait_for(client.shutdown_session(), 30)
            await client.stop()

    return asyncio.run(main())
