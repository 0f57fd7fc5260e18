"""Every generated page and file of the public site, as plain text keyed by its docs path.

Used by the MkDocs plugin (finsam.site.plugin) and by `finsam sajt`, which writes the same
files to a folder so that any MkDocs-compatible tool can build the site.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

from finsam.budget_report import UNALLOCATED, build_report
from finsam.cores import forked_map
from finsam.editor_schemas import editor_schema_files
from finsam.model.application import DIRECTION_NAMES, Goal
from finsam.model.assessment import ASSESSMENT, RECOMMENDATION
from finsam.model.budget import OWN, SOUGHT
from finsam.model.decision import BODY_NAMES, GRANTED, STATUS_NAMES
from finsam.model.forbund import Forbund
from finsam.model.insats import Insats
from finsam.model.report import Report
from finsam.schemas import DATA_SCHEMA, SCHEMA_FILES, schema_dir
from finsam.site import html_parts as h
from finsam.site.feeds import generated_at, giving360, insatser_json, rss
from finsam.site.field_guide import field_guide_page, template_files, templates_page
from finsam.site.form_page import PAGE as FORM_PAGE
from finsam.site.form_page import form_page
from finsam.site.html_parts import Markup, html, join
from finsam.site.insatser import (
    approved_insatser,
    decisions_by_date,
    lead,
    published_assessment,
    published_sections,
    published_sketches,
    status_name,
    summary,
)
from finsam.site.links import link
from finsam.site.render import bar_chart, date_sv, kr, markdown_html, period_sv
from finsam.site.rule_catalog import catalog_markdown
from finsam.sv import antal

INDEX = "insatser/index.md"
BY_YEAR = "insatser/per-ar.md"
BY_PARTY = "insatser/per-part.md"
STATISTICS = "statistik.md"
SKETCHES = "ideskisser.md"  # only when the förbund publishes its idéskisser
SOUGHT_COLOUR, OWN_COLOUR = "#1f5f8b", "#8a4b08"


def insats_path(insats: Insats) -> str:
    return f"insats/{insats.id}.md"


def _party(forbund: Forbund, party: str) -> str:
    member = forbund.parties.get(party)
    return member.name if member else party


def _owners(forbund: Forbund, insats: Insats) -> str:
    """The insatsägare, and the medsökande with them: 'Provby kommun och Dalby kommun'."""
    return forbund.party_names(insats.application.owners)


def _insats_link(from_md: str, insats: Insats) -> Markup:
    return h.a(link(from_md, insats_path(insats)), insats.title)


def _options(label: str, name: str, choices: list[tuple[str, str]]) -> Markup:
    """A labelled choice of the filter form, with 'Alla' first."""
    return html(
        '<div class="finsam-filter__falt"><label for="filter-{name}">{label}</label>'
        '<select id="filter-{name}" name="{name}"><option value="">Alla</option>{options}'
        "</select></div>",
        name=name,
        label=label,
        options=join(html('<option value="{}">{}</option>', v, t) for v, t in choices),
    )


def _filter_form(insatser: list[Insats], forbund: Forbund) -> Markup:
    """Filters and sorting for the list below. Shown only where scripts run (the page's head
    marks the page before it is drawn, so nothing moves when the form appears): without
    JavaScript the list is a plain list by start year."""
    years = sorted({year for i in insatser for year in i.granted}, reverse=True)
    statuses = sorted({i.last_outcome or GRANTED for i in insatser})
    return html(
        '<form class="finsam-filter" role="search" aria-label="Filtrera insatserna" '
        'data-finsam-filter><div class="finsam-filter__falt"><label for="filter-text">'
        'Fritext</label><input id="filter-text" name="text" type="search"></div>'
        "{years}{members}{directions}{statuses}"
        '<div class="finsam-filter__falt"><label for="filter-sortering">Sortering</label>'
        '<select id="filter-sortering" name="sortering">'
        '<option value="start">Senast startade först</option>'
        '<option value="titel">Titel, A till Ö</option>'
        '<option value="belopp">Störst beviljat belopp först</option></select></div></form>'
        '<p class="finsam-antal" aria-live="polite" data-finsam-antal></p>',
        years=_options("Beviljat för år", "ar", [(str(y), str(y)) for y in years]),
        members=_options("Medlem", "medlem", [(p.id, p.name) for p in forbund.parties.values()]),
        directions=_options("Inriktning", "inriktning", list(DIRECTION_NAMES.items())),
        statuses=_options(
            "Status", "status", [(s, STATUS_NAMES.get(s, s).capitalize()) for s in statuses]
        ),
    )


def _list_item(insats: Insats, forbund: Forbund) -> Markup:
    """One insats in the list, with what the filters look at in data attributes."""
    app = insats.application
    return html(
        '<li data-ar="{years}" data-medlem="{members}" data-inriktning="{direction}" '
        'data-status="{status}" data-belopp="{amount}">{link} '
        '<span class="finsam-om">{owners} · {period} · {granted}</span></li>',
        years=" ".join(str(y) for y in sorted(insats.granted)),
        members=" ".join(app.parties),
        direction=app.direction,
        status=insats.last_outcome or GRANTED,
        amount=insats.granted_total,
        link=_insats_link(INDEX, insats),
        owners=_owners(forbund, insats),
        period=period_sv(app.start, app.end),
        granted=kr(insats.granted_total),
    )


def index_page(insatser: list[Insats], forbund: Forbund) -> str:
    """Every approved insats, by start year (newest first) with a link to each year, and a
    filter form that the site's script brings to life."""
    by_start: dict[str, list[Insats]] = defaultdict(list)
    for insats in insatser:  # newest first already
        start = insats.application.start
        by_start[str(start.year) if start else "Utan startdatum"].append(insats)
    intro = html(
        "<p>{name} har beviljat medel till {count}. Se också {by_year}, {by_party} och "
        "{statistics}. Uppgifterna finns också som {data} och som {feed}.</p>",
        name=forbund.name,
        count=antal(len(insatser), "samverkansinsats", "samverkansinsatser"),
        by_year=h.a(link(INDEX, BY_YEAR), "insatserna per år"),
        by_party=h.a(link(INDEX, BY_PARTY), "per medlem"),
        statistics=h.a(link(INDEX, STATISTICS), "statistiken"),
        data=h.a(link(INDEX, "insatser.json"), "öppna data (JSON)"),
        feed=h.a(link(INDEX, "rss.xml"), "nyhetsflöde (RSS) med besluten"),
    )
    if not insatser:
        intro = html(
            "<p>{} har ännu inte beviljat medel till någon samverkansinsats.</p>", forbund.name
        )
    body: list[h.Part] = [intro]
    if forbund.publish_sketches:
        body.append(
            html(
                "<p>Idéer som ännu inte har blivit ansökningar finns bland {}.</p>",
                h.a(link(INDEX, SKETCHES), "idéskisserna"),
            )
        )
    if len(by_start) > 1:
        body.append(
            html(
                '<nav class="finsam-ar" aria-label="Startår"><p>Gå till de insatser som '
                "startade år: {}</p></nav>",
                join((h.a(f"#{h.slug(f'Startade {year}')}", year) for year in by_start), " "),
            )
        )
    if insatser:
        body.append(_filter_form(insatser, forbund))
    for year, chosen in by_start.items():
        body.append(h.h2(f"Startade {year}"))
        body.append(
            html(
                '<ul class="finsam-insatslista" data-search-exclude>{}</ul>',
                join((_list_item(i, forbund) for i in chosen), " "),
            )
        )
    return h.page("Beviljade insatser", body)


def by_year_page(insatser: list[Insats], forbund: Forbund) -> str:
    years: dict[int, list[Insats]] = defaultdict(list)
    for insats in insatser:
        for year in insats.granted:
            years[year].append(insats)
    body: list[h.Part] = [html("<p>Beviljade medel per kalenderår och insats.</p>")]
    for year in sorted(years, reverse=True):
        chosen = years[year]
        total = sum(i.granted[year] for i in chosen)
        body.append(h.h2(str(year)))
        body.append(
            h.table(
                f"Beviljat {year}, totalt {kr(total)}",
                ["Insats", "Insatsägare", "Beviljat"],
                [
                    (
                        _insats_link(BY_YEAR, i),
                        _owners(forbund, i),
                        kr(i.granted[year]),
                    )
                    for i in chosen
                ],
                numeric_from=2,
                searchable=False,
            )
        )
    return h.page("Insatser per år", body)


def by_party_page(insatser: list[Insats], forbund: Forbund) -> str:
    body: list[h.Part] = [
        html(
            "<p>De beviljade insatser som varje medlem deltar i, som insatsägare eller "
            "samverkanspart.</p>"
        )
    ]
    for party in forbund.parties.values():
        chosen = [i for i in insatser if party.id in i.application.parties]
        body.append(h.h2(party.name))
        if not chosen:
            body.append(html("<p>Deltar inte i någon av de beviljade insatserna.</p>"))
            continue
        body.append(
            html(
                "<p>Deltar i {}. {}</p>",
                antal(len(chosen), "beviljad insats", "beviljade insatser"),
                h.a(f"{link(BY_PARTY, INDEX)}?medlem={party.id}", "Visa dem i listan med filter"),
            )
        )
        # A list, not a table: at a thousand insatser the page holds one entry per insats and
        # member, and a table row costs the browser twice as many elements.
        entries = html(
            '<ul class="finsam-insatslista" data-search-exclude>{}</ul>',
            join(
                (
                    html(
                        '<li>{} <span class="finsam-om">{} · {}</span></li>',
                        _insats_link(BY_PARTY, i),
                        "Insatsägare" if party.id in i.application.owners else "Samverkanspart",
                        period_sv(i.application.start, i.application.end),
                    )
                    for i in chosen
                ),
                " ",
            ),
        )
        body.append(_folded(entries, len(chosen)))
    return h.page("Insatser per medlem", body)


SHOWN_UP_TO = 10  # entries of a list shown at once; a longer list opens on request


def _folded(entries: Markup, count: int) -> Markup:
    """A long list behind a button that opens it (details/summary: keyboard and screen readers
    know it, no script needed). Closed, its entries cost the browser no layout: with every
    member's list open, Per medlem at a thousand insatser laid out some 12,000 elements."""
    if count <= SHOWN_UP_TO:
        return entries
    return html(
        '<details class="finsam-fallbar"><summary>Visa alla {}</summary>{}</details>',
        antal(count, "insats", "insatser"),
        entries,
    )


def _participants_table(insatser: list[Insats]) -> Markup:
    """Participants per year and kön: for each insats, its latest report within the year."""
    per_year: dict[str, list[int]] = {}
    for insats in insatser:
        latest: dict[str, Report] = {}
        for report in insats.reports:
            end = report.end
            if report.participants.total is not None and end is not None:
                year = str(end.year)
                if year not in latest or end >= (latest[year].end or end):
                    latest[year] = report
        for year, report in latest.items():
            sums = per_year.setdefault(year, [0, 0, 0, 0])
            counts = report.participants
            for index, value in enumerate((counts.women, counts.men, counts.others, counts.total)):
                sums[index] += value or 0
    return h.table(
        "Deltagare per år och kön enligt insatsernas senaste rapport för året",
        ["År", "Kvinnor", "Män", "Övriga", "Totalt"],
        [(year, *(str(v) for v in sums)) for year, sums in sorted(per_year.items())],
    )


def statistics_page(insatser: list[Insats], forbund: Forbund) -> str:
    per_year: dict[int, int] = defaultdict(int)
    per_owner: dict[str, int] = defaultdict(int)
    per_direction: dict[str, int] = defaultdict(int)
    for insats in insatser:
        for year, amount in insats.granted.items():
            per_year[year] += amount
        for owner in insats.application.owners:  # joint owners: each is credited in full
            per_owner[owner] += insats.granted_total
        per_direction[insats.application.direction] += 1
    years = sorted(per_year)
    body: list[h.Part] = [
        html(
            "<p>Sammanställning av {}.</p>",
            antal(len(insatser), "beviljad insats", "beviljade insatser"),
        ),
        h.h2("Beviljat per år"),
        bar_chart(
            "Beviljade medel per år",
            years,
            [("Beviljat", [per_year[y] for y in years], SOUGHT_COLOUR)],
        )
        if years
        else html("<p>Inga beviljade medel ännu.</p>"),
        h.table(
            "Beviljade medel per år", ["År", "Beviljat"], [(str(y), kr(per_year[y])) for y in years]
        ),
        h.h2("Beviljat per medlem som insatsägare"),
        html(
            "<p>En insats som flera medlemmar "
            "söker tillsammans räknas fullt ut hos var och en av dem.</p>"
        ),
        h.table(
            "Beviljade medel per insatsägare",
            ["Medlem", "Beviljat"],
            [(p.name, kr(per_owner.get(p.id, 0))) for p in forbund.parties.values()],
        ),
        h.h2("Deltagare per år"),
        _participants_table(insatser),
        h.h2("Insatser per inriktning"),
        h.table(
            "Antal insatser per inriktning",
            ["Inriktning", "Antal"],
            [(label, str(per_direction.get(key, 0))) for key, label in DIRECTION_NAMES.items()],
        ),
    ]
    return h.page("Statistik", body)


def _goal_list(goals: tuple[Goal, ...]) -> Markup:
    mark = html(" <strong>(jämställdhets- eller jämlikhetsmål)</strong>")
    return html(
        "<ul>{}</ul>",
        join(html("<li>{}{}</li>", goal.text, mark if goal.equality else "") for goal in goals),
    )


def _report_order(report: Report) -> tuple[str, str]:
    return (report.end.isoformat() if report.end else "", report.kind)


def _report_parts(insats: Insats) -> list[h.Part]:
    if not insats.reports:
        return []
    parts: list[h.Part] = [h.h2("Rapporter och utfall")]
    parts.append(
        h.table(
            "Inlämnade rapporter",
            ["Rapport", "Period", "Inlämnad", "Kvinnor", "Män", "Deltagare totalt"],
            [
                (
                    r.kind_name,
                    period_sv(r.start, r.end),
                    date_sv(r.submitted) if r.submitted else "–",
                    *("–" if n is None else str(n) for n in (p.women, p.men, p.total)),
                )
                for r in sorted(insats.reports, key=_report_order)
                for p in (r.participants,)
            ],
            numeric_from=3,
        )
    )
    granted, outcome = insats.granted, insats.outcome
    years = sorted(set(granted) | set(outcome))
    parts.append(
        bar_chart(
            f"Utfall mot beviljat för {insats.title}",
            years,
            [
                ("Beviljat", [granted.get(y, 0) for y in years], SOUGHT_COLOUR),
                ("Utfall hittills", [outcome.get(y, 0) for y in years], OWN_COLOUR),
            ],
        )
    )
    parts.append(
        h.table(
            "Utfall mot beviljat per år",
            ["År", "Beviljat", "Utfall hittills"],
            [(str(y), kr(granted.get(y, 0)), kr(outcome.get(y, 0))) for y in years],
        )
    )
    return parts


def _assessment_parts(insats: Insats, forbund: Forbund) -> list[h.Part]:
    """The beredning's assessment and recommendation, as far as publicering.beredning allows
    (see site.insatser.published_assessment); nothing by default."""
    parts = published_assessment(insats, forbund)
    assessment, config = insats.assessment, forbund.assessment
    if not parts or assessment is None:
        return []
    out: list[h.Part] = [h.h2("Beredning")]
    if ASSESSMENT in parts and config is not None:
        names = {c.id: c.name for c in config.criteria}
        out.append(
            html(
                "<p>{} bedömde ansökan mot förbundets kriterier den {}.</p>",
                config.body_name[:1].upper() + config.body_name[1:],
                date_sv(assessment.meeting_date),
            )
        )
        out.append(
            h.table(
                "Bedömningen kriterium för kriterium",
                ["Kriterium", "Bedömning", "Motivering"],
                [
                    (
                        names.get(c.criterion, c.criterion),
                        config.verdict_name(c.verdict).capitalize(),
                        c.motivation,
                    )
                    for c in assessment.criteria
                ],
                numeric_from=99,
            )
        )
    if RECOMMENDATION in parts:
        amounts = ", ".join(f"{y}: {kr(a)}" for y, a in sorted(assessment.proposed_amounts.items()))
        out.append(
            html(
                "<p>Förslaget till styrelsen den {} var att {}.{}</p>",
                date_sv(assessment.proposal_date),
                assessment.proposal_name,
                f" Föreslaget belopp: {amounts}." if amounts else "",
            )
        )
        if assessment.decision_text:
            out.append(html("<blockquote><p>{}</p></blockquote>", assessment.decision_text))
        if assessment.conditions:
            out.append(
                html(
                    "<p>Föreslagna villkor:</p><ul>{}</ul>",
                    join(html("<li>{}</li>", c) for c in assessment.conditions),
                )
            )
        if assessment.motivation:
            out.append(html("<p>{}</p>", assessment.motivation))
    return out


def _dates(insats: Insats) -> tuple[dt.date | None, dt.date | None]:
    """When the insats was first granted money, and the latest date anything was added to it
    (a decision, or a report handed in)."""
    granted = [d.date for d in insats.decisions if d.grants and d.date is not None]
    known = [
        *(d.date for d in insats.decisions if d.date is not None),
        *(r.submitted for r in insats.reports if r.submitted is not None),
    ]
    return (min(granted) if granted else None), (max(known) if known else None)


def _diary_numbers(insats: Insats) -> str:
    return ", ".join(
        dict.fromkeys(d.diary_number for d in decisions_by_date(insats) if d.diary_number)
    )


def _per_year(amounts: dict[int, int]) -> str:
    return ", ".join(f"{year}: {kr(amount)}" for year, amount in sorted(amounts.items()))


SearchEntry = tuple[str, str, str]  # location, title, text: one entry of the site's search


def search_entry(
    insats: Insats, forbund: Forbund, location: str, about: str | None = None
) -> SearchEntry:
    """What the site's search knows of an insats: its title, the opening of its summing-up
    section, who runs it with whom, its years, direction and status, as one entry that leads
    to its page (not every word of every section, which at a thousand insatser made the index
    19 MB)."""
    years = ", ".join(str(year) for year in sorted(insats.granted))
    direction = DIRECTION_NAMES.get(insats.application.direction, insats.application.direction)
    parties = forbund.party_names(insats.application.parties)
    # Short: at a thousand insatser every word here is a thousand words in the visitor's index.
    words = f"{parties}. {direction}. {years}. {status_name(insats)}."
    if about is None:  # made with the page (insats_pages) when the site is built
        about = summary(insats, forbund)
    # Plain text, as every entry of the index: the search escapes what it shows.
    return (location, insats.title, f"{about} {words}".strip())


def insats_page(insats: Insats, forbund: Forbund) -> str:
    path = insats_path(insats)
    report = build_report(insats, date_text=date_sv)
    facts: list[tuple[str, str | Markup]] = [
        ("Status", status_name(insats)),
        ("Insatsägare", _owners(forbund, insats)),
        ("Samverkansparter", ", ".join(_party(forbund, p) for p in insats.application.partners)),
        (
            "Inriktning",
            DIRECTION_NAMES.get(insats.application.direction, insats.application.direction),
        ),
        ("Insatstid", period_sv(insats.application.start, insats.application.end)),
    ]
    if insats.application.last_intake:
        facts.append(("Sista intag", date_sv(insats.application.last_intake)))
    if insats.application.age_min is not None and insats.application.age_max is not None:
        facts.append(
            ("Målgruppens ålder", f"{insats.application.age_min}–{insats.application.age_max} år")
        )
    if insats.application.participants is not None:
        facts.append(("Förväntat antal deltagare", str(insats.application.participants)))
    facts.append(("Beviljat per år", _per_year(insats.granted)))
    first, latest = _dates(insats)
    if first is not None:
        facts.append(("Beviljad", date_sv(first)))
    if latest is not None and latest != first:
        facts.append(("Senast uppdaterad", date_sv(latest)))
    facts.append(("Beviljat totalt", kr(insats.granted_total)))
    if _diary_numbers(insats):
        facts.append(("Diarienummer", _diary_numbers(insats)))
    facts.append(("Kontakt", h.a("#kontakt", "Kontaktvägar längre ned på sidan")))
    summary = html(
        '<dl class="finsam-fakta">{}</dl>',
        join((html("<dt>{}</dt> <dd>{}</dd>", k, v) for k, v in facts), " "),
    )
    body: list[h.Part] = [
        html("<p>{}</p>", lead(insats, forbund)),
        summary,
        h.CONTENTS,
        h.h2("Parter och resurser"),
    ]
    body.append(
        h.table(
            "Parternas resurser i insatsen",
            ["Part", "Resurser"],
            [
                (_party(forbund, p), insats.application.resources.get(p, ""))
                for p in insats.application.parties
            ],
            numeric_from=99,
        )
    )
    sections = published_sections(insats)
    # The goals as the front matter lists them, with the application's own text on its goals
    # (a section called Mål) below them under one heading.
    goal_texts = [text for heading, text in sections if heading.casefold() == "mål"]
    body += [h.h2("Mål"), h.h3("Effektmål"), _goal_list(insats.application.effect_goals)]
    body += [h.h3("Resultatmål"), _goal_list(insats.application.result_goals)]
    body += [html('<div class="finsam-text">{}</div>', markdown_html(t)) for t in goal_texts]
    for heading, section in sections:
        if heading.casefold() != "mål":
            body.append(h.h2(heading))
            body.append(html('<div class="finsam-text">{}</div>', markdown_html(section)))
    body.append(h.h2("Budget"))
    years = report.totals.years
    if years:
        chart = bar_chart(
            f"Budget per år för {insats.title}",
            years,
            [
                (
                    "Från förbundet",
                    [report.totals.by_year[SOUGHT].get(y, 0) for y in years],
                    SOUGHT_COLOUR,
                ),
                (
                    "Egenfinansiering",
                    [report.totals.by_year[OWN].get(y, 0) for y in years],
                    OWN_COLOUR,
                ),
            ],
        )
        body.append(
            html(
                "<figure>{}<figcaption>Budget per år. Samma siffror finns i tabellen Insatsens "
                "totala kostnad per år.</figcaption></figure>",
                chart,
            )
        )
    if report.unallocated:
        body.append(
            html(
                "<p>{} av budgeten anges bara för hela insatstiden och är inte fördelat per år. "
                "Det visas inte i diagrammet; i tabellerna står det i kolumnen {}, och ett "
                "streck betyder att beloppet för året inte är angivet.</p>",
                kr(sum(report.totals.unallocated.values())),
                UNALLOCATED,
            )
        )
    body += [h.budget_table(t) for t in report.tables]
    body += _report_parts(insats)
    body += _assessment_parts(insats, forbund)
    body.append(h.h2("Beslut"))
    for decision in decisions_by_date(insats):
        reference = ", ".join(
            x
            for x in (decision.paragraph, decision.diary_number and f"dnr {decision.diary_number}")
            if x
        )
        granted = ", ".join(f"{y}: {kr(a)}" for y, a in sorted(decision.granted.items()))
        body.append(
            html(
                "<p><strong>{outcome}</strong> av {body} den {date} ({reference}).{granted}</p>",
                outcome=STATUS_NAMES.get(decision.outcome, decision.outcome).capitalize(),
                body=BODY_NAMES.get(decision.body, decision.body),
                date=date_sv(decision.date),
                reference=reference,
                granted=f" Beviljat: {granted}." if granted else "",
            )
        )
        if decision.conditions:
            body.append(
                html(
                    "<p>Villkor:</p><ul>{}</ul>",
                    join(html("<li>{}</li>", c) for c in decision.conditions),
                )
            )
    publish_names = forbund.publish_contacts
    body.append(h.h2("Kontakt"))
    contacts = []
    for contact in insats.application.contacts:
        line = f"{contact.role}, {_party(forbund, contact.party)}"
        if publish_names and contact.name:
            line += f": {contact.name}"
        if publish_names and contact.email:
            contacts.append(html("<li>{}, {}</li>", line, h.mailto(contact.email)))
        else:
            contacts.append(html("<li>{}</li>", line))
    body.append(
        html(
            "<p>Om insatsens arbete svarar insatsägaren:</p><ul>{}</ul><p>Om förbundets beslut "
            "och medel svarar kansliet hos {name}, {mail}.</p><p>{all}</p>",
            join(contacts),
            name=forbund.name,
            mail=h.mailto(forbund.email),
            all=h.a(link(path, INDEX), "Alla beviljade insatser"),
        )
    )
    return h.page(
        insats.title,
        body,
        description=f"Beviljad samverkansinsats hos {forbund.name}.",
        searchable=False,  # one entry of its own: search_entry
    )


# From this many insatser on, their pages are made on every core (finsam.cores).
PARALLEL_FROM = 64
_pages_of: list[tuple[Insats, Forbund]] = []


def _insats_page_at(index: int) -> tuple[str, str]:
    insats, forbund = _pages_of[index]
    return insats_page(insats, forbund), summary(insats, forbund)


def insats_pages(insatser: list[Insats], forbund: Forbund) -> list[tuple[str, str]]:
    """Each insats's page and its summary for the search, in order; many are shared among the
    processor's cores."""
    _pages_of[:] = [(insats, forbund) for insats in insatser]
    try:
        return forked_map(_insats_page_at, len(insatser), PARALLEL_FROM)
    finally:
        _pages_of.clear()


def with_search_entries(index: str, entries: list[SearchEntry]) -> str:
    """The theme's search index (search_index.json) as the site's search reads it
    (docs/javascripts/sokmotor.js): each entry as [location, title, text], the title and
    text as plain text, which the search escapes when it shows them, and the insatser's own
    entries added. (Arrays, not objects: at a thousand insatser the names alone were 40 KB.)"""
    data = json.loads(index)
    docs = [
        (doc["location"], h.plain_text(doc.get("title", "")), h.plain_text(doc.get("text", "")))
        for doc in data.get("docs", [])
    ]
    data["docs"] = [*docs, *entries]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def sketches_page(sketches: list[Insats], forbund: Forbund) -> str:
    """The idéskisser that have come in and not yet become applications, when the förbund has
    chosen to publish them: the facts and the answers, never the contact."""
    body: list[h.Part] = [
        html(
            "<p>Idéer till samverkan som har kommit in till {name} och som ännu inte har blivit "
            "ansökningar. En idéskiss är ett första utkast som kansliet ger synpunkter på; "
            "inget är beslutat, och belopp och tider är preliminära.</p>",
            name=forbund.name,
        )
    ]
    if not sketches:
        body = [html("<p>Just nu finns inga idéskisser hos {}.</p>", forbund.name)]
    for insats in sketches:
        sketch = insats.sketch
        facts: list[tuple[str, str]] = [
            ("Inkommen", date_sv(sketch.sent) if sketch.sent else "–"),
            ("Tänkt insatsägare", _party(forbund, sketch.owner)),
        ]
        if sketch.partners:
            facts.append(("Andra parter", ", ".join(_party(forbund, p) for p in sketch.partners)))
        facts.append(("Preliminär insatstid", period_sv(sketch.start, sketch.end)))
        if sketch.budget_total is not None:
            facts.append(("Preliminär budget från förbundet", kr(sketch.budget_total)))
        body += [
            h.h2(sketch.title),
            html(
                '<dl class="finsam-fakta">{}</dl>',
                join((html("<dt>{}</dt> <dd>{}</dd>", k, v) for k, v in facts), " "),
            ),
        ]
        for section in sketch.sections:
            if not section.is_empty:
                body += [h.h3(section.heading), markdown_html(section.text)]
    return h.page(
        "Idéskisser",
        body,
        description=f"Idéer till samverkan som har kommit in till {forbund.name}.",
    )


def generate(
    root: Path,
    forbund: Forbund,
    site_url: str = "",
    insatser: list[Insats] | None = None,
    summaries: dict[str, str] | None = None,
) -> dict[str, str]:
    """All generated files, keyed by their path below docs/ (of ``insatser``, the approved
    insatser, read from root when not given)."""
    if insatser is None:
        insatser = approved_insatser(root, forbund)
    made = generated_at()
    files = {
        INDEX: index_page(insatser, forbund),
        BY_YEAR: by_year_page(insatser, forbund),
        BY_PARTY: by_party_page(insatser, forbund),
        STATISTICS: statistics_page(insatser, forbund),
        "regler.md": catalog_markdown(),
        "faltguide.md": field_guide_page(forbund),
        "mallar.md": templates_page(forbund),
        FORM_PAGE: form_page(forbund, made.year),
        "insatser.json": insatser_json(insatser, forbund, site_url, made),
        "insatser-360giving.json": giving360(insatser, forbund, site_url, made),
        "rss.xml": rss(insatser, forbund, site_url, made),
        f"schema/{DATA_SCHEMA}": (schema_dir() / DATA_SCHEMA).read_text("utf-8"),
    }
    if forbund.publish_sketches:
        files[SKETCHES] = sketches_page(published_sketches(root, forbund), forbund)
    files.update(template_files(forbund, site_url))
    files.update(editor_schema_files(forbund))
    for insats, (page, about) in zip(insatser, insats_pages(insatser, forbund), strict=True):
        files[insats_path(insats)] = page
        if summaries is not None:
            summaries[insats.id] = about
    for name in SCHEMA_FILES.values():
        files[f"schema/{name}"] = (schema_dir() / name).read_text("utf-8")
    return files


def write(files: dict[str, str], target: Path, binary: dict[str, bytes] | None = None) -> None:
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, "utf-8")
    for name, data in (binary or {}).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
