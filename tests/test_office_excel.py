"""Excel, both ways (finsam.office.excel): the budget template of each mall, filled in as an
official would and saved by LibreOffice, imported into a budget.yaml that the check accepts;
the template's live sums against `finsam budget`; protection and drop-down lists; one
finding per kind of mistake in a workbook; export and import that agree; and the workbook for
Uppföljning Finsam.

LibreOffice runs once for the whole file (the `saved` fixture converts every workbook that
needs it in one run)."""

from __future__ import annotations

import datetime as dt
import functools
import io
import random
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from finsam.budget_report import build_report
from finsam.checker import inspect_application
from finsam.findings import Finding, Severity
from finsam.followup import EXPECTED_HIGH, EXPECTED_LOW, export_uppfoljning
from finsam.loader.text import normalize_text
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.budget import GROUP_NAMES, OWN, SOUGHT, Row, read_group_years, read_rows
from finsam.model.forbund import Forbund, Template, load_forbund
from finsam.office.excel import (
    budget_template,
    budget_workbook,
    followup_workbook,
    import_budget,
)
from finsam.office_rules import (
    AMOUNT_AS_TEXT,
    FORMULA_AS_INPUT,
    INVALID_VALUE,
    MERGED_CELLS,
    SUM_OVERWRITTEN,
    TEMPLATE_CHANGED,
    UNKNOWN_CATEGORY,
    UNREADABLE,
)
from tests.conftest import FORBUND, TESTS, facts_and_text, run_check
from tests.office_helpers import through_libreoffice

VALID = TESTS / "cases" / "valid"
REL = "budget.xlsx"
SWEDISH = re.compile(
    r"[åäöÅÄÖ]|\b(har|är|och|inte|inga|inget|saknas|raden|kolumnen|cellerna|blad)\b"
)


def _load() -> Forbund:
    forbund, findings = load_forbund(FORBUND)
    assert forbund is not None, findings
    return forbund


FORBUND_MODEL = _load()


def template_of(mall: str, version: str) -> Template:
    template = FORBUND_MODEL.template(mall, version)
    assert template is not None
    return template


STANDARD = template_of("standard", "2024")


# --- filling in a template as an official does ---------------------------------------------


def header_row(sheet: Worksheet) -> int:
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=60), start=1):
        if any(c.value == "Kategori" for c in row):
            return number
    raise AssertionError("no header row")


def group_header_row(sheet: Worksheet) -> int:
    """The header row of the table of the groups' sums per year."""
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Kostnadsgrupp")


def columns(sheet: Worksheet) -> dict[str, int]:
    """Column number by heading ('Kategori', '2025', 'Hela insatstiden' …)."""
    header = header_row(sheet)
    return {str(c.value): c.column for c in sheet[header] if c.value is not None}


def fill(data: bytes, lines: list[dict[str, Any]]) -> bytes:
    """The template with ``lines`` typed in from the first row of the table, each a mapping
    from column heading to value; the workbook as openpyxl saves it."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Budget"]
    first, where = header_row(sheet) + 1, columns(sheet)
    for offset, line in enumerate(lines):
        for heading, value in line.items():
            sheet.cell(row=first + offset, column=where[heading], value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Mall(NamedTuple):
    template: Template
    case: str  # a valid case that uses the mall; its ansokan.md goes beside the import
    years: tuple[int, ...]
    lines: list[dict[str, Any]]


D = dt.datetime
MALLS = {
    "standard-2024": Mall(
        STANDARD,
        "komplett",
        (2025, 2026),
        [
            {
                "Kategori": "Lönekostnad",
                "Benämning": "Insatsmedarbetare",
                "Part": "Provby kommun",
                "Finansiering": "Söks från förbundet",
                "Tjänstgöringsgrad (%)": 100,
                "Periodens start": D(2025, 7, 1),
                "Periodens slut": D(2026, 12, 31),
                "2025": 280000,
                "2026": 570000,
            },
            {
                "Kategori": "Utbildning för insatsmedarbetare",
                "Benämning": "Kompetensutveckling för teamet",
                "Part": "Provby kommun",
                "Finansiering": "Söks från förbundet",
                "2025": 20000,
                "2026": 30000,
            },
            {
                "Kategori": "Lönekostnad",
                "Benämning": "Kontaktperson i teamet",
                "Part": "Arbetsförmedlingen",
                "Finansiering": "Egen finansiering",
                "Tjänstgöringsgrad (%)": 20,
                "Periodens start": D(2025, 7, 1),
                "Periodens slut": D(2026, 12, 31),
                "2025": 60000,
                "2026": 120000,
            },
            {
                "Kategori": "Lokalhyra",
                "Benämning": "Lokaler i kommunhuset",
                "Finansiering": "Egen finansiering",
                "I natura": "Ja",
                "Hela insatstiden": 80000,
            },
            {
                "Kategori": "Övrigt",
                "Benämning": "Studiebesök",
                "Part": "Provby kommun",
                "Finansiering": "Egen finansiering",
                "I natura": "Nej",
                "2026": 12000,
                "Motivering": "Teamet besöker en insats som redan arbetar så.",
            },
        ],
    ),
    "standard-2023": Mall(
        template_of("standard", "2023"),
        "standard-2023",
        (2024, 2025),
        [
            {
                "Kategori": "Lönekostnad",
                "Benämning": "Socialsekreterare",
                "Part": "Dalby kommun",
                "Finansiering": "Söks från förbundet",
                "Tjänstgöringsgrad (%)": 50,
                "Periodens start": D(2024, 1, 1),
                "Periodens slut": D(2025, 12, 31),
                "2024": 300000,
                "2025": 300000,
            },
            {
                "Kategori": "Övrigt",
                "Benämning": "Resor till deltagarna",
                "Part": "Region Provlän",
                "Finansiering": "Söks från förbundet",
                "2024": 25000,
                "2025": 25000,
            },
            {
                "Kategori": "Lönekostnad",
                "Benämning": "Handläggare",
                "Part": "Försäkringskassan",
                "Finansiering": "Egen finansiering",
                "Tjänstgöringsgrad (%)": 20,
                "Periodens start": D(2024, 1, 1),
                "Periodens slut": D(2025, 12, 31),
                "2024": 120000,
                "2025": 120000,
            },
        ],
    ),
    "nnv-2020": Mall(
        template_of("nnv", "2020"),
        "seed-nnv-skane-2022",
        (2022,),
        [
            {
                "Kategori": "Personal",
                "Benämning": "Arbetsmarknadskonsulter och lokala processledare",
                "Part": "Provby kommun",
                "Finansiering": "Söks från förbundet",
                "Tjänstgöringsgrad (%)": 100,
                "Antal tjänster": 2,
                "Periodens start": D(2022, 1, 1),
                "Periodens slut": D(2022, 12, 31),
                "Hela insatstiden": 1130000,
            },
            # Another size of post in the row above: two posts of 10 %.
            {"Tjänstgöringsgrad (%)": 10, "Antal tjänster": 2},
            {
                "Kategori": "Utbildning",
                "Benämning": "Utbildning",
                "Part": "Dalby kommun",
                "Finansiering": "Söks från förbundet",
                "2022": 10000,
            },
            {
                "Kategori": "Övriga kostnader",
                "Benämning": "Material och studiebesök",
                "Part": "Provby kommun",
                "Finansiering": "Söks från förbundet",
                "Hela insatstiden": 40000,
            },
            {
                "Kategori": "Egna lokaler",
                "Benämning": "Egna lokaler",
                "Finansiering": "Egen finansiering",
                "I natura": "Ja",
                "Hela insatstiden": 100000,
            },
            {
                "Kategori": "Arbetsinsats egen personal",
                "Benämning": "Arbetsinsats egen personal",
                "Part": "Dalby kommun",
                "Finansiering": "Egen finansiering",
                "I natura": "Ja",
                "2022": 350000,
            },
            {
                "Kategori": "Övriga kostnader",
                "Benämning": "Övriga kostnader",
                "Finansiering": "Egen finansiering",
                "Hela insatstiden": 50000,
            },
        ],
    ),
}


def mall_of(case: Path) -> Template | None:
    """The mall a valid case's application names (None for a case with only an idéskiss)."""
    if not (case / "ansokan.md").is_file():
        return None
    front, _ = facts_and_text(case / "ansokan.md")
    found = re.search(r"mall: \{id: (\w+), version: (\w+)\}", front)
    assert found is not None
    return FORBUND_MODEL.template(found.group(1), found.group(2))


EXPORT_CASES = sorted(p for p in VALID.iterdir() if p.is_dir() and mall_of(p) is not None)


class Saved(NamedTuple):
    filled: dict[str, Path]  # each mall's filled-in template, as LibreOffice saved it
    empty: Path  # the empty standard template, as LibreOffice saved it
    exported: dict[str, Path]  # each valid case's exported budget, as LibreOffice saved it
    followup: Path


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Saved:
    """Every workbook that LibreOffice opens, recalculates and saves, in one run."""
    source = tmp_path_factory.mktemp("excel")
    files: list[Path] = []

    def put(name: str, data: bytes) -> Path:
        path = source / f"{name}.xlsx"
        path.write_bytes(data)
        files.append(path)
        return path

    for name, mall in MALLS.items():
        put(
            f"ifylld-{name}",
            fill(budget_template(FORBUND_MODEL, mall.template, mall.years), mall.lines),
        )
    put("tom", budget_template(FORBUND_MODEL, STANDARD, [2025, 2026]))
    for case in EXPORT_CASES:
        template = mall_of(case)
        assert template is not None
        text = (case / "budget.yaml").read_text("utf-8-sig")
        put(f"export-{case.name}", budget_workbook(text, FORBUND_MODEL, template))
    put("uppfoljning", followup_workbook(followup_repo(source / "arkiv"), FORBUND_MODEL, 2025))
    out = through_libreoffice(files, "xlsx", source / "sparade")
    by_stem = {p.stem: p for p in out}
    return Saved(
        filled={name: by_stem[f"ifylld-{name}"] for name in MALLS},
        empty=by_stem["tom"],
        exported={c.name: by_stem[f"export-{c.name}"] for c in EXPORT_CASES},
        followup=by_stem["uppfoljning"],
    )


def imported(data: bytes, template: Template = STANDARD) -> tuple[str | None, list[Finding]]:
    return import_budget(data, REL, FORBUND_MODEL, template)


def case_with_budget(tmp_path: Path, case: str, budget: str) -> Path:
    """A copy of a valid case with ``budget`` as its budget.yaml; its folder."""
    folder = tmp_path / "applications" / case
    shutil.copytree(VALID / case, folder)
    (folder / "budget.yaml").write_text(budget, "utf-8")
    return folder


# --- the filled-in template, through LibreOffice, into a budget the check accepts ---------


@pytest.mark.parametrize("name", MALLS)
def test_filled_template_saved_by_libreoffice_imports_into_a_valid_budget(
    name: str, saved: Saved, tmp_path: Path
) -> None:
    mall = MALLS[name]
    text, findings = imported(saved.filled[name].read_bytes(), mall.template)
    assert findings == []
    assert text is not None
    # The first line names the mall's schema on the förbund's site, by its full address.
    schema = f"schema/mallar/{mall.template.id}-{mall.template.version}/budget.schema.json"
    assert text.startswith(
        f"# yaml-language-server: $schema=https://provby.example/ansokan/{schema}\n"
    )
    folder = case_with_budget(tmp_path, mall.case, text)
    result = run_check(folder, root=tmp_path)
    errors = [f for f in result.findings if f.severity is Severity.FEL]
    assert [f"{f.rule} {f.file}:{f.line} {f.message}" for f in errors] == []
    # Names became ids, and every line is a budget row (the continuation is a size of post).
    data = yaml.safe_load(text)
    assert len(data["rader"]) == len([line for line in mall.lines if "Kategori" in line])
    parties = {r.get("part") for r in data["rader"]} - {None}
    assert parties <= set(FORBUND_MODEL.parties)
    assert {r["kategori"] for r in data["rader"]} <= {c.id for c in mall.template.categories}


def test_filled_template_is_written_in_the_repositorys_style(saved: Saved) -> None:
    text, _ = imported(saved.filled["nnv-2020"].read_bytes(), MALLS["nnv-2020"].template)
    assert text is not None
    assert (
        "  - kategori: personal\n"
        "    benamning: Arbetsmarknadskonsulter och lokala processledare\n"
        "    part: provby-kommun\n"
        "    finansiering: forbundet\n"
        "    tjanster:\n"
        "      - {antal: 2, tjanstgoringsgrad: 100}\n"
        "      - {antal: 2, tjanstgoringsgrad: 10}\n"
        "    period: {start: 2022-01-01, slut: 2022-12-31}\n"
        "    belopp_totalt: 1130000\n"
    ) in text
    assert "    belopp: {2022: 350000}\n" in text
    assert "    i_natura: true\n" in text
    text, _ = imported(saved.filled["standard-2024"].read_bytes())
    assert text is not None
    assert "    belopp: {2025: 280000, 2026: 570000}\n" in text
    assert "    motivering: Teamet besöker en insats som redan arbetar så.\n" in text


# --- the live sums against `finsam budget` ------------------------------------------------


def sums_of(path: Path) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The recalculated sums: by label ('Sökt från förbundet' …) the value under each
    heading ('2025', 'Hela insatstiden', 'Totalt'); and per member the values under 'Sökt från
    förbundet', 'Egenfinansiering' and 'Totalt'."""
    book = openpyxl.load_workbook(path, data_only=True)
    sheet = book["Budget"]
    labels = {
        str(sheet.cell(row=r, column=1).value): r
        for r in range(1, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value is not None
    }

    def table(heading: int, rows: list[str]) -> dict[str, dict[str, Any]]:
        names = {
            c: str(sheet.cell(row=heading, column=c).value)
            for c in range(2, sheet.max_column + 1)
            if sheet.cell(row=heading, column=c).value is not None
        }
        return {
            label: {
                name: sheet.cell(row=labels[label], column=c).value for c, name in names.items()
            }
            for label in rows
        }

    sums = table(labels["Summor"], ["Sökt från förbundet", "Egenfinansiering", "Total kostnad"])
    members = [p.name for p in FORBUND_MODEL.parties.values()]
    per_party = table(
        labels["Per part"], [*members, "Parterna gemensamt (ingen enskild part)", "Summa"]
    )
    return sums, per_party


@pytest.mark.parametrize("name", MALLS)
def test_recalculated_sums_equal_what_finsam_budget_computes(
    name: str, saved: Saved, tmp_path: Path
) -> None:
    mall = MALLS[name]
    text, _ = imported(saved.filled[name].read_bytes(), mall.template)
    assert text is not None
    folder = case_with_budget(tmp_path, mall.case, text)
    context, _ = inspect_application(folder, tmp_path, FORBUND_MODEL)
    report = build_report(context.insats)
    totals = report.totals
    sums, per_party = sums_of(saved.filled[name])
    for financing, label in ((SOUGHT, "Sökt från förbundet"), (OWN, "Egenfinansiering")):
        assert sums[label]["Totalt"] == totals.total(financing)
        assert sums[label]["Hela insatstiden"] == sum(
            r.unallocated + (r.total if r.derived else 0)
            for r in context.insats.rows
            if r.financing == financing
        )
        for year in mall.years:
            derived = sum(
                r.amounts.get(year, 0)
                for r in context.insats.rows
                if r.derived and r.financing == financing
            )
            assert sums[label][str(year)] == totals.by_year[financing].get(year, 0) - derived
    assert sums["Total kostnad"]["Totalt"] == totals.grand_total
    for party, figures in report.parties.items():
        row = per_party[FORBUND_MODEL.party_name(party)]
        assert (row["Sökt från förbundet"], row["Egenfinansiering"], row["Totalt"]) == (
            figures["sokt"],
            figures["egen"],
            figures["totalt"],
        )
    loose = per_party["Parterna gemensamt (ingen enskild part)"]
    assert (loose["Sökt från förbundet"], loose["Egenfinansiering"]) == (
        report.without_party["sokt"],
        report.without_party["egen"],
    )
    assert per_party["Summa"]["Totalt"] == totals.grand_total


def test_the_standard_sums_per_year_are_the_budgets_years(saved: Saved) -> None:
    sums, per_party = sums_of(saved.filled["standard-2024"])
    assert sums["Sökt från förbundet"] == {
        "2025": 300000,
        "2026": 600000,
        "Hela insatstiden": 0,
        "Totalt": 900000,
    }
    assert sums["Egenfinansiering"]["Hela insatstiden"] == 80000
    assert per_party["Arbetsförmedlingen"]["Egenfinansiering"] == 180000
    assert per_party["Parterna gemensamt (ingen enskild part)"]["Egenfinansiering"] == 80000


# --- protection and drop-down lists -------------------------------------------------------


def resolve(book: openpyxl.Workbook, name: str) -> list[str]:
    """The values of the cells a defined name (a list's source) refers to."""
    sheet, cells = next(iter(book.defined_names[name].destinations))
    return [c.value for row in book[sheet][cells.replace("$", "")] for c in row if c.value]


@pytest.mark.parametrize("libreoffice", [False, True], ids=["openpyxl", "libreoffice"])
def test_template_is_protected_with_input_cells_unlocked_and_lists_of_names(
    libreoffice: bool, saved: Saved
) -> None:
    data = (
        saved.empty.read_bytes()
        if libreoffice
        else budget_template(FORBUND_MODEL, STANDARD, [2025, 2026])
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Budget"]
    assert sheet.protection.sheet
    assert book["Listor"].sheet_state == "hidden"
    where, first = columns(sheet), header_row(sheet) + 1
    formulas = [
        c
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert len(formulas) > 40 + 3 * 4 + 5 * 3
    assert all(c.protection.locked for c in formulas)
    for heading in ("Kategori", "Benämning", "Part", "Finansiering", "2025", "Motivering"):
        assert not sheet.cell(row=first, column=where[heading]).protection.locked, heading
        assert not sheet.cell(row=first + 39, column=where[heading]).protection.locked
    assert sheet.cell(row=first - 1, column=where["Kategori"]).protection.locked  # the header
    assert sheet.cell(row=first, column=where["Radens summa"]).protection.locked
    # The groups' table: its header locked, a few empty rows unlocked for the group, the
    # financing and each year.
    groups = group_header_row(sheet)
    assert sheet.cell(row=groups, column=1).protection.locked
    for column in (1, 2, where["2025"], where["2026"]):
        assert not sheet.cell(row=groups + 1, column=column).protection.locked
        assert not sheet.cell(row=groups + 4, column=column).protection.locked
    assert sheet.cell(row=groups + 5, column=1).protection.locked
    lists: dict[int, list[str]] = {}
    group_lists: dict[int, list[str]] = {}
    for rule in sheet.data_validations.dataValidation:
        if rule.type == "list":
            columns_covered = {r.min_col for r in rule.sqref.ranges}
            rows_covered = {r.min_row for r in rule.sqref.ranges}
            assert rows_covered in ({first}, {groups + 1})
            found = lists if rows_covered == {first} else group_lists
            found[columns_covered.pop()] = resolve(book, str(rule.formula1).lstrip("="))
    assert group_lists == {
        1: ["Lönekostnad", "Lokalkostnad", "Övriga kostnader"],
        2: ["Söks från förbundet", "Egen finansiering"],
    }
    assert group_lists[1] == list(GROUP_NAMES.values())
    assert lists[where["Kategori"]] == [c.name for c in STANDARD.categories]
    assert lists[where["Part"]] == [p.name for p in FORBUND_MODEL.parties.values()]
    assert lists[where["Finansiering"]] == ["Söks från förbundet", "Egen finansiering"]
    assert lists[where["I natura"]] == ["Ja", "Nej"]
    assert "lon" not in lists[where["Kategori"]]  # names, never ids
    amounts = sheet.cell(row=first, column=where["2025"])
    assert "kr" in amounts.number_format and "#,##0" in amounts.number_format
    start = sheet.cell(row=first, column=where["Periodens start"]).number_format
    assert "yy" in start.lower()


def test_template_without_motivation_has_no_motivation_column() -> None:
    data = budget_template(FORBUND_MODEL, template_of("nnv", "2020"), [2022])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Budget"]
    assert "Motivering" not in columns(sheet)
    assert {"2022", "Hela insatstiden", "Tjänstgöringsgrad (%)"} <= set(columns(sheet))


# --- one finding per kind of mistake ------------------------------------------------------

GOOD_ROW = MALLS["standard-2024"].lines[0]  # a salary row sought from the förbund
# The standard template with 2025 and 2026: the header on row 9, the first budget row on 10,
# the years in J and K, the sums below the table from row 52.
ROW = 10


@functools.cache
def one_empty() -> bytes:
    return budget_template(FORBUND_MODEL, STANDARD, [2025, 2026])


@functools.cache
def one_good_row() -> bytes:
    return fill(one_empty(), [GOOD_ROW])


def edited(change: Callable[[Worksheet], None], rows: list[dict[str, Any]] | None = None) -> bytes:
    """The standard template with one good row (or ``rows``), then ``change`` made to it."""
    data = fill(one_empty(), rows) if rows else one_good_row()
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book["Budget"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def only(findings: list[Finding], rule: str) -> Finding:
    assert [f.rule for f in findings] == [rule], [
        f"{f.rule} {f.place} {f.message}" for f in findings
    ]
    finding = findings[0]
    assert finding.file == REL and finding.severity is Severity.FEL
    assert SWEDISH.search(finding.message), finding.message
    assert finding.message[0].isupper() and finding.hint
    return finding


def test_the_layout_the_findings_below_count_on() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(edited(lambda s: None)))["Budget"]
    assert header_row(sheet) == ROW - 1
    assert (columns(sheet)["2025"], columns(sheet)["2026"]) == (10, 11)  # J and K
    assert sheet["A53"].value == "Sökt från förbundet"
    text, findings = imported(edited(lambda s: None))
    assert findings == [] and text is not None


@pytest.mark.parametrize(
    "data",
    [
        b"",
        bytes(random.Random(7).getrandbits(8) for _ in range(4000)),  # noqa: S311 - test data
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),  # .xls (Excel 97–2003)
        b"PK\x03\x04 not really a zip",
        b"name;amount\nrent;12000\n",
    ],
    ids=["empty", "random", "xls", "broken-zip", "csv"],
)
def test_unreadable_file_is_one_finding(data: bytes) -> None:
    text, findings = imported(data)
    finding = only(findings, UNREADABLE.id)
    assert text is None and (finding.line, finding.column) == (0, 0)


def test_word_document_and_truncated_workbook_are_unreadable() -> None:
    import docx

    document = io.BytesIO()
    docx.Document().save(document)
    text, findings = imported(document.getvalue())
    assert "Word" in only(findings, UNREADABLE.id).message and text is None
    whole = budget_template(FORBUND_MODEL, STANDARD, [2025])
    text, findings = imported(whole[: len(whole) // 2])
    only(findings, UNREADABLE.id)
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets>")
    text, findings = imported(damaged.getvalue())
    assert text is None
    only(findings, UNREADABLE.id)


def test_workbook_that_unpacks_to_too_much_is_not_read() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (40 * 1024 * 1024) + b"/>")
    assert len(bomb.getvalue()) < 200_000
    text, findings = imported(bomb.getvalue())
    assert "MB" in only(findings, UNREADABLE.id).message and text is None


@pytest.mark.parametrize(
    ("value", "meant"),
    [
        ("1 180 tkr", "1180000"),
        ("12 000 kr", "12000"),
        ("570000", "570000"),
        ("1,5 mkr", "1500000"),
    ],
)
def test_amount_written_as_text(value: str, meant: str) -> None:
    text, findings = imported(edited(lambda s: setattr(s["K10"], "value", value)))
    finding = only(findings, AMOUNT_AS_TEXT.id)
    assert (finding.place, finding.line, finding.column) == ("Budget!K10", ROW, 11)
    assert "2026" in finding.message and "text" in finding.message
    assert meant in finding.hint and text is None


def test_amount_not_in_whole_kronor() -> None:
    text, findings = imported(edited(lambda s: setattr(s["J10"], "value", 12000.5)))
    finding = only(findings, AMOUNT_AS_TEXT.id)
    assert finding.place == "Budget!J10" and "12001" in finding.hint and text is None
    text, findings = imported(edited(lambda s: setattr(s["J10"], "value", 12000.0)))
    assert findings == [] and text is not None and "{2025: 12000, 2026: 570000}" in text


def test_sum_overwritten_by_a_number() -> None:
    text, findings = imported(edited(lambda s: setattr(s["K53"], "value", 900000)))
    finding = only(findings, SUM_OVERWRITTEN.id)
    assert finding.place == "Budget!K53"
    assert "900" in finding.message and "570" in finding.message and text is None
    # The number the rows give is no mistake; nor is an untouched formula.
    text, findings = imported(edited(lambda s: setattr(s["K53"], "value", 570000)))
    assert findings == [] and text is not None


def test_per_party_sum_overwritten() -> None:
    _, findings = imported(edited(lambda s: setattr(s["B58"], "value", 1)))
    finding = only(findings, SUM_OVERWRITTEN.id)
    assert finding.place == "Budget!B58" and "Provby kommun" in finding.message


def test_category_not_in_the_mall() -> None:
    text, findings = imported(edited(lambda s: setattr(s["A10"], "value", "Lönekostnader")))
    finding = only(findings, UNKNOWN_CATEGORY.id)
    assert finding.place == "Budget!A10" and "Lönekostnader" in finding.message
    assert "Menade du 'Lönekostnad'?" in finding.hint
    assert "Utbildning för insatsmedarbetare" in finding.hint and "lokalhyra" not in finding.hint
    # The id is understood as well as the name.
    text, findings = imported(edited(lambda s: setattr(s["A10"], "value", "lon")))
    assert findings == [] and text is not None and "kategori: lon" in text


def test_merged_cells_in_the_table() -> None:
    text, findings = imported(edited(lambda s: s.merge_cells("J10:K10")))
    finding = only(findings, MERGED_CELLS.id)
    assert finding.place == "Budget!J10" and "J10:K10" in finding.message and text is None


def test_formula_in_an_input_cell() -> None:
    text, findings = imported(edited(lambda s: setattr(s["K10"], "value", "=J10*2")))
    finding = only(findings, FORMULA_AS_INPUT.id)
    assert finding.place == "Budget!K10" and "=J10*2" in finding.message and text is None


def test_year_column_removed() -> None:
    text, findings = imported(edited(lambda s: s.delete_cols(11)))
    finding = only(findings, TEMPLATE_CHANGED.id)
    assert "2026" in finding.message and finding.line == ROW - 1 and text is None


def test_budget_sheet_gone() -> None:
    text, findings = imported(edited(lambda s: setattr(s, "title", "Kalkyl")))
    finding = only(findings, TEMPLATE_CHANGED.id)
    assert "Budget" in finding.message and "Kalkyl" in finding.hint and text is None


def test_header_row_gone() -> None:
    text, findings = imported(edited(lambda s: setattr(s["A9"], "value", "Vad")))
    assert "rubrikrad" in only(findings, TEMPLATE_CHANGED.id).message and text is None


@pytest.mark.parametrize(
    ("cell", "value", "words"),
    [
        ("C10", "Älvby kommun", "ingen medlem"),
        ("H10", "hösten 2025", "inget datum"),
        ("F10", 150, "0–100"),
        ("D10", "Bidrag", "Finansieringen"),
        ("J10", True, "sanningsvärde"),
        ("J10", D(2025, 1, 1), "datum"),
        ("J10", -5, "negativt"),
        ("E10", "Kanske", "Ja eller Nej"),
        ("B10", "x" * 300, "för lång"),
    ],
)
def test_value_that_cannot_be_read(cell: str, value: object, words: str) -> None:
    text, findings = imported(edited(lambda s: setattr(s[cell], "value", value)))
    finding = only(findings, INVALID_VALUE.id)
    assert finding.place == f"Budget!{cell}" and words in finding.message and text is None
    assert len(finding.message) < 400  # a long value is quoted shortened


def test_member_given_by_id_and_date_as_text_are_read() -> None:
    def change(sheet: Worksheet) -> None:
        sheet["C10"] = "provby-kommun"
        sheet["H10"] = "2025-07-01"

    text, findings = imported(edited(change))
    assert findings == [] and text is not None
    assert "part: provby-kommun" in text and "start: 2025-07-01" in text


def test_rows_inserted_above_and_inside_the_table_are_read() -> None:
    second = {**GOOD_ROW, "Benämning": "Insatsmedarbetare 2", "2025": 1000, "2026": 2000}
    plain, _ = imported(edited(lambda s: None, [GOOD_ROW, second]))

    def insert(sheet: Worksheet) -> None:
        sheet.insert_rows(1, 2)  # a note above the heading
        sheet["A1"] = "Utkast från Provby"
        sheet.insert_rows(13)  # an empty row between the two budget rows

    text, findings = imported(edited(insert, [GOOD_ROW, second]))
    assert findings == [] and plain is not None and text == plain


def test_empty_template_has_no_rows_to_import() -> None:
    text, findings = imported(budget_template(FORBUND_MODEL, STANDARD, [2025]))
    assert "inga ifyllda rader" in only(findings, INVALID_VALUE.id).message and text is None


HOSTILE = [
    None,
    True,
    0,
    -1,
    1.5,
    1e300,
    "",
    " ",
    "x" * 5000,
    '=HYPERLINK("https://example.org","klicka")',
    "'=1+1",
    "#N/A",
    D(2025, 1, 1),
    dt.time(12, 0),
    "Lönekostnad",
    "Provby kommun",
    "\u202e\u200b",
]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
@pytest.mark.parametrize(
    "cell", ["A10", "B10", "C10", "D10", "E10", "F10", "G10", "H10", "J10", "L10", "N10"]
)
def test_hostile_cells_give_findings_never_a_traceback(cell: str, value: object) -> None:
    text, findings = imported(edited(lambda s: setattr(s[cell], "value", value)))
    assert all(f.rule.startswith("O0") and f.place.startswith("Budget!") for f in findings)
    assert (text is None) == any(f.severity is Severity.FEL for f in findings)
    if text is not None:
        doc, problems = parse_yaml(text, "budget.yaml")
        assert doc is not None and problems == [] and len(doc.data["rader"]) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    column=st.integers(min_value=1, max_value=14),
    value=st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300),
        st.datetimes(min_value=D(1900, 1, 1), max_value=D(2200, 1, 1)),
    ),
)
def test_any_value_in_any_input_cell_is_read_or_a_finding(column: int, value: object) -> None:
    text, findings = imported(
        edited(lambda s: setattr(s.cell(row=ROW, column=column), "value", value))
    )
    assert (text is None) == any(f.severity is Severity.FEL for f in findings)
    if text is not None:
        doc, problems = parse_yaml(text, "budget.yaml")
        assert doc is not None and problems == []


# --- export and import agree ----------------------------------------------------------


def essence(row: Row) -> tuple[object, ...]:
    """What a budget row says, however it is written (years computed from a monthly salary
    are the same years written out)."""
    return (
        row.category,
        row.label,
        row.party,
        row.financing,
        row.in_kind,
        row.posts,
        row.percent,
        row.start,
        row.end,
        row.amounts,
        row.total,
        None if row.given_years else row.declared_total,
        row.motivation,
    )


def rows_of(text: str) -> list[Row]:
    doc, problems = parse_yaml(normalize_text(text), "budget.yaml")
    assert doc is not None and problems == []
    return read_rows(doc.data)


def groups_of(text: str) -> list[tuple[object, ...]]:
    doc, problems = parse_yaml(normalize_text(text), "budget.yaml")
    assert doc is not None and problems == []
    return [(g.group, g.financing, g.amounts) for g in read_group_years(doc.data)]


@pytest.mark.parametrize("case", EXPORT_CASES, ids=lambda p: p.name)
def test_export_then_import_is_stable_and_keeps_the_rows(case: Path, saved: Saved) -> None:
    template = mall_of(case)
    assert template is not None
    original = (case / "budget.yaml").read_text("utf-8-sig")
    first, findings = imported(budget_workbook(original, FORBUND_MODEL, template), template)
    assert findings == [] and first is not None
    second, findings = imported(budget_workbook(first, FORBUND_MODEL, template), template)
    assert findings == [] and second == first
    assert [essence(r) for r in rows_of(first)] == [essence(r) for r in rows_of(original)]
    assert groups_of(first) == groups_of(original)
    # The same workbook after LibreOffice has opened, recalculated and saved it.
    again, findings = imported(saved.exported[case.name].read_bytes(), template)
    assert findings == [] and again == first


def test_export_has_the_budgets_years_and_its_sums(saved: Saved) -> None:
    sums, per_party = sums_of(saved.exported["standard-2023"])
    assert sums["Sökt från förbundet"] == {
        "2024": 325000,
        "2025": 325000,
        "Hela insatstiden": 0,
        "Totalt": 650000,
    }
    assert per_party["Försäkringskassan"]["Egenfinansiering"] == 240000
    sheet = openpyxl.load_workbook(saved.exported["seed-nnv-skane-2022"])["Budget"]
    assert "2022" in columns(sheet)  # the year of the posts' period, though all is whole-period
    # A group's stated years are in their table below the sums, in the years' columns.
    sheet = openpyxl.load_workbook(saved.exported["budget-hela-perioden"])["Budget"]
    assert not any(str(c.value).startswith("Obs:") for c in sheet["A"])
    header, where = group_header_row(sheet), columns(sheet)
    assert sheet.cell(header - 3, 1).value == "Fördelning per år för en kostnadsgrupp"
    assert "Övriga kostnader: Utbildning, " in str(sheet.cell(header - 1, 1).value)
    shown = [sheet.cell(header, c).value for c in (1, 2, where["2025"], where["2026"])]
    assert shown == ["Kostnadsgrupp", "Finansiering", "2025", "2026"]
    values = [sheet.cell(header + 1, c).value for c in (1, 2, where["2025"], where["2026"])]
    assert values == ["Övriga kostnader", "Söks från förbundet", 20000, 30000]
    assert sheet.cell(header + 2, 1).value is None


def test_export_writes_texts_as_texts_never_formulas() -> None:
    budget = (
        "rader:\n"
        "  - kategori: ovrigt\n"
        '    benamning: "=HYPERLINK(\\"https://example.org\\")"\n'
        "    part: provby-kommun\n"
        "    finansiering: forbundet\n"
        '    motivering: "Rad ett\\nrad två: med kolon # och \\"citat\\""\n'
        "    belopp: {2025: 1000}\n"
    )
    data = budget_workbook(budget, FORBUND_MODEL, STANDARD)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Budget"]
    assert sheet["B10"].data_type == "s"
    text, findings = imported(data)
    assert findings == [] and text is not None
    assert [essence(r) for r in rows_of(text)] == [essence(r) for r in rows_of(budget)]


# --- a cost group's sums per year (fordelning_per_ar) -------------------------------------

GROUPS_CASE = "budget-hela-perioden"  # a valid case whose budget has fordelning_per_ar
# In the standard template with 2025 and 2026 (see the layout test below): the groups'
# header on row 69, its first row on 70, the group in A, the financing in B, the years in J, K.
GROUP_ROW = 70
GOOD_GROUP = {"A": "Lönekostnad", "B": "Söks från förbundet", "J": 280000, "K": 570000}


def test_group_years_through_libreoffice_import_into_the_same_budget(
    saved: Saved, tmp_path: Path
) -> None:
    case = VALID / GROUPS_CASE
    original = (case / "budget.yaml").read_text("utf-8-sig")
    assert "fordelning_per_ar" in original
    template = mall_of(case)
    assert template is not None
    text, findings = imported(saved.exported[GROUPS_CASE].read_bytes(), template)
    assert findings == [] and text is not None
    assert yaml.safe_load(text) == yaml.safe_load(original)
    assert text.endswith(
        "fordelning_per_ar:\n"
        "  - {grupp: ovrigt, finansiering: forbundet, belopp: {2025: 20000, 2026: 30000}}\n"
    )
    folder = case_with_budget(tmp_path, GROUPS_CASE, text)
    result = run_check(folder, root=tmp_path)
    assert [f"{f.rule} {f.file}:{f.line} {f.message}" for f in result.findings] == []
    # Export, import, export and import again: the same text.
    second, findings = imported(budget_workbook(text, FORBUND_MODEL, template), template)
    assert findings == [] and second == text


def test_every_group_and_financing_round_trips() -> None:
    budget = (
        "rader:\n"
        "  - kategori: ovrigt\n"
        "    benamning: Allt\n"
        "    part: provby-kommun\n"
        "    finansiering: forbundet\n"
        "    belopp_totalt: 1000\n"
        "fordelning_per_ar:\n"
        + "".join(
            f"  - {{grupp: {group}, finansiering: {financing}, belopp: {{2027: {n}, 2024: 1}}}}\n"
            for n, (group, financing) in enumerate(
                ((g, f) for g in GROUP_NAMES for f in (SOUGHT, OWN)), start=2
            )
        )
    )
    data = budget_workbook(budget, FORBUND_MODEL, STANDARD)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Budget"]
    assert {"2024", "2027"} <= set(columns(sheet))  # the groups' years have their columns
    text, findings = imported(data)
    assert findings == [] and text is not None
    assert groups_of(text) == groups_of(budget) and len(groups_of(text)) == 6
    assert "  - {grupp: lokal, finansiering: egen, belopp: {2024: 1, 2027: 5}}\n" in text


def group_row(values: dict[str, Any], row: int = GROUP_ROW) -> Callable[[Worksheet], None]:
    """A change that types ``values`` (column letter: value) into a row of the groups' table."""

    def change(sheet: Worksheet) -> None:
        for letter, value in values.items():
            sheet[f"{letter}{row}"].value = value

    return change


def test_the_groups_layout_the_findings_below_count_on() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(edited(lambda s: None)))["Budget"]
    assert group_header_row(sheet) == GROUP_ROW - 1
    assert [sheet[f"{c}{GROUP_ROW - 1}"].value for c in "ABJK"] == [
        "Kostnadsgrupp",
        "Finansiering",
        "2025",
        "2026",
    ]
    text, findings = imported(edited(group_row(GOOD_GROUP)))
    assert findings == [] and text is not None
    assert text.endswith(
        "fordelning_per_ar:\n"
        "  - {grupp: lon, finansiering: forbundet, belopp: {2025: 280000, 2026: 570000}}\n"
    )
    # Ids are understood as well as names; a year left empty is no year.
    text, findings = imported(edited(group_row({"A": "ovrigt", "B": "egen", "K": 5, "J": None})))
    assert findings == [] and text is not None
    assert "  - {grupp: ovrigt, finansiering: egen, belopp: {2026: 5}}\n" in text


def test_groups_table_read_with_rows_inserted_above_and_inside_it() -> None:
    plain, _ = imported(edited(group_row(GOOD_GROUP)))

    def insert(sheet: Worksheet) -> None:
        group_row(GOOD_GROUP)(sheet)
        sheet.insert_rows(1, 2)  # a note above the heading
        sheet.insert_rows(GROUP_ROW + 2, 3)  # empty rows between the header and the row

    text, findings = imported(edited(insert))
    assert findings == [] and plain is not None and text == plain


def test_workbook_without_the_groups_table_imports_without_groups() -> None:
    """A template made before the table existed."""
    text, findings = imported(edited(lambda s: s.delete_rows(GROUP_ROW - 4, 9)))
    assert findings == [] and text is not None and "fordelning_per_ar" not in text


def test_unknown_group_name() -> None:
    text, findings = imported(edited(group_row({**GOOD_GROUP, "A": "Lönekostnader"})))
    finding = only(findings, INVALID_VALUE.id)
    assert finding.place == f"Budget!A{GROUP_ROW}" and "Lönekostnader" in finding.message
    assert "Menade du 'Lönekostnad'?" in finding.hint and "Övriga kostnader" in finding.hint
    assert text is None


def test_group_amount_as_text() -> None:
    text, findings = imported(edited(group_row({**GOOD_GROUP, "K": "570 tkr"})))
    finding = only(findings, AMOUNT_AS_TEXT.id)
    assert finding.place == f"Budget!K{GROUP_ROW}" and "2026" in finding.message
    assert "570000" in finding.hint and text is None


def test_merged_cells_in_the_groups_table() -> None:
    def merge(sheet: Worksheet) -> None:
        group_row(GOOD_GROUP)(sheet)
        sheet.merge_cells(f"J{GROUP_ROW}:K{GROUP_ROW}")

    text, findings = imported(edited(merge))
    finding = only(findings, MERGED_CELLS.id)
    assert finding.place == f"Budget!J{GROUP_ROW}" and "J70:K70" in finding.message
    assert text is None
    # Cells merged in the empty columns between the financing and the years are no harm.
    text, findings = imported(edited(lambda s: s.merge_cells(f"C{GROUP_ROW}:E{GROUP_ROW}")))
    assert findings == [] and text is not None


def test_formula_in_the_groups_table() -> None:
    text, findings = imported(edited(group_row({**GOOD_GROUP, "K": "=J70*2"})))
    finding = only(findings, FORMULA_AS_INPUT.id)
    assert finding.place == f"Budget!K{GROUP_ROW}" and "=J70*2" in finding.message
    assert text is None


@pytest.mark.parametrize(
    ("values", "cell", "words"),
    [
        ({**GOOD_GROUP, "A": None}, "A", "ingen kostnadsgrupp"),
        ({**GOOD_GROUP, "B": None}, "B", "inte finansieringen"),
        ({**GOOD_GROUP, "B": "Bidrag"}, "B", "Finansieringen"),
        ({**GOOD_GROUP, "J": None, "K": None}, "J", "inget belopp"),
        ({**GOOD_GROUP, "J": -5}, "J", "negativt"),
        ({**GOOD_GROUP, "K": D(2026, 1, 1)}, "K", "datum"),
    ],
)
def test_group_value_that_cannot_be_read(values: dict[str, object], cell: str, words: str) -> None:
    text, findings = imported(edited(group_row(values)))
    finding = only(findings, INVALID_VALUE.id)
    assert finding.place == f"Budget!{cell}{GROUP_ROW}" and words in finding.message
    assert text is None


def test_group_and_financing_given_twice() -> None:
    def twice(sheet: Worksheet) -> None:
        group_row(GOOD_GROUP)(sheet)
        group_row({**GOOD_GROUP, "A": "lon", "J": 1}, GROUP_ROW + 2)(sheet)

    text, findings = imported(edited(twice))
    finding = only(findings, INVALID_VALUE.id)
    assert finding.place == f"Budget!A{GROUP_ROW + 2}" and "två gånger" in finding.message
    assert text is None


def test_groups_header_changed() -> None:
    text, findings = imported(edited(lambda s: setattr(s[f"K{GROUP_ROW - 1}"], "value", None)))
    finding = only(findings, TEMPLATE_CHANGED.id)
    assert finding.place == f"Budget!A{GROUP_ROW - 1}" and "2026" in finding.message
    assert text is None
    text, findings = imported(edited(lambda s: setattr(s[f"A{GROUP_ROW - 1}"], "value", None)))
    finding = only(findings, TEMPLATE_CHANGED.id)
    assert finding.place == f"Budget!A{GROUP_ROW - 4}" and "Kostnadsgrupp" in finding.message
    assert text is None


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
@pytest.mark.parametrize("cell", ["A", "B", "J", "K", "C"])
def test_hostile_cells_in_the_groups_table_give_findings_never_a_traceback(
    cell: str, value: Any
) -> None:
    def change(sheet: Worksheet) -> None:
        group_row(GOOD_GROUP)(sheet)
        sheet[f"{cell}{GROUP_ROW}"].value = value

    text, findings = imported(edited(change))
    assert all(f.rule.startswith("O0") and f.place.startswith("Budget!") for f in findings)
    assert (text is None) == any(f.severity is Severity.FEL for f in findings)
    if text is not None:
        doc, problems = parse_yaml(text, "budget.yaml")
        assert doc is not None and problems == []


# --- the workbook for Uppföljning Finsam --------------------------------------------------


def followup_repo(root: Path) -> Path:
    """Granted insatser: one expecting 30 participants, one a range of 30–40 (granted 2022)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(FORBUND, root / "forbund.yml")
    for name in ("med-rapporter", "utkast-utan-underskrifter", "seed-nnv-skane-2022"):
        shutil.copytree(VALID / name, root / "applications" / name)
    (root / "applications" / "seed-nnv-skane-2022" / "beslut.yaml").write_text(
        "beslut:\n"
        "  - {datum: 2021-12-10, organ: styrelsen, utfall: beviljad, "
        "beviljat: {2022: 1180000}}\n",
        "utf-8",
    )
    return root


def followup_rows(data: bytes | Path) -> list[dict[str, Any]]:
    source = data if isinstance(data, Path) else io.BytesIO(data)
    sheet = openpyxl.load_workbook(source, data_only=True).worksheets[0]
    header = next(n for n, r in enumerate(sheet.iter_rows(), 1) if r[0].value == "Insats-id")
    titles = [str(c.value) for c in sheet[header]]
    return [
        dict(zip(titles, (c.value for c in row), strict=True))
        for row in sheet.iter_rows(min_row=header + 1)
        if row[0].value is not None
    ]


def test_followup_workbook_has_numbers_dates_and_whole_period_participants(
    tmp_path: Path, saved: Saved
) -> None:
    root = followup_repo(tmp_path / "arkiv")
    rows = {r["Insats-id"]: r for r in followup_rows(followup_workbook(root, FORBUND_MODEL, 2025))}
    assert set(rows) == {"med-rapporter"}
    row = rows["med-rapporter"]
    assert (row["Beviljat"], row["Budget från förbundet"], row["Utfall"]) == (
        300000,
        300000,
        285000,
    )
    assert all(isinstance(row[k], int) for k in ("Beviljat", "Utfall", "Kvinnor", "År"))
    assert row["Andel kvinnor (%)"] == pytest.approx(54.5)
    assert row["Insatsen börjar"] == D(2025, 7, 1) and row["Insatsen slutar"] == D(2026, 12, 31)
    assert row["Inriktning"] == "Individinriktad"
    # The expected count is the whole period's, in columns that say so, and nowhere else.
    assert "hela insatstiden" in EXPECTED_LOW and "hela insatstiden" in EXPECTED_HIGH
    assert (row[EXPECTED_LOW], row[EXPECTED_HIGH]) == (30, 30)
    assert [k for k, v in row.items() if v == 30] == [EXPECTED_LOW, EXPECTED_HIGH]
    assert not any("budgeterat" in str(k).casefold() for k in row)
    seed = followup_rows(followup_workbook(root, FORBUND_MODEL, 2022))
    assert [(r["Insats-id"], r[EXPECTED_LOW], r[EXPECTED_HIGH], r["År"]) for r in seed] == [
        ("seed-nnv-skane-2022", 30, 40, 2022)
    ]
    assert seed[0]["Utfall"] is None and seed[0]["Kvinnor"] is None  # no report: nothing made up
    # LibreOffice opens and saves it with the same figures.
    after = {r["Insats-id"]: r for r in followup_rows(saved.followup)}
    assert after["med-rapporter"]["Beviljat"] == 300000
    assert after["med-rapporter"][EXPECTED_LOW] == 30


def test_followup_csv_has_the_same_whole_period_columns(tmp_path: Path) -> None:
    root = followup_repo(tmp_path / "arkiv")
    lines = export_uppfoljning(root, FORBUND_MODEL, 2022).removeprefix("\ufeff").splitlines()
    header, row = (line.split(";") for line in lines)
    values = dict(zip(header, row, strict=True))
    assert (values[EXPECTED_LOW], values[EXPECTED_HIGH]) == ("30", "40")
    assert values["Insatsen börjar"] == "2022-01-01" and values["År"] == "2022"
    assert "Budgeterat antal deltagare" not in header


def test_rows_with_only_nej_are_empty_and_a_lone_size_of_posts_is_a_finding() -> None:
    def change(sheet: Worksheet) -> None:
        for row in range(11, 20):
            sheet[f"E{row}"] = "Nej"

    text, findings = imported(edited(change))
    assert findings == [] and text is not None and text.count("kategori:") == 1

    def lone(sheet: Worksheet) -> None:
        sheet["F11"], sheet["G11"] = 10, 2  # a further size of posts, but row 10 has none

    text, findings = imported(edited(lone))
    assert "raden ovanför" in only(findings, INVALID_VALUE.id).message and text is None


def test_percent_typed_with_a_percent_sign_is_read_as_percent() -> None:
    def change(sheet: Worksheet) -> None:
        sheet["F10"] = 0.5  # what Excel and LibreOffice store for "50%"
        sheet["F10"].number_format = "0%"

    text, findings = imported(edited(change))
    assert findings == [] and text is not None and "tjanstgoringsgrad: 50\n" in text


@given(text=st.text(min_size=1, max_size=60))
@example(text="rad\x85två\u2028tre")
@example(text="yes")
@example(text="2025-01-01")
@example(text=" x: y # z ")
@settings(max_examples=300, deadline=None)
def test_every_text_is_written_so_the_desk_reads_back_exactly_that_text(text: str) -> None:
    """Also texts that look like numbers, dates or booleans, with colons, hashes, quotes or
    YAML's rarer line breaks (NEL, LS, PS)."""
    from finsam.office.excel_yaml import budget_yaml

    row = {"kategori": "lon", "benamning": text, "finansiering": "egen", "belopp": {2026: 1}}
    row["motivering"] = f"{text}\n{text}"
    doc, findings = parse_yaml(budget_yaml([row]), "budget.yaml")
    assert doc is not None, findings
    read = doc.data["rader"][0]
    assert (read["benamning"], read["motivering"]) == (text, f"{text}\n{text}")
