"""Defensive access to documents whose schema may have failed: wrong types read as absent."""

from __future__ import annotations

import datetime as dt
from typing import Any


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


def date(data: Any, *path: str | int) -> dt.date | None:
    """A real calendar date, or None (the schema reports invalid ones)."""
    value = get(data, *path)
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
