"""Machine-readable JSON with ASCII Swedish keys, for other tools."""

from __future__ import annotations

import json
from typing import TextIO

from finsam.checker import CheckResult
from finsam.findings import Severity


def report(result: CheckResult, out: TextIO) -> None:
    errors = sum(f.severity is Severity.FEL for f in result.findings)
    document = {
        "version": 1,
        "fynd": [f.as_dict() for f in result.findings],
        "sammanfattning": {
            "fel": errors,
            "varningar": len(result.findings) - errors,
            "insatser": result.applications,
            "filer": result.files,
        },
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
