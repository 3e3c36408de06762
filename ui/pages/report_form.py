"""One unit's report for one round: narrative per section, data tables, autosaved draft, submit.

Values are typed as people write them ("1.234", "95,5", "Có"); the service parses and checks
them (type, range, numerator ≤ denominator, required) and names the cell it refuses, which
is then selected here. A submitted report is shown read-only until the office returns it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import EduDeskError
from models.labels import SHOWN_STATUS_LABELS
from services.permissions import Action
from services.report_views import unit_form
from services.reporting.entry import CellKey, EntryForm, FormSection, cell_place, save_draft, submit_report
from services.vietnamese import format_date
from ui.context import AppContext
from ui.i18n import tr_label

AUTOSAVE_MS = 30_000
_KEY = Qt.ItemDataRole.UserRole
_PLACE = Qt.ItemDataRole.UserRole + 1
BAD_CELL = QColor("#ffcdd2")


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


class ReportForm(QWidget):
    saved = Signal()

    def __init__(self, ctx: AppContext, round_id: str, unit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.round_id, self.unit_id = ctx, round_id, unit_id
        self.narratives: dict[str, QPlainTextEdit] = {}
        self.tables: list[QTableWidget] = []
        self.dirty = False
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.save_button = QPushButton(self.tr("Lưu nháp"), self)
        self.save_button.clicked.connect(lambda: self.save(quiet=False))
        self.submit_button = QPushButton(self.tr("Gửi báo cáo"), self)
        self.submit_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.autosave = QTimer(self, interval=AUTOSAVE_MS)
        self.autosave.timeout.connect(lambda: self.save(quiet=True) if self.dirty else None)
        self.autosave.start()
        self.load()

    # --- building --------------------------------------------------------------------

    def load(self) -> None:
        self.form: EntryForm = unit_form(self.ctx.db, self.ctx.actor, self.round_id, self.unit_id)
        f = self.form
        while self.body_layout.count():
            widget = self.body_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.narratives.clear()
        self.tables.clear()
        status = self.tr("Tình trạng: {status}").format(status=tr_label(SHOWN_STATUS_LABELS[f.shown]))
        comment = (
            f"<br><b>{self.tr('Phòng nhận xét')}:</b> {f.reviewer_comment}" if f.reviewer_comment else ""
        )
        self.heading.setText(f"<h3>{f.round_name}</h3>{f.unit_name} · {self.tr('Hạn nộp')} "
                             f"{format_date(f.due_on)} · {status}{comment}")  # fmt: skip
        for section in f.sections:
            self._section(section)
        self.body_layout.addStretch(1)
        editable = (
            f.editable and self.ctx.can(Action.ENTER_REPORTS) and self.ctx.actor.unit_id == self.unit_id
        )
        self.editable = editable
        for edit in self.narratives.values():
            edit.setReadOnly(not editable)
        for table in self.tables:
            table.setEditTriggers(QTableWidget.EditTrigger.AllEditTriggers if editable
                                  else QTableWidget.EditTrigger.NoEditTriggers)  # fmt: skip
        self.save_button.setEnabled(editable)
        self.submit_button.setEnabled(editable)
        self.message.setText(
            "" if editable else self.tr("Chỉ xem: báo cáo đã gửi, hoặc không phải của đơn vị bạn.")
        )
        self.dirty = False

    def _section(self, section: FormSection) -> None:
        title = QLabel(f"<b>{section.title}</b>", self.body)
        title.setContentsMargins(section.depth * 16, 8, 0, 0)
        self.body_layout.addWidget(title)
        if section.prompt:
            prompt = QLabel(section.prompt, self.body)
            prompt.setWordWrap(True)
            prompt.setEnabled(False)
            self.body_layout.addWidget(prompt)
        narrative = QPlainTextEdit(section.narrative, self.body)
        narrative.setMinimumHeight(70)
        narrative.setMaximumHeight(160)
        narrative.textChanged.connect(self._changed)
        self.narratives[section.id] = narrative
        self.body_layout.addWidget(narrative)
        if section.table is not None and section.rows:
            self.body_layout.addWidget(self._table(section))

    def _table(self, section: FormSection) -> QTableWidget:
        columns = section.table.columns
        table = QTableWidget(len(section.rows), len(columns), self.body)
        table.setHorizontalHeaderLabels([label for _key, label in columns])
        table.setVerticalHeaderLabels([f"{row.name} ({row.unit_label})" if row.unit_label else row.name
                                       for row in section.rows])  # fmt: skip
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(section.rows):
            for c, (dim, label) in enumerate(columns):
                item = QTableWidgetItem(_shown(self.form.values.get((row.code, dim))))
                item.setData(_KEY, (row.code, dim))
                item.setData(_PLACE, cell_place(section, row, label))
                item.setToolTip(self._bounds(row))
                table.setItem(r, c, item)
        table.setMinimumHeight(min(40 + 30 * len(section.rows), 400))
        table.itemChanged.connect(self._changed)
        self.tables.append(table)
        return table

    def _bounds(self, row: Any) -> str:
        parts = []
        if row.min_value is not None:
            parts.append(self.tr("từ {n}").format(n=_shown(row.min_value)))
        if row.max_value is not None:
            parts.append(self.tr("đến {n}").format(n=_shown(row.max_value)))
        return " ".join(parts)

    def _changed(self, *_args: Any) -> None:
        self.dirty = True

    # --- saving ----------------------------------------------------------------------

    def values(self) -> dict[CellKey, str]:
        found: dict[CellKey, str] = {}
        for table in self.tables:
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    item = table.item(r, c)
                    found[item.data(_KEY)] = item.text().strip()
                    item.setBackground(QColor(Qt.GlobalColor.transparent))
        return found

    def save(self, *, quiet: bool) -> bool:
        if not self.editable:
            return False
        narratives = {sid: edit.toPlainText() for sid, edit in self.narratives.items()}
        try:
            save_draft(self.ctx.db, self.ctx.actor, self.round_id, self.unit_id,
                       narratives=narratives, values=self.values())  # fmt: skip
        except EduDeskError as exc:
            self._refused(exc, quiet)
            return False
        self.dirty = False
        self.message.setText(self.tr("Đã lưu nháp."))
        self.ctx.notify({"reports", "report_values", "report_narratives"})
        self.saved.emit()
        return True

    def submit(self) -> None:
        if not self.save(quiet=False):
            return
        question = self.tr(
            "Gửi báo cáo cho Phòng? Sau khi gửi, báo cáo chỉ xem được cho đến khi được trả lại."
        )
        if QMessageBox.question(self, self.tr("Gửi báo cáo"), question) != QMessageBox.StandardButton.Yes:
            return
        try:
            submit_report(self.ctx.db, self.ctx.actor, self.round_id, self.unit_id)
        except EduDeskError as exc:
            self._refused(exc, quiet=False)
            return
        self.ctx.notify({"reports", "report_events"})
        self.load()
        self.message.setText(self.tr("Đã gửi báo cáo."))

    def _refused(self, exc: EduDeskError, quiet: bool) -> None:
        self.message.setText(f"<span style='color:#b00020'>{exc}</span>")
        self._mark(exc.place or "")
        if not quiet:
            QMessageBox.warning(self, self.tr("Chưa lưu được"), str(exc))

    def _mark(self, place: str) -> None:
        """Select the cell the refusal names."""
        for table in self.tables:
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    item = table.item(r, c)
                    if place and item.data(_PLACE) == place:
                        item.setBackground(BAD_CELL)
                        table.setCurrentItem(item)
                        return
