"""The one findings model shared by every outlet (CLI, pre-commit, CI, JSON, site)."""

from __future__ import annotations

import enum
from typing import NamedTuple


class Severity(enum.StrEnum):
    """How serious a finding is; only ``FEL`` makes a check fail."""

    FEL = "fel"
    VARNING = "varning"


class Finding(NamedTuple):
    """One problem in one place of one file.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    ``file`` is a POSIX path relative to the repository root when possible.
    ``place`` names the place in words where lines say little: in a Word file the paragraph
    and its heading ("stycke 14, under rubriken ”Syfte”"), in an Excel file the cell
    ("Budget!C12"). Line and column then count paragraphs or rows and columns.
    """

    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    place: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def as_dict(self) -> dict[str, str | int]:
        """The JSON shape, with ASCII Swedish keys like the documents themselves."""
        shape: dict[str, str | int] = {
            "regel": self.rule,
            "allvarlighet": self.severity.value,
            "fil": self.file,
            "rad": self.line,
            "kolumn": self.column,
            "meddelande": self.message,
            "tips": self.hint,
        }
        if self.place:
            shape["plats"] = self.place
        return shape


# The schema's findings about a value itself (wrong type, invalid value or date, an amount that is
# no whole number of kronor), as opposed to a missing or unknown key.
SCHEMA_VALUE_RULES = frozenset({"S003", "S004", "S005", "B201"})
SCHEMA_RULES = SCHEMA_VALUE_RULES | {"S001", "S002"}


def one_per_mistake(findings: list[Finding]) -> list[Finding]:
    """The findings with each mistake reported once.

    An exact duplicate (same rule, place, message and hint) is dropped. When the schema has
    rejected a value and a rule reports an error at the very same value (file, line and
    column), the rule's finding is kept: it knows more (the förbund's members, the template's
    categories) and gives the better hint. A rule's warning never stands beside the schema's
    error on the same value. Findings about whole files (line 0) are left as they are."""
    unique = list(dict.fromkeys(findings))
    places: dict[tuple[str, int, int], list[Finding]] = {}
    for finding in unique:
        if finding.line > 0:
            places.setdefault((finding.file, finding.line, finding.column), []).append(finding)
    dropped: set[Finding] = set()
    for found in places.values():
        schema = [f for f in found if f.rule in SCHEMA_VALUE_RULES]
        rules = [f for f in found if f.rule not in SCHEMA_RULES]
        if not schema or not rules:
            continue
        if any(f.severity is Severity.FEL for f in rules):
            dropped.update(schema)
            dropped.update(f for f in rules if f.severity is not Severity.FEL)
        else:
            dropped.update(rules)
    return [f for f in unique if f not in dropped]


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.FEL for f in findings)
