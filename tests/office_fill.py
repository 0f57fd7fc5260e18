"""Filling in the Word template as an official does in Word: answers typed into the facts
table, text written under each heading, rows of the timetable and the signatures."""

from __future__ import annotations

import copy
import io
from collections.abc import Mapping, Sequence

from docx import Document
from docx.text.paragraph import Paragraph

from finsam.office.word_facts import SIGNATURE_COLUMNS, TIMETABLE_COLUMNS


def _header(table: object) -> list[str]:
    return [c.text.strip() for c in table.rows[0].cells]  # type: ignore[attr-defined]


def _insert_after(paragraph: Paragraph, text: str, style: object) -> Paragraph:
    new = copy.deepcopy(paragraph._p)
    paragraph._p.addnext(new)
    added = Paragraph(new, paragraph._parent)
    for run in added.runs[1:]:
        run._r.getparent().remove(run._r)
    if added.runs:
        added.runs[0].text = text
    else:
        added.add_run(text)
    added.style = style  # type: ignore[assignment]
    return added


def fill_word(
    template: bytes,
    answers: Mapping[str, Sequence[str]],
    sections: Mapping[str, Sequence[str]],
    timetable: Sequence[tuple[str, str, str]] = (),
    signatures: Sequence[tuple[str, str, str]] = (),
) -> bytes:
    """The template with each answer (one paragraph per line) in the facts table, each
    section's paragraphs under its heading, and the rows of the two other tables."""
    document = Document(io.BytesIO(template))
    for table in document.tables:
        header = _header(table)
        if header == ["Uppgift", "Svar"]:
            for row in table.rows[1:]:
                label = row.cells[0].paragraphs[0].text.strip()
                if label in answers:
                    cell = row.cells[1]
                    lines = list(answers[label])
                    cell.paragraphs[0].text = lines[0] if lines else ""
                    for line in lines[1:]:
                        cell.add_paragraph(line)
        elif header == list(TIMETABLE_COLUMNS):
            _rows(table, timetable)
        elif header == list(SIGNATURE_COLUMNS):
            _rows(table, [(*s, "") for s in signatures])
    paragraphs = document.paragraphs
    for heading, texts in sections.items():
        found = next(
            p
            for p in paragraphs
            if p.text.strip().casefold() == heading.casefold()
            and (p.style.name if p.style else "").startswith("Heading")
        )
        anchor = found
        for text in texts:
            anchor = _insert_after(anchor, text, document.styles["Normal"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rows(table: object, values: Sequence[Sequence[str]]) -> None:
    rows = table.rows[1:]  # type: ignore[attr-defined]
    while len(rows) < len(values):
        table.add_row()  # type: ignore[attr-defined]
        rows = table.rows[1:]  # type: ignore[attr-defined]
    for row, texts in zip(rows, values, strict=False):
        for cell, text in zip(row.cells, texts, strict=False):
            cell.text = text
