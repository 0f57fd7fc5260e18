"""The Excel budget template of a mall, empty or filled in with a budget.

One sheet "Budget": a heading and short instructions, the table (one row per cost, drop-down
lists for category, member, financing and in kind), below it the sums as live formulas, per
year and for the whole period, and per member, and last a small table for a cost group's sums
per year (fordelning_per_ar). The lists live on a hidden sheet "Listor",
which also records the template's years. The sheet is protected without a password: input
cells are unlocked, headings and formulas locked, rows may be inserted.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal, NamedTuple

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from finsam.model.budget import GROUP_NAMES, OWN, SOUGHT
from finsam.model.forbund import Forbund, Template
from finsam.office.excel_layout import (
    AMOUNT_FORMAT,
    ANTAL,
    BUDGET_SHEET,
    COUNT_FORMAT,
    DATE_FORMAT,
    FINANCING_LABELS,
    GRAD,
    GROUP_FINANCING,
    GROUP_HEADER,
    GROUP_INPUT_ROWS,
    GROUPS_HEADING,
    GROUPS_NOTE,
    HELA,
    INPUT_ROWS,
    LEADING,
    LIST_NAMES,
    LISTS_SHEET,
    MOTIVERING,
    NO,
    NO_PARTY,
    PARTY_COLUMNS,
    PARTY_HEADING,
    PARTY_SUM,
    PERCENT_FORMAT,
    RADSUMMA,
    SLUT,
    START,
    SUM_LABELS,
    SUMS_HEADING,
    TEMPLATE_LABEL,
    YEAR_WIDTH,
    YEARS_LABEL,
    YES,
    Column,
)
from finsam.sv import lista

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)


class Line(NamedTuple):
    """One row of the table as the official sees it; a continuation line (another size of
    post in the row above) has only ``percent`` and ``count``."""

    category: str | None = None
    label: str | None = None
    party: str | None = None
    financing: str | None = None
    in_kind: bool = False
    percent: float | None = None
    posts: int | None = None  # antal: how many posts of this size
    start: dt.date | None = None
    end: dt.date | None = None
    amounts: Mapping[int, int] = MappingProxyType({})
    whole_period: int | None = None
    motivation: str | None = None


class GroupLine(NamedTuple):
    """One row of the table of a cost group's sums per year, as the official sees it."""

    group: str  # the group's name (Lönekostnad …)
    financing: str  # as in the budget's rows (Söks från förbundet …)
    amounts: Mapping[int, int]


def cell_at(sheet: Worksheet, row: int, column: int, value: str | int | None = None) -> Cell:
    """A cell to write (the new sheets have no merged cells), with ``value`` when given."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)
    if isinstance(value, str):
        put_text(cell, value)
    elif value is not None:
        cell.value = value
    return cell


def clean_text(value: str) -> str:
    """Text a cell can hold: no control characters, which the file format cannot store."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def put_text(cell: Cell, value: str | None) -> None:
    """A text value that stays text even when it starts with '=' (never a formula)."""
    if value is None:
        return
    cell.value = clean_text(value)
    cell.data_type = "s"


def instructions(template: Template, with_motivation: bool) -> list[str]:
    lines = [
        "Fyll i en rad per kostnad. Välj kategori, part, finansiering och I natura i listorna.",
        "Belopp skrivs i hela kronor som tal, utan mellanslag, kr eller tkr: per år i årets "
        "kolumn, eller i kolumnen Hela insatstiden när beloppet inte delas upp per år (aldrig "
        "båda på samma rad).",
        "Lönerader anger tjänstgöringsgrad i procent av heltid och periodens start och slut "
        "(ÅÅÅÅ-MM-DD). Flera tjänster i ett belopp: ange antal tjänster, och varje annan "
        "storlek på en egen rad direkt under med bara antal och tjänstgöringsgrad.",
        "Summorna under tabellen räknas fram och kan inte skrivas över. Behövs fler rader, "
        "infoga dem inne i tabellen.",
    ]
    named = [f"”{c.name}”" for c in template.categories if c.needs_motivation]
    if named:
        which = "kategorin" if len(named) == 1 else "kategorierna"
        lines.append(f"Kostnader i {which} {lista(named)} motiveras i kolumnen Motivering.")
    elif with_motivation:
        lines.append("Motivera en kostnad i kolumnen Motivering när det behövs.")
    return lines


def _lists(
    book: Workbook, forbund: Forbund, template: Template, years: Sequence[int]
) -> dict[str, str]:
    """The hidden sheet with the drop-down lists; each list's defined name."""
    sheet = book.create_sheet(LISTS_SHEET)
    lists = {
        "categories": [c.name for c in template.categories],
        "parties": [p.name for p in forbund.parties.values()],
        "financing": [FINANCING_LABELS[SOUGHT], FINANCING_LABELS[OWN]],
        "yes_no": [YES, NO],
        "groups": list(GROUP_NAMES.values()),
    }
    names = {}
    for index, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        cell_at(sheet, row=1, column=index, value=LIST_NAMES[key]).font = BOLD
        for row, value in enumerate(values, start=2):
            put_text(cell_at(sheet, row=row, column=index), value)
        last = max(len(values), 1) + 1
        reference = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${last}"
        book.defined_names[LIST_NAMES[key]] = DefinedName(LIST_NAMES[key], attr_text=reference)
        names[key] = LIST_NAMES[key]
        sheet.column_dimensions[letter].width = 34
    facts = len(lists) + 2
    cell_at(sheet, row=1, column=facts, value=TEMPLATE_LABEL).font = BOLD
    put_text(cell_at(sheet, row=1, column=facts + 1), template.label)
    cell_at(sheet, row=2, column=facts, value=YEARS_LABEL).font = BOLD
    for offset, year in enumerate(years, start=1):
        cell_at(sheet, row=2, column=facts + offset, value=year)
    cell_at(
        sheet,
        row=4,
        column=facts,
        value="Listorna används av rullistorna på bladet Budget. Ändra dem inte här.",
    )
    sheet.column_dimensions[get_column_letter(facts)].width = 14
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    return names


def _validation(
    sheet: Worksheet,
    kind: Literal["list", "decimal", "whole"],
    formula: str,
    area: str,
    title: str,
    message: str,
    operator: Literal["between", "greaterThanOrEqual"] | None = None,
    formula2: str | None = None,
) -> None:
    rule = DataValidation(
        type=kind,
        formula1=formula,
        formula2=formula2,
        operator=operator,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=message,
    )
    rule.add(area)
    sheet.add_data_validation(rule)


def _columns(years: Sequence[int], with_motivation: bool) -> list[Column]:
    year_columns = [Column(str(y), str(y), YEAR_WIDTH) for y in years]
    return [*LEADING, *year_columns, HELA, RADSUMMA, *([MOTIVERING] if with_motivation else [])]


def _sumifs(column: str, first: int, last: int, criteria: list[tuple[str, str]]) -> str:
    parts = ",".join(f"${c}${first}:${c}${last},{value}" for c, value in criteria)
    return f"SUMIFS({column}${first}:{column}${last},{parts})"


def budget_workbook_bytes(
    forbund: Forbund,
    template: Template,
    years: Sequence[int],
    lines: Sequence[Line] = (),
    with_motivation: bool | None = None,
    groups: Sequence[GroupLine] = (),
) -> bytes:
    """The template for ``template`` with the year columns ``years``, filled in with
    ``lines`` and ``groups`` (none for an empty template)."""
    years = sorted(set(years))
    if with_motivation is None:
        with_motivation = any(c.needs_motivation for c in template.categories)
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = BUDGET_SHEET
    lists = _lists(book, forbund, template, years)

    sheet["A1"] = f"Budget – {template.name}"
    sheet["A1"].font = Font(bold=True, size=14)
    put_text(sheet["A2"], f"{forbund.name}. Mall: {template.label}.")
    notes = instructions(template, with_motivation)
    for offset, text in enumerate(notes):
        put_text(cell_at(sheet, row=3 + offset, column=1), text)
    header = 3 + len(notes) + 1

    columns = _columns(years, with_motivation)
    index = {c.key: i for i, c in enumerate(columns, start=1)}
    letter = {key: get_column_letter(i) for key, i in index.items()}
    for number, spec in enumerate(columns, start=1):
        cell = cell_at(sheet, row=header, column=number, value=spec.header)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(number)].width = spec.width
    sheet.row_dimensions[header].height = 32

    count = max(INPUT_ROWS, len(lines) + 10)
    first, last = header + 1, header + count
    spacer = last + 1  # an empty row inside the formulas' ranges, where rows may be added
    amount_keys = [*(str(y) for y in years), HELA.key]
    amount_first, amount_last = letter[amount_keys[0]], letter[HELA.key]
    for row in range(first, spacer + 1):
        for spec in columns:
            cell = cell_at(sheet, row=row, column=index[spec.key])
            cell.border = BOX
            if spec is RADSUMMA:
                if row <= last:
                    span = f"{amount_first}{row}:{amount_last}{row}"
                    cell.value = f'=IF(COUNT({span})=0,"",SUM({span}))'
                cell.fill, cell.number_format = LOCKED_FILL, AMOUNT_FORMAT
                continue
            cell.protection = UNLOCKED
            if spec.key in amount_keys:
                cell.number_format = AMOUNT_FORMAT
            elif spec in (START, SLUT):
                cell.number_format = DATE_FORMAT
            elif spec is GRAD:
                cell.number_format = PERCENT_FORMAT
            elif spec is ANTAL:
                cell.number_format = COUNT_FORMAT
            elif spec is MOTIVERING:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for offset, line in enumerate(lines):
        _fill(sheet, first + offset, line, index, years)

    # The formulas' ranges run from the header row to the spacer: a row inserted anywhere
    # between them is counted (the header's texts are not).
    top, bottom = header, spacer

    def area(key: str) -> str:
        return f"{letter[key]}{first}:{letter[key]}{spacer}"

    _validation(
        sheet,
        "list",
        lists["categories"],
        area("kategori"),
        "Okänd kategori",
        "Välj en av mallens kostnadskategorier i listan.",
    )
    _validation(
        sheet,
        "list",
        lists["parties"],
        area("part"),
        "Okänd part",
        "Välj en av förbundets medlemmar i listan.",
    )
    _validation(
        sheet,
        "list",
        lists["financing"],
        area("finansiering"),
        "Okänd finansiering",
        "Välj Söks från förbundet eller Egen finansiering.",
    )
    _validation(
        sheet, "list", lists["yes_no"], area("i_natura"), "Ja eller nej", "Välj Ja eller Nej."
    )
    _validation(
        sheet,
        "decimal",
        "0",
        area(GRAD.key),
        "Tjänstgöringsgrad",
        "Skriv tjänstgöringsgraden i procent av heltid, ett tal över 0 och högst 100.",
        operator="between",
        formula2="100",
    )
    _validation(
        sheet,
        "whole",
        "1",
        area(ANTAL.key),
        "Antal tjänster",
        "Skriv antalet tjänster som ett heltal, minst 1.",
        operator="between",
        formula2="1000",
    )
    amounts_area = f"{amount_first}{first}:{amount_last}{spacer}"
    _validation(
        sheet,
        "whole",
        "0",
        amounts_area,
        "Belopp i hela kronor",
        "Skriv beloppet i hela kronor som ett tal, utan mellanslag, kr eller tkr.",
        operator="greaterThanOrEqual",
    )

    # The sums: per year and for the whole period, then per member.
    heading = spacer + 2
    cell_at(sheet, row=heading, column=1, value=SUMS_HEADING).font = Font(bold=True, size=12)
    for key in [*amount_keys, RADSUMMA.key]:
        cell = cell_at(sheet, row=heading, column=index[key])
        put_text(cell, "Totalt" if key == RADSUMMA.key else columns[index[key] - 1].header)
        cell.font, cell.fill = BOLD, HEADER_FILL
    fin, party = letter["finansiering"], letter["part"]
    sums: dict[str, int] = {}
    for offset, (key, label) in enumerate(SUM_LABELS.items(), start=1):
        row = heading + offset
        sums[key] = row
        put_text(cell_at(sheet, row=row, column=1), label)
        cell_at(sheet, row=row, column=1).font = BOLD
        for amount in amount_keys:
            col = letter[amount]
            if key == "total":
                formula = f"=SUM({col}{top}:{col}{bottom})"
            else:
                formula = "=" + _sumifs(col, top, bottom, [(fin, f'"{FINANCING_LABELS[key]}"')])
            _formula(cell_at(sheet, row=row, column=index[amount]), formula)
        _formula(
            cell_at(sheet, row=row, column=index[RADSUMMA.key]),
            f"=SUM({amount_first}{row}:{amount_last}{row})",
        )

    party_heading = sums["total"] + 2
    cell_at(sheet, row=party_heading, column=1, value=PARTY_HEADING).font = Font(bold=True, size=12)
    for offset, label in enumerate(PARTY_COLUMNS, start=2):
        cell = cell_at(sheet, row=party_heading, column=offset)
        put_text(cell, label)
        cell.font, cell.fill = BOLD, HEADER_FILL
    member_rows = []
    for offset, member in enumerate(forbund.parties.values(), start=1):
        row = party_heading + offset
        member_rows.append(row)
        put_text(cell_at(sheet, row=row, column=1), member.name)
        for column, financing in ((2, SOUGHT), (3, OWN)):
            criteria = [(party, f"$A{row}"), (fin, f'"{FINANCING_LABELS[financing]}"')]
            terms = [_sumifs(letter[a], top, bottom, criteria) for a in amount_keys]
            _formula(cell_at(sheet, row=row, column=column), "=" + "+".join(terms))
        _formula(cell_at(sheet, row=row, column=4), f"=B{row}+C{row}")
    loose = party_heading + len(member_rows) + 1
    put_text(cell_at(sheet, row=loose, column=1), NO_PARTY)
    total_column = letter[RADSUMMA.key]
    for column, financing in ((2, SOUGHT), (3, OWN)):
        c = get_column_letter(column)
        members = f"-SUM({c}{member_rows[0]}:{c}{member_rows[-1]})" if member_rows else ""
        _formula(
            cell_at(sheet, row=loose, column=column), f"={total_column}{sums[financing]}{members}"
        )
    _formula(cell_at(sheet, row=loose, column=4), f"=B{loose}+C{loose}")
    summary = loose + 1
    put_text(cell_at(sheet, row=summary, column=1), PARTY_SUM)
    cell_at(sheet, row=summary, column=1).font = BOLD
    for column in (2, 3, 4):
        c = get_column_letter(column)
        start_row = member_rows[0] if member_rows else loose
        _formula(cell_at(sheet, row=summary, column=column), f"=SUM({c}{start_row}:{c}{loose})")
        cell_at(sheet, row=summary, column=column).font = BOLD

    _group_table(sheet, template, summary + 2, {y: index[str(y)] for y in years}, lists, groups)

    sheet.freeze_panes = f"C{first}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    protection = sheet.protection
    protection.sheet = True
    # Allowed while protected (False means "not protected"): adding and removing rows inside
    # the table, and making columns and rows wider.
    protection.insertRows = False
    protection.deleteRows = False
    protection.formatColumns = False
    protection.formatRows = False

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def group_note(template: Template) -> str:
    """Which of the mall's categories make up each cost group, for the official who fills in
    the groups' years without knowing the groups."""
    parts = []
    for group, name in GROUP_NAMES.items():
        members = [c.name for c in template.categories if c.group == group]
        if members:
            parts.append(f"{name}: {lista(members)}")
    return f"Kostnadsgruppernas kategorier i mallen – {'; '.join(parts)}." if parts else ""


def _group_table(
    sheet: Worksheet,
    template: Template,
    heading: int,
    year_columns: Mapping[int, int],
    lists: dict[str, str],
    groups: Sequence[GroupLine],
) -> None:
    """The table of a cost group's sums per year, from row ``heading``: the group and the
    financing in the first two columns, each year in its column of the table above."""
    cell_at(sheet, row=heading, column=1, value=GROUPS_HEADING).font = Font(bold=True, size=12)
    put_text(cell_at(sheet, row=heading + 1, column=1), GROUPS_NOTE)
    if note := group_note(template):
        put_text(cell_at(sheet, row=heading + 2, column=1), note)
    header = heading + 3
    titles = {1: GROUP_HEADER, 2: GROUP_FINANCING} | {c: str(y) for y, c in year_columns.items()}
    for column, title in titles.items():
        cell = cell_at(sheet, row=header, column=column, value=title)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BOX
    first = header + 1
    last = header + max(GROUP_INPUT_ROWS, len(groups) + 1)
    for row in range(first, last + 1):
        for column in titles:
            cell = cell_at(sheet, row=row, column=column)
            cell.border, cell.protection = BOX, UNLOCKED
            if column in year_columns.values():
                cell.number_format = AMOUNT_FORMAT
    for row, line in enumerate(groups, start=first):
        put_text(cell_at(sheet, row=row, column=1), line.group)
        put_text(cell_at(sheet, row=row, column=2), line.financing)
        for year, amount in line.amounts.items():
            if year in year_columns:
                cell_at(sheet, row=row, column=year_columns[year], value=amount)

    def area(column: int) -> str:
        letter = get_column_letter(column)
        return f"{letter}{first}:{letter}{last}"

    _validation(
        sheet,
        "list",
        lists["groups"],
        area(1),
        "Okänd kostnadsgrupp",
        "Välj Lönekostnad, Lokalkostnad eller Övriga kostnader i listan.",
    )
    _validation(
        sheet,
        "list",
        lists["financing"],
        area(2),
        "Okänd finansiering",
        "Välj Söks från förbundet eller Egen finansiering.",
    )
    if year_columns:
        columns = sorted(year_columns.values())
        _validation(
            sheet,
            "whole",
            "0",
            f"{get_column_letter(columns[0])}{first}:{get_column_letter(columns[-1])}{last}",
            "Belopp i hela kronor",
            "Skriv gruppens summa för året i hela kronor som ett tal, utan mellanslag, kr "
            "eller tkr.",
            operator="greaterThanOrEqual",
        )


def _formula(cell: Cell, formula: str) -> None:
    cell.value = formula
    cell.number_format = AMOUNT_FORMAT
    cell.fill = LOCKED_FILL
    cell.border = BOX


def _fill(
    sheet: Worksheet, row: int, line: Line, index: dict[str, int], years: Sequence[int]
) -> None:
    def put(key: str, value: str | int | float | dt.date | None) -> None:
        if value is None:
            return
        cell = cell_at(sheet, row=row, column=index[key])
        if isinstance(value, str):
            put_text(cell, value)
        else:
            cell.value = value

    put("kategori", line.category)
    put("benamning", line.label)
    put("part", line.party)
    put("finansiering", line.financing)
    if line.in_kind:
        put("i_natura", YES)
    percent = line.percent
    whole = percent is not None and float(percent).is_integer()
    put(GRAD.key, int(percent) if whole and percent is not None else percent)
    put(ANTAL.key, line.posts)
    put(START.key, line.start)
    put(SLUT.key, line.end)
    for year, amount in line.amounts.items():
        if year in years:
            put(str(year), amount)
    put(HELA.key, line.whole_period)
    if MOTIVERING.key in index:
        put(MOTIVERING.key, line.motivation or None)
