"""Personnummer and samordningsnummer in every written form are found; organisation numbers
and ordinary figures are not."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam.personnummer import find
from tests.pnr_corpus import (
    FORM_NAMES,
    NUMBERS,
    lookalikes,
    shipped_files,
    with_check_digit,
    written_forms,
)

# The test identity Tolvan Tolvansson (ÅÅMMDD 121212), never a real person.
PERSON = with_check_digit("121212121")
COORDINATION = with_check_digit("121272121")  # day 12 + 60
ORGANISATION = with_check_digit("556677889")  # "month" 66: no date
# The same test identity with century, in two parts.
DATE, SERIAL = f"19{PERSON[:6]}", PERSON[6:]


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


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("form", range(len(FORM_NAMES)), ids=FORM_NAMES)
def test_every_written_form_of_every_number(form: int, number: str) -> None:
    assert len(FORM_NAMES) >= 48
    name, text = written_forms(number)[form]
    hits = list(find(f"Anteckning om {name}:\n{text}\nSlut.\n"))
    assert len(hits) == 1, f"{name}: {text!r}"
    assert hits[0].masked == f"{number[2:8]}-****"
    assert hits[0].line == 2
    assert hits[0].coordination == (int(number[6:8]) > 60)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        # The numbers are put together here so that no file holds one written out.
        (f"a\nxx \u200b\u200b{DATE}-{SERIAL}", 2, 6),  # zero-width characters before the number
        (f"a\n&#49;{DATE[1:]}-{SERIAL}", 2, 1),  # an entity is the first digit
        (f"ab\r\n  **{DATE}**-{SERIAL}", 2, 5),  # Markdown emphasis
        (f"\uff11\uff19{DATE[2:]}-{SERIAL}", 1, 1),  # fullwidth digits
        (f"x\n| {DATE} | {SERIAL} |", 2, 3),  # table cells
        (f"a {DATE}-" + "\u200b" * 300 + SERIAL, 1, 3),  # a long run of invisible characters
    ],
)
def test_position_is_in_the_original_text(text: str, line: int, column: int) -> None:
    assert [(h.line, h.column) for h in find(text)] == [(line, column)]


@pytest.mark.parametrize(
    "text",
    [
        "070-123 45 67",
        "0701-23 45 67",
        "0701-234567",
        "08-123 456 78",
        "+46 70 123 45 67",
        "08 12 12 34 56",
        "Telefon: 0701234567",
        "212000-0142",
        "4 418 130",
        "1 180 000 kr",
        "| 350 000 | 420 000 |",
        "2025-01-01 – 2026-12-31",
        "2025-07-01 1500",
        "| 2025-07-01 | 2026 |",
        "| 1998-05-12 | 2026 |",
        "2025-07-01 08.00-16.30",
        "Dnr 2025-000123",
        "belopp:\n  2025: 101500\n  2026: 98000\n",
        "commit 4f2e9ab191212121212cdef4e5d6c7b8a9f0e1d2",  # digits inside a hash
        "0.191212121212",  # a decimal fraction
        "120322 2029",  # an amount, then a year (the digits pass the Luhn check)
        "19680819 2030",
        "1912-12-12-1212-01",  # a longer figure
    ],
)
def test_lookalikes_are_not_personnummer(text: str) -> None:
    assert list(find(text)) == []


def test_ten_digits_after_a_telephone_word_are_a_telephone_number() -> None:
    number = with_check_digit("070101123")  # also a mobile number 070-101 12 3x
    assert len(list(find(f"Ändring: {number}"))) == 1
    assert len(list(find(f"Deltagare {number}"))) == 1
    assert list(find(f"Tel. {number}")) == []
    assert list(find(f"Mobilnummer: {number}")) == []


def test_weak_forms_need_an_adult() -> None:
    """Only a space between date and serial: a recent date is a date, not a birth date."""
    text = "2014-03-03 " + with_check_digit("140303123")[6:]
    assert list(find(text, today=dt.date(2026, 11, 25))) == []
    assert len(list(find(text, today=dt.date(2030, 1, 1)))) == 1


def test_no_false_alarms_in_generated_lookalikes() -> None:
    """At most one chance hit in every thousand look-alikes, per kind."""
    for kind, texts in lookalikes().items():
        hits = sum(1 for text in texts if list(find(text)))
        assert hits <= len(texts) // 1000, kind


def test_no_personnummer_in_the_shipped_repository() -> None:
    """Every tracked file, in any file type."""
    from finsam.rules.privacy import personnummer_findings_in_file

    findings = [
        finding
        for rel, data in shipped_files()
        for finding in personnummer_findings_in_file(rel, data)
    ]
    assert findings == []


_NUMBERISH = st.text(
    alphabet=st.sampled_from(list('0123456789012345 -–+/.|;,"\n\t*&#;x\u200b\u00a0')),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_NUMBERISH, st.text(max_size=120)))
def test_every_hit_points_at_its_first_digit(text: str) -> None:
    for hit in find(text):
        line = text.split("\n")[hit.line - 1]
        first = line[hit.column - 1]
        assert unicodedata.decimal(first, None) is not None or first == "&"
        assert hit.masked.endswith("-****") and len(hit.masked) == 11
        assert hit.length >= 10


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(NUMBERS),
    st.integers(min_value=0, max_value=len(FORM_NAMES) - 1),
    st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs")), max_size=20),
    st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs")), max_size=20),
)
def test_forms_are_found_between_any_words(number: str, form: int, before: str, after: str) -> None:
    """Any text without digits around a written number leaves it a number."""
    text = f"{before} {written_forms(number)[form][1]} {after}"
    assert f"{number[2:8]}-****" in [hit.masked for hit in find(text)]


def test_latin1_letters_need_no_rewriting() -> None:
    """The normaliser copies Latin-1 letters as they are; that is right only because none of
    them is a format character, a digit, or changed by NFKC."""
    import unicodedata

    from finsam.personnummer import _SPECIAL

    for code in range(0x80, 0x100):
        char = chr(code)
        if _SPECIAL.match(char) is None:
            assert unicodedata.category(char) != "Cf"
            assert unicodedata.decimal(char, None) is None
            assert unicodedata.normalize("NFKC", char) == char
    assert _SPECIAL.match("\u00d7") and _SPECIAL.match("\u00a0")  # × and no-break space


@pytest.mark.parametrize(
    "template",
    [
        '<span title="{n}">deltagare</span>',
        "<A {n} >",
        '<a href="https://example.org/?id={n}">länk</a>',
        "<img alt='{n}'>",
    ],
)
def test_a_number_inside_what_looks_like_a_tag_is_found(template: str) -> None:
    """Tags between digits are read as spaces, but a tag's own text is read too: a number in
    an attribute would otherwise pass unseen (and could reach a page's markup)."""
    for number in NUMBERS:
        hits = [hit.masked for hit in find(template.format(n=number))]
        assert hits == [f"{number[2:8]}-****"], template


def test_a_number_split_by_a_tag_is_found_once() -> None:
    number = NUMBERS[0]
    assert [h.masked for h in find(f"{number[:8]}<b>-</b>{number[8:]}")] == [f"{number[2:8]}-****"]
