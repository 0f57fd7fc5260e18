"""Personnummer and samordningsnummer in every written form are found; organisation numbers
and ordinary figures are not."""

from __future__ import annotations

import pytest

from finsam.personnummer import find, luhn_ok


def with_check_digit(nine: str) -> str:
    """The ten digits YYMMDDNNN + the Luhn check digit."""
    return next(nine + str(d) for d in range(10) if luhn_ok(nine + str(d)))


# The test identity Tolvan Tolvansson (19121212-1212), never a real person.
PERSON = with_check_digit("121212121")
COORDINATION = with_check_digit("121272121")  # day 12 + 60
ORGANISATION = with_check_digit("556677889")  # "month" 66: no date


@pytest.mark.parametrize(
    "written",
    [
        f"{PERSON[:6]}-{PERSON[6:]}",
        f"{PERSON[:6]}+{PERSON[6:]}",
        PERSON,
        f"19{PERSON[:6]}-{PERSON[6:]}",
        f"19{PERSON}",
        f"deltagare: {PERSON[:6]}-{PERSON[6:]}, kvinna",
    ],
)
def test_personnummer_in_every_form(written: str) -> None:
    hits = list(find(written))
    assert len(hits) == 1
    assert hits[0].masked == f"{PERSON[:6]}-****"
    assert not hits[0].coordination


def test_samordningsnummer() -> None:
    hits = list(find(f"{COORDINATION[:6]}-{COORDINATION[6:]}"))
    assert [h.coordination for h in hits] == [True]


def test_leap_day_in_some_century() -> None:
    number = with_check_digit("000229123")
    assert len(list(find(number))) == 1
    assert list(find(with_check_digit("010229123"))) == []  # 29 February 2001/1901 never existed


@pytest.mark.parametrize(
    "text",
    [
        f"{ORGANISATION[:6]}-{ORGANISATION[6:]}",
        ORGANISATION,
        f"{PERSON[:6]}-{PERSON[6:9]}{(int(PERSON[9]) + 1) % 10}",  # wrong check digit
        "4418130",
        "2025-07-01",
        "belopp: {2025: 372588, 2026: 755622}",
        "diarienummer: 2025/0042",
        f"21{PERSON}",  # 12 digits in a century that no one is born in
        f"1{PERSON}",  # 11 digits
    ],
)
def test_not_a_personnummer(text: str) -> None:
    assert list(find(text)) == []


def test_position_is_line_and_column() -> None:
    hits = list(find(f"rad ett\n  kontakt: {PERSON}\n"))
    assert [(h.line, h.column) for h in hits] == [(2, 12)]
