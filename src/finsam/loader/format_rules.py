"""Rules about the files themselves: size, encoding and strict YAML."""

from finsam.catalog import declare
from finsam.findings import Severity
from finsam.limits import MAX_DEPTH, MAX_FILE_BYTES

FILE_TOO_LARGE = declare(
    "Y001",
    "fil-for-stor",
    Severity.FEL,
    f"En fil får vara högst {MAX_FILE_BYTES // 1024} KiB stor. Större filer läses inte alls.",
    "En budget.yaml på 5 MB.",
    title="Filen är inte för stor",
)
INVALID_UTF8 = declare(
    "Y002",
    "ogiltig-utf8",
    Severity.FEL,
    "Filer ska vara sparade som UTF-8. Ett byte som inte är giltig UTF-8 pekas ut med rad och kolumn.",
    "En fil sparad som Windows-1252 där å blir byten 0xE5.",
    title="Filen är sparad som UTF-8",
)
YAML_SYNTAX = declare(
    "Y003",
    "yaml-syntax",
    Severity.FEL,
    "YAML-texten måste gå att tolka: indrag, kolon och citattecken ska stå rätt.",
    "titel: Stöd: arbete  (ett andra kolon utan citattecken)",
    title="YAML-texten går att tolka",
)
DUPLICATE_KEY = declare(
    "Y004",
    "dubblettnyckel",
    Severity.FEL,
    "Samma nyckel får bara förekomma en gång i samma avsnitt; båda raderna nämns.",
    "Två rader som båda börjar med `titel:`.",
    title="Varje nyckel bara en gång",
)
ALIAS = declare(
    "Y005",
    "ankare-och-alias",
    Severity.FEL,
    "YAML-ankare (&) och alias (*) är inte tillåtna. De behövs inte och kan användas för att "
    "skapa filer som växer explosionsartat när de läses.",
    "bas: &a [1, 2]\nkopia: *a",
    title="Inga YAML-ankare eller alias",
)
EXPLICIT_TAG = declare(
    "Y006",
    "explicit-tagg",
    Severity.FEL,
    "Explicita YAML-taggar (som !!str eller !!python/object) är inte tillåtna.",
    "sokt_belopp: !!str 100000",
    title="Inga explicita YAML-taggar",
)
DIRECTIVE = declare(
    "Y007",
    "yaml-direktiv",
    Severity.FEL,
    "Direktiv som %YAML eller %TAG är inte tillåtna.",
    "%YAML 1.1",
    title="Inga YAML-direktiv",
)
MULTIPLE_DOCUMENTS = declare(
    "Y008",
    "flera-dokument",
    Severity.FEL,
    "En fil får innehålla exakt ett YAML-dokument.",
    "Två dokument åtskilda av en rad med ---.",
    title="Ett YAML-dokument per fil",
)
TOO_DEEP = declare(
    "Y009",
    "for-djup-nastling",
    Severity.FEL,
    f"Listor och avsnitt får inte vara nästlade djupare än {MAX_DEPTH} nivåer.",
    "[[[[[[ ... ]]]]]] med tusentals nivåer.",
    title="Nästlingen är inte för djup",
)
FRONT_MATTER = declare(
    "Y010",
    "front-matter",
    Severity.FEL,
    "En textfil (ansokan.md, ideskiss.md, en rapport) har sina uppgifter i YAML antingen i en "
    "egen fil bredvid, med samma namn och ändelsen .yaml (ansokan.yaml), eller överst i "
    "textfilen mellan två rader med tre bindestreck (---). Uppgifterna står på ett av de två "
    "ställena, aldrig på båda.",
    "En ansokan.md som börjar direkt med ## Bakgrund och behov, utan ansokan.yaml bredvid.",
    title="Texten har sina uppgifter i YAML",
)
COMPLEX_KEY = declare(
    "Y011",
    "ogiltig-nyckel",
    Severity.FEL,
    "En nyckel ska vara ett enkelt ord, inte en lista eller ett avsnitt.",
    "? [a, b]\n: värde",
    title="Nycklar är enkla ord",
)
UNREADABLE = declare(
    "Y012",
    "fil-olaslig",
    Severity.FEL,
    "Filen måste gå att läsa.",
    "En fil som saknar läsrättigheter.",
    title="Filen går att läsa",
)
NOT_REGULAR = declare(
    "Y013",
    "inte-vanlig-fil",
    Severity.FEL,
    "Ansökningarnas filer och mappar ska vara vanliga filer och mappar: symboliska länkar, "
    "enheter och pipes läses aldrig.",
    "applications/2026-x/rapporter/2026-t1.md som en länk till /dev/zero.",
    title="Bara vanliga filer och mappar",
)
FACTS_TWICE = declare(
    "Y014",
    "uppgifter-pa-tva-stallen",
    Severity.FEL,
    "När en textfil har sina uppgifter i en egen .yaml-fil bredvid (ansokan.yaml bredvid "
    "ansokan.md) får textfilen inte också börja med uppgifter mellan två rader med ---: då "
    "vore det oklart vilka som gäller.",
    "ansokan.yaml och en ansokan.md som också börjar med --- och titel: …",
    title="Uppgifterna står på ett ställe",
)
