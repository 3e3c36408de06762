from __future__ import annotations

from PySide6.QtWidgets import QDialog

from models.enums import SchoolLevel, UnitKind
from services.accounts.orgunits import find_by_code
from tests.gui.fixtures import login
from ui.dialogs.accounts.unit_editor import UnitDialog
from ui.pages.accounts.units import UnitsPage
from ui.widgets import DataTable
from ui.writes import wait_idle


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
    assert wait_idle() and dialog.result() != QDialog.DialogCode.Accepted
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
    assert wait_idle() and not find_by_code(ctx.db, "TH001").active
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


def test_a_new_district_loads_its_schools_from_the_excel_template(sqlite_office, qapp, qtbot, boxes,
                                                                    monkeypatch, tmp_path) -> None:  # fmt: skip
    from openpyxl import load_workbook
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from services.accounts.office import office_info
    from services.accounts.orgunits import list_units
    from services.accounts.users import authenticate
    from tests.conftest import PASSWORD
    from ui.context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(sqlite_office, authenticate(sqlite_office, "admin", PASSWORD), office_info(sqlite_office))
    window = MainWindow(ctx, idle_minutes=0)
    window.backup_on_close = False
    qtbot.addWidget(window)
    window.show()
    page = window.show_page_key("units")
    assert page.first_steps.isVisible() and "Tải tệp mẫu Excel" in page.first_steps.text()
    assert "main.py" not in page.first_steps.text()
    template = tmp_path / "mau.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(template), "")))
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    wb = load_workbook(template)
    wb.worksheets[0].append(["TH-AP", "Trường Tiểu học An Phú", "TH", "Công lập", "Xã An Phú"])
    wb.worksheets[0].append(["MN-AP", "Trường Mầm non An Phú", "MN", "", "Xã An Phú"])
    wb.save(template)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(template), "")))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("Đã thêm 2 đơn vị" in t for t in boxes.texts()), timeout=10_000)
    assert {u.code for u in list_units(sqlite_office)} >= {"TH-AP", "MN-AP"}
    assert not page.first_steps.isVisible()


def test_the_page_reads_its_table_once_when_it_is_opened(window, qtbot) -> None:
    """The tree arriving chooses «Tất cả đơn vị»: the same rows, not a second read of them."""
    page = window.show_page_key("units")
    assert page.tree.topLevelItemCount() > 1 and page.tree.currentItem() is page.tree.topLevelItem(0)
    assert page.table.model.rowCount() > 0 and page.table.model.fetches == 1
