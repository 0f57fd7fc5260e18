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
    members = ", ".join(forbund.parties)
    intake = (
        "  sista_intag:        # sista dag för intag av deltagare\n"
        if (template.rules.last_intake_required)
        else ""
    )
    front = f"""---
# yaml-language-server: $schema=../../schema/ansokan.schema.json
# Fyll i de tomma uppgifterna och skriv texten under rubrikerna nedan.
# Kontrollera med: finsam kontrollera applications/{application_id}
id: {application_id}
titel:                # insatsens namn
mall: {{id: {template.id}, version: {_version_yaml(template.version)}}}
status: utkast        # ändra till inlamnad när alla parter har skrivit under
insatsinriktning: individinriktad   # eller strukturovergripande
insatsagare:
  part:               # en av: {members}
  resurser:           # vad insatsägaren bidrar med
samverkansparter:
  - part:
    resurser:
period:
  start:              # ÅÅÅÅ-MM-DD
{intake}  slut:               # ÅÅÅÅ-MM-DD
malgrupp:
  alder_min: {forbund.age_min}
  alder_max: {forbund.age_max}
  forvantat_antal_deltagare:
mal:
  effektmal:
    - text:
  resultatmal:        # högst {template.rules.max_result_goals}, enligt SMART
    - text:
    - text:
      jamstalldhet: true
sokt_belopp:          # hela kronor, samma som budgetens summa från förbundet
kontakter:
  - roll: Insatsansvarig
    part:
underskrifter: []     # en per part innan ansökan lämnas in
---
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
# En rad per kostnad, belopp i hela kronor per kalenderår. Summor räknas fram automatiskt.
# Kategorier i mallen {template.label}: {categories}
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
