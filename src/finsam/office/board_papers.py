"""The board's papers as Word documents: the förbundschef's basis for the board's decision on
one insats (`finsam beslutsunderlag`) and the agenda of a board meeting with every insats ready
for it and the yearly frame (`finsam styrelsemote`).

Both are made to be read by everyone: real heading styles (Rubrik 1 and 2 under a title), tables
with a header row that Word and LibreOffice mark as such (repeated on every page) and a caption,
and Swedish as the document's language, so that a screen reader and the PDF made from it
(finsam.office.pdf) follow the structure. Members, criteria and proposals stand by name, never
by their ids. The budget is `finsam budget`'s report (finsam.budget_report), table for table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table

from finsam.budget_report import build_report, cell, headline
from finsam.meeting import (
    FRAME_COLUMNS,
    Agenda,
    capital,
    frame_notes,
    frame_rows,
    in_sentence,
    parties,
)
from finsam.model.application import DIRECTION_NAMES
from finsam.model.assessment import Assessment, CriterionVerdict
from finsam.model.forbund import Forbund
from finsam.model.insats import Insats
from finsam.office.word_template import grid, save
from finsam.site.insatser import summary
from finsam.site.render import date_sv, period_sv
from finsam.sv import kronor

LANGUAGE = "sv-SE"
# A4 with margins of 2.5 cm: 16 cm for the text and the tables.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(2.5)
TEXT_WIDTH = Cm(16)
TABLE_FONT = Pt(10)
AMOUNT_WIDTH = Cm(2.9)  # a column of kronor: "10 000 000 kr" on one line
SUMMARY_LENGTH = 600  # characters of the summing-up section: a few sentences
FACTS_COLUMNS = ("Uppgift", "Värde")
PARTY_COLUMNS = ("Roll", "Medlem")
CRITERIA_COLUMNS = ("Kriterium", "Bedömning", "Motivering")
AMOUNT_COLUMNS = ("År", "Föreslaget belopp")

# Headings of the basis for the decision (Rubrik 1), in order.
SUMMARY_HEADING = "Sammanfattning"
FACTS_HEADING = "Uppgifter om insatsen"
PARTIES_HEADING = "Parter"
BUDGET_HEADING = "Budget"
REVIEW_HEADING = "Kvalitetsgranskning"
ASSESSMENT_HEADING = "Bedömning mot kriterierna"
PROPOSAL_HEADING = "Rekommendation"
# Under the recommendation and under each item of the agenda (Rubrik 2).
AMOUNTS_HEADING = "Föreslaget belopp per år"
CONDITIONS_HEADING = "Villkor"
MOTIVATION_HEADING = "Motivering"
DECISION_TEXT_HEADING = "Förslag till beslut"
FRAME_HEADING = "Förbundets ram"


def _when(value: dt.date | None) -> str:
    return date_sv(value) if value is not None else "(datum saknas)"


def _new_document(forbund: Forbund, title: str, subject: str) -> DocumentObject:
    """An empty document in Swedish with the förbund as its author."""
    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = forbund.name
    properties.language = LANGUAGE
    # The language of all text: what a screen reader speaks and the PDF declares.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    return document


def _label_and_amounts(columns: int) -> list[Length]:
    """Widths for a label column and ``columns - 1`` columns of kronor: the label takes what
    the amounts leave, at least a quarter of the width."""
    amount = min(AMOUNT_WIDTH, Cm(12) // max(columns - 1, 1))
    return [Length(TEXT_WIDTH - amount * (columns - 1)), *[Length(amount)] * (columns - 1)]


def _shares(*parts: int) -> list[Length]:
    """Column widths as shares of the text width."""
    return [Length(TEXT_WIDTH * part // sum(parts)) for part in parts]


def _table(
    document: DocumentObject,
    caption: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[Length],
    bold: Sequence[bool] = (),
    numeric: bool = False,
) -> Table:
    """A table with a header row marked as one and repeated on every page, and a caption (its
    alternative text); ``bold`` rows are sums, ``numeric`` aligns every column but the first
    to the right."""
    table = grid(document, columns, len(rows))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice reads
        for target in column.cells:
            target.width = width  # each cell, which Word reads
    described = OxmlElement("w:tblCaption")  # last in tblPr, as the schema orders it
    described.set(qn("w:val"), caption)
    table._tbl.tblPr.append(described)
    for index, (row, texts) in enumerate(zip(table.rows[1:], rows, strict=True)):
        strong = index < len(bold) and bold[index]
        for target, text in zip(row.cells, texts, strict=True):
            target.paragraphs[0].add_run(text).bold = strong or None
    for row in table.rows:
        for column, target in enumerate(row.cells):
            paragraph = target.paragraphs[0]
            for run in paragraph.runs:
                run.font.size = TABLE_FONT
            if numeric and column:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _bullets(document: DocumentObject, lines: Sequence[str]) -> None:
    for line in lines:
        document.add_paragraph(line, style="List Bullet")


def _budget(document: DocumentObject, insats: Insats) -> None:
    """`finsam budget`'s lines and tables, with the same figures."""
    report = build_report(insats)
    document.add_heading(BUDGET_HEADING, level=1)
    for line in headline(report):
        document.add_paragraph(line)
    document.add_paragraph(
        "Beloppen är i hela kronor och räknade ur budget.yaml, som i finsam budget. Ett streck "
        "betyder att beloppet bara är känt för hela insatstiden."
        if report.unallocated
        else "Beloppen är i hela kronor och räknade ur budget.yaml, som i finsam budget."
    )
    for source in report.tables:
        document.add_heading(source.title, level=2)
        _table(
            document,
            source.title,
            source.columns,
            [[line.label, *(cell(v) for v in line.values)] for line in source.lines],
            _label_and_amounts(len(source.columns)),
            [line.total for line in source.lines],
            numeric=True,
        )


def _facts(insats: Insats) -> list[list[str]]:
    application = insats.application
    rows = [
        ["Insatsens namn", insats.title],
        ["Insatsens id", insats.id],
        ["Insatsinriktning", capital(DIRECTION_NAMES.get(application.direction, ""))],
        ["Insatstid", period_sv(application.start, application.end)],
    ]
    if application.last_intake is not None:
        rows.append(["Sista intag", date_sv(application.last_intake)])
    if application.sought is not None:
        rows.append(["Sökt belopp enligt ansökan", kronor(application.sought)])
    if insats.template is not None:
        rows.append(["Mall", f"{insats.template.name} (version {insats.template.version})"])
    return [row for row in rows if row[1]]


def _review(document: DocumentObject, assessment: Assessment) -> None:
    document.add_heading(REVIEW_HEADING, level=1)
    if not assessment.has_review:
        document.add_paragraph("Ingen kvalitetsgranskning är införd i beredningen.")
        return
    who = (
        f"Kansliet ({in_sentence(assessment.reviewed_by)})"
        if assessment.reviewed_by
        else "Kansliet"
    )
    if assessment.review_passed:
        document.add_paragraph(
            f"{who} granskade ansökan den {_when(assessment.review_date)} och fann den komplett."
        )
    else:
        document.add_paragraph(
            f"{who} granskade ansökan den {_when(assessment.review_date)} och fann att den inte "
            "var komplett."
        )
    if assessment.review_missing:
        document.add_paragraph("Det som saknades:")
        _bullets(document, assessment.review_missing)


def _ordered(assessment: Assessment, forbund: Forbund) -> list[CriterionVerdict]:
    """The assessed criteria in the order forbund.yml lists them, any other after them."""
    config = forbund.assessment
    order = [c.id for c in config.criteria] if config is not None else []
    return sorted(
        assessment.criteria,
        key=lambda c: (order.index(c.criterion) if c.criterion in order else len(order), c.place),
    )


def _assessment(document: DocumentObject, assessment: Assessment, forbund: Forbund) -> None:
    document.add_heading(ASSESSMENT_HEADING, level=1)
    if not assessment.has_assessment:
        document.add_paragraph("Ingen bedömning mot kriterierna är införd i beredningen.")
        return
    config = forbund.assessment
    body = config.body_name if config is not None and config.body_id == assessment.body else ""
    sentence = f"{capital(body or 'den beredande gruppen')} bedömde ansökan vid sitt möte den "
    sentence += f"{_when(assessment.meeting_date)}."
    if assessment.leader_presented:
        sentence += " Projektledaren var inbjuden och föredrog ansökan."
    if config is not None:
        scale = (
            f"med poäng från {config.points_min} till {config.points_max}"
            if config.points
            else "som uppfyllt, delvis uppfyllt eller inte uppfyllt"
        )
        sentence += f" Varje kriterium bedöms {scale}."
    document.add_paragraph(sentence)
    rows = []
    for verdict in _ordered(assessment, forbund):
        criterion = config.criterion(verdict.criterion) if config is not None else None
        name = criterion.name if criterion is not None else verdict.criterion
        words = (
            config.verdict_name(verdict.verdict)
            if config is not None and verdict.verdict is not None
            else str(verdict.verdict if verdict.verdict is not None else "")
        )
        rows.append([name, capital(words), verdict.motivation])
    _table(
        document, "Bedömningen kriterium för kriterium", CRITERIA_COLUMNS, rows, _shares(5, 3, 8)
    )


def _amounts(document: DocumentObject, assessment: Assessment, level: int) -> None:
    document.add_heading(AMOUNTS_HEADING, level=level)
    amounts = sorted(assessment.proposed_amounts.items())
    if not assessment.proposes_grant or not amounts:
        document.add_paragraph("Inget belopp föreslås.")
        return
    rows = [[str(year), kronor(amount)] for year, amount in amounts]
    rows.append(["Totalt", kronor(assessment.proposed_total)])
    _table(
        document,
        AMOUNTS_HEADING,
        AMOUNT_COLUMNS,
        rows,
        _shares(1, 1),
        [False] * len(amounts) + [True],
        numeric=True,
    )


def _proposal(document: DocumentObject, assessment: Assessment, level: int) -> None:
    """The proposal's amounts, conditions and proposed decision text, under headings of
    ``level``."""
    _amounts(document, assessment, level)
    if assessment.conditions:
        document.add_heading(CONDITIONS_HEADING, level=level)
        _bullets(document, assessment.conditions)
    document.add_heading(DECISION_TEXT_HEADING, level=level)
    document.add_paragraph(assessment.decision_text)


def basis_for_decision(insats: Insats, forbund: Forbund) -> bytes:
    """The förbundschef's basis for the board's decision on ``insats``, whose beredning has a
    recommendation, as a Word document."""
    assessment = insats.assessment
    if assessment is None or not assessment.has_recommendation:
        raise ValueError("the beredning has no recommendation")
    title = f"Beslutsunderlag: {insats.title}"
    document = _new_document(forbund, title, "Underlag för styrelsens beslut")
    document.add_heading(title, level=0)
    author = assessment.proposed_by or "Förbundschefen"
    document.add_paragraph(
        f"{forbund.name}. Underlag för styrelsens beslut om insatsen {insats.title} "
        f"({insats.id}), skrivet av {in_sentence(author)} den {_when(assessment.proposal_date)}."
    )
    text = summary(insats, forbund, SUMMARY_LENGTH)
    if text:
        document.add_heading(SUMMARY_HEADING, level=1)
        document.add_paragraph(text)
    document.add_heading(FACTS_HEADING, level=1)
    _table(document, FACTS_HEADING, FACTS_COLUMNS, _facts(insats), _shares(1, 2))
    document.add_heading(PARTIES_HEADING, level=1)
    _table(
        document, PARTIES_HEADING, PARTY_COLUMNS, [list(p) for p in parties(insats)], _shares(1, 2)
    )
    _budget(document, insats)
    _review(document, assessment)
    _assessment(document, assessment, forbund)
    document.add_heading(PROPOSAL_HEADING, level=1)
    document.add_paragraph(
        f"Förslag: {capital(assessment.proposal_name)}. Skrivet av {in_sentence(author)} den "
        f"{_when(assessment.proposal_date)}."
    )
    if assessment.motivation:
        document.add_heading(MOTIVATION_HEADING, level=2)
        document.add_paragraph(assessment.motivation)
    _proposal(document, assessment, level=2)
    return save(document)


def agenda_document(found: Agenda, forbund: Forbund) -> bytes:
    """The agenda of the board meeting: one item per insats ready for it, and the frame."""
    when = date_sv(found.meeting)
    title = f"Styrelsemöte den {when}: ansökningar om samverkansmedel"
    document = _new_document(forbund, title, "Ärenden till styrelsens möte")
    document.add_heading(title, level=0)
    document.add_paragraph(
        f"{forbund.name}. Ansökningar som är beredda till styrelsens möte den {when}, med "
        "förbundschefens förslag till beslut. Beslutsunderlaget för varje insats har hela "
        "bedömningen och budgeten."
    )
    for number, item in enumerate(found.items, start=1):
        insats, proposal = item.insats, item.proposal
        document.add_heading(f"Ärende {number}: {insats.title}", level=1)
        application = insats.application
        rows = [
            ["Insatsens id", insats.id],
            *([role, name] for role, name in parties(insats)),
            ["Insatstid", period_sv(application.start, application.end)],
            ["Sökt från förbundet", kronor(insats.sought_total)],
            [
                "Förslag",
                f"{capital(proposal.proposal_name)} ({in_sentence(proposal.proposed_by)}, "
                f"{_when(proposal.proposal_date)})",
            ],
        ]
        _table(document, f"Ärende {number}: {insats.title}", FACTS_COLUMNS, rows, _shares(1, 2))
        _proposal(document, proposal, level=2)
    document.add_heading(FRAME_HEADING, level=1)
    if not found.frame:
        document.add_paragraph("Inget av förslagen beviljar medel, så ramen berörs inte.")
    else:
        document.add_paragraph(
            "Ramen per år enligt förbundets budget, det som styrelsen redan har beviljat för "
            "året och det som förslagen på det här mötet skulle ta av det som återstår."
        )
        _table(
            document,
            FRAME_HEADING,
            FRAME_COLUMNS,
            frame_rows(found),
            [Length(TEXT_WIDTH - AMOUNT_WIDTH * 5), *[AMOUNT_WIDTH] * (len(FRAME_COLUMNS) - 1)],
            numeric=True,
        )
    notes = frame_notes(found)
    for note in notes:
        document.add_paragraph().add_run(note).bold = True
    if found.frame and not found.over_frame:
        document.add_paragraph("Förslagen ryms inom det som återstår av ramen varje år.")
    return save(document)
