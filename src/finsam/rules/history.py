"""Decisions are never rewritten: beslut.yaml compared with its previous revision in git."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from finsam.catalog import declare
from finsam.findings import Finding, Severity
from finsam.git import show_many
from finsam.loader.application import Document
from finsam.loader.text import decode
from finsam.loader.yaml_strict import parse_yaml
from finsam.values import items

REWRITTEN = declare(
    "L103",
    "beslut-omskrivet",
    Severity.FEL,
    "Ett beslut som redan finns i beslut.yaml ändras eller tas aldrig bort i efterhand; ett nytt "
    "beslut läggs till sist. Jämförelsen görs med filen i föregående version i git.",
    "Beviljat belopp för 2026 ändrat i ett beslut från förra året i stället för ett nytt beslut.",
)


def _decisions(raw: bytes | None, rel: str) -> list[dict[str, Any]] | None:
    if raw is None:
        return None
    text, _ = decode(raw, rel)
    doc, _ = parse_yaml(text, rel) if text is not None else (None, [])
    return [d for _, d in items(doc.data, "beslut")] if doc is not None else None


def history_findings(root: Path, ref: str, documents: list[Document]) -> list[Finding]:
    """L103 for every decision that existed at ``ref`` but differs or is gone now."""
    earlier = show_many(root, ref, [d.rel for d in documents])
    findings = []
    for document in documents:
        old = _decisions(earlier.get(document.rel), document.rel)
        if not old:
            continue
        new = [d for _, d in items(document.data, "beslut")]
        for index, decision in enumerate(old):
            label = f"Beslutet från {decision.get('datum', '?')} (nr {index + 1})"
            if index >= len(new):
                pos = document.positions.value(("beslut",))
                findings.append(
                    REWRITTEN.finding(
                        document.rel,
                        pos.line,
                        pos.column,
                        f"{label} har tagits bort.",
                        "Fattade beslut ligger kvar; ett ändrat läge beslutas och läggs till som ett nytt beslut sist.",
                    )
                )
                continue
            if new[index] != decision:
                changed = sorted(
                    k for k in {*decision, *new[index]} if decision.get(k) != new[index].get(k)
                )
                pos = document.positions.value(("beslut", index))
                findings.append(
                    REWRITTEN.finding(
                        document.rel,
                        pos.line,
                        pos.column,
                        f"{label} har ändrats ({', '.join(changed)}).",
                        "Låt det fattade beslutet stå kvar och lägg till ett nytt beslut sist, "
                        "till exempel om förlängning eller ändrat belopp.",
                    )
                )
    return findings
