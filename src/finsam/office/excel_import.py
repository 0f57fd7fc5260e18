"""The import of a filled-in Excel budget template into the text of budget.yaml.

Everything is found by its label, not by a fixed place: the header row by its column headings,
the year columns by their years, the end of the table, the sums and the table of a cost group's
sums per year (fordelning_per_ar) by the labels in the first column. So a workbook that Excel or LibreOffice has saved again, or one with rows inserted
inside the table, reads the same. Every problem is a finding that names the cell
("Budget!J14"); when there is an error, nothing is imported.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple, TypeGuard

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from finsam.catalog import RuleInfo
from finsam.editor_schemas import schema_url
from finsam.findings import Finding, has_errors
from finsam.limits import MAX_INT_DIGITS
from finsam.model.budget import GROUP_NAMES, OWN, SOUGHT
from finsam.model.forbund import Forbund, Template
from finsam.office.amounts import amount_in_text
from finsam.office.excel_layout import (
    ANTAL,
    BENAMNING,
    BUDGET_SHEET,
    FINANCING_LABELS,
    FINANSIERING,
    GRAD,
    GROUP_FINANCING,
    GROUP_HEADER,
    GROUPS_HEADING,
    HELA,
    I_NATURA,
    KATEGORI,
    KNOWN,
    LISTS_SHEET,
    MAX_ROWS,
    MOTIVERING,
    NO,
    NO_PARTY,
    PART,
    PARTY_COLUMNS,
    PARTY_HEADING,
    PARTY_SUM,
    RADSUMMA,
    REQUIRED,
    SLUT,
    START,
    SUM_LABELS,
    SUMS_HEADING,
    YEARS_LABEL,
    YES,
    normal,
)
from finsam.office.excel_yaml import budget_yaml
from finsam.office.package import check_package, unreadable
from finsam.office_rules import (
    AMOUNT_AS_TEXT,
    FORMULA_AS_INPUT,
    INVALID_VALUE,
    MERGED_CELLS,
    SUM_OVERWRITTEN,
    TEMPLATE_CHANGED,
    UNKNOWN_CATEGORY,
)
from finsam.suggest import did_you_mean
from finsam.sv import kronor, lista, tal
from finsam.values import calendar_date

MAX_HEADER_SEARCH = 200  # rows searched for the header row
MAX_LABEL = 200  # benamning in budget.schema.json
MAX_MOTIVATION = 2000
MAX_POSTS = 1000  # antal in budget.schema.json
MAX_SHOWN = 60  # characters of a value quoted in a message
# Rows read below the sums heading, and below the header of the groups' table: far more than
# the template has, so that inserted rows are read, but never a whole sheet of a million rows.
MAX_BELOW = 200

SAVE_AS_XLSX = (
    "Öppna filen i Excel eller LibreOffice och spara den som Excel-arbetsbok (.xlsx), "
    "helst i förbundets budgetmall."
)


def _shown(value: object) -> str:
    """A value as a message quotes it: shortened, on one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def open_workbook(data: bytes, rel: str) -> tuple[Workbook | None, list[Finding]]:
    """The workbook with its formulas (not their computed values), or why it cannot be read."""
    problem = check_package(data, rel, "xlsx")
    if problem is not None:
        return None, [problem]
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it drops (extensions, print settings); they carry
            # nothing that is read here.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # a damaged workbook makes openpyxl raise almost anything
        return None, [
            unreadable(rel, "Excel-arbetsboken är skadad och går inte att läsa.", SAVE_AS_XLSX)
        ]
    return book, []


def _is_formula(cell: Cell | MergedCell) -> bool:
    return cell.data_type == "f" or isinstance(cell.value, (ArrayFormula, DataTableFormula))


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    """A cell's text: trimmed and composed (NFC), as budget.yaml stores it."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value).strip())


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _whole(value: int | float) -> int | None:
    """A number as whole kronor, or None when it is none."""
    if isinstance(value, int):
        return value
    if not math.isfinite(value) or not value.is_integer():
        return None
    return int(value)


Report = Callable[[RuleInfo, str, str], None]  # a finding's rule, message and hint


def read_amount(value: object, where: str, fail: Report) -> int | None:
    """A cell's value as whole kronor, or None after ``fail`` has told why it is none;
    ``where`` says which amount ('för 2026 på raden ”Insatsmedarbetare”')."""
    if isinstance(value, str):
        meant = amount_in_text(value)
        fail(
            AMOUNT_AS_TEXT,
            f"Beloppet {where} är skrivet som text, ”{_shown(value)}”, och räknas inte med "
            "i summorna.",
            f"Skriv beloppet som ett tal i hela kronor, utan mellanslag, kr eller tkr: {meant}."
            if meant is not None
            else "Skriv beloppet som ett tal i hela kronor, utan mellanslag, kr eller tkr.",
        )
        return None
    if isinstance(value, bool) or not _is_number(value):
        kind = (
            "ett sanningsvärde"
            if isinstance(value, bool)
            else "ett datum"
            if isinstance(value, (dt.date, dt.datetime))
            else "en tid"
            if isinstance(value, (dt.time, dt.timedelta))
            else "inget tal"
        )
        fail(
            INVALID_VALUE,
            f"Beloppet {where} är {kind} ({_shown(value)}), inte ett belopp.",
            "Skriv beloppet som ett tal i hela kronor.",
        )
        return None
    if not math.isfinite(value) or len(str(int(abs(value)))) > MAX_INT_DIGITS or value < 0:
        fail(
            INVALID_VALUE,
            f"Beloppet {where} ({_shown(value)}) är inget belopp i kronor."
            if value >= 0 or not math.isfinite(value)
            else f"Beloppet {where} är negativt ({_shown(value)}).",
            "Skriv beloppet som ett tal i hela kronor, noll eller mer.",
        )
        return None
    whole = _whole(value)
    if whole is None:
        rounded = Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        fail(
            AMOUNT_AS_TEXT,
            f"Beloppet {where} är inte i hela kronor: {_shown(value)}.",
            f"Skriv beloppet i hela kronor, till exempel {int(rounded)}.",
        )
        return None
    return whole


def _real_percent(number_format: str) -> bool:
    """The cell's format shows a fraction as percent (0.5 as 50 %): a '%' that is no literal."""
    plain = re.sub(r'"[^"]*"|\\.', "", number_format or "")
    return "%" in plain


class Cells(NamedTuple):
    """Where the reader found the parts of the Budget sheet."""

    header: int
    columns: dict[str, int]  # column key -> column number
    years: dict[int, int]  # year -> column number
    sums: int  # the row of the sums heading: the table ends above it


class Reader:
    """Reads one workbook; ``findings`` collects every problem."""

    def __init__(self, book: Workbook, rel: str, forbund: Forbund, template: Template) -> None:
        self.book = book
        self.rel = rel
        self.forbund = forbund
        self.template = template
        self.findings: list[Finding] = []
        self.sheet: Worksheet | None = None
        self.categories: dict[str, str] = {}
        for category in (*template.categories, *template.forbidden):
            self.categories.setdefault(normal(category.id), category.id)
            self.categories.setdefault(normal(category.name), category.id)
        self.parties: dict[str, str] = {}
        for party in forbund.parties.values():
            self.parties.setdefault(normal(party.id), party.id)
            self.parties.setdefault(normal(party.name), party.id)
        self.financing = {normal(label): key for key, label in FINANCING_LABELS.items()}
        for key, words in (
            (SOUGHT, ("forbundet", "förbundet", "sökt från förbundet", "söks")),
            (OWN, ("egen", "egenfinansiering", "eget")),
        ):
            for word in words:
                self.financing.setdefault(word, key)

    # --- places and findings -------------------------------------------------------------

    def place(self, row: int, column: int) -> str:
        title = self.sheet.title if self.sheet is not None else BUDGET_SHEET
        name = title if re.fullmatch(r"\w+", title) else "'" + title.replace("'", "''") + "'"
        return f"{name}!{get_column_letter(column)}{row}"

    def add(self, info: RuleInfo, row: int, column: int, message: str, hint: str = "") -> None:
        place = self.place(row, column) if row else (self.sheet.title if self.sheet else "")
        self.findings.append(info.finding(self.rel, row, column, message, hint, place=place))

    # --- structure ---------------------------------------------------------------------

    def budget_sheet(self) -> Worksheet | None:
        names = self.book.sheetnames
        found = next((n for n in names if normal(n) == normal(BUDGET_SHEET)), None)
        sheet = self.book[found] if found is not None else None
        if isinstance(sheet, Worksheet):
            return sheet
        self.add(
            TEMPLATE_CHANGED,
            0,
            0,
            f"Arbetsboken har inget blad med tabeller som heter {BUDGET_SHEET}.",
            f"Bladen heter {lista([f'”{_shown(n)}”' for n in names])}. Fyll i förbundets "
            "budgetmall och behåll bladet Budget som det är.",
        )
        return None

    def template_years(self) -> list[int]:
        """The years the template was made with, as the lists sheet records them."""
        if LISTS_SHEET not in self.book.sheetnames:
            return []
        lists = self.book[LISTS_SHEET]
        if not isinstance(lists, Worksheet):
            return []
        for row in lists.iter_rows(min_row=1, max_row=min(lists.max_row, 20)):
            for index, cell in enumerate(row):
                if normal(cell.value) == normal(YEARS_LABEL):
                    values = [c.value for c in row[index + 1 :]]
                    return [y for v in values if _is_number(v) and (y := _whole(v)) is not None]
        return []

    def locate(self, sheet: Worksheet) -> Cells | None:
        header = None
        for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, MAX_HEADER_SEARCH)):
            labels = {normal(c.value) for c in row}
            if normal(KATEGORI.header) in labels and normal(BENAMNING.header) in labels:
                header = row[0].row
                break
        if header is None:
            self.add(
                TEMPLATE_CHANGED,
                0,
                0,
                "Budgetens rubrikrad med Kategori, Benämning, Part och de andra kolumnerna "
                "finns inte på bladet Budget.",
                "Fyll i förbundets budgetmall och låt dess rubriker stå kvar som de är.",
            )
            return None
        columns: dict[str, int] = {}
        years: dict[int, int] = {}
        problems = len(self.findings)
        for number, cell in enumerate(sheet[header], start=1):
            value = cell.value
            if _empty(value):
                continue
            year = _year_header(value)
            column = KNOWN.get(normal(value))
            key = str(year) if year is not None else column.key if column is not None else None
            if key is None:
                continue  # a column of the official's own; nothing in it is read
            if key in columns:
                self.add(
                    TEMPLATE_CHANGED,
                    header,
                    number,
                    f"Kolumnen ”{_shown(value)}” finns två gånger i rubrikraden.",
                    "Ta bort den extra kolumnen: varje uppgift och varje år har en kolumn.",
                )
                continue
            columns[key] = number
            if year is not None:
                years[year] = number
        needed = list(REQUIRED)
        if any(c.needs_motivation for c in self.template.categories):
            needed.append(MOTIVERING)
        for column in needed:
            if column.key not in columns:
                self.add(
                    TEMPLATE_CHANGED,
                    header,
                    1,
                    f"Kolumnen ”{column.header}” saknas i budgetens rubrikrad (rad {header}).",
                    "Mallens kolumner tas inte bort. Fyll i en ny budgetmall, eller lägg "
                    "tillbaka kolumnen med sin rubrik.",
                )
        for year in self.template_years():
            if year not in years:
                self.add(
                    TEMPLATE_CHANGED,
                    header,
                    1,
                    f"Kolumnen för år {year} saknas i budgetens rubrikrad (rad {header}).",
                    "Mallens årskolumner tas inte bort; ett år utan kostnader lämnas tomt.",
                )
        if len(self.findings) > problems:
            return None
        category = columns[KATEGORI.key]
        sums = next(
            (
                row
                for row in range(header + 1, sheet.max_row + 1)
                if normal(sheet.cell(row=row, column=category).value) == normal(SUMS_HEADING)
            ),
            None,
        )
        if sums is None:
            self.add(
                TEMPLATE_CHANGED,
                header,
                category,
                f"Summorna under budgetens rader (rubriken ”{SUMS_HEADING}”) saknas.",
                "Mallens summor tas inte bort. Fyll i en ny budgetmall.",
            )
            return None
        return Cells(header, columns, dict(sorted(years.items())), sums)

    def merged(self, sheet: Worksheet, cells: Cells) -> None:
        last_column = max(cells.columns.values())
        for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            if (
                merged.max_row < cells.header
                or merged.min_row >= cells.sums
                or merged.min_col > last_column
            ):
                continue
            self.add(
                MERGED_CELLS,
                merged.min_row,
                merged.min_col,
                f"Cellerna {merged.coord} i budgetens tabell är sammanfogade.",
                "Dela upp dem (Koppla bort celler / Ta bort sammanfogning) och skriv varje "
                "uppgift och varje års belopp i sin egen cell.",
            )

    # --- rows -----------------------------------------------------------------------

    def read(self) -> str | None:
        sheet = self.budget_sheet()
        if sheet is None:
            return None
        self.sheet = sheet
        cells = self.locate(sheet)
        if cells is None:
            return None
        self.merged(sheet, cells)
        rows: list[dict[str, Any]] = []
        table: list[Row] = []
        previous: Row | None = None  # the last row that is not a further size of posts
        for number in range(cells.header + 1, cells.sums):
            row = Row(self, sheet, cells, number)
            if row.empty:
                continue
            table.append(row)
            if row.continuation:
                above = previous
                if above is not None and above.has_errors:
                    continue  # the row above is a finding already; its posts are not read
                if above is not None and above.data and "tjanster" in above.data:
                    if row.post is not None:
                        above.data["tjanster"].append(row.post)
                elif not row.has_errors:
                    self.add(
                        INVALID_VALUE,
                        number,
                        cells.columns[GRAD.key],
                        f"Rad {number} anger bara tjänster (antal och tjänstgöringsgrad), men "
                        "raden ovanför anger inget antal tjänster att lägga dem till.",
                        "En rad med bara antal och tjänstgöringsgrad är en annan storlek av "
                        "tjänster i raden direkt ovanför, som då också anger antal tjänster. "
                        "Annars: fyll i kategori, benämning, part, finansiering och belopp.",
                    )
                continue
            previous = row
            if len(rows) == MAX_ROWS:
                self.add(
                    INVALID_VALUE,
                    number,
                    cells.columns[KATEGORI.key],
                    f"Budgeten har fler än {tal(MAX_ROWS)} rader.",
                    "Slå ihop kostnader av samma slag på en rad.",
                )
                break
            if row.data is not None:
                rows.append(row.data)
        if not table and not has_errors(self.findings):
            self.add(
                INVALID_VALUE,
                cells.header + 1,
                cells.columns[KATEGORI.key],
                "Budgetmallen har inga ifyllda rader.",
                "Fyll i en rad per kostnad: kategori, benämning, part, finansiering och belopp.",
            )
        Sums(self, sheet, cells, table).check()
        groups = Groups(self, sheet, cells).read()
        if has_errors(self.findings):
            return None
        return budget_yaml(rows, groups, schema_url(self.forbund, self.template, "budget"))


def _year_header(value: object) -> int | None:
    """The year a column heading names: 2025, '2025' or 2025.0 (as a sheet may store it)."""
    if _is_number(value):
        assert isinstance(value, (int, float))
        whole = _whole(value)
        return whole if whole is not None and 1900 <= whole <= 2200 else None
    if isinstance(value, str) and re.fullmatch(r"\s*(19|20|21)[0-9]{2}\s*", value):
        return int(value)
    return None


class Row:
    """One row of the table, read into the fields of a budget row."""

    def __init__(self, reader: Reader, sheet: Worksheet, cells: Cells, number: int) -> None:
        self.reader = reader
        self.number = number
        self.cells = cells
        self.values: dict[str, Any] = {}
        self.formats: dict[str, str] = {}
        self.has_errors = False
        self.data: dict[str, Any] | None = None
        self.post: dict[str, Any] | None = None
        self.numbers: dict[str, float] = {}  # the amounts as the sheet's formulas count them
        self.blocked: set[str] = set()  # cells with a formula or an error: never read
        inputs = {k: c for k, c in cells.columns.items() if k != RADSUMMA.key}
        for key, column in inputs.items():
            cell = sheet.cell(row=number, column=column)
            if _is_formula(cell):
                self.values[key] = cell.value  # not empty, but never read as a value
                self.blocked.add(key)
                self.fail(
                    FORMULA_AS_INPUT,
                    key,
                    f"Cellen {get_column_letter(column)}{number} innehåller en formel "
                    f"({_shown(_formula_text(cell.value))}), inte ett värde.",
                    "Skriv in värdet självt. Kopiera och klistra in som värden om det räknats "
                    "fram någon annanstans.",
                )
                continue
            if cell.data_type == "e":
                self.values[key] = cell.value
                self.blocked.add(key)
                self.fail(
                    INVALID_VALUE,
                    key,
                    f"Cellen {get_column_letter(column)}{number} visar felet {_shown(cell.value)}.",
                    "Skriv in värdet självt.",
                )
                continue
            value = cell.value
            if isinstance(value, str) and not value.strip():
                value = None
            self.values[key] = value
            self.formats[key] = cell.number_format or ""
            if value is not None and self.is_amount(key) and _is_number(value):
                self.numbers[key] = float(value)
        # "Nej" in I natura alone says nothing: an official may have chosen it down the column.
        said = {
            k: v
            for k, v in self.values.items()
            if v is not None and not (k == I_NATURA.key and normal(v) in (normal(NO), "false"))
        }
        self.empty = not said
        self.continuation = bool(said) and set(said) <= {GRAD.key, ANTAL.key}
        if self.empty:
            return
        if self.continuation:
            self.post = self.read_post()
            return
        self.data = self.read_row()

    def is_amount(self, key: str) -> bool:
        return key == HELA.key or key.isdigit()

    def column(self, key: str) -> int:
        return self.cells.columns[key]

    def fail(self, info: RuleInfo, key: str, message: str, hint: str = "") -> None:
        self.has_errors = True
        self.reader.add(info, self.number, self.column(key), message, hint)

    @property
    def label(self) -> str:
        value = self.usable(BENAMNING.key)
        return "" if value is None else _shown(_text(value))

    def usable(self, key: str) -> Any:
        """The value of a cell that holds neither a formula nor an error (each already a
        finding), or None."""
        return None if key in self.blocked else self.values.get(key)

    def on_row(self) -> str:
        return f"på raden ”{self.label}”" if self.label else f"på rad {self.number}"

    # --- the fields -------------------------------------------------------------------

    def read_row(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        category = self.read_category()
        label = self.read_label()
        party = self.read_party()
        financing = self.read_financing()
        in_kind = self.read_in_kind()
        percent = self.read_percent()
        count = self.read_count()
        start, end = self.read_date(START.key), self.read_date(SLUT.key)
        amounts, whole = self.read_amounts()
        motivation = self.read_motivation()
        if financing == SOUGHT and party is None and self.values.get(PART.key) is None:
            self.fail(
                INVALID_VALUE,
                PART.key,
                f"Raden ”{self.label}” söks från förbundet men anger ingen part."
                if self.label
                else f"Rad {self.number} söks från förbundet men anger ingen part.",
                "Välj i listan den medlem som bär kostnaden. Bara egenfinansiering som "
                "parterna står för gemensamt kan stå utan part.",
            )
        if in_kind and financing == SOUGHT:
            self.fail(
                INVALID_VALUE,
                I_NATURA.key,
                f"Raden ”{self.label}” är en insats i natura men söks från förbundet.",
                "I natura gäller bara egenfinansiering: parternas egen personal, lokaler och "
                "liknande. Välj Nej, eller Egen finansiering.",
            )
        if count is not None and percent is None and self.usable(GRAD.key) is None:
            self.fail(
                INVALID_VALUE,
                GRAD.key,
                f"Raden ”{self.label}” anger {count} tjänster men ingen tjänstgöringsgrad.",
                "Skriv varje tjänsts tjänstgöringsgrad i procent av heltid, till exempel 100.",
            )
        if (start is None) != (end is None) and not self.has_errors:
            missing = SLUT if end is None else START
            self.fail(
                INVALID_VALUE,
                missing.key,
                f"Raden ”{self.label}” anger bara {'start' if end is None else 'slut'} för "
                "perioden.",
                "Skriv både periodens start och slut (ÅÅÅÅ-MM-DD), eller ingen av dem.",
            )
        if start is not None and end is not None and start > end:
            self.fail(
                INVALID_VALUE,
                SLUT.key,
                f"Periodens slut ({end}) {self.on_row()} ligger före dess start ({start}).",
                "Kontrollera datumen.",
            )
        if self.has_errors:
            return data
        assert category is not None and label is not None and financing is not None
        data["kategori"] = category
        data["benamning"] = label
        if party is not None:
            data["part"] = party
        data["finansiering"] = financing
        if in_kind:
            data["i_natura"] = True
        if count is not None and percent is not None:
            data["tjanster"] = [{"antal": count, "tjanstgoringsgrad": percent}]
        elif percent is not None:
            data["tjanstgoringsgrad"] = percent
        if start is not None and end is not None:
            data["period"] = {"start": start, "slut": end}
        if motivation:
            data["motivering"] = motivation
        if amounts:
            data["belopp"] = amounts
        if whole is not None:
            data["belopp_totalt"] = whole
        return data

    def read_category(self) -> str | None:
        value = self.usable(KATEGORI.key)
        names = [c.name for c in self.reader.template.categories]
        listed = f"Mallens kategorier är {lista([f'”{n}”' for n in names])}."
        if value is None:
            if self.values.get(KATEGORI.key) is None:
                self.fail(
                    UNKNOWN_CATEGORY,
                    KATEGORI.key,
                    f"Raden ”{self.label}” har ingen kategori."
                    if self.label
                    else f"Rad {self.number} har ingen kategori.",
                    f"Välj kategorin i listan. {listed}",
                )
            return None
        found = self.reader.categories.get(normal(value))
        if found is None:
            self.fail(
                UNKNOWN_CATEGORY,
                KATEGORI.key,
                f"Kategorin ”{_shown(value)}” {self.on_row()} finns inte i mallen "
                f"{self.reader.template.title}.",
                f"{did_you_mean(_text(value), names)}Välj kategorin i listan. {listed}",
            )
        return found

    def read_label(self) -> str | None:
        value = self.usable(BENAMNING.key)
        if value is None:
            if self.values.get(BENAMNING.key) is None:
                self.fail(
                    INVALID_VALUE,
                    BENAMNING.key,
                    f"Rad {self.number} har ingen benämning.",
                    "Skriv vad kostnaden avser, till exempel Insatsmedarbetare 1.",
                )
            return None
        text = _text(value)
        if len(text) < 2 or len(text) > MAX_LABEL:
            self.fail(
                INVALID_VALUE,
                BENAMNING.key,
                f"Benämningen ”{_shown(text)}” på rad {self.number} är "
                f"{'för kort' if len(text) < 2 else 'för lång'}.",
                f"En benämning har mellan 2 och {MAX_LABEL} tecken.",
            )
            return None
        return text

    def read_party(self) -> str | None:
        value = self.usable(PART.key)
        if value is None:
            return None
        found = self.reader.parties.get(normal(value))
        if found is None:
            names = [p.name for p in self.reader.forbund.parties.values()]
            self.fail(
                INVALID_VALUE,
                PART.key,
                f"Parten ”{_shown(value)}” {self.on_row()} är ingen medlem i "
                f"{self.reader.forbund.name}.",
                f"{did_you_mean(_text(value), names)}Välj medlemmen i listan: {lista(names)}.",
            )
        return found

    def read_financing(self) -> str | None:
        value = self.usable(FINANSIERING.key)
        choices = f"”{FINANCING_LABELS[SOUGHT]}” eller ”{FINANCING_LABELS[OWN]}”"
        if value is None:
            if self.values.get(FINANSIERING.key) is None:
                self.fail(
                    INVALID_VALUE,
                    FINANSIERING.key,
                    f"Raden ”{self.label}” anger inte finansieringen."
                    if self.label
                    else f"Rad {self.number} anger inte finansieringen.",
                    f"Välj {choices} i listan.",
                )
            return None
        found = self.reader.financing.get(normal(value))
        if found is None:
            self.fail(
                INVALID_VALUE,
                FINANSIERING.key,
                f"Finansieringen ”{_shown(value)}” {self.on_row()} är inget av valen.",
                f"Välj {choices} i listan.",
            )
        return found

    def read_in_kind(self) -> bool:
        value = self.usable(I_NATURA.key)
        if value is None or isinstance(value, bool):
            return value is True
        answer = normal(value)
        if answer in (normal(YES), "true", "sant"):
            return True
        if answer in (normal(NO), "false", "falskt"):
            return False
        self.fail(
            INVALID_VALUE,
            I_NATURA.key,
            f"I natura ”{_shown(value)}” {self.on_row()} är varken Ja eller Nej.",
            "Välj Ja när kostnaden är parternas egen personal, lokaler eller annat de ställer "
            "till förfogande, annars Nej.",
        )
        return False

    def read_percent(self, key: str = GRAD.key) -> float | int | None:
        value = self.usable(key)
        if value is None:
            return None
        if not _is_number(value) or not math.isfinite(value):
            self.fail(
                INVALID_VALUE,
                key,
                f"Tjänstgöringsgraden ”{_shown(value)}” {self.on_row()} är inget tal.",
                "Skriv tjänstgöringsgraden som ett tal i procent av heltid, till exempel 50.",
            )
            return None
        number = float(value) * 100 if _real_percent(self.formats.get(key, "")) else value
        number = round(number, 4)
        if not 0 < number <= 100:
            self.fail(
                INVALID_VALUE,
                key,
                f"Tjänstgöringsgraden {_shown(value)} {self.on_row()} ligger utanför 0–100 %.",
                "Skriv tjänstgöringsgraden i procent av heltid: ett tal över 0 och högst 100.",
            )
            return None
        return int(number) if float(number).is_integer() else float(number)

    def read_count(self) -> int | None:
        value = self.usable(ANTAL.key)
        if value is None:
            return None
        whole = _whole(value) if _is_number(value) else None
        if whole is None or not 1 <= whole <= MAX_POSTS:
            self.fail(
                INVALID_VALUE,
                ANTAL.key,
                f"Antalet tjänster ”{_shown(value)}” {self.on_row()} är inget heltal mellan "
                f"1 och {tal(MAX_POSTS)}.",
                "Skriv hur många tjänster av den här storleken raden gäller, till exempel 2.",
            )
            return None
        return whole

    def read_post(self) -> dict[str, Any] | None:
        percent, count = self.read_percent(), self.read_count()
        if self.has_errors:
            return None
        if percent is None or count is None:
            missing = GRAD if percent is None else ANTAL
            self.fail(
                INVALID_VALUE,
                missing.key,
                f"Rad {self.number} anger {'bara antal tjänster' if percent is None else 'bara tjänstgöringsgrad'}.",
                "En annan storlek av tjänster i raden ovanför anger både antal tjänster och "
                "tjänstgöringsgrad.",
            )
            return None
        return {"antal": count, "tjanstgoringsgrad": percent}

    def read_date(self, key: str) -> dt.date | None:
        value = self.usable(key)
        if value is None:
            return None
        day: dt.date | None = None
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        elif isinstance(value, str):
            day = calendar_date(value.strip())
        if day is not None and calendar_date(day.isoformat()) is None:
            day = None
        if day is None:
            what = "Periodens start" if key == START.key else "Periodens slut"
            self.fail(
                INVALID_VALUE,
                key,
                f"{what} ”{_shown(value)}” {self.on_row()} är inget datum.",
                "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-07-01.",
            )
        return day

    def read_amounts(self) -> tuple[dict[int, int], int | None]:
        amounts: dict[int, int] = {}
        for year in self.cells.years:
            amount = self.read_amount(str(year), f"för {year}")
            if amount is not None:
                amounts[year] = amount
        whole = self.read_amount(HELA.key, "för hela insatstiden")
        given = [
            k for k in (*map(str, self.cells.years), HELA.key) if self.values.get(k) is not None
        ]
        if not given:
            first = str(next(iter(self.cells.years), HELA.key))
            self.fail(
                INVALID_VALUE,
                first if first in self.cells.columns else HELA.key,
                f"Raden ”{self.label}” har inget belopp."
                if self.label
                else f"Rad {self.number} har inget belopp.",
                "Skriv beloppet i hela kronor i årets kolumn, eller i kolumnen Hela "
                "insatstiden när det inte delas upp per år.",
            )
        elif amounts and whole is not None:
            self.fail(
                INVALID_VALUE,
                HELA.key,
                f"Raden ”{self.label}” har belopp både per år och för hela insatstiden.",
                "Skriv beloppen antingen per år eller, när de inte delas upp per år, för hela "
                "insatstiden: annars räknas kostnaden två gånger.",
            )
        return amounts, whole

    def read_amount(self, key: str, what: str) -> int | None:
        value = self.usable(key)
        if value is None:
            return None
        return read_amount(
            value,
            f"{what} {self.on_row()}",
            lambda info, message, hint: self.fail(info, key, message, hint),
        )

    def read_motivation(self) -> str | None:
        if MOTIVERING.key not in self.cells.columns:
            return None
        value = self.usable(MOTIVERING.key)
        if value is None:
            return None
        text = _text(value)
        if len(text) > MAX_MOTIVATION:
            self.fail(
                INVALID_VALUE,
                MOTIVERING.key,
                f"Motiveringen {self.on_row()} är längre än {tal(MAX_MOTIVATION)} tecken.",
                "Korta motiveringen; mer om kostnaden kan stå i ansökans text.",
            )
            return None
        return text


def _formula_text(value: object) -> str:
    if isinstance(value, ArrayFormula):
        return str(value.text)
    if isinstance(value, DataTableFormula):
        return "tabellformel"
    return str(value)


class Sums:
    """The sums below the table: each is a formula, or a number the rows give."""

    def __init__(self, reader: Reader, sheet: Worksheet, cells: Cells, rows: list[Row]) -> None:
        self.reader = reader
        self.sheet = sheet
        self.cells = cells
        self.rows = rows

    def financing(self, row: Row) -> str | None:
        value = row.values.get(FINANSIERING.key)
        return self.reader.financing.get(normal(value)) if isinstance(value, str) else None

    def party(self, row: Row) -> str | None:
        value = row.values.get(PART.key)
        return self.reader.parties.get(normal(value)) if isinstance(value, str) else None

    def total(self, key: str, financing: str | None = None, party: str | None = None) -> float:
        out = 0.0
        for row in self.rows:
            if financing is not None and self.financing(row) != financing:
                continue
            if party is not None and self.party(row) != party:
                continue
            out += row.numbers.get(key, 0.0)
        return out

    def label_rows(self) -> dict[str, int]:
        column = self.cells.columns[KATEGORI.key]
        found: dict[str, int] = {}
        for row in range(
            self.cells.sums + 1, min(self.sheet.max_row, self.cells.sums + MAX_BELOW) + 1
        ):
            value = self.sheet.cell(row=row, column=column).value
            if isinstance(value, str):
                found.setdefault(normal(value), row)
        return found

    def check(self) -> None:
        labels = self.label_rows()
        amount_keys = [*map(str, self.cells.years), HELA.key]
        sum_rows: dict[str, int] = {}
        for key, label in SUM_LABELS.items():
            row = labels.get(normal(label))
            if row is None:
                self.reader.add(
                    TEMPLATE_CHANGED,
                    self.cells.sums,
                    self.cells.columns[KATEGORI.key],
                    f"Summan ”{label}” under budgetens rader saknas.",
                    "Mallens summor tas inte bort. Fyll i en ny budgetmall.",
                )
                continue
            sum_rows[key] = row
            expected_row = 0.0
            for amount in amount_keys:
                expected = self.total(amount, None if key == "total" else key)
                expected_row += expected
                period = amount if amount != HELA.key else "hela insatstiden"
                self.compare(
                    row, self.cells.columns[amount], expected, f"{label.lower()} för {period}"
                )
            if RADSUMMA.key in self.cells.columns:
                self.compare(
                    row, self.cells.columns[RADSUMMA.key], expected_row, f"{label.lower()}, totalt"
                )
        party_heading = labels.get(normal(PARTY_HEADING))
        if party_heading is None:
            return
        columns = {
            normal(self.sheet.cell(row=party_heading, column=c).value): c
            for c in range(1, self.sheet.max_column + 1)
        }
        targets = [columns.get(normal(label)) for label in PARTY_COLUMNS]
        by_name = {normal(p.name): p.id for p in self.reader.forbund.parties.values()}
        members: dict[str, tuple[float, float]] = {}
        for name, row in labels.items():
            party = by_name.get(name)
            if party is None or row <= party_heading:
                continue
            sought = sum(self.total(a, SOUGHT, party) for a in amount_keys)
            own = sum(self.total(a, OWN, party) for a in amount_keys)
            members[party] = (sought, own)
            self._party_row(row, targets, (sought, own), self.reader.forbund.party_name(party))
        totals = (
            sum(self.total(a, SOUGHT) for a in amount_keys),
            sum(self.total(a, OWN) for a in amount_keys),
        )
        loose = labels.get(normal(NO_PARTY))
        if loose is not None and loose > party_heading:
            rest = (
                totals[0] - sum(m[0] for m in members.values()),
                totals[1] - sum(m[1] for m in members.values()),
            )
            self._party_row(loose, targets, rest, "parterna gemensamt")
        summary = labels.get(normal(PARTY_SUM))
        if summary is not None and summary > party_heading:
            self._party_row(summary, targets, totals, "alla parter")

    def _party_row(
        self, row: int, targets: list[int | None], values: tuple[float, float], who: str
    ) -> None:
        expected = (values[0], values[1], values[0] + values[1])
        words = ("sökt från förbundet", "egenfinansiering", "totalt")
        for column, value, word in zip(targets, expected, words, strict=True):
            if column is not None:
                self.compare(row, column, value, f"{word} för {who}")

    def compare(self, row: int, column: int, expected: float, what: str) -> None:
        cell = self.sheet.cell(row=row, column=column)
        if _is_formula(cell):
            return
        value = cell.value
        if value is None:
            self.reader.add(
                TEMPLATE_CHANGED,
                row,
                column,
                f"Summan {what} i {get_column_letter(column)}{row} saknas: formeln har "
                "tagits bort.",
                "Ångra ändringen, eller kopiera formeln från cellen bredvid.",
            )
            return
        if _is_number(value) and math.isfinite(value) and round(value) == round(expected):
            return
        written = (
            tal(int(value))
            if _is_number(value) and math.isfinite(value) and abs(value) < 1e15
            else f"”{_shown(value)}”"
        )
        self.reader.add(
            SUM_OVERWRITTEN,
            row,
            column,
            f"Summan {what} i {get_column_letter(column)}{row} har skrivits över med "
            f"{written}, men raderna ovanför blir {kronor(round(expected))}.",
            "Summorna räknas fram ur raderna och skrivs inte in. Ångra ändringen, eller "
            "kopiera formeln från cellen bredvid; ett belopp som saknas skrivs på en egen rad "
            "i tabellen.",
        )


class GroupCells(NamedTuple):
    """Where the reader found the table of the groups' sums per year."""

    header: int
    columns: dict[str, int]  # grupp, finansiering and each year -> column number
    years: dict[int, int]  # year -> column number


class Groups:
    """The table of a cost group's sums per year below the sums (fordelning_per_ar). A
    workbook without it is a template made before the table existed: no groups."""

    def __init__(self, reader: Reader, sheet: Worksheet, cells: Cells) -> None:
        self.reader = reader
        self.sheet = sheet
        self.cells = cells
        self.groups: dict[str, str] = {}
        for group, name in GROUP_NAMES.items():
            self.groups[normal(group)] = group
            self.groups[normal(name)] = group

    def locate(self) -> GroupCells | None:
        # The header row is what the rows hang on; the heading above it only tells a table
        # whose header is gone from a workbook made before the table existed.
        column = self.cells.columns[KATEGORI.key]
        last = min(self.sheet.max_row, self.cells.sums + MAX_BELOW)
        header = self.find(self.cells.sums + 1, last, column, GROUP_HEADER)
        if header is None:
            heading = self.find(self.cells.sums + 1, last, column, GROUPS_HEADING)
            if heading is not None:
                self.reader.add(
                    TEMPLATE_CHANGED,
                    heading,
                    column,
                    f"Rubrikraden med {GROUP_HEADER}, {GROUP_FINANCING} och åren under "
                    f"”{GROUPS_HEADING}” finns inte.",
                    "Mallens rubriker tas inte bort. Fyll i en ny budgetmall, eller skriv "
                    "tillbaka rubrikerna.",
                )
            return None
        columns = {"grupp": column}
        years: dict[int, int] = {}
        problems = len(self.reader.findings)
        for number, cell in enumerate(self.sheet[header], start=1):
            year = _year_header(cell.value)
            key = str(year) if year is not None else None
            if normal(cell.value) == normal(GROUP_FINANCING):
                key = "finansiering"
            if key is None:
                continue
            if key in columns:
                self.reader.add(
                    TEMPLATE_CHANGED,
                    header,
                    number,
                    f"Kolumnen ”{_shown(cell.value)}” finns två gånger i rubrikraden under "
                    f"”{GROUPS_HEADING}”.",
                    "Ta bort den extra kolumnen: varje år har en kolumn.",
                )
                continue
            columns[key] = number
            if year is not None:
                years[year] = number
        missing = [GROUP_FINANCING] if "finansiering" not in columns else []
        missing += [str(y) for y in self.cells.years if y not in years]
        if missing:
            # A column without its heading would drop what is written in it.
            which = "Kolumnen" if len(missing) == 1 else "Kolumnerna"
            self.reader.add(
                TEMPLATE_CHANGED,
                header,
                column,
                f"{which} {lista([f'”{m}”' for m in missing])} saknas i rubrikraden under "
                f"”{GROUPS_HEADING}” (rad {header}).",
                "Mallens rubriker tas inte bort. Skriv tillbaka rubriken, som i tabellen ovanför.",
            )
        if len(self.reader.findings) > problems:
            return None
        return GroupCells(header, columns, dict(sorted(years.items())))

    def find(self, first: int, last: int, column: int, label: str) -> int | None:
        return next(
            (
                row
                for row in range(first, last + 1)
                if normal(self.sheet.cell(row=row, column=column).value) == normal(label)
            ),
            None,
        )

    def merged(self, where: GroupCells) -> None:
        for merged in sorted(self.sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            if merged.max_row < where.header or merged.min_row > where.header + MAX_BELOW:
                continue
            if not any(merged.min_col <= c <= merged.max_col for c in where.columns.values()):
                continue  # the empty columns between the financing and the years
            self.reader.add(
                MERGED_CELLS,
                merged.min_row,
                merged.min_col,
                f"Cellerna {merged.coord} i tabellen ”{GROUPS_HEADING}” är sammanfogade.",
                "Dela upp dem (Koppla bort celler / Ta bort sammanfogning) och skriv varje "
                "uppgift och varje års belopp i sin egen cell.",
            )

    def read(self) -> list[dict[str, Any]]:
        """Each group and financing with its years, as fordelning_per_ar writes them."""
        where = self.locate()
        if where is None:
            return []
        self.merged(where)
        out: list[dict[str, Any]] = []
        seen: dict[tuple[str, str], int] = {}
        last = min(self.sheet.max_row, where.header + MAX_BELOW)
        for number in range(where.header + 1, last + 1):
            entry = self.read_row(where, number)
            if entry is None:
                continue
            key = (entry["grupp"], entry["finansiering"])
            if key in seen:
                self.reader.add(
                    INVALID_VALUE,
                    number,
                    where.columns["grupp"],
                    f"{GROUP_NAMES[key[0]]} ({FINANCING_LABELS[key[1]].lower()}) står två "
                    f"gånger i tabellen ”{GROUPS_HEADING}”, på rad {seen[key]} och {number}.",
                    "Skriv en rad per kostnadsgrupp och finansiering, med gruppens hela summa "
                    "för varje år.",
                )
                continue
            seen[key] = number
            out.append(entry)
        return out

    def read_row(self, where: GroupCells, number: int) -> dict[str, Any] | None:
        """A row of the table, or None when it is empty or a finding."""
        findings = len(self.reader.findings)
        values: dict[str, Any] = {}
        blocked: set[str] = set()  # a formula or an error: a finding already, never read
        for key, column in where.columns.items():
            cell = self.sheet.cell(row=number, column=column)
            place = f"{get_column_letter(column)}{number}"
            if _is_formula(cell):
                blocked.add(key)
                self.reader.add(
                    FORMULA_AS_INPUT,
                    number,
                    column,
                    f"Cellen {place} innehåller en formel "
                    f"({_shown(_formula_text(cell.value))}), inte ett värde.",
                    "Skriv in värdet självt. Kopiera och klistra in som värden om det räknats "
                    "fram någon annanstans.",
                )
            elif cell.data_type == "e":
                blocked.add(key)
                self.reader.add(
                    INVALID_VALUE,
                    number,
                    column,
                    f"Cellen {place} visar felet {_shown(cell.value)}.",
                    "Skriv in värdet självt.",
                )
            elif not _empty(cell.value):
                values[key] = cell.value
        if not values and not blocked:
            return None
        on_row = f"på rad {number} i tabellen ”{GROUPS_HEADING}”"
        choices = {
            "grupp": (self.groups, list(GROUP_NAMES.values()), "Kostnadsgruppen"),
            "finansiering": (
                self.reader.financing,
                [FINANCING_LABELS[SOUGHT], FINANCING_LABELS[OWN]],
                "Finansieringen",
            ),
        }
        chosen: dict[str, str] = {}
        for key, (known, names, what) in choices.items():
            if key in blocked:
                continue
            hint = f"Välj {', '.join(names[:-1])} eller {names[-1]} i listan."
            value = values.get(key)
            found = known.get(normal(value)) if value is not None else None
            if found is not None:
                chosen[key] = found
            elif value is None:
                self.reader.add(
                    INVALID_VALUE,
                    number,
                    where.columns[key],
                    f"Rad {number} i tabellen ”{GROUPS_HEADING}” anger "
                    f"{'ingen kostnadsgrupp' if key == 'grupp' else 'inte finansieringen'}.",
                    hint,
                )
            else:
                self.reader.add(
                    INVALID_VALUE,
                    number,
                    where.columns[key],
                    f"{what} ”{_shown(value)}” {on_row} är inget av valen.",
                    f"{did_you_mean(_text(value), names)}{hint}",
                )
        amounts: dict[int, int] = {}
        for year, column in where.years.items():
            if str(year) not in values:
                continue

            def fail(info: RuleInfo, message: str, hint: str, column: int = column) -> None:
                self.reader.add(info, number, column, message, hint)

            amount = read_amount(values[str(year)], f"för {year} {on_row}", fail)
            if amount is not None:
                amounts[year] = amount
        if len(self.reader.findings) > findings:
            return None
        if not amounts:
            first = next(iter(where.years.values()), where.columns["finansiering"])
            self.reader.add(
                INVALID_VALUE,
                number,
                first,
                f"Rad {number} i tabellen ”{GROUPS_HEADING}” har inget belopp.",
                "Skriv gruppens summa för varje år i årets kolumn, eller töm raden.",
            )
            return None
        return {"grupp": chosen["grupp"], "finansiering": chosen["finansiering"], "belopp": amounts}


def import_workbook(
    data: bytes, rel: str, forbund: Forbund, template: Template
) -> tuple[str | None, list[Finding]]:
    book, findings = open_workbook(data, rel)
    if book is None:
        return None, findings
    reader = Reader(book, rel, forbund, template)
    text = reader.read()
    return (None if has_errors(reader.findings) else text), reader.findings
