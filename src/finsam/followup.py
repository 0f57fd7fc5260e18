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
from finsam.model.assessment import AWAITING_BOARD, AWAITING_BODY, AWAITING_REVIEW, Awaiting
from finsam.model.budget import SOUGHT
from finsam.model.deadlines import Due, schedule
from finsam.model.decision import STATUS_NAMES
from finsam.model.forbund import Forbund
from finsam.model.insats import Insats
from finsam.model.report import Participants, Report, latest
from finsam.sv import lista, plural

GRANTED = {"beviljad", "pagaende"}
SKETCH_STATUS = "idéskiss inkommen"  # an idea that has not become an application yet


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
    sketch_received: dt.date | None = None  # when the idéskiss came in, if there is one
    parties: str = ""  # an idéskiss's parties by name (an application's are in its own files)
    contact: str = ""  # an idéskiss's contact: the role and the member
    awaiting: Awaiting | None = None  # the step of the beredning the application waits for
    awaited_by: str = ""  # who the application waits for: kansliet, the body, styrelsen
    waited: int | None = None  # days waited for that step, by the status's date

    @property
    def is_sketch(self) -> bool:
        return self.status == SKETCH_STATUS

    @property
    def waiting_for(self) -> str:
        """'bedömning av Utvecklingsrådet': the step waited for, in words ("" for none)."""
        if self.awaiting is None:
            return ""
        return {
            AWAITING_REVIEW: f"kvalitetsgranskning av {self.awaited_by}",
            AWAITING_BODY: f"bedömning av {self.awaited_by}",
            AWAITING_BOARD: f"{self.awaited_by}s beslut",
        }[self.awaiting.step]


BEREDD = "beredd"  # the status of an application whose recommendation awaits the board


def awaited_by(step: str, forbund: Forbund) -> str:
    """Who an application waits for at a step of the beredning: the kansli, the förbund's
    assessing body by its configured name, or the board."""
    if step == AWAITING_BODY:
        return forbund.assessment.body_name if forbund.assessment else "beredningen"
    return "kansliet" if step == AWAITING_REVIEW else "styrelsen"


def _folders(root: Path, forbund: Forbund) -> list[Insats]:
    """Every folder with a readable application, or with an idéskiss and nothing more yet."""
    out = []
    for folder in application_folders([], root):
        app, _ = load_application(folder, relative(folder, root))
        insats = Insats(app, forbund)
        if app.ansokan is not None or insats.sketch_only:
            out.append(insats)
    return out


def _insatser(root: Path, forbund: Forbund) -> list[Insats]:
    return [insats for insats in _folders(root, forbund) if insats.folder.ansokan is not None]


def _covered(due: Due, reports: list[Report]) -> bool:
    return any(r.kind == due.kind and r.start == due.start and r.end == due.end for r in reports)


def _sketch_status(insats: Insats) -> InsatsStatus:
    sketch, forbund = insats.sketch, insats.forbund
    contact = ", ".join(
        p for p in (sketch.contact_role, forbund.party_name(sketch.contact_party)) if p
    )
    return InsatsStatus(
        insats.id,
        sketch.title,
        SKETCH_STATUS,
        sketch.start,
        sketch.end,
        sketch_received=sketch.sent,
        parties=forbund.party_names(sketch.parties),
        contact=contact,
    )


def status_of(insats: Insats, today: dt.date) -> InsatsStatus:
    if insats.sketch_only:
        return _sketch_status(insats)
    application, forbund = insats.application, insats.forbund
    outcome = insats.last_outcome
    state = STATUS_NAMES.get(outcome or application.status, application.status)
    result = InsatsStatus(insats.id, insats.title, state, application.start, application.end)
    result.sketch_received = insats.sketch.sent if insats.has_sketch else None
    result.pending_decision = (
        outcome is None and application.status == "inlamnad"
    ) or outcome == "aterremiss"
    awaiting = insats.awaiting
    if awaiting is not None:
        result.awaiting, result.waited = awaiting, awaiting.days(today)
        result.awaited_by = awaited_by(awaiting.step, forbund)
        if awaiting.step == AWAITING_BOARD and result.pending_decision:
            result.status = STATUS_NAMES[BEREDD]
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
    """Each application's status, and each idéskiss that has not become one yet."""
    return [status_of(insats, today) for insats in _folders(root, forbund)]


def _due_text(due: Due | None) -> str:
    return f"{due.label}, senast {due.due}" if due else "–"


def _status_text(s: InsatsStatus) -> str:
    """'idéskiss inkommen 2026-02-10', or the status as it is."""
    return f"{s.status} {s.sketch_received}" if s.is_sketch and s.sketch_received else s.status


def _waited(s: InsatsStatus) -> str:
    """'sedan 2026-02-02 (12 dagar)', or 'sedan ett okänt datum' without a date."""
    if s.awaiting is None or s.awaiting.since is None or s.waited is None:
        return "sedan ett okänt datum"
    return f"sedan {s.awaiting.since} ({plural(s.waited, 'dag', 'dagar')})"


_STEPS = (AWAITING_REVIEW, AWAITING_BODY, AWAITING_BOARD)


def _waiting_summary(found: list[InsatsStatus]) -> str:
    """'2 väntar på kvalitetsgranskning av kansliet och 1 på styrelsens beslut.', the steps in
    the order they are taken; "" when nothing waits."""
    counts: dict[str, int] = {}
    waiting = [s for s in found if s.awaiting is not None]
    for s in sorted(waiting, key=lambda s: _STEPS.index(s.awaiting.step) if s.awaiting else 0):
        counts[s.waiting_for] = counts.get(s.waiting_for, 0) + 1
    if not counts:
        return ""
    parts = [f"{count} på {what}" for what, count in counts.items()]
    parts[0] = parts[0].replace(" på ", " väntar på ", 1)
    return f"{lista(parts)}."


def _waiting_order(found: list[InsatsStatus]) -> list[InsatsStatus]:
    """The applications that wait for a step of the beredning, the longest waiting first."""
    waiting = [s for s in found if s.awaiting is not None]
    return sorted(waiting, key=lambda s: (-(s.waited if s.waited is not None else -1), s.id))


def _counted(found: list[InsatsStatus]) -> str:
    sketches = sum(1 for s in found if s.is_sketch)
    counts = [plural(len(found) - sketches, "insats", "insatser")]
    if sketches:
        counts.append(plural(sketches, "idéskiss", "idéskisser"))
    return " och ".join(counts)


def render_text(found: list[InsatsStatus], today: dt.date) -> str:
    out = [f"Läget den {today}: {_counted(found)}."]
    if summary := _waiting_summary(found):
        out.append(f"Beredning: {summary}")
    for s in found:
        out += ["", f"{s.title} ({s.id})", f"  Status: {_status_text(s)}"]
        if s.parties:
            out.append(f"  Parter: {s.parties}")
        if s.contact:
            out.append(f"  Kontakt: {s.contact}")
        if s.is_sketch and s.start and s.end:
            out.append(f"  Tänkt insatstid: {s.start}–{s.end}")
        if s.awaiting is not None:
            out.append(f"  Väntar på {s.waiting_for} {_waited(s)}.")
        elif s.pending_decision:
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
        status = _status_text(s) + (" (väntar på beslut)" if s.pending_decision else "")
        overdue = "<br>".join(_due_text(d) for d in s.overdue) or "–"
        ends = f"{s.end}{' (snart)' if s.ends_soon else ''}" if s.end else "–"
        out.append(
            f"| {s.title} (`{s.id}`) | {status} | {_due_text(s.next_due)} | {overdue} | {ends} |"
        )
    waiting = _waiting_order(found)
    if waiting:
        out += [
            "",
            "### Beredning",
            "",
            _waiting_summary(found),
            "",
            "| Insats | Väntar på | Sedan | Dagar |",
            "| --- | --- | --- | --- |",
        ]
        for s in waiting:
            since = s.awaiting.since if s.awaiting and s.awaiting.since else "–"
            days = "–" if s.waited is None else str(s.waited)
            out.append(f"| {s.title} (`{s.id}`) | {s.waiting_for} | {since} | {days} |")
    return "\n".join(out) + "\n"


def render_json(found: list[InsatsStatus], today: dt.date) -> str:
    def due(d: Due | None) -> dict[str, str] | None:
        return (
            None
            if d is None
            else {"typ": d.kind, "start": str(d.start), "slut": str(d.end), "senast": str(d.due)}
        )

    def _waiting_json(s: InsatsStatus) -> dict[str, str | int | None] | None:
        if s.awaiting is None:
            return None
        since = s.awaiting.since
        return {
            "steg": s.awaiting.step,
            "hos": s.awaited_by,
            "sedan": str(since) if since else None,
            "dagar": s.waited,
        }

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
                "ideskiss_inkommen": str(s.sketch_received) if s.sketch_received else None,
                "vantar_pa": _waiting_json(s),
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
