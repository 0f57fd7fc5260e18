"""Machine-readable JSON with ASCII Swedish keys, for other tools."""

from __future__ import annotations

import json
from typing import TextIO

from finsam.catalog import CATALOG, rule_url
from finsam.checker import CheckResult
from finsam.findings import Finding, Severity


def _finding(finding: Finding, site_url: str) -> dict[str, str | int]:
    """A finding with its rule's Swedish title and, when the förbund has a site, the address
    of the rule's entry there."""
    info = CATALOG.get(finding.rule)
    out = finding.as_dict()
    out["regel_titel"] = info.title if info else ""
    out["regel_url"] = rule_url(site_url, finding.rule) if info else ""
    return out


def report(result: CheckResult, out: TextIO) -> None:
    errors = sum(f.severity is Severity.FEL for f in result.findings)
    document = {
        "version": 1,
        "fynd": [_finding(f, result.site_url) for f in result.findings],
        "sammanfattning": {
            "fel": errors,
            "varningar": len(result.findings) - errors,
            "insatser": result.applications,
            "filer": result.files,
        },
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
