"""Budget arithmetic, Swedish formatting, the budget command and the 2 kr guarantee."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_decimal

from finsam import cli
from finsam.checker import check
from finsam.exitcodes import ExitCode
from finsam.loader.application import load_application
from finsam.loader.text import decode
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.budget import months_in_year, salary_amounts
from finsam.sv import kronor, procent, tal
from tests.conftest import FORBUND, TESTS
from tests.overlays import CASES, materialise
from tests.snapshots import assert_snapshot

REPO = Path(__file__).resolve().parents[1]
VALID = sorted(p for p in (TESTS / "cases" / "valid").iterdir() if p.is_dir())


def test_months_in_year_counts_part_months_by_days() -> None:
    assert months_in_year(dt.date(2025, 7, 1), dt.date(2027, 12, 31), 2025) == 6
    assert months_in_year(dt.date(2025, 7, 1), dt.date(2027, 12, 31), 2026) == 12
    assert months_in_year(dt.date(2025, 7, 1), dt.date(2027, 12, 31), 2028) == 0
    assert months_in_year(dt.date(2024, 2, 15), dt.date(2024, 2, 29), 2024) == pytest.approx(
        15 / 29
    )


def test_salary_amounts_from_monthly_salary() -> None:
    amounts = salary_amounts(32000, 50, 43, dt.date(2025, 7, 1), dt.date(2026, 6, 30))
    assert amounts == {2025: 137280, 2026: 137280}


@pytest.mark.parametrize("value", [0, 7, 999, 1000, 4418130, 123456789])
def test_swedish_number_format_agrees_with_babel(value: int) -> None:
    assert tal(value) == format_decimal(value, locale="sv_SE")
    assert kronor(value).endswith("\u00a0kr")


def test_percent_format() -> None:
    assert procent(12.5) == "12,5\u00a0%"
    assert procent(100) == "100\u00a0%"


def _amount_positions(budget: Path) -> list[tuple[int, int, int]]:
    """(line, column, value) of every yearly amount and every total for the whole period in a
    budget file."""
    doc, findings = parse_yaml(budget.read_text("utf-8"), budget.name)
    assert doc is not None and not findings
    out = []
    for index, row in enumerate(doc.data["rader"]):
        for year, value in row.get("belopp", {}).items():
            pos = doc.positions.value(("rader", index, "belopp", year))
            out.append((pos.line, pos.column, value))
        if "belopp_totalt" in row:
            pos = doc.positions.value(("rader", index, "belopp_totalt"))
            out.append((pos.line, pos.column, row["belopp_totalt"]))
    return out


def _sokt_place(folder: Path) -> tuple[str, int]:
    """The file and line of sokt_belopp, in whichever layout the application stands."""
    app, _ = load_application(folder, "", validated=False)
    assert app.ansokan is not None
    return app.ansokan.rel, app.ansokan.positions.value(("sokt_belopp",)).line


def _folders_with_sought_rows() -> list[Path]:
    candidates = [*VALID, *sorted(p for p in (REPO / "applications").iterdir() if p.is_dir())]
    budgets = [p / "budget.yaml" for p in candidates if (p / "budget.yaml").is_file()]
    return [p.parent for p in budgets if "forbundet" in p.read_text("utf-8")]  # no idéskiss alone


@pytest.mark.parametrize("folder", _folders_with_sought_rows(), ids=lambda p: p.name)
def test_any_amount_changed_by_two_kronor_is_caught(folder: Path, tmp_path: Path) -> None:
    config = FORBUND if folder.is_relative_to(TESTS) else REPO / "forbund.yml"
    shutil.copy(config, tmp_path / "forbund.yml")
    target = tmp_path / "applications" / folder.name
    shutil.copytree(folder, target)
    budget_text, _ = decode((target / "budget.yaml").read_bytes(), "budget.yaml")
    assert budget_text is not None
    (target / "budget.yaml").write_text(budget_text, "utf-8")  # BOM and CRLF folded away
    doc, _ = parse_yaml(budget_text, "budget.yaml")
    assert doc is not None
    sokt_file, sokt_line = _sokt_place(target)
    sought_lines = {
        doc.positions.value(("rader", i, *key)).line
        for i, row in enumerate(doc.data["rader"])
        if row.get("finansiering") == "forbundet"
        for key in [("belopp", y) for y in row.get("belopp", {})] + [("belopp_totalt",)]
        if key[0] in row
    }
    positions = [p for p in _amount_positions(target / "budget.yaml") if p[0] in sought_lines]
    assert positions
    for line, column, value in positions:
        lines = budget_text.split("\n")
        text = lines[line - 1]
        digits = str(value)
        assert text[column - 1 : column - 1 + len(digits)] == digits
        lines[line - 1] = text[: column - 1] + str(value + 2) + text[column - 1 + len(digits) :]
        (target / "budget.yaml").write_text("\n".join(lines), "utf-8")
        result = check([target], tmp_path, tmp_path / "forbund.yml")
        b208 = [f for f in result.findings if f.rule == "B208"]
        assert result.failed
        assert len(b208) == 1, (line, result.findings)
        assert "skiljer sig med 2\u00a0kr" in b208[0].message
        assert b208[0].file.endswith(sokt_file) and b208[0].line == sokt_line
    (target / "budget.yaml").write_text(budget_text, "utf-8")


def test_examples_print_their_budget_tables(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    folders = [
        p for p in sorted((REPO / "applications").iterdir()) if (p / "budget.yaml").is_file()
    ]
    assert folders
    for folder in folders:
        assert cli.main(["budget", folder.name]) == ExitCode.OK
        out = capsys.readouterr().out
        assert "Summa från förbundet" in out or "Summa egenfinansiering" in out
        assert "Total kostnad för insatsen" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
@pytest.mark.parametrize(
    "case",
    [
        "valid/komplett",
        "valid/budget-hela-perioden",
        "valid/seed-nnv-skane-2022",
        "invalid/seed-uppsala",
    ],
)
def test_budget_command_snapshot(
    case: str, fmt: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(TESTS)
    code = cli.main(["budget", f"cases/{case}", "--forbund", "forbund.yml", "--format", fmt])
    out = capsys.readouterr().out
    assert code == ExitCode.OK
    assert_snapshot(f"budget-{Path(case).name}.{fmt}.txt", out)


def _budget_json(case: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    cli.main(["budget", f"cases/{case}", "--forbund", "forbund.yml", "--format", "json"])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_seed_nnv_skane_reproduces_the_forms_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 004: Personal 1 130, Utbildning 10 and Övriga kostnader 40 tkr sought for 2022,
    own financing 100 + 350 + 50 = 500 tkr, in total 1 180 tkr sought."""
    monkeypatch.chdir(TESTS)
    data = _budget_json("valid/seed-nnv-skane-2022", capsys)
    sought, own = data["fran_forbundet"], data["egenfinansiering"]
    assert data["ar"] == [2022]
    assert sought["per_kategori"] == {
        "ovriga_kostnader": {"2022": 40000},
        "personal": {"2022": 1130000},
        "utbildning": {"2022": 10000},
    }
    assert sought["summa"] == data["sokt_belopp_i_ansokan"] == 1180000
    assert own["per_ar"] == {"2022": 500000} and own["ej_fordelat_per_ar"] == 0
    assert data["utan_enskild_part"] == {"sokt": 0, "egen": 500000, "totalt": 500000}


def test_seed_uppsala_reproduces_the_forms_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 003: the years of the sought money are 910 730, 1 799 359 and 1 708 043 kr, the
    other costs 620 000 kr with the group's own years, and the rows add up to 4 418 132 kr."""
    monkeypatch.chdir(TESTS)
    data = _budget_json("invalid/seed-uppsala", capsys)
    sought = data["fran_forbundet"]
    assert sought["per_ar"] == {"2025": 910730, "2026": 1799359, "2027": 1708043}
    assert sought["fordelning_per_grupp"] == {
        "ovrigt": {"2025": 165554, "2026": 288115, "2027": 166331}
    }
    assert sought["ej_fordelat_per_ar"] == 0
    assert sought["summa"] == 4418132 and data["sokt_belopp_i_ansokan"] == 4418130


def test_budget_json_totals_add_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(TESTS)
    cli.main(["budget", "cases/valid/komplett", "--forbund", "forbund.yml", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    sought = data["fran_forbundet"]
    assert sum(sought["per_ar"].values()) == sought["summa"] == data["sokt_belopp_i_ansokan"]
    assert sum(p["totalt"] for p in data["per_part"].values()) == data["total_kostnad"]
    by_category = sum(sum(v.values()) for v in sought["per_kategori"].values())
    assert by_category == sought["summa"]


@pytest.mark.parametrize(
    "case", ["valid/budget-hela-perioden", "valid/seed-nnv-skane-2022", "invalid/seed-uppsala"]
)
def test_budget_json_counts_every_krona_once(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What is known per year and what is known only for the whole period make the total,
    per financing and per party: nothing is dropped and nothing counted twice."""
    monkeypatch.chdir(TESTS)
    data = _budget_json(case, capsys)
    for financing in (data["fran_forbundet"], data["egenfinansiering"]):
        assert (
            sum(financing["per_ar"].values()) + financing["ej_fordelat_per_ar"]
            == (financing["summa"])
        )
        by_category = sum(sum(v.values()) for v in financing["per_kategori"].values())
        whole_period = sum(financing["hela_perioden_per_kategori"].values())
        assert by_category + whole_period == financing["summa"]
    parties = sum(p["totalt"] for p in data["per_part"].values())
    assert parties + data["utan_enskild_part"]["totalt"] == data["total_kostnad"]


def test_budget_command_refuses_unreadable_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _folder, root = materialise(CASES / "invalid" / "fel-typ-decimaler", tmp_path)
    shutil.copy(TESTS / "forbund.yml", root / "forbund.yml")
    monkeypatch.chdir(root)
    code = cli.main(["budget", "cases/invalid/fel-typ-decimaler", "--forbund", "forbund.yml"])
    err = capsys.readouterr().err
    assert code == ExitCode.FINDINGS
    assert "B201" in err and "kan inte visas" in err
    assert cli.main(["budget", "finns-inte", "--forbund", "forbund.yml"]) == ExitCode.USAGE


def test_swedish_lists_have_no_serial_comma() -> None:
    from finsam.sv import lista

    assert lista([]) == ""
    assert lista(["Provby kommun"]) == "Provby kommun"
    assert lista(["a", "b"]) == "a och b"
    assert lista(["a", "b", "c"]) == "a, b och c"
