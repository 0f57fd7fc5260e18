"""Rules for the beredning (beredning.yaml): the kansli's quality review, the assessment against
the förbund's criteria (beredning in forbund.yml) and the recommendation to the board; and
whether the board's decision follows the recommendation or says why not.

The file is the kansli's own (R001), so these findings speak to the kansli. A folder without
beredning.yaml is as valid as ever: the rules judge a beredning when there is one."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from finsam.catalog import RuleInfo
from finsam.findings import Finding, Severity
from finsam.loader.application import ANSOKAN, ANSOKAN_FACTS, IDESKISS, IDESKISS_FACTS, Document
from finsam.model.assessment import (
    ASSESSMENT,
    DECIDING,
    GRANTING,
    PROPOSAL_NAMES,
    RECOMMENDATION,
    REVIEW,
    Assessment,
)
from finsam.model.decision import STATUS_NAMES, Decision
from finsam.model.forbund import AssessmentConfig, Criterion
from finsam.rules.budget import sought_by_year
from finsam.rules.registry import Context, at, at_key, rule
from finsam.suggest import closest, did_you_mean
from finsam.sv import kronor, lista
from finsam.values import get, items, year_of


def _beredning(ctx: Context) -> tuple[Document, Assessment] | None:
    """The beredning and what it says, when the folder has one that is a mapping (the schema
    reports anything else)."""
    doc, assessment = ctx.app.beredning, ctx.insats.assessment
    if doc is None or assessment is None:
        return None
    return doc, assessment


def _judged(ctx: Context) -> tuple[Document, Assessment] | None:
    """The beredning, when there is also an application to judge it by (E101 says when not)."""
    return _beredning(ctx) if ctx.insats.has_application else None


def _config(ctx: Context) -> AssessmentConfig | None:
    return ctx.forbund.assessment


def _body_name(ctx: Context) -> str:
    """The assessing body as running text names it."""
    config = _config(ctx)
    return config.body_name if config is not None else "den beredande gruppen"


def _criterion_label(criterion: Criterion) -> str:
    return f"”{criterion.name}” ({criterion.id})"


def _body_label(config: AssessmentConfig) -> str:
    """'Utvecklingsrådet (utvecklingsradet)', or the name alone when it is the id."""
    same = config.body_name.casefold() == config.body_id
    return config.body_name if same else f"{config.body_name} ({config.body_id})"


def _templates_text(criterion: Criterion) -> str:
    names = list(criterion.templates)
    return f"mallen {names[0]}" if len(names) == 1 else f"mallarna {lista(names)}"


def _template_id(ctx: Context) -> str | None:
    return ctx.insats.application.template_id


@rule(
    "E101",
    "beredning-utan-ansokan",
    Severity.FEL,
    "En mapp med ideskiss.md och beredning.yaml men ingen ansokan.md.",
    title="Beredningen hör till en ansökan",
)
def beredning_needs_application(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En beredning (beredning.yaml) gäller en inlämnad ansökan och ligger i samma mapp som
    den. En mapp med en beredning men ingen ansökan är ett fel, också när mappen har en
    idéskiss: en idéskiss bereds inte, den är ett underlag för samtal med kansliet."""
    doc = ctx.app.beredning
    found = ctx.app.present | ctx.app.refused
    if doc is None or found & {ANSOKAN, ANSOKAN_FACTS}:
        return
    sketch = " bara en idéskiss och" if found & {IDESKISS, IDESKISS_FACTS} else ""
    yield at(
        info,
        doc,
        (),
        f"Mappen har en beredning men{sketch} ingen ansökan.",
        "Beredningen förs in när ansökan har lämnats in, i samma mapp som ansökan. Flytta "
        "beredning.yaml till mappen för den ansökan den gäller, eller ta bort den.",
    )


@rule(
    "E102",
    "granskning-vad-saknas",
    Severity.FEL,
    "kvalitetsgranskning: {datum: 2026-02-02, komplett: false, granskad_av: Verksamhetsutvecklare}",
    title="Kvalitetsgranskningen säger vad som saknas",
)
def review_lists_what_is_missing(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Finner kansliet att ansökan inte är komplett (komplett: false) räknar
    kvalitetsgranskningen upp vad som saknas, en sak per rad under saknas, så att den sökande
    vet vad som ska kompletteras. En ansökan som är komplett har inget som saknas."""
    found = _beredning(ctx)
    if found is None:
        return
    doc, assessment = found
    if assessment.review_complete is False and not assessment.review_missing:
        yield at(
            info,
            doc,
            (REVIEW, "komplett"),
            "Kvalitetsgranskningen fann ansökan ofullständig men säger inte vad som saknas.",
            "Skriv under saknas vad den sökande behöver komplettera, en sak per rad, till "
            "exempel - Underskrift från Arbetsförmedlingen.",
        )
    if assessment.review_complete is True and assessment.review_missing:
        yield at(
            info,
            doc,
            (REVIEW, "saknas"),
            "Kvalitetsgranskningen fann ansökan komplett men räknar ändå upp något som saknas.",
            "Är ansökan komplett, ta bort listan saknas. Saknas något, skriv komplett: false.",
        )


@rule(
    "E103",
    "bedomning-organ",
    Severity.FEL,
    "bedomning: {organ: styrelsen, …} när forbund.yml anger beredning.organ.id: utvecklingsradet",
    title="Bedömningen görs av förbundets beredande grupp",
)
def assessed_by_the_body(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Ansökan bedöms av den grupp som förbundet anger under beredning.organ i forbund.yml,
    och bedomning.organ i beredning.yaml är gruppens id. Har förbundet ingen beredning i
    forbund.yml bedöms ansökningarna inte mot kriterier i arkivet, och beredningen har då
    ingen bedömning."""
    found = _beredning(ctx)
    if found is None or not found[1].has_assessment:
        return
    doc, assessment = found
    config = _config(ctx)
    if config is None:
        yield at_key(
            info,
            doc,
            (ASSESSMENT,),
            f"{ctx.forbund.name} har inga kriterier för bedömning av ansökningar.",
            "Lägg till beredning i forbund.yml med den beredande gruppen, skalan och "
            "kriterierna, eller ta bort bedomning ur beredning.yaml.",
        )
        return
    if assessment.body and assessment.body != config.body_id:
        yield at(
            info,
            doc,
            (ASSESSMENT, "organ"),
            f"Ansökan bedöms av {_body_label(config)}, inte av '{assessment.body}'.",
            f"Skriv organ: {config.body_id}, så som beredning.organ.id står i forbund.yml.",
        )


@rule(
    "E104",
    "kriterier-bedomda",
    Severity.FEL,
    "En bedömning som hoppar över kriteriet utvardering, eller tar upp det två gånger.",
    title="Varje kriterium bedöms en gång",
)
def every_criterion_assessed(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Bedömningen tar upp varje kriterium i förbundets beredning (beredning.kriterier i
    forbund.yml) som gäller ansökans mall, och vart och ett en gång. Ett kriterium som bara
    gäller vissa mallar (mallar under kriteriet) bedöms bara för ansökningar på de mallarna."""
    found = _judged(ctx)
    config = _config(ctx)
    if found is None or config is None or not found[1].has_assessment:
        return
    doc, assessment = found
    if not isinstance(get(doc.data, ASSESSMENT, "kriterier"), list):
        return  # missing or malformed: the schema's finding
    template = _template_id(ctx)
    # An unknown id like a missing criterion is taken for it: E105 suggests the right one.
    unknown = [c.criterion for c in assessment.criteria if config.criterion(c.criterion) is None]
    for criterion in config.applicable(template):
        verdicts = assessment.verdicts(criterion.id)
        if not verdicts and not closest(criterion.id, unknown):
            yield at_key(
                info,
                doc,
                (ASSESSMENT, "kriterier"),
                f"Kriteriet {_criterion_label(criterion)} är inte bedömt.",
                f"Lägg till - {{kriterium: {criterion.id}, bedomning: …, motivering: …}} med "
                f"bedömningen på skalan ({config.scale_text}).",
            )
        for twice in verdicts[1:]:
            yield at(
                info,
                doc,
                (ASSESSMENT, "kriterier", twice.place, "kriterium"),
                f"Kriteriet {_criterion_label(criterion)} är bedömt mer än en gång (också som "
                f"nr {verdicts[0].place + 1}).",
                "Bedöm varje kriterium en gång: slå ihop bedömningarna till en.",
            )


@rule(
    "E105",
    "kriterium-okant",
    Severity.FEL,
    "kriterium: behovsanalyss (förbundets kriterium heter behovsanalys)",
    title="Bara förbundets kriterier bedöms",
)
def criteria_known(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje kriterium i bedömningen är ett av förbundets kriterier (beredning.kriterier i
    forbund.yml) och ett som gäller ansökans mall."""
    found = _judged(ctx)
    config = _config(ctx)
    if found is None or config is None:
        return
    doc, assessment = found
    template = _template_id(ctx)
    known = [c.id for c in config.criteria]
    wanted = [c.id for c in config.applicable(template)]
    names = {c.id: c.name for c in config.criteria}
    for verdict in assessment.criteria:
        if not verdict.criterion:
            continue  # unreadable: the schema's finding
        criterion = config.criterion(verdict.criterion)
        path = (ASSESSMENT, "kriterier", verdict.place, "kriterium")
        if criterion is None:
            yield at(
                info,
                doc,
                path,
                f"Förbundet har inget kriterium '{verdict.criterion}'.",
                f"{did_you_mean(verdict.criterion, known, names=names)}Kriterierna som gäller "
                f"ansökan: {', '.join(wanted)}.",
            )
        elif not criterion.applies_to(template):
            yield at(
                info,
                doc,
                path,
                f"Kriteriet {_criterion_label(criterion)} gäller inte ansökningar på mallen "
                f"{template}.",
                f"Kriteriet gäller bara {_templates_text(criterion)}. Ta bort bedömningen.",
            )


@rule(
    "E106",
    "kriterium-skala-motivering",
    Severity.FEL,
    "- {kriterium: behovsanalys, bedomning: kanske, motivering: ''}",
    title="Varje bedömning ligger på skalan och är motiverad",
)
def verdicts_on_scale(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje kriterium bedöms på förbundets skala (beredning.skala i forbund.yml): ja, delvis
    eller nej, eller en poäng mellan skalans lägsta och högsta. Bedömningen har också en
    motivering med några ord om varför."""
    found = _beredning(ctx)
    config = _config(ctx)
    if found is None:
        return
    doc, assessment = found
    for index, raw in items(doc.data, ASSESSMENT, "kriterier"):
        value = raw.get("bedomning")
        readable = isinstance(value, (str, int)) and not isinstance(value, bool)
        if config is not None and readable and not config.on_scale(value):
            yield at(
                info,
                doc,
                (ASSESSMENT, "kriterier", index, "bedomning"),
                f"Bedömningen '{value}' finns inte på förbundets skala.",
                f"Bedöm kriteriet med {config.scale_text}.",
            )
    for verdict in assessment.criteria:
        raw_motivation = get(doc.data, ASSESSMENT, "kriterier", verdict.place, "motivering")
        if isinstance(raw_motivation, str) and not raw_motivation.strip():
            criterion = config.criterion(verdict.criterion) if config is not None else None
            label = (
                _criterion_label(criterion)
                if criterion is not None
                else verdict.criterion or f"nr {verdict.place + 1}"
            )
            yield at(
                info,
                doc,
                (ASSESSMENT, "kriterier", verdict.place, "motivering"),
                f"Bedömningen av kriteriet {label} saknar motivering.",
                "Skriv med några ord vad bedömningen bygger på, till exempel vad ansökan visar "
                "eller saknar.",
            )


@rule(
    "E107",
    "forslag-belopp-villkor",
    Severity.FEL,
    "rekommendation: {forslag: bevilja_med_villkor, …} utan villkor.",
    title="Förslaget anger belopp och villkor som det ska",
)
def proposal_complete(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Rekommendationen hänger ihop med förslaget: ett förslag att bevilja anger beloppen per
    år (belopp), ett förslag att bevilja med villkor anger också villkoren (villkor), och ett
    förslag att bevilja utan villkor har inga. Ett förslag att avslå eller att återremittera
    ansökan anger varken belopp eller villkor."""
    found = _beredning(ctx)
    if found is None or not found[1].has_recommendation:
        return
    doc, assessment = found
    proposal = assessment.proposal
    data = get(doc.data, RECOMMENDATION)
    has_amounts, has_conditions = "belopp" in data, bool(get(data, "villkor"))
    where = (RECOMMENDATION, "forslag")
    if proposal in GRANTING and not has_amounts:
        yield at(
            info,
            doc,
            where,
            f"Förslaget är att {assessment.proposal_name} men anger inget belopp.",
            "Skriv beloppen som föreslås per år under belopp, till exempel 2026: 600000.",
        )
    if proposal == "bevilja_med_villkor" and not has_conditions:
        yield at(
            info,
            doc,
            where,
            "Förslaget är att bevilja med villkor men anger inga villkor.",
            "Skriv villkoren under villkor, ett per rad, eller ändra förslaget till bevilja.",
        )
    if proposal == "bevilja" and has_conditions:
        yield at_key(
            info,
            doc,
            (RECOMMENDATION, "villkor"),
            "Förslaget är att bevilja utan villkor men räknar upp villkor.",
            "Skriv forslag: bevilja_med_villkor om villkoren ska gälla, annars ta bort dem.",
        )
    if proposal in ("avsla", "aterremiss"):
        for key, what in (("belopp", "belopp"), ("villkor", "villkor")):
            if key in data:
                yield at_key(
                    info,
                    doc,
                    (RECOMMENDATION, key),
                    f"Förslaget är att {PROPOSAL_NAMES[proposal]} men anger {what}.",
                    f"Ett förslag att {PROPOSAL_NAMES[proposal]} ansökan beviljar inget; ta "
                    f"bort {key}.",
                )


@rule(
    "E108",
    "forslag-over-sokt",
    Severity.FEL,
    "belopp: {2026: 700000} när budgeten söker 600 000 kr från förbundet för 2026.",
    title="Föreslaget belopp högst det sökta per år",
)
def proposed_within_sought(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Det föreslagna beloppet för ett år är högst det som budgeten söker från förbundet det
    året (rader med finansiering: forbundet), och belopp föreslås bara för år inom
    insatstiden. Belopp som budgeten bara anger för hela insatstiden kan höra till vilket år
    som helst och räknas med i varje år, som för beviljade belopp (B213)."""
    found = _judged(ctx)
    if found is None:
        return
    doc, assessment = found
    start, end = ctx.period

    def inside(year: int) -> bool:
        return start is None or end is None or start.year <= year <= end.year

    if start is not None and end is not None:
        for key in get(doc.data, RECOMMENDATION, "belopp") or {}:
            year = year_of(key)
            if year is not None and not inside(year):
                yield at_key(
                    info,
                    doc,
                    (RECOMMENDATION, "belopp", key),
                    f"Förslaget har belopp för {year}, utanför insatstiden "
                    f"{start.year}–{end.year}.",
                    f"Föreslå belopp bara för åren {start.year}–{end.year}.",
                )
    sought = sought_by_year(ctx)
    if sought is None:
        return
    per_year, unallocated = sought
    for year, amount in sorted(assessment.proposed_amounts.items()):
        wanted = per_year.get(year, unallocated)
        if inside(year) and amount > wanted:
            yield at(
                info,
                doc,
                (RECOMMENDATION, "belopp", str(year)),
                f"Förslaget för {year}, {kronor(amount)}, är mer än de {kronor(wanted)} som "
                f"söks från förbundet det året; skillnaden är {kronor(amount - wanted)}.",
                "Förbundet kan inte bevilja mer än det som söks. Sänk beloppet, eller be den "
                "sökande att ändra budgeten först.",
            )


@rule(
    "E109",
    "beredning-ordning",
    Severity.FEL,
    "kvalitetsgranskning: {datum: 2026-03-10, …} och bedomning: {datum: 2026-03-02, …}",
    title="Beredningens steg i ordning",
)
def steps_in_order(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Beredningen går i ordning: kvalitetsgranskning, bedömning och sist rekommendation, och
    datumen följer samma ordning (samma dag går bra). Ansökan bedöms först när
    kvalitetsgranskningen har funnit den komplett. Har förbundet en beredande grupp
    (beredning i forbund.yml) bygger ett förslag att bevilja eller avslå på gruppens
    bedömning. Styrelsen beslutar efter rekommendationen: ett beslut om ansökan mellan
    granskningen och rekommendationen visar att något datum är fel."""
    found = _beredning(ctx)
    if found is None:
        return
    doc, a = found
    if a.has_assessment and a.has_review and a.review_complete is False:
        yield at_key(
            info,
            doc,
            (ASSESSMENT,),
            "Ansökan är bedömd fast kvalitetsgranskningen fann den ofullständig.",
            "Granska ansökan igen när den sökande har kompletterat, och skriv komplett: true "
            "med det nya datumet innan ansökan bedöms.",
        )
    for part in (ASSESSMENT, RECOMMENDATION):
        if part in a.parts and not a.has_review:
            yield at_key(
                info,
                doc,
                (part,),
                "Beredningen saknar kansliets kvalitetsgranskning.",
                "Skriv in kvalitetsgranskningen (datum, komplett och granskad_av) först.",
            )
            break
    needs_body = a.proposal in ("bevilja", "bevilja_med_villkor", "avsla")
    if a.has_recommendation and needs_body and not a.has_assessment and _config(ctx) is not None:
        yield at_key(
            info,
            doc,
            (RECOMMENDATION,),
            f"Förslaget att {a.proposal_name} har ingen bedömning av {_body_name(ctx)} att "
            "bygga på.",
            "Skriv in bedömningen (organ, datum och kriterier) under bedomning först.",
        )
    steps = [
        ("kvalitetsgranskningen", REVIEW, a.review_date),
        ("bedömningen", ASSESSMENT, a.meeting_date),
        ("rekommendationen", RECOMMENDATION, a.proposal_date),
    ]
    dated = [(name, part, day) for name, part, day in steps if day is not None]
    for (before, _, first), (name, part, day) in pairwise(dated):
        if day < first:
            yield at(
                info,
                doc,
                (part, "datum"),
                f"{name.capitalize()} är daterad {day}, före {before} {first}.",
                "Kontrollera datumen: granskning, bedömning och rekommendation kommer i den "
                "ordningen.",
            )
    if not dated or a.proposal_date is None:
        return
    opened = dated[0][2]
    early = [
        d
        for d in ctx.insats.decisions
        if d.outcome in DECIDING and d.date is not None and opened <= d.date < a.proposal_date
    ]
    for decision in early[:1]:
        yield at(
            info,
            doc,
            (RECOMMENDATION, "datum"),
            f"Styrelsen beslutade om ansökan {decision.date} ("
            f"{STATUS_NAMES[decision.outcome]}), före rekommendationen {a.proposal_date}.",
            "Rekommendationen ska vara skriven före beslutet. Rätta datumet i beredningen "
            "eller i beslutet.",
        )


def _differences(assessment: Assessment, decision: Decision) -> list[str]:
    """How a decision differs from the recommendation it answers, in words."""
    proposed = assessment.proposed_outcome
    if proposed is None:
        return []
    if decision.outcome != proposed:
        return [
            f"förslaget var att {assessment.proposal_name}, men ansökan blev "
            f"{STATUS_NAMES[decision.outcome]}"
        ]
    if not decision.grants:
        return []
    out = []
    for year in sorted(set(assessment.proposed_amounts) | set(decision.granted)):
        wanted = assessment.proposed_amounts.get(year, 0)
        granted = decision.granted.get(year, 0)
        if wanted != granted:
            out.append(f"för {year} föreslogs {kronor(wanted)} men beviljades {kronor(granted)}")
    if assessment.proposal == "bevilja_med_villkor" and not decision.conditions:
        out.append("förslaget hade villkor, men beslutet har inga")
    return out


@rule(
    "E110",
    "beslut-avviker-utan-skal",
    Severity.FEL,
    "Förslaget var att bevilja 600 000 kr för 2026; beslutet beviljar 500 000 kr och har ingen "
    "avvikelse_fran_forslag.",
    title="Ett beslut som avviker från förslaget säger varför",
)
def decision_follows_proposal(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Styrelsens beslut följer beredningens rekommendation eller säger varför det inte gör
    det. Skiljer sig det första beslutet om ansökan efter rekommendationen (beviljad,
    avslagen eller återremiss) från förslaget – i utfall, i beviljat belopp för något år,
    eller genom att sakna villkor när förslaget var att bevilja med villkor – förklarar
    beslutet skillnaden under avvikelse_fran_forslag."""
    found = _beredning(ctx)
    beslut = ctx.app.beslut
    if found is None or beslut is None:
        return
    decision = ctx.insats.decision_on_recommendation
    if decision is None or decision.deviation.strip():
        return
    differences = _differences(found[1], decision)
    if differences:
        said = "; ".join(differences)
        yield at(
            info,
            beslut,
            ("beslut", decision.place, "utfall"),
            f"Beslutet {decision.date} avviker från beredningens förslag: {said}.",
            "Skriv under avvikelse_fran_forslag i beslutet varför styrelsen beslutade "
            "annorlunda än förslaget, med några meningar ur protokollet.",
        )
