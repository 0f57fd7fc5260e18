"""The repository's CODEOWNERS, derived from forbund.yml: the kansli owns everything by
default, the applicants' insats folders are the exception, and the beredning and decisions in
them are the kansli's.

Who may change an existing insats is not written here (it would have to change with every new
insats): `finsam granska-pr` reads it from the base branch's ansokan.md and forbund.yml.
"""

from __future__ import annotations

from finsam.model.forbund import Forbund

PATH = ".github/CODEOWNERS"


def render(forbund: Forbund) -> str:
    kansli = " ".join(f"@{handle}" for handle in forbund.kansli)
    owner = forbund.name if forbund.name.endswith(("s", "x", "z")) else f"{forbund.name}s"
    return f"""\
# Kodägare för {owner} ansökningsdesk.
#
# Filen skapas ur forbund.yml med `finsam kodagare --skriv`; ändra i forbund.yml, inte här.
# Ett test jämför filen med forbund.yml.
#
# Kansliet äger allt: programmet, testerna, webbplatsen, arbetsflödena, konfigurationen,
# beredningarna och besluten. Undantaget är insatsernas mappar under applications/, där de
# sökande lämnar in ansökningar, revideringar och rapporter. Vem som får ändra en befintlig
# insats prövar `finsam granska-pr` med basgrenens forbund.yml (konton under parter, och
# behorighet).
#
# CODEOWNERS verkar bara om grenskyddet för main kräver granskning av kodägare (se README,
# avsnittet Grenskydd).

*                              {kansli}

# De sökandes mappar (men inte filer direkt i applications/): inga kodägare, granska-pr avgör.
/applications/*/

# Beredningen och besluten förs bara av kansliet, också när de ligger i en insats mapp.
/applications/*/beredning.yaml {kansli}
/applications/*/beslut.yaml    {kansli}
"""
