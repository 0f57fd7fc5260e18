"""The editor's help, as VS Code and github.dev give it: yaml-language-server (from npm, pinned
in package.json) over the Language Server Protocol, with a mall's schemas from
finsam.editor_schemas. A budget gets the förbund's members and the mall's categories as
completions, their names on hover, and a Swedish message for a category the mall lacks."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from finsam.editor_schemas import editor_schema
from finsam.model.forbund import load_forbund
from tests.conftest import TESTS

SERVER = TESTS.parent / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
# The editor's own settings: validation, hover and completion, and no schema store (that would
# fetch a catalogue of schemas from a third party).
SETTINGS = {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}


class Client:
    """A minimal LSP client over the server's standard in and out."""

    def __init__(self, root: Path) -> None:
        node = shutil.which("node")
        assert node is not None
        self.process = subprocess.Popen(
            [node, str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.number = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}},
                    "workspace": {"configuration": True},
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(f"Content-Length: {len(data)}\r\n\r\n".encode() + data)
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.number += 1
        asked = self.number
        self._send({"id": asked, "method": method, "params": params})
        for message in self._messages(30):
            if message.get("id") == asked and "method" not in message:
                return message.get("result")
        raise AssertionError(f"no answer to {method}")

    def _messages(self, seconds: float) -> Iterator[dict[str, Any]]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                message = self.inbox.get(timeout=0.2)
            except queue.Empty:
                continue
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
            elif "id" in message and "method" in message:  # the server asks the editor
                asked = message["method"] == "workspace/configuration"
                self._send({"id": message["id"], "result": [SETTINGS] if asked else None})
            yield message

    def wait_for_diagnostics(self, uri: str) -> list[dict[str, Any]]:
        for _ in self._messages(30):
            if uri in self.diagnostics:
                return self.diagnostics[uri]
        raise AssertionError("no diagnostics")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        self.reader.join(timeout=5)  # it ends at the end of the server's output
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    if not SERVER.exists() or shutil.which("node") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("yaml-language-server saknas i CI: make test installerar det med npm ci.")
        pytest.skip("yaml-language-server är inte installerat (make node_modules/.editor).")
    started = Client(tmp_path)
    try:
        yield started
    finally:
        started.close()


# The row's part is left empty after "part: " (the space is where the editor completes).
BUDGET = (
    "# yaml-language-server: $schema=budget.schema.json\n"
    "rader:\n"
    "  - kategori: konsulter\n"
    "    benamning: Handledning\n"
    "    part: \n"
    "    finansiering: forbundet\n"
    "    belopp: {2026: 10000}\n"
)


def test_a_budget_gets_members_categories_names_and_swedish_messages(
    client: Client, tmp_path: Path
) -> None:
    forbund, _ = load_forbund(TESTS / "forbund.yml")
    assert forbund is not None
    template = forbund.template("standard", "2024")
    assert template is not None
    schema = editor_schema("budget", forbund, template)
    (tmp_path / "budget.schema.json").write_text(json.dumps(schema, ensure_ascii=False), "utf-8")
    uri = (tmp_path / "budget.yaml").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": BUDGET}},
    )
    # Completion of a party where the row's part is empty.
    found = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": 4, "character": 10}},
    )
    labels = [item["label"] for item in (found["items"] if isinstance(found, dict) else found)]
    assert labels == list(forbund.parties)
    # Hover on kategori: the field's Swedish title and every category with its name.
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 6}},
    )
    text = hover["contents"]["value"]
    assert "Kostnadskategori" in text and "`lon`: Lönekostnad" in text
    # The category that the mall lacks, said in Swedish, at its place.
    problems = client.wait_for_diagnostics(uri)
    wrong = next(d for d in problems if d["range"]["start"]["line"] == 2)
    assert wrong["message"].startswith("Kategorin finns inte i mallen ”Standardansökan”")
    assert "lon (Lönekostnad)" in wrong["message"]
    # Completion of a category offers the mall's own.
    found = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 14}},
    )
    labels = [item["label"] for item in (found["items"] if isinstance(found, dict) else found)]
    assert set(labels) >= {c.id for c in template.categories}
