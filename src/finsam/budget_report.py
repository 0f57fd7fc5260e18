"""The budget tables of the förbund's Excel template, derived from budget.yaml.

One table model, rendered as text (terminal), Markdown (pull-request summaries and the site)
and JSON. Amounts are whole kronor; only the renderers format them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from finsam.markdown_text import literal
from finsam.model.budget import GROUPS, OWN, SOUGHT, Row, Totals, category_lookup
from finsam.model.forbund import Template
from finsam.model.insats import Insats
from finsam.sv import kronor, procent

DateText = Callable[[dt.date], str]


@dataclass(frozen=True)
class Line:
    label: str
    values: list[int]
    total: bool = False  # a sum line, shown in bold


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


def _post_label(row: Row, category_name: str, date_text: DateText) -> str:
    details = []
    if row.percent is not None:
        details.append(procent(row.percent))
    if row.start is not None and row.end is not None:
        details.append(f"{date_text(row.start)}–{date_text(row.end)}")
    label = row.label or category_name
    return label + (f" ({', '.join(details)})" if details else "")


def _category_table(
    title: str,
    rows: list[Row],
    financing: str,
    years: list[int],
    template: Template | None,
    date_text: DateText,
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
    table = Table(title, ["Kategori", *map(str, years), "Totalt"])
    overall = [0] * (len(years) + 1)
    for group, group_name in GROUPS:
        in_group = [c for c in used if (lookup[c].group if c in lookup else "ovrigt") == group]
        if not in_group:
            continue
        group_sum = [0] * (len(years) + 1)
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
                values = [sum(r.amounts.get(y, 0) for r in members) for y in years]
                values.append(sum(values))
                table.lines.append(Line(label, values))
                group_sum = [a + b for a, b in zip(group_sum, values, strict=True)]
        table.lines.append(Line(f"Summa {group_name.lower()}", group_sum, total=True))
        overall = [a + b for a, b in zip(overall, group_sum, strict=True)]
    label = "Summa från förbundet" if financing == SOUGHT else "Summa egenfinansiering"
    table.lines.append(Line(label, overall, total=True))
    return table


def build_report(insats: Insats, date_text: DateText = dt.date.isoformat) -> BudgetReport:
    rows, template, forbund, summary = insats.rows, insats.template, insats.forbund, insats.totals
    years = summary.years
    tables = [
        t
        for t in (
            _category_table(
                "Sökt från förbundet per kategori och år", rows, SOUGHT, years, template, date_text
            ),
            _category_table(
                "Egenfinansiering per kategori och år", rows, OWN, years, template, date_text
            ),
        )
        if t is not None
    ]
    sought = [summary.by_year[SOUGHT].get(y, 0) for y in years]
    own = [summary.by_year[OWN].get(y, 0) for y in years]
    overall = Table("Insatsens totala kostnad per år", ["", *map(str, years), "Totalt"])
    overall.lines += [
        Line("Från förbundet", [*sought, sum(sought)]),
        Line("Egenfinansiering", [*own, sum(own)]),
        Line(
            "Total kostnad för insatsen",
            [a + b for a, b in zip([*sought, sum(sought)], [*own, sum(own)], strict=True)],
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
    )


def _headline(report: BudgetReport) -> list[str]:
    sought = report.totals.total(SOUGHT)
    lines = [f"Insatstid {report.period}. Sökt från förbundet enligt budgeten: {kronor(sought)}."]
    if report.declared is not None and report.declared != sought:
        lines.append(
            f"Obs: ansökan anger {kronor(report.declared)}, en skillnad på "
            f"{kronor(abs(report.declared - sought))}."
        )
    return lines


def render_text(report: BudgetReport) -> str:
    out = [f"Budget för {report.title} ({report.application_id})", *_headline(report)]
    for table in report.tables:
        cells = [[line.label, *(kronor(v) for v in line.values)] for line in table.lines]
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
    out += [line + "  " for line in _headline(report)]
    for table in report.tables:
        out += ["", f"**{table.title}**", ""]
        out.append("| " + " | ".join(literal(c) for c in table.columns) + " |")
        out.append("|" + "|".join([" --- "] + [" ---: "] * (len(table.columns) - 1)) + "|")
        for line in table.lines:
            cells = [literal(line.label), *(kronor(v) for v in line.values)]
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
            "summa": report.totals.total(financing),
        }

    document = {
        "id": report.application_id,
        "titel": report.title,
        "ar": report.totals.years,
        "sokt_belopp_i_ansokan": report.declared,
        "fran_forbundet": per_category(SOUGHT),
        "egenfinansiering": per_category(OWN),
        "per_part": report.parties,
        "total_kostnad": report.totals.grand_total,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
