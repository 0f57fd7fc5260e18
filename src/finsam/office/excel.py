"""Excel, both ways: the budget template of a mall, the import of a filled-in template into
budget.yaml, an application's budget exported into the same template, and the figures for
Uppföljning Finsam as a workbook. Everything goes through openpyxl."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from finsam.findings import Finding
from finsam.loader.text import normalize_text
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.budget import GROUP_NAMES, Row, read_group_years, read_rows
from finsam.model.forbund import Forbund, Template
from finsam.office.excel_followup import followup_workbook_bytes
from finsam.office.excel_import import import_workbook
from finsam.office.excel_layout import FINANCING_LABELS
from finsam.office.excel_template import GroupLine, Line, budget_workbook_bytes

__all__ = ["budget_template", "budget_workbook", "followup_workbook", "import_budget"]


def budget_template(forbund: Forbund, template: Template, years: Sequence[int]) -> bytes:
    """An empty budget template (.xlsx) for ``template``, with a column for each of ``years``."""
    return budget_workbook_bytes(forbund, template, years)


def import_budget(
    data: bytes, rel: str, forbund: Forbund, template: Template
) -> tuple[str | None, list[Finding]]:
    """The text of budget.yaml from a filled-in template, and every problem as a finding in
    ``rel`` that names its cell; the text is None when there is an error."""
    return import_workbook(data, rel, forbund, template)


def _lines(row: Row, template: Template, forbund: Forbund) -> list[Line]:
    """A budget row as the template's lines: the row, then a line for each further size of
    its posts."""
    category = template.category_lookup.get(row.category)
    per_year = row.given_years
    first = row.posts[0] if row.posts else None
    lines = [
        Line(
            category=category.name if category is not None else row.category,
            label=row.label,
            party=forbund.party_name(row.party) if row.party is not None else None,
            financing=FINANCING_LABELS[row.financing],
            in_kind=row.in_kind,
            percent=first.percent if first is not None else row.percent,
            posts=first.number if first is not None else None,
            start=row.start,
            end=row.end,
            amounts=row.amounts if per_year else {},
            whole_period=None if per_year else row.declared_total,
            motivation=row.motivation or None,
        )
    ]
    lines += [Line(percent=p.percent, posts=p.number) for p in row.posts[1:]]
    return lines


def budget_workbook(
    budget_yaml_text: str,
    forbund: Forbund,
    template: Template,
    years: Sequence[int] | None = None,
) -> bytes:
    """An application's budget (the text of its budget.yaml) in the template's layout, with
    live sums. The years are those of the budget (its amounts, its posts' periods and its
    groups' stated years), and ``years`` when given; a year with amounts always has its column.

    What the template has no column for is written as what it comes to: amounts computed
    from a monthly salary (manadslon, po_paslag) are written per year. A group's stated years
    (fordelning_per_ar) go in the table below the sums."""
    doc, _ = parse_yaml(normalize_text(budget_yaml_text), "budget.yaml")
    rows = read_rows(doc.data) if doc is not None else []
    groups = read_group_years(doc.data) if doc is not None else []
    used = {y for r in rows if r.given_years for y in r.amounts}
    used |= {y for g in groups for y in g.amounts}
    if years is None:
        for row in rows:
            start, end = row.start, row.end
            # A post's years get columns, within reason: a period of decades is a mistake.
            if start is not None and end is not None and 0 <= end.year - start.year < 10:
                used |= set(range(start.year, end.year + 1))
    else:
        used |= set(years)
    lines = [line for row in rows for line in _lines(row, template, forbund)]
    motivation = any(c.needs_motivation for c in template.categories) or any(
        r.motivation for r in rows
    )
    group_lines = [
        GroupLine(GROUP_NAMES[g.group], FINANCING_LABELS[g.financing], g.amounts) for g in groups
    ]
    return budget_workbook_bytes(forbund, template, sorted(used), lines, motivation, group_lines)


def followup_workbook(root: Path, forbund: Forbund, year: int) -> bytes:
    """The figures for Uppföljning Finsam for ``year`` as a workbook (finsam.followup's
    records, as the CSV export has them)."""
    return followup_workbook_bytes(root, forbund, year)
