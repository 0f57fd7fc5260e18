"""The idéskiss (ideskiss.md) as typed values: the idea before it becomes an application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from finsam.loader.application import (
    ANSOKAN,
    ANSOKAN_FACTS,
    BESLUT,
    BUDGET,
    IDESKISS,
    IDESKISS_FACTS,
    ApplicationFolder,
)
from finsam.loader.markdown_doc import Section
from finsam.values import amounts_by_year, date, get, items, text, whole_amount


class Sketch(NamedTuple):
    """What ideskiss.md says, with every unreadable value absent (None or empty)."""

    id: str
    title: str  # the arbetsnamn
    version: str | None  # mall.version: the version of the förbund's questions
    sent: dt.date | None  # datum: when the kansli received it
    owner: str  # the intended insatsägare's party id
    partners: tuple[str, ...]  # the intended samverkansparter, in the order given
    contact_role: str
    contact_party: str
    start: dt.date | None
    end: dt.date | None
    budget_total: int | None  # preliminar_budget.totalt
    budget_by_year: dict[int, int]  # preliminar_budget.per_ar
    sections: Sequence[Section] = ()

    @property
    def parties(self) -> list[str]:
        """Every party the idea names: the intended insatsägare first."""
        return list(dict.fromkeys(p for p in (self.owner, *self.partners) if p))

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The preliminary period, or (None, None) when it is unreadable or backwards."""
        if self.start is None or self.end is None or self.start > self.end:
            return None, None
        return self.start, self.end


SKETCH_FILES = frozenset({IDESKISS, IDESKISS_FACTS})
# What a folder holds once the idea has become an application (reports aside).
APPLICATION_FILES = frozenset({ANSOKAN, ANSOKAN_FACTS, BUDGET, BESLUT})


def sketch_stage(folder: ApplicationFolder) -> bool:
    """The folder holds an idéskiss and nothing of a later stage: no application, budget,
    decision or report. Such a folder is a complete, valid first stage."""
    found = folder.present | folder.refused
    return bool(found & SKETCH_FILES) and not found & APPLICATION_FILES and not folder.files


def _version(data: Any) -> str | None:
    version = get(data, "mall", "version")
    if isinstance(version, bool) or not isinstance(version, (int, str)):
        return None
    return str(version)


def read_sketch(data: Any, sections: Sequence[Section], fallback_id: str) -> Sketch:
    partners = (text(p, "part") or "" for _, p in items(data, "samverkansparter"))
    return Sketch(
        id=text(data, "id") or fallback_id,
        title=text(data, "titel") or fallback_id,
        version=_version(data),
        sent=date(data, "datum"),
        owner=text(data, "insatsagare", "part") or "",
        partners=tuple(p for p in partners if p),
        contact_role=text(data, "kontakt", "roll") or "",
        contact_party=text(data, "kontakt", "part") or "",
        start=date(data, "period", "start"),
        end=date(data, "period", "slut"),
        budget_total=whole_amount(get(data, "preliminar_budget", "totalt")),
        budget_by_year=amounts_by_year(data, "preliminar_budget", "per_ar"),
        sections=tuple(sections),
    )
