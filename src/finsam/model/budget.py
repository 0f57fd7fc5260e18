"""The budget as numbers: rows with whole kronor per calendar year, and every total derived.

Nothing here reads files or reports findings: the loader reads budget.yaml, the rules in
finsam.rules.budget judge it, and the budget command and the site render what this computes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from finsam.model.forbund import Category, Template
from finsam.values import amounts_by_year, date, get, items, text, whole_amount

SOUGHT = "forbundet"
OWN = "egen"
GROUPS = (("lon", "Lönekostnad"), ("lokal", "Lokalkostnad"), ("ovrigt", "Övriga kostnader"))


@dataclass(frozen=True)
class Row:
    """One budget row whose fields were readable (the schema reports the rest)."""

    index: int
    category: str
    label: str
    party: str
    financing: str
    amounts: dict[int, int]  # year -> whole kronor, given or computed
    computed: bool = False  # amounts computed from monthly salary and PO
    percent: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    monthly_salary: int | None = None
    po_percent: float | None = None
    motivation: str = ""

    @property
    def total(self) -> int:
        return sum(self.amounts.values())


def days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def months_in_year(start: dt.date, end: dt.date, year: int) -> float:
    """How many months of [start, end] fall in ``year``, counting part months by their days."""
    first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
    if first > last:
        return 0.0
    first_days = days_in_month(year, first.month)
    if first.month == last.month:
        return (last.day - first.day + 1) / first_days
    last_days = days_in_month(year, last.month)
    whole_months = last.month - first.month - 1
    return (first_days - first.day + 1) / first_days + whole_months + last.day / last_days


def salary_amounts(
    monthly: int, percent: float, po_percent: float, start: dt.date, end: dt.date
) -> dict[int, int]:
    """Yearly cost of a post: monthly salary x share of full time x (1 + PO) x months."""
    return {
        year: round(
            monthly * percent / 100 * (1 + po_percent / 100) * months_in_year(start, end, year)
        )
        for year in range(start.year, end.year + 1)
    }


def _whole_amounts(raw: Any) -> dict[int, int]:
    return amounts_by_year(raw)


def _percent(value: Any, zero_allowed: bool) -> float | None:
    """A percentage within the schema's bounds (0–100), or None: the schema reports the rest."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    low_ok = value >= 0 if zero_allowed else value > 0
    return float(value) if low_ok and value <= 100 else None


def read_rows(data: Any) -> list[Row]:
    """The rows of budget.yaml that carry enough to be counted."""
    rows = []
    for index, raw in items(data, "rader"):
        category, party, financing = (
            text(raw, "kategori"),
            text(raw, "part"),
            text(raw, "finansiering"),
        )
        if category is None or party is None or financing not in (SOUGHT, OWN):
            continue
        start, end = date(raw, "period", "start"), date(raw, "period", "slut")
        percent = _percent(get(raw, "tjanstgoringsgrad"), zero_allowed=False)
        po = _percent(get(raw, "po_paslag"), zero_allowed=True)
        monthly = whole_amount(get(raw, "manadslon"))
        amounts, computed = _whole_amounts(get(raw, "belopp")), False
        if "belopp" not in raw and None not in (monthly, percent, po, start, end):
            assert monthly is not None and percent is not None and po is not None
            assert start is not None and end is not None
            if start <= end:
                amounts, computed = salary_amounts(monthly, percent, po, start, end), True
        rows.append(
            Row(
                index=index,
                category=category,
                label=text(raw, "benamning") or "",
                party=party,
                financing=financing,
                amounts=amounts,
                computed=computed,
                percent=percent,
                start=start,
                end=end,
                monthly_salary=monthly,
                po_percent=po,
                motivation=(text(raw, "motivering") or "").strip(),
            )
        )
    return rows


@dataclass
class Totals:
    """Everything derived from the rows: per category, group, party and year."""

    years: list[int]
    by_category: dict[str, dict[str, dict[int, int]]] = field(default_factory=dict)
    by_party: dict[str, dict[str, int]] = field(default_factory=dict)
    by_year: dict[str, dict[int, int]] = field(default_factory=dict)

    def total(self, financing: str) -> int:
        return sum(self.by_year.get(financing, {}).values())

    @property
    def grand_total(self) -> int:
        return self.total(SOUGHT) + self.total(OWN)


def totals(rows: list[Row]) -> Totals:
    years = sorted({year for row in rows for year in row.amounts})
    result = Totals(years)
    categories: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    parties: dict[str, dict[str, int]] = defaultdict(lambda: {SOUGHT: 0, OWN: 0})
    per_year: dict[str, dict[int, int]] = {SOUGHT: {}, OWN: {}}
    for row in rows:
        for year, amount in row.amounts.items():
            cell = categories[row.financing][row.category]
            cell[year] = cell.get(year, 0) + amount
            per_year[row.financing][year] = per_year[row.financing].get(year, 0) + amount
        parties[row.party][row.financing] += row.total
    result.by_category = {k: dict(v) for k, v in categories.items()}
    result.by_party = dict(parties)
    result.by_year = per_year
    return result


def category_lookup(template: Template | None) -> dict[str, Category]:
    return template.category_lookup if template is not None else {}
