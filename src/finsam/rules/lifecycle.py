"""The status lifecycle recorded in beslut.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from finsam.catalog import RuleInfo
from finsam.findings import Finding, Severity
from finsam.model.decision import STATUS_NAMES as NAMES
from finsam.rules.registry import Context, at, rule

# Which decision may follow which (the application itself starts as inlämnad, and is beredd
# once its beredning has a recommendation: a step of the lifecycle, never a decision).
NEXT = {
    "inlamnad": {"beviljad", "avslagen", "aterremiss"},
    "beredd": {"beviljad", "avslagen", "aterremiss"},
    "aterremiss": {"beviljad", "avslagen", "aterremiss"},
    "beviljad": {"beviljad", "pagaende", "avslutad", "avbruten"},
    "pagaende": {"beviljad", "avslutad", "avbruten"},
    "avslagen": set(),
    "avslutad": set(),
    "avbruten": set(),
}


@rule(
    "L101",
    "statusordning",
    Severity.FEL,
    "Ett beslut avslutad direkt efter återremiss.",
    title="Besluten följer livscykeln",
)
def status_follows_the_lifecycle(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Besluten står i tidsordning och följer livscykeln: inlämnad → beredd → (återremiss →)
    beviljad eller avslagen → pågående → avslutad eller avbruten. Beredd är ingen status i
    beslut.yaml: ansökan är beredd när beredningen (beredning.yaml) har en rekommendation som
    styrelsen ännu inte har beslutat om. En förlängning är ett nytt beviljat beslut. Efter
    avslag, avslut eller avbrott kommer inga fler beslut."""
    if ctx.app.beslut is None:
        return
    state, last_date = "inlamnad", ""
    for decision in ctx.insats.decisions:
        index, outcome = decision.place, decision.outcome
        day = decision.date.isoformat() if decision.date else ""
        if outcome not in NAMES:
            continue
        if day and last_date and day < last_date:
            yield at(
                info,
                ctx.app.beslut,
                ("beslut", index, "utfall"),
                f"Beslutet {day} står efter ett beslut från {last_date}.",
                "Lägg besluten i tidsordning; ett nytt beslut läggs alltid sist.",
            )
        if outcome not in NEXT[state]:
            allowed = ", ".join(NAMES[s] for s in sorted(NEXT[state])) or "inga fler beslut"
            yield at(
                info,
                ctx.app.beslut,
                ("beslut", index, "utfall"),
                f"Status kan inte gå från {NAMES[state]} till {NAMES[outcome]}.",
                f"Efter {NAMES[state]} kan följa: {allowed}.",
            )
        state, last_date = outcome, max(day, last_date)


@rule(
    "L102",
    "avslutad-utan-slutrapport",
    Severity.FEL,
    "utfall: avslutad utan rapporter/slutrapport.md.",
    title="Slutrapport innan insatsen avslutas",
)
def closed_needs_final_report(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """En insats kan bara avslutas när slutrapporten (typ: slut) finns i rapporter/."""
    if ctx.app.beslut is None:
        return
    has_final = any(r.kind == "slut" for r in ctx.insats.reports)
    for decision in ctx.insats.decisions:
        if decision.outcome == "avslutad" and not has_final:
            yield at(
                info,
                ctx.app.beslut,
                ("beslut", decision.place, "utfall"),
                "Insatsen avslutas men slutrapporten saknas.",
                "Lägg till slutrapporten i rapporter/ (typ: slut) innan beslutet om avslut.",
            )
