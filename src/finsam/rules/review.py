"""Who may change what in a pull request (enforced by `finsam granska-pr`)."""

from __future__ import annotations

import re

from finsam.catalog import declare
from finsam.config import Forbund
from finsam.findings import Finding, Severity

KANSLI_ONLY = declare(
    "R001",
    "bara-kansliet",
    Severity.FEL,
    "Beslut (beslut.yaml), förbundets konfiguration (forbund.yml), scheman (schema/) och "
    "arbetsflöden (.github/) får bara ändras av kansliet.",
    "En sökande som lägger till applications/2026-x/beslut.yaml.",
)
OUTSIDE_APPLICATIONS = declare(
    "R002",
    "utanfor-insatsmappen",
    Severity.FEL,
    "En sökandes pull request får bara ändra filer i en insats mapp under applications/.",
    "En sökande som ändrar README.md.",
)
SEVERAL_INSATSER = declare(
    "R003",
    "flera-insatser",
    Severity.FEL,
    "En sökandes pull request får bara ändra en insats; varje insats granskas för sig.",
    "En pull request som ändrar både applications/a/ och applications/b/.",
)

_DECISION = re.compile(r"applications/[^/]+/beslut\.yaml\Z")
_APPLICATION = re.compile(r"(applications/[^/]+)/.+\Z")


def kansli_only(path: str) -> bool:
    return bool(
        path == "forbund.yml" or path.startswith(("schema/", ".github/")) or _DECISION.match(path)
    )


def review(changed: list[str], author: str, forbund: Forbund) -> list[Finding]:
    """Findings for every change ``author`` may not make; none for the kansli."""
    if author.casefold() in {handle.casefold() for handle in forbund.kansli}:
        return []
    handles = ", ".join(f"@{h}" for h in forbund.kansli)
    findings = []
    folders: dict[str, list[str]] = {}
    for path in changed:
        if kansli_only(path):
            findings.append(
                KANSLI_ONLY.finding(
                    path,
                    0,
                    0,
                    f"@{author} ändrar {path}, som bara kansliet får ändra.",
                    f"Kansliet ({handles}) registrerar beslut och ändrar konfiguration, scheman och "
                    "arbetsflöden. Ta bort ändringen ur din pull request.",
                )
            )
            continue
        match = _APPLICATION.match(path)
        if match is None:
            findings.append(
                OUTSIDE_APPLICATIONS.finding(
                    path,
                    0,
                    0,
                    f"@{author} ändrar {path}, som ligger utanför applications/.",
                    f"Sökande ändrar bara sin insats mapp. Andra filer ändras av kansliet ({handles}).",
                )
            )
            continue
        folders.setdefault(match.group(1), []).append(path)
    if len(folders) > 1:
        names = ", ".join(sorted(folders))
        for folder in sorted(folders)[1:]:
            findings.append(
                SEVERAL_INSATSER.finding(
                    folders[folder][0],
                    0,
                    0,
                    f"Pull requesten ändrar flera insatser: {names}.",
                    "Lämna in en pull request per insats, så att varje ansökan kan granskas och "
                    "beslutas för sig.",
                )
            )
    return findings
