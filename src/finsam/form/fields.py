"""The fields of the site's form "Skriv ansökan" and the names the page gives them.

A form value is named by its document and its path there, with a number for each entry of a
list and the year for an amount per year: ``ansokan.titel``, ``ansokan.samverkansparter.0.part``,
``budget.rader.2.belopp.2026``, ``ideskiss.preliminar_budget.per_ar.2027``. The text under a
heading is ``<document>.avsnitt.<key>`` (the section's key in forbund.yml). Every value is the
text the page's control holds; files.py gives it its type, read.py turns a document back into
such texts. The page (finsam.site.form_page) draws the same fields, so the three cannot drift.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# What the applicant is writing: an idéskiss only, or an application with its budget.
DOCUMENT = "dokument"
SKETCH, APPLICATION = "ideskiss", "ansokan"
FOLDER_ID = "id"  # the folder's name, the id of every document in it
TEMPLATE = "mall"  # the chosen mall as "<id>@<version>"
KEPT = "behall"  # JSON of what a read document held that the form has no field for
SECTIONS = "avsnitt"
BUDGET = "budget"
ROWS = "budget.rader"
YES = "ja"  # a ticked box


class Field(NamedTuple):
    """One value of a document, by its path with ``[]`` for a list's entries and ``{ar}`` for
    a year (``ansokan.samverkansparter[].part``)."""

    key: str
    kind: (
        str  # text, textarea, date, integer, decimal, amount, count, party, choice, check, category
    )
    asked_by: str = ""  # the mall's rule switch (TemplateRules field) that asks for it
    default: str = ""  # the value the page starts with; a row holding only defaults is empty

    @property
    def document(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def path(self) -> str:
        """The key path in the document, as the Fältguide writes it: samverkansparter[].part."""
        return self.key.split(".", 1)[1]


APPLICATION_FIELDS = (
    Field("ansokan.titel", "text"),
    Field("ansokan.status", "choice", default="utkast"),
    Field("ansokan.insatsinriktning", "choice"),
    Field("ansokan.insatsagare.part", "party"),
    Field("ansokan.insatsagare.resurser", "textarea"),
    Field("ansokan.medsokande[].part", "party"),
    Field("ansokan.medsokande[].resurser", "textarea"),
    Field("ansokan.samverkansparter[].part", "party"),
    Field("ansokan.samverkansparter[].resurser", "textarea"),
    Field("ansokan.period.start", "date"),
    Field("ansokan.period.sista_intag", "date", asked_by="last_intake_required"),
    Field("ansokan.period.slut", "date"),
    Field("ansokan.malgrupp.alder_min", "integer", asked_by="ages_required"),
    Field("ansokan.malgrupp.alder_max", "integer", asked_by="ages_required"),
    Field("ansokan.malgrupp.forvantat_antal_deltagare", "count"),
    Field("ansokan.mal.effektmal[].text", "textarea"),
    Field("ansokan.mal.resultatmal[].text", "textarea"),
    Field("ansokan.mal.resultatmal[].jamstalldhet", "check"),
    Field("ansokan.sokt_belopp", "amount"),
    Field("ansokan.kontakter[].roll", "text"),
    Field("ansokan.kontakter[].part", "party"),
    Field("ansokan.kontakter[].namn", "text"),
    Field("ansokan.kontakter[].epost", "text"),
    Field("ansokan.kontakter[].telefon", "text"),
    Field("ansokan.underskrifter[].part", "party", asked_by="all_parties_sign"),
    Field("ansokan.underskrifter[].datum", "date", asked_by="all_parties_sign"),
    Field("ansokan.underskrifter[].metod", "choice", asked_by="all_parties_sign"),
    Field("ansokan.underskrifter[].befattning", "text", asked_by="all_parties_sign"),
    Field("ansokan.datering.ort", "text", asked_by="dating_required"),
    Field("ansokan.datering.datum", "date", asked_by="dating_required"),
)

BUDGET_FIELDS = (
    Field("budget.rader[].benamning", "text"),
    Field("budget.rader[].kategori", "category"),
    Field("budget.rader[].part", "party"),
    Field("budget.rader[].finansiering", "choice", default="forbundet"),
    Field("budget.rader[].belopp.{ar}", "amount"),
    Field("budget.rader[].i_natura", "check"),
    Field("budget.rader[].tjanstgoringsgrad", "decimal"),
    Field("budget.rader[].period.start", "date"),
    Field("budget.rader[].period.slut", "date"),
    Field("budget.rader[].manadslon", "amount"),
    Field("budget.rader[].po_paslag", "decimal"),
    Field("budget.rader[].motivering", "textarea"),
)

SKETCH_FIELDS = (
    Field("ideskiss.titel", "text"),
    Field("ideskiss.datum", "date"),
    Field("ideskiss.insatsagare.part", "party"),
    Field("ideskiss.insatsagare.roll", "textarea"),
    Field("ideskiss.samverkansparter[].part", "party"),
    Field("ideskiss.samverkansparter[].roll", "textarea"),
    Field("ideskiss.kontakt.roll", "text"),
    Field("ideskiss.kontakt.part", "party"),
    Field("ideskiss.period.start", "date"),
    Field("ideskiss.period.slut", "date"),
    Field("ideskiss.preliminar_budget.totalt", "amount"),
    Field("ideskiss.preliminar_budget.per_ar.{ar}", "amount"),
)

FIELDS = {field.key: field for field in (*APPLICATION_FIELDS, *BUDGET_FIELDS, *SKETCH_FIELDS)}
# Mappings whose keys are years (belopp: {2026: 540000}).
YEAR_MAPPINGS = frozenset({"belopp", "per_ar"})
_NAME = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*\Z")


def spec_key(name: str) -> str | None:
    """The Field key of a form name (ansokan.kontakter.0.roll -> ansokan.kontakter[].roll), or
    None when the name is no path of letters, digits and underscores."""
    if not _NAME.match(name):
        return None
    out: list[str] = []
    for part in name.split("."):
        if part.isdigit() and out and out[-1] in YEAR_MAPPINGS:
            out.append("{ar}")
        elif part.isdigit() and out:
            out[-1] += "[]"
        else:
            out.append(part)
    return ".".join(out)


def field_of(name: str) -> Field | None:
    key = spec_key(name)
    return FIELDS.get(key) if key is not None else None


def section_name(document: str, key: str) -> str:
    """The form name of a section's text: ansokan.avsnitt.syfte."""
    return f"{document}.{SECTIONS}.{key}"


def element_id(name: str) -> str:
    """The id of the page's control for a form name: ansokan.kontakter.0.roll ->
    f-ansokan-kontakter-0-roll (names hold no hyphen, so ids stay apart)."""
    return "f-" + name.replace(".", "-")


def template_value(template_id: str, version: str) -> str:
    """The value of the mall choice: generell@2024."""
    return f"{template_id}@{version}"
