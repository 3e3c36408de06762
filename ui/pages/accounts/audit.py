"""The audit trail: who changed what, when, before and after; filtered and exported."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from services.accounts.audit import ACTION_LABELS, AuditQuery, distinct_values
from services.core.describe import TABLE_LABELS
from ui.context import AppContext
from ui.i18n import tr_label
from ui.widgets import DataTable


class AuditTab(QWidget):
    FILTERS = (("username", "Mọi tài khoản"), ("entity", "Mọi loại dữ liệu"), ("action", "Mọi thao tác"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = DataTable(ctx, AuditQuery(ctx.db, ctx.actor), self, title=self.tr("Nhật ký thao tác"))
        self.combos: dict[str, QComboBox] = {}
        for key, everything in self.FILTERS:
            combo = self.table.add_tool(QComboBox())
            combo.setProperty("everything", tr_label(everything))
            combo.currentIndexChanged.connect(self._apply)
            self.combos[key] = combo
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Chọn một dòng để xem giá trị trước và sau khi sửa."))
        self.table.current_changed.connect(self._show)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([500, 160])
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Mọi thao tác ghi dữ liệu đều được ghi lại; nhật ký không sửa được."), self)
        )
        layout.addWidget(splitter, 1)
        self._fill_choices()

    def _fill_choices(self) -> None:
        for key, combo in self.combos.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(combo.property("everything"), None)
            for value in distinct_values(self.ctx.db, self.ctx.actor, key):
                label = {"action": ACTION_LABELS, "entity": TABLE_LABELS}.get(key, {}).get(value, value)
                combo.addItem(tr_label(str(label)), value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _apply(self, *_args: Any) -> None:
        self.table.set_filters({key: combo.currentData() for key, combo in self.combos.items()})

    def _show(self, row: dict[str, Any] | None) -> None:
        if not row:
            self.detail.clear()
            return
        text = self.tr("Trước:\n{before}\n\nSau:\n{after}")
        self.detail.setPlainText(text.format(before=row.get("before_text") or "—", after=row.get("after_text") or "—"))

    def refresh(self) -> None:
        self._fill_choices()
        self.table.reload()
