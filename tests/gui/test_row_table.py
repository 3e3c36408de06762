"""RowTable: the service lists shown without a widget per cell; a decision re-reads one row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHeaderView

from services.reporting.rounds import ShownStatus
from services.reporting.views import review_grid, rounds
from ui.pages.reporting.reports import ReportsPage
from ui.row_table import MAX_COLUMN_WIDTH, Cell, RowTable
from ui.writes import wait_idle


def test_a_big_fill_sizes_columns_from_a_sample_and_never_by_contents(qtbot) -> None:
    table = RowTable(None, ["Mã", "Tên"], stretch=[1])
    qtbot.addWidget(table)
    rows = [(f"TH{n:04d}", f"Trường Tiểu học số {n}") for n in range(5000)]
    rows.append(("X" * 400, "dài"))  # beyond the sample: it does not widen the column
    table.set_rows(rows)
    header = table.horizontalHeader()
    assert table.rowCount() == 5001 and table.item(5000, 1).text() == "dài"
    assert all(header.sectionResizeMode(c) != QHeaderView.ResizeMode.ResizeToContents for c in range(2))
    assert table.fontMetrics().horizontalAdvance("TH0000") < table.columnWidth(0) < MAX_COLUMN_WIDTH
    assert table.columnWidth(0) < table.fontMetrics().horizontalAdvance("X" * 400)


def test_set_row_changes_one_row_without_a_reset(qtbot) -> None:
    table = RowTable(None, ["Mã", "Tình trạng"])
    qtbot.addWidget(table)
    table.set_rows([("A", "Chưa gửi"), ("B", "Đã gửi")])
    table.setCurrentCell(1, 0)
    resets, changes = [], []
    table.rows_model.modelReset.connect(lambda: resets.append(1))
    table.rows_model.dataChanged.connect(lambda a, b: changes.append((a.row(), b.row())))
    table.set_row(1, ("B", Cell("Đã duyệt", "#c8e6c9")))
    assert not resets and changes == [(1, 1)]
    assert table.item(1, 1).text() == "Đã duyệt" and table.item(1, 1).background().name() == "#c8e6c9"
    assert table.currentRow() == 1, "the clerk's place in the list is kept"


def test_accept_re_reads_only_the_decided_row(ctx, qtbot, boxes, monkeypatch) -> None:
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    hk1 = next(r.id for r in rounds(ctx.db, ctx.actor) if r.period.endswith("HK1"))
    page.open_round(hk1)
    number = next(n for n, r in enumerate(page.rows) if r.status == ShownStatus.SUBMITTED)
    page.grid.setCurrentCell(number, 0)
    asked: list[object] = []

    def spy(db, actor, round_id, today=None, unit_ids=None):
        asked.append(unit_ids)
        return review_grid(db, actor, round_id, today or dt.date.today(), unit_ids)

    monkeypatch.setattr("ui.pages.reporting.reports.review_grid", spy)
    resets: list[int] = []
    page.grid.rows_model.modelReset.connect(lambda: resets.append(1))
    page.accept()
    assert wait_idle(), "the decision is written off the GUI thread"
    assert asked == [[page.rows[number].unit_id]], "one unit re-read, not the round"
    assert not resets
    assert page.rows[number].status == ShownStatus.ACCEPTED
    assert page.grid.item(number, 3).text() == page.rows[number].status_label


def test_a_narrow_table_narrows_the_name_before_the_figures_beside_it(qtbot) -> None:
    from ui.row_table import NAME_MIN

    table = RowTable(None, ["Chỉ tiêu", "Kỳ", "Mục tiêu", "Đạt"], stretch=[0], row_numbers=False)
    qtbot.addWidget(table)
    table.resize(470, 300)
    table.show()
    qtbot.waitExposed(table)
    rows = [(f"Tỷ lệ trẻ, học sinh được giáo dục kỹ năng sống số {n}", "2023-2024 HK1", "≥ 100,0%", "Chưa đạt")
            for n in range(20)]  # fmt: skip
    table.set_rows(rows)
    metrics = table.fontMetrics()
    for column, text in ((1, "2023-2024 HK1"), (2, "≥ 100,0%"), (3, "Chưa đạt")):
        assert table.columnWidth(column) >= metrics.horizontalAdvance(text), text  # shown whole
    assert table.columnWidth(0) >= NAME_MIN - 1
    assert table.columnWidth(0) < metrics.horizontalAdvance(rows[0][0]), "the name is the one elided"
    from PySide6.QtCore import Qt

    shown = table.rows_model.data(table.rows_model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert shown == rows[0][0], "its whole text is a hover away"


def test_a_table_widened_after_its_fill_gives_the_squeezed_columns_their_room_back(qtbot) -> None:
    table = RowTable(None, ["Mã", "Tên", "Nhận xét của Phòng"], stretch=[1], row_numbers=False)
    qtbot.addWidget(table)
    table.resize(260, 200)  # a window not yet maximised
    table.show()
    qtbot.waitExposed(table)
    table.set_rows([("THCS0012", "Trường Trung học cơ sở Lê Lợi", "")])
    code = table.fontMetrics().horizontalAdvance("THCS0012")
    assert table.columnWidth(0) < code, "squeezed while narrow"
    table.resize(1200, 200)  # the clerk maximises the window
    qtbot.waitUntil(lambda: table.columnWidth(0) >= code)


def test_a_comment_column_gives_way_before_codes_and_dates(qtbot) -> None:
    from PySide6.QtCore import Qt

    from ui.row_table import FREE_TEXT_MIN, NAME_MIN

    headers = ["Mã", "Đơn vị", "Cấp học", "Tình trạng", "Ngày gửi", "Đúng hạn", "Nhận xét của Phòng"]
    table = RowTable(None, headers, stretch=[1], free_text=[6], row_numbers=False)
    qtbot.addWidget(table)
    table.resize(585, 300)  # the review grid of Báo cáo định kỳ in a 1024-px window
    table.show()
    qtbot.waitExposed(table)
    rows = [(f"THCS00{n}", f"Trường Trung học cơ sở Nguyễn Văn Số {n}", "THCS", "Trễ hạn", "05/01/2024", "quá hạn", "")
            for n in range(12)]  # fmt: skip
    table.set_rows(rows)
    metrics, bold = table.fontMetrics(), table.horizontalHeader().fontMetrics()
    for column, text in enumerate(rows[0][:6]):
        if column != 1:
            assert table.columnWidth(column) >= metrics.horizontalAdvance(text), text  # shown whole
    assert table.columnWidth(1) >= NAME_MIN - 1
    assert FREE_TEXT_MIN <= table.columnWidth(6) < bold.horizontalAdvance(headers[6]), "the comment gave way"
    tip = table.rows_model.headerData(6, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == headers[6], "its whole header is a hover away"
