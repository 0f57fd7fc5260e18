"""Rules for Word and Excel files that `finsam importera` reads (finsam.office). Each finding
points into the Office file: the paragraph and its heading in Word, the cell in Excel."""

from finsam.catalog import declare
from finsam.findings import Severity

DOCUMENTS = ("word", "excel")

UNREADABLE = declare(
    "O001",
    "office-olasbar-fil",
    Severity.FEL,
    "Filen ska vara ett Word-dokument (.docx) eller en Excel-arbetsbok (.xlsx) som går att "
    "öppna. Äldre format (.doc, .xls) och skadade filer kan inte läsas.",
    "En ansökan sparad som .doc i Word 97–2003-format.",
    documents=DOCUMENTS,
    title="Word- och Excelfilen går att öppna",
)
UNKNOWN_HEADING = declare(
    "O002",
    "office-okand-rubrik",
    Severity.FEL,
    "Varje rubrik i ansökan ska vara en rubrik i mallen, skriven som i mallen. Texten under en "
    "okänd rubrik vet kontrollen inte var den hör hemma.",
    "Rubriken ”Bakgrund” när mallen har ”Bakgrund och behov”.",
    documents=("word",),
    title="Rubrikerna är mallens",
)
MISSING_SECTION = declare(
    "O003",
    "office-saknat-avsnitt",
    Severity.FEL,
    "Varje obligatoriskt avsnitt i mallen ska finnas i ansökan, under sin rubrik och med text.",
    "En ansökan utan rubriken ”Målgrupp”.",
    documents=("word",),
    title="Mallens avsnitt finns",
)
AMOUNT_AS_TEXT = declare(
    "O004",
    "office-belopp-som-text",
    Severity.FEL,
    "Belopp skrivs som tal i hela kronor, utan enhet och utan förkortningar som tkr eller mkr, "
    "så att de kan räknas med.",
    "”1 180 tkr” i stället för 1180000.",
    documents=DOCUMENTS,
    title="Belopp är tal i kronor",
)
SUM_OVERWRITTEN = declare(
    "O005",
    "office-summa-overskriven",
    Severity.FEL,
    "Summorna i budgetmallen räknas med formler. En summa som har skrivits över med ett tal "
    "som inte stämmer med raderna ovanför visar fel belopp.",
    "Summan för 2026 har skrivits över med 900000 när raderna blir 955622.",
    documents=("excel",),
    title="Summorna är mallens formler",
)
UNKNOWN_CATEGORY = declare(
    "O006",
    "office-okand-kategori",
    Severity.FEL,
    "Varje budgetrad ska ha en av mallens kostnadskategorier, vald i listan.",
    "Kategorin ”Konsulter” när mallen inte har någon sådan.",
    documents=("excel",),
    title="Kategorierna är mallens",
)
MERGED_CELLS = declare(
    "O007",
    "office-sammanfogade-celler",
    Severity.FEL,
    "Cellerna i budgetens rader får inte vara sammanfogade: då går det inte att säga vilket år "
    "eller vilken kolumn ett belopp hör till.",
    "Beloppen för 2025 och 2026 i en sammanfogad cell.",
    documents=("excel",),
    title="Inga sammanfogade celler",
)
FORMULA_AS_INPUT = declare(
    "O008",
    "office-formel-i-stallet-for-varde",
    Severity.FEL,
    "Belopp och uppgifter på budgetens rader skrivs in som värden. En formel i en sådan cell "
    "visar ett tal som ingen har skrivit in, och kan ändras av andra celler.",
    "=B4*12 i cellen för 2026 års lönekostnad.",
    documents=("excel",),
    title="Värden, inte formler, på raderna",
)
TEMPLATE_CHANGED = declare(
    "O009",
    "office-mallen-andrad",
    Severity.FEL,
    "Mallens blad, kolumnrubriker och tabeller ska finnas kvar som de var. Rader för budget "
    "läggs till inom tabellen; mallens egna rader och kolumner tas inte bort.",
    "Kolumnen för år 2026 har tagits bort, eller uppgiftstabellen i Word saknas.",
    documents=DOCUMENTS,
    title="Mallens uppbyggnad finns kvar",
)
INVALID_VALUE = declare(
    "O010",
    "office-ogiltig-uppgift",
    Severity.FEL,
    "Uppgifterna i mallens tabeller ska gå att läsa: datum som ÅÅÅÅ-MM-DD, tal som tal, "
    "medlemmar med sina namn i förbundet och val ur mallens listor.",
    "Startdatum ”hösten 2025”, eller en insatsägare som inte är medlem i förbundet.",
    documents=DOCUMENTS,
    title="Uppgifterna går att läsa",
)
