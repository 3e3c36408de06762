"""Printing benchmarks (``main.py bench``): each a ratio to the raw library doing the same work.

- progress report of a demo district (1,000 schools; 100 in quick mode) rendered to PDF by
  the service (query + document model + layout) against raw ReportLab drawing the same
  tables (chunked ``LongTable``s of Paragraph cells, repeated header rows, same fonts);
- a 100,000-row Excel export (10,000 quick) through ``export_rows`` + dimension against
  raw openpyxl write-only writing the same sheet (bold frozen header, filter, widths,
  formatted dates and numbers).
Ratio = raw seconds / service seconds (goal ≥ 0.5: at most twice the raw time).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import time
from pathlib import Path
from typing import Any

from services.printing.model import TableBlock

CHUNK = 300  # rows per raw LongTable: one huge table re-measures every remaining row at each page


def _raw_reportlab(tables: list[TableBlock], family: Any) -> float:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    start = time.perf_counter()
    style = ParagraphStyle("c", fontName=family.regular, fontSize=11, leading=13.2)
    head_style = ParagraphStyle("h", fontName=family.bold, fontSize=11, leading=13.2)
    width = landscape(A4)[0] - 45 * mm
    story = []
    for block in tables:
        total = sum(c.width for c in block.columns)
        widths = [width * c.width / total for c in block.columns]
        wrap = [c.align == "left" for c in block.columns]
        head = [Paragraph(c.label, head_style) for c in block.columns]
        rows = [[Paragraph(v, style) if wrap[i] else v for i, v in enumerate(r)] for r in block.rows]
        for first in range(0, len(rows), CHUNK):
            table = LongTable([head, *rows[first : first + CHUNK]], colWidths=widths, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("FONT", (0, 0), (-1, -1), family.regular, 11),
                    ]
                )
            )
            story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=landscape(A4), leftMargin=30 * mm, rightMargin=15 * mm, initialFontName=family.regular
    ).build(story)
    return time.perf_counter() - start


def progress_report_benchmark(schools: int) -> dict[str, Any]:
    from models.db import open_database
    from services.demo import build_demo
    from services.printing import build_report
    from services.printing.fonts import register_family
    from services.printing.pdf import render_pdf

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.sqlite"
        build_demo(str(path), schools=schools, seed=3)
        db = open_database(str(path))
        try:
            family = register_family()
            start = time.perf_counter()
            doc = build_report(db, "progress")
            built = time.perf_counter() - start
            pages = render_pdf(doc, io.BytesIO())
            service_s = time.perf_counter() - start
            tables = [b for a in doc.appendices for b in a.blocks if isinstance(b, TableBlock)]
            raw_s = _raw_reportlab(tables, family)
        finally:
            db.dispose()
    return {
        "schools": schools,
        "rows": doc.row_count(),
        "pages": pages,
        "query_s": round(built, 3),
        "service_s": round(service_s, 3),
        "raw_reportlab_s": round(raw_s, 3),
        "ratio": round(raw_s / service_s, 3),
        "goal": 0.5,
    }


def _rows(count: int) -> list[dict[str, Any]]:
    base = dt.date(2024, 1, 1)
    statuses = ["not_started", "in_progress", "done", "paused"]
    return [
        {
            "document": "123/KH-PGDĐT",
            "task_title": f"Nhiệm vụ số {i % 400}: tăng cường công tác kiểm tra, giám sát",
            "unit_name": f"Trường Tiểu học Phước Thạnh {i % 1000}",
            "school_level": "TH",
            "role": "lead",
            "occurrence": "2023-2024 HK1",
            "due_on": base + dt.timedelta(days=i % 300),
            "status": statuses[i % 4],
            "percent": (i * 7) % 101,
            "days_late": i % 30,
        }
        for i in range(count)
    ]


def _raw_openpyxl(path: Path, labels: list[str], keys: list[str], rows: list[dict[str, Any]]) -> None:
    """The same sheet by hand: bold frozen header, filter, widths, dates and numbers formatted."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("raw")
    sheet.freeze_panes = "A2"
    for index, label in enumerate(labels):
        sheet.column_dimensions[chr(65 + index)].width = max(len(label) + 2, 12)
    header = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    formats = {dt.date: "dd/mm/yyyy", int: "#,##0"}
    for row in rows:
        values = []
        for key in keys:
            value = row[key]
            fmt = formats.get(type(value))
            if fmt is None:
                values.append(value)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = fmt
            values.append(cell)
        sheet.append(values)
    sheet.auto_filter.ref = f"A1:{chr(64 + len(keys))}{len(rows) + 1}"
    workbook.save(path)


def excel_benchmark(count: int) -> dict[str, Any]:
    from services.exports import export_rows
    from services.task_views import AssignmentQuery

    rows = _rows(count)
    columns = AssignmentQuery.columns
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "service.xlsx"
        start = time.perf_counter()
        written = export_rows(target, list(columns), iter(rows), sheet_title="Việc được giao")
        service_s = time.perf_counter() - start
        start = time.perf_counter()
        _raw_openpyxl(Path(folder) / "raw.xlsx", [c.label for c in columns], [c.key for c in columns], rows)
        raw_s = time.perf_counter() - start
    return {
        "rows": written,
        "service_s": round(service_s, 3),
        "raw_openpyxl_s": round(raw_s, 3),
        "ratio": round(raw_s / service_s, 3),
        "goal": 0.5,
    }


def run_benchmarks(quick: bool = False) -> dict[str, Any]:
    return {
        "progress_pdf": progress_report_benchmark(100 if quick else 1000),
        "excel_export": excel_benchmark(10_000 if quick else 100_000),
    }
