"""Follow-up after the decision: each insats's status and reporting deadlines (`finsam status`)
and the yearly figures for Uppföljning Finsam (`finsam export uppfoljning`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from finsam.budget import SOUGHT
from finsam.checker import application_folders, relative
from finsam.config import Forbund
from finsam.deadlines import Due, schedule
from finsam.grants import granted_per_year
from finsam.loader.application import Ansokan, load_application
from finsam.rules.lifecycle import NAMES
from finsam.rules.registry import Context
from finsam.rules.reports import outcome_per_year
from finsam.sv import plural
from finsam.values import date, get, integer, items, text

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


def _contexts(root: Path, forbund: Forbund) -> list[Context]:
    out = []
    for folder in application_folders([], root):
        app, _ = load_application(folder, relative(folder, root))
        if app.ansokan is not None:
            out.append(Context(app, forbund))
    return out


def _last_outcome(context: Context) -> str | None:
    if context.app.beslut is None:
        return None
    outcomes = [text(d, "utfall") for _, d in items(context.app.beslut.data, "beslut")]
    known = [o for o in outcomes if o in NAMES]
    return known[-1] if known else None


def _covered(due: Due, reports: list[Ansokan]) -> bool:
    return any(
        get(r.data, "typ") == due.kind
        and date(r.data, "period", "start") == due.start
        and date(r.data, "period", "slut") == due.end
        for r in reports
    )


def status_of(context: Context, forbund: Forbund, today: dt.date) -> InsatsStatus:
    assert context.app.ansokan is not None
    data = context.app.ansokan.data
    start, end = date(data, "period", "start"), date(data, "period", "slut")
    outcome = _last_outcome(context)
    applicant = text(data, "status") or "utkast"
    state = NAMES.get(outcome or applicant, applicant)
    result = InsatsStatus(
        context.app.path.name, text(data, "titel") or context.app.path.name, state, start, end
    )
    result.pending_decision = (
        outcome is None and applicant == "inlamnad"
    ) or outcome == "aterremiss"
    if outcome in GRANTED and start and end and start <= end:
        owed = [
            d
            for d in schedule(forbund.reporting, start, end)
            if not _covered(d, context.app.reports)
        ]
        result.overdue = [d for d in owed if d.due < today]
        result.next_due = next((d for d in owed if d.due >= today), None)
        result.ends_soon = 0 <= (end - today).days <= forbund.reporting.ending_within_days
    return result


def statuses(root: Path, forbund: Forbund, today: dt.date) -> list[InsatsStatus]:
    return [status_of(c, forbund, today) for c in _contexts(root, forbund)]


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

EXPORT_COLUMNS = [
    "Insats-id", "Insats", "Inriktning", "Insatsägare", "År", "Budget från förbundet",
    "Beviljat", "Utfall", "Budgeterat antal deltagare", "Kvinnor", "Män", "Övriga",
    "Deltagare totalt", "Andel kvinnor (%)",
]  # fmt: skip


def _latest_report(reports: list[Ansokan], year: int) -> Ansokan | None:
    """The report whose period ends last within (or at the end of) the year."""
    candidates = [
        r
        for r in reports
        if (end := date(r.data, "period", "slut")) is not None and end.year == year
    ]
    return max(
        candidates, key=lambda r: date(r.data, "period", "slut") or dt.date.min, default=None
    )


def export_uppfoljning(root: Path, forbund: Forbund, year: int) -> str:
    """CSV for Swedish Excel: semicolons, decimal comma, UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for context in _contexts(root, forbund):
        if (
            _last_outcome(context) not in (*GRANTED, "avslutad", "avbruten")
            or context.app.beslut is None
        ):
            continue
        granted = granted_per_year(context.app.beslut.data).get(year, 0)
        if not granted:
            continue
        data = context.app.ansokan.data if context.app.ansokan else {}
        report = _latest_report(context.app.reports, year)
        outcome = outcome_per_year(report).get(year, 0) if report else None
        counts = [
            integer(report.data, "deltagare", k) if report else None
            for k in ("kvinnor", "man", "ovriga", "totalt")
        ]
        women, total = counts[0], counts[3]
        share = (
            f"{100 * women / total:.1f}".replace(".", ",") if women is not None and total else ""
        )
        owner = text(data, "insatsagare", "part") or ""
        member = forbund.parties.get(owner)
        writer.writerow(
            [
                context.app.path.name,
                text(data, "titel") or "",
                text(data, "insatsinriktning") or "",
                member.name if member else owner,
                year,
                context.totals.by_year.get(SOUGHT, {}).get(year, 0),
                granted,
                "" if outcome is None else outcome,
                integer(data, "malgrupp", "forvantat_antal_deltagare") or "",
                *("" if c is None else c for c in counts),
                share,
            ]
        )
    return "\ufeff" + buffer.getvalue()
