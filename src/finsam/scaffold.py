"""`finsam ny ansokan` and `finsam ny ideskiss`: a new application written from a template
(mall), and a new idéskiss written from the förbund's questions."""

from __future__ import annotations

import json
import re
from pathlib import Path

from finsam.document_files import modeline, written_document_files
from finsam.editor_schemas import schema_url
from finsam.errors import UsageError
from finsam.loader.application import ANSOKAN, BUDGET, IDESKISS, load_application
from finsam.model.forbund import Forbund, SketchQuestions, Template
from finsam.model.insats import Insats
from finsam.model.sketch import Sketch, sketch_stage
from finsam.rules.application import ID_PATTERN


def choose_template(forbund: Forbund, wanted: str | None) -> Template:
    """``generell`` gives its newest version, ``generell@2024`` exactly that one."""
    if wanted is None:
        return next(iter(forbund.templates.values()))
    template_id, _, version = wanted.partition("@")
    if version:
        template = forbund.template(template_id, version)
        if template is None:
            raise UsageError(f"Mallen {template_id} finns inte i version {version}.")
        return template
    versions = forbund.template_versions(template_id)
    if not versions:
        names = ", ".join(sorted({i for i, _ in forbund.templates}))
        raise UsageError(f"Mallen '{template_id}' finns inte. Förbundets mallar: {names}.")
    newest = max(versions, key=lambda v: (len(v), v))
    return forbund.templates[(template_id, newest)]


def _version_yaml(version: str) -> str:
    return version if version.isdigit() else f'"{version}"'


# A text that YAML reads as text when written plainly: no number, date or keyword, nothing that
# starts a structure or a comment.
_PLAIN = re.compile(r"[A-Za-zÅÄÖÉåäöé][^:#{}\[\],&*!|>'\"%@`\n]*")
_KEYWORDS = {"true", "false", "yes", "no", "on", "off", "null"}


def yaml_scalar(value: str) -> str:
    plain = _PLAIN.fullmatch(value) and value == value.strip()
    return (
        value
        if plain and value.casefold() not in _KEYWORDS
        else json.dumps(value, ensure_ascii=False)
    )


def _field(value: str | None) -> str:
    """A value written after a key ("" leaves it for the applicant to fill in)."""
    return f" {yaml_scalar(value)}" if value else ""


def ansokan_files(
    application_id: str,
    template: Template,
    forbund: Forbund,
    sketch: Sketch | None = None,
    site_url: str = "",
) -> dict[str, str]:
    """A new application for the template, as its two files: ansokan.yaml with the facts to
    fill in (only the fields that the template's rule switches ask for), its first line naming
    the mall's schema on the förbund's site (``site_url`` in its place), and ansokan.md with
    the template's headings. From an idéskiss in the same folder, its name, parties and period
    are filled in."""
    rules = template.rules
    members = ", ".join(forbund.parties)
    title = _field(sketch.title if sketch else None)
    owner = _field(sketch.owner if sketch else None)
    start = f" {sketch.start}" if sketch and sketch.start else ""
    end = f" {sketch.end}" if sketch and sketch.end else ""
    partners = "".join(
        f"  - part:{_field(p)}\n    resurser:\n"
        for p in (sketch.partners if sketch and sketch.partners else ("",))
    )
    intake = (
        "  sista_intag:        # sista dag för intag av deltagare\n"
        if rules.last_intake_required
        else ""
    )
    ages = (
        f"  alder_min: {forbund.age_min}\n  alder_max: {forbund.age_max}\n"
        if rules.ages_required
        else ""
    )
    goal_limit = (
        f"högst {rules.max_result_goals}, enligt SMART"
        if rules.max_result_goals
        else "enligt SMART"
    )
    equality = (
        "    - text:\n      jamstalldhet: true   # ett mål om jämställdhet eller jämlikhet\n"
        if rules.equality_goal_required
        else ""
    )
    signing = (
        "underskrifter: []     # en per part innan ansökan lämnas in\n"
        if rules.all_parties_sign
        else ""
    )
    dating = (
        "datering:             # ort och datum för ansökan\n  ort:\n  datum:              # ÅÅÅÅ-MM-DD\n"
        if rules.dating_required
        else ""
    )
    # The first line names the mall's schema, by its full address on the förbund's site.
    facts = modeline(schema_url(forbund, template, "ansokan", site_url))
    facts += f"""# Ansökans uppgifter. Fyll i de tomma och skriv texten under rubrikerna i ansokan.md.
# Kontrollera med: finsam kontrollera applications/{application_id}
# Med YAML-tillägget i VS Code eller github.dev föreslår editorn värden och förklarar fälten.
# Längre text: skriv >- efter kolonet och texten på raderna under, två blanksteg längre in.
# Då får texten innehålla kolon och citattecken, till exempel:
#   resurser: >-
#     En samordnare på 50 procent: leder teamet och håller i uppföljningen.
id: {application_id}
titel:{title or "               "} # insatsens namn
mall: {{id: {template.id}, version: {_version_yaml(template.version)}}}
status: utkast        # ändra till inlamnad när ansökan är klar att lämnas in
insatsinriktning: individinriktad   # eller strukturovergripande
insatsagare:
  part:{owner or "              "} # en av: {members}
  resurser:           # vad insatsägaren bidrar med
# medsokande:         # om flera parter söker tillsammans och delar ägarskapet
#   - part:
#     resurser:
samverkansparter:
{partners}period:
  start:{start or "             "} # ÅÅÅÅ-MM-DD
{intake}  slut:{end or "              "} # ÅÅÅÅ-MM-DD
malgrupp:
{ages}  forvantat_antal_deltagare:   # ett tal, eller ett spann: {{min: 30, max: 40}}
mal:
  effektmal:
    - text:
  resultatmal:        # {goal_limit}
    - text:
{equality}sokt_belopp:          # hela kronor, samma som budgetens summa från förbundet
kontakter:
  - roll: Insatsansvarig
    part:
{dating}{signing}"""
    body = []
    for spec in template.sections:
        body.append(f"\n## {spec.heading}\n")
        if spec.fixed_text is not None:
            body.append("\n" + spec.fixed_text.strip() + "\n")
        elif spec.guidance:
            body.append(f"\n<!-- {' '.join(spec.guidance.split())} -->\n")
    return written_document_files(ANSOKAN, facts, "".join(body))


def budget_text(template: Template, forbund: Forbund, site_url: str = "") -> str:
    """A new budget.yaml for the template, its first line naming the mall's schema."""
    categories = ", ".join(c.id for c in template.categories)
    salary = next(
        (c.id for c in template.categories if c.group == "lon"), template.categories[0].id
    )
    return modeline(schema_url(forbund, template, "budget", site_url)) + (
        f"""# En rad per kostnad, belopp i hela kronor. Summor räknas fram automatiskt.
# Kategorier i mallen {template.label}: {categories}
#
# Belopp per kalenderår (belopp) när ni vet dem; annars ett belopp för hela insatstiden
# (belopp_totalt). Flera tjänster på en rad: tjanster: [{{antal: 2, tjanstgoringsgrad: 100}}].
# Egen personal eller egna lokaler som parterna bidrar med: finansiering: egen, i_natura: true.
# Anger ni bara totaler för en kostnadsgrupp kan gruppens summa per år stå under
# fordelning_per_ar, till exempel:
#   fordelning_per_ar:
#     - {{grupp: ovrigt, finansiering: forbundet, belopp: {{2026: 150000, 2027: 120000}}}}
rader:
  - kategori: {salary}
    benamning:         # till exempel Insatsmedarbetare 1
    part:              # den part som bär kostnaden
    finansiering: forbundet   # eller egen
    tjanstgoringsgrad: 100
    period:
      start:           # ÅÅÅÅ-MM-DD
      slut:
    belopp: {{}}        # till exempel {{2026: 540000, 2027: 552000}}
"""
    )


def _checked_id(application_id: str) -> None:
    if not ID_PATTERN.match(application_id):
        raise UsageError(
            f"'{application_id}' kan inte användas som id: använd bara små bokstäver a–z, "
            "siffror och bindestreck, till exempel 2026-unga-till-arbete."
        )


def _sketch_in(folder: Path, root: Path, forbund: Forbund) -> Sketch | None:
    """The idéskiss of a folder that holds nothing else yet (the idea about to become an
    application); None when the folder holds more, or no readable idéskiss."""
    if not folder.is_dir() or folder.is_symlink():
        return None
    app, _ = load_application(folder, folder.relative_to(root).as_posix())
    insats = Insats(app, forbund)
    return insats.sketch if sketch_stage(app) and insats.has_sketch else None


def create_application(
    root: Path, application_id: str, template: Template, forbund: Forbund
) -> tuple[Path, Sketch | None]:
    """The new folder with ansokan.yaml, ansokan.md and budget.yaml, or the folder of an
    idéskiss with them added beside it; and that idéskiss, when there was one."""
    _checked_id(application_id)
    folder = root / "applications" / application_id
    sketch = _sketch_in(folder, root, forbund)
    if folder.exists() and sketch is None:
        raise UsageError(f"Mappen {folder.relative_to(root).as_posix()} finns redan.")
    folder.mkdir(parents=True, exist_ok=True)
    files = ansokan_files(application_id, template, forbund, sketch)
    files[BUDGET] = budget_text(template, forbund)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    return folder, sketch


def ideskiss_files(
    sketch_id: str, questions: SketchQuestions, forbund: Forbund, site_url: str = ""
) -> dict[str, str]:
    """A new idéskiss as its two files: ideskiss.yaml with the facts to fill in, its first line
    naming the schema on the förbund's site, and ideskiss.md with the förbund's questions as
    headings, each with its guidance as a comment (which is no answer)."""
    members = ", ".join(forbund.parties)
    front = modeline(schema_url(forbund, None, "ideskiss", site_url))
    front += f"""# En idéskiss beskriver kort en idé, så att kansliet kan ge synpunkter innan ni skriver en
# ansökan. Fyll i de tomma uppgifterna och svara på frågorna under rubrikerna i ideskiss.md.
# Kontrollera med: finsam kontrollera applications/{sketch_id}
# Längre text: skriv >- efter kolonet och texten på raderna under, två blanksteg längre in.
# Då får texten innehålla kolon och citattecken, till exempel:
#   roll: >-
#     Vårdcentralerna hjälper till att hitta deltagare: de känner redan många i målgruppen.
# Skriv inga namn på personer: kontakten är en roll hos en av medlemmarna.
id: {sketch_id}
titel:                # ett arbetsnamn på idén
mall: {{id: ideskiss, version: {_version_yaml(questions.version)}}}
datum:                # ÅÅÅÅ-MM-DD, dagen ni skickar idéskissen till kansliet
insatsagare:
  part:               # den medlem som tänker driva insatsen, en av: {members}
  # roll:             # frivilligt: vad medlemmen kan bidra med
samverkansparter:     # andra medlemmar som idén räknar med
  - part:
kontakt:
  roll:               # till exempel Enhetschef
  part:               # den medlem där rollen finns
period:               # ungefär när insatsen skulle kunna pågå
  start:              # ÅÅÅÅ-MM-DD
  slut:               # ÅÅÅÅ-MM-DD
preliminar_budget:
  totalt:             # ungefär vad idén behöver från förbundet, i hela kronor
  # per_ar: {{2026: 300000, 2027: 600000}}   # frivilligt: fördelat på kalenderår
"""
    body = []
    for spec in questions.sections:
        body.append(f"\n## {spec.heading}\n")
        note = " ".join(spec.guidance.split())
        if not spec.required:
            note = f"{note} (Frivillig fråga.)" if note else "Frivillig fråga."
        if note:
            body.append(f"\n<!-- {note} -->\n")
    return written_document_files(IDESKISS, front, "".join(body))


def create_sketch(root: Path, sketch_id: str, forbund: Forbund) -> tuple[Path, SketchQuestions]:
    """A new folder with ideskiss.yaml and ideskiss.md from the förbund's questions."""
    questions = forbund.sketch
    if questions is None:
        raise UsageError(
            f"{forbund.name} har inga frågor för idéskisser: forbund.yml saknar ideskiss."
        )
    _checked_id(sketch_id)
    folder = root / "applications" / sketch_id
    if folder.exists():
        raise UsageError(
            f"Mappen {folder.relative_to(root).as_posix()} finns redan. En idéskiss skrivs "
            "innan ansökan, i en ny mapp."
        )
    folder.mkdir(parents=True)
    for name, text in ideskiss_files(sketch_id, questions, forbund).items():
        (folder / name).write_text(text, "utf-8")
    return folder, questions
