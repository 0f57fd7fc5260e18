"""Follow-up after the decision: each insats's status and reporting deadlines (`finsam status`)
and the yearly figures for Uppföljning Finsam (`finsam export uppfoljning`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from finsam.checker import application_folders, relative
from finsam.loader.application import load_application
from finsam.model.application import DIRECTION_NAMES
from finsam.model.application import Participants as ExpectedParticipants
from finsam.model.budget import SOUGHT
from finsam.model.deadlines import Due, schedule
from finsam.model.decision import STATUS_NAMES
from finsam.model.forbund import Forbund
from finsam.model.insats import Insats
from finsam.model.report import Participants, Report, latest
from finsam.sv import plural

GRANTED = {"beviljad", "pagaende"}


@dataclass
class InsatsStatus:
    id: str
    title: str
    status: str
    start: dt.date | None
    end: dt.date | None
    next_due: Due | None = None
    overdue: list[Due] = field(default_factory=list)
    pending_decision: bool = False
    ends_soon: bool = False


def _insatser(root: Path, forbund: Forbund) -> list[Insats]:
    out = []
    for folder in application_folders([], root):
        app, _ = load_application(folder, relative(folder, root))
        if app.ansokan is not None:
            out.append(Insats(app, forbund))
    return out


def _covered(due: Due, reports: list[Report]) -> bool:
    return any(r.kind == due.kind and r.start == due.start and r.end == due.end for r in reports)


def status_of(insats: Insats, today: dt.date) -> InsatsStatus:
    application, forbund = insats.application, insats.forbund
    outcome = insats.last_outcome
    state = STATUS_NAMES.get(outcome or application.status, application.status)
    result = InsatsStatus(insats.id, insats.title, state, application.start, application.end)
    result.pending_decision = (
        outcome is None and application.status == "inlamnad"
    ) or outcome == "aterremiss"
    start, end = insats.period
    if outcome in GRANTED and start is not None and end is not None:
        owed = [
            d for d in schedule(insats.reporting, start, end) if not _covered(d, insats.reports)
        ]
        result.overdue = [d for d in owed if d.due < today]
        result.next_due = next((d for d in owed if d.due >= today), None)
        result.ends_soon = 0 <= (end - today).days <= forbund.reporting.ending_within_days
    return result


def statuses(root: Path, forbund: Forbund, today: dt.date) -> list[InsatsStatus]:
    return [status_of(insats, today) for insats in _insatser(root, forbund)]


def _due_text(due: Due | None) -> str:
    return f"{due.label}, senast {due.due}" if due else "–"


def render_text(found: list[InsatsStatus], today: dt.date) -> str:
    out = [f"Läget den {today}: {plural(len(found), 'insats', 'insatser')}."]
    for s in found:
        out += ["", f"{s.title} ({s.id})", f"  Status: {s.status}"]
        if s.pending_decision:
            out.append("  Väntar på beslut.")
        if s.next_due:
            out.append(f"  Nästa rapport: {_due_text(s.next_due)}")
        for due in s.overdue:
            out.append(f"  FÖRSENAD: {_due_text(due)}")
        if s.ends_soon and s.end:
            out.append(f"  Slutar snart: {s.end}")
    return "\n".join(out) + "\n"


def render_markdown(found: list[InsatsStatus], today: dt.date) -> str:
    out = [
        f"### Läget den {today}",
        "",
        "| Insats | Status | Nästa rapport | Försenade rapporter | Slutar |",
        "| --- | --- | --- | --- | --- |",
    ]
    for s in found:
        status = s.status + (" (väntar på beslut)" if s.pending_decision else "")
        overdue = "<br>".join(_due_text(d) for d in s.overdue) or "–"
        ends = f"{s.end}{' (snart)' if s.ends_soon else ''}" if s.end else "–"
        out.append(
            f"| {s.title} (`{s.id}`) | {status} | {_due_text(s.next_due)} | {overdue} | {ends} |"
        )
    return "\n".join(out) + "\n"


def render_json(found: list[InsatsStatus], today: dt.date) -> str:
    def due(d: Due | None) -> dict[str, str] | None:
        return (
            None
            if d is None
            else {"typ": d.kind, "start": str(d.start), "slut": str(d.end), "senast": str(d.due)}
        )

    document = {
        "datum": str(today),
        "insatser": [
            {
                "id": s.id,
                "titel": s.title,
                "status": s.status,
                "vantar_pa_beslut": s.pending_decision,
                "nasta_rapport": due(s.next_due),
                "forsenade_rapporter": [due(d) for d in s.overdue],
                "slutar": str(s.end) if s.end else None,
                "slutar_snart": s.ends_soon,
            }
            for s in found
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


STATUS_RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}


@dataclass(frozen=True)
class FollowupRecord:
    """One insats's figures for one year, as Uppföljning Finsam registers them.

    ``expected`` is what the application expects for the whole insats period (a number or a
    range), never a figure per year; ``participants`` is what the latest report for the year
    counts."""

    id: str
    title: str
    direction: str  # insatsinriktning in words
    owners: str  # the insatsägare's names
    start: dt.date | None
    end: dt.date | None
    year: int
    budget: int  # sought from the förbund for the year, per the budget
    granted: int
    outcome: int | None  # costs for the year per the latest report; None without a report
    expected: ExpectedParticipants | None
    participants: Participants

    @property
    def women_share(self) -> float | None:
        return self.participants.women_share


# The columns of the export, the same in the CSV and the workbook (finsam.office.excel).
EXPECTED_LOW = "Förväntat antal deltagare, hela insatstiden (minst)"
EXPECTED_HIGH = "Förväntat antal deltagare, hela insatstiden (högst)"
EXPORT_COLUMNS = [
    "Insats-id", "Insats", "Inriktning", "Insatsägare", "Insatsen börjar", "Insatsen slutar",
    "År", "Budget från förbundet", "Beviljat", "Utfall", EXPECTED_LOW, EXPECTED_HIGH,
    "Kvinnor", "Män", "Övriga", "Deltagare totalt", "Andel kvinnor (%)",
]  # fmt: skip


def uppfoljning_records(root: Path, forbund: Forbund, year: int) -> list[FollowupRecord]:
    """Every granted insats with money granted for ``year``, in the order of the folders."""
    out = []
    for insats in _insatser(root, forbund):
        if insats.last_outcome not in (*GRANTED, "avslutad", "avbruten"):
            continue
        granted = insats.granted.get(year, 0)
        if not granted:
            continue
        application = insats.application
        report = latest(insats.reports, year)
        out.append(
            FollowupRecord(
                id=insats.id,
                title=application.title if insats.folder.ansokan else "",
                direction=DIRECTION_NAMES.get(application.direction, application.direction),
                owners=forbund.party_names(application.owners),
                start=application.start,
                end=application.end,
                year=year,
                budget=insats.totals.by_year.get(SOUGHT, {}).get(year, 0),
                granted=granted,
                outcome=report.outcome.get(year, 0) if report else None,
                expected=application.participants,
                participants=report.participants if report else Participants(),
            )
        )
    return out


def record_values(record: FollowupRecord) -> list[str | int | float | dt.date | None]:
    """A record's values in the order of EXPORT_COLUMNS; None where nothing is known."""
    counts, expected = record.participants, record.expected
    return [
        record.id,
        record.title,
        record.direction,
        record.owners,
        record.start,
        record.end,
        record.year,
        record.budget,
        record.granted,
        record.outcome,
        expected.low if expected else None,
        expected.high if expected else None,
        counts.women,
        counts.men,
        counts.others,
        counts.total,
        None if record.women_share is None else round(record.women_share, 1),
    ]


def _csv_cell(value: str | int | float | dt.date | None) -> str | int:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")  # decimal comma, for Swedish Excel
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def export_uppfoljning(root: Path, forbund: Forbund, year: int) -> str:
    """CSV for Swedish Excel: semicolons, decimal comma, UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for record in uppfoljning_records(root, forbund, year):
        writer.writerow([_csv_cell(v) for v in record_values(record)])
    return "\ufeff" + buffer.getvalue()
