"""The application (ansokan.md) as typed values: who, what, when, for whom, and its text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from finsam.loader.markdown_doc import Section
from finsam.values import date, get, integer, items, text

# Each insatsinriktning as people read it: on the site, in Word and in the exports.
DIRECTION_NAMES = {
    "individinriktad": "Individinriktad",
    "strukturovergripande": "Strukturövergripande",
}


class Goal(NamedTuple):
    text: str
    equality: bool  # jamstalldhet: the goal concerns equality between women and men


class Participants(NamedTuple):
    """forvantat_antal_deltagare: a number (low == high) or a range such as 30–40."""

    low: int
    high: int

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


class Signature(NamedTuple):
    """One party's signature. `signer` (namn) is kept for the diarium and never published."""

    party: str
    date: dt.date | None
    method: str
    signer: str = ""


class Contact(NamedTuple):
    role: str
    party: str
    name: str
    email: str


class Application(NamedTuple):
    """What ansokan.md says, with every unreadable value absent (None or empty)."""

    id: str
    title: str
    status: str  # utkast | inlamnad
    template_id: str | None
    template_version: str | None  # as a string: `version: 2` and `version: "2"` are one version
    direction: str  # insatsinriktning
    owner: str  # the insatsägare's party id
    partners: tuple[str, ...]  # the samverkansparter's ids, in the order given
    resources: dict[str, str]  # party id -> what the party contributes
    start: dt.date | None
    last_intake: dt.date | None
    end: dt.date | None
    age_min: int | None
    age_max: int | None
    participants: Participants | None  # forvantat_antal_deltagare
    effect_goals: tuple[Goal, ...]
    result_goals: tuple[Goal, ...]
    sought: int | None  # sokt_belopp as declared
    contacts: tuple[Contact, ...]
    sections: Sequence[Section] = ()
    co_owners: tuple[str, ...] = ()  # medsokande: members applying together with the owner
    signatures: tuple[Signature, ...] = ()
    place: str | None = None  # datering.ort
    dated: dt.date | None = None  # datering.datum
    rhythm: str | None = None  # rapportering.rytm as the application states it

    @property
    def owners(self) -> list[str]:
        """Every insatsägare: the one under insatsagare first, then the medsökande."""
        return list(dict.fromkeys(p for p in (self.owner, *self.co_owners) if p))

    @property
    def parties(self) -> list[str]:
        """Every party that takes part: the insatsägare first, then medsökande and partners."""
        return list(dict.fromkeys(p for p in (*self.owners, *self.partners) if p))

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The insats period, or (None, None) when it is unreadable or backwards (A107)."""
        if self.start is None or self.end is None or self.start > self.end:
            return None, None
        return self.start, self.end


def _goals(data: Any, key: str) -> tuple[Goal, ...]:
    return tuple(
        Goal(text(goal, "text") or "", goal.get("jamstalldhet") is True)
        for _, goal in items(data, "mal", key)
    )


def _template_version(data: Any) -> str | None:
    version = get(data, "mall", "version")
    if isinstance(version, bool) or not isinstance(version, (int, str)):
        return None
    return str(version)


def _participants(data: Any) -> Participants | None:
    value = get(data, "malgrupp", "forvantat_antal_deltagare")
    if isinstance(value, dict):
        low, high = integer(value, "min"), integer(value, "max")
        return Participants(low, high) if low is not None and high is not None else None
    number = integer(data, "malgrupp", "forvantat_antal_deltagare")
    return Participants(number, number) if number is not None else None


def read_application(data: Any, sections: list[Section], fallback_id: str) -> Application:
    owner = text(data, "insatsagare", "part") or ""
    co_owners = tuple(text(p, "part") or "" for _, p in items(data, "medsokande"))
    partners = tuple(text(p, "part") or "" for _, p in items(data, "samverkansparter"))
    resources = {owner: text(data, "insatsagare", "resurser") or ""}
    for _, partner in items(data, "medsokande") + items(data, "samverkansparter"):
        resources[text(partner, "part") or ""] = text(partner, "resurser") or ""
    return Application(
        id=text(data, "id") or fallback_id,
        title=text(data, "titel") or fallback_id,
        status=text(data, "status") or "utkast",
        template_id=text(data, "mall", "id"),
        template_version=_template_version(data),
        direction=text(data, "insatsinriktning") or "",
        owner=owner,
        co_owners=tuple(p for p in co_owners if p),
        partners=tuple(p for p in partners if p),
        resources=resources,
        start=date(data, "period", "start"),
        last_intake=date(data, "period", "sista_intag"),
        end=date(data, "period", "slut"),
        age_min=integer(data, "malgrupp", "alder_min"),
        age_max=integer(data, "malgrupp", "alder_max"),
        participants=_participants(data),
        effect_goals=_goals(data, "effektmal"),
        result_goals=_goals(data, "resultatmal"),
        sought=integer(data, "sokt_belopp"),
        contacts=tuple(
            Contact(
                role=text(c, "roll") or "",
                party=text(c, "part") or "",
                name=text(c, "namn") or "",
                email=text(c, "epost") or "",
            )
            for _, c in items(data, "kontakter")
        ),
        sections=sections,
        signatures=tuple(
            Signature(
                party=text(sig, "part") or "",
                date=date(sig, "datum"),
                method=text(sig, "metod") or "",
                signer=text(sig, "namn") or "",
            )
            for _, sig in items(data, "underskrifter")
        ),
        place=text(data, "datering", "ort"),
        dated=date(data, "datering", "datum"),
        rhythm=text(data, "rapportering", "rytm"),
    )
