"""The budget tables of the förbund's Excel template, derived from budget.yaml.

One table model, rendered as text (terminal), Markdown (pull-request summaries and the site)
and JSON. Amounts are whole kronor; only the renderers format them.

An amount that the budget gives only for the whole insats period is never spread over the
years: its year cells stay unknown (None, shown as a dash) and it stands in a column of its
own, "Ej fördelat per år", which only tables of such budgets have. A group's stated years
(fordelning_per_ar) fill its sum line per year.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from finsam.markdown_text import literal
from finsam.model.budget import GROUPS, OWN, SOUGHT, Row, Totals, category_lookup, group_of
from finsam.model.forbund import Template
from finsam.model.insats import Insats
from finsam.sv import kronor, procent

DateText = Callable[[dt.date], str]

UNALLOCATED = "Ej fördelat per år"
UNKNOWN = "–"  # a year whose amount the budget does not give
NO_PARTY = "Parterna gemensamt (ingen enskild part)"


@dataclass(frozen=True)
class Line:
    label: str
    values: Sequence[int | None]  # one per column after the label; None: not known for the year
    total: bool = False  # a sum line, shown in bold


def cell(value: int | None) -> str:
    """A table cell: kronor, or a dash for an amount not known for the year."""
    return UNKNOWN if value is None else kronor(value)


@dataclass
class Table:
    title: str
    columns: list[str]
    lines: list[Line] = field(default_factory=list)


@dataclass
class BudgetReport:
    application_id: str
    title: str
    period: str
    declared: int | None
    totals: Totals
    tables: list[Table]
    parties: dict[str, dict[str, int]]
    without_party: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def unallocated(self) -> bool:
        return self.totals.has_unallocated


def _post_label(row: Row, category_name: str, date_text: DateText) -> str:
    details = []
    if row.posts:
        details.append(", ".join(f"{p.number} × {procent(p.percent)}" for p in row.posts))
    elif row.percent is not None:
        details.append(procent(row.percent))
    if row.start is not None and row.end is not None:
        details.append(f"{date_text(row.start)}–{date_text(row.end)}")
    label = row.label or category_name
    return label + (f" ({', '.join(details)})" if details else "")


def _columns(first: str, years: list[int], unallocated: bool) -> list[str]:
    return [first, *map(str, years), *([UNALLOCATED] if unallocated else []), "Totalt"]


def _member_values(members: list[Row], years: list[int], unallocated: bool) -> list[int | None]:
    """Per year what the rows give (None when none of them gives years), then what they give
    only for the whole period, then their total."""
    by_year = any(r.amounts for r in members)
    values: list[int | None] = [
        sum(r.amounts.get(y, 0) for r in members) if by_year else None for y in years
    ]
    if unallocated:
        values.append(sum(r.unallocated for r in members))
    values.append(sum(r.total for r in members))
    return values


def _add(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else a + b


def _sum_lines(lines: list[list[int | None]], width: int) -> list[int | None]:
    out: list[int | None] = [None] * width
    for values in lines:
        out = [_add(a, b) for a, b in zip(out, values, strict=True)]
    return [0 if v is None and i == width - 1 else v for i, v in enumerate(out)]


def _stated_values(stated: dict[int, int], years: list[int], unallocated: bool) -> list[int | None]:
    """A group's sum line from its stated years (which agree with its rows)."""
    return [
        *(stated.get(y, 0) for y in years),
        *([0] if unallocated else []),
        sum(stated.values()),
    ]


def _category_table(
    title: str,
    rows: list[Row],
    financing: str,
    years: list[int],
    template: Template | None,
    date_text: DateText,
    totals: Totals,
) -> Table | None:
    chosen = [r for r in rows if r.financing == financing]
    if not chosen:
        return None
    lookup = category_lookup(template)
    order = [c.id for c in template.categories] if template else []
    used = sorted(
        {r.category for r in chosen},
        key=lambda c: (order.index(c) if c in order else len(order), c),
    )
    unallocated = totals.has_unallocated
    table = Table(title, _columns("Kategori", years, unallocated))
    width = len(years) + 1 + unallocated
    for group, group_name in GROUPS:
        in_group = [c for c in used if group_of(c, lookup) == group]
        if not in_group:
            continue
        member_lines: list[list[int | None]] = []
        for category in in_group:
            name = lookup[category].name if category in lookup else category
            if group == "lon":
                # Each post on its own line, as in the förbund's Excel template.
                entries = [
                    (_post_label(r, name, date_text), [r]) for r in chosen if r.category == category
                ]
            else:
                entries = [(name, [r for r in chosen if r.category == category])]
            for label, members in entries:
                values = _member_values(members, years, unallocated)
                table.lines.append(Line(label, values))
                member_lines.append(values)
        stated = totals.group_years.get(financing, {}).get(group)
        group_sum = (
            _stated_values(stated, years, unallocated)
            if stated is not None
            else _sum_lines(member_lines, width)
        )
        table.lines.append(Line(f"Summa {group_name.lower()}", group_sum, total=True))
    label = "Summa från förbundet" if financing == SOUGHT else "Summa egenfinansiering"
    table.lines.append(Line(label, _financing_values(totals, financing, years), total=True))
    return table


def _financing_values(totals: Totals, financing: str, years: list[int]) -> list[int | None]:
    known = totals.by_year.get(financing, {})
    open_amount = totals.unallocated.get(financing, 0)
    values: list[int | None] = [
        known.get(y, 0) if known or not open_amount else None for y in years
    ]
    if totals.has_unallocated:
        values.append(open_amount)
    values.append(totals.total(financing))
    return values


def report_years(insats: Insats) -> list[int]:
    """The year columns: the years with amounts, and every year of the insats period when some
    amount is known only for the whole period (its year cells are then shown as unknown)."""
    years = set(insats.totals.years)
    start, end = insats.period
    if insats.totals.has_unallocated and start is not None and end is not None:
        years |= set(range(start.year, end.year + 1))
    return sorted(years)


def build_report(insats: Insats, date_text: DateText = dt.date.isoformat) -> BudgetReport:
    rows, template, forbund, summary = insats.rows, insats.template, insats.forbund, insats.totals
    years = report_years(insats)
    tables = [
        t
        for t in (
            _category_table(
                "Sökt från förbundet per kategori och år",
                rows,
                SOUGHT,
                years,
                template,
                date_text,
                summary,
            ),
            _category_table(
                "Egenfinansiering per kategori och år",
                rows,
                OWN,
                years,
                template,
                date_text,
                summary,
            ),
        )
        if t is not None
    ]
    sought = _financing_values(summary, SOUGHT, years)
    own = _financing_values(summary, OWN, years)
    overall = Table("Insatsens totala kostnad per år", _columns("", years, summary.has_unallocated))
    overall.lines += [
        Line("Från förbundet", sought),
        Line("Egenfinansiering", own),
        Line(
            "Total kostnad för insatsen",
            [_add(a, b) for a, b in zip(sought, own, strict=True)],
            total=True,
        ),
    ]
    tables.append(overall)

    application = insats.application
    owners = application.owners  # the insatsägare and any medsökande
    order = list(application.parties)
    order += sorted(p for p in summary.by_party if p not in order)
    per_party = Table("Per part", ["Part", "Sökt från förbundet", "Egenfinansiering", "Totalt"])
    parties: dict[str, dict[str, int]] = {}
    for party in order:
        amounts = summary.by_party.get(party, {SOUGHT: 0, OWN: 0})
        member = forbund.parties.get(party)
        name = member.name if member else party
        if party in owners:
            name += " (insatsägare)"
        values = [amounts[SOUGHT], amounts[OWN], amounts[SOUGHT] + amounts[OWN]]
        per_party.lines.append(Line(name, values))
        parties[party] = {"sokt": values[0], "egen": values[1], "totalt": values[2]}
    loose = summary.without_party
    if any(loose.values()):
        values = [loose[SOUGHT], loose[OWN], loose[SOUGHT] + loose[OWN]]
        per_party.lines.append(Line(NO_PARTY, values))
    per_party.lines.append(
        Line("Summa", [summary.total(SOUGHT), summary.total(OWN), summary.grand_total], total=True)
    )
    tables.append(per_party)

    start, end = application.start, application.end
    return BudgetReport(
        application_id=insats.id,
        title=insats.title,
        period=f"{start or '?'}–{end or '?'}",
        declared=application.sought,
        totals=summary,
        tables=tables,
        parties=parties,
        years=years,
        notes=[
            f"Obs: raden '{r.label}' anger totalt {kronor(r.declared_total or 0)}, men dess "
            f"belopp per år blir {kronor(r.total)}; tabellerna räknar med åren."
            for r in rows
            if r.total_mismatch
        ],
        without_party={
            "sokt": loose[SOUGHT],
            "egen": loose[OWN],
            "totalt": loose[SOUGHT] + loose[OWN],
        },
    )


def headline(report: BudgetReport) -> list[str]:
    """The lines above the tables: the period and the sum sought, what is known only for the
    whole period, the notes and a sought amount that differs from the budget's."""
    sought = report.totals.total(SOUGHT)
    lines = [f"Insatstid {report.period}. Sökt från förbundet enligt budgeten: {kronor(sought)}."]
    open_amount = report.totals.unallocated
    if report.unallocated:
        parts = [
            f"{kronor(open_amount[f])} {name}"
            for f, name in ((SOUGHT, "från förbundet"), (OWN, "i egenfinansiering"))
            if open_amount.get(f)
        ]
        lines.append(
            f"Av budgeten anges {' och '.join(parts)} bara för hela insatstiden; "
            f"det står i kolumnen {UNALLOCATED}."
        )
    lines += report.notes
    if report.declared is not None and report.declared != sought:
        lines.append(
            f"Obs: ansökan anger {kronor(report.declared)}, en skillnad på "
            f"{kronor(abs(report.declared - sought))}."
        )
    return lines


def render_text(report: BudgetReport) -> str:
    out = [f"Budget för {report.title} ({report.application_id})", *headline(report)]
    for table in report.tables:
        cells = [[line.label, *(cell(v) for v in line.values)] for line in table.lines]
        widths = [
            max(len(row[i]) for row in [table.columns, *cells]) for i in range(len(table.columns))
        ]
        out += ["", table.title]
        header = [table.columns[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(table.columns[1:], widths[1:], strict=True)
        ]
        out.append("  ".join(header).rstrip())
        out.append("  ".join("-" * w for w in widths))
        for row in cells:
            out.append(
                "  ".join(
                    [row[0].ljust(widths[0])]
                    + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
                )
            )
    return "\n".join(out) + "\n"


def render_markdown(report: BudgetReport) -> str:
    out = [f"### Budget – {literal(report.title)} (`{report.application_id}`)", ""]
    out += [literal(line) + "  " for line in headline(report)]
    for table in report.tables:
        out += ["", f"**{table.title}**", ""]
        out.append("| " + " | ".join(literal(c) for c in table.columns) + " |")
        out.append("|" + "|".join([" --- "] + [" ---: "] * (len(table.columns) - 1)) + "|")
        for line in table.lines:
            cells = [literal(line.label), *(cell(v) for v in line.values)]
            if line.total:
                cells = [f"**{c}**" for c in cells]
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def render_json(report: BudgetReport) -> str:
    def per_category(financing: str) -> dict[str, Any]:
        categories = report.totals.by_category.get(financing, {})
        return {
            "per_kategori": {
                c: {str(y): a for y, a in sorted(v.items())} for c, v in sorted(categories.items())
            },
            "per_ar": {
                str(y): a for y, a in sorted(report.totals.by_year.get(financing, {}).items())
            },
            "ej_fordelat_per_ar": report.totals.unallocated.get(financing, 0),
            "hela_perioden_per_kategori": dict(
                sorted(report.totals.unallocated_by_category.get(financing, {}).items())
            ),
            "fordelning_per_grupp": {
                g: {str(y): a for y, a in sorted(v.items())}
                for g, v in sorted(report.totals.group_years.get(financing, {}).items())
            },
            "summa": report.totals.total(financing),
        }

    document = {
        "id": report.application_id,
        "titel": report.title,
        "ar": report.years,
        "sokt_belopp_i_ansokan": report.declared,
        "fran_forbundet": per_category(SOUGHT),
        "egenfinansiering": per_category(OWN),
        "per_part": report.parties,
        "utan_enskild_part": report.without_party,
        "total_kostnad": report.totals.grand_total,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
