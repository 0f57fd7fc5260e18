"""The beredning (beredning.yaml) as typed values: the kansli's quality review, the assessment
against the förbund's criteria, and the recommendation to the board.

Read defensively, like the other documents: every value that cannot be read is absent (None,
empty or ""), and the schema reports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from finsam.model.decision import Decision
from finsam.values import amounts_by_year, date, get, items, text

# The parts of beredning.yaml, in the order the steps are taken.
REVIEW = "kvalitetsgranskning"
ASSESSMENT = "bedomning"
RECOMMENDATION = "rekommendation"
PARTS = (REVIEW, ASSESSMENT, RECOMMENDATION)

# The proposals (forslag) in words, and the decision outcome (utfall) each proposes.
PROPOSAL_NAMES = {
    "bevilja": "bevilja",
    "bevilja_med_villkor": "bevilja med villkor",
    "avsla": "avslå",
    "aterremiss": "återremittera",
}
PROPOSED_OUTCOME = {
    "bevilja": "beviljad",
    "bevilja_med_villkor": "beviljad",
    "avsla": "avslagen",
    "aterremiss": "aterremiss",
}
GRANTING = frozenset({"bevilja", "bevilja_med_villkor"})
# The outcomes by which the board decides on an application (a recommendation's answer).
DECIDING = frozenset(PROPOSED_OUTCOME.values())
# The steps an application can wait for between submission and decision (Awaiting.step).
AWAITING_REVIEW = REVIEW  # the kansli's quality review
AWAITING_BODY = ASSESSMENT  # the assessing body's assessment and recommendation
AWAITING_BOARD = "beslut"  # the board's decision on the recommendation


class CriterionVerdict(NamedTuple):
    """The assessment of one criterion (an entry of bedomning.kriterier)."""

    place: int  # its index in bedomning.kriterier
    criterion: str  # the criterion's id, "" when unreadable
    verdict: str | int | None  # on the förbund's scale: ja/delvis/nej, or points
    motivation: str


class Assessment(NamedTuple):
    """What beredning.yaml says, with every unreadable value absent.

    ``parts`` holds the steps that the file records (kvalitetsgranskning, bedomning,
    rekommendation), whether or not their values could be read."""

    parts: frozenset[str]
    # kvalitetsgranskning: the kansli's quality review
    review_date: dt.date | None
    review_complete: bool | None
    review_missing: tuple[str, ...]  # what the applicant has to add
    reviewed_by: str  # a role at the kansli
    # bedomning: the assessing body's meeting
    body: str  # the body's id, as under beredning.organ.id in forbund.yml
    meeting_date: dt.date | None
    leader_presented: bool | None  # projektledaren_foredrog
    criteria: tuple[CriterionVerdict, ...]
    # rekommendation: the proposal to the board
    proposal: str  # bevilja, bevilja_med_villkor, avsla, aterremiss; "" when unreadable
    proposal_date: dt.date | None
    proposed_by: str  # a role
    proposed_amounts: dict[int, int]  # year -> whole kronor
    conditions: tuple[str, ...]
    decision_text: str  # beslutstext: the decision as proposed
    motivation: str

    @property
    def has_review(self) -> bool:
        return REVIEW in self.parts

    @property
    def has_assessment(self) -> bool:
        return ASSESSMENT in self.parts

    @property
    def has_recommendation(self) -> bool:
        return RECOMMENDATION in self.parts

    @property
    def review_passed(self) -> bool:
        """The kansli found the application complete."""
        return self.review_complete is True

    @property
    def proposal_name(self) -> str:
        """'bevilja med villkor': the proposal in words."""
        return PROPOSAL_NAMES.get(self.proposal, self.proposal)

    @property
    def proposed_outcome(self) -> str | None:
        """The outcome (utfall in beslut.yaml) that the proposal asks the board for."""
        return PROPOSED_OUTCOME.get(self.proposal)

    @property
    def proposes_grant(self) -> bool:
        return self.proposal in GRANTING

    @property
    def proposed_total(self) -> int:
        return sum(self.proposed_amounts.values())

    def verdicts(self, criterion: str) -> list[CriterionVerdict]:
        """Every assessment of a criterion (normally one)."""
        return [c for c in self.criteria if c.criterion == criterion]


def _texts(data: Any, *path: str) -> tuple[str, ...]:
    value = get(data, *path)
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str) and v.strip())


def _flag(data: Any, *path: str) -> bool | None:
    value = get(data, *path)
    return value if isinstance(value, bool) else None


def _verdict(value: Any) -> str | int | None:
    if isinstance(value, bool):
        return None
    return value if isinstance(value, (str, int)) else None


def read_assessment(data: Any) -> Assessment:
    """The beredning as typed values; anything but a mapping reads as an empty beredning."""
    parts = frozenset(p for p in PARTS if isinstance(get(data, p), dict))
    return Assessment(
        parts=parts,
        review_date=date(data, REVIEW, "datum"),
        review_complete=_flag(data, REVIEW, "komplett"),
        review_missing=_texts(data, REVIEW, "saknas"),
        reviewed_by=text(data, REVIEW, "granskad_av") or "",
        body=text(data, ASSESSMENT, "organ") or "",
        meeting_date=date(data, ASSESSMENT, "datum"),
        leader_presented=_flag(data, ASSESSMENT, "projektledaren_foredrog"),
        criteria=tuple(
            CriterionVerdict(
                place=index,
                criterion=text(raw, "kriterium") or "",
                verdict=_verdict(raw.get("bedomning")),
                motivation=text(raw, "motivering") or "",
            )
            for index, raw in items(data, ASSESSMENT, "kriterier")
        ),
        proposal=text(data, RECOMMENDATION, "forslag") or "",
        proposal_date=date(data, RECOMMENDATION, "datum"),
        proposed_by=text(data, RECOMMENDATION, "skriven_av") or "",
        proposed_amounts=amounts_by_year(data, RECOMMENDATION, "belopp"),
        conditions=_texts(data, RECOMMENDATION, "villkor"),
        decision_text=text(data, RECOMMENDATION, "beslutstext") or "",
        motivation=text(data, RECOMMENDATION, "motivering") or "",
    )


class Awaiting(NamedTuple):
    """The step of the beredning an application waits for, and since when: the submission (or
    the last återremiss) for the review, the complete review for the assessing body, the
    recommendation for the board. ``since`` is None when that date is unknown."""

    step: str  # AWAITING_REVIEW, AWAITING_BODY or AWAITING_BOARD
    since: dt.date | None

    def days(self, today: dt.date) -> int | None:
        """Whole days waited by ``today``; None when the start is unknown."""
        return None if self.since is None else (today - self.since).days


def following_decision(assessment: Assessment, decisions: Sequence[Decision]) -> Decision | None:
    """The board's answer to the recommendation: the first decision that decides on the
    application (beviljad, avslagen or aterremiss) dated on or after the recommendation.
    None without a dated recommendation, or while the board has not decided."""
    if assessment.proposal_date is None:
        return None
    return next(
        (
            d
            for d in decisions
            if d.outcome in DECIDING and d.date is not None and d.date >= assessment.proposal_date
        ),
        None,
    )
