"""Load one application folder: ansokan.md, budget.yaml and beslut.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finsam.findings import Finding
from finsam.loader.markdown_doc import Section, sections, split_front_matter
from finsam.loader.positions import PositionMap
from finsam.loader.text import read_text
from finsam.loader.yaml_strict import parse_yaml
from finsam.rules.privacy import personnummer_findings
from finsam.schemas import validate

ANSOKAN = "ansokan.md"
BUDGET = "budget.yaml"
BESLUT = "beslut.yaml"
REPORTS = "rapporter"
DOCUMENT_FILES = (ANSOKAN, BUDGET, BESLUT)


@dataclass
class Document:
    """A parsed YAML document (or front matter) and where its values stand."""

    rel: str
    data: Any
    positions: PositionMap
    schema_valid: bool


@dataclass
class Ansokan(Document):
    sections: list[Section] = field(default_factory=list)
    body_line: int = 1
    end_line: int = 1  # the file's last line


@dataclass
class ApplicationFolder:
    path: Path
    rel: str
    ansokan: Ansokan | None = None
    budget: Document | None = None
    beslut: Document | None = None
    reports: list[Ansokan] = field(default_factory=list)  # rapporter/*.md, by file name
    present: frozenset[str] = frozenset()
    files: int = 0  # report files read (the documents are counted by `present`)

    def file(self, name: str) -> str:
        return f"{self.rel}/{name}" if self.rel else name


def _load_yaml(path: Path, rel: str, kind: str) -> tuple[Document | None, list[Finding]]:
    text, findings = read_text(path, rel)
    if text is None:
        return None, findings
    private = personnummer_findings(text, rel)
    doc, findings = parse_yaml(text, rel)
    if doc is None:
        return None, private + findings
    schema_findings = validate(kind, doc.data, doc.positions, rel)
    return Document(rel, doc.data, doc.positions, not schema_findings), private + schema_findings


def _load_ansokan(
    path: Path, rel: str, kind: str = "ansokan"
) -> tuple[Ansokan | None, list[Finding]]:
    text, findings = read_text(path, rel)
    if text is None:
        return None, findings
    private = personnummer_findings(text, rel)
    front, findings = split_front_matter(text, rel)
    if front is None:
        return None, private + findings
    doc, findings = parse_yaml(front.yaml_text, rel, line_offset=front.yaml_line - 1)
    if doc is None:
        return None, private + findings
    schema_findings = validate(kind, doc.data, doc.positions, rel)
    return Ansokan(
        rel,
        doc.data,
        doc.positions,
        not schema_findings,
        sections=sections(front.body, front.body_line),
        body_line=front.body_line,
        end_line=max(front.body_line, text.rstrip("\n").count("\n") + 1),
    ), private + schema_findings


def load_application(folder: Path, rel: str) -> tuple[ApplicationFolder, list[Finding]]:
    app = ApplicationFolder(folder, rel)
    present = frozenset(name for name in DOCUMENT_FILES if (folder / name).is_file())
    app.present = present
    findings: list[Finding] = []
    if ANSOKAN in present:
        app.ansokan, found = _load_ansokan(folder / ANSOKAN, app.file(ANSOKAN))
        findings += found
    if BUDGET in present:
        app.budget, found = _load_yaml(folder / BUDGET, app.file(BUDGET), "budget")
        findings += found
    if BESLUT in present:
        app.beslut, found = _load_yaml(folder / BESLUT, app.file(BESLUT), "beslut")
        findings += found
    reports = folder / REPORTS
    if reports.is_dir():
        for path in sorted(reports.glob("*.md")):
            report, found = _load_ansokan(path, app.file(f"{REPORTS}/{path.name}"), "rapport")
            findings += found
            app.files += 1
            if report is not None:
                app.reports.append(report)
    return app, findings
