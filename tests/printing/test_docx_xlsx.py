"""Word and Excel outputs read back with python-docx and openpyxl."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from services.printing import build_report, save_report
from services.printing.xlsx import VIEWS, export_view


@pytest.mark.parametrize("kind", ["progress", "plan", "indicators"])
def test_docx_has_the_national_layout(demo_db, dated, tmp_path, kind):
    path = tmp_path / f"{kind}.docx"
    save_report(build_report(demo_db, kind, dated), path)
    document = Document(str(path))
    first = document.sections[0]
    mm = [
        round(v.mm)
        for v in (
            first.page_width,
            first.page_height,
            first.top_margin,
            first.bottom_margin,
            first.left_margin,
            first.right_margin,
        )
    ]
    assert mm == [210, 297, 20, 20, 30, 15]
    assert first.different_first_page_header_footer  # no number on page 1
    assert "PAGE" in first.header._element.xml
    header = document.tables[0]
    right = header.cell(0, 1).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert header.cell(1, 1).text.endswith("ngày 05 tháng 01 năm 2024")
    assert header.cell(1, 0).text.startswith("Số: 05/")
    texts = [p.text for p in document.paragraphs]
    assert any(t in ("BÁO CÁO", "KẾ HOẠCH") for t in texts)
    closing = next(t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận:"))
    assert closing.cell(0, 0).text.splitlines()[-1].startswith("- Lưu")
    if kind != "indicators":
        assert round(document.sections[-1].page_width.mm) == 297  # landscape appendix
        grid = document.tables[-1]
        first_row = grid._tbl.tr_lst[0]
        assert first_row.trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in grid._tbl.tr_lst)


@pytest.mark.parametrize("view", list(VIEWS))
def test_xlsx_views_read_back_typed(demo_db, tmp_path, view):
    path = tmp_path / f"{view}.xlsx"
    count = export_view(demo_db, view, path)
    fast = openpyxl.load_workbook(path, read_only=True).active
    assert fast.max_row == count + 1  # the dimension is there for readers that trust it
    sheet = openpyxl.load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert all(c.font.b for c in sheet[1])
    if view in ("tasks", "assignments", "units"):
        assert count > 0
    if view == "tasks":
        assigned = [r[5] for r in sheet.iter_rows(min_row=2, values_only=True)]
        assert all(isinstance(v, int) for v in assigned)
    if view == "assignments":
        due = [c for c in (row[6] for row in sheet.iter_rows(min_row=2)) if c.value is not None]
        assert due and all(isinstance(c.value, dt.datetime) for c in due)
        assert due[0].number_format == "dd/mm/yyyy"
        percent = [row[8].value for row in sheet.iter_rows(min_row=2)]
        assert all(isinstance(v, int) for v in percent)


def test_export_query_keeps_the_tables_search(demo_db, tmp_path):
    from services.accounts.permissions import SYSTEM
    from services.core.paging import PageRequest
    from services.plans.views import AssignmentQuery
    from services.printing.xlsx import export_query

    query = AssignmentQuery(demo_db, SYSTEM)
    everything = export_query(query, tmp_path / "all.xlsx")
    request = PageRequest(text="mam non")
    some = export_query(query, tmp_path / "some.xlsx", request)
    assert 0 < some < everything == query.count(PageRequest())
    assert some == query.count(request)


def test_every_export_writes_formula_like_text_as_text(tmp_path):
    from services.core.exports import export_rows
    from services.core.paging import ColumnSpec

    path = tmp_path / "x.xlsx"
    texts = ["=1+1", "+84 912 345 678", "-3 học sinh", "@cmd", "bình thường"]
    export_rows(path, [ColumnSpec("t", "Nội dung")], [{"t": t} for t in texts])
    sheet = openpyxl.load_workbook(path).active
    cells = [sheet.cell(n, 1) for n in range(2, 7)]
    assert [c.value for c in cells] == texts
    assert all(c.data_type == "s" for c in cells)
    assert [bool(c.quotePrefix) for c in cells] == [True, True, True, True, False]
