"""The board's meeting papers: when an insats's beredning can go to the board, which insatser are
ready for a meeting (`finsam styrelsemote`), and what their proposals take of the yearly frame.

An insats is ready for a meeting when its beredning has a recommendation dated on or before the
meeting, and the board has not yet answered it: no decision in beslut.yaml that decides on the
application (beviljad, avslagen or återremiss) is dated on or after the recommendation (the
model's Insats.decision_on_recommendation, which rule E110 compares with the proposal). What is
already granted per year is counted as the frame rule F001 counts it (finsam.rules.frame):
every decision with utfall beviljad, in every folder.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from finsam.checker import application_folders, inspect_application, relative
from finsam.findings import Finding, Severity
from finsam.loader.application import BEREDNING, BESLUT, BUDGET, load_application
from finsam.model.assessment import AWAITING_BOARD, Assessment
from finsam.model.forbund import Forbund
from finsam.model.insats import Insats
from finsam.rules.frame import read_grants, year_totals
from finsam.rules.registry import Context
from finsam.sv import antal, kronor, lista


def recommendation(insats: Insats) -> Assessment | None:
    """The beredning when it holds a recommendation, else None."""
    assessment = insats.assessment
    return assessment if assessment is not None and assessment.has_recommendation else None


def ready_for(insats: Insats, meeting: dt.date) -> bool:
    """The insats waits for the board (as `finsam status` says) on a recommendation dated on or
    before the meeting: the one test for both, so that they never disagree."""
    awaiting = insats.awaiting
    if awaiting is None or awaiting.step != AWAITING_BOARD:
        return False
    found = recommendation(insats)
    return found is not None and found.proposal_date is not None and found.proposal_date <= meeting


def papers_problems(context: Context, findings: list[Finding]) -> tuple[list[Finding], str]:
    """Why board papers from this folder would mislead: the findings to show and a summary in
    Swedish, or ([], "") when nothing stands in the way. Like `finsam export docx`, files that
    cannot be read in full stop it; so does a budget that `finsam budget` cannot show, and any
    error in beredning.yaml, whose proposal the papers put before the board."""
    app, insats = context.app, context.insats
    errors = [f for f in findings if f.severity is Severity.FEL]
    unreadable = [f for f in errors if f.rule.startswith(("Y", "S"))]
    in_beredning = [f for f in errors if f.file == app.file(BEREDNING) and f not in unreadable]
    blocking = unreadable + in_beredning
    if app.ansokan is None or insats.template is None:
        return blocking, "ansökan kan inte läsas eller anger ingen mall som finns."
    if app.budget is None:
        return blocking, f"insatsen har ingen {BUDGET}."
    if not app.budget.schema_valid:
        # As `finsam budget`: every error in a budget that cannot be read in full.
        blocking += [f for f in errors if f.file == app.file(BUDGET) and f not in blocking]
    if blocking or not app.budget.schema_valid:
        return blocking, "insatsens filer har fel, och underlaget skulle bli missvisande."
    return [], ""


@dataclass(frozen=True)
class FrameYear:
    """One year of the förbund's frame against the proposals on the agenda."""

    year: int
    frame: int | None  # ram in forbund.yml; None when it gives none for the year
    granted: int  # what decisions already grant for the year, in every folder
    proposed: int  # what the agenda's proposals propose for the year

    @property
    def remaining(self) -> int | None:
        """What is left of the frame before the meeting."""
        return None if self.frame is None else self.frame - self.granted

    @property
    def left_after(self) -> int | None:
        """What would be left if every proposal were granted."""
        remaining = self.remaining
        return None if remaining is None else remaining - self.proposed

    @property
    def over(self) -> bool:
        left = self.left_after
        return left is not None and left < 0

    def warning(self) -> str:
        """The sentence that says the proposals exceed the frame ("" when they do not)."""
        if not self.over or self.remaining is None:
            return ""
        return (
            f"Över ramen {self.year}: förslagen är {kronor(self.proposed)}, men av förbundets "
            f"ram för året återstår {kronor(self.remaining)}. Det är "
            f"{kronor(self.proposed - self.remaining)} för mycket om alla förslag beviljas."
        )


@dataclass
class Item:
    """An insats on the agenda, with its recommendation."""

    insats: Insats
    proposal: Assessment


@dataclass
class Blocked:
    """An insats that is ready by its dates but whose files stop the papers."""

    insats: Insats
    findings: list[Finding]
    reason: str


@dataclass
class Agenda:
    meeting: dt.date
    items: list[Item] = field(default_factory=list)
    frame: list[FrameYear] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)

    @property
    def over_frame(self) -> list[FrameYear]:
        return [year for year in self.frame if year.over]

    @property
    def unframed(self) -> list[int]:
        """Years with proposals but no frame in forbund.yml."""
        return [year.year for year in self.frame if year.frame is None]


def granted_per_year(root: Path) -> dict[int, int]:
    """What the decisions of every folder grant per year, counted as rule F001 counts it."""
    decisions = []
    for folder in application_folders([], root):
        grants = read_grants(folder, f"{relative(folder, root)}/{BESLUT}")
        if grants is not None:
            decisions.append(grants)
    return year_totals(decisions)


def frame_years(forbund: Forbund, granted: dict[int, int], items: list[Item]) -> list[FrameYear]:
    """The frame, what is granted and what is proposed, for each year that a proposal to grant
    has an amount for."""
    proposed: dict[int, int] = {}
    for item in items:
        if item.proposal.proposes_grant:
            for year, amount in item.proposal.proposed_amounts.items():
                proposed[year] = proposed.get(year, 0) + amount
    return [
        FrameYear(year, forbund.frame.get(year), granted.get(year, 0), amount)
        for year, amount in sorted(proposed.items())
    ]


def agenda(root: Path, forbund: Forbund, meeting: dt.date) -> Agenda:
    """Every insats ready for the meeting, earliest recommendation first, and the frame."""
    out = Agenda(meeting)
    for folder in application_folders([], root):
        if not (folder / BEREDNING).is_file():
            continue
        # Read first, and check every rule only for those that are ready.
        app, _ = load_application(folder, relative(folder, root), validated=False)
        if not ready_for(Insats(app, forbund), meeting):
            continue
        context, findings = inspect_application(folder, root, forbund)
        insats = context.insats
        found = recommendation(insats)
        if found is None or not ready_for(insats, meeting):
            continue  # changed since it was read
        blocking, reason = papers_problems(context, findings)
        if reason:
            out.blocked.append(Blocked(insats, blocking, reason))
        else:
            out.items.append(Item(insats, found))
    out.items.sort(key=lambda i: (i.proposal.proposal_date or meeting, i.insats.id))
    out.frame = frame_years(forbund, granted_per_year(root), out.items)
    return out


def parties(insats: Insats) -> list[tuple[str, str]]:
    """(role, member's name) for the insatsägare, each medsökande and each samverkanspart."""
    application, name = insats.application, insats.forbund.party_name
    roles = [("Insatsägare", application.owner)] if application.owner else []
    roles += [("Medsökande", p) for p in application.co_owners]
    roles += [("Samverkanspart", p) for p in application.partners]
    return [(role, name(party)) for role, party in roles]


def parties_line(insats: Insats) -> str:
    """'Provby kommun (insatsägare) och Arbetsförmedlingen': the parties in one line."""
    return lista(
        [
            name + (f" ({role.lower()})" if role != "Samverkanspart" else "")
            for role, name in parties(insats)
        ]
    )


def amounts_line(amounts: dict[int, int]) -> str:
    """'2025: 300 000 kr, 2026: 600 000 kr (totalt 900 000 kr)'."""
    if not amounts:
        return "inget belopp"
    each = ", ".join(f"{year}: {kronor(amount)}" for year, amount in sorted(amounts.items()))
    return f"{each} (totalt {kronor(sum(amounts.values()))})" if len(amounts) > 1 else each


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def in_sentence(role: str) -> str:
    """A role as running text writes it: 'Förbundschef' -> 'förbundschef', while an
    abbreviation such as 'FoU-ansvarig' or 'IT-strateg' keeps its capitals."""
    return role[:1].lower() + role[1:] if role[1:2].islower() else role


def _frame_cell(value: int | None) -> str:
    return "–" if value is None else kronor(value)


FRAME_COLUMNS = (
    "År",
    "Ram",
    "Redan beviljat",
    "Kvar av ramen",
    "Föreslaget",
    "Kvar efter förslagen",
)


def frame_rows(found: Agenda) -> list[list[str]]:
    """The frame table's rows, as text (the terminal and the document)."""
    return [
        [
            str(year.year),
            _frame_cell(year.frame),
            kronor(year.granted),
            _frame_cell(year.remaining),
            kronor(year.proposed),
            _frame_cell(year.left_after),
        ]
        for year in found.frame
    ]


def frame_notes(found: Agenda) -> list[str]:
    """The warnings about the frame, and the years forbund.yml gives no frame for."""
    notes = [year.warning() for year in found.over_frame]
    if found.unframed:
        years = lista([str(y) for y in found.unframed])
        notes.append(
            f"Ingen ram är fastställd för {years} (ram i forbund.yml), så förslagen för "
            f"{'det året' if len(found.unframed) == 1 else 'de åren'} prövas inte mot någon ram."
        )
    return notes


def render_text(found: Agenda) -> str:
    count = antal(len(found.items), "insats", "insatser") if found.items else "ingen insats"
    out = [f"Styrelsemötet {found.meeting}: {count} är redo för beslut."]
    for item in found.items:
        insats, proposal = item.insats, item.proposal
        out += ["", f"{insats.title} ({insats.id})", f"  Parter: {parties_line(insats)}"]
        out.append(
            f"  Förslag: {proposal.proposal_name} ({proposal.proposal_date}, "
            f"{proposal.proposed_by})"
        )
        if proposal.proposes_grant:
            out.append(f"  Föreslaget belopp: {amounts_line(proposal.proposed_amounts)}")
        for condition in proposal.conditions:
            out.append(f"  Villkor: {condition}")
    if found.frame:
        out += ["", "Förbundets ram och förslagen per år"]
        rows = frame_rows(found)
        widths = [max(len(r[i]) for r in [list(FRAME_COLUMNS), *rows]) for i in range(6)]
        for row in [list(FRAME_COLUMNS), *rows]:
            out.append(
                "  ".join(
                    [row[0].ljust(widths[0])]
                    + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
                )
            )
    notes = frame_notes(found)
    if notes:
        out.append("")
        out += notes
    for blocked in found.blocked:
        out += [
            "",
            f"Kan inte tas upp: {blocked.insats.title} ({blocked.insats.id}): {blocked.reason}",
        ]
    return "\n".join(out) + "\n"


def render_json(found: Agenda) -> str:
    document = {
        "datum": found.meeting.isoformat(),
        "insatser": [
            {
                "id": item.insats.id,
                "titel": item.insats.title,
                "parter": [{"roll": role, "namn": name} for role, name in parties(item.insats)],
                "forslag": item.proposal.proposal,
                "forslag_i_ord": item.proposal.proposal_name,
                "forslag_datum": item.proposal.proposal_date.isoformat()
                if item.proposal.proposal_date
                else None,
                "skriven_av": item.proposal.proposed_by,
                "belopp": {str(y): a for y, a in sorted(item.proposal.proposed_amounts.items())},
                "belopp_totalt": item.proposal.proposed_total,
                "villkor": list(item.proposal.conditions),
                "beslutstext": item.proposal.decision_text,
            }
            for item in found.items
        ],
        "ram": [
            {
                "ar": year.year,
                "ram": year.frame,
                "beviljat": year.granted,
                "kvar": year.remaining,
                "foreslaget": year.proposed,
                "kvar_efter_forslagen": year.left_after,
                "over_ramen": year.over,
            }
            for year in found.frame
        ],
        "varningar": frame_notes(found),
        "kan_inte_tas_upp": [
            {"id": b.insats.id, "titel": b.insats.title, "skal": b.reason} for b in found.blocked
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "json": render_json}
