"""Rules for forbund.yml beyond its schema."""

from finsam.catalog import declare
from finsam.findings import Severity

DUPLICATE_ID = declare(
    "K001",
    "konfiguration-dubblett",
    Severity.FEL,
    "I forbund.yml ska medlemmar, mallar (id och version), avsnitt, rubriker, "
    "kostnadskategorier och beredningens kriterier ha unika id.",
    "Två medlemmar med id a-kommun.",
    documents=("forbund",),
    title="Unika id i konfigurationen",
)
UNKNOWN_SUMMARY_SECTION = declare(
    "K003",
    "sammanfattning-okant-avsnitt",
    Severity.FEL,
    "publicering.sammanfattning i forbund.yml ska vara nyckeln för ett avsnitt i någon av "
    "mallarna; annars får ingen insats en sammanfattning i webbplatsens sökning.",
    "sammanfattning: syftet när avsnittet heter syfte.",
    documents=("forbund",),
    title="Sammanfattningen pekar på ett avsnitt",
)
CONFIG_MISSING = declare(
    "K002",
    "konfiguration-saknas",
    Severity.FEL,
    "Förbundets konfiguration forbund.yml måste finnas och vara giltig innan ansökningar kan "
    "kontrolleras.",
    "Ett arkiv utan forbund.yml.",
    documents=("forbund",),
    title="Konfigurationen finns och är giltig",
)
RESERVED_TEMPLATE_ID = declare(
    "K004",
    "mall-reserverat-id",
    Severity.FEL,
    "En mall i forbund.yml kan inte ha id:t ideskiss: det id:t bär idéskissens frågor, och "
    "en mall med samma id skulle dela deras schema på webbplatsen.",
    "mallar: [{id: ideskiss, …}]",
    documents=("forbund",),
    title="Mallarnas id är lediga",
)
ASSESSMENT_CONFIG = declare(
    "K005",
    "beredning-konfiguration",
    Severity.FEL,
    "Beredningen i forbund.yml ska gå att använda: ett kriterium som bara gäller vissa mallar "
    "ska nämna mallar som finns, och en poängskala ska ha en lägsta poäng som är lägre än den "
    "högsta.",
    "kriterier: [{id: tidplan, …, mallar: [generel]}] när mallen heter generell.",
    documents=("forbund",),
    title="Beredningens kriterier och skala går ihop",
)
