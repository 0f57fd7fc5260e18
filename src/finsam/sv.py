"""Swedish formatting of amounts and numbers (a test checks it against Babel's CLDR data)."""

from __future__ import annotations

from collections.abc import Sequence

NBSP = "\u00a0"


def tal(value: int) -> str:
    """4418130 -> '4 418 130' with no-break spaces, as Swedish writes thousands."""
    sign = "−" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", NBSP)


def kronor(value: int) -> str:
    """4418130 -> '4 418 130 kr' with no-break spaces."""
    return f"{tal(value)}{NBSP}kr"


def procent(value: float) -> str:
    """12.5 -> '12,5 %'."""
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}{NBSP}%"


def plural(count: int, one: str, many: str) -> str:
    """'1 insats', '3 insatser', '1 000 insatser': a count in a message, in figures."""
    return f"{tal(count)} {one if count == 1 else many}"


# The numbers up to twelve, as Swedish running text writes them (1 as the common gender).
NUMBER_WORDS = (
    "noll",
    "en",
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "sju",
    "åtta",
    "nio",
    "tio",
    "elva",
    "tolv",
)


def antal(count: int, one: str, many: str, neuter: bool = False) -> str:
    """A count in running text, as Swedish writes it: the numbers up to twelve in words ('en
    insats', 'ett beslut', 'tre insatser'), larger ones in figures ('1 000 insatser')."""
    if count == 1:
        return f"{'ett' if neuter else 'en'} {one}"
    number = NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else tal(count)
    return f"{number} {many}"


def lista(parts: Sequence[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b och c' (no serial comma, as Swedish writes lists)."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " och " + parts[-1]
