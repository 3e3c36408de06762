"""One unit's report for one round: narrative per section, data tables, autosaved draft, submit.

Values are typed as people write them ("1.234", "95,5"); a yes/no cell is a choice, a number
cell only takes digits and separators, and every edited cell is checked at once by the
service (type, range, numerator ≤ denominator). Every problem is listed under the form and
a click on one selects its cell; submitting checks the whole form in place before asking
anything. A submitted report is shown read-only until the office returns it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.enums import ReportStatus, ShownStatus, ValueType
from models.errors import EduDeskError, ValidationError
from models.labels import SHOWN_STATUS_LABELS
from services.accounts.permissions import Action
from services.core.vietnamese import format_date, read_english_number
from services.reporting.entry import (
    CellKey,
    EntryForm,
    FormSection,
    cell_place,
    entry_problems,
    save_draft,
    submit_report,
)
from services.reporting.views import unit_form
from ui.context import AppContext
from ui.i18n import current_language, message_of, tr_label
from ui.writes import run_write, write_now

AUTOSAVE_MS = 30_000
CHECK_MS = 300  # a pause in typing before the cells are checked
_KEY = Qt.ItemDataRole.UserRole
_PLACE = Qt.ItemDataRole.UserRole + 1
_TYPE = Qt.ItemDataRole.UserRole + 2
BAD_CELL = QColor("#ffcdd2")
_NUMBER_CHARS = {
    ValueType.INTEGER: QRegularExpression(r"[0-9 .,]*"),  # "," groups thousands in English
    ValueType.DECIMAL: QRegularExpression(r"-?[0-9 .,]*"),
    ValueType.PERCENT: QRegularExpression(r"[0-9 .,]*%?"),
}


def _shown(value: Any) -> str:
    """A number as the interface language writes it: 12,5 in Vietnamese, 12.5 in English."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float) and current_language() != "en":
        return str(value).replace(".", ",")
    return str(value)


def _typed(text: str, kind: Any) -> Any:
    """What a number cell hands the services: the Vietnamese typing as typed (the services read
    1.234,5 and say what was wrong with the very text), the English typing as the number it means."""
    if current_language() != "en" or kind not in _NUMBER_CHARS or not text:
        return text
    number = read_english_number(text)
    return text if number is None else number


class CellEditor(QStyledItemDelegate):
    """A yes/no cell is a choice of Có / Không; a number cell refuses letters as they are typed."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        kind = index.data(_TYPE)
        if kind == ValueType.BOOLEAN:
            combo = QComboBox(parent)
            combo.addItems(["", self.tr("Có"), self.tr("Không")])
            return combo
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and kind in _NUMBER_CHARS:
            editor.setValidator(QRegularExpressionValidator(_NUMBER_CHARS[kind], editor))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findText(index.data() or ""), 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
            return
        super().setModelData(editor, model, index)


class ReportForm(QWidget):
    saved = Signal()

    def __init__(self, ctx: AppContext, round_id: str, unit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.round_id, self.unit_id = ctx, round_id, unit_id
        self.narratives: dict[str, QPlainTextEdit] = {}
        self.tables: list[QTableWidget] = []
        self.dirty = False
        self._listing = False  # the message line shows how many cells are wrong
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setMaximumHeight(110)
        self.problems.setWordWrap(True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.setVisible(False)
        self.problems.itemClicked.connect(lambda item: self._select(item.data(_PLACE)))
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.scroll = scroll
        self.save_button = QPushButton(self.tr("Lưu nháp"), self)
        self.save_button.clicked.connect(lambda: self.save(quiet=False))
        self.submit_button = QPushButton(self.tr("Gửi báo cáo"), self)
        self.submit_button.clicked.connect(lambda: self.submit())
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self.autosave = QTimer(self, interval=AUTOSAVE_MS)
        self.autosave.timeout.connect(lambda: self.save(quiet=True) if self.dirty else None)
        self.autosave.start()
        self.check_timer = QTimer(self, interval=CHECK_MS, singleShot=True)
        # after a refused submit the live check keeps naming missing cells too, until the form is sent
        self.wants_complete = False
        self.check_timer.timeout.connect(lambda: self.check(complete=self.wants_complete))
        self.load()

    # --- building --------------------------------------------------------------------

    def load(self) -> None:
        self.form: EntryForm = unit_form(self.ctx.db, self.ctx.actor, self.round_id, self.unit_id)
        f = self.form
        while self.body_layout.count():
            widget = self.body_layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # deleteLater waits for the event loop: meanwhile it would overlap the new form
                widget.deleteLater()
        self.narratives.clear()
        self.tables.clear()
        self._heading()
        for section in f.sections:
            if not section.other_level:  # a table for other school levels: nothing to write here
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
        reason = self.tr("Chỉ xem: báo cáo đã gửi, hoặc không phải của đơn vị bạn.")
        for button in (self.save_button, self.submit_button):
            button.setToolTip("" if editable else reason)
        self.message.setText("" if editable else reason)
        self._show_problems([])
        self.dirty = False

    def reload_if_decided(self) -> bool:
        """Show a decision that arrived (a return with its comment, an acceptance) on the open form.

        Only when nothing typed is waiting: the clerk's typing always wins over a change notice.
        """
        if self.dirty:
            return False
        stored = unit_form(self.ctx.db, self.ctx.actor, self.round_id, self.unit_id)
        if (stored.status, stored.reviewer_comment) == (self.form.status, self.form.reviewer_comment):
            return False
        self.load()
        return True

    def _heading(self) -> None:
        f = self.form
        said, due = self.tr("Phòng nhận xét"), self.tr("Hạn nộp")  # outside the f-strings, for lupdate
        comment = f"<br><b>{said}:</b> {f.reviewer_comment}" if f.reviewer_comment else ""
        self.heading.setText(f"<h3>{f.round_name}</h3>{f.unit_name} · {due} "
                             f"{format_date(f.due_on)} · {self.status_text()}{comment}")  # fmt: skip

    def status_text(self) -> str:
        """A draft reads as a draft, with the lateness beside it rather than instead of it."""
        f = self.form
        text = self.tr("Tình trạng: {status}").format(status=tr_label(SHOWN_STATUS_LABELS[f.shown]))
        if f.status == ReportStatus.DRAFT and f.shown == ShownStatus.LATE:
            text = self.tr("Tình trạng: {status}").format(
                status=tr_label(SHOWN_STATUS_LABELS[ShownStatus.DRAFT])
            )
            text += " · " + self.tr("đã quá hạn nộp")
        return text

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
        table.setItemDelegate(CellEditor(table))
        table.setHorizontalHeaderLabels([label for _key, label in columns])
        table.setVerticalHeaderLabels([f"{row.name} ({row.unit_label})" if row.unit_label else row.name
                                       for row in section.rows])  # fmt: skip
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(section.rows):
            for c, (dim, label) in enumerate(columns):
                value = self.form.values.get((row.code, dim))
                item = QTableWidgetItem(
                    self._yes_no(value) if row.value_type == ValueType.BOOLEAN else _shown(value)
                )
                item.setData(_KEY, (row.code, dim))
                item.setData(_PLACE, cell_place(section, row, label))
                item.setData(_TYPE, row.value_type)
                item.setToolTip(self._bounds(row))
                table.setItem(r, c, item)
        # as tall as its rows (no empty band under a two-row table), scrolling beyond 400 px
        frame = 2 * table.frameWidth() + table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(min(frame + table.verticalHeader().length() + 2, 400))
        table.itemChanged.connect(self._cell_changed)
        self.tables.append(table)
        return table

    def _yes_no(self, value: Any) -> str:
        return {"Có": self.tr("Có"), "Không": self.tr("Không")}.get(value, _shown(value))

    def _bounds(self, row: Any) -> str:
        parts = []
        if row.min_value is not None:
            parts.append(self.tr("từ {n}").format(n=_shown(row.min_value)))
        if row.max_value is not None:
            parts.append(self.tr("đến {n}").format(n=_shown(row.max_value)))
        return " ".join(parts)

    def _changed(self, *_args: Any) -> None:
        self.dirty = True

    def _cell_changed(self, *_args: Any) -> None:
        self.dirty = True
        if self.editable:
            self.check_timer.start()

    # --- checking --------------------------------------------------------------------

    def values(self) -> dict[CellKey, Any]:
        found: dict[CellKey, Any] = {}
        for table in self.tables:
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    item = table.item(r, c)
                    found[item.data(_KEY)] = _typed(item.text().strip(), item.data(_TYPE))
        return found

    def check(self, *, complete: bool) -> list[ValidationError]:
        """Every problem of the form as it is on screen, listed and marked in place."""
        problems = entry_problems(self.ctx.db, self.ctx.actor, self.round_id, self.unit_id, self.values(),
                                  complete=complete)  # fmt: skip
        self._show_problems(problems)
        return problems

    def _show_problems(self, problems: list[ValidationError]) -> None:
        self.problems.clear()
        bad = {p.place for p in problems}
        for item in self._items():
            item.setBackground(BAD_CELL if item.data(_PLACE) in bad else QColor(Qt.GlobalColor.transparent))
        for problem in problems:  # the message names the row already; the click finds the cell
            entry = QListWidgetItem("• " + message_of(problem, with_place=False))
            entry.setData(_PLACE, problem.place)
            self.problems.addItem(entry)
        self.problems.setVisible(bool(problems))
        if not problems and self._listing:
            self.message.setText(self.tr("Mọi ô đã đúng."))
        self._listing = bool(problems)
        if problems:
            self.message.setText(
                "<span style='color:#b00020'>"
                + self.tr("{n} ô cần nhập hoặc sửa — nhấn vào một dòng bên trên để đến ô đó.").format(n=len(problems))
                + "</span>"
            )

    def _items(self) -> list[QTableWidgetItem]:
        return [
            t.item(r, c) for t in self.tables for r in range(t.rowCount()) for c in range(t.columnCount())
        ]

    def _select(self, place: str | None) -> None:
        for table in self.tables:
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    if place and table.item(r, c).data(_PLACE) == place:
                        table.setCurrentCell(r, c)
                        table.setFocus()
                        self.scroll.ensureWidgetVisible(table)
                        return

    # --- saving ----------------------------------------------------------------------

    def save(self, *, quiet: bool) -> bool:
        """Write the draft and stay on the form; problems are listed here, never in a box."""
        if not self.editable:
            return False
        problems = self.check(complete=False)
        if problems:
            self._select(problems[0].place)
            return False
        if self.wants_complete:  # keep listing what a submit still needs
            self.check(complete=True)
        narratives = {sid: edit.toPlainText() for sid, edit in self.narratives.items()}
        values, version = self.values(), self.form.version
        ok, _ = write_now(self, self.ctx, self.tr("Chưa lưu được"), lambda: save_draft(
            self.ctx.db, self.ctx.actor, self.round_id, self.unit_id, narratives=narratives, values=values,
            expected_version=version), quiet=quiet, on_refused=self._refused)  # fmt: skip
        if not ok:
            return False
        self.dirty = False
        self.form = unit_form(self.ctx.db, self.ctx.actor, self.round_id, self.unit_id)
        self._heading()  # a first save turns "not started" into a draft
        self.message.setText(self.tr("Đã lưu nháp."))
        self.saved.emit()
        return True

    def submit(self) -> bool:
        """Check the whole form in place first; only a form without problems is saved and sent."""
        if not self.editable:
            return False
        self.check_timer.stop()
        self.wants_complete = True
        problems = self.check(complete=True)
        if problems:
            self._select(problems[0].place)
            return False
        if not self.save(quiet=False):
            return False
        question = self.tr(
            "Gửi báo cáo cho Phòng? Sau khi gửi, báo cáo chỉ xem được cho đến khi được trả lại."
        )
        if QMessageBox.question(self, self.tr("Gửi báo cáo"), question) != QMessageBox.StandardButton.Yes:
            return False
        version = self.form.version
        self.last_write = run_write(self, self.ctx, self.tr("Gửi báo cáo"), lambda: submit_report(
            self.ctx.db, self.ctx.actor, self.round_id, self.unit_id, expected_version=version),
            lambda _r: self._sent(), on_refused=self._refused)  # fmt: skip
        return True

    def _sent(self) -> None:
        self.load()
        self.message.setText(self.tr("Đã gửi báo cáo."))

    def _refused(self, exc: EduDeskError) -> None:
        """The refusal also in place, beside the cell it names (the box is ``ui.writes``')."""
        self.message.setText(f"<span style='color:#b00020'>{message_of(exc)}</span>")
        self._select(exc.place or "")
