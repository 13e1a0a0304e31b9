"""The results workbook (openpyxl): a Summary sheet leading with the customer's view and
its readings, then Teams, Steps, Time budget and Settings, each a styled table."""

from __future__ import annotations

import math

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..analysis.results import Results
from ..domain.units import counted
from .readings import headline_readings
from .tables import FORMATS, Table, all_tables, customer_table

_HEADER_FILL = PatternFill("solid", fgColor="4477AA")  # the style's first colour
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_TITLE_FONT = Font(bold=True, size=14)
_NOTE_FONT = Font(italic=True, color="555555")
_RULE = Border(bottom=Side(style="thin", color="BBBBBB"))
_WIDEST = {"Reading": 70, "Value": 60}


def results_workbook(results: Results) -> Workbook:
    """The workbook, not yet saved."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    _summary_sheet(summary, results)
    for table in all_tables(results):
        sheet = workbook.create_sheet(table.name)
        _write_table(sheet, table, first_row=1)
    return workbook


def _summary_sheet(sheet: Worksheet, results: Results) -> None:
    s = results.settings
    sheet["A1"] = results.title or "Untitled map"
    sheet["A1"].font = _TITLE_FONT
    scenario = results.scenario or "none (the map as drawn)"
    sheet["A2"] = f"Scenario: {scenario}"
    sheet["A3"] = (f"The customer's view: {counted(s.replications, 'replication')} of "
                   f"{s.days:g} days "
                   f"(first {s.warmup_days:g} days warm-up), seed {s.seed}; 95% confidence "
                   "intervals. Times in the unit given on each row.")
    sheet["A3"].font = _NOTE_FONT
    table = customer_table(results)
    last = _write_table(sheet, table, first_row=5, freeze=False)
    readings = headline_readings(results)
    row = last + 2
    sheet.cell(row, 1, "In plain words").font = Font(bold=True)
    for text in readings.values():
        row += 1
        sheet.cell(row, 1, text)
    for line in results.warnings:
        row += 1
        sheet.cell(row, 1, f"Warning: {line}").font = Font(color="AA3377")


def _write_table(sheet: Worksheet, table: Table, first_row: int, freeze: bool = True) -> int:
    """Write ``table`` with a styled header from ``first_row``; returns its last row."""
    for col, title in enumerate(table.columns, start=1):
        cell = sheet.cell(first_row, col, title)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[first_row].height = 32
    for r, values in enumerate(table.rows, start=first_row + 1):
        for col, value in enumerate(values, start=1):
            kind = table.formats[col - 1]
            if table.row_formats is not None and kind == "count":
                kind = table.row_formats[r - first_row - 1]
            if isinstance(value, float) and not math.isfinite(value):
                value = None
            cell = sheet.cell(r, col, value)
            cell.border = _RULE
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell.number_format = FORMATS.get(kind, "General")
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    _fit_columns(sheet, table)
    if freeze:
        sheet.freeze_panes = sheet.cell(first_row + 1, 2)
    return first_row + len(table.rows)


def _fit_columns(sheet: Worksheet, table: Table) -> None:
    for col, title in enumerate(table.columns, start=1):
        texts = [str(row[col - 1]) for row in table.rows
                 if isinstance(row[col - 1], str)]
        longest = max([len(t) for t in texts] + [min(len(title), 18)])
        width = min(max(longest + 2, 10), _WIDEST.get(title, 48))
        sheet.column_dimensions[get_column_letter(col)].width = width
