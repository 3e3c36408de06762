"""The review dialog: text and tree linked both ways, edits, unit matching, one save."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import Assignment, Document, Task
from services.demo.district import sample_plans_dir
from services.plan_import import parse_plan_file
from services.plan_import.units import unit_key
from tests.plans.conftest import OFFICER, make_district

pytestmark = pytest.mark.gui
SAMPLE = sorted(sample_plans_dir().glob("*.txt"))[0]


@pytest.fixture
def dialog(qtbot, sqlite_office):
    from services.accounts.office import office_info
    from ui.context import AppContext
    from ui.dialogs.plan_import import PlanReviewDialog

    district = make_district(sqlite_office)
    widget = PlanReviewDialog(AppContext(sqlite_office, OFFICER, office_info(sqlite_office)), parse_plan_file(SAMPLE))
    qtbot.addWidget(widget)
    return widget, district


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_choosing_a_task_marks_its_text_and_clicking_the_text_finds_the_task(dialog) -> None:
    widget, _district = dialog
    task = widget.plan.tasks[5]
    widget.tree.setCurrentItem(widget.item_of(task))
    first, last = widget.highlighted_lines()
    assert first == task.line and last >= first
    assert task.title[:20] in widget.text.document().findBlockByNumber(first - 1).text()
    assert widget.title_edit.text() == task.title
    other = widget.plan.tasks[2]
    widget.select_line(other.line + 1)  # a line inside the task's paragraphs
    assert widget.tree.currentItem() is widget.item_of(other)
    assert widget.highlighted_lines()[0] == other.line


def test_edits_merge_split_and_drop_change_the_plan(dialog, monkeypatch) -> None:
    from ui.dialogs.plan_import import SplitDeadlines

    widget, _district = dialog
    # The split asks each half's deadline (clicked for real in tests/plan_import/test_save_paths_in_window.py).
    monkeypatch.setattr(SplitDeadlines, "ask", lambda _parent, first, second: (first.deadline, second.deadline))
    count = len(widget.plan.tasks)
    task = widget.plan.tasks[0]
    widget.tree.setCurrentItem(widget.item_of(task))
    widget.title_edit.setText("Phân cấp quản lý")
    widget.deadline_edit.setText("30/11/2023")
    widget._apply_task()
    assert task.title == "Phân cấp quản lý" and task.deadline.isoformat() == "2023-11-30"
    assert widget.item_of(task).text(1) == "30/11/2023"
    widget.item_of(widget.plan.tasks[1]).setSelected(True)
    widget.item_of(widget.plan.tasks[0]).setSelected(True)
    widget.merge_selected()
    assert len(widget.plan.tasks) == count - 1
    merged = widget.plan.tasks[0]
    assert widget.tree.currentItem() is widget.item_of(merged)
    cursor = widget.description_edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    widget.description_edit.setTextCursor(cursor)
    widget.split_current()
    assert len(widget.plan.tasks) == count
    widget.tree.clearSelection()
    widget.tree.setCurrentItem(widget.item_of(widget.plan.tasks[3]))
    widget.drop_selected()
    assert len(widget.plan.tasks) == count - 1


def test_named_units_are_matched_and_everything_is_saved_at_once(dialog) -> None:
    widget, district = dialog
    names = [widget.units.item(r, 0).text() for r in range(widget.units.rowCount())]
    assert "Phòng Nội vụ huyện" in names
    # suggestions preselected: the department by name, "các xã" as every commune
    assert widget.matches[unit_key("Phòng Nội vụ huyện")].unit_ids == (district.units["PNV"],)
    communes = widget.matches[unit_key("Ủy ban nhân dân các xã, thị trấn")].unit_ids
    assert set(communes) == {district.units["UBND.PH"], district.units["UBND.BM"]}
    widget.set_match("Công an huyện", ())
    saved: list[str] = []
    widget.saved.connect(saved.append)
    assert widget.save().wait()
    assert saved and widget.result() == widget.DialogCode.Accepted
    with district.db.session() as session:
        assert session.get(Document, saved[0]).source_name == SAMPLE.name
        tasks = session.scalar(select(func.count()).select_from(Task).where(Task.document_id == saved[0]))
        units = set(session.scalars(select(Assignment.unit_id)))
    assert tasks == len(widget.plan.tasks)
    assert district.units["PNV"] in units and district.units["UBND.BM"] in units


def test_a_refused_save_keeps_the_dialog_open_and_saves_nothing(dialog, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    widget, district = dialog
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    before = _count(district.db, Document)
    widget.plan.tasks[0].title = " "
    widget.save().wait()
    assert shown and "chưa có tên" in shown[0]
    assert widget.isVisible() or widget.result() != widget.DialogCode.Accepted
    assert _count(district.db, Document) == before
