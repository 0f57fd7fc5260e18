"""Reporting periods and due dates computed from the rhythm and the insats period."""

from __future__ import annotations

import datetime as dt

from finsam.model.deadlines import add_months, rhythm_periods, schedule
from finsam.model.forbund import Reporting

D = dt.date


def test_periods_follow_the_rhythm_and_are_cut_to_the_insats() -> None:
    assert rhythm_periods("kvartal", D(2025, 7, 15), D(2026, 2, 10)) == [
        (D(2025, 7, 15), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2026, 2, 10)),
    ]
    assert rhythm_periods("halvar", D(2025, 1, 1), D(2025, 12, 31)) == [
        (D(2025, 1, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), D(2025, 12, 31)),
    ]


def test_due_dates_for_period_annual_and_final_reports() -> None:
    dues = schedule(Reporting(rhythm="tertial", due_days=30), D(2025, 9, 1), D(2026, 4, 30))
    assert [(d.kind, d.end, d.due) for d in dues] == [
        ("period", D(2025, 12, 31), D(2026, 1, 30)),
        ("ar", D(2025, 12, 31), D(2026, 1, 31)),
        ("period", D(2026, 4, 30), D(2026, 5, 30)),
        ("slut", D(2026, 4, 30), D(2026, 6, 30)),
    ]


def test_a_due_day_that_a_month_lacks_falls_on_its_last_day() -> None:
    dues = schedule(Reporting(annual_due="02-29"), D(2026, 1, 1), D(2029, 6, 30))
    assert [d.due for d in dues if d.kind == "ar"] == [
        D(2027, 2, 28),
        D(2028, 2, 29),
        D(2029, 2, 28),
    ]
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
