"""Amounts and counts are whole numbers written with digits only: anything else that looks like
a number is a finding at the value, with a hint that shows how to write it."""

from __future__ import annotations

import pytest

from finsam.loader.yaml_strict import parse_yaml
from finsam.schemas import validate, whole_number

BUDGET = """rader:
  - kategori: lon
    benamning: Insatsmedarbetare
    part: provby-kommun
    finansiering: forbundet
    belopp: {{2025: 280000, 2026: {amount}}}
"""
BESLUT = """beslut:
  - datum: 2025-06-12
    organ: styrelsen
    paragraf: "§ 12"
    utfall: beviljad
    beviljat:
      2025: {amount}
"""
REPORT = """typ: ar
period: {{start: 2025-07-01, slut: 2025-12-31}}
utfall: {{lon: {{2025: 270000}}}}
deltagare: {{kvinnor: {amount}, man: 5, totalt: 11}}
"""

WRITTEN = [
    ("1e6", "med bara siffror: 1000000."),
    ("3.0e5", "med bara siffror: 300000."),
    ("10.0", "med bara siffror: 10."),
    ("-0", "med bara siffror: 0."),
    ("+5", "med bara siffror: 5."),
    ("0x1F", "med bara siffror: 31."),
    ("0o17", "med bara siffror: 15."),
    ("1_000", "med bara siffror: 1000."),
    ("007", "med bara siffror: 7."),
    ("1e999", "(högst 15)"),
    ("-1e999", "(högst 15)"),
    (".inf", "(högst 15)"),
    (".nan", "(högst 15)"),
    ("9" * 5000, "(högst 15)"),
    ("1234567890123456", "(högst 15)"),
    ("10.5", "utan decimaler, till exempel 10."),
    ("280.000", "med bara siffror: 280000."),  # dots as thousands separators
    ('"4.418.130"', "punkter och enhet: 4418130."),
]


@pytest.mark.parametrize(("written", "hint"), WRITTEN)
def test_a_budget_amount_not_written_with_digits_is_b201_at_the_value(
    written: str, hint: str
) -> None:
    doc, findings = parse_yaml(BUDGET.format(amount=written), "budget.yaml")
    assert findings == [] and doc is not None
    found = validate("budget", doc.data, doc.positions, "budget.yaml")
    assert [(f.rule, f.line, f.column) for f in found] == [("B201", 6, 34)]
    assert hint in found[0].hint
    assert len(found[0].message) < 200  # a 5,000-digit number is shortened


@pytest.mark.parametrize(("written", "hint"), WRITTEN)
def test_a_granted_amount_not_written_with_digits_is_b201_at_the_value(
    written: str, hint: str
) -> None:
    doc, _ = parse_yaml(BESLUT.format(amount=written), "beslut.yaml")
    assert doc is not None
    found = validate("beslut", doc.data, doc.positions, "beslut.yaml")
    assert [(f.rule, f.line, f.column) for f in found] == [("B201", 7, 13)]
    assert hint in found[0].hint


@pytest.mark.parametrize(("written", "hint"), WRITTEN)
def test_a_count_not_written_with_digits_is_a_type_finding(written: str, hint: str) -> None:
    doc, _ = parse_yaml(REPORT.format(amount=written), "r.md")
    assert doc is not None
    found = validate("rapport", doc.data, doc.positions, "r.md")
    assert [(f.rule, f.line, f.column) for f in found] == [("S003", 4, 22)]
    assert "kronor" not in found[0].hint


@pytest.mark.parametrize("written", ["0", "280000", "123456789012345"])
def test_plain_digits_are_amounts(written: str) -> None:
    doc, _ = parse_yaml(BUDGET.format(amount=written), "budget.yaml")
    assert doc is not None
    assert validate("budget", doc.data, doc.positions, "budget.yaml") == []
    assert doc.data["rader"][0]["belopp"]["2026"] == int(written)


@pytest.mark.parametrize(
    ("value", "meant"),
    [("1e6", 1000000), ("+5", 5), ("0x1F", 31), ("1_000", 1000), ("-0", 0), ("10.5", None),
     ("1e999", None), ("1e15", None), ("9" * 5000, None), ("abc", None), (1e6, 1000000)],
)  # fmt: skip
def test_whole_number_reads_what_a_numeral_means(value: object, meant: int | None) -> None:
    assert whole_number(value) == meant
