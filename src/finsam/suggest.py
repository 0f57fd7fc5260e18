"""'Menade du …?' suggestions for misspelt keys, values, headings and file names."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option most like ``word``, or None when nothing is close enough."""
    import difflib  # imported only when a finding needs a suggestion

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """'Menade du 'x'? ' for the closest option, or '' when nothing is close."""
    found = closest(word, options, cutoff)
    return f"Menade du '{found}'? " if found else ""
