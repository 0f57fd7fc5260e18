"""The files of an insats folder as the desk writes them: one way for every writer (the
scaffold, the Word and Excel import, the form on the site).

A text document (the idéskiss, the application, a report) is written in the split layout: its
facts in ``<name>.yaml``, whose first line names the schema for the editor, and its Markdown
text in ``<name>.md``. The loader reads that layout and the older one with front matter alike.
"""

from __future__ import annotations

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
