"""Which reports an insats owes, and when: computed from the förbund's rhythm and the insats
period, never stored."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from finsam.model.budget import days_in_month
from finsam.model.forbund import Reporting

PERIOD_MONTHS = {"kvartal": 3, "tertial": 4, "halvar": 6}
RHYTHM_NAMES = {"kvartal": "varje kvartal", "tertial": "varje tertial", "halvar": "varje halvår"}
KIND_NAMES = {"period": "Lägesrapport", "ar": "Årsrapport", "slut": "Slutrapport"}


class Due(NamedTuple):
    kind: str  # period | ar | slut
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def label(self) -> str:
        return f"{KIND_NAMES[self.kind]} {self.start}–{self.end}"


def day_or_last(year: int, month: int, day: int) -> dt.date:
    """The date, or the month's last day when the month is shorter ("02-29" in most years)."""
    return dt.date(year, month, min(day, days_in_month(year, month)))


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    return day_or_last(day.year + month_index // 12, month_index % 12 + 1, day.day)


def rhythm_periods(rhythm: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The rhythm's periods (calendar quarters, tertials or halves) that overlap [start, end],
    cut to the insats period."""
    length = PERIOD_MONTHS[rhythm]
    first_month = (start.month - 1) // length * length + 1
    period_start = dt.date(start.year, first_month, 1)
    out = []
    while period_start <= end:
        period_end = add_months(period_start, length) - dt.timedelta(days=1)
        out.append((max(period_start, start), min(period_end, end)))
        period_start = add_months(period_start, length)
    return out


def schedule(reporting: Reporting, start: dt.date, end: dt.date) -> list[Due]:
    """Every report the insats owes, in due-date order."""
    dues = [
        Due("period", p_start, p_end, p_end + dt.timedelta(days=reporting.due_days))
        for p_start, p_end in rhythm_periods(reporting.rhythm, start, end)
    ]
    month, day = (int(x) for x in reporting.annual_due.split("-"))
    for year in range(start.year, end.year):  # the final report covers the last year
        dues.append(
            Due(
                "ar",
                max(start, dt.date(year, 1, 1)),
                dt.date(year, 12, 31),
                day_or_last(year + 1, month, day),
            )
        )
    dues.append(Due("slut", start, end, add_months(end, reporting.final_months)))
    return sorted(dues, key=lambda d: (d.due, d.kind))
