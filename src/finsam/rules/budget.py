"""Rules for budget.yaml and for how the budget agrees with the application and the decision."""

from __future__ import annotations

from collections.abc import Iterator

from finsam.catalog import RuleInfo
from finsam.findings import Finding, Severity
from finsam.model.budget import (
    GROUP_NAMES,
    OWN,
    SOUGHT,
    Row,
    category_lookup,
    check_group_years,
    months_in_year,
)
from finsam.rules.registry import Context, at, at_key, category_list, rule
from finsam.suggest import did_you_mean
from finsam.sv import kronor, lista, procent, tal

FINANCING_NAMES = {SOUGHT: "sökt från förbundet", OWN: "egenfinansiering"}


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
    return at(info, ctx.app.budget, ("rader", row.place, *path), message, hint, severity)


def _median(values: list[float]) -> float:
    # Not statistics.median: importing it (and fractions) costs more than a one-file check's
    # rules together.
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _raw(ctx: Context, row: Row) -> dict[str, object]:
    assert ctx.app.budget is not None
    raw: dict[str, object] = ctx.app.budget.data["rader"][row.place]
    return raw


def _sums_are_reliable(ctx: Context) -> bool:
    """Totals are only compared when every row could be read: a partly invalid budget would
    make every sum look wrong, and the schema has already named the row that is."""
    return ctx.app.budget is not None and ctx.app.budget.schema_valid and bool(ctx.rows)


def sought_by_year(ctx: Context) -> tuple[dict[int, int], int] | None:
    """What the budget seeks from the förbund per year, and what it seeks only for the whole
    period; that part may belong to any year and is counted in each. None when the budget's
    sums cannot be relied on. (B213 and E108 compare amounts for a year with it.)"""
    if not _sums_are_reliable(ctx):
        return None
    unallocated = ctx.totals.unallocated.get(SOUGHT, 0)
    return {y: a + unallocated for y, a in ctx.totals.by_year.get(SOUGHT, {}).items()}, unallocated


def _is_salary(ctx: Context, row: Row) -> bool:
    """A salary row: a post the insats pays for. Own staff given in kind never is one."""
    category = category_lookup(ctx.template).get(row.category)
    return category is not None and category.group == "lon" and not row.in_kind


def _amount_path(row: Row, year: int) -> tuple[str, ...]:
    """Where a row's amount for a year is written: its year, or its total when derived."""
    return ("belopp_totalt",) if row.derived else ("belopp", str(year))


def _years_text(amounts: dict[int, int]) -> str:
    return " + ".join(kronor(a) for _, a in sorted(amounts.items()))


@rule(
    "B202",
    "belopp-i-tkr",
    Severity.VARNING,
    "belopp: {2022: 1130}  (menar 1 130 000 kr)",
    title="Belopp inte i tusental kronor",
)
def amounts_in_thousands(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Ett belopp under 1 000 kr i en budgetrad ser ut att vara skrivet i tusental kronor (tkr).
    Alla belopp i finsam skrivs i hela kronor, också belopp för hela insatstiden."""
    for row in ctx.rows:
        total = row.declared_total
        if total is not None and 0 < total < 1000:
            yield at_row(
                info,
                ctx,
                row,
                ("belopp_totalt",),
                f"Beloppet {total} för hela insatstiden ser ut att vara i tusental kronor (tkr).",
                f"Skriv hela kronor: {total * 1000} om du menar {tal(total)} tkr.",
            )
        if not row.given_years:
            continue
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
    title="År med belopp inom insatstiden",
)
def years_inside_period(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje år med belopp i budgeten (också i fordelning_per_ar) eller i ett beslut ska ligga
    inom insatstiden."""
    start, end = ctx.period
    if start is None or end is None:
        return
    first, last = start.year, end.year
    # The period stands in the application's facts: ansokan.yaml, or ansokan.md's front matter.
    facts = ctx.app.ansokan.rel.rsplit("/", 1)[-1] if ctx.app.ansokan else "ansokan.yaml"
    if ctx.app.budget is not None:
        for stated in ctx.insats.group_years:
            for year in sorted(stated.amounts):
                if not first <= year <= last:
                    yield at_key(
                        info,
                        ctx.app.budget,
                        ("fordelning_per_ar", stated.place, "belopp", str(year)),
                        f"Fördelningen av {GROUP_NAMES[stated.group].lower()} har belopp för "
                        f"{year}, utanför insatstiden {first}–{last}.",
                        f"Flytta beloppet till ett år mellan {first} och {last}, eller ändra "
                        f"insatstiden i {facts}.",
                    )
        for row in ctx.rows:
            if row.derived:
                continue  # its one year is the period's own
            for year in sorted(row.amounts):
                if not first <= year <= last:
                    yield at_key(
                        info,
                        ctx.app.budget,
                        ("rader", row.place, "belopp", str(year)),
                        f"Raden '{row.label}' har belopp för {year}, utanför insatstiden {first}–{last}.",
                        f"Flytta beloppet till ett år mellan {first} och {last}, eller ändra "
                        f"insatstiden i {facts}.",
                    )
    if ctx.app.beslut is not None:
        for decision in ctx.insats.decisions:
            for granted_year in decision.granted:
                if not first <= granted_year <= last:
                    key = str(granted_year)
                    yield at_key(
                        info,
                        ctx.app.beslut,
                        ("beslut", decision.place, "beviljat", key),
                        f"Beslutet beviljar medel för {key}, utanför insatstiden {first}–{last}.",
                        "Ett beslut kan bara avse år inom insatstiden.",
                    )


@rule(
    "B204",
    "lonerad-uppgifter",
    Severity.FEL,
    "En lönerad utan tjanstgoringsgrad och period.",
    title="Lönerad anger omfattning och period",
)
def salary_rows_complete(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En lönerad ska ange tjänstgöringsgrad i procent (eller tjanster, för flera tjänster i
    samma rad) och tjänstens egen period. Egen personal som egenfinansiering i natura
    (i_natura: true) är ingen lönerad och behöver inte ange dem."""
    for row in ctx.rows:
        if not _is_salary(ctx, row):
            continue
        assert ctx.app.budget is not None
        raw = ctx.app.budget.data["rader"][row.place]
        missing = [key for key in ("tjanstgoringsgrad", "period") if key not in raw]
        if "tjanster" in raw and "tjanstgoringsgrad" in missing:
            missing.remove("tjanstgoringsgrad")
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
    title="Löneradens period inom insatstiden",
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
    title="Lönebelopp bara för tjänstens år",
)
def salary_years_inside_own_period(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En lönerad får inte ha belopp för ett år då tjänsten inte finns."""
    for row in ctx.rows:
        if row.start is None or row.end is None or row.start > row.end or not row.given_years:
            continue
        if row.computed:
            continue
        for year in sorted(row.amounts):
            if not row.start.year <= year <= row.end.year and ctx.app.budget is not None:
                yield at_key(
                    info,
                    ctx.app.budget,
                    ("rader", row.place, "belopp", str(year)),
                    f"Tjänsten '{row.label}' har belopp för {year}, men finns bara {row.start}–{row.end}.",
                    "Ta bort beloppet eller ändra tjänstens period.",
                )


@rule(
    "B207",
    "lonerad-rimlighet",
    Severity.VARNING,
    "Ett halvår 2025 som kostar lika mycket som helåret 2026 för samma tjänst.",
    title="Rimliga belopp för lönerader",
)
def salary_amounts_plausible(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En lönerads belopp per år ska stämma med tjänstens månader det året och dess omfattning:
    ett halvår ska kosta ungefär hälften av ett helår. Med månadslön och PO-påslag jämförs
    beloppen med vad de ger; annars jämförs åren med varandra. En rad med flera tjänster
    (tjanster) räknas med tjänsternas sammanlagda omfattning. Avvikelser större än förbundets
    tolerans (lon_tolerans_procent) ger en varning; går det inte att bedöma, ges ingen."""
    tolerance = ctx.forbund.budget_rules.salary_tolerance_percent / 100
    for row in ctx.rows:
        if row.computed or row.start is None or row.end is None or row.start > row.end:
            continue
        if not _is_salary(ctx, row) or ctx.app.budget is None:
            continue
        if row.percent is None and (row.posts or "tjanster" in _raw(ctx, row)):
            continue  # its posts could not be read: the schema reports them
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
                _amount_path(row, year),
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
    title="Sökt belopp lika med budgetens summa",
)
def headline_matches_budget(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Det sökta beloppet i ansokan.md (sokt_belopp) ska vara lika med summan av budgetens rader
    som söks från förbundet. Summan räknas alltid fram; den skrivs aldrig för hand. En rad med
    belopp per år räknas med sina år. Förklaras skillnaden av rader vars angivna total
    (belopp_totalt) skiljer sig från deras år, namnger fyndet dem."""
    ansokan = ctx.app.ansokan
    declared = ctx.insats.application.sought
    if ansokan is None or declared is None or not _sums_are_reliable(ctx):
        return
    computed = ctx.totals.total(SOUGHT)
    if declared == computed:
        return
    difference = abs(declared - computed)
    per_year = ", ".join(f"{y}: {kronor(a)}" for y, a in sorted(ctx.totals.by_year[SOUGHT].items()))
    unallocated = ctx.totals.unallocated.get(SOUGHT, 0)
    if unallocated:
        per_year += (", " if per_year else "") + f"ej fördelat per år: {kronor(unallocated)}"
    message = (
        f"Sökt belopp {kronor(declared)} stämmer inte med budgetens summa från förbundet, "
        f"{kronor(computed)}: de skiljer sig med {kronor(difference)}."
    )
    mismatched = _rows_explaining_sought_difference(ctx)
    hint = (
        f"Rätta sokt_belopp till {computed} eller rätta budgetraderna. Summan per år: {per_year}."
    )
    if mismatched:
        message += (
            " Skillnaden uppstår i "
            + ("raden " if len(mismatched) == 1 else "raderna ")
            + lista([_mismatch_text(r) for r in mismatched])
            + "."
        )
        # sokt_belopp agrees with the rows' own totals: the years are where to look.
        hint = (
            "Sökt belopp stämmer med radernas totaler men inte med deras belopp per år. Rätta "
            "beloppen per år (eller totalen) i "
            + ("raden" if len(mismatched) == 1 else "raderna")
            + f" så att de stämmer. Summan per år nu: {per_year}."
        )
    yield at(info, ansokan, ("sokt_belopp",), message, hint)


def _rows_explaining_sought_difference(ctx: Context) -> list[Row]:
    """The sought rows whose declared totals differ from their years, when together they make
    exactly the difference between sokt_belopp and the budget (so B208 names them and B214
    stays silent: one mistake, one finding)."""
    declared = ctx.insats.application.sought
    if ctx.app.ansokan is None or declared is None or not _sums_are_reliable(ctx):
        return []
    computed = ctx.totals.total(SOUGHT)
    mismatched = [r for r in ctx.rows if r.financing == SOUGHT and r.total_mismatch]
    if (
        declared == computed
        or sum(r.total_mismatch or 0 for r in mismatched) != computed - declared
    ):
        return []
    return mismatched


def _mismatch_text(row: Row) -> str:
    """'Name' (its years and what they add up to, against its declared total)."""
    years = sorted(row.amounts)
    span = f"åren {years[0]}–{years[-1]}" if len(years) > 1 else f"året {years[0]}"
    return (
        f"'{row.label}' ({span} blir {kronor(row.total)}, "
        f"radens total är {kronor(row.declared_total or 0)})"
    )


@rule(
    "B209",
    "kategori-okand",
    Severity.FEL,
    "kategori: konsulter  (finns inte i mallen)",
    title="Kostnadskategori från mallens lista",
)
def category_known(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje budgetrad ska ha en kostnadskategori från mallens lista."""
    template = ctx.template
    if template is None or ctx.app.budget is None:
        return
    known = category_lookup(template)
    fundable = {c.id: c for c in template.categories}
    for row in ctx.rows:
        if row.category in known:
            continue
        yield at_row(
            info,
            ctx,
            row,
            ("kategori",),
            f"Kategorin '{row.category}' finns inte i mallen {template.title}.",
            did_you_mean(row.category, fundable, names={k: c.name for k, c in fundable.items()})
            + "Mallens kategorier: "
            + category_list(fundable)
            + ".",
        )


@rule(
    "B210",
    "kategori-ej-finansierbar",
    Severity.FEL,
    "kategori: deltagarkostnad  (till exempel reseersättning till deltagare)",
    title="Bara kategorier som förbundet finansierar",
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


@rule(
    "B211",
    "motivering-saknas",
    Severity.VARNING,
    "kategori: ovrigt utan motivering.",
    title="Motivering där kategorin kräver det",
)
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


@rule(
    "B212",
    "po-paslag-hogt",
    Severity.VARNING,
    "po_paslag: 65",
    title="PO-påslag inom förbundets gräns",
)
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
    title="Beviljat högst det sökta per år",
)
def granted_within_sought(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Det som beviljas för ett år (summan av alla beviljade beslut) får inte vara mer än det
    som budgeten söker från förbundet det året. Belopp som budgeten bara anger för hela
    insatstiden kan höra till vilket år som helst och räknas därför med i varje år."""
    beslut = ctx.app.beslut
    found = sought_by_year(ctx)
    if beslut is None or found is None:
        return
    sought, unallocated = found
    granted = ctx.insats.granted
    # Point at the latest decision that grants money in the year.
    last_index = {
        year: decision.place
        for decision in ctx.insats.decisions
        if decision.grants
        for year in decision.granted
    }
    for key, amount in sorted(granted.items()):
        wanted = sought.get(key, unallocated)
        if amount > wanted:
            yield at(
                info,
                beslut,
                ("beslut", last_index[key], "beviljat", str(key)),
                f"Beviljat {kronor(amount)} för {key} är mer än de {kronor(wanted)} som söks det "
                f"året{' (med det som inte är fördelat per år)' if unallocated else ''}; "
                f"skillnaden är {kronor(amount - wanted)}.",
                "Ett beviljat belopp kan inte vara större än det sökta. Rätta beslutet eller budgeten.",
            )


@rule(
    "B214",
    "radtotal-stammer-inte",
    Severity.FEL,
    "belopp: {2025: 372588, 2026: 755622, 2027: 770856} och belopp_totalt: 1899065",
    title="Radens år summerar till totalen",
)
def row_total_matches_years(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En rad som anger både belopp per år och belopp för hela insatstiden (belopp_totalt) ska
    ha år som summerar till totalen, krona för krona. Med belopp per år räknas budgetens summor
    på åren, så en avvikande total pekas ut här. Förklarar sådana rader precis skillnaden mot det
    sökta beloppet, namnges de i stället i det fyndet (B208)."""
    named_by_b208 = {row.place for row in _rows_explaining_sought_difference(ctx)}
    for row in ctx.rows:
        difference = row.total_mismatch
        if difference is None or row.declared_total is None or row.place in named_by_b208:
            continue
        yield at_row(
            info,
            ctx,
            row,
            ("belopp_totalt",),
            f"Raden '{row.label}' anger totalt {kronor(row.declared_total)}, men dess belopp per "
            f"år, {_years_text(row.amounts)}, blir {kronor(row.total)}: de skiljer sig med "
            f"{kronor(abs(difference))}.",
            "Rätta belopp_totalt eller beloppen per år så att de stämmer. Budgetens summor "
            "räknas på beloppen per år.",
        )


@rule(
    "B215",
    "fordelning-stammer-inte",
    Severity.FEL,
    "fordelning_per_ar för övriga kostnader som summerar till 600 000 kr när raderna är 620 000 kr.",
    title="Fördelningen per år stämmer",
)
def group_years_match_rows(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Summorna per år för en kostnadsgrupp (fordelning_per_ar) ska tillsammans vara lika med
    gruppens rader, och inget år får vara mindre än det som gruppens rader själva anger för
    året. Varje grupp och finansiering anges en gång. En fördelning som inte stämmer räknas
    inte: gruppens belopp visas då som ej fördelade per år."""
    if ctx.app.budget is None or not ctx.insats.group_years:
        return
    checks = check_group_years(ctx.rows, ctx.insats.group_years, category_lookup(ctx.template))
    for check in checks:
        stated = check.stated
        what = f"{GROUP_NAMES[stated.group].lower()} ({FINANCING_NAMES[stated.financing]})"
        path = ("fordelning_per_ar", stated.place)
        if not check.first:
            yield at(
                info,
                ctx.app.budget,
                path,
                f"Fördelningen per år för {what} anges mer än en gång.",
                "Slå ihop posterna till en; bara den första räknas.",
            )
        elif check.difference:
            yield at(
                info,
                ctx.app.budget,
                (*path, "belopp"),
                f"Fördelningen per år för {what}, {_years_text(stated.amounts)} = "
                f"{kronor(stated.total)}, stämmer inte med gruppens rader, som blir "
                f"{kronor(check.rows_total)}: de skiljer sig med {kronor(abs(check.difference))}.",
                "Rätta fördelningen eller raderna. Tills de stämmer visas gruppens belopp som "
                "ej fördelade per år.",
            )
        elif check.short_years:
            year, excess = next(iter(check.short_years.items()))
            yield at_key(
                info,
                ctx.app.budget,
                (*path, "belopp", str(year)),
                f"Fördelningen för {what} anger {kronor(stated.amounts.get(year, 0))} för "
                f"{year}, men gruppens rader anger själva {kronor(check.known[year])} det året: "
                f"{kronor(excess)} för lite.",
                "Ett år i fördelningen ska rymma det som raderna anger för året.",
            )
