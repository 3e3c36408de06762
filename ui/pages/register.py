"""Văn bản: the books of incoming and outgoing documents, handling slips, numbers on issue.

Four tabs: the incoming register (vào sổ, phiếu giải quyết, in phiếu), the outgoing register
(vào sổ, giữ số, bỏ số, phát hành báo cáo, in lại bản đã phát hành), «Chờ tôi cho ý kiến» for
whoever gives the handling opinion, and «Việc xử lý văn bản của tôi». Both registers print
as ND30 books (PDF, Word, Excel) for a date range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services.accounts.permissions import Action
from services.core.vietnamese import format_date
from services.printing import KIND_LABELS
from services.register import books, handling, incoming, outgoing
from ui.context import AppContext
from ui.dialogs.register import BookDialog, HandlingDialog, IncomingDialog, OutgoingDialog
from ui.gates import gate
from ui.i18n import message_of, tr_label
from ui.jobs import run_job
from ui.slots import on_click
from ui.widgets import DataTable, LazyTab, LazyTabPage
from ui.writes import run_write, write_now

REGISTER_TABLES = {"incoming_documents", "outgoing_documents", "handling_slips", "documents"}


class _Tab(QWidget):
    def __init__(self, ctx: AppContext, page: RegisterPage, table: DataTable) -> None:
        super().__init__(page)
        self.ctx, self.page, self.table = ctx, page, table
        table.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table)

    def button(self, text: str, slot: Callable[[], Any], action: Action | None) -> QPushButton:
        button = self.table.add_action(QPushButton(text))
        on_click(button, slot)
        gate(button, self.ctx, action)
        return button

    def current(self) -> dict[str, Any] | None:
        row = self.table.current_row()
        if row is None:
            QMessageBox.information(self, self.tr("Văn bản"), self.tr("Hãy chọn một dòng trong bảng."))
        return row

    def _write(self, dialog: Any, title: str, write: Callable[[], Any]) -> tuple[bool, Any]:
        """A dialog's save: a refusal is said in the dialog, which opens again with the typing."""
        return write_now(self, self.ctx, title, write, quiet=True,
                         on_refused=lambda exc: dialog.error.setText(message_of(exc)))  # fmt: skip

    def refresh(self) -> None:
        self.table.reload()


class IncomingTab(_Tab):
    def __init__(self, ctx: AppContext, page: RegisterPage, *, waiting: bool = False) -> None:
        table = DataTable(ctx, incoming.IncomingQuery(ctx.db, ctx.actor), None,
                          title="so-van-ban-den")  # fmt: skip
        super().__init__(ctx, page, table)
        if waiting:  # what waits for this person's opinion: entries without a slip
            table.set_filters({"waiting_for": ctx.actor.username})
        else:
            self.button(self.tr("Vào sổ văn bản đến…"), self.add, Action.REGISTER_DOCUMENTS)
            self.button(self.tr("Vào sổ từ tệp…"), self.add_file, Action.REGISTER_DOCUMENTS)
        self.slip_button = self.button(self.tr("Cho ý kiến giải quyết…"), self.direct, Action.DIRECT_HANDLING)
        self.button(self.tr("In phiếu giải quyết…"), self.print_slip, Action.PRINT)
        self.button(self.tr("Mở tệp văn bản"), self.open_file, None)
        table.activated.connect(lambda _row: self.direct() if ctx.can(Action.DIRECT_HANDLING) else None)

    def add(self, file: Path | None = None) -> IncomingDialog:
        dialog = IncomingDialog(handling.staff(self.ctx.db, self.ctx.actor), self, file=file)
        self.last_dialog = dialog
        while dialog.exec() == QDialog.DialogCode.Accepted:
            value, file, save_plan = dialog.value(), dialog.file, dialog.save_plan.isChecked()
            ok, row = self._write(dialog, self.tr("Vào sổ văn bản đến"), lambda v=value, f=file, p=save_plan: incoming.register_incoming(
                self.ctx.db, self.ctx.actor, v, file=f, save_plan=p))  # fmt: skip
            if not ok:
                continue
            QMessageBox.information(self, self.tr("Vào sổ văn bản đến"),
                                    self.tr("Đã vào sổ: số đến {n}.").format(n=row.number))  # fmt: skip
            break
        return dialog

    def add_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn văn bản đến"), str(Path.home()),
                                              self.tr("Văn bản (*.docx *.pdf *.txt);;Mọi tệp (*)"))  # fmt: skip
        if path:
            self.add(Path(path))

    def direct(self) -> HandlingDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = HandlingDialog(row, handling.staff(self.ctx.db, self.ctx.actor), self)
        self.last_dialog = dialog
        while dialog.exec() == QDialog.DialogCode.Accepted:
            value = dialog.value()
            ok, _ = self._write(dialog, dialog.windowTitle(),
                                lambda v=value: handling.direct(self.ctx.db, self.ctx.actor, row["id"], **v))  # fmt: skip
            if ok:
                break
        return dialog

    def print_slip(self) -> None:
        row = self.current()
        if row is None:
            return
        slips = handling.slips_of(self.ctx.db, row["id"])
        if not slips:
            QMessageBox.information(self, self.tr("In phiếu giải quyết"),
                                    self.tr("Văn bản này chưa có phiếu giải quyết."))  # fmt: skip
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("In phiếu giải quyết"),
                                              str(Path.home() / f"phieu-giai-quyet-{row['number']}.pdf"), "PDF (*.pdf)")  # fmt: skip
        if path:
            self.last_job = run_job(self, self.ctx, self.tr("In phiếu giải quyết"),
                                    lambda _p: books.slip_pdf(self.ctx.db, self.ctx.actor, slips[-1], Path(path)))  # fmt: skip

    def open_file(self) -> None:
        row = self.current()
        if row is None:
            return
        path = incoming.incoming_file(self.ctx.db, row["id"])
        if path is None:
            QMessageBox.information(self, self.tr("Mở tệp văn bản"), self.tr("Văn bản này không có tệp lưu kèm."))
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class OutgoingTab(_Tab):
    def __init__(self, ctx: AppContext, page: RegisterPage) -> None:
        table = DataTable(ctx, outgoing.OutgoingQuery(ctx.db, ctx.actor), None, title="so-van-ban-di")
        super().__init__(ctx, page, table)
        self.button(self.tr("Vào sổ văn bản đi…"), self.add, Action.REGISTER_DOCUMENTS)
        self.button(self.tr("Giữ số…"), self.reserve, Action.REGISTER_DOCUMENTS)
        self.button(self.tr("Bỏ số…"), self.skip, Action.REGISTER_DOCUMENTS)
        self.button(self.tr("Phát hành báo cáo…"), self.issue, Action.REGISTER_DOCUMENTS)
        self.button(self.tr("In lại bản phát hành…"), self.reprint, Action.PRINT)

    def add(self, reserve: bool = False) -> OutgoingDialog:
        dialog = OutgoingDialog(self, reserve=reserve)
        self.last_dialog = dialog
        save = outgoing.reserve if reserve else outgoing.register_outgoing
        while dialog.exec() == QDialog.DialogCode.Accepted:
            value = dialog.value()
            ok, row = self._write(dialog, dialog.windowTitle(), lambda v=value: save(self.ctx.db, self.ctx.actor, v))
            if not ok:
                continue
            QMessageBox.information(self, dialog.windowTitle(), self.tr("Số văn bản: {n} ngày {d}.").format(
                n=row.number_symbol, d=format_date(row.doc_date)))  # fmt: skip
            break
        return dialog

    def reserve(self) -> None:
        self.add(reserve=True)

    def skip(self) -> None:
        row = self.table.current_row()
        held = row is not None and row["status"] == outgoing.RESERVED
        prompt = (self.tr("Bỏ số đang giữ {n}. Lý do (ghi vào sổ):").format(n=row["number_symbol"]) if held
                  else self.tr("Bỏ số tiếp theo của sổ văn bản đi. Lý do (ghi vào sổ):"))  # fmt: skip
        reason, ok = QInputDialog.getText(self, self.tr("Bỏ số"), prompt)
        if not ok:
            return
        entry = row["id"] if held else None
        self.last_write = run_write(
            self, self.ctx, self.tr("Bỏ số"), lambda: outgoing.skip(self.ctx.db, self.ctx.actor, reason, entry_id=entry),
            lambda done: QMessageBox.information(self, self.tr("Bỏ số"),
                                                 self.tr("Đã ghi bỏ số {n}.").format(n=done.number_symbol)))  # fmt: skip

    def issue(self) -> None:
        labels = [tr_label(label) for label in KIND_LABELS.values()]
        chosen, ok = QInputDialog.getItem(self, self.tr("Phát hành báo cáo"),
                                          self.tr("Báo cáo cần phát hành (lấy số tiếp theo, lưu bản PDF):"),
                                          labels, 0, False)  # fmt: skip
        if not ok:
            return
        kind = list(KIND_LABELS)[labels.index(chosen)]
        self.last_job = run_job(self, self.ctx, self.tr("Phát hành báo cáo"),
                                lambda _p: outgoing.issue_report(self.ctx.db, self.ctx.actor, kind),
                                self._issued, changes=REGISTER_TABLES)  # fmt: skip

    def _issued(self, row: outgoing.OutgoingRow) -> None:
        QMessageBox.information(self, self.tr("Phát hành báo cáo"), self.tr(
            "Đã phát hành số {n}; bản PDF được lưu trong sổ.").format(n=row.number_symbol))  # fmt: skip

    def reprint(self) -> None:
        row = self.current()
        if row is None:
            return
        if not row.get("pdf_sha256"):
            QMessageBox.information(self, self.tr("In lại"), self.tr("Số này không có bản PDF phát hành."))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("In lại bản phát hành"),
                                              str(Path.home() / (row.get("pdf_name") or "van-ban.pdf")), "PDF (*.pdf)")  # fmt: skip
        if path:
            self.last_write = run_write(self, self.ctx, self.tr("In lại"),
                                        lambda: outgoing.reprint(self.ctx.db, self.ctx.actor, row["id"], Path(path)))  # fmt: skip


class MyHandlingTab(QWidget):
    """Việc xử lý văn bản của tôi: slips that name this person, the nearest deadline first."""

    def __init__(self, ctx: AppContext, page: RegisterPage) -> None:
        super().__init__(page)
        self.ctx = ctx
        self.rows: list[handling.SlipRow] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Số đến"), self.tr("Hạn"), self.tr("Vai trò"),
                                              self.tr("Trích yếu"), self.tr("Ý kiến chỉ đạo")])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column, mode in enumerate([QHeaderView.ResizeMode.ResizeToContents] * 3
                                      + [QHeaderView.ResizeMode.Stretch] * 2):  # fmt: skip
            header.setSectionResizeMode(column, mode)
        self.done_button = QPushButton(self.tr("Báo đã giải quyết…"), self)
        on_click(self.done_button, self.finish)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.done_button)
        layout.addLayout(bottom)
        self.refresh()

    def refresh(self) -> None:
        today = dt.date.today()
        self.rows = handling.my_handling(self.ctx.db, self.ctx.actor)
        self.table.setRowCount(len(self.rows))
        for n, r in enumerate(self.rows):
            role = self.tr("Chủ trì") if r.lead_user == self.ctx.actor.username else self.tr("Phối hợp")
            late = self.tr(" (quá hạn)") if r.overdue(today) else ""
            for column, text in enumerate((r.arrival, format_date(r.deadline) + late, role, r.subject, r.opinion)):
                self.table.setItem(n, column, QTableWidgetItem(text))
        self.done_button.setEnabled(bool(self.rows))

    def finish(self) -> None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            QMessageBox.information(self, self.tr("Văn bản"), self.tr("Hãy chọn một dòng trong bảng."))
            return
        result, ok = QInputDialog.getMultiLineText(self, self.tr("Báo đã giải quyết"),
                                                   self.tr("Kết quả giải quyết:"))  # fmt: skip
        if not ok:
            return
        slip = self.rows[index].id
        self.last_write = run_write(self, self.ctx, self.tr("Báo đã giải quyết"),
                                    lambda: handling.finish(self.ctx.db, self.ctx.actor, slip, result))  # fmt: skip


class RegisterPage(LazyTabPage, QWidget):
    """The tabs are built the first time they are shown (``LazyTab``): the head's list of what
    waits for him is read first, the two books when they are opened."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget(self)
        self._places: dict[str, LazyTab] = {}
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setSpecialValueText(self.tr("Mọi năm"))
        self.year.setMinimum(1999)
        self.year.setValue(1999)
        self.year.valueChanged.connect(lambda _v: self.apply_year())
        if ctx.can(Action.DIRECT_HANDLING):  # the head: what waits for his decision comes first
            self._add("waiting", self.tr("Chờ tôi cho ý kiến"), lambda: IncomingTab(ctx, self, waiting=True))
        self._add("incoming", self.tr("Văn bản đến"), lambda: self._with_year(IncomingTab(ctx, self)))
        self._add("outgoing", self.tr("Văn bản đi"), lambda: self._with_year(OutgoingTab(ctx, self)))
        self._add("mine", self.tr("Việc xử lý văn bản của tôi"), lambda: MyHandlingTab(ctx, self))
        self.print_button = QPushButton(self.tr("In sổ…"), self)
        on_click(self.print_button, self.print_book)
        gate(self.print_button, ctx, Action.PRINT)
        top = QHBoxLayout()
        top.addWidget(QLabel("<h3>" + self.tr("Văn bản đến, văn bản đi") + "</h3>", self))
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Năm:"), self))
        top.addWidget(self.year)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.current_tab()  # the first tab is built now; the others when they are opened

    waiting = property(lambda self: self.tab("waiting"), doc="What waits for the head's opinion (or None).")
    incoming = property(lambda self: self.tab("incoming"), doc="IncomingTab")
    outgoing = property(lambda self: self.tab("outgoing"), doc="OutgoingTab")
    mine = property(lambda self: self.tab("mine"), doc="MyHandlingTab")

    def _year_filters(self) -> dict[str, Any]:
        year = self.year.value() if self.year.value() >= 2000 else None
        return {"year": year} if year else {}

    def _with_year(self, tab: _Tab) -> _Tab:
        if self._year_filters():  # a book opened after the year was chosen shows that year
            tab.table.set_filters(self._year_filters())
        return tab

    def apply_year(self) -> None:
        for key in ("incoming", "outgoing"):
            if self._places[key].widget is not None:
                self._places[key].widget.table.set_filters(self._year_filters())  # type: ignore[attr-defined]

    def show_overdue(self) -> None:
        self.show_tab("mine" if self.mine.rows else "incoming")

    def print_book(self, target: str | None = None) -> BookDialog:
        current = "out" if self.tabs.currentWidget() is self._places["outgoing"] else "in"
        dialog = BookDialog(current, self)
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return dialog
        book, start, end, suffix = dialog.value()
        if target is None:
            name = f"so-van-ban-{'den' if book == 'in' else 'di'}-{start.year}{suffix}"
            target, _ = QFileDialog.getSaveFileName(self, self.tr("In sổ"), str(Path.home() / name))
            if not target:
                return dialog
        out = Path(target if target.lower().endswith(suffix) else target + suffix)
        make = books.incoming_book if book == "in" else books.outgoing_book

        def work(_progress: Any) -> Path:
            books.save_book(make(self.ctx.db, self.ctx.actor, start, end), out)
            return out

        self.last_job = run_job(self, self.ctx, self.tr("In sổ"), work)
        return dialog

    def refresh(self) -> None:
        """The tabs built so far read again; one not yet built reads when it is opened."""
        for place in self._places.values():
            if place.widget is not None:
                place.widget.refresh()  # type: ignore[attr-defined]
