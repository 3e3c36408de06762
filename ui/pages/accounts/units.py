"""Đơn vị: the org-unit tree beside a searchable table; add, edit, move and deactivate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.enums import SchoolLevel, UnitKind
from models.labels import UNIT_KIND_LABELS
from services.accounts.orgunits import (
    UnitNode,
    UnitQuery,
    get_unit,
    list_units,
    move_unit,
    set_unit_active,
    unit_tree,
)
from services.accounts.permissions import Action
from services.accounts.unit_import import import_units, write_template
from ui.context import AppContext
from ui.dialogs.accounts.unit_editor import UnitDialog
from ui.flow import FlowLayout
from ui.gates import gate
from ui.i18n import tr_label
from ui.jobs import Job, read_soon, run_job
from ui.slots import on_click
from ui.widgets import DataTable
from ui.writes import run_write

_ID_ROLE = Qt.ItemDataRole.UserRole


class UnitsPage(QWidget):
    SHOWS = frozenset({"org_units"})
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabel(self.tr("Cây đơn vị"))
        self.tree.currentItemChanged.connect(self._tree_selected)
        self.table = DataTable(ctx, UnitQuery(ctx.db), self, title=self.tr("Đơn vị"))
        self.kind = self.table.add_tool(QComboBox())
        self.kind.addItem(self.tr("Mọi loại"), None)
        for kind in UnitKind:
            self.kind.addItem(tr_label(UNIT_KIND_LABELS[kind]), kind.value)
        self.level = self.table.add_tool(QComboBox())
        self.level.addItem(self.tr("Mọi cấp học"), None)
        for level in SchoolLevel:
            self.level.addItem(level.value, level.value)
        self.inactive = self.table.add_tool(QCheckBox(self.tr("Cả đơn vị ngừng hoạt động")))
        for signal in (self.kind.currentIndexChanged, self.level.currentIndexChanged, self.inactive.toggled):
            signal.connect(self._apply_filters)
        self.table.activated.connect(lambda row: self.edit(row["id"]))
        self._buttons()
        splitter = QSplitter(self)
        splitter.addWidget(self.tree)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.first_steps = QLabel(self)
        self.first_steps.setWordWrap(True)
        right_layout.addWidget(self.first_steps)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(self.actions)
        splitter.addWidget(right)
        splitter.setSizes([280, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fill_tree()

    def _buttons(self) -> None:
        self.actions = FlowLayout()
        self.add_button = self._button(self.tr("&Thêm đơn vị"), self.add)
        self.edit_button = self._button(self.tr("&Sửa"), lambda: self._with_current(self.edit))
        self.move_button = self._button(self.tr("&Chuyển trực thuộc…"), lambda: self._with_current(self.move))
        self.active_button = self._button(
            self.tr("&Ngừng / mở lại hoạt động"), lambda: self._with_current(self.toggle_active)
        )
        self.import_button = self._button(self.tr("Nhập danh sách từ Excel…"), lambda: self.import_excel())
        self.template_button = self._button(self.tr("Tải tệp mẫu Excel…"), lambda: self.save_template())
        for button in (self.add_button, self.edit_button, self.move_button, self.active_button,
                       self.import_button, self.template_button):  # fmt: skip
            self.actions.addWidget(button)
            gate(button, self.ctx, Action.MANAGE_UNITS)
        self.actions.addStretch(1)

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        on_click(button, slot)
        return button

    # --- tree and filters ------------------------------------------------------------

    def _fill_tree(self) -> None:
        db = self.ctx.db  # the whole list of units, a thousand at a district: read off the GUI thread
        read_soon(self, "tree", lambda: unit_tree(db), self._show_tree)

    def _show_tree(self, roots: list[UnitNode]) -> None:
        current = self.tree.currentItem().data(0, _ID_ROLE) if self.tree.currentItem() else None
        self.tree.blockSignals(True)
        self.tree.clear()
        everything = QTreeWidgetItem([self.tr("Tất cả đơn vị")])
        everything.setData(0, _ID_ROLE, None)
        self.tree.addTopLevelItem(everything)
        for node in roots:
            self.tree.addTopLevelItem(self._item(node))
        self.tree.expandToDepth(1)
        self.tree.blockSignals(False)
        found = self._find_item(current) if current else None
        self.tree.setCurrentItem(found or everything)
        self._say_first_steps(not any(_has_school(node) for node in roots))

    def _say_first_steps(self, no_schools: bool) -> None:
        """A district without schools is told how to load them, in the window's own words."""
        show = no_schools and self.ctx.can(Action.MANAGE_UNITS)
        self.first_steps.setVisible(show)
        self.first_steps.setText(self.tr(
            "<b>Chưa có trường nào.</b> Bấm «Tải tệp mẫu Excel…», điền mỗi dòng một trường (mã, tên, cấp học, "
            "loại hình, xã/phường), rồi bấm «Nhập danh sách từ Excel…». Cũng có thể «Thêm đơn vị» từng trường."
        ) if show else "")  # fmt: skip

    def _item(self, node: UnitNode) -> QTreeWidgetItem:
        item = QTreeWidgetItem([node.unit.name])
        item.setData(0, _ID_ROLE, node.unit.id)
        item.setToolTip(0, node.unit.code)
        for child in node.children:
            if child.children or child.unit.kind != UnitKind.SCHOOL:  # schools are listed in the table
                item.addChild(self._item(child))
        return item

    def _find_item(self, unit_id: str) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item.data(0, _ID_ROLE) == unit_id:
                return item
            stack += [item.child(i) for i in range(item.childCount())]
        return None

    def _tree_selected(self, *_args: Any) -> None:
        self._apply_filters()

    def _apply_filters(self, *_args: Any) -> None:
        item = self.tree.currentItem()
        self.table.set_filters(
            {
                "parent_id": item.data(0, _ID_ROLE) if item else None,
                "kind": self.kind.currentData(),
                "level": self.level.currentData(),
                # unchecked is no filter: "False" made the table read itself again when the tree came
                "include_inactive": True if self.inactive.isChecked() else None,
            }
        )

    def refresh(self) -> None:
        self._fill_tree()
        self.table.reload()

    # --- actions ---------------------------------------------------------------------

    def _with_current(self, action: Any) -> None:
        row = self.table.current_row()
        if row is None:
            QMessageBox.information(self, self.tr("Đơn vị"), self.tr("Hãy chọn một đơn vị trong bảng."))
            return
        action(row["id"])

    def add(self) -> None:
        item = self.tree.currentItem()
        UnitDialog(self.ctx, None, self, parent_id=item.data(0, _ID_ROLE) if item else None).exec()

    def edit(self, unit_id: str) -> None:
        if not self.ctx.can(Action.MANAGE_UNITS):
            return
        UnitDialog(self.ctx, get_unit(self.ctx.db, unit_id), self).exec()

    def move(self, unit_id: str) -> None:
        unit = get_unit(self.ctx.db, unit_id)
        candidates = [u for u in list_units(self.ctx.db) if u.id != unit_id and u.kind != UnitKind.SCHOOL]
        labels = [f"{u.name} ({u.code})" for u in candidates]
        current = next((i for i, u in enumerate(candidates) if u.id == unit.parent_id), 0)
        choice, ok = QInputDialog.getItem(
            self, self.tr("Chuyển trực thuộc"), self.tr("Đơn vị cấp trên mới của {name}:").format(name=unit.name),
            labels, current, False,
        )  # fmt: skip
        if ok and choice:
            self._run(
                lambda: move_unit(self.ctx.db, self.ctx.actor, unit_id, candidates[labels.index(choice)].id)
            )

    def toggle_active(self, unit_id: str) -> None:
        unit = get_unit(self.ctx.db, unit_id)
        if unit.active:
            question = self.tr("Ngừng hoạt động {name}? Dữ liệu của đơn vị vẫn được giữ và có thể mở lại.")
            answer = QMessageBox.question(self, self.tr("Ngừng hoạt động"), question.format(name=unit.name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(lambda: set_unit_active(self.ctx.db, self.ctx.actor, unit_id, not unit.active))

    def import_excel(self, path: str | None = None) -> Job | None:
        """Every row checked first; a single wrong row adds nothing and the message names each cell."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Nhập danh sách đơn vị"), "",
                                                  self.tr("Bảng tính Excel (*.xlsx)"))  # fmt: skip
            if not path:
                return None

        def done(result: Any) -> None:
            text = self.tr("Đã thêm {n} đơn vị.").format(n=result.units)
            if result.communes:
                text += " " + self.tr("Đã tạo {n} xã/phường.").format(n=result.communes)
            QMessageBox.information(self, self.tr("Nhập danh sách đơn vị"), text)

        return run_job(self, self.ctx, self.tr("Nhập danh sách đơn vị"),
                       lambda progress: import_units(self.ctx.db, self.ctx.actor, Path(path), progress), done,
                       changes={"org_units"})  # fmt: skip

    def save_template(self, path: str | None = None) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu tệp mẫu"), "danh-sach-don-vi.xlsx",
                                                  self.tr("Bảng tính Excel (*.xlsx)"))  # fmt: skip
            if not path:
                return None
        try:
            written = write_template(Path(path))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Lưu tệp mẫu"), self.tr("Không ghi được {path}: {error}")
                                .format(path=path, error=exc.strerror or exc))  # fmt: skip
            return None
        QMessageBox.information(self, self.tr("Lưu tệp mẫu"), self.tr(
            "Đã lưu {path}. Điền mỗi dòng một đơn vị (trang «Hướng dẫn» có dòng ví dụ), lưu lại, rồi bấm "
            "«Nhập danh sách từ Excel…».").format(path=written))  # fmt: skip
        return written

    def _run(self, change: Any) -> None:
        self.last_write = run_write(self, self.ctx, self.tr("Đơn vị"), change)


def _has_school(node: UnitNode) -> bool:
    return node.unit.kind == UnitKind.SCHOOL or any(_has_school(child) for child in node.children)
