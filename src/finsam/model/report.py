"""A report in rapporter/: its kind and period, costs so far and participant counts."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from finsam.model.deadlines import KIND_NAMES
from finsam.values import amounts_by_year, date, get, integer, text


class Participants(NamedTuple):
    """Counts as reported; None where the report gives none."""

    women: int | None = None
    men: int | None = None
    others: int | None = None  # ovriga: neither or not stated
    total: int | None = None

    @property
    def women_share(self) -> float | None:
        """Women in percent of all participants, when both are given."""
        if self.women is None or not self.total:
            return None
        return 100 * self.women / self.total


class Report(NamedTuple):
    file: str  # the report's path, as findings name it
    kind: str  # period, ar or slut
    start: dt.date | None
    end: dt.date | None
    submitted: dt.date | None
    outcome_by_category: dict[str, dict[int, int]]  # category -> year -> kronor so far
    participants: Participants

    @property
    def outcome(self) -> dict[int, int]:
        """Costs so far per year, all categories together."""
        return outcome_per_year(self.outcome_by_category)

    @property
    def kind_name(self) -> str:
        """Lägesrapport, Årsrapport or Slutrapport."""
        return KIND_NAMES.get(self.kind, self.kind)


def outcome_by_category(data: Any) -> dict[str, dict[int, int]]:
    """A report's costs so far by category and year; unreadable values are left out."""
    raw = get(data, "utfall")
    out: dict[str, dict[int, int]] = {}
    for category, years in raw.items() if isinstance(raw, dict) else []:
        if isinstance(years, dict):
            out[category] = amounts_by_year(years)
    return out


def outcome_per_year(by_category: dict[str, dict[int, int]]) -> dict[int, int]:
    per_year: dict[int, int] = {}
    for years in by_category.values():
        for year, amount in years.items():
            per_year[year] = per_year.get(year, 0) + amount
    return dict(sorted(per_year.items()))


def read_report(file: str, data: Any) -> Report:
    return Report(
        file=file,
        kind=text(data, "typ") or "",
        start=date(data, "period", "start"),
        end=date(data, "period", "slut"),
        submitted=date(data, "inlamnad"),
        outcome_by_category=outcome_by_category(data),
        participants=Participants(
            women=integer(data, "deltagare", "kvinnor"),
            men=integer(data, "deltagare", "man"),
            others=integer(data, "deltagare", "ovriga"),
            total=integer(data, "deltagare", "totalt"),
        ),
    )


def latest(reports: list[Report], year: int) -> Report | None:
    """The report whose period ends last within the year."""
    candidates = [r for r in reports if r.end is not None and r.end.year == year]
    return max(candidates, key=lambda r: r.end or dt.date.min, default=None)
