"""The rule catalog page, generated from the rules themselves so that it cannot drift."""

from __future__ import annotations

from finsam.catalog import RuleInfo
from finsam.rules.all import every_rule

GROUPS = {
    "Y": "Filer och YAML",
    "S": "Uppgifter enligt schemat",
    "K": "Förbundets konfiguration",
    "I": "Idéskiss",
    "A": "Ansökan",
    "B": "Budget och beslut",
    "E": "Beredning",
    "P": "Personuppgifter",
    "R": "Vem som får ändra vad",
    "F": "Förbundets ram",
    "U": "Rapporter och uppföljning",
    "L": "Beslut och status",
    "O": "Ansökan från Word och Excel",
}


def rules_in_order() -> list[RuleInfo]:
    return every_rule()


def _example(example: str) -> str:
    if "\n" in example:
        return "\n\n```yaml\n" + example + "\n```\n"
    return f" `{example}`" if example else ""


def catalog_markdown() -> str:
    lines = [
        "# Regler",
        "",
        "Varje kontroll som görs av en idéskiss, ansökan, budget, beredning eller ett beslut har ett id. Id:t står i "
        "varje svar från kontrollen, tillsammans med fil och rad. **Fel** måste rättas innan "
        "ansökan kan behandlas; **varningar** är råd.",
        "",
        "Sidan skapas från kontrollernas egen kod och stämmer därför alltid med dem.",
    ]
    current = ""
    for info in rules_in_order():
        group = GROUPS.get(info.id[0], "Övrigt")
        if group != current:
            lines += ["", f"## {group}"]
            current = group
        severity = "fel" if info.severity.value == "fel" else "varning"
        lines += [
            "",
            f"### {info.id} {info.title} {{#{info.id.lower()}}}",
            "",
            f"*Allvarlighet: {severity}.* {info.statement}",
            "",
            # The slug older output and findings name the rule by, so it can still be found.
            f"Kortnamn: `{info.name}`",
        ]
        if info.example:
            lines += ["", "Exempel som bryter mot regeln:" + _example(info.example)]
    return "\n".join(lines) + "\n"
