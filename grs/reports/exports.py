"""The grievance report as a table for files: CSV and XLSX, headers in Bangla or English and
digits in Bangla or ASCII, as the reader chooses."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from grs.bangla import bn_digits
from grs.reports.columns import BREAKDOWN_COLUMNS
from grs.reports.grievance import GrievanceReport, Value

OFFICE_HEADING = {"bn": "দপ্তর", "en": "Office"}
TIER_HEADING = {"bn": "ধাপ", "en": "Tier"}
TOTAL = {"bn": "মোট", "en": "Total"}
OWN = {"bn": "(নিজ দপ্তর)", "en": "(own office)"}
BREAKDOWN = {"bn": "সেবা / অভিযোগের ধরন", "en": "Service / complaint type"}


def _number(value: Value, digits: str) -> str:
    if value is None:
        return ""
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return bn_digits(text) if digits == "bn" else text


def report_table(report: GrievanceReport, lang: str, digits: str) -> list[list[str]]:
    """Rows of the file: a header, then per tier the office rows and the total; then the
    breakdowns by service and by complaint type."""
    header = [TIER_HEADING[lang], OFFICE_HEADING[lang]]
    header += [c.label.in_language(lang) for c in report.columns]
    table = [header]
    for block in report.blocks:
        tier = block.name.in_language(lang)
        for row in [*block.rows, block.total]:
            if row.office is None:
                name = TOTAL[lang]
            else:
                name = row.office.name_en if lang == "en" and row.office.name_en else (
                    row.office.name_bn)  # fmt: skip
                name += f" {OWN[lang]}" if row.own and len(block.rows) > 1 else ""
            cells = [_number(row.values.get(c.code), digits) for c in report.columns]
            table.append([tier, name, *cells])
    table.append([])
    table.append([BREAKDOWN[lang], "", *[c.label.in_language(lang) for c in BREAKDOWN_COLUMNS]])
    for item in [*report.by_service, *report.by_type]:
        cells = [_number(item.values.get(c.code), digits) for c in BREAKDOWN_COLUMNS]
        table.append([item.label.in_language(lang), "", *cells])
    return table


def to_csv(table: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(table)
    # A byte-order mark, so spreadsheet programs read the Bangla as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: list[list[str]], title: str, digits: str, numbers: bool = True) -> bytes:
    """One sheet; with ASCII digits the figures are stored as numbers, so they add up (unless
    `numbers` is false: a listing's tracking numbers and dates stay as written)."""
    book = Workbook()
    sheet: Any = book.active
    sheet.title = title[:31]
    for line in table:
        sheet.append([_cell(value, digits) if numbers else value for value in line])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: str, digits: str) -> str | int | float:
    if digits != "ascii" or not value:
        return value
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value
