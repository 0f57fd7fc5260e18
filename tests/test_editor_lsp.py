"""The editor's help, as VS Code and github.dev give it: yaml-language-server (from npm, pinned
in package.json) over the Language Server Protocol, for every document of an insats folder
as the desk writes it (the idéskiss's, the application's and the reports' facts, the budget,
the decision). Each file's first line names its editor schema by the address where the site
publishes it (finsam.editor_schemas.schema_url); here the site is a local folder holding the
same files, reached by a file:// address. The tests assert what an applicant meets: the
förbund's members and the mall's categories offered with their names, Swedish titles and
names on hover, and Swedish messages for an unknown member, category or value."""

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
import yaml

from finsam.document_files import text_document_files, yaml_file
from finsam.editor_schemas import editor_schema_files, schema_url
from finsam.loader.markdown_doc import split_front_matter
from finsam.model.forbund import Forbund, Template, load_forbund
from finsam.scaffold import ansokan_files, budget_text
from tests.conftest import TESTS

SERVER = TESTS.parent / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
# The editor's own settings: validation, hover and completion, and no schema store (that would
# fetch a catalogue of schemas from a third party).
SETTINGS = {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}


class Client:
    """A minimal LSP client over the server's standard in and out."""

    def __init__(self, root: Path, settings: dict[str, Any] = SETTINGS) -> None:
        self.settings = settings
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
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": settings}})

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
                self._send({"id": message["id"], "result": [self.settings] if asked else None})
            yield message

    def wait_for_diagnostics(self, uri: str) -> list[dict[str, Any]]:
        if uri in self.diagnostics:
            return self.diagnostics[uri]
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


class Editor:
    """The server with a folder of documents and a local copy of the site's editor schemas."""

    def __init__(self, client: Client, root: Path, forbund: Forbund, template: Template) -> None:
        self.client = client
        self.root = root
        self.forbund = forbund
        self.template = template
        self.site_url = (root / "sajt").as_uri() + "/"
        for path, text in editor_schema_files(forbund).items():
            target = root / "sajt" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")

    def schema(self, kind: str) -> str:
        return schema_url(self.forbund, self.template, kind, self.site_url)

    def open(self, name: str, text: str) -> Document:
        path = self.root / "applications" / "2026-ny-insats" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        document = Document(self.client, path.as_uri(), text)
        self.client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": document.uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": text,
                }
            },
        )
        return document


class Document:
    def __init__(self, client: Client, uri: str, text: str) -> None:
        self.client = client
        self.uri = uri
        self.lines = text.split("\n")

    def line(self, start: str) -> int:
        """The number of the first line that begins with ``start``."""
        return next(i for i, line in enumerate(self.lines) if line.startswith(start))

    def _at(self, line: int, character: int) -> dict[str, Any]:
        return {
            "textDocument": {"uri": self.uri},
            "position": {"line": line, "character": character},
        }

    def completion(self, line: int, character: int) -> dict[str, str]:
        """The completions offered at a place, each label with its documentation."""
        found = self.client.request("textDocument/completion", self._at(line, character))
        items = found["items"] if isinstance(found, dict) else found
        return {item["label"]: _text(item.get("documentation")) for item in items}

    def hover(self, line: int, character: int) -> str:
        found = self.client.request("textDocument/hover", self._at(line, character))
        assert found is not None, (line, self.lines[line])
        return str(found["contents"]["value"])

    def problems(self) -> dict[int, list[str]]:
        """The messages of the diagnostics, by line."""
        out: dict[int, list[str]] = {}
        for found in self.client.wait_for_diagnostics(self.uri):
            out.setdefault(found["range"]["start"]["line"], []).append(found["message"])
        return out


def _text(documentation: Any) -> str:
    if isinstance(documentation, dict):
        return str(documentation.get("value", ""))
    return str(documentation or "")


def _server() -> None:
    """The server must be there: in CI its absence fails, elsewhere the test is skipped."""
    if not SERVER.exists() or shutil.which("node") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("yaml-language-server saknas i CI: make test installerar det med npm ci.")
        pytest.skip("yaml-language-server är inte installerat (make node_modules/.editor).")


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """One server for the module: starting it is the slow part."""
    _server()
    forbund, _ = load_forbund(TESTS / "forbund.yml")
    assert forbund is not None
    template = forbund.template("standard", "2024")
    assert template is not None
    root = tmp_path_factory.mktemp("editor")
    started = Client(root)
    try:
        yield Editor(started, root, forbund, template)
    finally:
        started.close()


# English that the server says where a schema gives no Swedish message of its own.
ENGLISH = ("Incorrect type", "Value is not accepted", "String does not match", "Value must be")


def _members_offered(editor: Editor, offered: dict[str, str]) -> None:
    """Every member is offered, by id, with its name."""
    assert {i: offered.get(i) for i in editor.forbund.parties} == {
        i: p.name for i, p in editor.forbund.parties.items()
    }


def _unknown_member(messages: list[str]) -> None:
    """The message for a member the förbund lacks, in Swedish, with the members by name."""
    message = next(m for m in messages if m.startswith("Skriv id:t för en av förbundets"))
    assert "provby-kommun (Provby kommun)" in message


def _modeline(editor: Editor, document: Document, kind: str) -> None:
    assert document.lines[0] == f"# yaml-language-server: $schema={editor.schema(kind)}"


def _valid(name: str) -> Any:
    """The facts of a valid case's document, from the .yaml beside it or its front matter."""
    path = TESTS / "cases" / "valid" / name
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        front, _ = split_front_matter(text, path.name)
        assert front is not None
        text = front.yaml_text
    return yaml.safe_load(text)


def test_an_application_as_the_scaffold_writes_it(editor: Editor) -> None:
    files = ansokan_files(
        "2026-ny-insats", editor.template, editor.forbund, site_url=editor.site_url
    )
    text = files["ansokan.yaml"]
    # The applicant writes a member the förbund lacks, and starts on a partner ("d").
    text = text.replace("  part:               #", "  part: norrby-kommun #", 1)
    text = text.replace("\n  - part:\n", "\n  - part: d\n", 1)
    document = editor.open("ansokan.yaml", text)
    _modeline(editor, document, "ansokan")
    owner = document.line("  part: norrby-kommun")
    partner = document.line("  - part: d")
    _members_offered(editor, document.completion(partner, 11))
    problems = document.problems()
    _unknown_member(problems[owner])
    # Every field the template leaves empty is said in Swedish.
    said = [m for messages in problems.values() for m in messages]
    assert said and not [m for m in said if m.startswith(ENGLISH)]
    assert (
        "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15."
        in problems[document.line("  start:")]
    )
    # Hover: the field's Swedish title and description, and the members by name.
    about = document.hover(document.line("insatsagare:"), 3)
    assert about.startswith("#### Insatsägare") and "ytterst ansvarar" in about
    assert "`dalby-kommun`: Dalby kommun" in document.hover(owner, 10)


def test_a_budget_as_the_scaffold_writes_it(editor: Editor) -> None:
    text = budget_text(editor.template, editor.forbund, editor.site_url)
    # The applicant picks a category the mall lacks and starts on the row's part ("p").
    text = text.replace("  - kategori: lon\n", "  - kategori: konsulter\n", 1)
    text = text.replace("    part:              #", "    part: p              #", 1)
    document = editor.open("budget.yaml", text)
    _modeline(editor, document, "budget")
    category = document.line("  - kategori:")
    _members_offered(editor, document.completion(document.line("    part: p"), 11))
    offered = document.completion(category, 16)
    names = {c.id: c.name for c in editor.template.categories}
    assert {i: offered.get(i) for i in names} == names
    message = next(m for m in document.problems()[category] if "kategori" in m.casefold())
    assert message.startswith("Kategorin finns inte i mallen ”Standardansökan”")
    assert "lon (Lönekostnad)" in message
    about = document.hover(category, 6)
    assert "Kostnadskategori" in about and "`lon`: Lönekostnad" in about


def test_a_report_as_the_desk_writes_its_facts(editor: Editor) -> None:
    facts = _valid("delade-filer/rapporter/2025-ar.yaml")
    facts["utfall"]["konsulter"] = {2025: 1000}  # a category the mall lacks
    files = text_document_files("2025-ar.md", facts, "## Genomförande\n", editor.schema("rapport"))
    document = editor.open("rapporter/2025-ar.yaml", files["2025-ar.yaml"])
    _modeline(editor, document, "rapport")
    wrong = document.line("  konsulter:")
    message = next(iter(document.problems()[wrong]))
    assert message.startswith("Kategorin finns inte i mallen ”Standardansökan”")
    # In place of the wrong key: the mall's other categories, each with its name.
    offered = document.completion(wrong, 2)
    others = {c.id: c.name for c in editor.template.categories if c.id not in ("lon", "utbildning")}
    assert {i: offered[i].split(".")[0] for i in others} == others
    assert document.hover(document.line("  lon:"), 3).startswith("#### Lönekostnad")


def test_an_idéskiss_as_the_desk_writes_its_facts(editor: Editor) -> None:
    facts = _valid("ideskiss-ensam/ideskiss.md")
    facts["insatsagare"]["part"] = "norrby-kommun"
    facts["samverkansparter"][0]["part"] = "a"  # the applicant starts typing
    files = text_document_files("ideskiss.md", facts, "## Bakgrund\n", editor.schema("ideskiss"))
    document = editor.open("ideskiss.yaml", files["ideskiss.yaml"])
    _modeline(editor, document, "ideskiss")  # the förbund's questions, whatever the mall
    assert document.lines[0].endswith("/schema/mallar/ideskiss-2025/ideskiss.schema.json")
    partner = document.line("  - part: a")
    _members_offered(editor, document.completion(partner, 11))
    problems = document.problems()
    _unknown_member(problems[document.line("  part: norrby-kommun")])
    about = document.hover(document.line("preliminar_budget:"), 3)
    assert about.startswith("#### Preliminär budget")


def test_a_decision_as_the_desk_writes_it(editor: Editor) -> None:
    facts = _valid("delade-filer/beslut.yaml")
    facts["beslut"][0]["utfall"] = "godkand"  # no outcome of a decision
    document = editor.open("beslut.yaml", yaml_file(facts, editor.schema("beslut")))
    _modeline(editor, document, "beslut")
    outcome = document.line("    utfall:")
    messages = document.problems()[outcome]
    assert messages == [
        "Välj ett av värdena: beviljad, avslagen, aterremiss, pagaende, avslutad, avbruten."
    ]
    offered = document.completion(document.line("    organ:"), 12)
    assert offered["forbundschefen"] == "Förbundschefen (på delegation)"
    about = document.hover(document.line("    organ:"), 6)
    assert about.startswith("#### Beslutande organ")


REPO = TESTS.parent
# A document of each kind without the line that names its schema, and a key no schema has.
WITHOUT_LINE = {
    "ideskiss.yaml": "ideskiss",
    "ansokan.yaml": "ansokan",
    "budget.yaml": "budget",
    "beslut.yaml": "beslut",
    "rapporter/2026-t1.yaml": "rapport",
}


def test_the_repositorys_editor_settings_give_a_file_without_its_line_the_general_schema() -> None:
    """.vscode/: the YAML extension recommended, and the settings that VS Code and github.dev
    read map each document of an insats folder to the repository's general schema, for a file
    whose first line names none; nothing is fetched from a third party's schema store."""
    _server()
    recommended = json.loads((REPO / ".vscode" / "extensions.json").read_text("utf-8"))
    assert recommended["recommendations"] == ["redhat.vscode-yaml"]
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemaStore.enable"] is False
    for schema in settings["yaml.schemas"]:
        assert (REPO / schema).is_file(), schema
    client = Client(REPO, {**SETTINGS, "schemas": settings["yaml.schemas"]})
    try:
        for name, kind in WITHOUT_LINE.items():
            # Never written: the server is told the text, under the name it would have.
            uri = (REPO / "applications" / "zz-utan-schemarad" / name).as_uri()
            text = "okand_uppgift: 1\n"
            client.notify(
                "textDocument/didOpen",
                {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
            )
            found = client.wait_for_diagnostics(uri)
            schemas = {u for d in found for u in d.get("data", {}).get("schemaUri", [])}
            assert schemas == {(REPO / "schema" / f"{kind}.schema.json").as_uri()}, name
    finally:
        client.close()
