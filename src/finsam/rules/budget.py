"""Rules for budget.yaml and for how the budget agrees with the application and the decision."""

from __future__ import annotations

from collections.abc import Iterator

from finsam.catalog import RuleInfo
from finsam.findings import Finding, Severity
from finsam.model.budget import SOUGHT, Row, category_lookup, months_in_year
from finsam.rules.registry import Context, at, at_key, rule
from finsam.sv import kronor, procent, tal


def at_row(
    info: RuleInfo,
    ctx: Context,
    row: Row,
    path: tuple[str, ...],
    message: str,
    hint: str = "",
    severity: Severity | None = None,
) -> Finding:
    """A finding at a value of a budget row (``path`` inside the row; () for the row)."""
    assert ctx.app.budget is not None  # rows are read from it
    return at(info, ctx.app.budget, ("rader", row.index, *path), message, hint, severity)


def _median(values: list[float]) -> float:
    if len(values) == 1:
        return values[0]
    import statistics  # most posts span one or two whole years; spare the import then

    return statistics.median(values)


def _sums_are_reliable(ctx: Context) -> bool:
    """Totals are only compared when every row could be read: a partly invalid budget would
    make every sum look wrong, and the schema has already named the row that is."""
    return ctx.app.budget is not None and ctx.app.budget.schema_valid and bool(ctx.rows)


def _is_salary(ctx: Context, row: Row) -> bool:
    category = category_lookup(ctx.template).get(row.category)
    return category is not None and category.group == "lon"


@rule("B202", "belopp-i-tkr", Severity.VARNING, "belopp: {2022: 1130}  (menar 1 130 000 kr)")
def amounts_in_thousands(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Ett belopp under 1 000 kr i en budgetrad ser ut att vara skrivet i tusental kronor (tkr).
    Alla belopp i finsam skrivs i hela kronor."""
    for row in ctx.rows:
        for year, amount in sorted(row.amounts.items()):
            if 0 < amount < 1000 and not row.computed:
                yield at_row(
                    info,
                    ctx,
                    row,
                    ("belopp", str(year)),
                    f"Beloppet {amount} för {year} ser ut att vara i tusental kronor (tkr).",
                    f"Skriv hela kronor: {amount * 1000} om du menar {tal(amount)} tkr.",
                )


@rule(
    "B203",
    "ar-utanfor-insatstiden",
    Severity.FEL,
    "belopp: {2028: 50000} när insatsen slutar 2027-12-31.",
)
def years_inside_period(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje år med belopp i budgeten eller i ett beslut ska ligga inom insatstiden."""
    start, end = ctx.period
    if start is None or end is None:
        return
    first, last = start.year, end.year
    if ctx.app.budget is not None:
        for row in ctx.rows:
            for year in sorted(row.amounts):
                if not first <= year <= last:
                    yield at_key(
                        info,
                        ctx.app.budget,
                        ("rader", row.index, "belopp", str(year)),
                        f"Raden '{row.label}' har belopp för {year}, utanför insatstiden {first}–{last}.",
                        f"Flytta beloppet till ett år mellan {first} och {last}, eller ändra insatstiden i ansokan.md.",
                    )
    if ctx.app.beslut is not None:
        for decision in ctx.insats.decisions:
            for granted_year in decision.granted:
                if not first <= granted_year <= last:
                    key = str(granted_year)
                    yield at_key(
                        info,
                        ctx.app.beslut,
                        ("beslut", decision.index, "beviljat", key),
                        f"Beslutet beviljar medel för {key}, utanför insatstiden {first}–{last}.",
                        "Ett beslut kan bara avse år inom insatstiden.",
                    )


@rule("B204", "lonerad-uppgifter", Severity.FEL, "En lönerad utan tjanstgoringsgrad och period.")
def salary_rows_complete(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En lönerad ska ange tjänstgöringsgrad i procent och tjänstens egen period."""
    for row in ctx.rows:
        if not _is_salary(ctx, row):
            continue
        assert ctx.app.budget is not None
        raw = ctx.app.budget.data["rader"][row.index]
        missing = [key for key in ("tjanstgoringsgrad", "period") if key not in raw]
        if missing:
            yield at_row(
                info,
                ctx,
                row,
                (),
                f"Löneraden '{row.label}' saknar {' och '.join(missing)}.",
                "Ange tjänstens omfattning, till exempel tjanstgoringsgrad: 50, och "
                "period: {start: ÅÅÅÅ-MM-DD, slut: ÅÅÅÅ-MM-DD}.",
            )


@rule(
    "B205",
    "lonerad-period",
    Severity.FEL,
    "En tjänst 2025-01-01–2027-12-31 i en insats som börjar 2025-07-01.",
)
def salary_period_inside(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En lönerads period ska börja före sitt slut och ligga inom insatstiden."""
    start, end = ctx.period
    for row in ctx.rows:
        if row.start is None or row.end is None or ctx.app.budget is None:
            continue
        if row.start > row.end:
            yield at_row(
                info,
                ctx,
                row,
                ("period",),
                f"Tjänsten '{row.label}' slutar ({row.end}) före sin start ({row.start}).",
                "Kontrollera datumen under period.",
            )
        elif start is not None and end is not None and (row.start < start or row.end > end):
            yield at_row(
                info,
                ctx,
                row,
                ("period",),
                f"Tjänsten '{row.label}' ({row.start}–{row.end}) ligger utanför insatstiden {start}–{end}.",
                "En tjänst kan bara finansieras medan insatsen pågår.",
            )


@rule(
    "B206",
    "lonerad-ar-utanfor-tjanst",
    Severity.FEL,
    "En tjänst till 2026-06-30 med belopp för 2027.",
)
def salary_years_inside_own_period(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En lönerad får inte ha belopp för ett år då tjänsten inte finns."""
    for row in ctx.rows:
        if row.start is None or row.end is None or row.start > row.end or row.computed:
            continue
        for year in sorted(row.amounts):
            if not row.start.year <= year <= row.end.year and ctx.app.budget is not None:
                yield at_key(
                    info,
                    ctx.app.budget,
                    ("rader", row.index, "belopp", str(year)),
                    f"Tjänsten '{row.label}' har belopp för {year}, men finns bara {row.start}–{row.end}.",
                    "Ta bort beloppet eller ändra tjänstens period.",
                )


@rule(
    "B207",
    "lonerad-rimlighet",
    Severity.VARNING,
    "Ett halvår 2025 som kostar lika mycket som helåret 2026 för samma tjänst.",
)
def salary_amounts_plausible(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En lönerads belopp per år ska stämma med tjänstens månader det året och dess omfattning:
    ett halvår ska kosta ungefär hälften av ett helår. Med månadslön och PO-påslag jämförs
    beloppen med vad de ger; annars jämförs åren med varandra. Avvikelser större än förbundets
    tolerans (lon_tolerans_procent) ger en varning."""
    tolerance = ctx.forbund.budget_rules.salary_tolerance_percent / 100
    for row in ctx.rows:
        if row.computed or row.start is None or row.end is None or row.start > row.end:
            continue
        if not _is_salary(ctx, row) or ctx.app.budget is None:
            continue
        share = (row.percent or 100) / 100
        months = {y: months_in_year(row.start, row.end, y) for y in row.amounts}
        rates = {
            y: a / (months[y] * share)
            for y, a in row.amounts.items()
            if months[y] * share > 0 and a > 0  # a tiny share can round to zero
        }
        full_years = {y for y in rates if months[y] >= 11.99}
        for year, rate in sorted(rates.items()):
            if row.monthly_salary is not None and row.po_percent is not None:
                reference = row.monthly_salary * (1 + row.po_percent / 100)
                basis = "månadslönen och PO-påslaget"
            else:
                # Judge a year by the other years, trusting whole years the most.
                full_others = [rates[y] for y in full_years if y != year]
                part_others = [rates[y] for y in rates if y != year and y not in full_years]
                if full_others:
                    reference = _median(full_others)
                elif year not in full_years and part_others:
                    reference = _median(part_others)
                else:
                    continue
                basis = "tjänstens kostnad de övriga åren"
            if abs(rate - reference) <= tolerance * reference:
                continue
            expected = round(reference * months[year] * share)
            month_text = f"{months[year]:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            yield at_row(
                info,
                ctx,
                row,
                ("belopp", str(year)),
                f"Tjänsten '{row.label}' kostar {kronor(row.amounts[year])} {year} för "
                f"{month_text} månader; utifrån {basis} borde det vara omkring {kronor(expected)}.",
                f"Kontrollera beloppet för {year} mot tjänstens månader det året och omfattningen "
                f"{procent(share * 100)}.",
            )


@rule(
    "B208",
    "sokt-belopp-summa",
    Severity.FEL,
    "sokt_belopp: 4418130 när raderna summerar till 4418132.",
)
def headline_matches_budget(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Det sökta beloppet i ansokan.md (sokt_belopp) ska vara lika med summan av budgetens rader
    som söks från förbundet. Summan räknas alltid fram; den skrivs aldrig för hand."""
    ansokan = ctx.app.ansokan
    declared = ctx.insats.application.sought
    if ansokan is None or declared is None or not _sums_are_reliable(ctx):
        return
    computed = ctx.totals.total(SOUGHT)
    if declared == computed:
        return
    difference = abs(declared - computed)
    per_year = ", ".join(f"{y}: {kronor(a)}" for y, a in sorted(ctx.totals.by_year[SOUGHT].items()))
    yield at(
        info,
        ansokan,
        ("sokt_belopp",),
        f"Sökt belopp {kronor(declared)} stämmer inte med budgetens summa från förbundet, "
        f"{kronor(computed)}: de skiljer sig med {kronor(difference)}.",
        f"Rätta sokt_belopp till {computed} eller rätta budgetraderna. Summan per år: {per_year}.",
    )


@rule("B209", "kategori-okand", Severity.FEL, "kategori: konsulter  (finns inte i mallen)")
def category_known(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje budgetrad ska ha en kostnadskategori från mallens lista."""
    template = ctx.template
    if template is None or ctx.app.budget is None:
        return
    known = category_lookup(template)
    ids = [c.id for c in template.categories]
    for row in ctx.rows:
        if row.category in known:
            continue
        from finsam.suggest import did_you_mean

        yield at_row(
            info,
            ctx,
            row,
            ("kategori",),
            f"Kategorin '{row.category}' finns inte i mallen {template.label}.",
            did_you_mean(row.category, ids, names={c.id: c.name for c in template.categories})
            + "Mallens kategorier: "
            + ", ".join(ids)
            + ".",
        )


@rule(
    "B210",
    "kategori-ej-finansierbar",
    Severity.FEL,
    "kategori: deltagarkostnad  (till exempel reseersättning till deltagare)",
)
def category_fundable(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Förbundet finansierar inte de kategorier som mallen listar som ej finansierbara (till
    exempel kostnader för enskilda deltagare eller offentlig försörjning). En sådan rad som söks
    från förbundet är ett fel; som egenfinansiering ger den en varning, eftersom den inte ska
    räknas med i insatsens budget."""
    template = ctx.template
    if template is None or ctx.app.budget is None:
        return
    forbidden = {c.id: c for c in template.forbidden}
    for row in ctx.rows:
        category = forbidden.get(row.category)
        if category is None:
            continue
        sought = row.financing == SOUGHT
        yield at_row(
            info,
            ctx,
            row,
            ("kategori",),
            f"{category.name} finansieras inte av förbundet"
            + (
                ", men raden söker medel från förbundet."
                if sought
                else " och ska inte räknas med i budgeten."
            ),
            (category.description + " " if category.description else "") + "Ta bort raden.",
            severity=None if sought else Severity.VARNING,
        )


@rule("B211", "motivering-saknas", Severity.VARNING, "kategori: ovrigt utan motivering.")
def motivation_given(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Rader i kategorier som kräver motivering (som övrigt) ska förklara vad kostnaden är och
    varför insatsen behöver den."""
    known = category_lookup(ctx.template)
    for row in ctx.rows:
        category = known.get(row.category)
        if category is None or not category.needs_motivation or row.motivation:
            continue
        yield at_row(
            info,
            ctx,
            row,
            (),
            f"Raden '{row.label}' i kategorin {category.name} saknar motivering.",
            "Lägg till motivering: och beskriv kort vad kostnaden avser och varför den behövs.",
        )


@rule("B212", "po-paslag-hogt", Severity.VARNING, "po_paslag: 65")
def po_within_limit(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """PO-påslaget får inte vara högre än förbundets gräns (po_paslag_max_procent)."""
    limit = ctx.forbund.budget_rules.max_po_percent
    for row in ctx.rows:
        if row.po_percent is not None and row.po_percent > limit:
            yield at_row(
                info,
                ctx,
                row,
                ("po_paslag",),
                f"PO-påslaget {procent(row.po_percent)} är högre än förbundets gräns {procent(limit)}.",
                "Kontrollera påslaget med arbetsgivarens ekonomifunktion.",
            )


@rule(
    "B213",
    "beviljat-over-sokt",
    Severity.FEL,
    "beviljat: {2026: 900000} när budgeten söker 850 000 kr för 2026.",
)
def granted_within_sought(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Det som beviljas för ett år (summan av alla beviljade beslut) får inte vara mer än det
    som budgeten söker från förbundet det året."""
    beslut = ctx.app.beslut
    if beslut is None or not _sums_are_reliable(ctx):
        return
    sought = ctx.totals.by_year.get(SOUGHT, {})
    granted = ctx.insats.granted
    # Point at the latest decision that grants money in the year.
    last_index = {
        year: decision.index
        for decision in ctx.insats.decisions
        if decision.grants
        for year in decision.granted
    }
    for key, amount in sorted(granted.items()):
        wanted = sought.get(key, 0)
        if amount > wanted:
            yield at(
                info,
                beslut,
                ("beslut", last_index[key], "beviljat", str(key)),
                f"Beviljat {kronor(amount)} för {key} är mer än de {kronor(wanted)} som söks det "
                f"året; skillnaden är {kronor(amount - wanted)}.",
                "Ett beviljat belopp kan inte vara större än det sökta. Rätta beslutet eller budgeten.",
            )
