"""Finding Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer) in text, so that they never enter the repository.

A match needs a real date (the day plus 60 for a samordningsnummer) and a valid Luhn check
digit. Organisation numbers pass: their "month" is 20 or more, which is no date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

_CANDIDATE = re.compile(r"(?<![\d])(\d{6}|\d{8})([-+]?)(\d{4})(?![\d])")


@dataclass(frozen=True)
class Hit:
    line: int
    column: int
    masked: str  # the date part only; the last four digits are never repeated
    coordination: bool


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _date_ok(year: int, month: int, day: int) -> tuple[bool, bool]:
    """(is a date, is a samordningsnummer) for a birth date whose day may be shifted by 60."""
    coordination = day > 60
    if coordination:
        day -= 60
    try:
        dt.date(year, month, day)
    except ValueError:
        return False, False
    return True, coordination


def _valid(date_part: str, serial: str) -> tuple[bool, bool]:
    """(Luhn-valid number with a real date, is a samordningsnummer)."""
    short = date_part[-6:]
    if len(date_part) == 8:
        if date_part[:2] not in ("18", "19", "20"):
            return False, False
        years = [int(date_part[:4])]
    else:
        # A two-digit year is valid if the date exists in some century (29 February!).
        years = [century + int(short[:2]) for century in (1900, 2000, 1800)]
    for year in years:
        is_date, coordination = _date_ok(year, int(short[2:4]), int(short[4:6]))
        if is_date:
            return luhn_ok(short + serial), coordination
    return False, False


def find(text: str) -> Iterator[Hit]:
    for number, line in enumerate(text.split("\n"), 1):
        for match in _CANDIDATE.finditer(line):
            date_part, _, serial = match.groups()
            valid, coordination = _valid(date_part, serial)
            if valid:
                short = date_part[-6:]
                yield Hit(number, match.start() + 1, f"{short}-****", coordination)
