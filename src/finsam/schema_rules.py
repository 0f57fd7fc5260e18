"""Rules for what the JSON Schemas in schema/ check, grouped the way applicants meet them."""

from finsam.catalog import declare
from finsam.findings import Severity
from finsam.limits import MAX_INT_DIGITS

MISSING = declare(
    "S001",
    "uppgift-saknas",
    Severity.FEL,
    "Varje obligatorisk uppgift ska finnas och vara ifylld.",
    "En ansökan utan sokt_belopp.",
    title="Obligatoriska uppgifter är ifyllda",
)
UNKNOWN = declare(
    "S002",
    "okand-uppgift",
    Severity.FEL,
    "Bara de uppgifter som schemat beskriver får förekomma; en felstavad nyckel pekas ut.",
    "sokt_beloppet: 100000  (ska vara sokt_belopp)",
    title="Bara uppgifter som schemat beskriver",
)
WRONG_TYPE = declare(
    "S003",
    "fel-typ",
    Severity.FEL,
    "Varje uppgift ska ha rätt sorts värde: text, heltal, lista eller avsnitt.",
    'tjanstgoringsgrad: "100 %"  (text i stället för ett tal)',
    title="Rätt sorts värde",
)
INVALID_VALUE = declare(
    "S004",
    "ogiltigt-varde",
    Severity.FEL,
    "Värden ska hålla sig inom de tillåtna alternativen, formaten och gränserna.",
    "status: klar  (ska vara utkast eller inlamnad)",
    title="Tillåtna värden och format",
)
INVALID_DATE = declare(
    "S005",
    "ogiltigt-datum",
    Severity.FEL,
    "Datum skrivs ÅÅÅÅ-MM-DD och ska finnas i kalendern.",
    "start: 2026-02-30",
    title="Giltiga datum som ÅÅÅÅ-MM-DD",
)

# Amounts are checked by the schema (x-regel: B201), so their rule is declared with the schema's.
AMOUNT_FORMAT = declare(
    "B201",
    "belopp-heltal",
    Severity.FEL,
    "Belopp skrivs i hela kronor med bara siffror: utan mellanslag, punkter, decimaler, "
    "exponent (1e6), tecken framför (+5, -0), inledande nollor eller enhet, och med högst "
    f"{MAX_INT_DIGITS} siffror. De får inte vara negativa. Felet visar hur beloppet ska skrivas i stället.",
    'belopp: {2025: "4 418 130"}  (skriv 4418130)',
    title="Belopp skrivs som rena heltal",
)
