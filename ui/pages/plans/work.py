"""The task, assignment and matrix tabs of Kế hoạch & nhiệm vụ."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import AssignmentStatus, SchoolLevel, UnitKind
from models.labels import ASSIGNMENT_STATUS_LABELS
from services.accounts.orgunits import unit_choices
from services.accounts.permissions import Action
from services.core.paging import PageRequest
from services.plans import assignments, progress
from services.plans.matrix import MatrixQuery
from services.plans.task_lists import DocumentQuery, TaskQuery
from services.plans.tasks import create_task, get_task, update_task
from services.plans.views import OVERDUE, AssignmentQuery, MyWorkQuery
from ui.context import AppContext
from ui.dialogs.plans.detail import open_task_detail
from ui.dialogs.plans.tasks import AssignDialog, OptionalDate, ProgressDialog, TaskDialog
from ui.gates import gate
from ui.i18n import tr_label
from ui.jobs import Job, read_soon
from ui.slots import on_click
from ui.widgets import DataTable
from ui.writes import refusals_shown, run_dialog_write, run_write

WORK_TABLES = {"tasks", "assignments", "progress_updates", "attachments"}
MATRIX_COLOURS = {
    AssignmentStatus.DONE.value: "#c8e6c9",
    AssignmentStatus.IN_PROGRESS.value: "#fff3c4",
    AssignmentStatus.NOT_STARTED.value: "#eeeeee",
    AssignmentStatus.PAUSED.value: "#d7ccc8",
    OVERDUE: "#ffcdd2",
}


class _WorkTab(QWidget):
    """A DataTable with filter combos and action buttons that need a current row."""

    def __init__(self, ctx: AppContext, page: QWidget, table: DataTable) -> None:
        super().__init__(page)
        self.ctx, self.page, self.table = ctx, page, table
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table)

    def combo(self, items: list[tuple[str, Any]]) -> QComboBox:
        box = self.table.add_tool(QComboBox())
        # Long document titles must not widen the window: the combo takes what the row leaves.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(10)
        for text, data in items:
            box.addItem(text, data)
        box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return box

    def button(self, text: str, slot: Callable[[dict[str, Any]], Any], action: Action | None = None,
               *, needs_row: bool = True) -> QPushButton:  # fmt: skip
        button = self.table.add_action(QPushButton(text))
        gate(button, self.ctx, action)
        on_click(button, lambda: self._run(slot, needs_row))
        return button

    def _run(self, slot: Callable[[dict[str, Any]], Any], needs_row: bool) -> None:
        row = self.table.current_row()
        if needs_row and row is None:
            QMessageBox.information(self, self.tr("Chọn dòng"), self.tr("Hãy chọn một dòng trong bảng."))
            return
        with refusals_shown(self, self.tr("Không thực hiện được")):
            slot(row or {})

    def scope_filters(self) -> None:
        """Unit and due-date range, shared by the task and assignment lists."""
        self.unit = self.combo([(self.tr("Mọi đơn vị"), None)])
        self.unit.setEditable(True)  # type a few letters among hundreds of units
        db = self.ctx.db  # a thousand units at a district: read off the GUI thread
        read_soon(self, "units", lambda: unit_choices(db), self._show_units)
        self.table.add_tool(QLabel(self.tr("Hạn từ")))
        self.due_from = self.table.add_tool(OptionalDate())
        self.table.add_tool(QLabel(self.tr("đến")))
        self.due_to = self.table.add_tool(OptionalDate())
        self.due_from.setToolTip(self.tr("Hạn từ ngày"))
        self.due_to.setToolTip(self.tr("Hạn đến ngày"))
        for box in (self.due_from, self.due_to):
            box.enabled.toggled.connect(lambda _on: self.apply_filters())
            box.edit.dateChanged.connect(lambda _d: self.apply_filters())

    def _show_units(self, choices: list[tuple[str, str, str]]) -> None:
        self.unit.blockSignals(True)  # "Mọi đơn vị" stays the choice: the list shown does not change
        for unit_id, code, name in choices:
            self.unit.addItem(f"{name} ({code})", unit_id)
        self.unit.blockSignals(False)

    def scope_values(self) -> dict[str, Any]:
        if self.ctx.actor.unit_id is not None and not self.ctx.can(Action.ASSIGN_TASKS):
            unit = None  # school staff are narrowed to their unit by the query itself
        else:
            unit = self.unit.currentData()
        return {"unit_id": unit, "due_from": self.due_from.value(), "due_to": self.due_to.value()}

    def status_items(self) -> list[tuple[str, Any]]:
        return [(self.tr("Mọi trạng thái"), None)] + [
            (tr_label(ASSIGNMENT_STATUS_LABELS[s]), s.value) for s in AssignmentStatus
        ]

    def level_items(self, everything: str) -> list[tuple[str, Any]]:
        return [(everything, None)] + [(level.value, level.value) for level in SchoolLevel]

    def apply_filters(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        self.table.reload()


class TasksTab(_WorkTab):
    def __init__(self, ctx: AppContext, page: QWidget) -> None:
        super().__init__(ctx, page, DataTable(ctx, TaskQuery(ctx.db, ctx.actor), None, title="nhiem-vu"))
        self.document = self.combo([])
        self._fill_documents()
        self.status = self.combo(self.status_items())
        self.level = self.combo(self.level_items(self.tr("Mọi cấp học")))
        self.overdue = self.table.add_tool(QCheckBox(self.tr("Có việc quá hạn")))
        self.overdue.toggled.connect(lambda _on: self.apply_filters())
        self.scope_filters()
        self.button(self.tr("Thêm nhiệm vụ"), self.add, Action.EDIT_DOCUMENTS, needs_row=False)
        self.button(self.tr("Sửa"), self.edit, Action.EDIT_DOCUMENTS)
        self.button(self.tr("Giao việc…"), self.assign, Action.ASSIGN_TASKS)
        self.button(self.tr("Chi tiết"), self.detail)
        self.table.activated.connect(self.detail)

    def _fill_documents(self, choose: str | None = None) -> None:
        """The documents to filter by, read off the GUI thread; ``choose`` is chosen once they are listed."""
        query = DocumentQuery(self.ctx.db, self.ctx.actor)
        read_soon(self, "documents", lambda: query.fetch(PageRequest(limit=500, sort="issued_on", descending=True)),
                  lambda rows: self._show_documents(rows, choose))  # fmt: skip

    def _show_documents(self, rows: list[dict[str, Any]], choose: str | None) -> None:
        current = choose or self.document.currentData()
        self.document.blockSignals(True)
        self.document.clear()
        self.document.addItem(self.tr("Mọi văn bản"), None)
        for row in rows:
            label = f"{row.get('reference') or ''} {row.get('title') or ''}".strip()
            self.document.addItem(label[:90], row["id"])
        self.document.setCurrentIndex(max(self.document.findData(current), 0))
        self.document.blockSignals(False)
        if choose is not None:
            self.apply_filters()

    def set_document(self, document_id: str) -> None:
        self._fill_documents(choose=document_id)

    def apply_filters(self) -> None:
        if not hasattr(self, "due_to"):
            return  # still building the filters
        self.table.set_filters({"document_id": self.document.currentData(), "status": self.status.currentData(),
                                "level": self.level.currentData(),
                                "overdue": True if self.overdue.isChecked() else None, **self.scope_values()})  # fmt: skip

    def refresh(self) -> None:
        self._fill_documents()
        self.table.reload()

    def add(self, _row: dict[str, Any]) -> None:
        document_id = self.document.currentData()
        if not document_id:
            QMessageBox.information(
                self, self.tr("Thêm nhiệm vụ"), self.tr("Hãy chọn văn bản ở ô lọc trước.")
            )
            return
        self._save(TaskDialog(None, self),
                   lambda value: create_task(self.ctx.db, self.ctx.actor, document_id, value))  # fmt: skip

    def edit(self, row: dict[str, Any]) -> None:
        self._save(TaskDialog(get_task(self.ctx.db, row["id"]), self),
                   lambda value: update_task(self.ctx.db, self.ctx.actor, row["id"], value))  # fmt: skip

    def assign(self, row: dict[str, Any]) -> None:
        task = get_task(self.ctx.db, row["id"])
        self._save(AssignDialog(self.ctx.db, task, self),
                   lambda value: assignments.assign(self.ctx.db, self.ctx.actor, task.id, **value),
                   lambda result: QMessageBox.information(self, self.tr("Giao việc"), self.tr(
                       "Đã giao {n} việc.").format(n=getattr(result, "created", ""))))  # fmt: skip

    def detail(self, row: dict[str, Any]) -> Job:
        return open_task_detail(self, self.ctx, row["id"], lambda dialog: setattr(self, "last_detail", dialog))

    def _save(self, dialog: QDialog, save: Callable[[Any], Any],
              on_done: Callable[[Any], None] | None = None) -> None:  # fmt: skip
        run_dialog_write(self, self.ctx, dialog, dialog.windowTitle(), save, on_done)


class AssignmentsTab(_WorkTab):
    def __init__(self, ctx: AppContext, page: QWidget, query: AssignmentQuery | None = None) -> None:
        query = query or AssignmentQuery(ctx.db, ctx.actor)
        super().__init__(ctx, page, DataTable(ctx, query, None, title="viec-duoc-giao"))
        self.task_id: str | None = None
        self.status = self.combo(self.status_items())
        self.level = self.combo(self.level_items(self.tr("Mọi cấp học")))
        self.overdue = self.table.add_tool(QCheckBox(self.tr("Chỉ việc quá hạn")))
        self.overdue.toggled.connect(lambda _on: self.apply_filters())
        self.scope_filters()
        self.clear_task = self.table.add_tool(QPushButton(self.tr("Bỏ lọc nhiệm vụ")))
        on_click(self.clear_task, lambda: self.set_task(None))
        self.clear_task.setVisible(False)
        self.button(self.tr("Cập nhật tiến độ…"), self.log_progress, Action.UPDATE_PROGRESS)
        self.button(self.tr("Hủy giao"), self.cancel, Action.ASSIGN_TASKS)
        self.table.activated.connect(lambda row: self._run(self.log_progress, True))

    def set_task(self, task_id: str | None) -> None:
        self.task_id = task_id
        self.clear_task.setVisible(task_id is not None)
        self.apply_filters()

    def apply_filters(self) -> None:
        if not hasattr(self, "due_to"):
            return  # still building the filters
        self.table.set_filters({"task_id": self.task_id, "status": self.status.currentData(),
                                "level": self.level.currentData(),
                                "overdue": True if self.overdue.isChecked() else None, **self.scope_values()})  # fmt: skip

    def log_progress(self, row: dict[str, Any]) -> None:
        if not self.ctx.can(Action.UPDATE_PROGRESS):
            return
        title = f"{row.get('task_title', '')} — {row.get('unit_name', '')}"
        dialog = ProgressDialog(title, AssignmentStatus(row["status"]), int(row.get("percent") or 0), self)
        run_dialog_write(self, self.ctx, dialog, self.tr("Cập nhật tiến độ"), lambda value: progress.add_progress(
            self.ctx.db, self.ctx.actor, row["id"], **value))  # fmt: skip

    def cancel(self, _row: dict[str, Any]) -> None:
        rows = self.table.selected_rows()
        reason, ok = QInputDialog.getText(self, self.tr("Hủy giao việc"),
                                          self.tr("Hủy {n} việc đã chọn. Lý do (ghi vào nhật ký):").format(
                                              n=len(rows)))  # fmt: skip
        if ok:
            ids = [r["id"] for r in rows]
            self.last_write = run_write(self, self.ctx, self.tr("Hủy giao việc"),
                                        lambda: assignments.cancel_assignments(self.ctx.db, self.ctx.actor, ids, reason))  # fmt: skip


class MyWorkTab(AssignmentsTab):
    """Việc của tôi: the assignments of the user's own unit, the most urgent first."""

    def __init__(self, ctx: AppContext, page: QWidget) -> None:
        super().__init__(ctx, page, MyWorkQuery(ctx.db, ctx.actor))


class MatrixTab(_WorkTab):
    """Tasks down, units across; each cell coloured by the assignment's state."""

    def __init__(self, ctx: AppContext, page: QWidget) -> None:
        self.unit_filters: dict[str, Any] = {"level": SchoolLevel.THCS.value}
        query = MatrixQuery(ctx.db, ctx.actor, unit_filters=self.unit_filters)
        super().__init__(ctx, page, DataTable(ctx, query, None, title="ma-tran"))
        self.table.model.cell_colours = self.colour
        items = [(self.tr("Trường {level}").format(level=level.value), {"level": level.value})
                 for level in SchoolLevel] + [(self.tr("UBND xã, thị trấn"), {"kind": UnitKind.COMMUNE.value}),
                                              (self.tr("Phòng, ban, ngành"), {"kind": UnitKind.DEPARTMENT.value})]  # fmt: skip
        self.columns = self.combo(items)
        self.columns.setCurrentIndex(list(SchoolLevel).index(SchoolLevel.THCS))
        self.table.activated.connect(lambda row: open_task_detail(self, ctx, row["id"]))

    @staticmethod
    def colour(_key: str, value: Any) -> str | None:
        return MATRIX_COLOURS.get(value) if isinstance(value, str) else None

    def apply_filters(self) -> None:
        filters = self.columns.currentData() or {}
        if filters != self.unit_filters:
            self.unit_filters = dict(filters)
            self.refresh()

    def refresh(self) -> None:
        self.table.model.set_query(MatrixQuery(self.ctx.db, self.ctx.actor, unit_filters=self.unit_filters))
