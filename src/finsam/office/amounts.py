"""Amounts that officials write as text in Word and Excel ("1 180 tkr", "12 000 kr"): what
they mean in whole kronor. A reading in thousands or millions only goes into a finding's hint;
the official writes the number itself."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from finsam.limits import MAX_INT_DIGITS

_UNITS = (
    ("miljoner kronor", 1_000_000),
    ("miljoner kr", 1_000_000),
    ("miljoner", 1_000_000),
    ("milj. kr", 1_000_000),
    ("milj kr", 1_000_000),
    ("mnkr", 1_000_000),
    ("mkr", 1_000_000),
    ("tusen kronor", 1000),
    ("tusen kr", 1000),
    ("tkr", 1000),
    ("kronor", 1),
    ("kr.", 1),
    ("kr", 1),
    ("sek", 1),
    (":-", 1),
)
_THOUSANDS_DOTS = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+\Z")
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?\Z")


def amount_in_text(text: str) -> int | None:
    """The whole kronor an amount written as text means ('1 180 tkr' is 1180000), or None."""
    value = text.strip().casefold()
    for space in ("\u00a0", "\u202f", "\u2009", "\u2007"):
        value = value.replace(space, " ")
    factor = 1
    for unit, multiple in _UNITS:
        if value.endswith(unit):
            value, factor = value[: -len(unit)].strip(), multiple
            break
    value = value.replace(" ", "").replace("'", "")
    if _THOUSANDS_DOTS.match(value):
        value = value.replace(".", "")
    value = value.replace(",", ".")
    if not _DECIMAL.match(value) or len(value) > MAX_INT_DIGITS + 4:
        return None
    try:
        amount = Decimal(value) * factor
    except InvalidOperation:
        return None
    return int(amount) if amount == amount.to_integral_value() else None
