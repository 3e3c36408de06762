"""Dialogs of the Văn bản page: an incoming entry, an outgoing entry, the handling slip, a book.

Each dialog gathers what the person typed and returns a service input; the page saves it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.register.common import CONFIDENTIALITY, URGENCY
from services.register.incoming import IncomingInput, prefill_from_file
from services.register.outgoing import OutgoingInput
from ui.dialogs.plans.tasks import OptionalDate
from ui.slots import on_click
from ui.widgets import error_label, ok_cancel

DOC_TYPES = ["CV", "KH", "CT", "CTr", "QĐ", "BC", "TB", "HD", "TTr", "GM"]
_USER = Qt.ItemDataRole.UserRole


def _date_edit(day: dt.date | None, parent: QWidget) -> QDateEdit:
    day = day or dt.date.today()
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def _combo(values: list[str] | tuple[str, ...], parent: QWidget, blank: str = "") -> QComboBox:
    combo = QComboBox(parent)
    for value in values:
        combo.addItem(value or blank, value)
    return combo


class IncomingDialog(QDialog):
    """Vào sổ văn bản đến: the register's fields; a chosen file prefills them (plan importer)."""

    def __init__(self, users: list[tuple[str, str]], parent: QWidget | None = None, *,
                 file: Path | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vào sổ văn bản đến"))
        self.setMinimumWidth(620)
        self.file: Path | None = None
        self.arrived = _date_edit(None, self)
        self.agency = QLineEdit(self)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("ví dụ 123/KH-UBND"))
        self.doc_date = OptionalDate(None, self)
        self.doc_type = _combo(["", *DOC_TYPES], self, "—")
        self.subject = QPlainTextEdit(self)
        self.subject.setFixedHeight(64)
        self.urgency = _combo(URGENCY, self, self.tr("Thường"))
        self.secret = _combo(CONFIDENTIALITY, self, self.tr("Không"))
        self.sent_to = QLineEdit(self)
        self.for_user = QComboBox(self)
        self.for_user.addItem(self.tr("Lãnh đạo (bất kỳ)"), "")
        for username, name in users:
            self.for_user.addItem(f"{name} ({username})", username)
        self.note = QLineEdit(self)
        self.file_label = QLabel(self.tr("Chưa chọn tệp (văn bản giấy)"), self)
        self.choose = QPushButton(self.tr("Chọn tệp…"), self)
        on_click(self.choose, self.choose_file)
        self.save_plan = QCheckBox(self.tr("Lưu thành kế hoạch (nhiệm vụ, giao việc) như khi nhập kế hoạch"), self)
        self.save_plan.setEnabled(False)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.error = error_label(self)
        self._layout()
        if file is not None:
            self.load(file)

    def _layout(self) -> None:
        form = QFormLayout()
        picker = QHBoxLayout()
        picker.addWidget(self.file_label, 1)
        picker.addWidget(self.choose)
        form.addRow(self.tr("Tệp nhận được:"), picker)
        form.addRow("", self.save_plan)
        form.addRow(self.tr("Ngày đến:"), self.arrived)
        form.addRow(self.tr("Cơ quan ban hành:"), self.agency)
        form.addRow(self.tr("Số, ký hiệu:"), self.number)
        form.addRow(self.tr("Ngày văn bản:"), self.doc_date)
        form.addRow(self.tr("Loại văn bản:"), self.doc_type)
        form.addRow(self.tr("Trích yếu:"), self.subject)
        form.addRow(self.tr("Độ khẩn:"), self.urgency)
        form.addRow(self.tr("Độ mật:"), self.secret)
        form.addRow(self.tr("Đơn vị, người nhận:"), self.sent_to)
        form.addRow(self.tr("Người cho ý kiến:"), self.for_user)
        form.addRow(self.tr("Ghi chú:"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notes)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.tr("Vào sổ"), self.accept))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn văn bản đến"), str(Path.home()),
                                              self.tr("Văn bản (*.docx *.pdf *.txt);;Mọi tệp (*)"))  # fmt: skip
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Keep the file and fill in what the plan importer reads from it."""
        self.file = path
        self.file_label.setText(path.name)
        data, plan = prefill_from_file(path)
        self.save_plan.setEnabled(plan is not None)
        if data.subject:
            self.subject.setPlainText(data.subject)
        for edit, value in ((self.agency, data.agency), (self.number, data.number_symbol)):
            if value:
                edit.setText(value)
        if data.doc_date:
            self.doc_date.set_value(data.doc_date)
        if data.doc_type:
            index = self.doc_type.findData(data.doc_type)
            self.doc_type.setCurrentIndex(max(index, 0))
        self.notes.setText(self.tr("Đọc từ tệp; hãy kiểm tra lại.") + (
            " " + " ".join(data.warnings) if data.warnings else ""))  # fmt: skip

    def value(self) -> IncomingInput:
        return IncomingInput(
            subject=self.subject.toPlainText().strip(), agency=self.agency.text(), number_symbol=self.number.text(),
            doc_date=self.doc_date.value(), doc_type=self.doc_type.currentData() or "",
            arrived_on=self.arrived.date().toPython(), urgency=self.urgency.currentData() or "",
            confidentiality=self.secret.currentData() or "", sent_to=self.sent_to.text(),
            for_user=self.for_user.currentData() or "", note=self.note.text(),
        )  # fmt: skip


class HandlingDialog(QDialog):
    """Phiếu giải quyết: the head's opinion, who leads, who supports, by when."""

    def __init__(self, entry: dict[str, Any], users: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Phiếu giải quyết văn bản đến"))
        self.setMinimumWidth(560)
        about = QLabel(self.tr("Văn bản đến số {n}: {subject}").format(n=entry.get("number", ""),
                                                                     subject=entry.get("subject", "")), self)  # fmt: skip
        about.setWordWrap(True)
        self.opinion = QPlainTextEdit(self)
        self.opinion.setPlaceholderText(self.tr("Ý kiến chỉ đạo của lãnh đạo"))
        self.lead = QComboBox(self)
        self.supporters = QListWidget(self)
        self.supporters.setFixedHeight(110)
        for username, name in users:
            self.lead.addItem(f"{name} ({username})", username)
            item = QListWidgetItem(f"{name} ({username})", self.supporters)
            item.setData(_USER, username)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.deadline = OptionalDate(dt.date.today() + dt.timedelta(days=7), self)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Ý kiến:"), self.opinion)
        form.addRow(self.tr("Chủ trì:"), self.lead)
        form.addRow(self.tr("Phối hợp:"), self.supporters)
        form.addRow(self.tr("Hạn giải quyết:"), self.deadline)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.tr("Ghi phiếu"), self.accept))

    def value(self) -> dict[str, Any]:
        supporters = [self.supporters.item(i).data(_USER) for i in range(self.supporters.count())
                      if self.supporters.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
        return {"opinion": self.opinion.toPlainText(), "lead_user": self.lead.currentData() or "",
                "supporters": supporters, "deadline": self.deadline.value()}  # fmt: skip


class OutgoingDialog(QDialog):
    """Vào sổ văn bản đi (or Giữ số): the register's columns; the number comes from the book."""

    def __init__(self, parent: QWidget | None = None, *, reserve: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Giữ số văn bản đi") if reserve else self.tr("Vào sổ văn bản đi"))
        self.setMinimumWidth(560)
        self.subject = QPlainTextEdit(self)
        self.subject.setFixedHeight(64)
        self.doc_type = _combo(DOC_TYPES, self)
        self.symbol = QLineEdit(self)
        self.symbol.setPlaceholderText(self.tr("để trống: theo loại văn bản, ví dụ BC-PGDĐT"))
        self.day = _date_edit(None, self)
        self.signer = QLineEdit(self)
        self.recipients = QPlainTextEdit(self)
        self.recipients.setPlaceholderText(self.tr("Mỗi nơi nhận một dòng"))
        self.recipients.setFixedHeight(72)
        self.archive = QLineEdit("VT", self)
        self.copies = QSpinBox(self)
        self.copies.setRange(0, 10_000)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Trích yếu:"), self.subject)
        form.addRow(self.tr("Loại văn bản:"), self.doc_type)
        form.addRow(self.tr("Ký hiệu:"), self.symbol)
        form.addRow(self.tr("Ngày văn bản:"), self.day)
        form.addRow(self.tr("Người ký:"), self.signer)
        form.addRow(self.tr("Nơi nhận:"), self.recipients)
        form.addRow(self.tr("Nơi lưu bản:"), self.archive)
        form.addRow(self.tr("Số lượng bản:"), self.copies)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, self.tr("Giữ số") if reserve else self.tr("Vào sổ"), self.accept))

    def value(self) -> OutgoingInput:
        lines = [line.strip() for line in self.recipients.toPlainText().splitlines() if line.strip()]
        return OutgoingInput(subject=self.subject.toPlainText().strip(), doc_type=self.doc_type.currentData(),
                             symbol=self.symbol.text().strip(), doc_date=self.day.date().toPython(),
                             signer=self.signer.text(), recipients=lines, archive=self.archive.text(),
                             copies=self.copies.value())  # fmt: skip


class BookDialog(QDialog):
    """In sổ: which register, from which day to which, and the file (.pdf, .docx, .xlsx)."""

    def __init__(self, book: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("In sổ đăng ký văn bản"))
        today = dt.date.today()
        self.book = QComboBox(self)
        self.book.addItem(self.tr("Sổ đăng ký văn bản đến"), "in")
        self.book.addItem(self.tr("Sổ đăng ký văn bản đi"), "out")
        self.book.setCurrentIndex(0 if book == "in" else 1)
        self.start = _date_edit(dt.date(today.year, 1, 1), self)
        self.end = _date_edit(dt.date(today.year, 12, 31), self)
        self.format = QComboBox(self)
        for label, suffix in ((self.tr("PDF (in ký)"), ".pdf"), (self.tr("Word"), ".docx"),
                              (self.tr("Excel"), ".xlsx")):  # fmt: skip
            self.format.addItem(label, suffix)
        form = QFormLayout()
        form.addRow(self.tr("Sổ:"), self.book)
        form.addRow(self.tr("Từ ngày:"), self.start)
        form.addRow(self.tr("Đến ngày:"), self.end)
        form.addRow(self.tr("Định dạng:"), self.format)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, self.tr("In sổ"), self.accept))

    def value(self) -> tuple[str, dt.date, dt.date, str]:
        return (self.book.currentData(), self.start.date().toPython(), self.end.date().toPython(),
                self.format.currentData())  # fmt: skip
