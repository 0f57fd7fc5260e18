"""Rules for the idéskiss (ideskiss.md): the short sketch of an idea that comes before an
application. A folder with only an idéskiss is a valid first stage, and an application without
an idéskiss is as valid as ever: these rules judge the idéskiss when there is one."""

from __future__ import annotations

from collections.abc import Iterator

from finsam.catalog import RuleInfo
from finsam.findings import Finding, Severity
from finsam.loader.application import Ansokan
from finsam.model.forbund import SketchQuestions
from finsam.rules.application import (
    backwards_period,
    empty_sections,
    id_findings,
    members_hint,
    missing_sections,
    party_label,
    unexpected_headings,
)
from finsam.rules.registry import Context, at, at_key, rule
from finsam.sv import kronor
from finsam.values import get, items, text, year_of


def _sketch(ctx: Context) -> Ansokan | None:
    """The idéskiss, when the folder has one whose facts are a mapping (the schema reports
    anything else)."""
    doc = ctx.app.ideskiss
    return doc if doc is not None and isinstance(doc.data, dict) else None


def _version_key(version: str) -> tuple[int, str]:
    return len(version), version


def _questions(ctx: Context) -> SketchQuestions | None:
    """The förbund's questions that the idéskiss answers: None when the förbund has none, or
    when the idéskiss answers another version of them (I108 says which)."""
    questions = ctx.forbund.sketch
    version = ctx.insats.sketch.version
    if questions is None or version != questions.version:
        return None
    return questions


@rule(
    "I101",
    "ideskiss-fraga-obesvarad",
    Severity.FEL,
    "En idéskiss utan rubriken ## Förankring, eller med rubriken men ingen text under.",
    title="Idéskissens frågor är besvarade",
)
def questions_answered(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje obligatorisk fråga i förbundets frågor för idéskisser (ideskiss.avsnitt i
    forbund.yml) ska stå som en rubrik på nivå två (## Rubrik) med ett svar under.
    Vägledning i <!-- kommentarer --> räknas inte som svar. Liknar en rubrik i idéskissen den
    saknade frågans rubrik pekas den ut, med förslaget att byta namn på den."""
    doc = _sketch(ctx)
    questions = _questions(ctx)
    if doc is None or questions is None:
        return
    yield from missing_sections(info, doc, questions.sections)
    yield from empty_sections(info, doc, questions.sections)


@rule(
    "I102",
    "ideskiss-okand-rubrik",
    Severity.VARNING,
    "## Bakgrunden  (frågans rubrik är Bakgrund)",
    title="Bara frågornas rubriker på nivå två",
)
def sketch_headings(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Rubrikerna på nivå två i en idéskiss ska vara förbundets frågor, var och en en gång.
    Andra rubriker ger en varning, eftersom de kan vara en felstavad fråga. Använd ### för egna
    underrubriker."""
    doc = _sketch(ctx)
    questions = _questions(ctx)
    if doc is None or questions is None:
        return
    yield from unexpected_headings(info, doc, questions.sections, f"bland {questions.title}")


@rule(
    "I103",
    "ideskiss-id-och-mapp",
    Severity.FEL,
    "Mappen heter 2026-stod men idéskissens id är 2026-stodet.",
    title="Idéskissens id och mappnamn stämmer överens",
)
def sketch_id(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Idéskissens id ska vara detsamma som mappens namn, precis som ansökans id när idén blir
    en ansökan i samma mapp, och bara innehålla a–z, 0–9 och bindestreck."""
    doc = _sketch(ctx)
    if doc is None:
        return
    # With an application in the folder, A113 judges the folder's name once.
    yield from id_findings(info, doc, ctx.app.path.name, folder_name=ctx.app.ansokan is None)


@rule(
    "I104",
    "ideskiss-parter",
    Severity.FEL,
    "insatsagare: {part: grannby-kommun}  (inte medlem i förbundet)",
    title="Idéskissens parter är medlemmar",
)
def sketch_parties(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Den tänkta insatsägaren och samverkansparterna i en idéskiss ska vara medlemmar i
    förbundet enligt forbund.yml, och varje part ska stå en gång. Kontakten ska finnas hos en
    av idéskissens parter."""
    doc = _sketch(ctx)
    if doc is None:
        return
    places: list[tuple[str | int, ...]] = [("insatsagare", "part")]
    places += [("samverkansparter", i, "part") for i, _ in items(doc.data, "samverkansparter")]
    roles: dict[str, str] = {}
    for path in places:
        part = text(doc.data, *path)
        if part is None:
            continue  # an unfilled or malformed party is the schema's finding
        if part not in ctx.forbund.parties:
            yield at(
                info,
                doc,
                path,
                f"Parten '{part}' är inte medlem i {ctx.forbund.name}.",
                members_hint(ctx, part),
            )
        elif part in roles:
            yield at(
                info,
                doc,
                path,
                f"Parten {party_label(ctx, part)} står redan som {roles[part]}.",
                "Skriv varje part en gång: den tänkta insatsägaren under insatsagare och de "
                "andra under samverkansparter.",
            )
        roles.setdefault(part, "insatsägare" if path[0] == "insatsagare" else "samverkanspart")
    contact = text(doc.data, "kontakt", "part")
    if contact is None:
        return
    if contact not in ctx.forbund.parties:
        yield at(
            info,
            doc,
            ("kontakt", "part"),
            f"Kontaktens organisation '{contact}' är inte medlem i {ctx.forbund.name}.",
            members_hint(ctx, contact),
        )
    elif roles and contact not in roles:
        named = ", ".join(party_label(ctx, p) for p in roles)
        yield at(
            info,
            doc,
            ("kontakt", "part"),
            f"Kontakten finns hos {party_label(ctx, contact)}, som inte är part i idéskissen.",
            f"Idéskissens parter är {named}. Ange en roll hos en av dem, eller lägg till "
            "parten under samverkansparter.",
        )


@rule(
    "I105",
    "ideskiss-period",
    Severity.FEL,
    "period: {start: 2027-01-01, slut: 2026-06-30}",
    title="Idéskissens tid hänger ihop",
)
def sketch_period(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Den preliminära insatstiden i en idéskiss ska sluta efter att den börjar."""
    doc = _sketch(ctx)
    if doc is not None:
        yield from backwards_period(info, doc)


@rule(
    "I106",
    "ideskiss-budget",
    Severity.FEL,
    "preliminar_budget: {totalt: 900000, per_ar: {2026: 300000, 2027: 500000}}",
    title="Idéskissens budget går ihop",
)
def sketch_budget(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Den preliminära budgeten i en idéskiss är ett belopp i hela kronor större än noll.
    Delas den upp per år ska beloppen tillsammans vara lika med totalen, och varje år ska
    ligga inom den preliminära insatstiden."""
    doc = _sketch(ctx)
    if doc is None:
        return
    sketch = ctx.insats.sketch
    total = sketch.budget_total
    if total == 0:
        yield at(
            info,
            doc,
            ("preliminar_budget", "totalt"),
            "Den preliminära budgeten är 0 kronor.",
            "Skriv ungefär hur mycket idén skulle behöva från förbundet, i hela kronor, till "
            "exempel 1500000. En grov uppskattning räcker.",
        )
    by_year = sketch.budget_by_year
    per_year = get(doc.data, "preliminar_budget", "per_ar")
    complete = isinstance(per_year, dict) and len(by_year) == len(per_year)
    if total and complete and by_year and sum(by_year.values()) != total:
        yield at(
            info,
            doc,
            ("preliminar_budget", "totalt"),
            f"Beloppen per år blir tillsammans {kronor(sum(by_year.values()))}, men totalen är "
            f"{kronor(total)}.",
            "Ändra totalen eller beloppen per år så att de stämmer krona för krona.",
        )
    start, end = sketch.period
    if start is None or end is None or not isinstance(per_year, dict):
        return
    for key in per_year:
        year = year_of(key)
        if year is not None and not start.year <= year <= end.year:
            yield at_key(
                info,
                doc,
                ("preliminar_budget", "per_ar", key),
                f"Året {year} ligger utanför den preliminära insatstiden {start}–{end}.",
                f"Fördela beloppet på åren {start.year}–{end.year}, eller ändra insatstiden.",
            )


def _words(value: str) -> str:
    return " ".join(value.casefold().split())


@rule(
    "I107",
    "ideskiss-och-ansokan",
    Severity.VARNING,
    "Idéskissen har Åby kommun som insatsägare, ansökan i samma mapp Ekby kommun.",
    title="Ansökan känns igen från idéskissen",
)
def sketch_and_application(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """När en idé har blivit en ansökan i samma mapp jämförs ansökan med idéskissen. Har
    insatsen fått ett annat namn, en annan insatsägare eller tappat en part som idéskissen
    räknade med ges en varning, inget fel: en idé förändras ofta på vägen, men kansliet ska se
    det. Idéskissen skrivs inte om; den visar hur idén såg ut när den kom in."""
    doc, ansokan = _sketch(ctx), ctx.app.ansokan
    if doc is None or ansokan is None or not isinstance(ansokan.data, dict):
        return
    sketch, application = ctx.insats.sketch, ctx.insats.application
    title = text(ansokan.data, "titel")
    working = text(doc.data, "titel")
    if title and working and _words(title) != _words(working):
        yield at(
            info,
            ansokan,
            ("titel",),
            f"Insatsen heter '{title}' i ansökan men '{working}' i idéskissen.",
            "Det går bra om namnet har ändrats sedan idéskissen; kontrollera annars att "
            "ansökan och idéskissen gäller samma idé.",
        )
    # The intended insatsägare is none of the application's (insatsagare or medsokande).
    owner_changed = bool(
        sketch.owner in ctx.forbund.parties
        and application.owner
        and sketch.owner not in application.owners
    )
    if owner_changed:
        yield at(
            info,
            ansokan,
            ("insatsagare", "part"),
            f"Idéskissen hade {party_label(ctx, sketch.owner)} som insatsägare, ansökan har "
            f"{party_label(ctx, application.owner)}.",
            "Kontrollera att insatsägaren är rätt, och berätta för kansliet varför den har bytts.",
        )
    dropped = [
        p
        for p in sketch.parties
        if p in ctx.forbund.parties
        and p not in application.parties
        and not (owner_changed and p == sketch.owner)
    ]
    if application.parties and dropped:
        listed = "samverkansparter" if "samverkansparter" in ansokan.data else "insatsagare"
        for part in dropped:
            yield at_key(
                info,
                ansokan,
                (listed,),
                f"{party_label(ctx, part)} fanns med i idéskissen men är inte part i ansökan.",
                "Lägg till parten under samverkansparter om den fortfarande deltar, eller "
                "berätta för kansliet varför den inte längre är med.",
            )


@rule(
    "I108",
    "ideskiss-fragor-version",
    Severity.FEL,
    "mall: {id: ideskiss, version: 2030} när förbundets frågor har version 2025.",
    title="Idéskissen svarar på förbundets frågor",
)
def questions_known(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En idéskiss anger vilken version av förbundets frågor den svarar på (mall.version), och
    förbundet ska ha frågor för idéskisser (ideskiss i forbund.yml). En idéskiss som svarade på
    en äldre version av frågorna gäller som den skrevs: den prövas inte mot de nya frågorna,
    på samma sätt som en ansökan på en äldre mall."""
    doc = _sketch(ctx)
    version = ctx.insats.sketch.version
    if doc is None or version is None:
        return  # no idéskiss, or no readable version (the schema's finding)
    questions = ctx.forbund.sketch
    if questions is None:
        yield at(
            info,
            doc,
            ("mall",),
            f"{ctx.forbund.name} har inga frågor för idéskisser.",
            "Förbundet tar inte emot idéskisser i arkivet; kontakta kansliet och beskriv idén "
            "för dem, eller lämna in en ansökan med finsam ny ansokan <id>.",
        )
        return
    if version != questions.version and _version_key(version) > _version_key(questions.version):
        yield at(
            info,
            doc,
            ("mall", "version"),
            f"Förbundets frågor för idéskisser finns inte i version {version}.",
            f"Skriv version: {questions.version}, den version av frågorna som gäller nu.",
        )
