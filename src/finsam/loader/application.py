"""Load one application folder: its idéskiss, application, budget, beredning, decision and
reports.

The idéskiss, the application and every report are *text documents*: Markdown sections, and
facts in YAML. The facts stand either at the top of the Markdown file, between two --- lines
(front matter, the original layout), or in a YAML file of the same name beside it
(ansokan.md + ansokan.yaml), which editors can check against the schema while one types.
Both layouts load into the same document.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from finsam.findings import Finding
from finsam.loader.format_rules import FACTS_TWICE
from finsam.loader.markdown_doc import (
    Section,
    facts_name,
    has_front_matter,
    sections,
    split_front_matter,
)
from finsam.loader.positions import PositionMap
from finsam.loader.text import not_regular, read_text
from finsam.loader.yaml_strict import YamlDoc, parse_yaml
from finsam.schemas import validate

IDESKISS = "ideskiss.md"
ANSOKAN = "ansokan.md"
BUDGET = "budget.yaml"
BESLUT = "beslut.yaml"
BEREDNING = "beredning.yaml"
REPORTS = "rapporter"
IDESKISS_FACTS = facts_name(IDESKISS)
ANSOKAN_FACTS = facts_name(ANSOKAN)
DOCUMENT_FILES = (IDESKISS, IDESKISS_FACTS, ANSOKAN, ANSOKAN_FACTS, BUDGET, BESLUT, BEREDNING)
REPORT_SUFFIXES = (".md", ".yaml")


# Plain classes, not dataclasses: every check starts by importing these, and a dataclass
# costs about half a millisecond to create (and the module ten more to import).
class Document:
    """A parsed YAML document (or front matter) and where its values stand."""

    __slots__ = ("data", "positions", "rel", "schema_valid")

    def __init__(self, rel: str, data: Any, positions: PositionMap, schema_valid: bool) -> None:
        self.rel = rel
        self.data = data
        self.positions = positions
        self.schema_valid = schema_valid


class Ansokan(Document):
    """A text document (the idéskiss, the application, a report): its facts as a Document, and
    the sections of its Markdown text. ``rel`` is the file of the facts, ``text_rel`` the file
    of the sections: the same file in the front-matter layout."""

    __slots__ = ("body_line", "end_line", "sections", "text_rel")

    def __init__(
        self,
        rel: str,
        data: Any,
        positions: PositionMap,
        schema_valid: bool,
        sections: list[Section],
        body_line: int = 1,
        end_line: int = 1,  # the text file's last line
        text_rel: str = "",
    ) -> None:
        super().__init__(rel, data, positions, schema_valid)
        self.sections = sections
        self.body_line = body_line
        self.end_line = end_line
        self.text_rel = text_rel or rel


class ApplicationFolder:
    """One insats folder as read: its documents, and what else was found there."""

    def __init__(self, path: Path, rel: str) -> None:
        self.path = path
        self.rel = rel
        self.ideskiss: Ansokan | None = None
        self.ansokan: Ansokan | None = None
        self.budget: Document | None = None
        self.beslut: Document | None = None
        self.beredning: Document | None = None  # the kansli's beredning (beredning.yaml)
        self.reports: list[Ansokan] = []  # rapporter/*.md (and *.yaml), by file name
        self.present: frozenset[str] = frozenset()
        self.files = 0  # report files read (the documents are counted by `present`)
        # Entries that do not belong in an insats folder, relative to it ("sub/" for a folder).
        self.unknown: list[str] = []
        # Documents that exist but are links or devices (Y013), so they are neither read nor
        # missing.
        self.refused: set[str] = set()
        # Every document's text as read, also when it does not parse: rule P001 searches it.
        self.texts: dict[str, str] = {}

    def file(self, name: str) -> str:
        return f"{self.rel}/{name}" if self.rel else name


def _validated(kind: str, doc: YamlDoc, rel: str, validated: bool) -> tuple[bool, list[Finding]]:
    """(valid, the schema's findings); unvalidated documents count as not known to be valid."""
    if not validated:
        return False, []
    findings = validate(kind, doc.data, doc.positions, rel)
    return not findings, findings


def _load_yaml(
    path: Path, rel: str, kind: str, texts: dict[str, str], validated: bool = True
) -> tuple[Document | None, list[Finding]]:
    text, findings = read_text(path, rel)
    if text is None:
        return None, findings
    texts[rel] = text
    doc, findings = parse_yaml(text, rel)
    if doc is None:
        return None, findings
    valid, schema_findings = _validated(kind, doc, rel, validated)
    return Document(rel, doc.data, doc.positions, valid), schema_findings


def text_document(
    text: str | None,
    text_rel: str,
    facts: str | None,
    facts_rel: str,
    kind: str,
    validated: bool = True,
) -> tuple[Ansokan | None, list[Finding]]:
    """A text document from its Markdown text and, in the split layout, the text of its facts
    file (None where a file does not exist). Reads without judging beyond the format: the
    schema's findings come back for the rules' sake, nothing else."""
    if facts is None:
        if text is None:
            return None, []
        front, findings = split_front_matter(text, text_rel)
        if front is None:
            return None, findings
        yaml_text, yaml_line, rel = front.yaml_text, front.yaml_line, text_rel
        body, body_line = front.body, front.body_line
    else:
        findings = []
        yaml_text, yaml_line, rel = facts, 1, facts_rel
        body, body_line = text or "", 1
        # A block between two --- lines first in the text is front matter (Y014); a lone ---
        # with nothing closing it is the text's own horizontal rule.
        front = split_front_matter(text, text_rel)[0] if text and has_front_matter(text) else None
        if front is not None:
            findings.append(
                FACTS_TWICE.finding(
                    text_rel,
                    1,
                    1,
                    f"Uppgifterna står redan i {facts_rel.rsplit('/', 1)[-1]}, men "
                    f"{text_rel.rsplit('/', 1)[-1]} börjar också med uppgifter mellan två "
                    "rader med ---.",
                    "Flytta det som saknas till .yaml-filen och ta bort blocket med --- överst "
                    "i textfilen.",
                )
            )
            body, body_line = front.body, front.body_line
    doc, parse_findings = parse_yaml(yaml_text, rel, line_offset=yaml_line - 1)
    if doc is None:
        return None, findings + parse_findings
    valid, schema_findings = _validated(kind, doc, rel, validated)
    end_line = (text or "").rstrip("\n").count("\n") + 1
    return Ansokan(
        rel,
        doc.data,
        doc.positions,
        valid,
        sections=sections(body, body_line),
        body_line=body_line,
        end_line=max(body_line, end_line),
        text_rel=text_rel,
    ), findings + schema_findings


def _read(path: Path, rel: str, texts: dict[str, str]) -> tuple[str | None, list[Finding]]:
    text, findings = read_text(path, rel)
    if text is not None:
        texts[rel] = text
    return text, findings


def _load_text_document(
    app: ApplicationFolder, name: str, kind: str, validated: bool, present: frozenset[str]
) -> tuple[Ansokan | None, list[Finding]]:
    """Read a text document of the folder (``name`` relative to it, e.g. rapporter/x.md), in
    whichever layout it was written. Unreadable files are findings and read as absent."""
    facts_file = facts_name(name)
    text, findings = (
        _read(app.path / name, app.file(name), app.texts) if name in present else (None, [])
    )
    facts: str | None = None
    if facts_file in present:
        facts, found = _read(app.path / facts_file, app.file(facts_file), app.texts)
        findings += found
        if facts is None:
            return None, findings
    if text is None and name in present:
        return None, findings
    doc, found = text_document(text, app.file(name), facts, app.file(facts_file), kind, validated)
    return doc, findings + found


MAX_LISTED = 20  # unknown entries named per folder; more are summarised


def _entries(folder: Path | str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda entry: entry.name)
    except OSError:
        return []


def _mode(entry: os.DirEntry[str]) -> int:
    try:
        return entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return 0


def insats_folders(base: Path) -> tuple[list[Path], list[tuple[str, int]]]:
    """The real folders directly in ``base`` (applications/), and every other entry with its
    mode. Links are never followed: a linked folder could point anywhere on the machine."""
    names, others = insats_folder_names(base)
    return [base / name for name in names], others


def insats_folder_names(base: Path | str) -> tuple[list[str], list[tuple[str, int]]]:
    """insats_folders by name (a name is cheaper than a Path where there are a thousand)."""
    folders, others = [], []
    for entry in _entries(base):
        # is_dir without following links: the kind the directory listing already gives.
        if entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith("."):  # .git and editor folders
                folders.append(entry.name)
        else:
            others.append((entry.name, _mode(entry)))
    return folders, others


def _inventory(app: ApplicationFolder) -> tuple[frozenset[str], list[str], list[Finding]]:
    """Which documents and reports a folder holds (reports by their file names relative to the
    folder: rapporter/x.md and rapporter/x.yaml); links, devices and strangers set aside."""
    present: set[str] = set()
    reports: list[str] = []
    findings: list[Finding] = []
    for entry in _entries(app.path):
        mode = _mode(entry)
        if entry.name in DOCUMENT_FILES:
            if stat.S_ISREG(mode):
                present.add(entry.name)
            else:
                app.refused.add(entry.name)
                findings.append(not_regular(app.file(entry.name), mode))
        elif entry.name == REPORTS and not stat.S_ISDIR(mode):
            findings.append(not_regular(app.file(REPORTS), mode))
        elif entry.name == REPORTS:
            for report in _entries(Path(entry.path)):
                report_mode = _mode(report)
                rel = f"{REPORTS}/{report.name}"
                if not report.name.endswith(REPORT_SUFFIXES) or stat.S_ISDIR(report_mode):
                    app.unknown.append(rel + ("/" if stat.S_ISDIR(report_mode) else ""))
                elif stat.S_ISREG(report_mode):
                    reports.append(rel)
                else:
                    findings.append(not_regular(app.file(rel), report_mode))
        elif stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            findings.append(not_regular(app.file(entry.name), mode))
        else:
            app.unknown.append(entry.name + ("/" if stat.S_ISDIR(mode) else ""))
    return frozenset(present), reports, findings


def load_application(
    folder: Path, rel: str, validated: bool = True
) -> tuple[ApplicationFolder, list[Finding]]:
    """Read one insats folder. With ``validated=False`` the documents are only read, not
    validated against the schemas (the site, which `make site` builds after the check)."""
    app = ApplicationFolder(folder, rel)
    try:
        folder_mode = os.lstat(folder).st_mode
    except OSError:
        folder_mode = 0
    if not stat.S_ISDIR(folder_mode):
        return app, [not_regular(rel or folder.name, folder_mode)]
    present, report_files, findings = _inventory(app)
    app.present = present
    app.ideskiss, found = _load_text_document(app, IDESKISS, "ideskiss", validated, present)
    findings += found
    app.ansokan, found = _load_text_document(app, ANSOKAN, "ansokan", validated, present)
    findings += found
    if BUDGET in present:
        app.budget, found = _load_yaml(
            folder / BUDGET, app.file(BUDGET), "budget", app.texts, validated
        )
        findings += found
    if BESLUT in present:
        app.beslut, found = _load_yaml(
            folder / BESLUT, app.file(BESLUT), "beslut", app.texts, validated
        )
        findings += found
    if BEREDNING in present:
        app.beredning, found = _load_yaml(
            folder / BEREDNING, app.file(BEREDNING), "beredning", app.texts, validated
        )
        findings += found
    in_reports = frozenset(report_files)
    # A report is its Markdown file, its facts file, or both: one report per name.
    for name in sorted({r.removesuffix(".yaml").removesuffix(".md") + ".md" for r in report_files}):
        report, found = _load_text_document(app, name, "rapport", validated, in_reports)
        findings += found
        app.files += len(in_reports & {name, facts_name(name)})
        if report is not None:
            app.reports.append(report)
    return app, findings
