"""Báo cáo định kỳ: the rounds, who has reported in each, review (accept, return), the unit's form.

The district sees every unit of a round with its status and decides on submitted reports;
school staff see their own unit and fill in its report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.labels import SHOWN_STATUS_LABELS
from services.accounts.permissions import Action
from services.core.paging import PageRequest
from services.core.vietnamese import format_date
from services.plans.task_lists import DocumentQuery
from services.reporting.review import ReviewRow, accept_report, return_report
from services.reporting.rounds import ShownStatus, rounds_from_plan
from services.reporting.views import history_of, review_grid, rounds
from ui.context import AppContext
from ui.dialogs.reporting import TemplatesDialog
from ui.flow import FlowLayout
from ui.gates import gate
from ui.i18n import tr_label
from ui.jobs import Job, read_soon
from ui.pages.reporting.form import ReportForm
from ui.row_table import Cell, RowTable
from ui.writes import refusal_shown, run_write

_ID = Qt.ItemDataRole.UserRole
STATUS_COLOURS = {
    ShownStatus.ACCEPTED: "#c8e6c9",
    ShownStatus.SUBMITTED: "#e3f2fd",
    ShownStatus.LATE: "#ffcdd2",
    ShownStatus.RETURNED: "#ffe0b2",
    ShownStatus.DRAFT: "#fff3c4",
}
REPORT_TABLES = {"reports", "report_values", "report_narratives", "report_events", "reporting_rounds"}


class ReportsPage(QWidget):
    SHOWS = frozenset(REPORT_TABLES | {"round_units", "report_templates", "template_sections", "org_units"})
    HEADERS = ("Mã", "Đơn vị", "Cấp học", "Tình trạng", "Ngày gửi", "Đúng hạn", "Nhận xét của Phòng")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ReviewRow] = []
        self.form: ReportForm | None = None
        self.round_list = QListWidget(self)
        self.round_list.currentItemChanged.connect(lambda *_: self.leave_form())
        self.round_list.setWordWrap(True)  # a round's long name wraps instead of scrolling sideways
        self.round_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid = RowTable(self, [tr_label(h) for h in self.HEADERS], stretch=[1], free_text=[6])
        self._shows = 0  # grids read, so that choosing a round reads its grid once
        self._own_change = False  # a decision made here: its change notice re-reads nothing more
        self.grid.cellDoubleClicked.connect(lambda row, _col: self.open_form(row))
        self.summary = QLabel(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._grid_panel())
        split = QSplitter(self)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>" + self.tr("Kỳ báo cáo") + "</b>", left))
        left_layout.addWidget(self.round_list)
        split.addWidget(left)
        split.addWidget(self.stack)
        split.setSizes([260, 900])
        templates = QPushButton(self.tr("Đề cương báo cáo…"), self)
        templates.clicked.connect(lambda: TemplatesDialog(self.ctx, self).exec())
        top = QHBoxLayout()
        top.addWidget(QLabel("<h3>" + self.tr("Báo cáo định kỳ") + "</h3>", self))
        top.addStretch(1)
        top.addWidget(templates)
        from_plan = QPushButton(self.tr("Tạo kỳ từ hạn báo cáo của kế hoạch…"), self)
        gate(from_plan, self.ctx, Action.MANAGE_REPORTING)
        from_plan.clicked.connect(lambda: self.rounds_from_plan())
        top.addWidget(from_plan)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.refresh()

    def _grid_panel(self) -> QWidget:
        panel = QWidget(self)
        buttons = FlowLayout()
        reviewer = Action.REVIEW_REPORTS  # hidden on a school: it does not approve its own report
        self._decisions: list[QPushButton] = []  # enabled on a report that awaits a decision
        for text, slot, allowed in (
            (self.tr("Mở báo cáo"), lambda: self.open_form(self.grid.currentRow()), None),
            (self.tr("Duyệt"), self.accept, reviewer),
            (self.tr("Trả lại…"), self.give_back, reviewer),
            (self.tr("Lịch sử"), self.show_history, None),
        ):
            button = QPushButton(text, panel)
            button.clicked.connect(lambda _checked=False, s=slot: s())  # the flag is not a comment
            buttons.addWidget(button)
            if gate(button, self.ctx, allowed) and allowed is reviewer:
                self._decisions.append(button)
        buttons.addStretch(1)
        self.grid.currentCellChanged.connect(lambda *_: self._update_decisions())
        self._update_decisions()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        return panel

    # --- rounds and the grid ---------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the rounds; an open report form stays on screen (the grid is re-read on return)."""
        current = self.current_round()
        self.round_list.blockSignals(True)
        self.round_list.clear()
        due = self.tr("Hạn")
        for r in rounds(self.ctx.db, self.ctx.actor):
            item = QListWidgetItem(f"{r.period}\n{r.name}\n{due}: {format_date(r.due_on)}")
            item.setData(_ID, r.id)
            self.round_list.addItem(item)
            if r.id == current:
                self.round_list.setCurrentItem(item)
        self.round_list.blockSignals(False)
        if self.editing():
            self.form.reload_if_decided()
            return
        if self._own_change:
            return
        if self.round_list.count():
            self.open_round(current or self.round_list.item(0).data(_ID))
        else:
            self.summary.setText(self.empty_text())

    def editing(self) -> bool:
        """Whether a report form is what the page shows: autosaves and change notices leave it alone."""
        return self.form is not None and self.stack.currentWidget() is self.form

    def empty_text(self) -> str:
        if self.ctx.can(Action.MANAGE_REPORTING):
            return self.tr("Chưa có kỳ báo cáo nào. Bấm «Tạo kỳ từ hạn báo cáo của kế hoạch…» ở trên, "
                           "sau khi đã nhập một kế hoạch có hạn báo cáo.")  # fmt: skip
        return self.tr("Chưa có kỳ báo cáo nào. Các kỳ báo cáo đến trong gói đồng bộ của Phòng GD&ĐT "
                       "(trang Đồng bộ → «Nhập các gói nhận được…»).")  # fmt: skip

    def current_round(self) -> str | None:
        item = self.round_list.currentItem()
        return item.data(_ID) if item else None

    def open_round(self, round_id: str) -> None:
        shown = self._shows
        for n in range(self.round_list.count()):
            if self.round_list.item(n).data(_ID) == round_id:
                self.round_list.setCurrentRow(n)
        if self._shows == shown:  # choosing another round already showed it: read the grid once
            self.show_round()

    def leave_form(self) -> None:
        """Back to the units of the round, keeping what was typed in the form (saved as a draft)."""
        if self.editing() and self.form.dirty and self.form.editable and not self.form.save(quiet=True):
            answer = QMessageBox.question(
                self, self.tr("Báo cáo"),
                self.tr("Một số ô chưa đúng nên bản nháp chưa được lưu. Rời báo cáo và bỏ các thay đổi?"))  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.show_round()

    def show_round(self) -> None:
        self._shows += 1
        self.stack.setCurrentIndex(0)
        round_id = self.current_round()
        if round_id is None:
            return
        db, actor, today = self.ctx.db, self.ctx.actor, dt.date.today()
        # read, and its cells written, off the GUI thread: a round of 1,000 units takes a moment at a
        # district (the texts of a thousand rows were 20 ms of the window's time)
        def read() -> tuple[list[ReviewRow], list[tuple[Cell | str, ...]]]:
            rows = review_grid(db, actor, round_id, today)
            return rows, [self._cells(row) for row in rows]

        read_soon(self, "grid", read, self._show_rows)

    def _show_rows(self, read: tuple[list[ReviewRow], list[tuple[Cell | str, ...]]]) -> None:
        self.rows, cells = read
        self.grid.set_rows(cells)
        self._summarise()
        self._update_decisions()

    def _update_decisions(self) -> None:
        """Duyệt and Trả lại only on a report sent and not yet decided (ReviewRow.awaits_decision)."""
        number = self.grid.currentRow()
        row = self.rows[number] if 0 <= number < len(self.rows) else None
        waiting = row is not None and row.awaits_decision
        for button in self._decisions:
            button.setEnabled(waiting)
            button.setToolTip("" if waiting else self.tr("Chọn một báo cáo đơn vị đã gửi, chưa duyệt."))

    def refresh_rows(self, unit_ids: list[str]) -> None:
        """Re-read only these units' rows of the open round (after a decision on them)."""
        round_id = self.current_round()
        if round_id is None or self.editing():
            return
        rows = review_grid(self.ctx.db, self.ctx.actor, round_id, dt.date.today(), unit_ids)
        fresh = {r.unit_id: r for r in rows}
        for n, row in enumerate(self.rows):
            if row.unit_id in fresh:
                self.rows[n] = fresh[row.unit_id]
                self.grid.set_row(n, self._cells(self.rows[n]))
        self._summarise()
        self._update_decisions()

    def _cells(self, row: ReviewRow) -> tuple[Cell | str, ...]:
        sent = format_date(row.submitted_at.date()) if row.submitted_at else ""
        on_time = {True: "✓", False: self.tr("trễ"), None: ""}[row.on_time]
        shown, status = row.status, tr_label(row.status_label)
        if row.status == ShownStatus.LATE and row.report_id is not None:  # a draft past its due date
            shown, on_time = ShownStatus.DRAFT, self.tr("quá hạn")
            status = tr_label(SHOWN_STATUS_LABELS[shown])
        return (row.unit_code, row.unit_name, row.school_level, Cell(status, STATUS_COLOURS.get(shown)), sent,
                on_time, row.reviewer_comment)  # fmt: skip

    def _summarise(self) -> None:
        received = sum(1 for r in self.rows if r.status in (ShownStatus.SUBMITTED, ShownStatus.ACCEPTED))
        self.summary.setText(self.tr("{received}/{total} đơn vị đã gửi. Nhấn đúp để mở báo cáo.").format(
            received=received, total=len(self.rows)))  # fmt: skip

    def _row(self, number: int) -> ReviewRow | None:
        if not 0 <= number < len(self.rows):
            QMessageBox.information(self, self.tr("Báo cáo"), self.tr("Hãy chọn một đơn vị trong bảng."))
            return None
        return self.rows[number]

    # --- actions ---------------------------------------------------------------------

    def open_form(self, number: int) -> ReportForm | None:
        row = self._row(number)
        if row is None:
            return None
        ok, form = refusal_shown(self, self.tr("Báo cáo"), lambda: ReportForm(self.ctx, row.round_id, row.unit_id, self))
        if not ok:
            return None
        back = QPushButton(self.tr("← Về danh sách đơn vị"), form)
        back.clicked.connect(lambda: self.leave_form())
        form.layout().insertWidget(0, back)
        if self.form is not None:
            self.stack.removeWidget(self.form)
            self.form.deleteLater()
        self.form = form
        self.stack.addWidget(form)
        self.stack.setCurrentWidget(form)
        return form

    def _decided_row(self) -> ReviewRow | None:
        row = self._row(self.grid.currentRow())
        if row is not None and row.report_id is None:
            QMessageBox.information(self, self.tr("Báo cáo"), self.tr("Đơn vị này chưa có báo cáo."))
            return None
        return row

    def _decide(self, row: ReviewRow, write: Any) -> None:
        self.last_write = run_write(self, self.ctx, self.tr("Báo cáo"), write, lambda _r: self._decided(row))

    def _decided(self, row: ReviewRow) -> None:
        """Re-read the one row; the change notice that follows tells the other pages, not this one."""
        self.refresh_rows([row.unit_id])
        self._own_change = True
        QTimer.singleShot(0, lambda: setattr(self, "_own_change", False))

    def accept(self) -> None:
        row = self._decided_row()
        if row is not None:
            self._decide(row, lambda: accept_report(self.ctx.db, self.ctx.actor, row.report_id,
                                                    expected_rev=row.report_rev or None))  # fmt: skip

    def give_back(self, comment: str | None = None) -> None:
        row = self._decided_row()
        if row is None:
            return
        text = comment
        if text is None:
            text, ok = QInputDialog.getMultiLineText(
                self, self.tr("Trả lại báo cáo"),
                self.tr("Nhận xét gửi {unit} (cần sửa gì):").format(unit=row.unit_name))  # fmt: skip
            if not ok:
                return
        self._decide(row, lambda: return_report(self.ctx.db, self.ctx.actor, row.report_id, text,
                                                expected_rev=row.report_rev or None))  # fmt: skip

    def rounds_from_plan(self, document_id: str | None = None) -> Job | None:
        """One step: every sơ kết / tổng kết deadline of a plan becomes a round for the schools."""
        if document_id is None:
            docs = DocumentQuery(self.ctx.db, self.ctx.actor).fetch(PageRequest(limit=200))
            labels = [f"{d.get('reference') or ''} {d.get('title') or ''}".strip()[:100] for d in docs]
            choice, ok = QInputDialog.getItem(
                self, self.tr("Tạo kỳ báo cáo"), self.tr("Kế hoạch:"), labels, 0, False
            )
            if not ok or not labels:
                return None
            document_id = docs[labels.index(choice)]["id"]

        def told(created: list[str]) -> None:
            text = (self.tr("Đã tạo {n} kỳ báo cáo cho các trường.").format(n=len(created)) if created
                    else self.tr("Các kỳ báo cáo theo hạn của kế hoạch này đã có từ trước."))  # fmt: skip
            QMessageBox.information(self, self.tr("Tạo kỳ báo cáo"), text)

        chosen = document_id
        self.last_write = run_write(self, self.ctx, self.tr("Tạo kỳ báo cáo"),
                                    lambda: rounds_from_plan(self.ctx.db, self.ctx.actor, chosen), told)  # fmt: skip
        return self.last_write

    def show_history(self) -> None:
        row = self._row(self.grid.currentRow())
        if row is None or row.report_id is None:
            return
        lines = [f"{format_date(e.at.date())} {e.at:%H:%M} · {e.actor} · {tr_label(e.label)}"
                 + (f": {e.comment}" if e.comment else "") for e in history_of(self.ctx.db, self.ctx.actor, row.report_id)]  # fmt: skip
        QMessageBox.information(self, self.tr("Lịch sử báo cáo — {unit}").format(unit=row.unit_name),
                                "\n".join(lines) or self.tr("Chưa có sự kiện nào."))  # fmt: skip
