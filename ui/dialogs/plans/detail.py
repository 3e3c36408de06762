"""One task: what it asks, who has it, how far each unit is, and everything that happened to it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.labels import ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_STATUS_LABELS, RECURRENCE_LABELS
from services.core.vietnamese import format_date
from services.plans.detail import TaskDetail, task_detail
from services.plans.progress import evidence_copy
from ui.context import AppContext
from ui.i18n import tr_label
from ui.jobs import Job, run_job
from ui.writes import refusal_shown

_FILE_ROLE = Qt.ItemDataRole.UserRole


def open_task_detail(parent: QWidget, ctx: AppContext, task_id: str,
                     opened: Callable[[TaskDetailDialog], None] | None = None) -> Job:  # fmt: skip
    """Read a task's detail on the job helper (a task given to a thousand schools: 0.2 s of
    queries), then open its dialog (given to ``opened``)."""

    def shown(detail: TaskDetail) -> None:
        dialog = TaskDetailDialog(ctx, detail, parent)
        if opened is not None:
            opened(dialog)
        dialog.open()

    return run_job(parent, ctx, QCoreApplication.translate("TaskDetailDialog", "Chi tiết nhiệm vụ"),
                   lambda _p: task_detail(ctx.db, ctx.actor, task_id), shown)  # fmt: skip


class TaskDetailDialog(QDialog):
    HEADERS = ("Đơn vị", "Vai trò", "Kỳ", "Hạn", "Trạng thái", "Tiến độ", "Quá hạn (ngày)")

    def __init__(self, ctx: AppContext, task: str | TaskDetail, parent: QWidget | None = None) -> None:
        """``task``: its id, or its detail already read (``open_task_detail`` reads it off the GUI thread)."""
        super().__init__(parent)
        self.ctx = ctx
        self.detail: TaskDetail = task_detail(ctx.db, ctx.actor, task) if isinstance(task, str) else task
        self.setWindowTitle(self.tr("Chi tiết nhiệm vụ"))
        self.resize(980, 700)
        heading = QLabel(self._heading(), self)
        heading.setWordWrap(True)
        self.assignments = self._assignment_table()
        self.history = QListWidget(self)
        self.history.itemActivated.connect(self.open_file)
        self._fill_history()
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.assignments)
        split.addWidget(self.history)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(split, 1)
        layout.addWidget(QLabel(self.tr("Nhấn đúp vào một minh chứng trong lịch sử để mở tệp."), self))
        layout.addWidget(buttons)

    def _heading(self) -> str:
        d = self.detail
        # tr() outside the f-strings: the translation tools do not look inside them
        document, section, due, every = self.tr("Văn bản"), self.tr("Mục"), self.tr("Thời hạn"), self.tr("Chu kỳ")
        parts = [f"<h3>{d.title}</h3>", f"<b>{document}:</b> {d.document}"]
        if d.section:
            parts.append(f"<b>{section}:</b> {d.section}")
        deadline = format_date(d.deadline) if d.deadline else self.tr("không ghi")
        parts.append(f"<b>{due}:</b> {deadline} · <b>{every}:</b> "
                     f"{tr_label(RECURRENCE_LABELS[d.recurrence])}")  # fmt: skip
        if d.description:
            parts.append(d.description.replace("\n", "<br>"))
        return "<br>".join(parts)

    def _assignment_table(self) -> QTableWidget:
        rows = self.detail.assignments
        table = QTableWidget(len(rows), len(self.HEADERS), self)
        table.setHorizontalHeaderLabels([tr_label(h) for h in self.HEADERS])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for n, a in enumerate(rows):
            cells = (a.unit_name, tr_label(ASSIGNMENT_ROLE_LABELS[a.role]), a.occurrence, format_date(a.due_on) if a.due_on else "",
                     tr_label(ASSIGNMENT_STATUS_LABELS[a.status]), f"{a.percent} %",
                     str(a.days_late) if a.days_late > 0 else "")  # fmt: skip
            for column, text in enumerate(cells):
                table.setItem(n, column, QTableWidgetItem(text))
        return table

    def _fill_history(self) -> None:
        for entry in self.detail.history:
            when = format_date(entry.at if not hasattr(entry.at, "date") else entry.at.date())
            text = f"{when} · {entry.who} · {entry.what}" + (
                f" ({entry.unit_name})" if entry.unit_name else ""
            )
            self.history.addItem(text)
            for file in entry.progress.files if entry.progress else ():
                item = QListWidgetItem(f"      📎 {file.filename}")
                item.setData(_FILE_ROLE, file.id)
                self.history.addItem(item)

    def open_file(self, item: QListWidgetItem) -> None:
        attachment_id = item.data(_FILE_ROLE)
        if not attachment_id:
            return
        # a private temporary folder per opening: the viewer gets the real name and extension
        folder = Path(tempfile.mkdtemp(prefix="edudesk-minh-chung-"))
        try:
            ok, path = refusal_shown(self, self.tr("Minh chứng"),
                                     lambda: evidence_copy(self.ctx.db, self.ctx.actor, attachment_id, folder))  # fmt: skip
        except OSError as exc:  # the temporary folder's disk, not a refusal
            QMessageBox.warning(self, self.tr("Minh chứng"), str(exc))
            return
        if not ok:
            return
        self.last_opened = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(self, self.tr("Minh chứng"),
                                    self.tr("Không có chương trình nào mở được tệp này; bản sao ở: {path}")
                                    .format(path=path))  # fmt: skip
