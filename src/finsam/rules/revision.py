"""Signatures that no longer cover what an application says: two revisions of one insats
compared by `finsam diff` and by `finsam granska-pr` (base branch against the pull request).

Nothing here reads git: the callers read both revisions and hand over the front matter and the
budget rows of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

from finsam.catalog import declare
from finsam.findings import Finding, Severity
from finsam.model.budget import OWN, SOUGHT, Totals
from finsam.sv import kronor
from finsam.values import date, get, integer, items, text


class Signed(NamedTuple):
    """What the parties' signatures vouch for in one revision of an application."""

    parties: tuple[str, ...]  # the insatsägare first, then medsökande and samverkansparter
    signatures: tuple[tuple[str, str], ...]  # (part, datum as written), sorted
    dated: frozenset[str]  # the parties whose signature carries a readable date
    sought: int | None  # sokt_belopp
    period: tuple[dt.date | None, dt.date | None, dt.date | None]  # start, sista intag, slut
    sums: Mapping[str, Mapping[int, int]]  # financing -> year -> kronor, no zero years
    unallocated: Mapping[str, int]  # financing -> kronor known only for the whole period

    def total(self, financing: str) -> int:
        return sum(self.sums[financing].values()) + self.unallocated[financing]

    @property
    def fully_signed(self) -> bool:
        return bool(self.parties) and all(party in self.dated for party in self.parties)


def signed_terms(front: Any, budget: Totals) -> Signed:
    """The signed terms of one revision, from its front matter and its budget's totals."""
    owner = text(front, "insatsagare", "part")
    others = [
        text(p, "part") for _, p in items(front, "medsokande") + items(front, "samverkansparter")
    ]
    parties = tuple(dict.fromkeys(p for p in (owner, *others) if p))
    signatures, dated = [], set()
    for _, entry in items(front, "underskrifter"):
        part = text(entry, "part") or ""
        raw = get(entry, "datum")
        signatures.append((part, "" if raw is None else str(raw)))
        if part and date(entry, "datum") is not None:
            dated.add(part)
    by_year = budget.by_year
    return Signed(
        parties=parties,
        signatures=tuple(sorted(signatures)),
        dated=frozenset(dated),
        sought=integer(front, "sokt_belopp"),
        period=(
            date(front, "period", "start"),
            date(front, "period", "sista_intag"),
            date(front, "period", "slut"),
        ),
        sums={
            financing: {year: kr for year, kr in by_year.get(financing, {}).items() if kr}
            for financing in (SOUGHT, OWN)
        },
        unallocated={
            financing: budget.unallocated.get(financing, 0) for financing in (SOUGHT, OWN)
        },
    )


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "saknas"


def _amount(value: int | None) -> str:
    return kronor(value) if value is not None else "saknas"


def _names(parties: tuple[str, ...], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(p, p) for p in parties) or "inga"


def signed_terms_changed(
    before: Signed, after: Signed, names: Mapping[str, str] | None = None
) -> list[str]:
    """What changed among the signed terms, in Swedish, each as a short phrase."""
    names = names or {}
    changes = []
    if before.sought != after.sought:
        changes.append(f"sökt belopp {_amount(before.sought)} → {_amount(after.sought)}")
    for financing, what in (
        (SOUGHT, "budgetens summa från förbundet"),
        (OWN, "egenfinansieringen"),
    ):
        old, new = before.total(financing), after.total(financing)
        if old != new:
            changes.append(f"{what} {kronor(old)} → {kronor(new)}")
        elif (before.sums[financing], before.unallocated[financing]) != (
            after.sums[financing],
            after.unallocated[financing],
        ):
            changes.append(f"{what} fördelad på andra år")
    for index, what in enumerate(("startdatum", "sista intag", "slutdatum")):
        if before.period[index] != after.period[index]:
            changes.append(f"{what} {_day(before.period[index])} → {_day(after.period[index])}")
    if (before.parties[:1], sorted(before.parties[1:])) != (
        after.parties[:1],
        sorted(after.parties[1:]),
    ):
        changes.append(f"parterna {_names(before.parties, names)} → {_names(after.parties, names)}")
    return changes


def stale_signatures(
    before: Signed, after: Signed, names: Mapping[str, str] | None = None
) -> list[str]:
    """En ansökan som alla parter har skrivit under får inte ändras i belopp, period eller
    parter utan att parterna skriver under på nytt. Ansökan räknas som underskriven av alla när
    varje part i insatsen (insatsägaren och varje samverkanspart) har en underskrift med datum
    under underskrifter. Regeln slår till när en senare version av en sådan ansökan har ändrat
    sökt belopp (sokt_belopp), budgetens summor (det som söks från förbundet eller
    egenfinansieringen, i hela perioden eller fördelat per år), perioden (start, sista intag
    eller slut) eller parterna (insatsägaren eller samverkansparterna), medan underskrifterna –
    varje part med sitt datum – är exakt desamma som förut. Ett ändrat, tillagt eller borttaget
    datum räknas som nya underskrifter, och en ansökan som inte var underskriven av alla parter
    före ändringen prövas inte. Ändringar i text, mål eller enskilda budgetrader som lämnar
    summorna orörda omfattas inte. Jämförelsen görs av finsam diff mellan två versioner och av
    finsam granska-pr mellan basgrenen och pull requesten. Det är ett fel, inte en varning:
    underskrifterna är parternas åtagande för just de belopp, den period och de parter som
    ansökan anger, styrelsen kan inte besluta om något som parterna inte har ställt sig bakom,
    och att skriva under på nytt är alltid möjligt.

    Returns what changed among the signed terms when the rule applies, otherwise nothing."""
    if not before.fully_signed or before.signatures != after.signatures:
        return []
    return signed_terms_changed(before, after, names)


STALE_SIGNATURES = declare(
    "R008",
    "andrad-efter-underskrift",
    Severity.FEL,
    stale_signatures.__doc__.split("\n\n")[0] if stale_signatures.__doc__ else "",
    "sokt_belopp ändrat från 900000 till 1200000 medan underskrifterna står kvar med datum "
    "från våren innan.",
    title="Ändring kräver nya underskrifter",
)


def stale_finding(
    before: Signed,
    after: Signed,
    file: str,
    line: int = 0,
    column: int = 0,
    names: Mapping[str, str] | None = None,
) -> Finding | None:
    """R008 at ``file`` (the later ansokan.md) when the signatures no longer cover it."""
    changes = stale_signatures(before, after, names)
    if not changes:
        return None
    latest = max(day for _, day in before.signatures)
    return STALE_SIGNATURES.finding(
        file,
        line,
        column,
        "Ändrad efter underskrift utan nya underskrifter: alla parter hade skrivit under "
        f"(senast {latest}), och sedan dess har följande ändrats utan att någon underskrift "
        f"har förnyats: {'; '.join(changes)}.",
        "Låt alla parter skriva under den ändrade ansökan och för in de nya datumen under "
        "underskrifter, eller ta tillbaka ändringen.",
    )
