from __future__ import annotations

from PySide6.QtWidgets import QDialog

from models.enums import SchoolLevel, UnitKind
from services.orgunits import find_by_code
from ui.dialogs.unit_editor import UnitDialog
from ui.pages.units import UnitsPage
from ui.widgets import DataTable

from .conftest import login


def _names(table: DataTable) -> list[str]:
    return [table.model.row(i)["name"] for i in range(table.model.rowCount())]


def test_search_ignores_diacritics(ctx, qtbot) -> None:
    page = UnitsPage(ctx)
    qtbot.addWidget(page)
    page.table.search.setText("truong tieu hoc")
    qtbot.waitUntil(lambda: page.table.model.request.text == "truong tieu hoc")
    names = _names(page.table)
    assert names, "no Trường Tiểu học found"
    assert all(name.startswith("Trường Tiểu học") for name in names)
    assert page.table.count_label.text().startswith(str(len(names)))


def test_level_filter(ctx, qtbot) -> None:
    page = UnitsPage(ctx)
    qtbot.addWidget(page)
    page.level.setCurrentIndex(page.level.findData(SchoolLevel.THCS.value))
    rows = [page.table.model.row(i) for i in range(page.table.model.rowCount())]
    assert rows and all(r["school_level"] == SchoolLevel.THCS for r in rows)


def test_add_unit_through_the_dialog(ctx, qtbot) -> None:
    page = UnitsPage(ctx)
    qtbot.addWidget(page)
    dialog = UnitDialog(ctx, None, page)
    qtbot.addWidget(dialog)
    dialog.code.setText("TH999")
    dialog.name.setText("Trường Tiểu học Phước Vĩnh An")
    dialog.level.setCurrentIndex(dialog.level.findData(SchoolLevel.TH))
    with qtbot.waitSignal(ctx.bus.changed):
        dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = find_by_code(ctx.db, "TH999")
    assert saved is not None and saved.kind == UnitKind.SCHOOL and saved.school_level == SchoolLevel.TH
    page.refresh()
    page.table.search.setText("phuoc vinh an")
    qtbot.waitUntil(lambda: page.table.model.request.text == "phuoc vinh an")
    assert "Trường Tiểu học Phước Vĩnh An" in _names(page.table), _names(page.table)


def test_duplicate_code_is_refused_in_vietnamese(ctx, qtbot) -> None:
    dialog = UnitDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.code.setText("PGDCC")
    dialog.name.setText("Trùng mã")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "PGDCC" in dialog.message.text()
    assert find_by_code(ctx.db, "PGDCC").name != "Trùng mã"


def test_deactivate_asks_and_hides(ctx, qtbot, boxes) -> None:
    page = UnitsPage(ctx)
    qtbot.addWidget(page)
    unit = find_by_code(ctx.db, "TH001")
    boxes.answer = boxes.answer.No
    page.toggle_active(unit.id)
    assert find_by_code(ctx.db, "TH001").active
    boxes.answer = boxes.answer.Yes
    page.toggle_active(unit.id)
    assert not find_by_code(ctx.db, "TH001").active
    page.table.search.setText("TH001")
    qtbot.waitUntil(lambda: page.table.model.request.text == "TH001")
    assert page.table.model.rowCount() == 0
    page.inactive.setChecked(True)
    assert page.table.model.rowCount() == 1


def test_school_staff_cannot_edit_units(demo_db, qtbot) -> None:
    staff = login(demo_db, "th001")
    page = UnitsPage(staff)
    qtbot.addWidget(page)
    assert not page.add_button.isEnabled()
    assert not page.move_button.isEnabled()
