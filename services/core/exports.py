"""Any table the GUI shows, as an .xlsx: real dates and numbers, bold frozen header, filter, widths.

Written in openpyxl's write-only mode so a 100,000-row view streams to disk instead of
building the whole workbook in memory.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from services.core import limits
from services.core.paging import ColumnSpec

MAX_WIDTH = 60
_SAMPLE_ROWS = 200  # widths come from the header and the first rows: a streamed file cannot look back


def _cell_value(column: ColumnSpec, value: Any) -> Any:
    """Dates, numbers and booleans stay typed; anything a column formats becomes its text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, (int, float, dt.date, dt.datetime)) and (column.numeric or column.format is None
                                                                  or isinstance(value, dt.date)):  # fmt: skip
        return value.replace(tzinfo=None) if isinstance(value, dt.datetime) else value
    return limits.safe(column.display(value))  # no control character reaches openpyxl


def _number_format(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return "dd/mm/yyyy hh:mm"
    if isinstance(value, dt.date):
        return "dd/mm/yyyy"
    if isinstance(value, float):
        return "#,##0.0#"
    if isinstance(value, int):
        return "#,##0"
    return None


def export_rows(path: Path, columns: list[ColumnSpec], rows: Iterable[dict[str, Any]], *,
                sheet_title: str = "Dữ liệu") -> int:  # fmt: skip
    """Write ``rows`` under ``columns``' labels; returns the number of data rows written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.freeze_panes = "A2"
    widths = [len(c.label) + 2 for c in columns]
    buffered: list[list[Any]] = []
    count = 0
    iterator = iter(rows)
    for row in iterator:
        values = [_cell_value(c, row.get(c.key)) for c in columns]
        _measure(widths, values)
        buffered.append(values)
        count += 1
        if count >= _SAMPLE_ROWS:
            break
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)
    header = []
    for column in columns:
        cell = as_text(WriteOnlyCell(sheet, value=column.label))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    for values in buffered:
        sheet.append(_typed_cells(sheet, values))
    for row in iterator:
        sheet.append(_typed_cells(sheet, [_cell_value(c, row.get(c.key)) for c in columns]))
        count += 1
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    add_dimension(path, count, len(columns))
    return count


def _measure(widths: list[int], values: list[Any]) -> None:
    for index, value in enumerate(values):
        size = 11 if isinstance(value, dt.date) else len(str(value)) if value is not None else 0
        widths[index] = max(widths[index], size + 2)


_FORMULA_STARTS = ("=", "+", "-", "@")


def looks_like_formula(value: Any) -> bool:
    """Text a spreadsheet would take for a formula (``=SUM(…)``, ``+1``, ``-x``, ``@cmd``)."""
    return isinstance(value, str) and value.startswith(_FORMULA_STARTS)


def as_text(cell: Any) -> Any:
    """Keep ``cell``'s text as text: a string cell with Excel's quote prefix, never a formula
    (openpyxl would write ``=…`` as one, and Excel re-reads ``+ - @`` as one on edit)."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _typed_cells(sheet: Any, values: list[Any]) -> list[Any]:
    cells = []
    for value in values:
        if looks_like_formula(value):
            cells.append(as_text(WriteOnlyCell(sheet, value=value)))
            continue
        fmt = _number_format(value)
        if fmt is None:
            cells.append(value)
            continue
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = fmt
        cells.append(cell)
    return cells


_SHEET = "xl/worksheets/sheet1.xml"


def add_dimension(path: Path, rows: int, columns: int) -> None:
    """Write the sheet's ``<dimension>`` that openpyxl's write-only mode leaves out.

    Without it, readers that trust the dimension (openpyxl ``read_only``: ``max_row`` is
    None) see an empty sheet. A no-op when the writer already wrote one.
    """
    with zipfile.ZipFile(path) as source, source.open(_SHEET) as sheet:
        if b"<dimension" in sheet.read(4096):
            return
    ref = f'<dimension ref="A1:{get_column_letter(max(columns, 1))}{rows + 1}"/>'.encode()
    temp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != _SHEET:
                target.writestr(item, source.read(item))
                continue
            with source.open(item) as reader, target.open(item.filename, "w", force_zip64=True) as writer:
                head = reader.read(1 << 16)
                anchor = b"</sheetPr>" if b"</sheetPr>" in head else b"<sheetViews>"
                at = head.find(anchor) + (len(anchor) if anchor == b"</sheetPr>" else 0)
                writer.write(head[:at] + ref + head[at:])
                while chunk := reader.read(1 << 20):
                    writer.write(chunk)
    os.replace(temp, path)
