"""budget.yaml written in the repository's own style: the schema line first, a block list of
rader, flow mappings for period, belopp and each size of tjanster, then fordelning_per_ar with
one flow mapping per group, whole kronor as integers.

Every text is written so that any YAML reader reads back exactly that text: plain where
nothing in it could be read otherwise, else double-quoted with escapes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/budget.schema.json"

# Words a YAML reader (1.1 or 1.2) would read as something other than text.
_RESERVED = frozenset(
    "null ~ true false yes no on off y n".split()  # noqa: SIM905 - a list of words reads best
)
_PLAIN = re.compile(r"[^\W\d_][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\"'`]*")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _printable(char: str) -> bool:
    """A character YAML lets a double-quoted text hold as it is."""
    code = ord(char)
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    ) and char not in "\u2028\u2029"


def text_scalar(text: str) -> str:
    """A text as a YAML scalar that reads back as exactly this text."""
    plain = (
        _PLAIN.fullmatch(text) is not None
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.casefold() not in _RESERVED
    )
    if plain:
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def number(value: int | float) -> str:
    """A number as budget.yaml writes it: 100, 37.5 (never 1e-05 or 100.0)."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return text_scalar(str(value))


def flow(mapping: dict[Any, Any]) -> str:
    return "{" + ", ".join(f"{scalar(k)}: {scalar(v)}" for k, v in mapping.items()) + "}"


def budget_yaml(rows: list[dict[str, Any]], groups: list[dict[str, Any]] | None = None) -> str:
    """The text of budget.yaml for ``rows`` (each a mapping of budget.schema.json's rad) and
    ``groups`` (each a fordelning: grupp, finansiering and belopp)."""
    out = [SCHEMA_LINE, "rader:"]
    for row in rows:
        lead = "  - "
        for key, value in row.items():
            if key == "tjanster":
                out.append(f"{lead}{key}:")
                out += [f"      - {flow(post)}" for post in value]
            elif key == "belopp":
                out.append(f"{lead}{key}: {flow(dict(sorted(value.items())))}")
            elif isinstance(value, dict):
                out.append(f"{lead}{key}: {flow(value)}")
            else:
                out.append(f"{lead}{key}: {scalar(value)}")
            lead = "    "
    if groups:
        out.append("fordelning_per_ar:")
        for group in groups:
            amounts = flow(dict(sorted(group["belopp"].items())))
            out.append(
                f"  - {{grupp: {scalar(group['grupp'])}, "
                f"finansiering: {scalar(group['finansiering'])}, belopp: {amounts}}}"
            )
    return "\n".join(out) + "\n"
