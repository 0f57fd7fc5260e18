"""The figures for Uppföljning Finsam as a workbook: the same records as the CSV export
(finsam.followup), with numbers as numbers and dates as dates, so nothing depends on the
reader's locale."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from finsam.followup import (
    EXPECTED_HIGH,
    EXPECTED_LOW,
    EXPORT_COLUMNS,
    record_values,
    uppfoljning_records,
)
from finsam.model.forbund import Forbund
from finsam.office.excel_layout import AMOUNT_FORMAT, DATE_FORMAT
from finsam.office.excel_template import cell_at, put_text

AMOUNT_COLUMNS = {"Budget från förbundet", "Beviljat", "Utfall"}
DATE_COLUMNS = {"Insatsen börjar", "Insatsen slutar"}
WIDTHS = {"Insats": 40, "Insatsägare": 30, "Inriktning": 22, EXPECTED_LOW: 22, EXPECTED_HIGH: 22}
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")


def followup_workbook_bytes(root: Path, forbund: Forbund, year: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = f"Uppföljning {year}"
    put_text(cell_at(sheet, 1, 1), f"Uppföljning Finsam {year} – {forbund.name}")
    cell_at(sheet, 1, 1).font = Font(bold=True, size=14)
    put_text(
        cell_at(sheet, 2, 1),
        "En rad per beviljad insats med medel för året. Förväntat antal deltagare gäller hela "
        "insatstiden enligt ansökan, inte året; deltagarna efter kön är de som årets senaste "
        "rapport anger.",
    )
    header = 4
    for number, title in enumerate(EXPORT_COLUMNS, start=1):
        cell = cell_at(sheet, row=header, column=number)
        put_text(cell, title)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(number)].width = WIDTHS.get(title, 14)
    sheet.row_dimensions[header].height = 45
    records = uppfoljning_records(root, forbund, year)
    for offset, record in enumerate(records, start=1):
        row = header + offset
        for number, (title, value) in enumerate(
            zip(EXPORT_COLUMNS, record_values(record), strict=True), start=1
        ):
            cell = cell_at(sheet, row=row, column=number)
            if value is None:
                continue
            if isinstance(value, str):
                put_text(cell, value)
                continue
            cell.value = value
            if title in AMOUNT_COLUMNS:
                cell.number_format = AMOUNT_FORMAT
            elif title in DATE_COLUMNS and isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, float):
                cell.number_format = "0.0"
    sheet.freeze_panes = f"C{header + 1}"
    last = get_column_letter(len(EXPORT_COLUMNS))
    sheet.auto_filter.ref = f"A{header}:{last}{header + max(len(records), 1)}"
    sheet.page_setup.orientation = "landscape"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
