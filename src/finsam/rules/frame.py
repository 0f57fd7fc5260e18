"""The förbund's yearly frame: what all decisions grant in a year may not exceed `ram`."""

from __future__ import annotations

from pathlib import Path

from finsam.catalog import declare
from finsam.findings import Finding, Severity
from finsam.loader.application import BESLUT
from finsam.loader.text import read_text
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.decision import PlacedGrant, placed_grants
from finsam.model.forbund import Forbund
from finsam.sv import kronor

FRAME = declare(
    "F001",
    "ram-overskriden",
    Severity.FEL,
    "Det som beviljas för ett år, summerat över alla insatser, får inte vara mer än förbundets "
    "ram för året (ram i forbund.yml). Fyndet pekar på varje beslut som beviljar medel det året.",
    "ram: {2026: 5000000} medan besluten tillsammans beviljar 5 200 000 kr för 2026.",
    title="Beviljat inom förbundets ram",
)


def read_grants(folder: Path, rel: str) -> list[PlacedGrant] | None:
    """The grants of a beslut.yaml that was not otherwise checked (its own problems are not
    ours), or None when there is none that can be read."""
    path = folder / BESLUT
    if not path.is_file():
        return None
    text, _ = read_text(path, rel)
    doc, _ = parse_yaml(text, rel) if text is not None else (None, [])
    return placed_grants(doc.data, doc.positions) if doc is not None else None


def year_totals(decisions: list[list[PlacedGrant]]) -> dict[int, int]:
    """What the decisions grant together, per year."""
    totals: dict[int, int] = {}
    for grants in decisions:
        for grant in grants:
            totals[grant.year] = totals.get(grant.year, 0) + grant.amount
    return totals


def frame_findings(
    forbund: Forbund,
    checked: list[tuple[str, list[PlacedGrant]]],
    others: dict[int, int],
) -> list[Finding]:
    """F001 findings at the checked decisions (each a beslut.yaml path and its grants) that
    grant money in a year over the frame; ``others``, what every other decision grants per
    year, counts towards the totals only."""
    frame = forbund.frame
    totals = dict(others)
    for year, amount in year_totals([g for _, g in checked]).items():
        totals[year] = totals.get(year, 0) + amount
    findings = []
    for year, total in sorted(totals.items()):
        limit = frame.get(year)
        if limit is None or total <= limit:
            continue
        for rel, grants in checked:
            for grant in grants:
                if grant.year != year:
                    continue
                findings.append(
                    FRAME.finding(
                        rel,
                        grant.line,
                        grant.column,
                        f"Besluten beviljar {kronor(total)} för {year}, men förbundets ram för "
                        f"året är {kronor(limit)}: {kronor(total - limit)} för mycket.",
                        "Minska det beviljade beloppet för året, eller ändra ramen i forbund.yml "
                        "om förbundets budget har ändrats.",
                    )
                )
    return findings
