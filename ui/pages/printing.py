"""In ấn & xuất: choose a report and its scope, edit the header, preview, print, save as PDF or Word.

The document is built and laid out on the background job helper (a progress report for
hundreds of schools takes seconds); the preview is QtPdf's view of the very PDF that is
saved or printed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from services.accounts.office import get_print_settings
from services.accounts.permissions import Action
from services.core.paging import PageRequest
from services.plans.task_lists import DocumentQuery
from services.printing.common import ReportOptions
from services.printing.header import HeaderOverrides
from services.printing.kinds import KIND_LABELS, KINDS, build_report, save_report
from services.printing.reporting_data import round_units
from services.reporting.views import rounds
from ui.context import AppContext
from ui.flow import FlowLayout
from ui.gates import gate
from ui.i18n import tr_label
from ui.jobs import Job, read_soon, run_job
from ui.slots import on_click

NEEDS = {"plan": "document", "assignments": "document", "progress": "document",
         "unit-report": "unit", "synthesis": "round", "indicators": "round"}  # fmt: skip


class PrintingPage(QWidget):
    SHOWS = frozenset({"documents", "reporting_rounds", "round_units", "org_units", "settings"})
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.folder = tempfile.TemporaryDirectory(prefix="edudesk-print-")
        self.preview_path: Path | None = None
        self.last_job: Job | None = None
        self.kinds = QListWidget(self)
        for kind in KINDS:
            self.kinds.addItem(tr_label(KIND_LABELS[kind]))
        self.kinds.setMaximumHeight(130)
        self.kinds.currentRowChanged.connect(lambda _r: self._scope_changed())
        self.document, self.round, self.unit = QComboBox(self), QComboBox(self), QComboBox(self)
        self.round.currentIndexChanged.connect(lambda _i: self._fill_units())
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("để trống: văn thư ghi khi vào sổ"))
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText(self.tr("để trống: dựng từ văn bản, kỳ báo cáo"))
        self.place = QLineEdit(self)
        self.parent_body = QLineEdit(self)
        self.issuing_body = QLineEdit(self)
        self.authority = QComboBox(self)
        for text, value in ((self.tr("Ký trực tiếp"), ""), ("TM.", "TM."), ("KT.", "KT."), ("Q.", "Q."),
                            ("TL.", "TL."), ("TUQ.", "TUQ.")):  # fmt: skip
            self.authority.addItem(text, value)
        self.signer_title = QLineEdit(self)
        self.signer = QLineEdit(self)
        self.recipients = QPlainTextEdit(self)
        self.recipients.setMaximumHeight(90)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self)
        self._layout()
        self.refresh()
        self.kinds.setCurrentRow(0)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Văn bản:"), self.document)
        form.addRow(self.tr("Kỳ báo cáo:"), self.round)
        form.addRow(self.tr("Đơn vị:"), self.unit)
        form.addRow(self.tr("Số văn bản:"), self.number)
        form.addRow(self.tr("Ngày ký:"), self.date)
        form.addRow(self.tr("Trích yếu:"), self.subject)
        form.addRow(self.tr("Cơ quan chủ quản:"), self.parent_body)
        form.addRow(self.tr("Cơ quan ban hành:"), self.issuing_body)
        form.addRow(self.tr("Địa danh:"), self.place)
        form.addRow(self.tr("Thẩm quyền ký:"), self.authority)
        form.addRow(self.tr("Chức vụ người ký:"), self.signer_title)
        form.addRow(self.tr("Người ký:"), self.signer)
        form.addRow(self.tr("Nơi nhận:"), self.recipients)
        buttons = FlowLayout()
        for text, slot in ((self.tr("Xem trước"), self.preview), (self.tr("In…"), self.print_preview),
                           (self.tr("Lưu PDF…"), lambda: self.save(".pdf")),
                           (self.tr("Lưu Word…"), lambda: self.save(".docx"))):  # fmt: skip
            button = QPushButton(text, self)
            on_click(button, slot)
            gate(button, self.ctx, Action.PRINT)
            buttons.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>" + self.tr("Loại báo cáo") + "</b>", left))
        left_layout.addWidget(self.kinds)
        left_layout.addLayout(form)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.status)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(self.view)
        split.setSizes([380, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>" + self.tr("In ấn & xuất") + "</h3>", self))
        layout.addWidget(split, 1)

    # --- scope -----------------------------------------------------------------------

    def refresh(self) -> None:
        """The settings, documents, rounds and the first round's units, read off the GUI thread."""
        db, actor = self.ctx.db, self.ctx.actor

        def read() -> tuple[Any, list[dict[str, Any]], list[Any], list[Any]]:
            listed = rounds(db, actor)
            return (get_print_settings(db), DocumentQuery(db, actor).fetch(PageRequest(limit=300, sort="issued_on",
                    descending=True)), listed, round_units(db, listed[0].id) if listed else [])  # fmt: skip

        read_soon(self, "scope", read, self._show_scope)

    def _show_scope(self, read: tuple[Any, list[dict[str, Any]], list[Any], list[Any]]) -> None:
        settings, documents, listed, units = read
        # The office settings show as placeholders: a field left empty keeps the default of the
        # printout (a school's head under its report, Nơi nhận by the kind of document).
        self.parent_body.setPlaceholderText(settings.parent_body)
        self.issuing_body.setPlaceholderText(settings.issuing_body)
        self.place.setPlaceholderText(settings.place)
        self.signer_title.setPlaceholderText(settings.signer_title)
        self.signer.setPlaceholderText(settings.signer_name or self.tr("theo thiết lập in"))
        self.authority.setCurrentIndex(max(self.authority.findData(settings.signer_authority.strip()), 0))
        self.recipients.setPlaceholderText(
            self.tr("để trống: theo loại văn bản") + "\n" + "\n".join(settings.recipients)
        )
        self.document.clear()
        for d in documents:
            self.document.addItem(f"{d.get('reference') or ''} {d.get('title') or ''}".strip()[:90], d["id"])
        self.round.blockSignals(True)
        self.round.clear()
        for r in listed:
            self.round.addItem(f"{r.period} — {r.name}", r.id)
        self.round.blockSignals(False)
        self._show_units(units)

    def _fill_units(self) -> None:
        round_id, db = self.round.currentData(), self.ctx.db
        read_soon(self, "units", lambda: round_units(db, round_id) if round_id else [], self._show_units)

    def _show_units(self, units: list[Any]) -> None:
        self.unit.clear()
        for u in units:
            self.unit.addItem(f"{u.name} ({u.code})", u.id)

    def kind(self) -> str:
        return list(KINDS)[max(self.kinds.currentRow(), 0)]

    def _scope_changed(self) -> None:
        need = NEEDS[self.kind()]
        self.document.setEnabled(need == "document")
        self.round.setEnabled(need in ("round", "unit"))
        self.unit.setEnabled(need == "unit")

    def options(self) -> ReportOptions:
        need = NEEDS[self.kind()]
        recipients = [line.strip() for line in self.recipients.toPlainText().splitlines() if line.strip()]
        settings = get_print_settings(self.ctx.db)
        authority = self.authority.currentData() or ""
        title = self.signer_title.text().strip()
        signing_changed = bool(title) or authority != settings.signer_authority.strip()
        header = HeaderOverrides(
            number=self._typed(self.number), date=self.date.date().toPython(), place=self._typed(self.place),
            parent_body=self._typed(self.parent_body, upper=True),
            issuing_body=self._typed(self.issuing_body, upper=True),
            signer_authority=authority if signing_changed else None,
            signer_title=(title or settings.signer_title) if signing_changed else None,
            signer_name=self._typed(self.signer), recipients=recipients or None, subject=self._typed(self.subject),
        )  # fmt: skip
        return ReportOptions(
            document_id=self.document.currentData() if need == "document" else None,
            round_id=self.round.currentData() if need in ("round", "unit") else None,
            unit_id=self.unit.currentData() if need == "unit" else None,
            header=header,
        )

    @staticmethod
    def _typed(field: QLineEdit, upper: bool = False) -> str | None:
        text = " ".join(field.text().split())
        return (text.upper() if upper else text) or None

    # --- output ----------------------------------------------------------------------

    def _render(self, target: Path, on_done: Any) -> Job:
        kind, options, db = self.kind(), self.options(), self.ctx.db

        def work(progress: Any) -> int:
            progress(0, 0, self.tr("Đang lấy số liệu…"))
            return save_report(build_report(db, kind, options), target, progress=progress)

        self.last_job = run_job(self, self.ctx, self.tr("Đang dựng báo cáo"), work, on_done)
        return self.last_job

    def preview(self) -> Job:
        stamp = dt.datetime.now().strftime("%H%M%S%f")
        path = Path(self.folder.name) / f"xem-truoc-{stamp}.pdf"

        def show(pages: int) -> None:
            self.preview_path = path
            self.pdf.load(str(path))
            self.status.setText(self.tr("{n} trang").format(n=pages))

        return self._render(path, show)

    def save(self, suffix: str, path: str | None = None) -> Job | None:
        if path is None:
            filters = "PDF (*.pdf)" if suffix == ".pdf" else "Word (*.docx)"
            default = str(Path.home() / f"{self.kind()}{suffix}")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), default, filters)
            if not path:
                return None
        target = Path(path if path.lower().endswith(suffix) else path + suffix)
        return self._render(
            target, lambda _n: self.status.setText(self.tr("Đã lưu {path}").format(path=target))
        )

    def print_preview(self) -> None:
        if self.preview_path is None or self.pdf.pageCount() == 0:
            QMessageBox.information(self, self.tr("In"), self.tr("Hãy bấm «Xem trước» trước khi in."))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Each PDF page as an image at the printer's resolution; returns the pages sent."""
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        sent = 0
        try:
            for page in range(self.pdf.pageCount()):
                if page:
                    printer.newPage()
                area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
                image = self.pdf.render(page, area.size())
                painter.drawImage(area.topLeft(), image)
                sent += 1
        finally:
            painter.end()
        return sent
