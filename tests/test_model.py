"""The model on small inputs: what the typed view makes of documents, including broken ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from finsam.loader.application import load_application
from finsam.model.application import read_application
from finsam.model.decision import decisions
from finsam.model.insats import Insats
from finsam.model.report import Participants, read_report
from tests.rule_helpers import forbund, make_folder


def _insats(folder: Path) -> Insats:
    app, _ = load_application(folder, folder.name)
    return Insats(app, forbund())


def test_granted_adds_every_granting_decision_per_year(tmp_path: Path) -> None:
    beslut = {
        "beslut": [
            {"datum": "2025-06-12", "organ": "styrelsen", "utfall": "beviljad",
             "beviljat": {2025: 300000, 2026: 600000}},
            {"datum": "2026-03-01", "organ": "styrelsen", "utfall": "pagaende"},
            {"datum": "2026-09-01", "organ": "styrelsen", "utfall": "beviljad",
             "beviljat": {2026: 50000}},
        ]
    }  # fmt: skip
    insats = _insats(make_folder(tmp_path, files={"beslut.yaml": beslut}))
    assert insats.granted == {2025: 300000, 2026: 650000}
    assert insats.granted_total == 950000
    assert insats.last_outcome == "beviljad"
    assert [d.date for d in insats.decisions] == [
        dt.date(2025, 6, 12),
        dt.date(2026, 3, 1),
        dt.date(2026, 9, 1),
    ]


def test_a_refusal_grants_nothing() -> None:
    found = decisions({"beslut": [{"utfall": "avslagen", "beviljat": {"2025": 5}}]})
    assert [d.grants for d in found] == [False]


def test_values_of_the_wrong_type_are_absent_never_an_error() -> None:
    data = {
        "titel": 7,
        "period": {"start": "2025-13-01", "slut": "2025-12-31"},
        "malgrupp": {"alder_min": "16", "alder_max": True},
        "mall": {"id": "standard", "version": 2},
        "samverkansparter": ["x", {"part": "ett-kommun"}, {"part": 3}],
        "sokt_belopp": 1.5,
    }
    application = read_application(data, [], "mappen")
    assert application.title == "mappen"
    assert application.start is None and application.end == dt.date(2025, 12, 31)
    assert application.period == (None, None)
    assert (application.age_min, application.age_max) == (None, None)
    assert application.template_version == "2"  # 2 and "2" are one version
    assert application.partners == ("ett-kommun",)
    assert application.sought is None


def test_a_backwards_period_has_no_period() -> None:
    data = {"period": {"start": "2026-01-01", "slut": "2025-01-01"}}
    assert read_application(data, [], "x").period == (None, None)


def test_report_outcome_by_category_and_year_with_year_keys_as_integers() -> None:
    report = read_report(
        "r.md",
        {
            "typ": "ar",
            "period": {"start": "2025-01-01", "slut": "2025-12-31"},
            "utfall": {"lon": {"2025": 100, "år 2025": 5}, "resor": {"2025": 20}, "x": 3},
            "deltagare": {"kvinnor": 4, "man": 3, "ovriga": 1, "totalt": 8},
        },
    )
    assert report.outcome_by_category == {"lon": {2025: 100}, "resor": {2025: 20}}
    assert report.outcome == {2025: 120}
    assert report.participants == Participants(4, 3, 1, 8)
    assert report.participants.women_share == 50.0
    assert report.kind_name == "Årsrapport"


def test_outcome_per_year_comes_from_the_latest_report_for_the_year(tmp_path: Path) -> None:
    insats = _insats(make_folder(tmp_path, "med-rapporter"))
    latest_end = max(r.end for r in insats.reports if r.end is not None)
    assert insats.reports and latest_end.year == 2025
    latest = next(r for r in insats.reports if r.end == latest_end)
    assert insats.outcome[2025] == latest.outcome[2025]


def test_an_insats_without_ansokan_has_an_empty_application(tmp_path: Path) -> None:
    insats = _insats(make_folder(tmp_path, files={"ansokan.md": None}))
    assert not insats.has_application
    assert insats.title == "komplett" and insats.application.parties == []
    assert insats.template is None and insats.period == (None, None)
