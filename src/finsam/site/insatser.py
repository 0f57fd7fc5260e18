"""The approved insatser, read with the same loader and rules as the checker."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finsam.budget import SOUGHT, Row
from finsam.checker import APPLICATIONS_DIR, relative
from finsam.config import Forbund, Template
from finsam.loader.application import insats_folders, load_application
from finsam.loader.markdown_doc import Section
from finsam.rules.registry import Context
from finsam.rules.reports import outcome_per_year
from finsam.values import amounts_by_year, get, integer, items, text

PUBLISHED_OUTCOMES = frozenset({"beviljad"})


@dataclass(frozen=True)
class Decision:
    date: str
    body: str
    paragraph: str
    diary_number: str
    outcome: str
    granted: dict[int, int]
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """What the site shows of a report: period, costs per year and participant counts."""

    kind: str
    start: str
    end: str
    submitted: str
    outcome: dict[int, int]  # year -> costs so far that year
    women: int | None
    men: int | None
    others: int | None
    total: int | None


@dataclass
class Insats:
    """What the site may show of one approved insats (never signatures or participants)."""

    id: str
    title: str
    owner: str
    partners: list[str]
    resources: dict[str, str]
    direction: str
    start: str
    last_intake: str
    end: str
    age_min: int | None
    age_max: int | None
    participants: int | None
    effect_goals: list[tuple[str, bool]]
    result_goals: list[tuple[str, bool]]
    contacts: list[dict[str, str]]
    sections: list[tuple[str, str]]  # heading, Markdown
    rows: list[Row]
    template: Template | None
    ansokan: dict[str, Any] = field(repr=False, default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)

    @property
    def outcome(self) -> dict[int, int]:
        """Costs per year according to the latest report that covers each year."""
        latest: dict[int, tuple[str, int]] = {}
        for report in self.reports:
            for year, amount in report.outcome.items():
                if year not in latest or report.end >= latest[year][0]:
                    latest[year] = (report.end, amount)
        return {year: amount for year, (_, amount) in sorted(latest.items())}

    @property
    def latest_counts(self) -> Report | None:
        """The latest report with participant counts."""
        counted = [r for r in self.reports if r.total is not None]
        return max(counted, key=lambda r: r.end) if counted else None

    @property
    def granted(self) -> dict[int, int]:
        total: dict[int, int] = {}
        for decision in self.decisions:
            if decision.outcome == "beviljad":
                for year, amount in decision.granted.items():
                    total[year] = total.get(year, 0) + amount
        return dict(sorted(total.items()))

    @property
    def granted_total(self) -> int:
        return sum(self.granted.values())

    @property
    def parties(self) -> list[str]:
        return [self.owner, *self.partners]

    @property
    def sought_total(self) -> int:
        return sum(r.total for r in self.rows if r.financing == SOUGHT)


def _decisions(data: Any) -> list[Decision]:
    out = []
    for _, raw in items(data, "beslut"):
        conditions = get(raw, "villkor")
        out.append(
            Decision(
                date=text(raw, "datum") or "",
                body=text(raw, "organ") or "",
                paragraph=text(raw, "paragraf") or "",
                diary_number=text(raw, "diarienummer") or "",
                outcome=text(raw, "utfall") or "",
                granted=amounts_by_year(raw, "beviljat"),
                conditions=tuple(c for c in conditions if isinstance(c, str))
                if isinstance(conditions, list)
                else (),
            )
        )
    return sorted(out, key=lambda d: d.date)


def _reports(reports: list[Any]) -> list[Report]:
    out = []
    for report in reports:
        data = report.data
        per_year = outcome_per_year(report)
        out.append(
            Report(
                kind=text(data, "typ") or "",
                start=text(data, "period", "start") or "",
                end=text(data, "period", "slut") or "",
                submitted=text(data, "inlamnad") or "",
                outcome=per_year,
                women=integer(data, "deltagare", "kvinnor"),
                men=integer(data, "deltagare", "man"),
                others=integer(data, "deltagare", "ovriga"),
                total=integer(data, "deltagare", "totalt"),
            )
        )
    return sorted(out, key=lambda r: (r.end, r.kind))


def _goals(data: Any, key: str) -> list[tuple[str, bool]]:
    return [
        (text(goal, "text") or "", goal.get("jamstalldhet") is True)
        for _, goal in items(data, "mal", key)
    ]


def _sections(sections: list[Section], template: Template | None) -> list[tuple[str, str]]:
    """The application's sections in the template's order; fixed agreement texts are left out
    (they are the same in every application)."""
    fixed = {s.heading.casefold() for s in template.sections if s.fixed_text} if template else set()
    return [
        (s.heading, s.text)
        for s in sections
        if s.heading.casefold() not in fixed and not s.is_empty
    ]


def read_insats(folder: Path, root: Path, forbund: Forbund) -> Insats | None:
    """An insats if its folder holds a readable application with a granting decision."""
    # Only reading is needed here: `make site` has already run every check.
    app, _ = load_application(folder, relative(folder, root))
    context = Context(app, forbund)
    if app.ansokan is None or app.beslut is None or not isinstance(app.ansokan.data, dict):
        return None
    decisions = _decisions(app.beslut.data)
    if not any(d.outcome in PUBLISHED_OUTCOMES for d in decisions):
        return None
    data = app.ansokan.data
    owner = text(data, "insatsagare", "part") or ""
    partners = [text(p, "part") or "" for _, p in items(data, "samverkansparter")]
    resources = {owner: text(data, "insatsagare", "resurser") or ""}
    for _, partner in items(data, "samverkansparter"):
        resources[text(partner, "part") or ""] = text(partner, "resurser") or ""
    contacts = [
        {k: str(v) for k, v in contact.items() if k in {"roll", "part", "namn", "epost"}}
        for _, contact in items(data, "kontakter")
    ]
    return Insats(
        id=folder.name,
        title=text(data, "titel") or folder.name,
        owner=owner,
        partners=[p for p in partners if p],
        resources=resources,
        direction=text(data, "insatsinriktning") or "",
        start=text(data, "period", "start") or "",
        last_intake=text(data, "period", "sista_intag") or "",
        end=text(data, "period", "slut") or "",
        age_min=integer(data, "malgrupp", "alder_min"),
        age_max=integer(data, "malgrupp", "alder_max"),
        participants=integer(data, "malgrupp", "forvantat_antal_deltagare"),
        effect_goals=_goals(data, "effektmal"),
        result_goals=_goals(data, "resultatmal"),
        contacts=contacts,
        sections=_sections(app.ansokan.sections, context.template),
        rows=context.rows,
        template=context.template,
        ansokan=data,
        decisions=decisions,
        reports=_reports(app.reports),
    )


def approved_insatser(root: Path, forbund: Forbund) -> list[Insats]:
    base = root / APPLICATIONS_DIR
    if not base.is_dir():
        return []
    found = []
    for folder in sorted(insats_folders(base)[0]):  # linked folders are never published
        insats = read_insats(folder, root, forbund)
        if insats is not None:
            found.append(insats)
    return sorted(found, key=lambda i: (i.start, i.id), reverse=True)
