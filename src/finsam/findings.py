"""The one findings model shared by every outlet (CLI, pre-commit, CI, JSON, site)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How serious a finding is; only ``FEL`` makes a check fail."""

    FEL = "fel"
    VARNING = "varning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one place of one file.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    ``file`` is a POSIX path relative to the repository root when possible.
    """

    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def as_dict(self) -> dict[str, str | int]:
        """The JSON shape, with ASCII Swedish keys like the documents themselves."""
        return {
            "regel": self.rule,
            "allvarlighet": self.severity.value,
            "fil": self.file,
            "rad": self.line,
            "kolumn": self.column,
            "meddelande": self.message,
            "tips": self.hint,
        }


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.FEL for f in findings)
