"""An application as a Word document for signatures and the diarium (`finsam export docx`):
the facts table, the sections, the budget tables with the figures of `finsam budget`, the
decisions and a signature table. It keeps the template's layout, so that it reads back in
with `finsam importera` to the same application."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.document import Document as DocumentObject

from finsam.budget_report import build_report, cell
from finsam.model.application import DIRECTION_NAMES
from finsam.model.decision import BODY_NAMES, STATUS_NAMES
from finsam.model.forbund import Forbund, Template
from finsam.model.insats import Insats
from finsam.office.word_facts import (
    ALL_FACTS,
    BUDGET_HEADING,
    DECISION_HEADING,
    EQUALITY_MARK,
    FACTS_HEADING,
    SIGNATURE_COLUMNS,
    SIGNATURES_HEADING,
    TIMETABLE_COLUMNS,
    TIMETABLE_HEADING,
    Fact,
    facts,
)
from finsam.office.word_markdown import add_markdown
from finsam.office.word_template import grid, new_document, save, template_line


def answers(
    front: dict[str, Any], forbund: Forbund, template: Template
) -> list[tuple[Fact, list[str]]]:
    """Each fact of the mall with its answer as lines, written as the import reads them."""
    name = forbund.party_name
    group = front.get("malgrupp") or {}
    period = front.get("period") or {}
    count = group.get("forvantat_antal_deltagare")

    def parties(key: str) -> list[str]:
        return [f"{name(p.get('part', ''))}: {p.get('resurser', '')}" for p in front.get(key) or []]

    def goals(key: str) -> list[str]:
        return [
            str(g.get("text", "")) + (f" {EQUALITY_MARK}" if g.get("jamstalldhet") else "")
            for g in (front.get("mal") or {}).get(key) or []
        ]

    owner = front.get("insatsagare") or {}
    dating = front.get("datering") or {}
    every: dict[str, list[str]] = {
        "titel": [str(front.get("titel", ""))],
        "insatsinriktning": [DIRECTION_NAMES.get(str(front.get("insatsinriktning")), "")],
        "insatsagare.part": [name(owner.get("part", ""))],
        "insatsagare.resurser": [str(owner.get("resurser", ""))],
        "medsokande": parties("medsokande"),
        "samverkansparter": parties("samverkansparter"),
        "period.start": [_text(period.get("start"))],
        "period.slut": [_text(period.get("slut"))],
        "period.sista_intag": [_text(period.get("sista_intag"))],
        "malgrupp.alder": [
            f"{group['alder_min']}–{group['alder_max']}"
            if "alder_min" in group and "alder_max" in group
            else ""
        ],
        "malgrupp.forvantat_antal_deltagare": [
            f"{count.get('min')}–{count.get('max')}" if isinstance(count, dict) else _text(count)
        ],
        "mal.effektmal": goals("effektmal"),
        "mal.resultatmal": goals("resultatmal"),
        "sokt_belopp": [_amount(front.get("sokt_belopp"))],
        "kontakter": [
            ", ".join(
                [f"{c.get('roll', '')}: {name(c.get('part', ''))}"]
                + [str(c[k]) for k in ("namn", "epost", "telefon") if c.get(k)]
            )
            for c in front.get("kontakter") or []
        ],
        "datering": [
            f"{dating.get('ort', '')} {_text(dating.get('datum'))}".strip() if dating else ""
        ],
    }
    chosen = facts(template)
    # A fact that the mall does not ask for but the application gives is kept too.
    extra = [f for f in ALL_FACTS if f not in chosen and any(every.get(f.key, []))]
    return [(f, [line for line in every.get(f.key, []) if line]) for f in (*chosen, *extra)]


def _amount(value: object) -> str:
    """Whole kronor as Swedish writes them, 1 180 000 (the import reads it back)."""
    return f"{value:,}".replace(",", " ") if type(value) is int else _text(value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def application_document(front: dict[str, Any], insats: Insats, forbund: Forbund) -> bytes:
    """The application ``front`` (its front matter as read) and ``insats`` (the model of its
    folder) as a Word document."""
    template = insats.template
    if template is None:
        raise ValueError("the application names no mall of the förbund")
    document = new_document(forbund, template, str(front.get("titel") or insats.id))
    document.add_heading(str(front.get("titel") or insats.id), level=0)
    document.add_paragraph(f"{forbund.name}. {template_line(template)}")
    document.add_paragraph(f"Insatsens id: {insats.id}.")
    _facts(document, answers(front, forbund, template))
    document.add_heading(TIMETABLE_HEADING, level=1)
    timetable = front.get("tidplan") or []
    table = grid(document, TIMETABLE_COLUMNS, len(timetable))
    for row, phase in zip(table.rows[1:], timetable, strict=True):
        for target, value in zip(
            row.cells, (phase.get("fas"), phase.get("start"), phase.get("slut")), strict=True
        ):
            target.text = _text(value)
    for section in insats.application.sections:
        document.add_heading(section.heading, level=2)
        add_markdown(document, section.text)
    _budget(document, insats)
    _decisions(document, insats)
    _signatures(document, front, insats, forbund)
    return save(document)


def _facts(document: DocumentObject, rows: list[tuple[Fact, list[str]]]) -> None:
    document.add_heading(FACTS_HEADING, level=1)
    table = grid(document, ("Uppgift", "Svar"), len(rows))
    for row, (fact, lines) in zip(table.rows[1:], rows, strict=True):
        row.cells[0].paragraphs[0].add_run(fact.label).bold = True
        answer = row.cells[1]
        answer.paragraphs[0].text = lines[0] if lines else ""
        for line in lines[1:]:
            answer.add_paragraph(line)


def _budget(document: DocumentObject, insats: Insats) -> None:
    """The tables of `finsam budget`, with the same figures."""
    if insats.rows is None or not insats.rows:
        return
    report = build_report(insats)
    document.add_heading(BUDGET_HEADING, level=1)
    document.add_paragraph(
        "Beloppen i hela kronor, räknade ur budget.yaml som i finsam budget.", style="Vägledning"
    )
    for source in report.tables:
        document.add_paragraph().add_run(source.title).bold = True
        table = grid(document, source.columns, len(source.lines))
        for row, line in zip(table.rows[1:], source.lines, strict=True):
            texts = [line.label, *(cell(v) for v in line.values)]
            for target, text in zip(row.cells, texts, strict=False):
                run = target.paragraphs[0].add_run(text)
                run.bold = line.total or None
    for note in report.notes:
        document.add_paragraph(note)


def _decisions(document: DocumentObject, insats: Insats) -> None:
    if not insats.decisions:
        return
    document.add_heading(DECISION_HEADING, level=1)
    for decision in insats.decisions:
        when = decision.date.isoformat() if decision.date else "datum saknas"
        body = BODY_NAMES.get(decision.body, decision.body)
        outcome = STATUS_NAMES.get(decision.outcome, decision.outcome)
        text = f"{body.capitalize()} {when}, {decision.paragraph}: {outcome}."
        if decision.diary_number:
            text += f" Diarienummer {decision.diary_number}."
        document.add_paragraph(text)
        for year, amount in sorted(decision.granted.items()):
            document.add_paragraph(f"{year}: {cell(amount)} kr", style="List Bullet")
        for condition in decision.conditions:
            document.add_paragraph(f"Villkor: {condition}", style="List Bullet")


def _signatures(
    document: DocumentObject, front: dict[str, Any], insats: Insats, forbund: Forbund
) -> None:
    """Those who signed, and an empty row for every party that has not."""
    document.add_heading(SIGNATURES_HEADING, level=1)
    signed = [s for s in front.get("underskrifter") or [] if isinstance(s, dict)]
    missing = [p for p in insats.application.parties if p not in {s.get("part") for s in signed}]
    table = grid(document, SIGNATURE_COLUMNS, len(signed) + len(missing))
    rows = [
        (forbund.party_name(s.get("part", "")), str(s.get("befattning", "")), _text(s.get("datum")))
        for s in signed
    ] + [(forbund.party_name(p), "", "") for p in missing]
    for row, texts in zip(table.rows[1:], rows, strict=True):
        for target, text in zip(row.cells, texts, strict=False):
            target.text = text
