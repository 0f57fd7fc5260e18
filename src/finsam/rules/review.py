"""Who may change what in a pull request (enforced by `finsam granska-pr`).

Every answer here is computed from the base branch: the kansli and the members' accounts come
from the base's forbund.yml, and an insats's parties from its ansokan.md as it stands on the
base, so a pull request cannot widen its own rights.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from finsam.catalog import declare
from finsam.findings import Finding, Severity
from finsam.limits import MAX_SCAN_BYTES
from finsam.model.application import Application
from finsam.model.forbund import Forbund
from finsam.sv import lista

KANSLI_ONLY = declare(
    "R001",
    "bara-kansliet",
    Severity.FEL,
    "Beslut (beslut.yaml), beredningen av en ansökan (beredning.yaml), förbundets "
    "konfiguration (forbund.yml), scheman (schema/) och arbetsflöden (.github/) får bara "
    "ändras av kansliet.",
    "En sökande som lägger till applications/2026-x/beslut.yaml eller beredning.yaml.",
    title="Bara kansliet ändrar beslut, beredning och konfiguration",
)
OUTSIDE_APPLICATIONS = declare(
    "R002",
    "utanfor-insatsmappen",
    Severity.FEL,
    "En sökandes pull request får bara ändra filer i en insats mapp under applications/. "
    "Programmet, testerna, webbplatsen och allt annat ändras av kansliet.",
    "En sökande som ändrar README.md eller Makefile.",
    title="Sökande ändrar bara i insatsmappen",
)
SEVERAL_INSATSER = declare(
    "R003",
    "flera-insatser",
    Severity.FEL,
    "En sökandes pull request får bara ändra en insats; varje insats granskas för sig.",
    "En pull request som ändrar både applications/a/ och applications/b/.",
    title="En insats per pull request",
)
NOT_OWNER = declare(
    "R004",
    "annans-insats",
    Severity.FEL,
    "En insats som redan finns får bara ändras eller tas bort av kansliet och av de GitHub-konton "
    "som förbundet har knutit till insatsens parter (konton under parter i forbund.yml). "
    "Vilka parter som räknas styrs av behorighet.andra_insats; med insatsagare räknas alla "
    "insatsägare, också medsökande.",
    "Ett konto hos en kommun som ändrar en insats där bara en annan kommun och "
    "Arbetsförmedlingen är parter.",
    title="Bara insatsens parter ändrar insatsen",
)
NOT_A_FILE = declare(
    "R005",
    "inte-en-fil",
    Severity.FEL,
    "En pull request får bara innehålla vanliga filer: inga symboliska länkar och inga "
    "undermoduler.",
    "applications/2026-x/rapporter/2026-t1.md som en länk till /dev/zero.",
    title="Bara vanliga filer i pull requests",
)

TOO_LARGE_TO_SCAN = declare(
    "R006",
    "for-stor-att-granska",
    Severity.FEL,
    f"En fil i en pull request får vara högst {MAX_SCAN_BYTES // (1024 * 1024)} MiB; större "
    "filer kan inte granskas och tas inte emot.",
    "En inskannad bilaga på 40 MB.",
    title="Filer små nog att granska",
)
BRANCH_PROTECTION = declare(
    "R007",
    "grenskydd",
    Severity.FEL,
    "Grenen main ska kräva pull requests med godkännande av kodägare, avfärda gamla "
    "godkännanden, kräva domen från granska.yml och testerna som statuskontroller från GitHub "
    "Actions, gälla även administratörer och förbjuda force push och radering.",
    "Ett grenskydd utan statuskontrollen Granska med basgrenens kod.",
    title="Grenen main är skyddad",
)

# A decision or a beredning under any spelling or folder counts: Beslut.yaml,
# underlag/beslut.yml and Beredning.yml too.
_DECISION = re.compile(r"applications/[^/]+/(?:.+/)?(?:beslut|beredning)\.ya?ml\Z", re.IGNORECASE)
_APPLICATION = re.compile(r"(applications/([^/]+))/.+\Z")


def kansli_only(path: str) -> bool:
    return bool(
        path == "forbund.yml" or path.startswith(("schema/", ".github/")) or _DECISION.match(path)
    )


def is_kansli(author: str, forbund: Forbund) -> bool:
    return author.casefold() in {handle.casefold() for handle in forbund.kansli}


def _deciding_parties(insats: Application, forbund: Forbund) -> list[str]:
    """The members whose accounts may change the insats, as behorighet.andra_insats says."""
    parties = list(insats.owners)  # the insatsägare and any medsökande
    if forbund.change_permission != "insatsagare":
        parties += insats.partners
    return [party for party in dict.fromkeys(parties) if party in forbund.parties]


def allowed_accounts(insats: Application, forbund: Forbund) -> set[str]:
    """The accounts (casefolded) that may change an existing insats, besides the kansli."""
    return {
        account.casefold()
        for party in _deciding_parties(insats, forbund)
        for account in forbund.parties[party].accounts
    }


def _party_names(insats: Application, forbund: Forbund) -> str:
    names = [forbund.parties[party].name for party in _deciding_parties(insats, forbund)]
    if not names:
        return "inga medlemmar med kända konton"
    return lista(names)


def ownership(
    folders: Mapping[str, list[str]],
    author: str,
    forbund: Forbund,
    existing: Mapping[str, Application | None],
) -> list[Finding]:
    """R004: changes to an insats that exists on the base branch by someone not its party.

    ``existing`` maps a folder id to the insats on the base branch; an id that is missing there
    is a new insats, which any applicant may propose. ``None`` means the folder exists on the
    base but its parties could not be read, so only the kansli may change it."""
    handles = ", ".join(f"@{h}" for h in forbund.kansli)
    findings = []
    for folder_id, paths in sorted(folders.items()):
        if folder_id not in existing:
            continue
        insats = existing[folder_id]
        if insats is not None and author.casefold() in allowed_accounts(insats, forbund):
            continue
        if insats is None:
            message = (
                f"@{author} ändrar insatsen i applications/{folder_id}/, vars parter inte går att "
                "läsa på basgrenen."
            )
        else:
            message = (
                f"@{author} ändrar insatsen ”{insats.title}”. Den får bara ändras av kansliet "
                f"och av konton hos {_party_names(insats, forbund)}."
            )
        findings.append(
            NOT_OWNER.finding(
                paths[0],
                0,
                0,
                message,
                "Ändringar i en insats lämnas in av någon vars GitHub-konto förbundet har knutit "
                "till en av insatsens parter. Hör av dig till kansliet "
                f"({handles}) om ditt konto saknas i listan.",
            )
        )
    return findings


def review(
    changed: list[str],
    author: str,
    forbund: Forbund,
    existing: Mapping[str, Application | None] | None = None,
) -> list[Finding]:
    """Findings for every change ``author`` may not make; none for the kansli."""
    if is_kansli(author, forbund):
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
                    f"Kansliet ({handles}) för in beredningar och beslut och ändrar "
                    "konfiguration, scheman och arbetsflöden. Ta bort ändringen ur din pull "
                    "request.",
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
        folders.setdefault(match.group(2), []).append(path)
    if len(folders) > 1:
        names = ", ".join(f"applications/{name}" for name in sorted(folders))
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
    findings += ownership(folders, author, forbund, existing or {})
    return findings


def not_a_file(path: str, kind: str) -> Finding:
    """R005 for a symlink or submodule that the pull request adds or changes."""
    what = "en symbolisk länk" if kind == "symlink" else "en undermodul (gitlink)"
    return NOT_A_FILE.finding(
        path,
        0,
        0,
        f"{path} är {what}, inte en vanlig fil.",
        "Lägg in filen själv i stället för en länk till den. Arkivet tar bara emot vanliga filer.",
    )
