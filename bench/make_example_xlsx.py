"""Write examples/east-1-q1-actuals.xlsx from east-1-q1-actuals.csv, the way a CRM
exports a daily activity report: a sheet named 销售日报, Chinese headers, a
department column goalsplit does not need, real Excel dates, thousands separators.

Run: python bench/make_example_xlsx.py (needs the reports extra).
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "examples" / "east-1-q1-actuals.csv"
TARGET = ROOT / "examples" / "east-1-q1-actuals.xlsx"
HEADERS = [
    "日期",
    "部门",
    "销售姓名",
    "业绩",
    "储备金额",
    "意向客户",
    "深入沟通",
    "外呼接通",
    "外呼",
]


def main() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "销售日报"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    with SOURCE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            sheet.append(
                [
                    date.fromisoformat(row["date"]),
                    "华东一组",
                    row["rep"],
                    *(
                        int(row[key])
                        for key in ("revenue", "pipeline", "intents", "deep_talks", "connects")
                    ),
                    int(row["dials"]),
                ]
            )
    for row in sheet.iter_rows(min_row=2):
        row[0].number_format = "yyyy-mm-dd"
        for cell in row[3:5]:
            cell.number_format = "#,##0"
    for letter, width in zip("ABCDEFGHI", (12, 10, 10, 10, 10, 9, 9, 9, 8), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    moment = datetime(2026, 3, 1)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.creator = "CRM export"
    workbook.save(TARGET)


if __name__ == "__main__":
    main()
