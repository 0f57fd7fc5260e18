"""The Word template of a mall (`finsam mall <id> --format docx`): the facts table, the mall's
headings with their guidance, the fixed agreement text and a signature table, made with
python-docx. A filled-in copy is read back by finsam.office.word_import."""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table

from finsam.model.forbund import Forbund, Template
from finsam.office.word_facts import (
    FACTS_HEADING,
    GUIDANCE_STYLE,
    KEYWORD,
    SIGNATURE_COLUMNS,
    SIGNATURES_HEADING,
    TIMETABLE_COLUMNS,
    TIMETABLE_HEADING,
    Fact,
    facts,
)
from finsam.office.word_markdown import add_markdown

EMPTY_TIMETABLE_ROWS = 4
EMPTY_SIGNATURE_ROWS = 6
# Dark enough grey for the guidance to keep its contrast (WCAG 1.4.3) on white.
GUIDANCE_COLOUR = RGBColor(0x4D, 0x4D, 0x4D)


def new_document(forbund: Forbund, template: Template, title: str) -> DocumentObject:
    """An empty document with the förbund's properties, the guidance style and the mall named
    in its keywords (the import finds the mall there)."""
    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.author = forbund.name
    properties.subject = template.name
    properties.keywords = f"{KEYWORD}={template.id}@{template.version}"
    properties.language = "sv-SE"
    styles = document.styles
    if GUIDANCE_STYLE not in [s.name for s in styles]:
        guidance = styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        guidance.base_style = styles["Normal"]
        guidance.font.italic = True
        guidance.font.size = Pt(10)
        guidance.font.color.rgb = GUIDANCE_COLOUR
    return document


def template_line(template: Template) -> str:
    """The visible line that names the mall: '… (generell, version 2024).'"""
    return f"Mall: {template.name} ({template.id}, version {template.version})."


def grid(document: DocumentObject, header: Iterable[str], rows: int) -> Table:
    """A table with a bold header row (repeated on every page) and ``rows`` empty rows."""
    columns = list(header)
    table: Table = document.add_table(rows=1 + rows, cols=len(columns))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    # Marked as the table's header: screen readers announce it, and it repeats on every page.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    return table


def facts_table(document: DocumentObject, rows: list[Fact]) -> Table:
    table = grid(document, ("Uppgift", "Svar"), len(rows))
    for row, fact in zip(table.rows[1:], rows, strict=True):
        label = row.cells[0]
        label.paragraphs[0].add_run(fact.label).bold = True
        label.add_paragraph(fact.help, style=GUIDANCE_STYLE)
    return table


def application_template(forbund: Forbund, template: Template) -> bytes:
    """The mall as a Word document to fill in."""
    document = new_document(forbund, template, template.name)
    document.add_heading(template.name, level=0)
    document.add_paragraph(f"{forbund.name}. {template_line(template)}")
    document.add_paragraph(
        "Fyll i tabellen och skriv er text under varje rubrik. Den grå kursiva vägledningen kan "
        "stå kvar: den tas bort när ansökan läses in. Byt inte namn på rubrikerna och ta inte "
        "bort tabellerna. Skriv aldrig personnummer eller andra uppgifter om enskilda deltagare.",
    )
    document.add_heading(FACTS_HEADING, level=1)
    facts_table(document, facts(template))
    document.add_heading(TIMETABLE_HEADING, level=1)
    document.add_paragraph(
        "Frivilligt: insatstiden i faser som följer på varandra, med datum som ÅÅÅÅ-MM-DD.",
        style=GUIDANCE_STYLE,
    )
    grid(document, TIMETABLE_COLUMNS, EMPTY_TIMETABLE_ROWS)
    for spec in template.sections:
        document.add_heading(spec.heading, level=2)
        if spec.fixed_text is not None:
            add_markdown(document, spec.fixed_text)
            continue
        if spec.guidance:
            document.add_paragraph(" ".join(spec.guidance.split()), style=GUIDANCE_STYLE)
        document.add_paragraph("")
    document.add_heading(SIGNATURES_HEADING, level=1)
    document.add_paragraph(
        "Varje part skriver under: medlemmens namn, undertecknarens befattning och datum "
        "(ÅÅÅÅ-MM-DD).",
        style=GUIDANCE_STYLE,
    )
    grid(document, SIGNATURE_COLUMNS, EMPTY_SIGNATURE_ROWS)
    return save(document)


def save(document: DocumentObject) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
