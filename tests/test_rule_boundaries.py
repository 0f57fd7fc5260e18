"""One rule at a time, at its boundaries: the tests that catch a changed comparison, a lost
severity or a forgotten category, which the acceptance cases (one defect each) let through."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from finsam import cli
from finsam.catalog import CATALOG
from finsam.checker import check
from finsam.exitcodes import ExitCode
from finsam.findings import Finding, Severity
from finsam.loader.markdown_doc import normalize_heading
from finsam.reporters.github import annotation
from finsam.rules.all import all_rules
from tests.conftest import TESTS
from tests.overlays import CASES, materialise
from tests.rule_helpers import make_folder, run_all, run_rule

all_rules()

# --- B208: sokt_belopp equals the sum of the rows sought from the förbund (900 000 kr) ------

SOUGHT = 900_000


@pytest.mark.parametrize(
    ("declared", "found"),
    [(SOUGHT, False), (SOUGHT + 1, True), (SOUGHT - 1, True), (2 * SOUGHT, True), (0, True)],
)
def test_sought_amount_must_equal_the_budget_exactly(
    tmp_path: Path, declared: int, found: bool
) -> None:
    folder = make_folder(
        tmp_path, replace={"ansokan.md": [("sokt_belopp: 900000", f"sokt_belopp: {declared}")]}
    )
    findings = run_rule("B208", folder)
    assert [(f.rule, f.severity, f.file, f.line) for f in findings] == (
        [("B208", Severity.FEL, "komplett/ansokan.md", 22)] if found else []
    )
    if found:
        difference = abs(declared - SOUGHT)
        assert f"{difference:,}".replace(",", "\u00a0") + "\u00a0kr" in findings[0].message


def test_sought_amount_follows_a_changed_budget_row(tmp_path: Path) -> None:
    """The sum is computed from the rows: one krona more in a row is a finding too."""
    folder = make_folder(
        tmp_path,
        replace={"budget.yaml": [("belopp: {2025: 20000,", "belopp: {2025: 20001,")]},
    )
    assert [f.rule for f in run_rule("B208", folder)] == ["B208"]


# --- F001: the yearly frame, at exactly its limit and one krona over --------------------------

GRANTED_2026 = 600_000 + 579_120  # komplett and budget-manadslon


def _frame_repo(tmp_path: Path, ram_2026: int) -> Path:
    config = (TESTS / "forbund.yml").read_text("utf-8")
    old = "ram: {2025: 5000000, 2026: 5000000, 2027: 5000000}"
    assert old in config
    new = f"ram: {{2025: 5000000, 2026: {ram_2026}, 2027: 5000000}}"
    (tmp_path / "forbund.yml").write_text(config.replace(old, new), "utf-8")
    for name in ("komplett", "budget-manadslon"):
        shutil.copytree(TESTS / "cases" / "valid" / name, tmp_path / "applications" / name)
    return tmp_path


@pytest.mark.parametrize(
    ("ram", "expected"),
    [
        (GRANTED_2026, []),
        (GRANTED_2026 + 1, []),
        (GRANTED_2026 - 1, [("F001", Severity.FEL), ("F001", Severity.FEL)]),
    ],
)
def test_the_frame_may_be_used_to_the_last_krona(
    tmp_path: Path, ram: int, expected: list[tuple[str, Severity]]
) -> None:
    root = _frame_repo(tmp_path, ram)
    findings = check([], root, root / "forbund.yml").findings
    assert [(f.rule, f.severity) for f in findings] == expected
    if expected:
        assert "1\u00a0kr för mycket" in findings[0].message


def test_the_frame_finding_points_at_the_years_own_amount(tmp_path: Path) -> None:
    root = _frame_repo(tmp_path, GRANTED_2026 - 1)
    beslut = root / "applications" / "komplett" / "beslut.yaml"
    old = "    beviljat: {2025: 300000, 2026: 600000}\n"
    new = "    beviljat:\n      2025: 300000\n      2026: 600000\n"
    beslut.write_text(beslut.read_text("utf-8").replace(old, new), "utf-8")
    findings = check([], root, root / "forbund.yml").findings
    assert [(f.file, f.line, f.column) for f in findings] == [
        ("applications/budget-manadslon/beslut.yaml", 6, 36),
        ("applications/komplett/beslut.yaml", 8, 13),
    ]
    assert all("2026" in f.message and "forbund.yml" in f.hint for f in findings)


def test_grants_count_every_granting_decision_and_add_up_per_year() -> None:
    from finsam.model.decision import Grant, granted_per_year, grants

    data = {
        "beslut": [
            {"utfall": "aterremiss"},
            {"utfall": "beviljad", "beviljat": {"2025": 100, "2026": 200}},
            {"utfall": "avslag", "beviljat": {"2025": 7}},
            {"utfall": "beviljad", "beviljat": {"2025": 50}},
        ]
    }
    assert grants(data) == [
        Grant(1, 2025, 100),
        Grant(1, 2026, 200),
        Grant(3, 2025, 50),
    ]
    assert granted_per_year(data) == {2025: 150, 2026: 200}


# --- B210: a non-fundable category is an error when sought, a warning as own financing ------

ROW = """  - kategori: deltagarkostnad
    benamning: Reseersättning till deltagare
    part: provby-kommun
    finansiering: {financing}
    belopp: {{2025: 5000, 2026: 10000}}
"""


@pytest.mark.parametrize(
    ("financing", "severity"), [("forbundet", Severity.FEL), ("egen", Severity.VARNING)]
)
def test_non_fundable_category_severity(tmp_path: Path, financing: str, severity: Severity) -> None:
    budget = (TESTS / "cases" / "valid" / "komplett" / "budget.yaml").read_text("utf-8")
    folder = make_folder(tmp_path, files={"budget.yaml": budget + ROW.format(financing=financing)})
    findings = run_rule("B210", folder)
    assert [(f.rule, f.severity, f.line) for f in findings] == [("B210", severity, 14)]
    assert CATALOG["B210"].severity is Severity.FEL


# --- U105: women, men and others add up to the total ------------------------------------------

T2 = "rapporter/2025-t2.md"
COUNTS = "deltagare: {kvinnor: 6, man: 5, totalt: 11}"


@pytest.mark.parametrize(
    ("counts", "found"),
    [
        ("{kvinnor: 6, man: 5, totalt: 11}", False),
        ("{kvinnor: 6, man: 5, ovriga: 1, totalt: 12}", False),
        ("{kvinnor: 6, man: 5, ovriga: 1, totalt: 11}", True),
        ("{kvinnor: 6, man: 5, ovriga: 0, totalt: 11}", False),
        ("{kvinnor: 6, man: 5, totalt: 12}", True),
        ("{kvinnor: 6, man: 5, totalt: 10}", True),
    ],
)
def test_participants_count_others_too(tmp_path: Path, counts: str, found: bool) -> None:
    folder = make_folder(
        tmp_path, "med-rapporter", replace={T2: [(COUNTS, f"deltagare: {counts}")]}
    )
    findings = run_rule("U105", folder)
    assert [(f.rule, f.severity) for f in findings] == ([("U105", Severity.FEL)] if found else [])


# --- Headings are compared in NFC: a heading typed in decomposed form still matches ----------


def _nfd(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    return decomposed


def test_normalize_heading_folds_case_space_and_colon() -> None:
    # Decomposed letters are composed once, where bytes become text (the next test).
    assert normalize_heading("  ÖVERENSKOMMELSE : ") == normalize_heading("Överenskommelse")
    assert normalize_heading("Bakgrund   och\tbehov") == "bakgrund och behov"


@pytest.mark.parametrize("heading", ["Målgrupp", "Genomförande", "Överenskommelse"])
def test_a_decomposed_heading_matches_the_template(tmp_path: Path, heading: str) -> None:
    folder = make_folder(
        tmp_path, replace={"ansokan.md": [(f"## {heading}\n", f"## {_nfd(heading)}\n")]}
    )
    assert [(f.rule, f.line) for f in run_all(folder)] == []


def test_a_decomposed_report_heading_matches_the_förbund(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        "med-rapporter",
        replace={T2: [("## Genomförande\n", f"## {_nfd('Genomförande')}\n")]},
    )
    assert [(f.rule, f.line) for f in run_all(folder)] == []


# --- The GitHub reporter escapes what would end a property or the command ----------------------


def _unescape(value: str) -> str:
    for escaped, plain in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n")):
        value = value.replace(escaped, plain)
    return value.replace("%25", "%")


def _parse(command: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner reads it: ::name k=v,k=v::data."""
    assert command.startswith("::") and "\n" not in command and "\r" not in command
    head, _, data = command[2:].partition("::")
    name, _, props = head.partition(" ")
    pairs = [p.split("=", 1) for p in props.split(",")]
    return name, {k: _unescape(v) for k, v in pairs}, _unescape(data)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("applications/a%b/ansokan.md", "Ökade 100 % från 2025"),
        ("applications/a:b,c/ansokan.md", "Rad ett\r\nrad två\nrad tre: a, b"),
        ("applications/%0A%25/x\r\n.md", "%0A är inte en radbrytning; %25 inte ett procenttecken"),
    ],
)
def test_github_annotation_round_trips(path: str, message: str) -> None:
    finding = Finding("B208", Severity.FEL, path, 3, 5, message, "Tips: a, b: c %")
    name, props, data = _parse(annotation(finding))
    assert name == "error"
    assert props == {
        "file": path,
        "line": "3",
        "col": "5",
        "title": f"B208 {CATALOG['B208'].title}",
    }
    assert data == f"{message}\nTips: Tips: a, b: c %"
    warning = Finding("B211", Severity.VARNING, path, 0, 0, message)
    name, props, data = _parse(annotation(warning))
    assert (name, props["file"], "line" in props, data) == ("warning", path, False, message)


def test_github_annotation_escapes_exactly() -> None:
    finding = Finding("X999", Severity.FEL, "a%:,\r\nb", 0, 0, "c%:,\r\nd")
    assert annotation(finding) == "::error file=a%25%3A%2C%0D%0Ab,title=X999::c%25:,%0D%0Ad"


def test_github_annotation_links_the_rules_entry_on_the_site() -> None:
    finding = Finding("B208", Severity.FEL, "a/budget.yaml", 2, 1, "Summan skiljer sig.")
    _, props, data = _parse(annotation(finding, "https://forbundet.example/ansokan/"))
    assert props["title"] == "B208 Sökt belopp lika med budgetens summa"
    assert data.endswith("\nOm regeln: https://forbundet.example/ansokan/regler/#b208")
    assert "Om regeln" not in _parse(annotation(finding))[2]  # no site, no link


# --- Exit codes: warnings alone pass, one error fails ---------------------------------------


def _kontrollera(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    folder, root = materialise(CASES / "invalid" / case, tmp_path)
    shutil.copy(TESTS / "forbund.yml", root / "forbund.yml")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return cli.main(["kontrollera", "--forbund", "forbund.yml", str(folder.relative_to(root))])


def test_warnings_alone_exit_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _kontrollera("kategori-ej-finansierbar-egen", tmp_path, monkeypatch)
    out = capsys.readouterr().out
    assert " varning B210: " in out and " fel " not in out
    assert (code, int(ExitCode.OK)) == (0, 0)


def test_one_error_exits_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _kontrollera("sokt-belopp-2kr", tmp_path, monkeypatch)
    out = capsys.readouterr().out
    assert out.count(" fel B208: ") == 1
    assert (code, int(ExitCode.FINDINGS)) == (1, 1)


# --- A123: the timetable's phases follow each other without gaps or overlaps ----------------


def _timetable(tmp_path: Path, phases: list[tuple[str, str, str]]) -> list[Finding]:
    rows = "".join(
        f"  - {{fas: {name}, start: {start}, slut: {end}}}\n" for name, start, end in phases
    )
    folder = make_folder(
        tmp_path,
        replace={"ansokan.md": [("malgrupp:", f"tidplan:\n{rows}malgrupp:")]},
    )
    return run_rule("A123", folder)


@pytest.mark.parametrize(
    ("phases", "messages"),
    [
        ([("A", "2025-07-01", "2025-12-31"), ("B", "2026-01-01", "2026-12-31")], []),
        (
            [("A", "2025-07-01", "2025-12-30"), ("B", "2026-01-01", "2026-12-31")],
            ["glapp på en dag"],
        ),
        (
            [("A", "2025-07-01", "2026-01-02"), ("B", "2026-01-01", "2026-12-31")],
            ["överlappar fasen 'A' (slutar 2026-01-02) med 2 dagar"],
        ),
        (
            [("A", "2025-07-01", "2026-01-01"), ("B", "2026-01-01", "2026-12-31")],
            ["överlappar fasen 'A' (slutar 2026-01-01) med en dag."],
        ),
        (
            [("A", "2025-07-01", "2025-12-28"), ("B", "2026-01-01", "2026-12-31")],
            ["(börjar 2026-01-01) finns ett glapp på 3 dagar."],
        ),
        # A short phase inside a long one overlaps it; the next phase meets the long one.
        (
            [
                ("Lång", "2025-07-01", "2026-06-30"),
                ("Kort", "2025-09-01", "2025-09-30"),
                ("Sist", "2026-07-01", "2026-12-31"),
            ],
            ["'Kort' (börjar 2025-09-01) överlappar fasen 'Lång' (slutar 2026-06-30) med 30 dagar"],
        ),
    ],
)
def test_timetable_phases_meet_day_to_day(
    tmp_path: Path, phases: list[tuple[str, str, str]], messages: list[str]
) -> None:
    findings = _timetable(tmp_path, phases)
    assert len(findings) == len(messages)
    for finding, expected in zip(findings, messages, strict=True):
        assert expected in finding.message
        assert finding.severity is Severity.VARNING


def test_the_median_salary_of_a_post() -> None:
    """B207 judges a year of a post by the median monthly cost of its other years."""
    from finsam.rules.budget import _median

    assert _median([7.0]) == 7.0
    assert _median([4.0, 1.0]) == 2.5
    assert _median([9.0, 1.0, 5.0]) == 5.0
    assert _median([4.0, 1.0, 3.0, 10.0]) == 3.5
    assert _median([1.0, 2.0, 3.0, 4.0, 100.0]) == 3.0


def test_b208_points_at_the_rows_years_when_their_totals_agree_with_the_application() -> None:
    """Seed 003: sokt_belopp equals the rows' own totals, so the years are what to correct."""
    result = check([CASES / "invalid" / "seed-uppsala"], TESTS, TESTS / "forbund.yml")
    (finding,) = [f for f in result.findings if f.rule == "B208"]
    assert "'Insatsmedarbetare 1'" in finding.message and "'Insatsmedarbetare 2'" in finding.message
    assert finding.hint.startswith("Sökt belopp stämmer med radernas totaler")
    assert "Rätta sokt_belopp" not in finding.hint


def test_b208_asks_for_the_sum_when_no_row_explains_the_difference(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path, replace={"ansokan.md": [("sokt_belopp: 900000", "sokt_belopp: 900002")]}
    )
    (finding,) = run_rule("B208", folder)
    assert finding.hint.startswith("Rätta sokt_belopp till 900000 eller rätta budgetraderna.")
