"""The text of a Word document as Word shows it. python-docx reads the runs directly in a
paragraph and the paragraphs and tables directly in the body; real documents also keep text in
tracked insertions, content controls (form fields), smart tags, simple fields and hyperlinks,
and leave deleted text in place. These helpers walk the same python-docx objects but find all
of it, and leave out what Word does not show."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

_P, _TBL, _SDT, _CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_R = qn("w:r")
# Text that Word does not show: deleted or moved away in tracked changes.
_HIDDEN = {qn("w:del"), qn("w:moveFrom")}


def _children(element: Any) -> Iterator[Any]:
    """Paragraphs and tables below ``element``, looking through content controls."""
    for child in element.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_CONTENT)
            if content is not None:
                yield from _children(content)


def body_blocks(document: Any) -> Iterator[Paragraph | Table]:
    """The body's paragraphs and tables in document order."""
    body = document._body  # python-docx's BlockItemContainer: the parent the objects need
    for element in _children(document.element.body):
        yield Paragraph(element, body) if element.tag == _P else Table(element, body)


def cell_paragraphs(cell: _Cell) -> list[Paragraph]:
    return [Paragraph(e, cell) for e in _children(cell._tc) if e.tag == _P]


def runs(paragraph: Paragraph) -> list[Run]:
    """Every run that Word shows, also inside insertions, fields and content controls."""
    shown = []
    for element in paragraph._p.iter(_R):
        ancestor = element.getparent()
        hidden = False
        while ancestor is not None and ancestor is not paragraph._p:
            if ancestor.tag in _HIDDEN:
                hidden = True
                break
            ancestor = ancestor.getparent()
        if not hidden:
            shown.append(Run(element, paragraph))
    return shown


def text(paragraph: Paragraph) -> str:
    return "".join(run.text for run in runs(paragraph))


def cell_text(cell: _Cell) -> str:
    return "\n".join(text(p) for p in cell_paragraphs(cell))
