"""The files of an insats folder as the desk writes them: one way for every writer (the
scaffold, the Word and Excel import, the form on the site).

A text document (the idéskiss, the application, a report) is written in the split layout: its
facts in ``<name>.yaml``, whose first line names the schema for the editor, and its Markdown
text in ``<name>.md``. The loader reads that layout and the older one with front matter alike.
"""

from __future__ import annotations

import re
from typing import Any

from finsam.loader.markdown_doc import facts_name
from finsam.office.yaml_out import dump


def modeline(schema_ref: str) -> str:
    """The first line of a YAML file that tells the editor's YAML extension which schema the
    file follows (yaml-language-server reads it)."""
    return f"# yaml-language-server: $schema={schema_ref}\n"


def yaml_file(data: Any, schema_ref: str = "", comment: str = "") -> str:
    """A YAML document in the repository's style, with its schema line and a comment first."""
    lines = modeline(schema_ref) if schema_ref else ""
    lines += "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return lines + dump(data)


def text_document_files(
    name: str, facts: Any, body: str, schema_ref: str = "", comment: str = ""
) -> dict[str, str]:
    """A text document's two files by name (``ansokan.md`` → ansokan.yaml and ansokan.md)."""
    return written_document_files(name, yaml_file(facts, schema_ref, comment), body)


def written_document_files(name: str, facts_yaml: str, body: str) -> dict[str, str]:
    """A text document's two files from the text of its facts file as already written: a
    template's, with its comments to the applicant, begins with its own ``modeline``."""
    text = body.strip("\n")
    return {facts_name(name): facts_yaml, name: text + "\n" if text else ""}


# A modeline as the editor reads it, with the schema's address (relative or a full URL).
_MODELINE = re.compile(r"#\s*yaml-language-server\s*:\s*\$schema=(\S*)")
# One line with its own line ending (LF, CRLF or a lone CR), or the last line without one.
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def lines_with_endings(text: str) -> list[str]:
    """The lines of a text, each with the line ending it has in the file (so that joining
    them gives the text back, byte for byte)."""
    return _LINES.findall(text)


def _leading_comments(lines: list[str]) -> int:
    """How many lines at the top are comments or blank (where a modeline belongs)."""
    count = 0
    for line in lines:
        if line.strip() and not line.startswith("#"):
            break
        count += 1
    return count


def modeline_schema(yaml_text: str) -> str | None:
    """The schema address that a modeline in the YAML text's leading comments names, or None
    when it has none."""
    lines = lines_with_endings(yaml_text)
    for line in lines[: _leading_comments(lines)]:
        found = _MODELINE.match(line.rstrip("\r\n"))
        if found:
            return found.group(1)
    return None


def with_modeline(yaml_text: str, schema_ref: str) -> str:
    """The YAML text as it stands, comments and order kept, with a modeline naming
    ``schema_ref`` as its first line in place of any modeline among its leading comments. The
    new line ends as the text's lines do (LF unless they end otherwise)."""
    lines = lines_with_endings(yaml_text)
    head = _leading_comments(lines)
    kept = [
        line
        for number, line in enumerate(lines)
        if number >= head or not _MODELINE.match(line.rstrip("\r\n"))
    ]
    ending = next(
        (line[len(line.rstrip("\r\n")) :] for line in lines if line.endswith(("\n", "\r"))), "\n"
    )
    return modeline(schema_ref).replace("\n", ending) + "".join(kept)


def migrated_document_files(name: str, facts_yaml: str, body: str) -> dict[str, str]:
    """A text document moved from the front-matter layout to the split one: its facts file
    with the facts as they stood (``facts_yaml``, already given its modeline), and its text
    file with the body after the closing ---, as it stood but for the blank lines it began
    with."""
    lines = lines_with_endings(body)
    while lines and not lines[0].strip():
        lines.pop(0)
    return {facts_name(name): facts_yaml, name: "".join(lines)}
