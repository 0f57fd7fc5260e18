"""What the Word documents hold besides the sections: the facts table (one row per fact of
the application, as ansokan.yaml holds them), the timetable and the signatures, with their
Swedish labels. The template, the import and the export all read these lists, so the three
cannot drift apart."""

from __future__ import annotations

import re
from typing import NamedTuple

from finsam.model.forbund import Template

# Headings of the document's own parts (Heading 1); the mall's sections are Heading 2.
FACTS_HEADING = "Uppgifter om insatsen"
TIMETABLE_HEADING = "Tidplan"
SIGNATURES_HEADING = "Underskrifter"
# Parts that only an exported document has: the import passes over them.
BUDGET_HEADING = "Budget i siffror"
DECISION_HEADING = "Beslut"
STRUCTURE_HEADINGS = (
    FACTS_HEADING,
    TIMETABLE_HEADING,
    SIGNATURES_HEADING,
    BUDGET_HEADING,
    DECISION_HEADING,
)

TIMETABLE_COLUMNS = ("Fas", "Start", "Slut")
SIGNATURE_COLUMNS = ("Medlem", "Befattning", "Datum", "Underskrift")
GUIDANCE_STYLE = "Vägledning"  # the mall's guidance in the template: never applicant text
# The mall a document was made from, in its keywords: "finsam-mall=generell@2024".
KEYWORD = "finsam-mall"
TEMPLATE_LINE = re.compile(r"\(([a-z0-9][a-z0-9_-]*), version ([A-Za-z0-9._-]+)\)")


class Fact(NamedTuple):
    label: str  # the first column of the facts table
    key: str  # where the answer goes in the front matter
    kind: str  # how the answer is read (finsam.office.word_import)
    help: str  # below the label in the template
    asked_by: str = ""  # the mall's rule switch that asks for it; "" when every mall does


ALL_FACTS = (
    Fact("Insatsens namn", "titel", "text", "Som det ska stå i beslut och på webbplatsen."),
    Fact(
        "Insatsinriktning",
        "insatsinriktning",
        "direction",
        "Individinriktad eller strukturövergripande.",
    ),
    Fact("Insatsägare", "insatsagare.part", "member", "Medlemmens namn."),
    Fact("Insatsägarens resurser", "insatsagare.resurser", "text", "Vad insatsägaren bidrar med."),
    Fact(
        "Medsökande",
        "medsokande",
        "parties",
        "Bara om flera medlemmar söker tillsammans. En rad per medlem: namn, kolon och vad "
        "medlemmen bidrar med.",
    ),
    Fact(
        "Samverkansparter",
        "samverkansparter",
        "parties",
        "En rad per medlem: namn, kolon och vad medlemmen bidrar med.",
    ),
    Fact("Startdatum", "period.start", "date", "ÅÅÅÅ-MM-DD."),
    Fact("Slutdatum", "period.slut", "date", "ÅÅÅÅ-MM-DD."),
    Fact(
        "Sista intag",
        "period.sista_intag",
        "date",
        "Sista dag för nya deltagare.",
        "last_intake_required",
    ),
    Fact(
        "Målgruppens ålder",
        "malgrupp.alder",
        "ages",
        "Från och till, till exempel 16–29.",
        "ages_required",
    ),
    Fact(
        "Förväntat antal deltagare",
        "malgrupp.forvantat_antal_deltagare",
        "count",
        "Under hela insatstiden: ett tal, eller ett spann som 30–40.",
    ),
    Fact("Effektmål", "mal.effektmal", "goals", "Den långsiktiga förändringen. Ett mål per rad."),
    Fact(
        "Resultatmål",
        "mal.resultatmal",
        "goals",
        "Ett mål per rad, enligt SMART. Skriv (J) sist i målet om jämställdhet eller jämlikhet.",
    ),
    Fact(
        "Sökt belopp",
        "sokt_belopp",
        "amount",
        "Hela kronor från förbundet, samma som budgetens summa.",
    ),
    Fact(
        "Kontaktpersoner",
        "kontakter",
        "contacts",
        "En rad per roll: rollen, kolon och medlemmen, till exempel Insatsansvarig: Ekby "
        "kommun. Namn, e-post och telefon kan följa efter kommatecken.",
    ),
    Fact("Ort och datum", "datering", "dating", "Till exempel Ekby 2026-03-01.", "dating_required"),
)
FACTS_BY_LABEL = {fact.label.casefold(): fact for fact in ALL_FACTS}
FACTS_BY_KEY = {fact.key: fact for fact in ALL_FACTS}


def facts(template: Template) -> list[Fact]:
    """The facts table's rows for the mall: only the fields its rule switches ask for (the
    import reads every label, so a document may still carry the others)."""
    return [f for f in ALL_FACTS if not f.asked_by or getattr(template.rules, f.asked_by)]


EQUALITY_MARK = "(J)"
