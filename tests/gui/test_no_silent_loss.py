"""No silent loss: what the clerk picked or typed is kept, and said before it is used."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QMessageBox
from sqlalchemy import select

from models import Task
from services.plans.tasks import get_task
from ui.dialogs.plans.tasks import AssignDialog
from ui.writes import wait_idle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "plans"


def _click_row(qtbot, widget: QListWidget, row: int) -> None:
    rect = widget.visualItemRect(widget.item(row))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _a_task(db):
    with db.session() as session:
        task_id = session.scalars(select(Task.id).where(Task.deleted.is_(False)).limit(1)).one()
    return get_task(db, task_id)


def test_assign_keeps_units_picked_before_a_search_and_confirms_them(demo_db, qtbot, boxes, qapp) -> None:
    dialog = AssignDialog(demo_db, _a_task(demo_db))
    qtbot.addWidget(dialog)
    dialog.show()
    _click_row(qtbot, dialog.units, 0)
    first = dialog.units.item(0).text()
    qtbot.keyClicks(dialog.search, "mam non")
    qtbot.waitUntil(lambda: dialog.units.count() > 0 and dialog.units.item(0).text() != first)
    _click_row(qtbot, dialog.units, 0)
    second = dialog.units.item(0).text()
    assert dialog.chosen_label.text() == "2 đơn vị đã chọn"
    assert len(dialog.unit_ids()) == 2
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    question = boxes.texts("question")[-1]
    assert first in question and second in question and "2 đơn vị" in question
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_assign_with_nothing_picked_says_so(demo_db, qtbot, boxes) -> None:
    dialog = AssignDialog(demo_db, _a_task(demo_db))
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert boxes.texts("question") == [] and boxes.texts("information")
    assert dialog.isVisible()


def _reviewed(ctx, qtbot, name: str = "kh_hoi_thi_pgd.txt"):
    from ui.pages.plans.page import PlansPage

    page = PlansPage(ctx)
    qtbot.addWidget(page)
    page.documents.import_file(str(FIXTURES / name))
    assert page.documents.last_job.wait()
    return page


def test_plan_review_asks_before_throwing_edits_away(ctx, qtbot, boxes) -> None:
    page = _reviewed(ctx, qtbot)
    dialog = page.documents.last_review
    qtbot.waitUntil(dialog.isVisible)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    field = next(iter(dialog.doc_fields.values()))
    field.setFocus()
    qtbot.keyClicks(field, " da sua")
    boxes.answer = QMessageBox.StandardButton.Cancel
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert boxes.texts("question") and dialog.isVisible()  # kept, with the edit
    boxes.answer = QMessageBox.StandardButton.Discard
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_untouched_review_closes_without_a_question(ctx, qtbot, boxes) -> None:
    dialog = _reviewed(ctx, qtbot).documents.last_review
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert boxes.texts("question") == [] and not dialog.isVisible()


def test_a_file_imported_before_is_said_when_it_is_opened(ctx, qtbot, boxes) -> None:
    page = _reviewed(ctx, qtbot)
    page.documents.last_review.save()
    assert wait_idle()
    page.documents.last_review = None
    page.documents.import_file(str(FIXTURES / "kh_hoi_thi_pgd.txt"))
    assert page.documents.last_job.wait()
    assert page.documents.last_review is None
    assert any("đã được nhập trước đây" in text for text in boxes.texts("warning"))


def test_evidence_opens_under_its_real_name(ctx, demo_db, qtbot, monkeypatch) -> None:
    from models import Assignment, Attachment, ProgressUpdate
    from services.core.attachments import file_sha256
    from ui.dialogs.plans.detail import _FILE_ROLE, TaskDetailDialog

    with demo_db.session() as session:
        attachment, task_id = session.execute(
            select(Attachment, Assignment.task_id)
            .join(ProgressUpdate, ProgressUpdate.id == Attachment.progress_id)
            .join(Assignment, Assignment.id == ProgressUpdate.assignment_id)
            .where(Attachment.deleted.is_(False)).limit(1)
        ).one()  # fmt: skip
    opened: list[str] = []
    monkeypatch.setattr("ui.dialogs.plans.detail.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)  # fmt: skip
    dialog = TaskDetailDialog(ctx, task_id)
    qtbot.addWidget(dialog)
    dialog.show()
    history = dialog.history
    row = next(n for n in range(history.count()) if history.item(n).data(_FILE_ROLE) == attachment.id)
    history.scrollToItem(history.item(row))
    center = history.visualItemRect(history.item(row)).center()
    qtbot.mouseClick(history.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(history.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert len(opened) == 1
    path = Path(opened[0])
    assert path.name == attachment.filename and path.suffix  # the viewer knows the kind by its extension
    assert file_sha256(path) == attachment.sha256
