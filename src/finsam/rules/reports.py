"""Rules for the reports in rapporter/: period, costs against the grant, participant counts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from finsam.catalog import RuleInfo
from finsam.findings import Finding, Severity
from finsam.loader.markdown_doc import normalize_heading
from finsam.model.budget import SOUGHT
from finsam.model.deadlines import KIND_NAMES, RHYTHM_NAMES, schedule
from finsam.rules.registry import Context, at, at_key, category_list, rule
from finsam.suggest import did_you_mean
from finsam.sv import kronor

# Three or more list items that are nothing but two or three capitalised words: a name list.
_NAME_ITEM = re.compile(r"\s*[-*+]\s+[A-ZÅÄÖ][a-zåäöéü]+(?:[ -][A-ZÅÄÖ][a-zåäöéü]+){1,2}\s*\Z")


@rule(
    "U101",
    "rapportperiod",
    Severity.FEL,
    "typ: period med period 2026-02-01–2026-05-31 när förbundet rapporterar per tertial.",
    title="Rapportperiod enligt insatsens rytm",
)
def report_period_fits(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En rapports period ska följa insatsens rytm (kvartal, tertial eller halvår) och ligga
    inom insatstiden: en lägesrapport gäller en hel rytmperiod (den första och sista kapas vid
    insatstidens början och slut), en årsrapport ett kalenderår och slutrapporten hela insatstiden.
    Rytmen är det senaste beslutets (rapportering i beslut.yaml), annars mallens, annars
    förbundets."""
    start, end = ctx.period
    if start is None or end is None:
        return
    reporting = ctx.insats.reporting
    expected = schedule(reporting, start, end)
    for report, read in ctx.reports:
        kind, r_start, r_end = read.kind, read.start, read.end
        if kind not in KIND_NAMES or r_start is None or r_end is None:
            continue
        if r_start < start or r_end > end:
            yield at(
                info,
                report,
                ("period",),
                f"Rapportperioden {r_start}–{r_end} ligger utanför insatstiden {start}–{end}.",
                "En rapport kan bara gälla tid då insatsen pågår.",
            )
            continue
        fitting = [d for d in expected if d.kind == kind]
        if any(d.start == r_start and d.end == r_end for d in fitting):
            continue
        options = ", ".join(f"{d.start}–{d.end}" for d in fitting[:6])
        yield at(
            info,
            report,
            ("period",),
            f"Perioden {r_start}–{r_end} stämmer inte med insatsens rapportering "
            f"({reporting.rhythm}) för en {KIND_NAMES[kind].lower()}.",
            f"Möjliga perioder: {options}.",
        )


_SOURCES = {"beslut": "beslutet", "mall": "mallen", "forbund": "förbundet"}


@rule(
    "U108",
    "rapportrytm-motstridig",
    Severity.VARNING,
    "Ansökan säger rapportering varje tertial men beslutet säger varje kvartal.",
    title="Ingen motstridig rapportrytm",
)
def rhythm_agrees(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Insatsens rapportrytm är det senaste beslutets (rapportering.rytm i beslut.yaml),
    annars mallens, annars förbundets. Två uppgifter om rytmen får inte säga emot varandra:
    (1) ett beslut som anger en annan rytm än det föregående beslut som angav en rytm, och
    (2) när besluten är eniga, en ansökan vars rapportering.rytm skiljer sig från den rytm som
    gäller. Varningen visar vilken rytm som gäller; rapporterna prövas mot den (U101)."""
    beslut = ctx.app.beslut
    rhythm, source = ctx.insats.rhythm_source
    stated = [d for d in ctx.insats.decisions if d.rhythm]
    disagree = False
    for before, later in itertools.pairwise(stated):
        if later.rhythm == before.rhythm or beslut is None:
            continue
        disagree = True
        yield at(
            info,
            beslut,
            ("beslut", later.place, "rapportering", "rytm"),
            f"Beslut {later.place + 1} säger rapportering {RHYTHM_NAMES[later.rhythm]}, men "
            f"beslut {before.place + 1} sa {RHYTHM_NAMES[before.rhythm]}.",
            f"Det senaste beslutet gäller: rapporterna lämnas {RHYTHM_NAMES[rhythm]} under hela "
            "insatstiden. Anteckna ändringen i beslutets villkor så att insatsen känner till den.",
        )
    ansokan, proposed = ctx.app.ansokan, ctx.insats.application.rhythm
    if ansokan is None or proposed is None or proposed == rhythm or disagree:
        return
    yield at(
        info,
        ansokan,
        ("rapportering", "rytm"),
        f"Ansökan säger rapportering {RHYTHM_NAMES.get(proposed, proposed)}, men "
        f"{_SOURCES[source]} säger {RHYTHM_NAMES[rhythm]}.",
        f"Rapporterna lämnas {RHYTHM_NAMES[rhythm]}, som {_SOURCES[source]} säger. Ändra "
        "rapportering i ansökan, eller be kansliet ta upp rytmen i beslutet.",
    )


@rule(
    "U103",
    "utfall-over-beviljat",
    Severity.FEL,
    "utfall 2026 summerar till 640 000 kr när 600 000 kr beviljats.",
    title="Utfall högst det beviljade",
)
def outcome_within_grant(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Det upparbetade utfallet för ett år får aldrig vara större än det som beviljats för året:
    det beviljade beloppet är ett tak."""
    beslut = ctx.app.beslut
    # A decision that failed its schema grants an unknown amount: the schema names the fault.
    granted = ctx.insats.granted if beslut is not None and beslut.schema_valid else {}
    if not granted:
        return
    for report, read in ctx.reports:
        for year, total in read.outcome.items():
            limit = granted.get(year, 0)
            if total > limit:
                yield at_key(
                    info,
                    report,
                    ("utfall",),
                    f"Utfallet för {year} är {kronor(total)}, men förbundet har beviljat "
                    f"{kronor(limit)}: {kronor(total - limit)} över taket.",
                    "Det beviljade beloppet är ett tak. Kostnader över taket betalar parten själv, "
                    "eller så söker insatsen ett nytt beslut.",
                )


@rule(
    "U104",
    "kategori-over-budget",
    Severity.VARNING,
    "utfall för resor 2026: 15 000 kr mot budgeterade 10 000 kr.",
    title="Utfall per kategori inom budget",
)
def category_within_budget(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Utfallet i en kostnadskategori ett år ska inte överstiga budgeten för kategorin och året
    med mer än förbundets tolerans (utfall_tolerans_procent). Ett belopp som budgeten bara anger
    för hela insatstiden kan höra till vilket år som helst och räknas med i varje år."""
    if ctx.app.budget is None or not ctx.app.budget.schema_valid or ctx.template is None:
        # A budget that failed its schema budgets an unknown amount; without a known mall the
        # categories are unknown (the application's own findings say why).
        return
    budget = ctx.totals.by_category.get(SOUGHT, {})
    whole_period = ctx.totals.unallocated_by_category.get(SOUGHT, {})
    tolerance = ctx.forbund.budget_rules.outcome_tolerance_percent / 100
    known = ctx.template.category_lookup
    for report, read in ctx.reports:
        for category, years in sorted(read.outcome_by_category.items()):
            if category not in known:
                yield at_key(
                    info,
                    report,
                    ("utfall", category),
                    f"Kategorin '{category}' finns inte i mallens budgetkategorier.",
                    did_you_mean(category, known, names={k: c.name for k, c in known.items()})
                    + "Redovisa utfallet i samma kategorier som budgeten: "
                    + category_list(known)
                    + ".",
                    severity=Severity.FEL,
                )
                continue
            for year, amount in sorted(years.items()):
                planned = budget.get(category, {}).get(year, 0) + whole_period.get(category, 0)
                if amount > planned * (1 + tolerance):
                    yield at(
                        info,
                        report,
                        ("utfall", category, str(year)),
                        f"Utfallet för {known[category].name} {year} är {kronor(amount)} mot "
                        f"budgeterade {kronor(planned)}.",
                        "Förklara avvikelsen under rubriken Avvikelser, och ta upp den med styrgruppen.",
                    )


@rule(
    "U105",
    "deltagare-summa",
    Severity.FEL,
    "deltagare: {kvinnor: 10, man: 8, totalt: 20}",
    title="Deltagare per kön ger totalen",
)
def participant_counts_add_up(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Antalet deltagare per kön ska summera till totalen."""
    for report, read in ctx.reports:
        counts = read.participants
        women, men, total, others = counts.women, counts.men, counts.total, counts.others or 0
        if women is None or men is None or total is None or women + men + others == total:
            continue
        yield at(
            info,
            report,
            ("deltagare", "totalt"),
            f"Kvinnor, män och övriga ({women} + {men} + {others}) blir {women + men + others}, "
            f"inte {total}.",
            "Räkna om antalen; totalt ska vara summan.",
        )


@rule(
    "U106",
    "deltagaruppgifter",
    Severity.FEL,
    "En punktlista med deltagarnas namn i rapporten.",
    title="Inga uppgifter om enskilda deltagare",
)
def no_participant_data(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En rapport får inte innehålla uppgifter om enskilda deltagare, till exempel en lista med
    namn: förbundet har ingen rätt att behandla sådana uppgifter. Redovisa bara antal."""
    for report in ctx.app.reports:
        for section in report.sections:
            run: list[int] = []
            lines = section.text.split("\n")
            for offset, line in enumerate([*lines, ""]):
                if _NAME_ITEM.match(line):
                    run.append(offset)
                    continue
                if len(run) >= 3:
                    yield info.finding(
                        report.text_rel,
                        section.text_line + run[0],
                        1,
                        f"Avsnittet '{section.heading}' ser ut att innehålla en lista med namn "
                        f"({len(run)} rader).",
                        "Ta bort namnen och redovisa deltagarna bara som antal, till exempel per kön.",
                    )
                run = []


@rule(
    "U107",
    "rapport-avsnitt",
    Severity.FEL,
    "En rapport utan rubriken ## Resultat.",
    title="Rapporten har mallens avsnitt",
)
def report_sections(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Rapporten ska ha de obligatoriska avsnitten i förbundets rapportmall, ifyllda."""
    required = [s for s in ctx.forbund.reporting.sections if s.required]
    for report in ctx.app.reports:
        present = {normalize_heading(s.heading): s for s in report.sections}
        for spec in required:
            section = present.get(normalize_heading(spec.heading))
            if section is None:
                yield info.finding(
                    report.text_rel,
                    report.body_line,
                    1,
                    f"Avsnittet '{spec.heading}' saknas i rapporten.",
                    f"Lägg till rubriken '## {spec.heading}'. {spec.guidance}".strip(),
                )
            elif section.is_empty:
                yield info.finding(
                    report.text_rel,
                    section.line,
                    1,
                    f"Avsnittet '{spec.heading}' är tomt.",
                    spec.guidance or "Skriv text under rubriken.",
                )
