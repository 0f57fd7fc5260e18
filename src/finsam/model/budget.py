"""The budget as numbers: rows with whole kronor, and every total derived.

A row gives its amounts per calendar year (belopp), for the whole insats period only
(belopp_totalt), or both (then the total is a declared check of the years). A cost group can be
given per-year totals of its own (fordelning_per_ar). What is known per year is counted per
year; what is known only for the whole period stays so (``unallocated``), never spread over the
years. The one derivation made: a total for a period that lies within one calendar year is that
year's amount.

Nothing here reads files or reports findings: the loader reads budget.yaml, the rules in
finsam.rules.budget judge it, and the budget command and the site render what this computes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, NamedTuple

from finsam.model.forbund import Category, Template
from finsam.values import amounts_by_year, date, get, items, text, whole_amount

SOUGHT = "forbundet"
OWN = "egen"
GROUPS = (("lon", "Lönekostnad"), ("lokal", "Lokalkostnad"), ("ovrigt", "Övriga kostnader"))
GROUP_NAMES = dict(GROUPS)


class Post(NamedTuple):
    """Some posts of the same size in one salary row: ``number`` × ``percent`` % of full time."""

    number: int
    percent: float


class Row(NamedTuple):
    """One budget row whose fields were readable (the schema reports the rest)."""

    place: int  # its index under rader
    category: str
    label: str
    party: str | None  # None only for own financing that the parties bear together
    financing: str
    amounts: dict[int, int]  # year -> whole kronor, given, computed or derived; {} if unknown
    computed: bool = False  # amounts computed from monthly salary and PO
    derived: bool = False  # the whole-period total put in the period's only calendar year
    declared_total: int | None = None  # belopp_totalt as written
    in_kind: bool = False  # own staff, premises or the like, not money (i_natura)
    posts: tuple[Post, ...] = ()  # tjanster: several posts in one row
    percent: float | None = None  # the grade, or the posts' summed full-time percent
    start: dt.date | None = None
    end: dt.date | None = None
    monthly_salary: int | None = None
    po_percent: float | None = None
    motivation: str = ""

    @property
    def given_years(self) -> bool:
        """The row's amounts per year are its own (written, or computed from its salary)."""
        return bool(self.amounts) and not self.derived

    @property
    def total(self) -> int:
        """The row's amount for the whole period: its years, or its total when no years."""
        return sum(self.amounts.values()) if self.amounts else (self.declared_total or 0)

    @property
    def unallocated(self) -> int:
        """What the row gives only for the whole period, not per year."""
        return 0 if self.amounts else (self.declared_total or 0)

    @property
    def total_mismatch(self) -> int | None:
        """Its years minus its declared total, when it declares both and they differ."""
        if self.declared_total is None or not self.given_years:
            return None
        difference = sum(self.amounts.values()) - self.declared_total
        return difference or None


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


def read_posts(raw: Any) -> tuple[Post, ...]:
    """The readable entries of tjanster (antal × tjanstgoringsgrad)."""
    posts = []
    for _, entry in items(raw, "tjanster"):
        count, percent = get(entry, "antal"), _percent(get(entry, "tjanstgoringsgrad"), False)
        if isinstance(count, int) and not isinstance(count, bool) and count > 0 and percent:
            posts.append(Post(count, percent))
    return tuple(posts)


def full_time_percent(posts: tuple[Post, ...]) -> float | None:
    """The posts together in percent of one full-time post (2 × 100 % + 2 × 10 % is 220)."""
    return sum(p.number * p.percent for p in posts) if posts else None


def single_year(start: dt.date | None, end: dt.date | None) -> int | None:
    """The calendar year a period lies in, when it lies in one."""
    if start is None or end is None or start > end or start.year != end.year:
        return None
    return start.year


def read_rows(data: Any, period: tuple[dt.date | None, dt.date | None] = (None, None)) -> list[Row]:
    """The rows of budget.yaml that carry enough to be counted.

    ``period`` is the insats period: a row that gives only a total (belopp_totalt) gets that
    total as its amount for the year when its own period, or else the insats period, lies
    within one calendar year. Otherwise its amount stays unknown per year.
    """
    rows = []
    for index, raw in items(data, "rader"):
        category, party, financing = (
            text(raw, "kategori"),
            text(raw, "part"),
            text(raw, "finansiering"),
        )
        in_kind = get(raw, "i_natura") is True and financing == OWN
        if (
            category is None
            or financing not in (SOUGHT, OWN)
            or (party is None and financing != OWN)
        ):
            continue
        start, end = date(raw, "period", "start"), date(raw, "period", "slut")
        posts = read_posts(raw)
        percent = full_time_percent(posts) or _percent(
            get(raw, "tjanstgoringsgrad"), zero_allowed=False
        )
        po = _percent(get(raw, "po_paslag"), zero_allowed=True)
        monthly = whole_amount(get(raw, "manadslon"))
        declared = whole_amount(get(raw, "belopp_totalt"))
        amounts, computed, derived = _whole_amounts(get(raw, "belopp")), False, False
        if "belopp" not in raw and None not in (monthly, percent, po, start, end):
            assert monthly is not None and percent is not None and po is not None
            assert start is not None and end is not None
            if start <= end:
                amounts, computed = salary_amounts(monthly, percent, po, start, end), True
        if not amounts and declared is not None and "belopp" not in raw:
            own_period = (start, end) if start is not None and end is not None else period
            year = single_year(*own_period)
            if year is not None:
                amounts, derived = {year: declared}, True
        rows.append(
            Row(
                place=index,
                category=category,
                label=text(raw, "benamning") or "",
                party=party,
                financing=financing,
                amounts=amounts,
                computed=computed,
                derived=derived,
                declared_total=declared,
                in_kind=in_kind,
                posts=posts,
                percent=percent,
                start=start,
                end=end,
                monthly_salary=monthly,
                po_percent=po,
                motivation=(text(raw, "motivering") or "").strip(),
            )
        )
    return rows


class GroupYears(NamedTuple):
    """Per-year totals stated for a cost group (an entry of fordelning_per_ar)."""

    place: int  # its index under fordelning_per_ar
    group: str
    financing: str
    amounts: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.amounts.values())


def read_group_years(data: Any) -> list[GroupYears]:
    """The readable entries of fordelning_per_ar."""
    out = []
    for index, raw in items(data, "fordelning_per_ar"):
        group, financing = text(raw, "grupp"), text(raw, "finansiering")
        if group in GROUP_NAMES and financing in (SOUGHT, OWN):
            assert group is not None and financing is not None
            out.append(GroupYears(index, group, financing, amounts_by_year(raw, "belopp")))
    return out


def group_of(category: str, lookup: dict[str, Category]) -> str:
    """A category's cost group; a category the template does not know counts as övrigt."""
    known = lookup.get(category)
    return known.group if known is not None else "ovrigt"


class GroupCheck(NamedTuple):
    """How a group's stated years agree with its rows."""

    stated: GroupYears
    rows_total: int  # what the group's rows add up to for the whole period
    known: dict[int, int]  # what the group's rows give per year themselves
    first: bool  # the first entry for its group and financing (later ones are ignored)

    @property
    def difference(self) -> int:
        return self.stated.total - self.rows_total

    @property
    def short_years(self) -> dict[int, int]:
        """Years where the rows alone give more than the group's stated total (year: excess)."""
        return {
            y: a - self.stated.amounts.get(y, 0)
            for y, a in sorted(self.known.items())
            if a > self.stated.amounts.get(y, 0)
        }

    @property
    def agrees(self) -> bool:
        return self.first and self.difference == 0 and not self.short_years


def check_group_years(
    rows: list[Row], stated: list[GroupYears], lookup: dict[str, Category]
) -> list[GroupCheck]:
    seen: set[tuple[str, str]] = set()
    out = []
    for entry in stated:
        members = [
            r
            for r in rows
            if r.financing == entry.financing and group_of(r.category, lookup) == entry.group
        ]
        known: dict[int, int] = {}
        for row in members:
            for year, amount in row.amounts.items():
                known[year] = known.get(year, 0) + amount
        key = (entry.group, entry.financing)
        out.append(GroupCheck(entry, sum(r.total for r in members), known, key not in seen))
        seen.add(key)
    return out


class Totals(NamedTuple):
    """Everything derived from the rows: per category, group, party and year.

    ``by_year`` and ``by_category`` hold what is known per year; ``unallocated`` (per
    financing) and ``unallocated_by_category`` what is known only for the whole period.
    ``group_years`` holds the stated years of a group that agree with its rows; they make the
    group's amounts known per year.
    """

    years: list[int]
    by_category: dict[str, dict[str, dict[int, int]]]
    unallocated_by_category: dict[str, dict[str, int]]
    group_years: dict[str, dict[str, dict[int, int]]]
    by_party: dict[str, dict[str, int]]
    without_party: dict[str, int]
    by_year: dict[str, dict[int, int]]
    unallocated: dict[str, int]

    def total(self, financing: str) -> int:
        return sum(self.by_year.get(financing, {}).values()) + self.unallocated.get(financing, 0)

    @property
    def grand_total(self) -> int:
        return self.total(SOUGHT) + self.total(OWN)

    @property
    def has_unallocated(self) -> bool:
        return any(self.unallocated.values())


def totals(
    rows: list[Row],
    stated: list[GroupYears] | None = None,
    lookup: dict[str, Category] | None = None,
) -> Totals:
    """The totals of the rows; ``stated`` group years that agree with the rows (grouped by
    ``lookup``, the template's categories) make their group's amounts known per year."""
    lookup = lookup or {}
    categories: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    open_categories: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    parties: dict[str, dict[str, int]] = defaultdict(lambda: {SOUGHT: 0, OWN: 0})
    per_year: dict[str, dict[int, int]] = {SOUGHT: {}, OWN: {}}
    unallocated = {SOUGHT: 0, OWN: 0}
    without_party = {SOUGHT: 0, OWN: 0}
    for row in rows:
        for year, amount in row.amounts.items():
            cell = categories[row.financing][row.category]
            cell[year] = cell.get(year, 0) + amount
            per_year[row.financing][year] = per_year[row.financing].get(year, 0) + amount
        if row.unallocated:
            open_categories[row.financing][row.category] += row.unallocated
            unallocated[row.financing] += row.unallocated
        if row.party is None:
            without_party[row.financing] += row.total
        else:
            parties[row.party][row.financing] += row.total
    group_years: dict[str, dict[str, dict[int, int]]] = {}
    for check in check_group_years(rows, stated or [], lookup):
        if not check.agrees:
            continue
        entry = check.stated
        group_years.setdefault(entry.financing, {})[entry.group] = dict(
            sorted(entry.amounts.items())
        )
        sums = per_year[entry.financing]
        for year, amount in entry.amounts.items():
            rest = amount - check.known.get(year, 0)
            if rest:
                sums[year] = sums.get(year, 0) + rest
        unallocated[entry.financing] -= check.rows_total - sum(check.known.values())
    years = sorted({y for sums in per_year.values() for y in sums})
    return Totals(
        years=years,
        by_category={k: dict(v) for k, v in categories.items()},
        unallocated_by_category={k: dict(v) for k, v in open_categories.items()},
        group_years=group_years,
        by_party=dict(parties),
        without_party=without_party,
        by_year={k: dict(sorted(v.items())) for k, v in per_year.items()},
        unallocated=unallocated,
    )


def category_lookup(template: Template | None) -> dict[str, Category]:
    return template.category_lookup if template is not None else {}
