"""The förbund's yearly frame: what all decisions grant in a year may not exceed `ram`."""

from __future__ import annotations

from pathlib import Path

from finsam.catalog import declare
from finsam.findings import Finding, Severity
from finsam.loader.application import BESLUT, Document
from finsam.loader.text import read_text
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.decision import grants
from finsam.model.forbund import Forbund
from finsam.sv import kronor

FRAME = declare(
    "F001",
    "ram-overskriden",
    Severity.FEL,
    "Det som beviljas för ett år, summerat över alla insatser, får inte vara mer än förbundets "
    "ram för året (ram i forbund.yml). Fyndet pekar på varje beslut som beviljar medel det året.",
    "ram: {2026: 5000000} medan besluten tillsammans beviljar 5 200 000 kr för 2026.",
)


def read_decisions(folder: Path, rel: str) -> Document | None:
    """beslut.yaml of a folder that was not otherwise checked (its own problems are not ours)."""
    path = folder / BESLUT
    if not path.is_file():
        return None
    text, _ = read_text(path, rel)
    doc, _ = parse_yaml(text, rel) if text is not None else (None, [])
    return Document(rel, doc.data, doc.positions, True) if doc is not None else None


def frame_findings(
    forbund: Forbund, checked: list[Document], others: list[Document]
) -> list[Finding]:
    """F001 findings at the checked decisions that grant money in a year over the frame."""
    frame = forbund.frame
    found = [(d, g) for d in [*checked, *others] for g in grants(d.data)]
    totals: dict[int, int] = {}
    for _, grant in found:
        totals[grant.year] = totals.get(grant.year, 0) + grant.amount
    checked_ids = {id(d) for d in checked}
    findings = []
    for year, total in sorted(totals.items()):
        limit = frame.get(year)
        if limit is None or total <= limit:
            continue
        for document, grant in found:
            if grant.year != year or id(document) not in checked_ids:
                continue
            pos = document.positions.value(("beslut", grant.decision, "beviljat", grant.key))
            findings.append(
                FRAME.finding(
                    document.rel,
                    pos.line,
                    pos.column,
                    f"Besluten beviljar {kronor(total)} för {year}, men förbundets ram för året är "
                    f"{kronor(limit)}: {kronor(total - limit)} för mycket.",
                    "Minska det beviljade beloppet för året, eller ändra ramen i forbund.yml om "
                    "förbundets budget har ändrats.",
                )
            )
    return findings
