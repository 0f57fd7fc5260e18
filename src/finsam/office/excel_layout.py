"""The layout of the Excel budget template, shared by the writer and the reader.

The reader finds everything by its label (the header row by its column headings, the sums by
the labels in the first column), never by fixed row numbers, so a workbook that LibreOffice or
Excel has saved again, or one with rows inserted inside the table, reads the same.
"""

from __future__ import annotations

from typing import NamedTuple

from finsam.model.budget import OWN, SOUGHT

BUDGET_SHEET = "Budget"
LISTS_SHEET = "Listor"

# Amounts in whole kronor; Excel and LibreOffice show the locale's thousands separator.
AMOUNT_FORMAT = '#,##0 "kr"'
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = 'General" %"'  # a number of percent (50 is 50 %), not a fraction
COUNT_FORMAT = "0"

INPUT_ROWS = 40  # empty rows of a new template
MAX_ROWS = 500  # rader in budget.schema.json has at most this many entries


class Column(NamedTuple):
    key: str
    header: str
    width: float


KATEGORI = Column("kategori", "Kategori", 38)
BENAMNING = Column("benamning", "Benämning", 40)
PART = Column("part", "Part", 26)
FINANSIERING = Column("finansiering", "Finansiering", 22)
I_NATURA = Column("i_natura", "I natura", 10)
GRAD = Column("tjanstgoringsgrad", "Tjänstgöringsgrad (%)", 14)
ANTAL = Column("antal", "Antal tjänster", 10)
START = Column("start", "Periodens start", 14)
SLUT = Column("slut", "Periodens slut", 14)
HELA = Column("hela", "Hela insatstiden", 17)
RADSUMMA = Column("radsumma", "Radens summa", 16)
MOTIVERING = Column("motivering", "Motivering", 50)
YEAR_WIDTH = 14.0

# The columns before the years, and the ones after them (Motivering only when needed).
LEADING = (KATEGORI, BENAMNING, PART, FINANSIERING, I_NATURA, GRAD, ANTAL, START, SLUT)
# Columns the reader needs in every template (Motivering only when the mall asks for one).
REQUIRED = (*LEADING, HELA)
KNOWN = {c.header.casefold(): c for c in (*LEADING, HELA, RADSUMMA, MOTIVERING)}

FINANCING_LABELS = {SOUGHT: "Söks från förbundet", OWN: "Egen finansiering"}
YES, NO = "Ja", "Nej"

# The labels of the sums below the table, in the first column.
SUMS_HEADING = "Summor"
SUM_LABELS = {
    SOUGHT: "Sökt från förbundet",
    OWN: "Egenfinansiering",
    "total": "Total kostnad",
}
PARTY_HEADING = "Per part"
PARTY_COLUMNS = ("Sökt från förbundet", "Egenfinansiering", "Totalt")
NO_PARTY = "Parterna gemensamt (ingen enskild part)"
PARTY_SUM = "Summa"

# The table below the sums for a cost group's stated years (fordelning_per_ar): its heading
# and a note in the first column, then a header row with the group (model.budget's names),
# the financing and the years (in the year columns of the table above, so that the frozen
# first columns stay beside them), then one row per group and financing.
GROUPS_HEADING = "Fördelning per år för en kostnadsgrupp"
GROUPS_NOTE = (
    "Fyll i bara när en kostnadsgrupps rader anger belopp för hela insatstiden men gruppens "
    "summa per år är känd. Skriv en rad per kostnadsgrupp och finansiering; summan av åren "
    "ska vara lika med gruppens rader tillsammans."
)
GROUP_HEADER = "Kostnadsgrupp"
GROUP_FINANCING = FINANSIERING.header
GROUP_INPUT_ROWS = 4  # empty rows of a new template

# The lists sheet: one list a column, with a name Excel's drop-downs refer to, and facts
# about the template the reader checks the workbook against.
LIST_NAMES = {
    "categories": "Kategorier",
    "parties": "Parter",
    "financing": "Finansiering",
    "yes_no": "JaNej",
    "groups": "Kostnadsgrupper",
}
YEARS_LABEL = "År i mallen"
TEMPLATE_LABEL = "Mall"


def normal(value: object) -> str:
    """A label as compared: trimmed, spaces collapsed, case folded."""
    return " ".join(str(value).split()).casefold() if value is not None else ""
