"""Dialogs of the Kế hoạch & nhiệm vụ page: document, task, assignment (single / bulk), progress.

Each dialog only gathers what the person typed; the page runs the service call (off the
GUI thread when it can take long) and refreshes what changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.enums import AssignmentRole, AssignmentStatus, DocType, Recurrence
from models.labels import ASSIGNMENT_ROLE_LABELS as ASSIGNMENT_ROLE_LABELS
from models.labels import ASSIGNMENT_STATUS_LABELS, DOC_TYPE_LABELS, RECURRENCE_LABELS
from services.accounts.orgunits import list_units
from services.core.attachments import MAX_ATTACHMENT_BYTES
from services.core.vietnamese import format_date, format_number
from services.plans.assignments import GROUPS, UnitGroup
from services.plans.documents import DocumentInput, DocumentRow
from services.plans.tasks import TaskInput, TaskRow
from ui.i18n import tr_label
from ui.slots import on_click

_ID = Qt.ItemDataRole.UserRole


def _qdate(day: dt.date | None) -> QDate:
    day = day or dt.date.today()
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class OptionalDate(QWidget):
    """A date that may be left out: a check box and a calendar field (dd/MM/yyyy)."""

    def __init__(self, day: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox()
        self.edit = QDateEdit(_qdate(day))
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setCalendarPopup(True)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.enabled.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        box.addWidget(self.enabled)
        box.addWidget(self.edit, 1)
        self.setFocusProxy(self.edit)

    def value(self) -> dt.date | None:
        return _pydate(self.edit.date()) if self.enabled.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        self.enabled.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(_qdate(day))


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Hủy"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class DocumentDialog(QDialog):
    """Create or edit a document by hand."""

    def __init__(self, row: DocumentRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sửa văn bản") if row else self.tr("Thêm văn bản"))
        form = QFormLayout(self)
        self.doc_type = QComboBox()
        for value in DocType:
            self.doc_type.addItem(tr_label(DOC_TYPE_LABELS[value]), value.value)
        self.fields = {
            key: QLineEdit() for key in ("number", "symbol", "issuer", "place", "school_year", "period")
        }
        self.title = QPlainTextEdit()
        self.title.setMaximumHeight(80)
        self.issued_on = OptionalDate(row.issued_on if row else None)
        form.addRow(self.tr("Loại văn bản"), self.doc_type)
        labels = {"number": "Số", "symbol": "Ký hiệu", "issuer": "Cơ quan ban hành", "place": "Nơi ban hành",
                  "school_year": "Năm học (2023-2024)", "period": "Giai đoạn (2021-2025)"}  # fmt: skip
        for key in ("number", "symbol", "issuer", "place"):
            form.addRow(tr_label(labels[key]), self.fields[key])
        form.addRow(self.tr("Ngày ban hành"), self.issued_on)
        form.addRow(self.tr("Trích yếu"), self.title)
        for key in ("school_year", "period"):
            form.addRow(tr_label(labels[key]), self.fields[key])
        form.addRow(_buttons(self, self.tr("Lưu")))
        if row is not None:
            self.doc_type.setCurrentIndex(max(self.doc_type.findData(row.doc_type.value), 0))
            for key, edit in self.fields.items():
                edit.setText(getattr(row, key))
            self.title.setPlainText(row.title)
        self._row = row

    def value(self) -> DocumentInput:
        row = self._row
        return DocumentInput(
            doc_type=self.doc_type.currentData(), title=self.title.toPlainText(), issued_on=self.issued_on.value(),
            basis=[str(b) for b in row.basis] if row else [], recipients=list(row.recipients) if row else [],
            signer_authority=row.signer_authority if row else "", signer_title=row.signer_title if row else "",
            signer_name=row.signer_name if row else "",
            **{key: edit.text() for key, edit in self.fields.items()},
        )  # fmt: skip


class TaskDialog(QDialog):
    """Create or edit a task by hand."""

    def __init__(self, row: TaskRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sửa nhiệm vụ") if row else self.tr("Thêm nhiệm vụ"))
        form = QFormLayout(self)
        self.title = QLineEdit(row.title if row else "")
        self.description = QPlainTextEdit(row.description if row else "")
        self.theme = QLineEdit(row.theme if row else "")
        self.deadline = OptionalDate(row.deadline if row else None)
        self.recurrence = QComboBox()
        for value in Recurrence:
            self.recurrence.addItem(tr_label(RECURRENCE_LABELS[value]), value.value)
        if row is not None:
            self.recurrence.setCurrentIndex(max(self.recurrence.findData(row.recurrence.value), 0))
        form.addRow(self.tr("Tên nhiệm vụ"), self.title)
        form.addRow(self.tr("Nội dung"), self.description)
        form.addRow(self.tr("Chủ đề"), self.theme)
        form.addRow(self.tr("Thời hạn"), self.deadline)
        form.addRow(self.tr("Chu kỳ"), self.recurrence)
        form.addRow(_buttons(self, self.tr("Lưu")))
        self._section = row.section_id if row else None

    def value(self) -> TaskInput:
        return TaskInput(self.title.text(), self.description.toPlainText(), self.theme.text(), self.deadline.value(),
                         self.recurrence.currentData(), self._section)  # fmt: skip


class AssignDialog(QDialog):
    """Give a task to units: picked one by one, or whole groups (all THCS schools, all communes …)."""

    def __init__(self, db: Any, task: TaskRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Giao nhiệm vụ: %s") % task.title[:80])
        self.resize(640, 620)
        box = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm đơn vị theo tên hoặc mã, không cần dấu"))
        self.search.textChanged.connect(self._find)
        self.units = QListWidget()
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        # what is picked survives a new search: the list shows only the matches
        self.chosen: dict[str, str] = {}
        self._refilling = False
        self.units.itemSelectionChanged.connect(self._picked)
        self.chosen_label = QLabel()
        self.groups = QListWidget()
        self.groups.setMaximumHeight(130)
        for group in GROUPS:
            item = QListWidgetItem(tr_label(group.label))
            item.setData(_ID, group.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.groups.addItem(item)
        form = QFormLayout()
        self.role = QComboBox()
        for role in AssignmentRole:
            self.role.addItem(tr_label(ASSIGNMENT_ROLE_LABELS[role]), role.value)
        self.due = OptionalDate(task.deadline)
        self.recurrence = QComboBox()
        for value in Recurrence:
            self.recurrence.addItem(tr_label(RECURRENCE_LABELS[value]), value.value)
        self.recurrence.setCurrentIndex(max(self.recurrence.findData(task.recurrence.value), 0))
        self.school_year = QLineEdit()
        self.school_year.setPlaceholderText(self.tr("theo văn bản, ví dụ 2023-2024"))
        self.note = QLineEdit()
        form.addRow(self.tr("Vai trò"), self.role)
        form.addRow(self.tr("Hạn hoàn thành"), self.due)
        form.addRow(self.tr("Chu kỳ"), self.recurrence)
        form.addRow(self.tr("Năm học của các kỳ"), self.school_year)
        form.addRow(self.tr("Ghi chú"), self.note)
        box.addWidget(QLabel(self.tr("Cả nhóm đơn vị:")))
        box.addWidget(self.groups)
        box.addWidget(QLabel(self.tr("Hoặc chọn từng đơn vị:")))
        box.addWidget(self.search)
        box.addWidget(self.units, 1)
        box.addWidget(self.chosen_label)
        box.addLayout(form)
        box.addWidget(_buttons(self, self.tr("Giao việc")))
        self._find("")

    def _find(self, text: str) -> None:
        self._refilling = True
        self.units.clear()
        for unit in list_units(self.db, text=text)[:500]:
            item = QListWidgetItem(f"{unit.name} ({unit.code})")
            item.setData(_ID, unit.id)
            self.units.addItem(item)
            item.setSelected(unit.id in self.chosen)
        self._refilling = False
        self._show_count()

    def _picked(self) -> None:
        if self._refilling:
            return
        for n in range(self.units.count()):
            item = self.units.item(n)
            if item.isSelected():
                self.chosen[item.data(_ID)] = item.text()
            else:
                self.chosen.pop(item.data(_ID), None)
        self._show_count()

    def _show_count(self) -> None:
        self.chosen_label.setText(self.tr("{n} đơn vị đã chọn").format(n=len(self.chosen)))

    def unit_ids(self) -> list[str]:
        return list(self.chosen)

    def summary(self) -> str:
        """What the clerk confirms: every unit by name, the groups, the role and the deadline."""
        names = list(self.chosen.values())
        shown = "\n".join(f"• {name}" for name in names[:15])
        if len(names) > 15:
            shown += "\n" + self.tr("… và {n} đơn vị khác").format(n=len(names) - 15)
        groups = [self.groups.item(n).text() for n in range(self.groups.count())
                  if self.groups.item(n).checkState() == Qt.CheckState.Checked]  # fmt: skip
        lines = [self.tr("Giao cho {n} đơn vị:").format(n=len(names)), shown] if names else []
        if groups:
            lines.append(self.tr("Cả nhóm: {groups}").format(groups=", ".join(groups)))
        due = self.due.value()
        lines.append(self.tr("Vai trò: {role}; hạn: {due}").format(
            role=self.role.currentText(), due=format_date(due) if due else self.tr("không có")))  # fmt: skip
        return "\n".join(lines)

    def accept(self) -> None:
        if not self.chosen and not self.group_keys():
            QMessageBox.information(self, self.windowTitle(), self.tr("Hãy chọn ít nhất một đơn vị hoặc một nhóm."))
            return
        answer = QMessageBox.question(self, self.tr("Xác nhận giao việc"), self.summary())
        if answer == QMessageBox.StandardButton.Yes:
            super().accept()

    def group_keys(self) -> list[str]:
        return [
            self.groups.item(n).data(_ID)
            for n in range(self.groups.count())
            if self.groups.item(n).checkState() == Qt.CheckState.Checked
        ]

    def check_group(self, key: str) -> None:
        for n in range(self.groups.count()):
            if self.groups.item(n).data(_ID) == key:
                self.groups.item(n).setCheckState(Qt.CheckState.Checked)
        UnitGroup.parse(key)

    def value(self) -> dict[str, Any]:
        """Keyword arguments of ``services.plans.assignments.assign`` (task id aside)."""
        return {"unit_ids": self.unit_ids(), "role": self.role.currentData(), "groups": self.group_keys(),
                "due_on": self.due.value(), "recurrence": self.recurrence.currentData(),
                "school_year": self.school_year.text().strip(), "note": self.note.text()}  # fmt: skip


class ProgressDialog(QDialog):
    """Log progress on one assignment: status, percent, date, note and evidence files."""

    def __init__(
        self, title: str, status: AssignmentStatus, percent: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cập nhật tiến độ"))
        self.resize(560, 460)
        form = QFormLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        self.status = QComboBox()
        for value in (AssignmentStatus.NOT_STARTED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE,
                      AssignmentStatus.PAUSED):  # fmt: skip
            self.status.addItem(tr_label(ASSIGNMENT_STATUS_LABELS[value]), value.value)
        self.status.setCurrentIndex(max(self.status.findData(status.value), 0))
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(percent)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.on_date = QDateEdit(_qdate(None))
        self.on_date.setDisplayFormat("dd/MM/yyyy")
        self.on_date.setCalendarPopup(True)
        self.note = QPlainTextEdit()
        self.files = QListWidget()
        self.files.setMaximumHeight(110)
        add, remove = QPushButton(self.tr("Thêm tệp minh chứng…")), QPushButton(self.tr("Bỏ tệp"))
        on_click(add, self._add_files)
        on_click(remove, self._remove_files)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        limit = QLabel(self.tr("Mỗi tệp tối đa %s MB.") % format_number(MAX_ATTACHMENT_BYTES / 1048576))
        form.addRow(heading)
        form.addRow(self.tr("Trạng thái"), self.status)
        form.addRow(self.tr("Tỷ lệ hoàn thành"), self.percent)
        form.addRow(self.tr("Ngày cập nhật"), self.on_date)
        form.addRow(self.tr("Ghi chú"), self.note)
        form.addRow(self.tr("Minh chứng"), self.files)
        form.addRow("", row)
        form.addRow("", limit)
        form.addRow(_buttons(self, self.tr("Lưu tiến độ")))

    def _status_changed(self) -> None:
        if self.status.currentData() == AssignmentStatus.DONE.value:
            self.percent.setValue(100)

    def _add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn tệp minh chứng"))
        for name in names:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        item = QListWidgetItem(path.name)
        item.setData(_ID, str(path))
        item.setToolTip(str(path))
        self.files.addItem(item)

    def _remove_files(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))

    def value(self) -> dict[str, Any]:
        """Keyword arguments of ``services.plans.progress.add_progress``."""
        return {"status": self.status.currentData(), "percent": self.percent.value(),
                "on_date": _pydate(self.on_date.date()), "note": self.note.toPlainText(),
                "files": [Path(self.files.item(n).data(_ID)) for n in range(self.files.count())]}  # fmt: skip
