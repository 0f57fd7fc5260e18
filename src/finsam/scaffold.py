"""`finsam ny ansokan`: a new application folder written from a template (mall)."""

from __future__ import annotations

from pathlib import Path

from finsam.errors import UsageError
from finsam.model.forbund import Forbund, Template
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


def ansokan_text(application_id: str, template: Template, forbund: Forbund) -> str:
    """A new ansokan.md for the template: only the fields that its rule switches ask for."""
    rules = template.rules
    members = ", ".join(forbund.parties)
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
    front = f"""---
# yaml-language-server: $schema=../../schema/ansokan.schema.json
# Fyll i de tomma uppgifterna och skriv texten under rubrikerna nedan.
# Kontrollera med: finsam kontrollera applications/{application_id}
# Längre text: skriv >- efter kolonet och texten på raderna under, två blanksteg längre in.
# Då får texten innehålla kolon och citattecken, till exempel:
#   resurser: >-
#     En samordnare på 50 procent: leder teamet och håller i uppföljningen.
id: {application_id}
titel:                # insatsens namn
mall: {{id: {template.id}, version: {_version_yaml(template.version)}}}
status: utkast        # ändra till inlamnad när ansökan är klar att lämnas in
insatsinriktning: individinriktad   # eller strukturovergripande
insatsagare:
  part:               # en av: {members}
  resurser:           # vad insatsägaren bidrar med
# medsokande:         # om flera parter söker tillsammans och delar ägarskapet
#   - part:
#     resurser:
samverkansparter:
  - part:
    resurser:
period:
  start:              # ÅÅÅÅ-MM-DD
{intake}  slut:               # ÅÅÅÅ-MM-DD
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
{dating}{signing}---
"""
    body = []
    for spec in template.sections:
        body.append(f"\n## {spec.heading}\n")
        if spec.fixed_text is not None:
            body.append("\n" + spec.fixed_text.strip() + "\n")
        elif spec.guidance:
            body.append(f"\n<!-- {' '.join(spec.guidance.split())} -->\n")
    return front + "".join(body)


def budget_text(template: Template) -> str:
    categories = ", ".join(c.id for c in template.categories)
    salary = next(
        (c.id for c in template.categories if c.group == "lon"), template.categories[0].id
    )
    return f"""# yaml-language-server: $schema=../../schema/budget.schema.json
# En rad per kostnad, belopp i hela kronor. Summor räknas fram automatiskt.
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


def create_application(
    root: Path, application_id: str, template: Template, forbund: Forbund
) -> Path:
    if not ID_PATTERN.match(application_id):
        raise UsageError(
            f"'{application_id}' kan inte användas som id: använd bara små bokstäver a–z, "
            "siffror och bindestreck, till exempel 2026-unga-till-arbete."
        )
    folder = root / "applications" / application_id
    if folder.exists():
        raise UsageError(f"Mappen {folder.relative_to(root).as_posix()} finns redan.")
    folder.mkdir(parents=True)
    (folder / "ansokan.md").write_text(ansokan_text(application_id, template, forbund), "utf-8")
    (folder / "budget.yaml").write_text(budget_text(template), "utf-8")
    return folder
