from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from models.enums import AssignmentStatus
from services.core.paging import PageRequest
from services.plans.detail import task_detail
from services.plans.task_lists import DocumentQuery
from tests.gui.fixtures import login
from ui.dialogs.plans.detail import TaskDetailDialog
from ui.dialogs.plans.tasks import ProgressDialog
from ui.pages.plans.page import PlansPage
from ui.writes import wait_idle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "plans"


def _rows(table: Any) -> list[dict[str, Any]]:
    return [table.model.row(i) for i in range(table.model.rowCount())]


def _accept_once(monkeypatch, dialog_class: type, fill: Any) -> None:
    """The dialog 'is shown' once: ``fill`` types into it and it is accepted; then it is closed."""
    calls = {"n": 0}

    def fake_exec(self) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            return 0
        fill(self)
        return 1

    monkeypatch.setattr(dialog_class, "exec", fake_exec)


def test_import_a_plan_file_review_and_save(ctx, qtbot) -> None:
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    before = page.documents.table.model.rowCount()
    page.documents.import_file(str(FIXTURES / "kh_hoi_thi_pgd.txt"))
    assert page.documents.last_job.wait()
    dialog = page.documents.last_review
    assert dialog.plan.tasks
    dialog.save()
    assert wait_idle() and dialog.document_id
    page.refresh()
    assert page.documents.table.model.rowCount() == before + 1
    assert page.current_tab() is page.tasks
    assert page.tasks.document.currentData() == dialog.document_id
    assert page.tasks.table.model.rowCount() == len(dialog.plan.tasks)


def test_pasted_text_that_is_not_a_plan_is_explained(ctx, qtbot, boxes) -> None:
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    page.documents.paste_text("   \n  ")
    assert page.documents.last_job.wait() and not page.documents.last_job.ok
    assert boxes.texts("warning")
    assert not hasattr(page.documents, "last_review")


def test_filter_tasks_by_document_and_overdue(ctx, qtbot) -> None:
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    docs = DocumentQuery(ctx.db, ctx.actor).fetch(PageRequest(limit=10))
    expected = {d["id"]: d["tasks"] for d in docs}
    for document_id, count in expected.items():
        page.show_tasks_of(document_id)
        assert page.tasks.table.model.rowCount() == count
    page.tasks.document.setCurrentIndex(0)
    page.tasks.overdue.setChecked(True)
    assert all(row["overdue"] > 0 for row in _rows(page.tasks.table))


def test_log_progress_from_the_assignments_tab(ctx, qtbot, monkeypatch) -> None:
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    tab = page.assignments
    tab.status.setCurrentIndex(tab.status.findData(AssignmentStatus.IN_PROGRESS.value))
    row = tab.table.model.row(0)
    assert row is not None

    def fill(dialog: ProgressDialog) -> None:
        dialog.status.setCurrentIndex(dialog.status.findData(AssignmentStatus.DONE.value))
        dialog.note.setPlainText("Đã hoàn thành, có biên bản.")

    _accept_once(monkeypatch, ProgressDialog, fill)
    with qtbot.waitSignal(ctx.bus.changed):
        tab.log_progress(row)
    tab.status.setCurrentIndex(0)
    tab.table.search.setText("")
    done = [r for r in _rows(tab.table) if r["id"] == row["id"]]
    assert done[0]["status"] == AssignmentStatus.DONE.value and done[0]["percent"] == 100


def test_school_staff_see_only_their_unit(demo_db, qtbot) -> None:
    staff = login(demo_db, "th001")
    page = PlansPage(staff)
    qtbot.addWidget(page)
    rows = _rows(page.assignments.table)
    assert rows
    assert {r["unit_name"] for r in rows} == {rows[0]["unit_name"]}
    assert rows[0]["unit_name"].startswith("Trường Tiểu học")


def test_matrix_colours_cells_by_state(ctx, qtbot) -> None:
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    model = page.matrix.table.model
    unit_columns = range(2, model.columnCount())
    assert len(unit_columns) > 0
    found = None
    for r in range(model.rowCount()):
        for c in unit_columns:
            if model.data(model.index(r, c)) == "Xong":
                found = model.index(r, c)
                break
        if found:
            break
    assert found is not None
    assert model.data(found, Qt.ItemDataRole.BackgroundRole) == QColor("#c8e6c9")


def test_task_detail_lists_every_assignment(ctx, qtbot) -> None:
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    row = page.tasks.table.model.row(0)
    dialog = TaskDetailDialog(ctx, row["id"], page)
    qtbot.addWidget(dialog)
    detail = task_detail(ctx.db, ctx.actor, row["id"])
    assert dialog.assignments.rowCount() == len(detail.assignments) == row["assigned"]
    assert dialog.history.count() >= len(detail.history)


def test_the_detail_button_reads_off_the_window_thread_then_opens(ctx, qtbot) -> None:
    from PySide6.QtWidgets import QPushButton

    page = PlansPage(ctx)
    qtbot.addWidget(page)
    tab = page.tasks
    tab.table.select_row(0)
    row = tab.table.current_row()
    button = next(b for b in tab.findChildren(QPushButton) if b.text() == "Chi tiết")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(tab, "last_detail", None) is not None)
    qtbot.addWidget(tab.last_detail)
    assert tab.last_detail.detail.id == row["id"] and tab.last_detail.isVisible()
    assert tab.last_detail.assignments.rowCount() == row["assigned"]


def test_school_staff_start_on_their_own_work(demo_db, qtbot) -> None:
    staff = login(demo_db, "th001")
    page = PlansPage(staff)
    qtbot.addWidget(page)
    assert page.current_tab() is page.my_work
    rows = _rows(page.my_work.table)
    assert rows and {r["unit_name"] for r in rows} == {rows[0]["unit_name"]}
    dues = [r["due_on"] for r in rows if r["due_on"]]
    assert dues == sorted(dues)


def test_unit_and_due_range_filters(ctx, qtbot) -> None:
    import datetime as dt

    page = PlansPage(ctx)
    qtbot.addWidget(page)
    tab = page.assignments
    school = next(n for n in range(tab.unit.count()) if "Trường Tiểu học" in tab.unit.itemText(n))
    tab.unit.setCurrentIndex(school)
    rows = _rows(tab.table)
    assert rows and {r["unit_name"] for r in rows} == {tab.unit.itemText(school).rsplit(" (", 1)[0]}
    tab.unit.setCurrentIndex(0)
    tab.due_from.set_value(dt.date(2024, 1, 1))
    tab.due_to.set_value(dt.date(2024, 3, 31))
    rows = _rows(tab.table)
    assert rows and all(dt.date(2024, 1, 1) <= r["due_on"] <= dt.date(2024, 3, 31) for r in rows)
