"""'Menade du …?' suggestions for misspelt keys, values, headings and file names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def closest(
    word: str, options: Iterable[str], cutoff: float = 0.6, names: Mapping[str, str] | None = None
) -> str | None:
    """The option most like ``word``, or None when nothing is close enough.

    Case does not matter ('SYFTE' is close to 'Syfte'). ``names`` gives an option a display
    name that counts as well: with {'lon': 'Lönekostnad'}, 'Lönekostnad' suggests 'lon'."""
    import difflib  # imported only when a finding needs a suggestion

    spellings: dict[str, str] = {}
    for option in options:
        spellings.setdefault(option.casefold(), option)
    for option, name in (names or {}).items():
        spellings.setdefault(name.casefold(), option)
        # 'Lönekostnad inkl. PO-påslag' is also what 'Lönekostnad' means.
        spellings.setdefault(_head(name).casefold(), option)
    close = difflib.get_close_matches(word.casefold(), list(spellings), n=1, cutoff=cutoff)
    return spellings[close[0]] if close else None


_HEAD_ENDS = (" inkl", " (", ",", " – ", " - ", " för ", " och ")


def _head(name: str) -> str:
    """A display name's first part, before what only qualifies it."""
    cut = min((name.find(end) for end in _HEAD_ENDS if end in name), default=len(name))
    return name[:cut].strip() or name


def did_you_mean(
    word: str, options: Iterable[str], cutoff: float = 0.6, names: Mapping[str, str] | None = None
) -> str:
    """'Menade du 'x'? ' for the closest option, or '' when nothing is close."""
    found = closest(word, options, cutoff, names)
    return f"Menade du '{found}'? " if found else ""
