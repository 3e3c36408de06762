"""One save path for a reviewed plan: the review dialog's "Lưu" and ``import-plan --save`` store the
same rows (tasks, assignments, targets) for the three sample plans."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from services.accounts.office import init_office, office_info
from services.accounts.users import authenticate
from services.demo.district import sample_plans_dir
from services.plan_import import parse_plan_file
from services.sync.dump import dump_data
from tests.conftest import OFFICE_CODE, OFFICE_NAME, PASSWORD
from tests.plans.conftest import _UNITS
from ui.cli import run_cli
from ui.context import AppContext
from ui.dialogs.plan_import import PlanReviewDialog

pytestmark = pytest.mark.gui
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_STAMPS = {"id", "rev", "revision", "origin", "created_at", "updated_at"}


def _district(path: Path):
    from services.accounts.orgunits import UnitInput, create_unit
    from services.accounts.permissions import SYSTEM

    db = init_office(str(path), code=OFFICE_CODE, name=OFFICE_NAME, kind="district", admin_password=PASSWORD)
    for code, name, kind, level in _UNITS:
        create_unit(db, SYSTEM, UnitInput(code=code, name=name, kind=kind, school_level=level))
    return db


def _canonical(db) -> dict[str, list[str]]:
    """The dump with ids and stamps blanked (two databases never share them), rows sorted."""
    names = {}
    for row in dump_data(db)["org_units"]:
        names[row["id"]] = row["code"]  # an assignment's unit is compared by the unit's code
    out = {}
    for table, rows in dump_data(db).items():
        if table == "org_units":
            continue
        out[table] = sorted(
            json.dumps({k: names.get(v, "<id>" if isinstance(v, str) and _UUID.match(v) else v)
                        for k, v in row.items() if k not in _STAMPS}, sort_keys=True, ensure_ascii=False)
            for row in rows
        )  # fmt: skip
    return out


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_cli_save_and_review_dialog_store_the_same_rows(prefix, tmp_path, qtbot, qapp) -> None:
    plan_file = next(sample_plans_dir().glob(f"{prefix}_*.txt"))
    by_cli = _district(tmp_path / "cli.sqlite")
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert (
            run_cli(["--db", str(tmp_path / "cli.sqlite"), "--json", "import-plan", str(plan_file), "--save"])
            == 0
        )
    saved = json.loads(out.getvalue())["saved"]

    by_gui = _district(tmp_path / "gui.sqlite")
    ctx = AppContext(by_gui, authenticate(by_gui, "admin", PASSWORD), office_info(by_gui))
    dialog = PlanReviewDialog(ctx, parse_plan_file(plan_file))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    cli, gui = _canonical(by_cli), _canonical(by_gui)
    assert cli == gui
    assert len(cli["assignments"]) == saved["assignments"] and len(cli["indicators"]) == saved["targets"]
    assert saved["tasks"] and (saved["assignments"] or prefix == "001")
    by_cli.dispose()
    by_gui.dispose()


# --- review completes the job: what the clerk adds and changes is what is stored ------------------


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _click_tab(qtbot, tabs, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def _click_item(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert tree.currentItem() is item


def _keys(qtbot, widget, text: str) -> None:
    """Key presses for ``text``; QTest types ASCII only, so a Vietnamese letter is sent as the
    key event a keyboard layout would send (its text, no key code)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _type(qtbot, edit, text: str) -> None:
    """Replace what a line edit holds by typing, then Enter (as a clerk does)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    _keys(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.wait(1)  # a cell editor commits on Enter through a queued call


def _open_editor(table):
    from PySide6.QtWidgets import QLineEdit

    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "no cell is being edited"
    return editors[0]


def _type_open(qtbot, table, text: str) -> None:
    """Type into the cell the dialog opened for editing (after an «add» button), then Enter."""
    editor = _open_editor(table)
    _keys(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(1)  # a cell editor commits on Enter through a queued call


def _edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Double-click a cell, type over it, Enter."""
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _type(qtbot, _open_editor(table), text)


_answers: list[str] = []


def _answer_split(qtbot, first: str, second: str) -> None:
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from ui.dialogs.plan_import import SplitDeadlines

    asked = QApplication.activeModalWidget()
    if not isinstance(asked, SplitDeadlines):  # close what came instead, so the test fails, not hangs
        _answers.append(repr(asked) + (asked.text() if hasattr(asked, "text") else ""))
        if asked is not None:
            asked.reject()
        return
    _answers.append("asked")
    for edit, text in zip(asked.edits, (first, second), strict=True):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
        _keys(qtbot, edit, text)
    _click(qtbot, asked.buttons.button(QDialogButtonBox.StandardButton.Ok))


@pytest.fixture
def review(tmp_path, qtbot, qapp):
    db = _district(tmp_path / "gui.sqlite")
    ctx = AppContext(db, authenticate(db, "admin", PASSWORD), office_info(db))
    plan_file = next(sample_plans_dir().glob("000_*.txt"))
    dialog = PlanReviewDialog(ctx, parse_plan_file(plan_file))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    yield db, dialog
    dialog.document_id = dialog.document_id or "-"  # closing an edited review would ask to discard
    db.dispose()


def test_what_the_clerk_adds_and_changes_in_review_is_what_is_stored(review, qtbot) -> None:
    import datetime as dt

    from PySide6.QtCore import QTimer

    from services.plan_import.store import reviewed_parts
    from services.plans.tasks import document_tasks

    db, dialog = review
    plan = dialog.plan
    parsed_deadlines = [d.date for d in plan.deadlines]
    assert dialog.deadlines.rowCount() == len(parsed_deadlines) == 3  # the list is shown

    # A task the importer missed, after the second one: title, deadline, recurrence, a unit.
    _click_tab(qtbot, dialog.tabs, 0)
    _click_item(qtbot, dialog.tree, dialog.item_of(plan.tasks[1]))
    count = len(plan.tasks)
    _click(qtbot, dialog.add_task_button)
    assert len(plan.tasks) == count + 1 and dialog.title_edit.selectedText() == "Nhiệm vụ mới"
    _keys(qtbot, dialog.title_edit, "Tổ chức ngày hội đọc sách cấp huyện")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    _type(qtbot, dialog.deadline_edit, "15/04/2024")
    dialog.recurrence_box.setFocus()
    qtbot.keyClick(dialog.recurrence_box, Qt.Key.Key_Down)  # Một lần → Hằng tháng
    _click(qtbot, dialog.add_role_button)
    _type_open(qtbot, dialog.roles, "Trường THCS Nguyễn Du")
    added = plan.tasks[2]
    assert (added.title, added.deadline, added.recurrence) == (
        "Tổ chức ngày hội đọc sách cấp huyện", dt.date(2024, 4, 15), "monthly")
    assert [(r.unit, r.role) for r in added.responsibilities] == [("Trường THCS Nguyễn Du", "lead")], (added.responsibilities, dialog.roles.item(0, 0).text(), dialog._current is added)

    # Split a task of several lines: each half gets the deadline typed for it.
    long = next(t for t in plan.tasks if len(t.description.split("\n")) >= 3)
    _click_item(qtbot, dialog.tree, dialog.item_of(long))
    cursor = dialog.description_edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    cursor.movePosition(cursor.MoveOperation.NextBlock, n=2)
    dialog.description_edit.setTextCursor(cursor)
    QTimer.singleShot(0, lambda: _answer_split(qtbot, "31/10/2023", "30/11/2023"))
    _answers.clear()
    _click(qtbot, dialog.split_button)
    assert _answers == ["asked"]
    at = plan.tasks.index(long)
    assert (plan.tasks[at].deadline, plan.tasks[at + 1].deadline) == (dt.date(2023, 10, 31), dt.date(2023, 11, 30))

    # A target: text, value, unit, year.
    _click_tab(qtbot, dialog.tabs, 1)
    _click(qtbot, dialog.add_target_button)
    row = dialog.targets.rowCount() - 1
    _type_open(qtbot, dialog.targets, "Tỷ lệ học sinh tham gia đọc sách")
    _edit_cell(qtbot, dialog.targets, row, 2, "85")
    _edit_cell(qtbot, dialog.targets, row, 4, "2024")

    # Report deadlines: change a date and a title, drop one, add one.
    _click_tab(qtbot, dialog.tabs, 2)
    _edit_cell(qtbot, dialog.deadlines, 0, 0, "25/09/2023")
    _edit_cell(qtbot, dialog.deadlines, 1, 1, "Báo cáo sơ kết học kỳ I gửi Phòng")
    rect = dialog.deadlines.visualRect(dialog.deadlines.model().index(2, 1))
    qtbot.mouseClick(dialog.deadlines.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _click(qtbot, dialog.drop_deadline_button)
    _click(qtbot, dialog.add_deadline_button)
    _type_open(qtbot, dialog.deadlines, "05/10/2023")
    _edit_cell(qtbot, dialog.deadlines, 2, 1, "Báo cáo số liệu đầu năm")
    box = dialog.deadlines.cellWidget(2, 2)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # Hằng tháng

    with qtbot.waitSignal(dialog.saved, timeout=20000):
        _click(qtbot, dialog.save_button)

    stored = document_tasks(db, dialog.document_id)
    assert [(t.title, t.description, t.deadline, t.recurrence.value) for t in stored] == [
        (t.title, t.description, t.deadline, t.recurrence) for t in plan.tasks]
    mine = next(t for t in stored if t.title == "Tổ chức ngày hội đọc sách cấp huyện")
    assert (mine.title, mine.deadline, mine.recurrence.value) == (
        "Tổ chức ngày hội đọc sách cấp huyện", dt.date(2024, 4, 15), "monthly")
    units = {row["id"]: row["code"] for row in dump_data(db)["org_units"]}
    given = [a for a in dump_data(db)["assignments"] if a["task_id"] == mine.id]
    assert {units[a["unit_id"]] for a in given} == {"THCS01"} and len(given) == 9  # one a month, Sep-May
    deadlines, targets = reviewed_parts(db, dialog.document_id)
    assert [(d.date, d.text, d.recurrence) for d in deadlines] == [
        (dt.date(2023, 9, 25), plan.deadlines[0].text, "once"),
        (parsed_deadlines[1], "Báo cáo sơ kết học kỳ I gửi Phòng", "once"),
        (dt.date(2023, 10, 5), "Báo cáo số liệu đầu năm", "monthly"),
    ]
    assert (targets[-1].text, targets[-1].value, targets[-1].unit, targets[-1].year) == (
        "Tỷ lệ học sinh tham gia đọc sách", 85.0, "%", 2024)
    indicators = {row["name"]: row for row in dump_data(db)["indicators"]}
    assert indicators["Tỷ lệ học sinh tham gia đọc sách"]["target_value"] == 85.0
    assert len(indicators) == len(targets) == 3

