"""The budget model on small inputs: totals for the whole period, several posts in a row, own
financing without a party, and the years a cost group states for itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from finsam.budget_report import UNKNOWN, build_report, render_text
from finsam.loader.application import load_application
from finsam.model.budget import (
    OWN,
    SOUGHT,
    Post,
    check_group_years,
    full_time_percent,
    read_group_years,
    read_rows,
    single_year,
    totals,
)
from finsam.model.forbund import Category
from finsam.model.insats import Insats
from tests.rule_helpers import forbund, make_folder, run_rule

LOOKUP = {
    "lon": Category("lon", "Lönekostnad", "lon"),
    "lokalhyra": Category("lokalhyra", "Lokalhyra", "lokal"),
    "utbildning": Category("utbildning", "Utbildning", "ovrigt"),
    "resor": Category("resor", "Resor", "ovrigt"),
}
YEAR_2022 = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
THREE_YEARS = (dt.date(2025, 7, 1), dt.date(2027, 12, 31))


def _row(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kategori": "utbildning",
        "benamning": "Utbildning",
        "part": "provby-kommun",
        "finansiering": SOUGHT,
    }
    return {**base, **fields}


def test_a_total_in_a_one_year_period_is_that_years_amount() -> None:
    (row,) = read_rows({"rader": [_row(belopp_totalt=10000)]}, YEAR_2022)
    assert row.amounts == {2022: 10000} and row.derived and not row.given_years
    assert row.unallocated == 0 and row.total == 10000


def test_a_total_in_a_longer_period_stays_unknown_per_year() -> None:
    (row,) = read_rows({"rader": [_row(belopp_totalt=10000)]}, THREE_YEARS)
    assert row.amounts == {} and row.unallocated == 10000 and row.total == 10000
    summary = totals([row])
    assert summary.by_year[SOUGHT] == {} and summary.unallocated[SOUGHT] == 10000
    assert summary.total(SOUGHT) == 10000 and summary.has_unallocated


def test_a_posts_own_period_in_one_year_decides_its_year() -> None:
    raw = _row(kategori="lon", period={"start": "2026-01-01", "slut": "2026-06-30"},
               belopp_totalt=200000)  # fmt: skip
    (row,) = read_rows({"rader": [raw]}, THREE_YEARS)
    assert row.amounts == {2026: 200000}


def test_years_and_a_declared_total_count_the_years_and_report_the_difference() -> None:
    raw = _row(belopp={"2025": 372588, "2026": 755622, "2027": 770856}, belopp_totalt=1899065)
    (row,) = read_rows({"rader": [raw]}, THREE_YEARS)
    assert row.total == 1899066 and row.total_mismatch == 1 and row.unallocated == 0
    (agreeing,) = read_rows({"rader": [_row(belopp={"2025": 5}, belopp_totalt=5)]})
    assert agreeing.total_mismatch is None


def test_several_posts_add_up_to_full_time_equivalents() -> None:
    posts = (Post(2, 100), Post(2, 10))
    assert full_time_percent(posts) == 220
    assert full_time_percent(()) is None
    raw = _row(kategori="lon", tjanster=[{"antal": 2, "tjanstgoringsgrad": 100},
               {"antal": 2, "tjanstgoringsgrad": 10}, {"antal": 0, "tjanstgoringsgrad": 50}],
               belopp_totalt=1130000)  # fmt: skip
    (row,) = read_rows({"rader": [raw]}, YEAR_2022)
    assert row.posts == posts and row.percent == 220


def test_monthly_salary_of_several_posts_is_counted_for_each() -> None:
    raw = _row(kategori="lon", tjanster=[{"antal": 2, "tjanstgoringsgrad": 50}],
               manadslon=30000, po_paslag=40,
               period={"start": "2025-01-01", "slut": "2025-12-31"})  # fmt: skip
    (row,) = read_rows({"rader": [raw]})
    assert row.computed and row.amounts == {2025: 30000 * 12 * 14 // 10}


def test_own_financing_may_have_no_party_but_sought_money_must() -> None:
    rows = read_rows(
        {
            "rader": [
                {"kategori": "lon", "benamning": "Egen personal", "finansiering": OWN,
                 "i_natura": True, "belopp_totalt": 350000},
                {"kategori": "resor", "benamning": "Resor", "finansiering": SOUGHT,
                 "belopp_totalt": 1000},
                {"kategori": "resor", "benamning": "Resor", "finansiering": SOUGHT,
                 "part": "provby-kommun", "i_natura": True, "belopp_totalt": 1000},
            ]
        },
        YEAR_2022,
    )  # fmt: skip
    assert [r.party for r in rows] == [None, "provby-kommun"]
    assert rows[0].in_kind and not rows[1].in_kind  # in kind is only own financing
    summary = totals(rows)
    assert summary.without_party == {SOUGHT: 0, OWN: 350000}
    assert summary.by_party == {"provby-kommun": {SOUGHT: 1000, OWN: 0}}


def _group(amounts: dict[str, int], group: str = "ovrigt") -> dict[str, Any]:
    return {"grupp": group, "finansiering": SOUGHT, "belopp": amounts}


def test_a_groups_stated_years_make_its_totals_known_per_year() -> None:
    data = {
        "rader": [
            _row(kategori="lon", belopp={"2025": 100, "2026": 200}),
            _row(belopp_totalt=300),
            _row(kategori="resor", belopp={"2025": 50}),
        ],
        "fordelning_per_ar": [_group({"2025": 150, "2026": 200})],
    }
    rows = read_rows(data, THREE_YEARS)
    stated = read_group_years(data)
    (check,) = check_group_years(rows, stated, LOOKUP)
    assert check.agrees and check.rows_total == 350 and check.known == {2025: 50}
    summary = totals(rows, stated, LOOKUP)
    assert summary.by_year[SOUGHT] == {2025: 250, 2026: 400}
    assert summary.unallocated[SOUGHT] == 0 and summary.total(SOUGHT) == 650
    assert summary.group_years == {SOUGHT: {"ovrigt": {2025: 150, 2026: 200}}}
    assert summary.unallocated_by_category == {SOUGHT: {"utbildning": 300}}


def test_stated_years_that_disagree_with_the_rows_are_not_counted() -> None:
    data = {
        "rader": [_row(belopp_totalt=300), _row(kategori="resor", belopp={"2025": 50})],
        "fordelning_per_ar": [
            _group({"2025": 10, "2026": 340}),  # sums right, but 2025 is short
            _group({"2025": 150, "2026": 200}),  # a second entry for the group
        ],
    }
    rows = read_rows(data, THREE_YEARS)
    stated = read_group_years(data)
    short, repeated = check_group_years(rows, stated, LOOKUP)
    assert short.difference == 0 and short.short_years == {2025: 40} and not short.agrees
    assert not repeated.first and not repeated.agrees
    summary = totals(rows, stated, LOOKUP)
    assert summary.by_year[SOUGHT] == {2025: 50} and summary.unallocated[SOUGHT] == 300
    assert summary.group_years == {}


def test_unreadable_group_entries_are_skipped() -> None:
    data = {"fordelning_per_ar": [{"grupp": "okand", "finansiering": SOUGHT, "belopp": {}},
                                  "text", _group({"2025": 1}, group="lokal")]}  # fmt: skip
    assert [(g.place, g.group) for g in read_group_years(data)] == [(2, "lokal")]


def test_single_year() -> None:
    assert single_year(*YEAR_2022) == 2022
    assert single_year(*THREE_YEARS) is None
    assert single_year(None, dt.date(2022, 1, 1)) is None
    assert single_year(dt.date(2022, 2, 1), dt.date(2022, 1, 1)) is None


def test_the_report_shows_unknown_years_and_a_column_for_the_whole_period(
    tmp_path: Path,
) -> None:
    budget = {
        "rader": [
            _row(kategori="lon", tjanstgoringsgrad=100,
                 period={"start": "2025-07-01", "slut": "2026-12-31"},
                 belopp={"2025": 280000, "2026": 570000}),
            _row(belopp_totalt=50000),
        ]
    }  # fmt: skip
    folder = make_folder(tmp_path, files={"budget.yaml": budget})
    app, _ = load_application(folder, folder.name)
    report = build_report(Insats(app, forbund()))
    text = render_text(report)
    assert "Ej fördelat per år" in text
    utbildning = next(line for line in report.tables[0].lines if line.label == "Utbildning")
    assert list(utbildning.values) == [None, None, 50000, 50000]
    assert f"  {UNKNOWN}  " in text
    overall = report.tables[-2].lines[0]
    assert list(overall.values) == [280000, 570000, 50000, 900000]


def _salary_folder(tmp_path: Path, row: dict[str, Any]) -> Path:
    return make_folder(tmp_path, files={"budget.yaml": {"rader": [row]}})


def test_own_staff_in_kind_is_no_salary_row(tmp_path: Path) -> None:
    row = {"kategori": "lon", "benamning": "Egen personal", "finansiering": OWN,
           "i_natura": True, "belopp_totalt": 350000}  # fmt: skip
    assert run_rule("B204", _salary_folder(tmp_path, row)) == []
    paid = {**row, "i_natura": False, "part": "provby-kommun"}
    assert [f.rule for f in run_rule("B204", _salary_folder(tmp_path / "b", paid))] == ["B204"]


def test_several_posts_are_judged_by_their_full_time_equivalents(tmp_path: Path) -> None:
    """Two half-time posts at 42 000 kr a month with PO cost what one full-time post does."""
    row = _row(kategori="lon", tjanster=[{"antal": 2, "tjanstgoringsgrad": 50}],
               manadslon=30000, po_paslag=40,
               period={"start": "2025-07-01", "slut": "2026-12-31"},
               belopp={"2025": 252000, "2026": 504000})  # fmt: skip
    assert run_rule("B207", _salary_folder(tmp_path, row)) == []
    row["tjanster"] = [{"antal": 4, "tjanstgoringsgrad": 50}]  # twice the posts, same cost
    found = run_rule("B207", _salary_folder(tmp_path / "b", row))
    assert [f.rule for f in found] == ["B207", "B207"]


def test_a_single_year_total_gives_no_salary_warning_without_a_reference(tmp_path: Path) -> None:
    row = _row(kategori="lon", tjanster=[{"antal": 2, "tjanstgoringsgrad": 100},
               {"antal": 2, "tjanstgoringsgrad": 10}],
               period={"start": "2025-07-01", "slut": "2025-12-31"},
               belopp_totalt=1130000)  # fmt: skip
    assert run_rule("B207", _salary_folder(tmp_path, row)) == []


def test_outcome_is_judged_against_a_categorys_whole_period_amount(tmp_path: Path) -> None:
    """Utbildning budgeted only for the whole period (50 000 kr) may be spent in any year."""
    whole = ("    belopp: {2025: 20000, 2026: 30000}", "    belopp_totalt: 50000")
    folder = make_folder(tmp_path, "med-rapporter", replace={"budget.yaml": [whole]})
    assert run_rule("U104", folder) == []
    over = ("    belopp_totalt: 50000", "    belopp_totalt: 10000")
    folder = make_folder(tmp_path / "b", "med-rapporter", replace={"budget.yaml": [whole, over]})
    assert [f.rule for f in run_rule("U104", folder)] == ["U104"]
