"""Load one application folder: ansokan.md, budget.yaml and beslut.yaml."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from finsam.findings import Finding
from finsam.loader.markdown_doc import Section, sections, split_front_matter
from finsam.loader.positions import PositionMap
from finsam.loader.text import not_regular, read_text
from finsam.loader.yaml_strict import YamlDoc, parse_yaml
from finsam.schemas import validate

ANSOKAN = "ansokan.md"
BUDGET = "budget.yaml"
BESLUT = "beslut.yaml"
REPORTS = "rapporter"
DOCUMENT_FILES = (ANSOKAN, BUDGET, BESLUT)


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
    """ansokan.md or a report: the front matter as a Document, and the sections below it."""

    __slots__ = ("body_line", "end_line", "sections")

    def __init__(
        self,
        rel: str,
        data: Any,
        positions: PositionMap,
        schema_valid: bool,
        sections: list[Section],
        body_line: int = 1,
        end_line: int = 1,  # the file's last line
    ) -> None:
        super().__init__(rel, data, positions, schema_valid)
        self.sections = sections
        self.body_line = body_line
        self.end_line = end_line


class ApplicationFolder:
    """One insats folder as read: its documents, and what else was found there."""

    def __init__(self, path: Path, rel: str) -> None:
        self.path = path
        self.rel = rel
        self.ansokan: Ansokan | None = None
        self.budget: Document | None = None
        self.beslut: Document | None = None
        self.reports: list[Ansokan] = []  # rapporter/*.md, by file name
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


def _load_ansokan(
    path: Path, rel: str, texts: dict[str, str], kind: str = "ansokan", validated: bool = True
) -> tuple[Ansokan | None, list[Finding]]:
    text, findings = read_text(path, rel)
    if text is None:
        return None, findings
    texts[rel] = text
    front, findings = split_front_matter(text, rel)
    if front is None:
        return None, findings
    doc, findings = parse_yaml(front.yaml_text, rel, line_offset=front.yaml_line - 1)
    if doc is None:
        return None, findings
    valid, schema_findings = _validated(kind, doc, rel, validated)
    return Ansokan(
        rel,
        doc.data,
        doc.positions,
        valid,
        sections=sections(front.body, front.body_line),
        body_line=front.body_line,
        end_line=max(front.body_line, text.rstrip("\n").count("\n") + 1),
    ), schema_findings


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


def _inventory(app: ApplicationFolder) -> tuple[frozenset[str], list[Path], list[Finding]]:
    """Which documents and reports a folder holds; links, devices and strangers set aside."""
    present, reports, findings = set(), [], []
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
                if not report.name.endswith(".md"):
                    app.unknown.append(rel + ("/" if stat.S_ISDIR(report_mode) else ""))
                elif stat.S_ISREG(report_mode):
                    reports.append(Path(report.path))
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
    present, report_paths, findings = _inventory(app)
    app.present = present
    if ANSOKAN in present:
        app.ansokan, found = _load_ansokan(
            folder / ANSOKAN, app.file(ANSOKAN), app.texts, validated=validated
        )
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
    for path in report_paths:
        report, found = _load_ansokan(
            path, app.file(f"{REPORTS}/{path.name}"), app.texts, "rapport", validated
        )
        findings += found
        app.files += 1
        if report is not None:
            app.reports.append(report)
    return app, findings
