"""The decisions in beslut.yaml: what was decided, and what each decision grants per year.

Read defensively: a value of the wrong type is absent here (the schema reports it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from finsam.loader.positions import PositionMap
from finsam.values import amounts_by_year, date, get, items, text

GRANTED = "beviljad"
# An insats's status in words: the application's own (inlämnad) and every decision outcome.
# The deciding bodies (organ) as the public reads them.
BODY_NAMES = {
    "styrelsen": "styrelsen",
    "arbetsutskottet": "arbetsutskottet",
    "forbundschefen": "förbundschefen (på delegation)",
}

# "beredd" is no decision: an application whose beredning has a recommendation that the board
# has yet to decide on (model.insats.Insats.awaiting).
STATUS_NAMES = {
    "inlamnad": "inlämnad", "beredd": "beredd", "aterremiss": "återremiss", "beviljad": "beviljad",
    "pagaende": "pågående", "avslagen": "avslagen", "avslutad": "avslutad", "avbruten": "avbruten",
}  # fmt: skip


class Grant(NamedTuple):
    decision: int  # the decision's place in beslut.yaml
    year: int
    amount: int

    @property
    def key(self) -> str:
        """The year as it is written in beslut.yaml, to find its position."""
        return str(self.year)


class Decision(NamedTuple):
    """One decision of the board, as the loader read it."""

    place: int  # its index in beslut.yaml
    date: dt.date | None
    body: str  # organ
    paragraph: str
    diary_number: str
    outcome: str  # utfall: beviljad, avslag, aterremiss, avslutad, avbruten …
    granted: dict[int, int]  # year -> kronor (only meaningful when the outcome is beviljad)
    conditions: tuple[str, ...]
    motivation: str
    rhythm: str = ""  # rapportering.rytm: the reporting rhythm the decision sets, if any
    deviation: str = ""  # avvikelse_fran_forslag: why it differs from the recommendation

    @property
    def grants(self) -> bool:
        return self.outcome == GRANTED


def decisions(data: Any) -> list[Decision]:
    """Every decision in beslut.yaml, in file order."""
    out = []
    for index, raw in items(data, "beslut"):
        conditions = get(raw, "villkor")
        out.append(
            Decision(
                place=index,
                date=date(raw, "datum"),
                body=text(raw, "organ") or "",
                paragraph=text(raw, "paragraf") or "",
                diary_number=text(raw, "diarienummer") or "",
                outcome=text(raw, "utfall") or "",
                granted=amounts_by_year(raw, "beviljat"),
                conditions=tuple(c for c in conditions if isinstance(c, str))
                if isinstance(conditions, list)
                else (),
                motivation=text(raw, "motivering") or "",
                rhythm=text(raw, "rapportering", "rytm") or "",
                deviation=text(raw, "avvikelse_fran_forslag") or "",
            )
        )
    return out


def grants(data: Any) -> list[Grant]:
    """Every amount granted by a decision with utfall beviljad, in file order."""
    return [
        Grant(decision.place, year, amount)
        for decision in decisions(data)
        if decision.grants
        for year, amount in decision.granted.items()
    ]


class PlacedGrant(NamedTuple):
    """An amount granted for a year, and where beslut.yaml writes it (for the frame's
    findings, which point at every grant in a year over the frame)."""

    decision: int
    year: int
    amount: int
    line: int
    column: int


def placed_grants(data: Any, positions: PositionMap) -> list[PlacedGrant]:
    """Every grant with the line and column of its amount."""
    out = []
    for grant in grants(data):
        pos = positions.value(("beslut", grant.decision, "beviljat", grant.key))
        out.append(PlacedGrant(grant.decision, grant.year, grant.amount, pos.line, pos.column))
    return out


def granted_per_year(data: Any) -> dict[int, int]:
    """The sum granted per year over all decisions (an extension adds to the first grant)."""
    total: dict[int, int] = {}
    for grant in grants(data):
        total[grant.year] = total.get(grant.year, 0) + grant.amount
    return dict(sorted(total.items()))
