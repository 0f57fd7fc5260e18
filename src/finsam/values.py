"""Defensive access to documents whose schema may have failed: wrong types read as absent.

Rules read documents only through these functions, so a value of the wrong type, a year key
that is no year or a date far outside the calendar is simply absent to them (the schema
reports it), never an exception.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from finsam.limits import MAX_YEAR, MIN_YEAR

# A year key as the schemas allow it: four ASCII digits, 1900–2099.
_YEAR = re.compile(r"(19|20)[0-9]{2}\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def get(data: Any, *path: str | int) -> Any:
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or not -len(data) <= part < len(data):
                return None
            data = data[part]
        else:
            if not isinstance(data, dict):
                return None
            data = data.get(part)
    return data


def items(data: Any, *path: str | int) -> list[tuple[int, dict[str, Any]]]:
    """The mapping entries of a list, with their indices; anything else is skipped."""
    value = get(data, *path)
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]


def text(data: Any, *path: str | int) -> str | None:
    value = get(data, *path)
    return value if isinstance(value, str) else None


def integer(data: Any, *path: str | int) -> int | None:
    value = get(data, *path)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def whole_amount(value: Any) -> int | None:
    """A whole, non-negative amount, or None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def year_of(key: Any) -> int | None:
    """The year a mapping key names ('2025'), or None when it names no year the schema allows.

    The reader makes every key a string; this is the one place that turns it into a year.
    """
    return int(key) if isinstance(key, str) and _YEAR.match(key) else None


def amounts_by_year(data: Any, *path: str | int) -> dict[int, int]:
    """The year: amount entries of a mapping (belopp, beviljat, utfall per category) whose key
    is a year and whose value a whole non-negative amount. Years are integers from here on; a
    valid year key is written exactly as str(year), so positions are found with that."""
    value = get(data, *path)
    if not isinstance(value, dict):
        return {}
    out = {}
    for key, raw in value.items():
        whole = whole_amount(raw)
        if (year := year_of(key)) is not None and whole is not None:
            out[year] = whole
    return out


def calendar_date(value: Any) -> dt.date | None:
    """ÅÅÅÅ-MM-DD as a day in the calendar between MIN_YEAR and MAX_YEAR, or None: date
    arithmetic on what this returns cannot overflow."""
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def date(data: Any, *path: str | int) -> dt.date | None:
    """A date as calendar_date reads it, or None (the schema reports invalid ones)."""
    return calendar_date(get(data, *path))
