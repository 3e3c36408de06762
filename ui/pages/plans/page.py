"""Kế hoạch & nhiệm vụ: documents, their tasks, who has them, and the task × unit matrix.

A plan arrives as a file or pasted text, is reviewed beside its original text and saved in
one transaction; tasks are assigned to units one by one or by group; progress is logged
with evidence. Every tab is one lazy table over a services query.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services.accounts.permissions import Action
from services.plan_import import parse_plan, parse_plan_file
from services.plan_import.matching import UnitMatcher, matcher_for
from services.plan_import.reviewed import imported_before
from services.plans import documents
from services.plans.task_lists import DocumentQuery
from ui.context import AppContext
from ui.dialogs.plan_import import PlanReviewDialog
from ui.dialogs.plans.tasks import DocumentDialog
from ui.gates import gate
from ui.i18n import tr_label
from ui.jobs import run_job
from ui.pages.plans.work import AssignmentsTab, MatrixTab, MyWorkTab, TasksTab
from ui.pages.register import REGISTER_TABLES, MyHandlingTab
from ui.slots import on_click
from ui.widgets import DataTable, LazyTab, LazyTabPage
from ui.writes import run_dialog_write, run_write

PLAN_FILES = "Văn bản (*.docx *.pdf *.txt);;Mọi tệp (*)"
PLAN_TABLES = {"documents", "sections", "tasks", "assignments", "progress_updates", "attachments"}


class DocumentsTab(QWidget):
    def __init__(self, ctx: AppContext, page: PlansPage) -> None:
        super().__init__(page)
        self.ctx, self.page = ctx, page
        self.table = DataTable(ctx, DocumentQuery(ctx.db, ctx.actor), self, title=self.tr("Văn bản"))
        self.table.activated.connect(lambda row: page.show_tasks_of(row["id"]))
        editable = Action.EDIT_DOCUMENTS
        self.buttons = [
            self._button(self.tr("Nhập từ tệp…"), self.import_file, editable),
            self._button(self.tr("Dán văn bản…"), self.paste_text, editable),
            self._button(self.tr("Thêm thủ công"), self.add, editable),
            self._button(self.tr("Sửa"), self.edit, editable),
            self._button(self.tr("Xóa"), self.delete, editable),
            self._button(self.tr("Xem nhiệm vụ"), self.open_tasks, None),
        ]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def _button(self, text: str, slot: Callable[[], Any], action: Action | None) -> QPushButton:
        button = self.table.add_action(QPushButton(text))
        on_click(button, slot)
        gate(button, self.ctx, action)
        return button

    def refresh(self) -> None:
        self.table.reload()

    # --- importing -------------------------------------------------------------------

    def import_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn kế hoạch, chỉ thị, công văn"),
                                                  str(Path.home()), tr_label(PLAN_FILES))  # fmt: skip
            if not path:
                return
        source = Path(path)
        self.last_job = run_job(self, self.ctx, self.tr("Đọc văn bản"),
                                lambda _p: self._read(parse_plan_file(source)), lambda read: self.review(*read))  # fmt: skip

    def _read(self, plan: Any) -> tuple[Any, UnitMatcher]:
        """On the job helper: the plan and its units matched, so the review opens at once."""
        return plan, matcher_for(self.ctx.db, plan)

    def paste_text(self, text: str | None = None) -> None:
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, self.tr("Dán văn bản"),
                                                     self.tr("Dán toàn bộ nội dung kế hoạch hoặc chỉ thị:"))  # fmt: skip
            if not ok or not text.strip():
                return
        data = text.encode("utf-8")
        self.last_job = run_job(self, self.ctx, self.tr("Dán văn bản"),
                                lambda _p: self._read(parse_plan("van-ban-dan.txt", data)), lambda read: self.review(*read))  # fmt: skip

    def review(self, plan: Any, matcher: UnitMatcher | None = None) -> PlanReviewDialog | None:
        # said before the clerk spends an hour on the review, not when "Lưu" refuses it
        taken = imported_before(self.ctx.db, plan.sha256)
        if taken is not None:
            QMessageBox.warning(self, self.tr("Văn bản đã nhập"),
                                self.tr("Tệp {file} đã được nhập trước đây (văn bản «{title}»); không nhập lại.")
                                .format(file=plan.source_name, title=taken[:80]))  # fmt: skip
            return None
        dialog = PlanReviewDialog(self.ctx, plan, self, matcher)
        dialog.saved.connect(self.page.show_tasks_of)
        self.last_review = dialog
        dialog.open()
        return dialog

    # --- editing ---------------------------------------------------------------------

    def add(self) -> None:
        run_dialog_write(self, self.ctx, DocumentDialog(None, self), self.tr("Thêm văn bản"),
                         lambda value: documents.create_document(self.ctx.db, self.ctx.actor, value))  # fmt: skip

    def edit(self) -> None:
        row = self._current()
        if row is None:
            return
        dialog = DocumentDialog(documents.get_document(self.ctx.db, row["id"]), self)
        run_dialog_write(self, self.ctx, dialog, self.tr("Sửa văn bản"),
                         lambda value: documents.update_document(self.ctx.db, self.ctx.actor, row["id"], value))  # fmt: skip

    def delete(self) -> None:
        row = self._current()
        if row is None:
            return
        question = self.tr("Xóa văn bản {ref}, cùng mọi nhiệm vụ và việc đã giao của nó? "
                           "Thao tác được ghi vào nhật ký.").format(ref=row.get("reference") or row.get("title"))  # fmt: skip
        if QMessageBox.question(self, self.tr("Xóa văn bản"), question) != QMessageBox.StandardButton.Yes:
            return
        self.last_write = run_write(self, self.ctx, self.tr("Xóa văn bản"),
                                    lambda: documents.delete_document(self.ctx.db, self.ctx.actor, row["id"]))  # fmt: skip

    def open_tasks(self) -> None:
        row = self._current()
        if row is not None:
            self.page.show_tasks_of(row["id"])

    def _current(self) -> dict[str, Any] | None:
        row = self.table.current_row()
        if row is None:
            QMessageBox.information(self, self.tr("Văn bản"), self.tr("Hãy chọn một văn bản trong bảng."))
        return row


class PlansPage(LazyTabPage, QWidget):
    # the unit filters list the units; "Việc của tôi" also holds the incoming documents to handle
    SHOWS = frozenset(PLAN_TABLES | {"org_units"} | REGISTER_TABLES)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget(self)
        self._places: dict[str, LazyTab] = {}
        if ctx.actor.unit_id is not None:  # a school: its own work comes first
            self._add("my_work", self.tr("Việc của tôi"), lambda: MyWorkTab(ctx, self))
        self._add("documents", self.tr("Văn bản"), lambda: DocumentsTab(ctx, self))
        self._add("tasks", self.tr("Nhiệm vụ"), lambda: TasksTab(ctx, self))
        self._add("assignments", self.tr("Việc được giao"), lambda: AssignmentsTab(ctx, self))
        self._add("matrix", self.tr("Ma trận nhiệm vụ × đơn vị"), lambda: MatrixTab(ctx, self))
        # what the head of office asked this person to handle, on a handling slip
        self._add("my_handling", self.tr("Văn bản tôi xử lý"), lambda: MyHandlingTab(ctx, self))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>" + self.tr("Kế hoạch & nhiệm vụ") + "</h3>", self))
        layout.addWidget(self.tabs, 1)
        self.current_tab()  # the first tab is built now; the others when they are opened

    def tab(self, key: str) -> Any:
        """The tab ``key``, built if it was not yet (AttributeError if this office has none)."""
        if key not in self._places:
            raise AttributeError(key)
        return self._places[key].built()

    my_work = property(lambda self: self.tab("my_work"), doc="A school's own assignments (MyWorkTab).")
    documents = property(lambda self: self.tab("documents"), doc="DocumentsTab")
    tasks = property(lambda self: self.tab("tasks"), doc="TasksTab")
    assignments = property(lambda self: self.tab("assignments"), doc="AssignmentsTab")
    matrix = property(lambda self: self.tab("matrix"), doc="MatrixTab")
    my_handling = property(lambda self: self.tab("my_handling"), doc="MyHandlingTab")

    def show_tasks_of(self, document_id: str) -> None:
        self.tasks.set_document(document_id)
        self.show_tab("tasks")

    def show_assignments_of(self, task_id: str) -> None:
        self.assignments.set_task(task_id)
        self.show_tab("assignments")

    def refresh(self) -> None:
        """The tabs built so far read again; one not yet built reads when it is opened."""
        for place in self._places.values():
            if place.widget is not None:
                place.widget.refresh()
