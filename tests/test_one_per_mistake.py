"""One finding per mistake: exact duplicates go, and the schema and a rule never both report
the same value; suggestions ignore case and know the categories' display names."""

from __future__ import annotations

from pathlib import Path

from finsam.findings import Finding, Severity, one_per_mistake
from finsam.suggest import closest, did_you_mean
from tests.rule_helpers import make_folder, run_rule

FEL, VARNING = Severity.FEL, Severity.VARNING


def _finding(rule: str, line: int, column: int = 3, severity: Severity = FEL) -> Finding:
    return Finding(rule, severity, "a/ansokan.md", line, column, f"{rule} på rad {line}.")


def test_exact_duplicates_are_dropped_in_order() -> None:
    first, second = _finding("A101", 4), _finding("A102", 2)
    assert one_per_mistake([first, second, first, second]) == [first, second]


def test_a_rule_error_on_a_rejected_value_replaces_the_schema_finding() -> None:
    schema, rule = _finding("S004", 8, 9), _finding("A102", 8, 9)
    assert one_per_mistake([schema, rule]) == [rule]


def test_a_rule_warning_never_stands_beside_the_schema_error() -> None:
    schema, warning = _finding("S003", 8), _finding("A105", 8, severity=VARNING)
    assert one_per_mistake([warning, schema]) == [schema]


def test_other_places_and_missing_keys_are_left_alone() -> None:
    findings = [
        _finding("S004", 8, 9),
        _finding("A102", 8, 12),  # another value on the same line
        _finding("S001", 2, 5),  # a missing key where a rule also points
        _finding("A120", 2, 5),
        Finding("A116", FEL, "a/budget.yaml", 0, 0, "Filen saknas."),
        Finding("S004", FEL, "a/budget.yaml", 0, 0, "Filen är fel."),
    ]
    assert one_per_mistake(findings) == findings


def test_suggestions_ignore_case_and_know_display_names() -> None:
    assert closest("BAKGRUND OCH BEHOV", ["Bakgrund och behov", "Syfte"]) == "Bakgrund och behov"
    assert closest("syftet", ["Bakgrund och behov", "Syfte"], cutoff=0.5) == "Syfte"
    names = {"lon": "Lönekostnad", "lokalhyra": "Lokalhyra"}
    assert did_you_mean("Lönekostnad", names, names=names) == "Menade du 'lon'? "
    assert did_you_mean("lönekostnader", names, names=names) == "Menade du 'lon'? "
    assert did_you_mean("konsulter", names, names=names) == ""


def test_a_category_is_suggested_from_the_first_part_of_its_name() -> None:
    names = {"lon": "Lönekostnad inkl. PO-påslag", "lokalhyra": "Lokalhyra (extern)"}
    assert did_you_mean("Lönekostnad", names, names=names) == "Menade du 'lon'? "
    assert did_you_mean("lokalhyra", names, names=names) == "Menade du 'lokalhyra'? "
    assert did_you_mean("Resor", names, names=names) == ""


def test_category_hints_name_the_applications_own_template(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        "seed-nnv-skane-2022",
        replace={"budget.yaml": [("kategori: personal", "kategori: personalkostnad")]},
    )
    (finding,) = run_rule("B209", folder)
    assert "Menade du 'personal'?" in finding.hint
    assert "personal (Personal), extern_lokal (Extern lokal)" in finding.hint
    assert "lon (" not in finding.hint  # the generell template's categories are not this one's
