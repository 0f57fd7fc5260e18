"""The rule catalog: every rule's id, name, title, severity and Swedish statement in one registry.

Loader and schema rules are declared here as plain entries; document rules register
themselves with :func:`finsam.rules.registry.rule`. The site's rule page is generated from
this registry, so the catalog cannot drift from the code.
"""

from __future__ import annotations

from typing import NamedTuple

from finsam.findings import Finding, Severity


class RuleInfo(NamedTuple):
    """What a rule checks, in Swedish, and an example that breaks it."""

    id: str
    name: str
    severity: Severity
    statement: str
    example: str = ""
    documents: tuple[str, ...] = ()
    title: str = ""  # a short Swedish heading for the rules page; name stays the stable slug

    def finding(
        self,
        file: str,
        line: int,
        column: int,
        message: str,
        hint: str = "",
        severity: Severity | None = None,
        place: str = "",
    ) -> Finding:
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            file=file,
            line=line,
            column=column,
            message=message,
            hint=hint,
            place=place,
        )


CATALOG: dict[str, RuleInfo] = {}


def rule_url(site_url: str, rule: str) -> str:
    """The rule's entry on the förbund's site (the Regler page), or "" without a site."""
    return f"{site_url.rstrip('/')}/regler/#{rule.lower()}" if site_url else ""


def declare(
    id: str,
    name: str,
    severity: Severity,
    statement: str,
    example: str = "",
    documents: tuple[str, ...] = (),
    title: str = "",
) -> RuleInfo:
    """Add a rule to the catalog; ids and names must be unique."""
    if id in CATALOG:
        raise ValueError(f"rule id {id} declared twice")
    if any(info.name == name for info in CATALOG.values()):
        raise ValueError(f"rule name {name} declared twice")
    info = RuleInfo(id, name, severity, " ".join(statement.split()), example, documents, title)
    CATALOG[id] = info
    return info
