"""Review of an imported plan before it is saved: the text beside its parsed tree, linked both ways.

The person edits, merges, splits and drops tasks, fixes deadlines and targets, matches each
named unit to org units (suggestions ignore diacritics), then saves everything at once
(services.plan_import.reviewed.save_reviewed_plan: one unit of work). The dialog edits the
importer's dataclasses in place; nothing reaches the database before "Lưu".

One module (over 400 lines): the review is one dialog whose panes (text, tree, task form,
units, targets) edit the same parsed plan and stay linked both ways; splitting it into widgets
per pane is left for later.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.enums import Comparator, DocType, Recurrence
from models.errors import EduDeskError
from models.labels import DOC_TYPE_LABELS, RECURRENCE_LABELS
from services.accounts.orgunits import list_units
from services.core.vietnamese import format_date, parse_date
from services.plan_import.matching import UnitMatcher, UnitSuggestion
from services.plan_import.model import Deadline, Node, ParsedPlan, ParsedTask, Responsibility
from services.plan_import.review import add_target, add_task, drop_task, merge_tasks, named_units, split_task
from services.plan_import.reviewed import SavedPlan, save_reviewed_plan
from services.plan_import.units import unit_key, unit_kind
from ui.i18n import tr_label
from ui.jobs import Job
from ui.slots import on_click
from ui.writes import run_write

_KIND = Qt.ItemDataRole.UserRole
_OBJECT = Qt.ItemDataRole.UserRole + 1
_NODE = Qt.ItemDataRole.UserRole + 2  # a section item's outline node (where a new task goes)
_BAD = QColor("#fdd")
_HIGHLIGHT = QColor("#fff3b0")
_NO_UNIT = "__none__"
_OTHER_UNITS = "__other__"
_KIND_LABELS = {"school": "Trường học", "commune": "Xã, thị trấn", "district": "Phòng GD&ĐT",
                "province": "Sở GD&ĐT", "department": "Phòng, ban, ngành", "other": "Khác"}  # fmt: skip
_ROLE_LABELS = {"lead": "Chủ trì", "support": "Phối hợp"}


@dataclass
class _Match:
    """The org units one named unit stands for, and how the reviewer chose them."""

    label: str
    unit_ids: tuple[str, ...]


def _button_row(box: QVBoxLayout, *buttons: tuple[QPushButton, Callable[[], Any]]) -> None:
    """Buttons under a table, on the left, each wired to its action."""
    row = QHBoxLayout()
    for button, action in buttons:
        on_click(button, action)
        row.addWidget(button)
    row.addStretch(1)
    box.addLayout(row)


class PlanReviewDialog(QDialog):
    """``PlanReviewDialog(ctx, plan)``: review, then ``saved(document_id)`` after one transaction."""

    saved = Signal(str)

    def __init__(self, ctx: Any, plan: ParsedPlan, parent: QWidget | None = None,
                 matcher: UnitMatcher | None = None) -> None:  # fmt: skip
        """``matcher``: one made with the plan's reading (matching.matcher_for), its ranking done."""
        super().__init__(parent)
        self.ctx = ctx
        self.plan = plan
        self.matches: dict[str, _Match] = {}  # unit_key -> match
        self._suggestions: dict[str, list[UnitSuggestion]] = {}
        self._matcher: UnitMatcher | None = matcher
        self._linking = False
        self._current: ParsedTask | None = None
        self.document_id = ""
        self.setWindowTitle(self.tr("Xem lại văn bản trước khi lưu — %s") % plan.source_name)
        self.resize(1000, 680)  # a district PC: 1024×768 at least, taskbar included
        self._build()
        self._fill_document()
        self.rebuild_tree()
        self._fill_targets()
        self._fill_deadlines()
        self.refresh_units()
        self._pristine = self._state()

    def _state(self) -> str:
        """Everything the clerk can change here, to tell an edited review from an untouched one."""
        self._apply_task()
        self._apply_document()
        rows = [[self._cell(self.deadlines, r, c) for c in range(2)] for r in range(self.deadlines.rowCount())]
        return repr((self.plan.to_dict(), sorted(self.unit_matches().items()), rows))

    def reject(self) -> None:
        """Cancel, Esc or the window's close: edits are only thrown away when the clerk says so."""
        if self.document_id == "" and self._state() != self._pristine:
            answer = QMessageBox.question(
                self, self.tr("Bỏ các chỉnh sửa?"),
                self.tr("Bạn đã sửa văn bản này nhưng chưa lưu. Đóng và bỏ các chỉnh sửa?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter ends the edit of a field; it never saves the whole review (only «Lưu» does)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        if self.plan.warnings:
            warn = QLabel("⚠ " + " ".join(tr_label(w) for w in self.plan.warnings))
            warn.setWordWrap(True)
            layout.addWidget(warn)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setPlainText(self.plan.text)
        self.text.setAccessibleName(self.tr("Nguyên văn"))
        self.text.cursorPositionChanged.connect(self._text_clicked)
        split.addWidget(self.text)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._tasks_tab(), self.tr("Nhiệm vụ (%n)", "", len(self.plan.tasks)))
        self.tabs.addTab(self._targets_tab(), self.tr("Chỉ tiêu"))
        self.tabs.addTab(self._deadlines_tab(), self.tr("Hạn báo cáo"))
        self.tabs.addTab(self._units_tab(), self.tr("Đơn vị"))
        self.tabs.addTab(self._document_tab(), self.tr("Văn bản"))
        split.addWidget(self.tabs)
        split.setSizes([380, 620])  # the tree's titles need the room more than the text
        layout.addWidget(split, 1)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Lưu văn bản và giao việc"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter ends an edit; it never saves or drops anything

    def _tasks_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Bố cục và nhiệm vụ"), self.tr("Thời hạn"), self.tr("Chu kỳ"),
                                   self.tr("Đơn vị")])  # fmt: skip
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        for column, width in ((1, 82), (2, 80), (3, 130)):
            self.tree.setColumnWidth(column, width)
        self.tree.currentItemChanged.connect(self._item_chosen)
        box.addWidget(self.tree, 3)
        actions = QHBoxLayout()
        self.add_task_button = QPushButton(self.tr("Thêm nhiệm vụ"))
        self.add_task_button.setToolTip(self.tr("Thêm một nhiệm vụ văn bản có mà chưa nhận ra, "
                                                "sau nhiệm vụ (hoặc vào mục) đang chọn"))  # fmt: skip
        on_click(self.add_task_button, self.add_task)
        self.merge_button = QPushButton(self.tr("Gộp các nhiệm vụ đã chọn"))
        self.split_button = QPushButton(self.tr("Tách tại dòng con trỏ"))
        self.drop_button = QPushButton(self.tr("Bỏ nhiệm vụ"))
        on_click(self.merge_button, self.merge_selected)
        on_click(self.split_button, self.split_current)
        on_click(self.drop_button, self.drop_selected)
        for button in (self.add_task_button, self.merge_button, self.split_button, self.drop_button):
            actions.addWidget(button)
        actions.addStretch(1)
        box.addLayout(actions)
        self.editor = QWidget()
        form = QFormLayout(self.editor)
        self.title_edit = QLineEdit()
        self.description_edit = QPlainTextEdit()
        self.description_edit.setMaximumHeight(120)
        self.deadline_edit = QLineEdit()
        self.deadline_edit.setPlaceholderText(self.tr("dd/mm/yyyy hoặc để trống"))
        self.recurrence_box = QComboBox()
        for value in Recurrence:
            self.recurrence_box.addItem(tr_label(RECURRENCE_LABELS[value]), value.value)
        self.roles = QTableWidget(0, 2)
        self.roles.setHorizontalHeaderLabels([self.tr("Đơn vị (như văn bản ghi)"), self.tr("Vai trò")])
        self.roles.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.roles.setMaximumHeight(100)
        role_buttons = QHBoxLayout()
        add_role, remove_role = QPushButton(self.tr("Thêm đơn vị")), QPushButton(self.tr("Bỏ đơn vị"))
        self.add_role_button = add_role
        on_click(add_role, self._add_role)
        on_click(remove_role, self._remove_role)
        role_buttons.addWidget(add_role)
        role_buttons.addWidget(remove_role)
        role_buttons.addStretch(1)
        form.addRow(self.tr("Tên nhiệm vụ"), self.title_edit)
        form.addRow(self.tr("Nội dung"), self.description_edit)
        form.addRow(self.tr("Thời hạn"), self.deadline_edit)
        form.addRow(self.tr("Chu kỳ"), self.recurrence_box)
        form.addRow(self.tr("Đơn vị thực hiện"), self.roles)
        form.addRow("", role_buttons)
        self.title_edit.editingFinished.connect(self._apply_task)
        self.deadline_edit.editingFinished.connect(self._apply_task)
        self.recurrence_box.activated.connect(self._apply_task)
        self.description_edit.textChanged.connect(self._apply_description)
        self.roles.itemChanged.connect(lambda _item: self._apply_roles())
        self.editor.setEnabled(False)
        box.addWidget(self.editor, 2)
        return page

    def _targets_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.targets = QTableWidget(0, 6)
        self.targets.setHorizontalHeaderLabels([self.tr("Chỉ tiêu"), self.tr("So sánh"), self.tr("Giá trị"),
                                                self.tr("Đơn vị tính"), self.tr("Năm"), self.tr("Cấp học")])  # fmt: skip
        self.targets.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 64), (2, 64), (3, 90), (4, 56), (5, 96)):
            self.targets.setColumnWidth(column, width)
        self.targets.setWordWrap(True)
        self.targets.itemChanged.connect(self._target_edited)
        self.targets.currentCellChanged.connect(lambda row, *_: self._show_target(row))
        box.addWidget(self.targets)
        self.add_target_button = QPushButton(self.tr("Thêm chỉ tiêu"))
        drop = QPushButton(self.tr("Bỏ chỉ tiêu đã chọn"))
        _button_row(box, (self.add_target_button, self.add_target), (drop, self.drop_targets))
        return page

    def _deadlines_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        hint = QLabel(self.tr("Các hạn văn bản đặt ra (báo cáo, nộp, hoàn thành). Sơ kết, tổng kết "
                              "có ngày sẽ thành kỳ báo cáo."))  # fmt: skip
        hint.setWordWrap(True)
        box.addWidget(hint)
        self.deadlines = QTableWidget(0, 3)
        self.deadlines.setHorizontalHeaderLabels([self.tr("Ngày"), self.tr("Việc phải làm, nộp"),
                                                  self.tr("Chu kỳ")])  # fmt: skip
        self.deadlines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.deadlines.setColumnWidth(0, 96)
        self.deadlines.setColumnWidth(2, 110)
        self.deadlines.setWordWrap(True)
        self.deadlines.itemChanged.connect(lambda _item: self._apply_deadlines())
        self.deadlines.currentCellChanged.connect(lambda row, *_: self._show_deadline(row))
        box.addWidget(self.deadlines)
        self.add_deadline_button = QPushButton(self.tr("Thêm hạn báo cáo"))
        self.drop_deadline_button = QPushButton(self.tr("Bỏ hạn đã chọn"))
        _button_row(box, (self.add_deadline_button, self.add_deadline),
                    (self.drop_deadline_button, self.drop_deadlines))  # fmt: skip
        return page

    def _units_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        hint = QLabel(self.tr("Mỗi đơn vị văn bản nêu tên được giao việc theo vai trò của nó. "
                              "Gợi ý tìm theo tên, không phân biệt dấu."))  # fmt: skip
        hint.setWordWrap(True)
        box.addWidget(hint)
        self.units = QTableWidget(0, 3)
        self.units.setHorizontalHeaderLabels(
            [self.tr("Tên trong văn bản"), self.tr("Loại"), self.tr("Giao cho")]
        )
        self.units.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.units.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.units)
        return page

    def _document_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.doc_type = QComboBox()
        for value in DocType:
            self.doc_type.addItem(tr_label(DOC_TYPE_LABELS[value]), value.value)
        self.doc_fields: dict[str, QLineEdit] = {}
        form.addRow(self.tr("Loại văn bản"), self.doc_type)
        for key, label in (("number", "Số"), ("symbol", "Ký hiệu"), ("issuer", "Cơ quan ban hành"),
                           ("place", "Nơi ban hành"), ("issued_on", "Ngày ban hành"), ("title", "Trích yếu"),
                           ("school_year", "Năm học"), ("period", "Giai đoạn")):  # fmt: skip
            self.doc_fields[key] = QLineEdit()
            self.doc_fields[key].editingFinished.connect(self._apply_document)
            form.addRow(tr_label(label), self.doc_fields[key])
        self.doc_type.activated.connect(self._apply_document)
        return page

    # --- document -------------------------------------------------------------------------

    def _fill_document(self) -> None:
        doc = self.plan.document
        index = self.doc_type.findData(doc.type or DocType.KH.value)
        self.doc_type.setCurrentIndex(max(index, 0))
        for key, edit in self.doc_fields.items():
            value = getattr(doc, key)
            edit.setText(format_date(value) if key == "issued_on" else str(value or ""))

    def _apply_document(self) -> None:
        doc = self.plan.document
        doc.type = self.doc_type.currentData()
        for key, edit in self.doc_fields.items():
            text = edit.text().strip()
            if key == "issued_on":
                doc.issued_on = parse_date(text) if text else None
            else:
                setattr(doc, key, text)

    # --- the tree and the text, linked -----------------------------------------------------

    def rebuild_tree(self, keep: ParsedTask | None = None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        by_node: dict[int, list[ParsedTask]] = {}
        loose: list[ParsedTask] = []
        known = {id(n) for n in self.plan.root.walk()}
        for appendix in self.plan.appendices:
            known |= {id(n) for n in appendix.root.walk()}
        for task in self.plan.tasks:
            if task.node is not None and id(task.node) in known:
                by_node.setdefault(id(task.node), []).append(task)
            else:
                loose.append(task)
        self._items: list[tuple[int, QTreeWidgetItem]] = []
        self._add_children(self.tree.invisibleRootItem(), self.plan.root, by_node)
        for appendix in self.plan.appendices:
            item = self._section_item(
                self.tree.invisibleRootItem(), appendix.title or "Phụ lục", appendix.line, appendix.root
            )
            self._add_children(item, appendix.root, by_node)
        if loose:
            other = self._section_item(self.tree.invisibleRootItem(), self.tr("Nhiệm vụ khác"), 0)
            for task in loose:
                self._task_item(other, task)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.blockSignals(False)
        self.tabs.setTabText(0, self.tr("Nhiệm vụ (%n)", "", len(self.plan.tasks)))
        self._items.sort(key=lambda pair: pair[0])
        target = self.item_of(keep) if keep is not None else None
        if target is not None:
            self.tree.setCurrentItem(target)
        else:
            self._show_task(None)

    def _add_children(
        self, parent: QTreeWidgetItem, node: Node, by_node: dict[int, list[ParsedTask]]
    ) -> None:
        entries: list[tuple[int, int, Any]] = [(t.line, 1, t) for t in by_node.get(id(node), [])]
        entries += [(c.line, 0, c) for c in node.children]
        for _line, kind, entry in sorted(entries, key=lambda e: (e[0], e[1])):
            if kind == 1:
                self._task_item(parent, entry)
            else:
                heading = f"{entry.number}. {entry.heading}".strip(". ") if entry.number else entry.heading
                item = self._section_item(parent, heading, entry.line, entry)
                self._add_children(item, entry, by_node)

    def _section_item(
        self, parent: QTreeWidgetItem, text: str, line: int, node: Node | None = None
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, _KIND, "section")
        item.setData(0, _OBJECT, line)
        item.setData(0, _NODE, node)
        item.setToolTip(0, text)
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
        if line:
            self._items.append((line, item))
        return item

    def _task_item(self, parent: QTreeWidgetItem, task: ParsedTask) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent)
        item.setData(0, _KIND, "task")
        item.setData(0, _OBJECT, task)
        self._label_task(item, task)
        self._items.append((task.line, item))
        return item

    def _label_task(self, item: QTreeWidgetItem, task: ParsedTask) -> None:
        leads = [r.unit for r in task.responsibilities if r.role == "lead"]
        item.setText(0, task.title or self.tr("(chưa có tên)"))
        item.setToolTip(0, f"{task.title}\n{task.description[:500]}".strip())
        item.setText(1, format_date(task.deadline))
        item.setText(2, tr_label(RECURRENCE_LABELS[Recurrence(task.recurrence)]))
        item.setText(3, "; ".join(leads) or ("—" if not task.responsibilities else self.tr("(phối hợp)")))

    def item_of(self, task: ParsedTask | None) -> QTreeWidgetItem | None:
        for _line, item in self._items:
            if item.data(0, _KIND) == "task" and item.data(0, _OBJECT) is task:
                return item
        return None

    def _line_of(self, item: QTreeWidgetItem) -> int:
        data = item.data(0, _OBJECT)
        return data.line if isinstance(data, ParsedTask) else int(data or 0)

    def _item_chosen(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        if item is None:
            self._show_task(None)
            return
        task = item.data(0, _OBJECT) if item.data(0, _KIND) == "task" else None
        self._show_task(task)
        if not self._linking:
            self.highlight_lines(self._line_of(item))

    def highlight_lines(self, line: int) -> None:
        """Mark the text from ``line`` up to the next item of the tree (30 lines at most)."""
        if line <= 0:
            self.text.setExtraSelections([])
            return
        following = [n for n, _item in self._items if n > line]
        last = min(following[0] - 1 if following else line, line + 29)
        document = self.text.document()
        start, end = document.findBlockByNumber(line - 1), document.findBlockByNumber(max(last, line) - 1)
        cursor = QTextCursor(start)
        cursor.setPosition(end.position() + max(end.length() - 1, 0), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format.setBackground(_HIGHLIGHT)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        self.text.setExtraSelections([selection])
        self._linking = True
        try:
            self.text.setTextCursor(QTextCursor(start))
            self.text.centerCursor()
        finally:
            self._linking = False

    def highlighted_lines(self) -> tuple[int, int]:
        """(first, last) highlighted line, 1-based; (0, 0) when nothing is marked."""
        selections = self.text.extraSelections()
        if not selections:
            return 0, 0
        cursor = selections[0].cursor
        document = self.text.document()
        first = document.findBlock(cursor.selectionStart()).blockNumber() + 1
        return first, document.findBlock(cursor.selectionEnd()).blockNumber() + 1

    def _text_clicked(self) -> None:
        if self._linking:
            return
        line = self.text.textCursor().blockNumber() + 1
        self.select_line(line)

    def select_line(self, line: int) -> None:
        """Choose in the tree the task (else the section) the text line belongs to."""
        best: QTreeWidgetItem | None = None
        for item_line, item in self._items:
            if item_line > line:
                break
            if best is None or item_line > self._line_of(best) or item.data(0, _KIND) == "task":
                best = item
        if best is None:
            return
        self._linking = True
        try:
            self.tree.setCurrentItem(best)
            self.tree.scrollToItem(best)
            self.highlight_lines(self._line_of(best))
        finally:
            self._linking = False

    # --- the task editor ---------------------------------------------------------------------

    def _show_task(self, task: ParsedTask | None) -> None:
        self._current = None
        self.editor.setEnabled(task is not None)
        self.title_edit.setText(task.title if task else "")
        self.title_edit.setCursorPosition(0)  # a long title is read from its start
        self.description_edit.blockSignals(True)
        self.description_edit.setPlainText(task.description if task else "")
        self.description_edit.blockSignals(False)
        self.deadline_edit.setText(format_date(task.deadline) if task else "")
        index = self.recurrence_box.findData(task.recurrence if task else Recurrence.ONCE.value)
        self.recurrence_box.setCurrentIndex(max(index, 0))
        self.roles.blockSignals(True)
        self.roles.setRowCount(0)
        for item in task.responsibilities if task else []:
            self._role_row(item.unit, item.role)
        self.roles.blockSignals(False)
        self._current = task

    def _role_row(self, unit: str, role: str) -> None:
        row = self.roles.rowCount()
        self.roles.insertRow(row)
        self.roles.setItem(row, 0, QTableWidgetItem(unit))
        box = QComboBox()
        for value, label in _ROLE_LABELS.items():
            box.addItem(tr_label(label), value)
        box.setCurrentIndex(max(box.findData(role), 0))
        box.activated.connect(lambda _i: self._apply_roles())
        self.roles.setCellWidget(row, 1, box)

    def _apply_task(self) -> None:
        task = self._current
        if task is None:
            return
        task.title = " ".join(self.title_edit.text().split())
        text = self.deadline_edit.text().strip()
        deadline = review_deadline(text)
        if text and deadline is None:
            self.deadline_edit.setStyleSheet("background: #fdd")
            self.deadline_edit.setToolTip(self.tr("Ngày không hợp lệ; ghi dạng 20/9/2023."))
        else:
            self.deadline_edit.setStyleSheet("")
            task.deadline = deadline
        task.recurrence = self.recurrence_box.currentData()
        self._relabel(task)

    def _apply_description(self) -> None:
        if self._current is not None:
            self._current.description = self.description_edit.toPlainText()

    def _apply_roles(self) -> None:
        task = self._current
        if task is None:
            return
        found: list[Responsibility] = []
        for row in range(self.roles.rowCount()):
            item = self.roles.item(row, 0)
            name = " ".join(item.text().split()) if item else ""
            box = self.roles.cellWidget(row, 1)
            if name:
                found.append(Responsibility(name, box.currentData() if box else "lead"))
        task.responsibilities = found
        self._relabel(task)
        self.refresh_units()

    def _add_role(self) -> None:
        if self._current is None:
            return
        self.roles.blockSignals(True)
        self._role_row("", "lead")
        self.roles.blockSignals(False)
        self.roles.editItem(self.roles.item(self.roles.rowCount() - 1, 0))

    def _remove_role(self) -> None:
        rows = sorted(
            {i.row() for i in self.roles.selectedIndexes()} or {self.roles.currentRow()}, reverse=True
        )
        for row in rows:
            if row >= 0:
                self.roles.removeRow(row)
        self._apply_roles()

    def _relabel(self, task: ParsedTask) -> None:
        item = self.item_of(task)
        if item is not None:
            self._label_task(item, task)

    def selected_tasks(self) -> list[int]:
        chosen = {id(i.data(0, _OBJECT)) for i in self.tree.selectedItems() if i.data(0, _KIND) == "task"}
        return [n for n, task in enumerate(self.plan.tasks) if id(task) in chosen]

    def merge_selected(self) -> None:
        picked = self.selected_tasks()
        if len(picked) < 2:
            self._warn(self.tr("Hãy chọn ít nhất hai nhiệm vụ (giữ Ctrl khi bấm) để gộp."))
            return
        merged = merge_tasks(self.plan, picked)
        self.rebuild_tree(keep=merged)
        self.refresh_units()

    def add_task(self) -> None:
        """A task the importer missed: after the chosen task, else in the chosen section."""
        self._apply_task()
        item = self.tree.currentItem()
        title = self.tr("Nhiệm vụ mới")
        if self._current is not None:
            task = add_task(self.plan, title, after=self.plan.tasks.index(self._current))
        else:
            node = item.data(0, _NODE) if item is not None and item.data(0, _KIND) == "section" else None
            task = add_task(self.plan, title, node=node)
        self.rebuild_tree(keep=task)
        self.title_edit.setFocus()
        self.title_edit.selectAll()  # typing replaces the placeholder title

    def split_current(self) -> None:
        task = self._current
        if task is None:
            return
        line = self.description_edit.textCursor().blockNumber()
        before, description = list(self.plan.tasks), task.description
        try:
            first, second = split_task(self.plan, self.plan.tasks.index(task), line)
        except EduDeskError as exc:
            self._warn(exc.message)
            return
        dates = SplitDeadlines.ask(self, first, second)
        if dates is None:  # cancelled: the task stays whole
            self.plan.tasks[:] = before
            task.description = description
            self._show_task(task)
            return
        first.deadline, second.deadline = dates
        self.rebuild_tree(keep=second)

    def drop_selected(self) -> None:
        picked = self.selected_tasks() or ([self.plan.tasks.index(self._current)] if self._current else [])
        for index in sorted(picked, reverse=True):
            drop_task(self.plan, index)
        self.rebuild_tree()
        self.refresh_units()

    # --- targets -------------------------------------------------------------------------------

    def _fill_targets(self) -> None:
        self.targets.blockSignals(True)
        self.targets.setRowCount(0)
        for target in self.plan.targets:
            row = self.targets.rowCount()
            self.targets.insertRow(row)
            value = int(target.value) if float(target.value).is_integer() else target.value
            shown = "" if not target.text and not target.value else str(value)  # a row just added
            for column, text in enumerate([target.text, "", shown, target.unit, str(target.year or ""),
                                           target.level]):  # fmt: skip
                self.targets.setItem(row, column, QTableWidgetItem(text))
            self.targets.item(row, 0).setToolTip(target.text)
            box = QComboBox()
            for comparator in Comparator:
                box.addItem({">=": "≥", "<=": "≤", "=": "="}[comparator.value], comparator.value)
            box.setCurrentIndex(max(box.findData(target.comparator), 0))
            box.activated.connect(lambda _i, r=row: self._target_edited(self.targets.item(r, 0)))
            self.targets.setCellWidget(row, 1, box)
        self.targets.resizeRowsToContents()
        self.targets.blockSignals(False)
        self.tabs.setTabText(1, self.tr("Chỉ tiêu (%n)", "", len(self.plan.targets)))

    def add_target(self) -> None:
        """An empty row to fill in: its text first, then value, unit, year and level."""
        add_target(self.plan)
        self._fill_targets()
        row = self.targets.rowCount() - 1
        self.targets.setCurrentCell(row, 0)
        self.targets.setFocus()
        self.targets.editItem(self.targets.item(row, 0))

    @staticmethod
    def _cell(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _target_edited(self, item: QTableWidgetItem | None) -> None:
        if item is None:
            return
        row = item.row()
        target = self.plan.targets[row]
        cell = lambda c: self._cell(self.targets, row, c)  # noqa: E731
        target.text = cell(0)
        value = _number(cell(2))
        if value is not None:
            target.value = value
        self.targets.blockSignals(True)
        self.targets.item(row, 2).setBackground(QColor(0, 0, 0, 0) if value is not None else _BAD)
        self.targets.blockSignals(False)
        target.unit = cell(3)
        target.year = int(cell(4)) if cell(4).isdigit() else None
        target.level = cell(5)
        box = self.targets.cellWidget(row, 1)
        if box is not None:
            target.comparator = box.currentData()

    def _show_target(self, row: int) -> None:
        if 0 <= row < len(self.plan.targets):
            self.highlight_lines(self.plan.targets[row].line)

    def drop_targets(self) -> None:
        rows = sorted({i.row() for i in self.targets.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.plan.targets[row]
        self._fill_targets()

    # --- report deadlines ------------------------------------------------------------------------

    def _fill_deadlines(self) -> None:
        self.deadlines.blockSignals(True)
        self.deadlines.setRowCount(0)
        for deadline in self.plan.deadlines:
            self._deadline_row(deadline, format_date(deadline.date))
        self.deadlines.resizeRowsToContents()
        self.deadlines.blockSignals(False)
        self._count_deadlines()

    def _deadline_row(self, deadline: Deadline | None, date_text: str) -> int:
        """One row; column 0 keeps the deadline it was read as (its section, line, precision)."""
        row = self.deadlines.rowCount()
        self.deadlines.insertRow(row)
        day = QTableWidgetItem(date_text)
        day.setData(_OBJECT, deadline)
        self.deadlines.setItem(row, 0, day)
        self.deadlines.setItem(row, 1, QTableWidgetItem(deadline.text if deadline else ""))
        box = QComboBox()
        for value in Recurrence:
            box.addItem(tr_label(RECURRENCE_LABELS[value]), value.value)
        box.setCurrentIndex(max(box.findData(deadline.recurrence if deadline else Recurrence.ONCE.value), 0))
        box.activated.connect(lambda _i: self._apply_deadlines())
        self.deadlines.setCellWidget(row, 2, box)
        return row

    def _count_deadlines(self) -> None:
        self.tabs.setTabText(2, self.tr("Hạn báo cáo (%n)", "", self.deadlines.rowCount()))

    def _apply_deadlines(self) -> list[str]:
        """The plan's deadlines are the table's rows as they read now; rows whose date is not one
        are marked and named (the save waits for them)."""
        found: list[Deadline] = []
        problems: list[str] = []
        self.deadlines.blockSignals(True)
        for row in range(self.deadlines.rowCount()):
            day_item = self.deadlines.item(row, 0)
            read: Deadline | None = day_item.data(_OBJECT)
            text, day = self._cell(self.deadlines, row, 1), review_deadline(self._cell(self.deadlines, row, 0))
            day_item.setBackground(QColor(0, 0, 0, 0) if day is not None else _BAD)
            if day is None:
                problems.append(self.tr("Hạn báo cáo %d: ngày «%s» không hợp lệ; ghi dạng 20/9/2023.")
                                % (row + 1, self._cell(self.deadlines, row, 0)))  # fmt: skip
                continue
            box = self.deadlines.cellWidget(row, 2)
            recurrence = box.currentData() if box is not None else Recurrence.ONCE.value
            kept = read is not None and read.date == day
            found.append(Deadline(day, " ".join(text.split()), read.section if read else "",
                                  read.line if read else 0, read.precision if kept else "day",
                                  recurrence))  # fmt: skip
        self.deadlines.blockSignals(False)
        self.plan.deadlines = found
        return problems

    def add_deadline(self) -> None:
        self.deadlines.blockSignals(True)
        row = self._deadline_row(None, "")
        self.deadlines.blockSignals(False)
        self._count_deadlines()
        self.deadlines.setCurrentCell(row, 0)
        self.deadlines.setFocus()
        self.deadlines.editItem(self.deadlines.item(row, 0))

    def drop_deadlines(self) -> None:
        rows = {i.row() for i in self.deadlines.selectedIndexes()} or {self.deadlines.currentRow()}
        for row in sorted(rows, reverse=True):
            if row >= 0:
                self.deadlines.removeRow(row)
        self._count_deadlines()
        self._apply_deadlines()

    def _show_deadline(self, row: int) -> None:
        item = self.deadlines.item(row, 0) if row >= 0 else None
        read = item.data(_OBJECT) if item is not None else None
        if read is not None:
            self.highlight_lines(read.line)

    # --- units -----------------------------------------------------------------------------------

    def matcher(self) -> UnitMatcher:
        if self._matcher is None:
            self._matcher = UnitMatcher(self.ctx.db)
        return self._matcher

    def refresh_units(self) -> None:
        """One row per unit the tasks still name; a match made before is kept."""
        names = named_units(self.plan)
        self.units.setRowCount(0)
        for name in names:
            key = unit_key(name)
            if key not in self._suggestions:
                self._suggestions[key] = self.matcher().suggest(name)
                best = self.matcher().best(name)
                if key not in self.matches and best is not None:
                    self.matches[key] = _Match(best.label, best.unit_ids)
            row = self.units.rowCount()
            self.units.insertRow(row)
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.units.setItem(row, 0, item)
            kind = QTableWidgetItem(tr_label(_KIND_LABELS.get(unit_kind(name), "Khác")))
            kind.setFlags(kind.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.units.setItem(row, 1, kind)
            self.units.setCellWidget(row, 2, self._match_box(name))
        self.tabs.setTabText(3, self.tr("Đơn vị (%n)", "", len(names)))

    def _match_box(self, name: str) -> QComboBox:
        key = unit_key(name)
        box = QComboBox()
        box.setObjectName(f"match:{key}")
        box.addItem(self.tr("— Không giao —"), _NO_UNIT)
        for option in self._suggestions.get(key, []):
            box.addItem(f"{option.label}  ({round(option.score * 100)}%)", option.unit_ids)
        current = self.matches.get(key)
        if current is not None and box.findData(current.unit_ids) < 0:
            box.addItem(current.label, current.unit_ids)
        box.addItem(self.tr("Chọn đơn vị khác…"), _OTHER_UNITS)
        box.setCurrentIndex(box.findData(current.unit_ids) if current else 0)
        box.activated.connect(lambda _i, b=box, n=name: self._match_chosen(b, n))
        return box

    def _match_chosen(self, box: QComboBox, name: str) -> None:
        key, data = unit_key(name), box.currentData()
        if data == _OTHER_UNITS:
            chosen = UnitPicker.choose(self, self.ctx.db, name)
            if chosen:
                label = chosen[0][1] if len(chosen) == 1 else self.tr("%n đơn vị", "", len(chosen))
                self.set_match(name, tuple(i for i, _label in chosen), label)
            self.refresh_units()
        elif data == _NO_UNIT:
            self.matches.pop(key, None)
        else:
            self.set_match(name, tuple(data), box.currentText())

    def set_match(self, name: str, unit_ids: tuple[str, ...], label: str = "") -> None:
        """Match a named unit to org units (an empty tuple: give it no work)."""
        if unit_ids:
            self.matches[unit_key(name)] = _Match(label or name, unit_ids)
        else:
            self.matches.pop(unit_key(name), None)

    def unit_matches(self) -> dict[str, list[str]]:
        return {name: list(self.matches[unit_key(name)].unit_ids) for name in named_units(self.plan)
                if unit_key(name) in self.matches}  # fmt: skip

    # --- saving ------------------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What the clerk typed that cannot be saved as typed (a date, a number), in order."""
        self._apply_task()
        found = []
        typed = self.deadline_edit.text().strip()
        if self._current is not None and typed and review_deadline(typed) is None:
            found.append(self.tr("Nhiệm vụ «%s»: thời hạn «%s» không hợp lệ; ghi dạng 20/9/2023.")
                         % (self._current.title, self.deadline_edit.text().strip()))  # fmt: skip
        for row in range(self.targets.rowCount()):
            value = self._cell(self.targets, row, 2)
            if not value:
                found.append(self.tr("Chỉ tiêu %d chưa ghi giá trị.") % (row + 1))
            elif _number(value) is None:
                found.append(self.tr("Chỉ tiêu %d: giá trị «%s» không phải là số.") % (row + 1, value))
        return found + self._apply_deadlines()

    def save(self) -> Job | None:
        """The one save path (``save_reviewed_plan``), off the GUI thread (``ui.writes``);
        nothing is saved while something typed cannot be saved as typed."""
        if wrong := self.problems():
            self._warn("\n".join(wrong))
            return None
        self._apply_task()
        self._apply_document()
        # the worker gets its own copy: the dialog stays live while it saves
        plan, matches = copy.deepcopy(self.plan), self.unit_matches()
        self.last_write = run_write(self, self.ctx, self.tr("Đang lưu văn bản…"), lambda: save_reviewed_plan(
            self.ctx.db, self.ctx.actor, plan, matches), self._saved)  # fmt: skip
        return self.last_write

    def _saved(self, result: SavedPlan) -> None:
        self.document_id = result.document_id
        self.saved.emit(result.document_id)
        self.accept()

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Xem lại văn bản"), message)


class UnitPicker(QDialog):
    """Pick one or more org units by name (diacritics ignored)."""

    def __init__(self, parent: QWidget | None, db: Any, name: str) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Chọn đơn vị cho «%s»") % name)
        box = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm theo tên hoặc mã, không cần dấu"))
        self.search.textChanged.connect(self._find)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (self.search, self.list, buttons):
            box.addWidget(widget)
        self.search.setText(name)
        self.resize(520, 480)

    def _find(self, text: str) -> None:
        self.list.clear()
        units = list_units(self.db, text=text)
        if not units and text:  # the full name rarely matches word for word: try its last words
            units = list_units(self.db, text=" ".join(text.split()[-2:]))
        for unit in units[:300]:
            item = QListWidgetItem(f"{unit.name} ({unit.code})")
            item.setData(_KIND, unit.id)
            self.list.addItem(item)

    def chosen(self) -> list[tuple[str, str]]:
        return [(i.data(_KIND), i.text()) for i in self.list.selectedItems()]

    @classmethod
    def choose(cls, parent: QWidget | None, db: Any, name: str) -> list[tuple[str, str]]:
        picker = cls(parent, db, name)
        return picker.chosen() if picker.exec() == QDialog.DialogCode.Accepted else []


class SplitDeadlines(QDialog):
    """After a split: the deadline of each half (the task's own, until the clerk changes it)."""

    def __init__(self, parent: QWidget | None, first: ParsedTask, second: ParsedTask) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thời hạn của hai nhiệm vụ sau khi tách"))
        form = QFormLayout(self)
        self.edits: list[QLineEdit] = []
        for task in (first, second):
            edit = QLineEdit(format_date(task.deadline))
            edit.setPlaceholderText(self.tr("dd/mm/yyyy hoặc để trống"))
            title = task.title if len(task.title) <= 70 else task.title[:69] + "…"
            label = QLabel(title)
            label.setWordWrap(True)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.edits.append(edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Không tách"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resize(560, 160)

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        first, second = (review_deadline(e.text()) for e in self.edits)
        return first, second

    def _check(self) -> None:
        bad = [e for e in self.edits if e.text().strip() and review_deadline(e.text()) is None]
        for edit in self.edits:
            edit.setStyleSheet("background: #fdd" if edit in bad else "")
        if bad:
            bad[0].setFocus()
            return
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, first: ParsedTask, second: ParsedTask
    ) -> tuple[dt.date | None, dt.date | None] | None:
        dialog = cls(parent, first, second)
        return dialog.dates() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _number(text: str) -> float | None:
    """A target's value as typed: "95", "95%", "2,5"; None when it is no number."""
    try:
        return float(text.replace(",", ".").rstrip("%").strip())
    except ValueError:
        return None


def review_deadline(text: str) -> dt.date | None:
    """The deadline a reviewer typed (``20/9/2023``, ``2023-09-20``), or None."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return parse_date(text)
