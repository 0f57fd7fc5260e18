"""Decisions are never rewritten: beslut.yaml compared with its previous revision in git."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from finsam.catalog import declare
from finsam.findings import Finding, Severity
from finsam.git import blob_id, blob_ids, show_many
from finsam.loader.text import decode, read_bytes
from finsam.loader.yaml_strict import YamlDoc, parse_yaml
from finsam.values import items

REWRITTEN = declare(
    "L103",
    "beslut-omskrivet",
    Severity.FEL,
    "Ett beslut som redan finns i beslut.yaml ändras eller tas aldrig bort i efterhand; ett nytt "
    "beslut läggs till sist. Jämförelsen görs med filen i föregående version i git.",
    "Beviljat belopp för 2026 ändrat i ett beslut från förra året i stället för ett nytt beslut.",
    title="Fattade beslut ändras aldrig",
)


def _document(raw: bytes | None, rel: str) -> YamlDoc | None:
    if raw is None:
        return None
    text, _ = decode(raw, rel)
    doc, _ = parse_yaml(text, rel) if text is not None else (None, [])
    return doc


def _decisions(raw: bytes | None, rel: str) -> list[dict[str, Any]] | None:
    doc = _document(raw, rel)
    return [d for _, d in items(doc.data, "beslut")] if doc is not None else None


def history_findings(root: Path, ref: str, files: list[tuple[str, Path]]) -> list[Finding]:
    """L103 for every decision that existed at ``ref`` but differs or is gone now.

    ``files`` are the readable decision files checked (their path in the repository and on
    disk). A file whose bytes are those at ``ref`` has rewritten nothing and is not parsed:
    git's blob ids tell, without reading the earlier versions."""
    blobs = blob_ids(root, ref, [rel for rel, _ in files])
    changed = {}
    for rel, path in files:
        current, _ = read_bytes(path, rel)
        if rel in blobs and current is not None and blob_id(current) != blobs[rel]:
            changed[rel] = current
    earlier = show_many(root, ref, list(changed))
    findings = []
    for rel, current in changed.items():
        old = _decisions(earlier.get(rel), rel)
        document = _document(current, rel)
        if not old or document is None:
            continue
        new = [d for _, d in items(document.data, "beslut")]
        for index, decision in enumerate(old):
            label = f"Beslutet från {decision.get('datum', '?')} (nr {index + 1})"
            if index >= len(new):
                pos = document.positions.value(("beslut",))
                findings.append(
                    REWRITTEN.finding(
                        rel,
                        pos.line,
                        pos.column,
                        f"{label} har tagits bort.",
                        "Fattade beslut ligger kvar; ett ändrat läge beslutas och läggs till som ett nytt beslut sist.",
                    )
                )
                continue
            if new[index] != decision:
                keys = sorted(
                    k for k in {*decision, *new[index]} if decision.get(k) != new[index].get(k)
                )
                pos = document.positions.value(("beslut", index))
                findings.append(
                    REWRITTEN.finding(
                        rel,
                        pos.line,
                        pos.column,
                        f"{label} har ändrats ({', '.join(keys)}).",
                        "Låt det fattade beslutet stå kvar och lägg till ett nytt beslut sist, "
                        "till exempel om förlängning eller ändrat belopp.",
                    )
                )
    return findings
