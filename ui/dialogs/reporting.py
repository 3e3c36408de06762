"""Report templates: the list, JSON import and export, and an outline editor.

Editing never changes a template in use: saving makes the next version of the same
code (and nothing when the outline did not change), so rounds keep the version they
were created with.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.accounts.permissions import Action
from services.reporting.templates import (
    export_template,
    import_template,
    list_templates,
    load_template_document,
    save_template_document,
)
from ui.context import AppContext
from ui.gates import gate
from ui.i18n import message_of
from ui.slots import on_click
from ui.widgets import error_label, ok_cancel
from ui.writes import run_write

_SECTION = Qt.ItemDataRole.UserRole


class TemplateEditor(QDialog):
    """The outline of one template: sections with their number, heading, prompt and data rows."""

    def __init__(self, ctx: AppContext, template_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.document = load_template_document(ctx.db, template_id)
        self.saved: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Sửa đề cương: {name}").format(name=self.document["name"]))
        self.resize(980, 640)
        self.name = QLineEdit(self.document["name"], self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Số"), self.tr("Đề mục")])
        self.tree.currentItemChanged.connect(self._show)
        self.number, self.heading = QLineEdit(self), QLineEdit(self)
        self.prompt = QPlainTextEdit(self)
        self.rows = QLineEdit(self)
        self.rows.setPlaceholderText(self.tr("mã chỉ số, cách nhau bằng dấu phẩy (để trống: không có bảng)"))
        for field in (self.number, self.heading, self.rows):
            field.editingFinished.connect(self._apply)
        self.prompt.textChanged.connect(self._apply)
        self.message = error_label(self)
        self._fill_tree()
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Số:"), self.number)
        form.addRow(self.tr("Đề mục:"), self.heading)
        form.addRow(self.tr("Gợi ý nội dung:"), self.prompt)
        form.addRow(self.tr("Bảng số liệu:"), self.rows)
        editor = QWidget(self)
        editor.setLayout(form)
        split = QSplitter(self)
        split.addWidget(self.tree)
        split.addWidget(editor)
        split.setSizes([420, 560])
        actions = QHBoxLayout()
        for text, slot in ((self.tr("Thêm mục"), lambda: self.add(child=False)),
                           (self.tr("Thêm mục con"), lambda: self.add(child=True)),
                           (self.tr("Xóa mục"), self.remove)):  # fmt: skip
            button = QPushButton(text, self)
            on_click(button, slot)
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(self.tr("Tên đề cương:"), self.name)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel(self, self.tr("Lưu thành phiên bản mới"), self.save))

    # --- the tree mirrors the document's sections (each item holds its dict) ----------

    def _fill_tree(self) -> None:
        self.tree.clear()
        for section in self.document["sections"]:
            self.tree.addTopLevelItem(self._item(section))
        self.tree.expandAll()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _item(self, section: dict[str, Any]) -> QTreeWidgetItem:
        item = QTreeWidgetItem([section.get("number", ""), section.get("heading", "")])
        item.setData(0, _SECTION, section)
        for child in section.get("children", []):
            item.addChild(self._item(child))
        return item

    def _section(self, item: QTreeWidgetItem | None) -> dict[str, Any] | None:
        return item.data(0, _SECTION) if item is not None else None

    def _show(self, item: QTreeWidgetItem | None, _previous: Any = None) -> None:
        section = self._section(item) or {}
        self._loading = True
        self.number.setText(section.get("number", ""))
        self.heading.setText(section.get("heading", ""))
        self.prompt.setPlainText(section.get("prompt", ""))
        self.rows.setText(", ".join(section.get("table", {}).get("rows", [])))
        self._loading = False

    def _apply(self) -> None:
        item = self.tree.currentItem()
        if getattr(self, "_loading", False) or item is None:
            return
        section = self._section(item)
        section["number"], section["heading"] = self.number.text().strip(), self.heading.text().strip()
        section["prompt"] = self.prompt.toPlainText().strip()
        codes = [c.strip().upper() for c in self.rows.text().split(",") if c.strip()]
        if codes:
            section["table"] = {
                **section.get("table", {"columns": [{"key": "", "label": "Số liệu"}]}),
                "rows": codes,
            }
        else:
            section.pop("table", None)
        item.setData(0, _SECTION, section)
        item.setText(0, section["number"])
        item.setText(1, section["heading"])

    def add(self, *, child: bool) -> None:
        section = {"number": "", "heading": self.tr("Mục mới"), "prompt": ""}
        current = self.tree.currentItem()
        item = self._item(section)
        if child and current is not None:
            current.addChild(item)
            current.setExpanded(True)
        elif current is not None and current.parent() is not None:
            current.parent().insertChild(current.parent().indexOfChild(current) + 1, item)
        else:
            index = (
                self.tree.indexOfTopLevelItem(current) + 1
                if current is not None
                else self.tree.topLevelItemCount()
            )
            self.tree.insertTopLevelItem(index, item)
        self.tree.setCurrentItem(item)

    def remove(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        parent = item.parent()
        (
            parent.removeChild(item)
            if parent
            else self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        )

    def edited_document(self) -> dict[str, Any]:
        def collect(item: QTreeWidgetItem) -> dict[str, Any]:
            section = {k: v for k, v in copy.deepcopy(self._section(item)).items() if k != "children"}
            children = [collect(item.child(n)) for n in range(item.childCount())]
            return {**section, "children": children} if children else section

        document = copy.deepcopy(self.document)
        document["name"] = self.name.text().strip()
        document["sections"] = [
            collect(self.tree.topLevelItem(n)) for n in range(self.tree.topLevelItemCount())
        ]
        return document

    def save(self) -> None:
        self._apply()
        document = self.edited_document()

        def saved(result: dict[str, Any]) -> None:
            self.saved = result
            self.accept()

        # the refusal is said in the editor, which stays open with the edits
        self.last_write = run_write(self, self.ctx, self.windowTitle(), lambda: save_template_document(
            self.ctx.db, self.ctx.actor, document), saved, quiet=True,
            on_refused=lambda exc: self.message.setText(message_of(exc)))  # fmt: skip


class TemplatesDialog(QDialog):
    """Every template and version; open one in the editor, import or export JSON."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Đề cương báo cáo"))
        self.resize(640, 420)
        self.list = QListWidget(self)
        self.list.itemDoubleClicked.connect(lambda _i: self.edit())
        buttons = QHBoxLayout()
        manage = Action.MANAGE_REPORTING
        for text, slot, needs in ((self.tr("Sửa…"), self.edit, manage), (self.tr("Nhập JSON…"), self.import_json, manage),
                                  (self.tr("Xuất JSON…"), self.export_json, None)):  # fmt: skip
            button = QPushButton(text, self)
            on_click(button, slot)
            gate(button, ctx, needs)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for t in list_templates(self.ctx.db):
            item = QListWidgetItem(f"{t['name']} — {t['code']} v{t['version']}")
            item.setData(_SECTION, t["id"])
            self.list.addItem(item)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(_SECTION) if item else None

    def edit(self) -> TemplateEditor | None:
        template_id = self.current_id()
        if template_id is None:
            return None
        editor = TemplateEditor(self.ctx, template_id, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
        return editor

    def import_json(self, path: str | None = None) -> None:
        path = (
            path
            or QFileDialog.getOpenFileName(self, self.tr("Nhập đề cương"), str(Path.home()), "JSON (*.json)")[
                0
            ]
        )
        if not path:
            return
        self.last_write = run_write(self, self.ctx, self.tr("Nhập đề cương"),
                                    lambda: import_template(self.ctx.db, self.ctx.actor, Path(path)),
                                    lambda _r: self.refresh())  # fmt: skip

    def export_json(self, path: str | None = None) -> None:
        template_id = self.current_id()
        if template_id is None:
            return
        path = path or QFileDialog.getSaveFileName(self, self.tr("Xuất đề cương"), str(Path.home() / "de-cuong.json"),
                                                   "JSON (*.json)")[0]  # fmt: skip
        if path:
            export_template(self.ctx.db, template_id, Path(path))
