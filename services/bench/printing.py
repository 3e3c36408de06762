"""Printing benchmarks (``main.py bench``): each a ratio to the raw library doing the same work.

- progress report of a demo district (1,000 schools; 100 in quick mode) rendered to PDF by
  the service (query + document model + layout) against raw ReportLab drawing the same
  tables (chunked ``LongTable``s, the same cells: a Paragraph only where the text wraps,
  repeated header rows, same fonts), each side timed from its query to the PDF;
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
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, TableStyle

    start = time.perf_counter()
    width = landscape(A4)[0] - 45 * mm
    story: list[Flowable] = []
    for block in tables:
        total = sum(c.width for c in block.columns)
        widths = [width * c.width / total for c in block.columns]
        size = block.font_size
        style = ParagraphStyle("c", fontName=family.regular, fontSize=size, leading=size * 1.2)
        head_style = ParagraphStyle("h", fontName=family.bold, fontSize=size, leading=size * 1.2)
        head = [Paragraph(c.label, head_style) for c in block.columns]
        # the same cells as the service: a Paragraph only where the text must wrap
        rows = [[v if stringWidth(v, family.regular, size) <= widths[i] - 6 and "\n" not in v else Paragraph(v, style)
                 for i, v in enumerate(r)] for r in block.rows]  # fmt: skip
        for first in range(0, len(rows), CHUNK):
            table = LongTable([head, *rows[first : first + CHUNK]], colWidths=widths, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("FONT", (0, 0), (-1, -1), family.regular, size, size * 1.2),
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
    from services.demo.district import build_demo
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


_RAW_SELECT = """SELECT d.symbol, t.title, u.name, u.school_level, a.role, a.occurrence, a.due_on, a.status,
  a.percent FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN documents d ON d.id = t.document_id
  JOIN org_units u ON u.id = a.unit_id WHERE a.deleted = 0 AND a.status != 'cancelled' ORDER BY a.due_on, a.id"""


def _raw_export(db_path: Path, out: Path, labels: list[str], keys: list[str]) -> float:
    """One SELECT through sqlite3, typed as the service types it, then raw openpyxl: query half included."""
    import sqlite3

    start = time.perf_counter()
    conn = sqlite3.connect(db_path)
    rows = [dict(zip(keys, (symbol, title, unit, level, role, occurrence,
                            dt.date.fromisoformat(due) if due else None, status, percent, 0), strict=True))
            for symbol, title, unit, level, role, occurrence, due, status, percent in conn.execute(_RAW_SELECT)]  # fmt: skip
    conn.close()
    _raw_openpyxl(out, labels, keys, rows)
    return time.perf_counter() - start


def excel_benchmark(schools: int, repeat: int = 3) -> dict[str, Any]:
    """``export-xlsx assignments`` (query, cells, openpyxl, dimension) against sqlite3 + raw openpyxl."""
    import statistics

    from services.bench.sync import interleaved, spread
    from services.bench.tasks import build_database
    from services.plans.views import AssignmentQuery
    from services.printing.xlsx import export_view

    columns = AssignmentQuery.columns
    labels, keys = [c.label for c in columns], [c.key for c in columns]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tasks.sqlite"
        db, _ids = build_database(path, schools=schools, tasks=100)
        written: list[int] = []
        try:

            def service(n: int) -> float:
                start = time.perf_counter()
                written.append(export_view(db, "assignments", Path(folder) / f"service{n}.xlsx"))
                return time.perf_counter() - start

            service_s, raw_s = interleaved(
                service, lambda n: _raw_export(path, Path(folder) / f"raw{n}.xlsx", labels, keys), repeat
            )
        finally:
            db.dispose()
    return {
        "rows": written[0],
        "service": spread(service_s),
        "raw_sqlite_openpyxl": spread(raw_s),
        "ratio": round(statistics.median(raw_s) / statistics.median(service_s), 3),
        "both_sides": "from the database to the saved .xlsx (query half included)",
        "goal": 0.5,
    }


def run_benchmarks(quick: bool = False, schools: int | None = None) -> dict[str, Any]:
    schools = schools or (100 if quick else 300)
    return {
        "progress_pdf": progress_report_benchmark(schools),
        "excel_export": excel_benchmark(schools, repeat=2 if quick else 3),
    }
