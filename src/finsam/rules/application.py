"""Rules for ansokan.md beyond its schema: parties, goals, period, sections and template."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from finsam.catalog import RuleInfo
from finsam.findings import Finding, Severity
from finsam.loader.application import (
    ANSOKAN,
    BEREDNING,
    BESLUT,
    BUDGET,
    IDESKISS,
    MAX_LISTED,
    Ansokan,
    ApplicationFolder,
    Document,
)
from finsam.loader.markdown_doc import Section, normalize_heading
from finsam.model.forbund import SectionSpec, Template, TemplateRules
from finsam.model.sketch import sketch_stage
from finsam.rules.registry import Context, at, at_key, rule
from finsam.suggest import closest, did_you_mean
from finsam.values import date, get, items, text

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


_PARTY_LISTS = ("medsokande", "samverkansparter")


def _parties(ansokan: Ansokan) -> list[str]:
    """The owner first, then the medsökande and the partners, as written."""
    owner = text(ansokan.data, "insatsagare", "part")
    others = [text(p, "part") for name in _PARTY_LISTS for _, p in items(ansokan.data, name)]
    return [p for p in [owner, *others] if p]


def party_label(ctx: Context, part: str) -> str:
    """'Försäkringskassan (forsakringskassan)' for a member, the bare id otherwise."""
    party = ctx.forbund.parties.get(part)
    return f"{party.name} ({part})" if party else f"'{part}'"


def members_hint(ctx: Context, value: str) -> str:
    ids = list(ctx.forbund.parties)
    return did_you_mean(value, ids, cutoff=0.5) + "Förbundets medlemmar: " + ", ".join(ids) + "."


@rule(
    "A101",
    "parter-minst-tva",
    Severity.FEL,
    "insatsagare: a-kommun och inga samverkansparter utöver a-kommun.",
    title="Minst två parter",
)
def at_least_two_parties(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Insatsen ska genomföras av minst två av förbundets medlemmar, varav en är insatsägare.
    Flera medlemmar kan söka tillsammans: de andra står då under medsokande. Ingen part står
    två gånger, varken som insatsägare, medsökande eller samverkanspart."""
    ansokan = ctx.app.ansokan
    if ansokan is None:
        return
    owner = text(ansokan.data, "insatsagare", "part")
    roles: dict[str, str] = {owner: "insatsägare"} if owner else {}
    for listname in _PARTY_LISTS:
        for index, partner in items(ansokan.data, listname):
            part = text(partner, "part")
            if part is None:
                continue
            if part in roles:
                yield at(
                    info,
                    ansokan,
                    (listname, index, "part"),
                    f"Parten {party_label(ctx, part)} står redan som {roles[part]}.",
                    "Varje part anges en gång: insatsägaren under insatsagare, andra som söker "
                    "tillsammans med den under medsokande och övriga under samverkansparter.",
                )
                continue
            roles[part] = "medsökande" if listname == "medsokande" else "samverkanspart"
    seen = set(roles)
    partners = [p for name in _PARTY_LISTS for p in items(ansokan.data, name)]
    unfilled = owner is None or any(text(p, "part") is None for _, p in partners)
    if len(seen) < 2 and not unfilled:  # unfilled parts are the schema's to report
        listed = isinstance(ansokan.data, dict) and "samverkansparter" in ansokan.data
        yield at_key(
            info,
            ansokan,
            ("samverkansparter",) if listed else ("insatsagare",),
            f"Insatsen har {len(seen)} part; minst två av förbundets medlemmar måste delta.",
            "Lägg till minst en samverkanspart under samverkansparter, eller en medlem som söker "
            "tillsammans med insatsägaren under medsokande.",
        )


@rule(
    "A102",
    "part-ej-medlem",
    Severity.FEL,
    "part: grannby-kommun  (inte medlem i förbundet)",
    title="Parterna är medlemmar i förbundet",
)
def parties_are_members(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje part som nämns i ansökan och budget (insatsägare, medsökande, samverkansparter,
    kontakter, underskrifter och budgetrader) ska vara medlem i förbundet enligt forbund.yml."""
    app = ctx.app
    places: list[tuple[Document, tuple[str | int, ...]]] = []
    if app.ansokan is not None:
        places.append((app.ansokan, ("insatsagare", "part")))
        for listname in ("medsokande", "samverkansparter", "kontakter", "underskrifter"):
            for index, _ in items(app.ansokan.data, listname):
                places.append((app.ansokan, (listname, index, "part")))
    if app.budget is not None:
        for index, _ in items(app.budget.data, "rader"):
            places.append((app.budget, ("rader", index, "part")))
    for doc, path in places:
        part = text(doc.data, *path)
        if part is None or part in ctx.forbund.parties:
            continue
        yield at(
            info,
            doc,
            path,
            f"Parten '{part}' är inte medlem i {ctx.forbund.name}.",
            members_hint(ctx, part),
        )


@rule(
    "A103",
    "part-utanfor-insatsen",
    Severity.FEL,
    "En underskrift från forsakringskassan när Försäkringskassan inte är part i insatsen.",
    title="Bara insatsens egna parter",
)
def parties_take_part(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Kontaktpersoner, underskrifter och budgetrader får bara höra till insatsens egna parter:
    insatsägaren, medsökande och samverkansparterna. Är en av insatsens parter inte medlem (A102)
    och liknar den en medlem, räknas den som en felstavning av medlemmen: hänvisningar till den
    medlemmen pekas då inte ut en gång till."""
    app = ctx.app
    if app.ansokan is None:
        return
    parties = set(_parties(app.ansokan))
    if not parties:
        return  # no parties at all is the schema's finding
    # A party of the insats that is no member is most likely a misspelling (A102's finding) of
    # the member it resembles: a reference to that member is then not reported again.
    members = list(ctx.forbund.parties)
    meant = {closest(p, members, cutoff=0.5) for p in parties if p not in ctx.forbund.parties}
    listed = ", ".join(party_label(ctx, p) for p in _parties(app.ansokan))
    targets: list[tuple[Document, str]] = [
        (app.ansokan, name) for name in ("kontakter", "underskrifter")
    ]
    if app.budget is not None:
        targets.append((app.budget, "rader"))
    for doc, listname in targets:
        for index, entry in items(doc.data, listname):
            part = text(entry, "part")
            if part is None or part in parties or part not in ctx.forbund.parties:
                continue
            if part in meant:
                continue
            yield at(
                info,
                doc,
                (listname, index, "part"),
                f"{party_label(ctx, part)} är inte part i insatsen.",
                f"Insatsens parter är {listed}. Lägg till parten under samverkansparter "
                "eller ändra raden.",
            )


@rule(
    "A104",
    "resultatmal-max",
    Severity.FEL,
    "Fyra punkter under mal.resultatmal.",
    title="Högst mallens antal resultatmål",
)
def result_goal_limit(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En ansökan får ha högst så många resultatmål som mallen anger (tre i den generella mallen;
    brytaren max_resultatmal, där 0 betyder att mallen inte sätter någon gräns)."""
    ansokan, template = ctx.app.ansokan, _template(ctx)
    if ansokan is None or template is None:
        return
    goals = get(ansokan.data, "mal", "resultatmal")
    limit = template.rules.max_result_goals
    if limit and isinstance(goals, list) and len(goals) > limit:
        yield at(
            info,
            ansokan,
            ("mal", "resultatmal", limit),
            f"Ansökan har {len(goals)} resultatmål; mallen tillåter högst {limit}.",
            "Välj ut de viktigaste målen och formulera dem enligt SMART; slå ihop eller stryk resten.",
        )


@rule(
    "A105",
    "effektmal-antal",
    Severity.VARNING,
    "Två punkter under mal.effektmal.",
    title="Ett effektmål rekommenderas",
)
def effect_goal_count(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Mallen rekommenderar ett effektmål; fler ger en varning (brytaren max_effektmal, där 0
    betyder att mallen inte sätter någon gräns)."""
    ansokan, template = ctx.app.ansokan, _template(ctx)
    if ansokan is None or template is None:
        return
    goals = get(ansokan.data, "mal", "effektmal")
    limit = template.rules.max_effect_goals
    if limit and isinstance(goals, list) and len(goals) > limit:
        yield at(
            info,
            ansokan,
            ("mal", "effektmal", limit),
            f"Ansökan har {len(goals)} effektmål; mallen rekommenderar {limit}.",
            "Ett effektmål beskriver den långsiktiga förändringen; mätbara delmål hör hemma "
            "bland resultatmålen.",
        )


@rule(
    "A106",
    "jamstalldhetsmal-saknas",
    Severity.FEL,
    "Inget mål har jamstalldhet: true.",
    title="Ett mål för jämställdhet",
)
def equality_goal(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Ett av målen ska vara markerat som insatsens mål för jämställdhet eller jämlikhet
    (jamstalldhet: true), när mallen kräver det (brytaren jamstalldhetsmal)."""
    ansokan, template = ctx.app.ansokan, _template(ctx)
    if ansokan is None or template is None or not template.rules.equality_goal_required:
        return
    goals = items(ansokan.data, "mal", "resultatmal") + items(ansokan.data, "mal", "effektmal")
    if not isinstance(get(ansokan.data, "mal"), dict):
        return
    markers = [goal.get("jamstalldhet") for _, goal in goals]
    if any(m is not None and not isinstance(m, bool) for m in markers):
        return  # a marker of the wrong type is the schema's finding
    if True not in markers:
        yield at_key(
            info,
            ansokan,
            ("mal",),
            "Inget mål är markerat som mål för jämställdhet eller jämlikhet.",
            "Formulera ett resultatmål om jämställdhet eller jämlikhet och skriv "
            "jamstalldhet: true under det.",
        )


@rule(
    "A107",
    "period-ordning",
    Severity.FEL,
    "start: 2026-01-01, slut: 2025-12-31",
    title="Insatstiden hänger ihop",
)
def period_order(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Insatstiden hänger ihop: start ≤ sista intag ≤ slut, och varje fas i tidplanen ligger
    inom insatstiden med start före slut. Mallar som kräver det ska ange sista intag."""
    ansokan = ctx.app.ansokan
    if ansokan is None:
        return
    data = ansokan.data
    start, intake, end = (date(data, "period", k) for k in ("start", "sista_intag", "slut"))
    yield from backwards_period(info, ansokan)
    backwards = bool(start and end and start > end)
    if intake and not backwards and ((start and intake < start) or (end and intake > end)):
        yield at(
            info,
            ansokan,
            ("period", "sista_intag"),
            f"Sista intag {intake} ligger utanför insatstiden {start or '?'}–{end or '?'}.",
            "Sista intag ska ligga mellan start och slut.",
        )
    template = _template(ctx)
    if (
        template is not None
        and template.rules.last_intake_required
        and isinstance(get(data, "period"), dict)
        and "sista_intag" not in data["period"]  # an empty value is the schema's to report
    ):
        yield at_key(
            info,
            ansokan,
            ("period",),
            "Sista dag för intag av deltagare (sista_intag) saknas.",
            f"Mallen {template.title} kräver sista_intag under period.",
        )
    for index, phase in items(data, "tidplan"):
        p_start, p_end = date(phase, "start"), date(phase, "slut")
        name = text(phase, "fas") or f"nr {index + 1}"
        if p_start and p_end and p_start > p_end:
            yield at(
                info,
                ansokan,
                ("tidplan", index),
                f"Fasen '{name}' slutar ({p_end}) före sin start ({p_start}).",
                "Kontrollera datumen i tidplanen.",
            )
        if start and end and ((p_start and p_start < start) or (p_end and p_end > end)):
            yield at(
                info,
                ansokan,
                ("tidplan", index),
                f"Fasen '{name}' ligger utanför insatstiden {start}–{end}.",
                "Varje fas i tidplanen ska ligga inom insatstiden.",
            )


def backwards_period(info: RuleInfo, doc: Document) -> Iterator[Finding]:
    """The finding when the document's period (period.start, period.slut) ends before it
    starts: A107 in an application, I105 in an idéskiss."""
    start, end = date(doc.data, "period", "start"), date(doc.data, "period", "slut")
    if start and end and start > end:
        yield at(
            info,
            doc,
            ("period", "slut"),
            f"Slutdatum {end} ligger före startdatum {start}.",
            "Kontrollera att start och slut inte har bytt plats.",
        )


def _renamed(doc: Ansokan, specs: Sequence[SectionSpec]) -> dict[str, Section]:
    """Missing required sections (by the template's heading) that are most likely present under
    a misspelt heading: each unknown heading stands in for at most one missing section."""
    known = {normalize_heading(s.heading) for s in specs}
    present = {normalize_heading(s.heading) for s in doc.sections}
    unknown = {s.heading: s for s in doc.sections if normalize_heading(s.heading) not in known}
    out: dict[str, Section] = {}
    for spec in specs:
        if not spec.required or normalize_heading(spec.heading) in present:
            continue
        # The unknown heading closest to this one, if this one is also its closest heading.
        found = closest(spec.heading, unknown, cutoff=0.5)
        if found is not None and closest(found, [s.heading for s in specs], 0.5) == spec.heading:
            out[spec.heading] = unknown.pop(found)
    return out


def missing_sections(
    info: RuleInfo, doc: Ansokan, specs: Sequence[SectionSpec]
) -> Iterator[Finding]:
    """Each required section of ``specs`` that the text document lacks, at the misspelt heading
    that most likely stands for it or where it belongs (A108, and I101 in an idéskiss)."""
    present = {normalize_heading(s.heading): s.line for s in doc.sections}
    renamed = _renamed(doc, specs)
    for index, spec in enumerate(specs):
        if not spec.required or normalize_heading(spec.heading) in present:
            continue
        misnamed = renamed.get(spec.heading)
        if misnamed is not None:
            yield info.finding(
                doc.text_rel,
                misnamed.line,
                1,
                f"Avsnittet '{spec.heading}' saknas; rubriken '{misnamed.heading}' ser ut att "
                "vara det avsnittet.",
                f"Byt namn på '{misnamed.heading}' till '{spec.heading}'.",
            )
            continue
        # Point where the section belongs: at the next heading of ``specs`` that is present.
        later = [
            present[normalize_heading(s.heading)]
            for s in specs[index + 1 :]
            if normalize_heading(s.heading) in present
        ]
        yield info.finding(
            doc.text_rel,
            later[0] if later else doc.end_line,
            1,
            f"Avsnittet '{spec.heading}' saknas.",
            f"Lägg till rubriken '## {spec.heading}' med text under. {spec.guidance}".strip(),
        )


def empty_sections(info: RuleInfo, doc: Ansokan, specs: Sequence[SectionSpec]) -> Iterator[Finding]:
    """Each required section of ``specs`` that stands in the document without text (A109, and
    I101 in an idéskiss); guidance in <!-- comments --> is no text."""
    required = {normalize_heading(s.heading): s for s in specs if s.required}
    for section in doc.sections:
        spec = required.get(normalize_heading(section.heading))
        if spec is not None and section.is_empty:
            yield info.finding(
                doc.text_rel,
                section.line,
                1,
                f"Avsnittet '{spec.heading}' är tomt.",
                spec.guidance or "Skriv text under rubriken.",
            )


def unexpected_headings(
    info: RuleInfo, doc: Ansokan, specs: Sequence[SectionSpec], source: str
) -> Iterator[Finding]:
    """Level-two headings that are none of ``specs`` (``source`` says whose, as in "finns inte
    i mallen …"), and headings written twice (A110, and I102 in an idéskiss). A misspelt
    heading for a missing required section is missing_sections' finding, not this."""
    known = {normalize_heading(s.heading): s.heading for s in specs}
    renamed = {id(s) for s in _renamed(doc, specs).values()}
    seen: set[str] = set()
    for section in doc.sections:
        key = normalize_heading(section.heading)
        if key not in known and id(section) in renamed:
            continue
        if key not in known:
            tip = did_you_mean(section.heading, known.values(), cutoff=0.5)
            yield info.finding(
                doc.text_rel,
                section.line,
                1,
                f"Rubriken '{section.heading}' finns inte {source}.",
                tip + "Använd ### för egna underrubriker inom ett avsnitt.",
            )
        elif key in seen:
            yield info.finding(
                doc.text_rel,
                section.line,
                1,
                f"Rubriken '{known[key]}' förekommer mer än en gång.",
                "Samla texten under en och samma rubrik.",
            )
        seen.add(key)


@rule(
    "A108",
    "avsnitt-saknas",
    Severity.FEL,
    "En ansökan utan rubriken ## Syfte.",
    title="Obligatoriska avsnitt finns",
)
def required_sections_present(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje obligatoriskt avsnitt i mallen ska finnas som en rubrik på nivå två (## Rubrik).
    Liknar en rubrik i ansökan det saknade avsnittets rubrik (stora och små bokstäver spelar
    ingen roll) pekas den rubriken ut, med förslaget att byta namn på den."""
    ansokan, template = ctx.app.ansokan, _template(ctx)
    if ansokan is None or template is None:
        return
    yield from missing_sections(info, ansokan, template.sections)


@rule(
    "A109",
    "avsnitt-tomt",
    Severity.FEL,
    "## Syfte följd direkt av nästa rubrik.",
    title="Inga tomma obligatoriska avsnitt",
)
def required_sections_filled(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Ett obligatoriskt avsnitt får inte vara tomt; vägledning i <!-- kommentarer --> räknas inte."""
    ansokan, template = ctx.app.ansokan, _template(ctx)
    if ansokan is None or template is None:
        return
    yield from empty_sections(info, ansokan, template.sections)


@rule(
    "A110",
    "okand-rubrik",
    Severity.VARNING,
    "## Övrig  (mallens frivilliga rubrik är Övrigt)",
    title="Bara mallens rubriker på nivå två",
)
def unknown_headings(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Rubriker på nivå två ska vara mallens rubriker, var och en en gång. Andra rubriker ger en
    varning: de kan vara en felstavad rubrik. Använd ### för egna underrubriker. En felstavad
    rubrik för ett obligatoriskt avsnitt som saknas pekas bara ut en gång, av A108."""
    ansokan, template = ctx.app.ansokan, _template(ctx)
    if ansokan is None or template is None:
        return
    yield from unexpected_headings(info, ansokan, template.sections, f"i mallen {template.title}")


# Characters that are not seen: a paste from a web page or from Word may carry them inside words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_WORD = re.compile(r"\S+")  # \s is Unicode whitespace: non-breaking spaces are spaces too
_BEFORE = 3  # words of common text shown before the first difference
_AFTER = 5  # words shown from the first difference on
_WORD_CHARS = 25  # a longer word is cut in an excerpt


class Word(NamedTuple):
    text: str
    line: int
    column: int  # 1-based, where the word starts
    end: int  # the column just after it


def words(text_value: str, first_line: int = 0) -> list[Word]:
    """The text's words in order, each with its line and columns in the file.

    Line breaks, blank lines and runs of whitespace of any kind (including non-breaking
    spaces) only separate words, so re-wrapping a paragraph changes nothing, but every changed,
    added or removed word does."""
    out = []
    for offset, line in enumerate(text_value.split("\n")):
        for match in _WORD.finditer(line):
            word = match.group().translate(_INVISIBLE)
            if word:
                out.append(Word(word, first_line + offset, match.start() + 1, match.end() + 1))
    return out


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _without_comments(text_value: str) -> str:
    """The text with its HTML comments blanked out: they are not shown, so they change no
    word, and every other word keeps its line and column."""
    if "<!--" not in text_value:
        return text_value
    return _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text_value)


def plain_words(text_value: str) -> list[str]:
    """The words of :func:`words` without their places (str.split and the regex's \\S agree
    on what is whitespace)."""
    return text_value.translate(_INVISIBLE).split()


def _cut(word: str) -> str:
    return word if len(word) <= _WORD_CHARS else word[: _WORD_CHARS - 1] + "…"


def _differing(expected: str, actual: str) -> tuple[str, str]:
    """The first differing words, cut around their first differing character if they are long."""
    if _cut(expected) != _cut(actual):
        return _cut(expected), _cut(actual)
    at = next(
        (i for i, (x, y) in enumerate(zip(expected, actual, strict=False)) if x != y),
        min(len(expected), len(actual)),
    )
    start = max(0, at - _WORD_CHARS // 2)
    lead = "…" if start else ""

    def window(word: str) -> str:
        end = at + _WORD_CHARS // 2
        return lead + word[start:end] + ("…" if len(word) > end else "")

    return window(expected), window(actual)


def excerpts(expected: list[str], actual: list[str]) -> tuple[int, str, str]:
    """Where two word sequences first differ, and a short excerpt of each from there, in Swedish.

    The excerpts start with the same few words of common text and always differ: at the first
    differing word, or where one of the texts ends."""
    at = next(
        (i for i, (x, y) in enumerate(zip(expected, actual, strict=False)) if x != y),
        min(len(expected), len(actual)),
    )
    before = [_cut(w) for w in expected[max(0, at - _BEFORE) : at]]
    lead = ["…"] if at > _BEFORE else []
    first = (
        _differing(expected[at], actual[at])
        if at < len(expected) and at < len(actual)
        else (
            _cut(expected[at]) if at < len(expected) else "",
            _cut(actual[at]) if at < len(actual) else "",
        )
    )

    def excerpt(sequence: list[str], differing: str) -> str:
        if at >= len(sequence):
            shown = " ".join(lead + before)
            return f"'{shown}' och sedan inget mer" if shown else "ingen text alls"
        rest = [_cut(w) for w in sequence[at + 1 : at + _AFTER]]
        more = ["…"] if len(sequence) > at + _AFTER else []
        return "'" + " ".join(lead + before + [differing] + rest + more) + "'"

    return at, excerpt(expected, first[0]), excerpt(actual, first[1])


@rule(
    "A111",
    "fast-text-andrad",
    Severity.FEL,
    "En mening i avsnittet Överenskommelse har skrivits om.",
    title="Mallens fasta text är oförändrad",
)
def fixed_text_unchanged(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Avsnitt som i mallen har en fast text (till exempel Överenskommelse) ska innehålla exakt
    den texten. Jämförelsen görs ord för ord: radbrytningar, tomma rader och mellanslag (även
    hårda mellanslag) spelar ingen roll, så texten får brytas om, men varje ändrat, tillagt
    eller borttaget ord räknas. Kommentarer (<!-- … -->) syns inte i texten och räknas inte.
    Fyndet visar de första orden som skiljer sig."""
    ansokan, template = ctx.app.ansokan, _template(ctx)
    if ansokan is None or template is None:
        return
    by_heading = {normalize_heading(s.heading): s for s in ansokan.sections}
    for spec in template.sections:
        section = by_heading.get(normalize_heading(spec.heading))
        if spec.fixed_text is None or section is None:
            continue
        text = _without_comments(section.text)
        if plain_words(text) == plain_words(spec.fixed_text):
            continue  # the common case, without the positions only a finding needs
        expected = [word.text for word in words(spec.fixed_text)]
        actual = words(text, section.text_line)
        at, in_template, in_application = excerpts(expected, [word.text for word in actual])
        if at < len(actual):
            line, column = actual[at].line, actual[at].column
        elif actual:  # the application's text ends early: point just after its last word
            line, column = actual[-1].line, actual[-1].end
        else:
            line, column = section.line, 1
        yield info.finding(
            ansokan.text_rel,
            line,
            column,
            f"Den fasta texten i avsnittet '{spec.heading}' har ändrats. Första skillnaden: "
            f"mallen har {in_template}, ansökan har {in_application}.",
            f"Klistra in texten i avsnittet oförändrad från mallen {template.title}; "
            "finsam ny ansokan skriver den åt dig. Radbrytningar och mellanslag spelar "
            "ingen roll, men orden måste vara desamma.",
        )


@rule(
    "A112",
    "alder-utanfor-ram",
    Severity.FEL,
    "alder_min: 15 när förbundets åldersspann börjar vid 16 år.",
    title="Åldersspann inom förbundets ram",
)
def age_within_range(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Målgruppens åldersspann ska ligga inom förbundets (alder i forbund.yml), och lägsta
    ålder får inte vara högre än högsta."""
    ansokan = ctx.app.ansokan
    if ansokan is None:
        return
    low, high = ctx.insats.application.age_min, ctx.insats.application.age_max
    fmin, fmax = ctx.forbund.age_min, ctx.forbund.age_max
    frame = f"{fmin}–{fmax} år"
    if low is not None and high is not None and low > high:
        yield at(
            info,
            ansokan,
            ("malgrupp", "alder_min"),
            f"Lägsta ålder ({low}) är högre än högsta ålder ({high}).",
            "Kontrollera att alder_min och alder_max inte har bytt plats.",
        )
    for key, value in (("alder_min", low), ("alder_max", high)):
        if value is not None and not fmin <= value <= fmax:
            yield at(
                info,
                ansokan,
                ("malgrupp", key),
                f"Åldern {value} år ligger utanför förbundets målgrupp {frame}.",
                f"{ctx.forbund.name} finansierar insatser för personer {frame}.",
            )


@rule(
    "A113",
    "id-och-mapp",
    Severity.FEL,
    "Mappen heter 2025-stod men id är 2025-stodet.",
    title="Id och mappnamn stämmer överens",
)
def id_matches_folder(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Insatsens id ska vara detsamma som mappens namn och bara innehålla a–z, 0–9 och bindestreck."""
    if ctx.app.ansokan is not None:
        yield from id_findings(info, ctx.app.ansokan, ctx.app.path.name)


def id_findings(
    info: RuleInfo, doc: Document, folder: str, folder_name: bool = True
) -> Iterator[Finding]:
    """The document's id against its folder's name (A113, and I103 in an idéskiss); with
    ``folder_name`` also whether the folder's name is a valid id."""
    value = text(doc.data, "id")
    if value is None:
        return
    if value != folder and ID_PATTERN.match(value):
        yield at(
            info,
            doc,
            ("id",),
            f"Id '{value}' stämmer inte med mappens namn '{folder}'.",
            "Byt namn på mappen eller ändra id så att de blir lika.",
        )
    if folder_name and not ID_PATTERN.match(folder):
        yield at(
            info,
            doc,
            ("id",),
            f"Mappens namn '{folder}' innehåller otillåtna tecken.",
            "Mappen ska heta som insatsens id: små bokstäver a–z, siffror och bindestreck.",
        )


@rule(
    "A114",
    "mall-okand",
    Severity.FEL,
    "mall: {id: generell, version: 2019}",
    title="Känd mall och version",
)
def template_known(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Ansökan ska ange en mall och version som finns i forbund.yml."""
    ansokan = ctx.app.ansokan
    if ansokan is None:
        return
    template_id, version = get(ansokan.data, "mall", "id"), get(ansokan.data, "mall", "version")
    if not isinstance(template_id, str) or version is None or _template(ctx) is not None:
        return
    versions = ctx.forbund.template_versions(template_id)
    if versions:
        hint = f"Mallen {template_id} finns i version " + ", ".join(versions) + "."
        message = f"Mallen {template_id} finns inte i version {version}."
        yield at(info, ansokan, ("mall", "version"), message, hint)
    else:
        ids = sorted({i for i, _ in ctx.forbund.templates})
        hint = "Förbundets mallar: " + ", ".join(ids) + "."
        message = f"Mallen '{template_id}' finns inte hos {ctx.forbund.name}."
        yield at(info, ansokan, ("mall", "id"), message, hint)


@rule(
    "A115",
    "underskrift-saknas",
    Severity.FEL,
    "status: inlamnad men Arbetsförmedlingen har inte skrivit under.",
    title="Underskrifter från alla parter",
)
def signatures(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En inlämnad ansökan ska vara underskriven av alla parter i insatsen, en gång var, när
    mallen kräver det (brytaren underskrift_alla_parter). En äldre mall som bara frågar efter
    ort och datum stänger av regeln; då gäller A122 i stället."""
    ansokan = ctx.app.ansokan
    if ansokan is None or get(ansokan.data, "status") != "inlamnad":
        return
    if ctx.template is not None and not ctx.template.rules.all_parties_sign:
        return
    signed: set[str] = set()
    for index, entry in items(ansokan.data, "underskrifter"):
        part = text(entry, "part")
        if part in signed:
            yield at(
                info,
                ansokan,
                ("underskrifter", index),
                f"{party_label(ctx, part)} har skrivit under mer än en gång.",
                "Ange en underskrift per part.",
            )
        if part:
            signed.add(part)
    for part in _parties(ansokan):
        # A party that is no member is A102's finding; it cannot sign as one either.
        if part not in signed and part in ctx.forbund.parties:
            yield at_key(
                info,
                ansokan,
                ("status",),
                f"Ansökan är inlämnad men {party_label(ctx, part)} har inte skrivit under.",
                "Alla parter ska skriva under innan ansökan lämnas in; sätt annars status: utkast.",
            )


@rule(
    "A116",
    "fil-saknas",
    Severity.FEL,
    "En mapp med ansokan.md men utan budget.yaml.",
    title="Ansökan och budget finns i mappen",
)
def required_files(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Mappen för varje insats ska innehålla både ansokan.md och budget.yaml. Filen beslut.yaml läggs
    till av kansliet när styrelsen har fattat beslut. En mapp med bara en idéskiss (ideskiss.md)
    är ett giltigt första steg: ansökan och budget läggs till när idén blir en ansökan."""
    app = ctx.app
    for needed in _missing_required(app):
        close = closest(needed, _unknown_files(app))
        tip = f"Filen '{close}' finns – byt namn på den till '{needed}'. " if close else ""
        yield info.finding(
            app.file(needed),
            0,
            0,
            f"Filen {needed} saknas i mappen {app.rel or '.'}.",
            tip + "Skapa en ny ansökan med finsam ny ansokan <id> så kommer båda filerna med.",
        )


def _missing_required(app: ApplicationFolder) -> list[str]:
    if sketch_stage(app):
        return []  # an idéskiss alone: the idea has not become an application yet
    return [name for name in (ANSOKAN, BUDGET) if name not in app.present | app.refused]


def _unknown_files(app: ApplicationFolder) -> list[str]:
    return [name for name in app.unknown if "/" not in name]


_BELONGS = (IDESKISS, ANSOKAN, BUDGET, BEREDNING, BESLUT, "rapporter/")


@rule(
    "A117",
    "okand-fil",
    Severity.FEL,
    "Beslut.yaml, beslut.yml eller underlag/beslut.yaml i en insats mapp.",
    title="Inga okända filer i mappen",
)
def unknown_files(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En insats mapp innehåller bara ideskiss.md, ansokan.md, budget.yaml, beredning.yaml,
    beslut.yaml och mappen rapporter/ med rapporter som .md-filer. Allt annat pekas ut, så att
    ett felstavat beslut eller en fil som ingen kontroll läser aldrig passerar obemärkt."""
    app = ctx.app
    missing = _missing_required(app)
    for name in app.unknown[:MAX_LISTED]:
        base = name.rstrip("/").rsplit("/", 1)[-1]
        if "/" not in name and closest(name, missing):
            continue  # A116 already asks for the missing file to be renamed
        same = [known for known in _BELONGS if known.rstrip("/").casefold() == base.casefold()]
        if name.startswith("rapporter/"):
            what = f"Filen {name} är ingen rapport"
            tip = "Rapporter är Markdown-filer i rapporter/, till exempel rapporter/2026-t1.md."
        elif same:
            what = f"Filen {name} ska heta {same[0]}"
            tip = "Byt namn på filen: namnen skrivs med små bokstäver."
        else:
            kind = "Mappen" if name.endswith("/") else "Filen"
            what = f"{kind} {name.rstrip('/')} hör inte hemma i en insats mapp"
            tip = did_you_mean(base, _BELONGS) + (
                "En insats mapp innehåller bara ideskiss.md, ansokan.md, budget.yaml, "
                "beredning.yaml och beslut.yaml (som kansliet för in) och rapporter/. Bilagor "
                "skickas till kansliet."
            )
        yield info.finding(app.file(name.rstrip("/")), 0, 0, f"{what}.", tip)
    if len(app.unknown) > MAX_LISTED:
        yield info.finding(
            app.file(""),
            0,
            0,
            f"Mappen innehåller {len(app.unknown) - MAX_LISTED} okända filer till.",
            "Ta bort allt som inte är ansökan, budget, beredning, beslut eller rapporter.",
        )


def _template(ctx: Context) -> Template | None:
    return ctx.template


def _rules(ctx: Context) -> TemplateRules:
    """The template's switches; the defaults when the template is unknown (A114)."""
    return ctx.template.rules if ctx.template is not None else TemplateRules()


@rule(
    "A118",
    "alder-saknas",
    Severity.FEL,
    "malgrupp: {forvantat_antal_deltagare: 30}",
    title="Målgruppens ålder anges",
)
def ages_stated(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Målgruppens lägsta och högsta ålder (alder_min och alder_max under malgrupp) ska anges,
    om inte mallen säger att den inte frågar efter ålder (brytaren kraver_alder: false)."""
    ansokan = ctx.app.ansokan
    if ansokan is None or not _rules(ctx).ages_required:
        return
    group = get(ansokan.data, "malgrupp")
    if not isinstance(group, dict):
        return  # a missing or malformed malgrupp is the schema's finding
    for key, what in (("alder_min", "Lägsta"), ("alder_max", "Högsta")):
        if key not in group:
            yield at_key(
                info,
                ansokan,
                ("malgrupp",),
                f"{what} ålder i målgruppen ({key}) saknas.",
                f"Skriv {key} under malgrupp, i hela år. Mallen frågar efter målgruppens ålder.",
            )


@rule(
    "A119",
    "deltagare-spann",
    Severity.FEL,
    "forvantat_antal_deltagare: {min: 40, max: 30}",
    title="Minsta antal deltagare inte över högsta",
)
def participant_range(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Anges förväntat antal deltagare som ett spann får min inte vara större än max."""
    ansokan = ctx.app.ansokan
    if ansokan is None:
        return
    low, high = ctx.insats.application.participants or (0, 0)
    if low > high:
        yield at(
            info,
            ansokan,
            ("malgrupp", "forvantat_antal_deltagare", "max"),
            f"Förväntat antal deltagare är som mest {high}, färre än minst {low}.",
            "Kontrollera att min och max inte har bytt plats.",
        )


@rule(
    "A122",
    "datering-saknas",
    Severity.FEL,
    "status: inlamnad utan datering: {ort, datum}",
    title="Ort och datum anges",
)
def dated(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En inlämnad ansökan ska ange ort och datum (datering) när mallen frågar efter dem
    (brytaren kraver_datering), som de äldre mallar där ort och datum är hela underskriften."""
    ansokan = ctx.app.ansokan
    if ansokan is None or get(ansokan.data, "status") != "inlamnad":
        return
    if not _rules(ctx).dating_required or "datering" in ansokan.data:
        return  # a datering with a fault is the schema's finding
    yield at_key(
        info,
        ansokan,
        ("status",),
        "Ansökan är inlämnad men saknar ort och datum.",
        "Skriv datering: {ort: <ort>, datum: ÅÅÅÅ-MM-DD} som i mallens rad Ort och datum; "
        "sätt annars status: utkast.",
    )


@rule(
    "A123",
    "tidplan-glapp",
    Severity.VARNING,
    "Fasen Genomförande slutar 2022-10-30 och nästa fas börjar 2022-11-01.",
    title="Tidplanens faser följer på varandra",
)
def timetable_continuous(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Tidplanens faser följer på varandra: varje fas (i datumordning) börjar dagen efter att
    den föregående slutar. Ett glapp (dagar som ingen fas täcker) eller ett överlapp (dagar i
    två faser) är oftast ett skrivfel i ett datum och ger en varning. Det är ingen felaktighet
    i sig – två faser kan medvetet överlappa – så ansökan kan lämnas in ändå, men kansliet
    ser varningen. Faser med oläsliga eller baklänges datum hoppas över (A107 och schemat)."""
    ansokan = ctx.app.ansokan
    if ansokan is None:
        return
    phases = []
    for index, phase in items(ansokan.data, "tidplan"):
        p_start, p_end = date(phase, "start"), date(phase, "slut")
        if p_start is not None and p_end is not None and p_start <= p_end:
            phases.append((p_start, p_end, index, text(phase, "fas") or f"nr {index + 1}"))
    phases.sort()
    reach: tuple[dt.date, str] | None = None  # the end of the phase that reaches furthest
    for start, end, index, name in phases:
        if reach is not None:
            message = _phase_seam(reach, start, end, name)
            if message:
                yield at(
                    info,
                    ansokan,
                    ("tidplan", index, "start"),
                    message,
                    f"Låt fasen börja {reach[0] + dt.timedelta(days=1)}, dagen efter att "
                    "föregående fas slutar, eller ändra föregående fas slutdatum.",
                )
        if reach is None or end > reach[0]:
            reach = (end, name)


def _phase_seam(reach: tuple[dt.date, str], start: dt.date, end: dt.date, name: str) -> str:
    """How a phase meets the phases before it (``reach``: where they end, and the phase that
    ends there): a gap, an overlap, or "" when it starts the day after."""
    last_end, before = reach
    gap = (start - last_end).days - 1
    if gap > 0:
        days = "en dag" if gap == 1 else f"{gap} dagar"
        return (
            f"Mellan fasen '{before}' (slutar {last_end}) och fasen '{name}' (börjar {start}) "
            f"finns ett glapp på {days}."
        )
    if gap < 0:
        overlap = (min(last_end, end) - start).days + 1
        days = "en dag" if overlap == 1 else f"{overlap} dagar"
        return f"Fasen '{name}' (börjar {start}) överlappar fasen '{before}' (slutar {last_end}) med {days}."
    return ""
