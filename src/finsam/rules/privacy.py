"""Rules that keep personal data out of the repository."""

from __future__ import annotations

from finsam.catalog import declare
from finsam.findings import Finding, Severity
from finsam.personnummer import find

PERSONNUMMER = declare(
    "P001",
    "personnummer",
    Severity.FEL,
    "Inga personnummer eller samordningsnummer får finnas i arkivets filer, inte ens i "
    "kommentarer: förbundet har ingen rätt att behandla uppgifter om enskilda deltagare. "
    "Organisationsnummer är tillåtna.",
    "kontakt: ÅÅÅÅMMDD-NNNN  (ett personnummer, med eller utan sekel och bindestreck)",
)


def personnummer_findings(text: str, rel: str) -> list[Finding]:
    """One finding per number that looks like a real personnummer or samordningsnummer.
    The message never repeats the whole number."""
    return [
        PERSONNUMMER.finding(
            rel,
            hit.line,
            hit.column,
            f"Raden innehåller ett {'samordningsnummer' if hit.coordination else 'personnummer'} "
            f"({hit.masked}).",
            "Ta bort numret. Uppgifter om enskilda personer hör inte hemma i förbundets arkiv; "
            "beskriv deltagare bara som grupp och i antal.",
        )
        for hit in find(text)
    ]
