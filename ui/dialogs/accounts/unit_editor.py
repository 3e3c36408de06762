"""Add or edit one org unit: the service validates (unique code, no cycle); errors are shown here."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.enums import Ownership, SchoolLevel, UnitKind
from models.labels import OWNERSHIP_LABELS, UNIT_KIND_LABELS
from services.accounts.orgunits import UnitInput, UnitRow, create_unit, list_units, update_unit
from ui.context import AppContext
from ui.i18n import message_of, tr_label
from ui.widgets import error_label, ok_cancel
from ui.writes import run_write


class UnitDialog(QDialog):
    def __init__(self, ctx: AppContext, unit: UnitRow | None = None, parent: QWidget | None = None,
                 *, parent_id: str | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.unit = ctx, unit
        self.saved: UnitRow | None = None
        self.setWindowTitle(self.tr("Sửa đơn vị") if unit else self.tr("Thêm đơn vị"))
        self.code = QLineEdit(self)
        self.name = QLineEdit(self)
        self.short_name = QLineEdit(self)
        self.kind = self._combo([(k, tr_label(UNIT_KIND_LABELS[k])) for k in UnitKind])
        self.level = self._combo([(None, self.tr("(không)"))] + [(lv, lv.value) for lv in SchoolLevel])
        self.ownership = self._combo([(o, tr_label(label)) for o, label in OWNERSHIP_LABELS.items()])
        units = [u for u in list_units(ctx.db) if unit is None or u.id != unit.id]
        self.parent_unit = self._combo(
            [(None, self.tr("(không)"))] + [(u.id, f"{u.name} ({u.code})") for u in units]
        )
        self.parent_unit.setEditable(True)  # type to find among hundreds of units
        communes = [u for u in units if u.kind == UnitKind.COMMUNE]
        self.commune = self._combo([(None, self.tr("(không)"))] + [(u.id, u.name) for u in communes])
        self.head_name = QLineEdit(self)
        self.address = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.message = error_label(self)
        self._layout()
        self._fill(unit, parent_id)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _combo(self, items: list[tuple[object, str]]) -> QComboBox:
        combo = QComboBox(self)
        for data, text in items:
            combo.addItem(text, data)
        return combo

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Mã đơn vị:"), self.code)
        form.addRow(self.tr("Tên đơn vị:"), self.name)
        form.addRow(self.tr("Tên viết tắt:"), self.short_name)
        form.addRow(self.tr("Loại:"), self.kind)
        form.addRow(self.tr("Cấp học:"), self.level)
        form.addRow(self.tr("Loại hình:"), self.ownership)
        form.addRow(self.tr("Trực thuộc:"), self.parent_unit)
        form.addRow(self.tr("Địa bàn (xã, thị trấn):"), self.commune)
        form.addRow(self.tr("Thủ trưởng:"), self.head_name)
        form.addRow(self.tr("Địa chỉ:"), self.address)
        form.addRow(self.tr("Điện thoại:"), self.phone)
        form.addRow(self.tr("Thư điện tử:"), self.email)
        buttons = ok_cancel(self, self.tr("Lưu"), self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _fill(self, unit: UnitRow | None, parent_id: str | None) -> None:
        if unit is None:
            self.kind.setCurrentIndex(self.kind.findData(UnitKind.SCHOOL))
            self._select(self.parent_unit, parent_id or self.ctx.office.id)
            return
        for field, value in ((self.code, unit.code), (self.name, unit.name), (self.short_name, unit.short_name),
                             (self.head_name, unit.head_name), (self.address, unit.address),
                             (self.phone, unit.phone), (self.email, unit.email)):  # fmt: skip
            field.setText(value or "")
        self._select(self.kind, unit.kind)
        self._select(self.level, unit.school_level)
        self._select(self.ownership, unit.ownership)
        self._select(self.parent_unit, unit.parent_id)
        self._select(self.commune, unit.commune_id)

    @staticmethod
    def _select(combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(index, 0))

    def _kind_changed(self) -> None:
        school = self.kind.currentData() == UnitKind.SCHOOL
        for widget in (self.level, self.ownership, self.commune):
            widget.setEnabled(school)

    def values(self) -> UnitInput:
        school = self.kind.currentData() == UnitKind.SCHOOL
        return UnitInput(
            code=self.code.text(),
            name=self.name.text(),
            kind=self.kind.currentData(),
            school_level=self.level.currentData() if school else None,
            ownership=self.ownership.currentData() if school else Ownership.PUBLIC,
            parent_id=self.parent_unit.currentData(),
            commune_id=self.commune.currentData() if school else None,
            short_name=self.short_name.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            head_name=self.head_name.text(),
        )

    def save(self) -> None:
        unit, values = self.unit, self.values()

        def write() -> Any:
            if unit is None:
                return create_unit(self.ctx.db, self.ctx.actor, values)
            return update_unit(self.ctx.db, self.ctx.actor, unit.id, values)

        def saved(result: Any) -> None:
            self.saved = result
            self.accept()

        # the refusal is said in the dialog, which stays open with the typing
        self.last_write = run_write(self, self.ctx, self.windowTitle(), write, saved, quiet=True,
                                    on_refused=lambda exc: self.message.setText(message_of(exc)))  # fmt: skip
