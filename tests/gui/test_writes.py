"""One helper for every write (``ui.writes``): off the GUI thread, one message for a refusal, and a
change notice with what the write changed, so only the pages that show it reload.

The guard keeps the old copied block — ``except EduDeskError: QMessageBox.warning(...)`` — out of
``ui/`` for good: the refusal is shown in one place (``ui.jobs.show_error``).
"""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

import models.errors
from models.enums import AssignmentStatus
from services.core.changes import CREATE, UPDATE, Changes
from services.reporting.rounds import ShownStatus
from tests.reporting.test_pages import _hk1
from ui.dialogs.plans.tasks import ProgressDialog
from ui.main_window import MainWindow
from ui.writes import wait_idle

UI = Path(__file__).resolve().parents[2] / "ui"
# Where a refusal is shown (the one place) and where the command line prints it.
ALLOWED = {"jobs.py", "cli.py"}
BOXES = {"warning", "critical", "information", "about", "question"}


def _refusal_names() -> set[str]:
    names = {"Exception", "BaseException"}
    todo = [models.errors.EduDeskError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def _caught(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return {"BaseException"}
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {k.attr if isinstance(k, ast.Attribute) else getattr(k, "id", "") for k in kinds}


def copied_warning_blocks(source: str, name: str) -> list[str]:
    """Handlers of a refusal whose body opens a message box itself."""
    refusals = _refusal_names()
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.ExceptHandler) and _caught(node) & refusals):
            continue
        for inner in ast.walk(ast.Module(body=node.body, type_ignores=[])):
            if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr in BOXES
                    and isinstance(inner.func.value, ast.Name) and inner.func.value.id == "QMessageBox"):  # fmt: skip
                problems.append(f"{name}:{inner.lineno}: a refusal shown by hand; use ui.writes")
    return problems


def test_no_copy_of_the_catch_and_warn_block_in_ui() -> None:
    problems = []
    for path in sorted(UI.rglob("*.py")):
        if path.name in ALLOWED or "commands" in path.parts:
            continue
        problems += copied_warning_blocks(path.read_text("utf-8"), str(path.relative_to(UI)))
    assert problems == []


@pytest.mark.parametrize("handler", [
    "except EduDeskError as exc:\n        QMessageBox.warning(self, 'x', message_of(exc))",
    "except (ValidationError, OSError) as exc:\n        QMessageBox.critical(None, 'x', str(exc))",
    "except Exception as exc:\n        if exc:\n            QMessageBox.warning(self, 'x', str(exc))",
])  # fmt: skip
def test_the_guard_catches_the_old_block(handler: str) -> None:
    source = f"def save(self):\n    try:\n        write()\n    {handler}\n"
    assert copied_warning_blocks(source, "x.py")


def test_the_guard_leaves_other_handlers_alone() -> None:
    source = ("def f(self):\n    try:\n        copy()\n    except OSError as exc:\n"
              "        QMessageBox.warning(self, 'x', str(exc))\n"
              "    try:\n        write()\n    except EduDeskError as exc:\n        self.message.setText(str(exc))\n")  # fmt: skip
    assert copied_warning_blocks(source, "x.py") == []


# --- the helper, through the real window ----------------------------------------------------


class Reloads:
    """Counts each built page's refresh (the real one still runs) and records the notices."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch, keys: list[str]) -> None:
        self.window, self.counts = window, {k: 0 for k in keys}
        self.notices: list[Changes] = []
        window.ctx.bus.changed.connect(self.notices.append)
        for key in keys:
            page = window.show_page_key(key)
            monkeypatch.setattr(page, "refresh", self._counting(key, page.refresh))

    def _counting(self, key: str, real: Any) -> Any:
        def refresh() -> None:
            self.counts[key] += 1
            real()

        return refresh

    def stale(self) -> set[str]:
        from ui.pages import PAGES

        return {PAGES[i].key for i in self.window._stale}


def _button(widget: QWidget, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text and b.isVisible())


def test_a_progress_entry_reloads_the_plans_page_only(window, qtbot, monkeypatch) -> None:
    seen = Reloads(window, monkeypatch, ["reports", "units", "admin", "plans"])
    page = window.current_page()
    tab = page.show_tab("assignments")
    tab.status.setCurrentIndex(tab.status.findData(AssignmentStatus.IN_PROGRESS.value))
    qtbot.waitUntil(lambda: tab.table.model.rowCount() > 0)
    view = tab.table.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(tab.table.model.index(0, 1)).center())
    row = tab.table.current_row()
    threads: list[threading.Thread] = []

    def fill_and_accept(dialog: ProgressDialog) -> int:
        threads.append(threading.current_thread())
        dialog.status.setCurrentIndex(dialog.status.findData(AssignmentStatus.DONE.value))
        dialog.note.setPlainText("Đã hoàn thành, có biên bản.")
        return 1 if len(threads) == 1 else 0

    monkeypatch.setattr(ProgressDialog, "exec", fill_and_accept)
    real_add = __import__("services.plans.progress", fromlist=["add_progress"]).add_progress
    writers: list[threading.Thread] = []

    def add_progress(*args: Any, **kwargs: Any) -> Any:
        writers.append(threading.current_thread())
        return real_add(*args, **kwargs)

    monkeypatch.setattr("services.plans.progress.add_progress", add_progress)
    qtbot.mouseClick(_button(tab, "Cập nhật tiến độ…"), Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert writers and writers[0] is not threading.main_thread(), "the write runs off the GUI thread"
    assert seen.counts == {"reports": 0, "units": 0, "admin": 0, "plans": 1}
    # the overview counts overdue assignments, the audit log has a line for every write
    assert seen.stale() == {"overview", "admin"}
    [changes] = seen.notices
    assert changes.ids("assignments", UPDATE) == {row["id"]}
    assert len(changes.ids("progress_updates", CREATE)) == 1
    window.show_page_key("reports")
    assert seen.counts["reports"] == 0


def _review_grid(window: MainWindow, qtbot, status: ShownStatus) -> Any:
    page = window.show_page_key("reports")
    page.open_round(_hk1(window.ctx))
    number = next(n for n, r in enumerate(page.rows) if r.status == status)
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.grid.visualItemRect(page.grid.item(number, 1)).center())  # fmt: skip
    assert page.grid.currentRow() == number
    return page, number


def test_a_review_reloads_the_reports_page_only(window, qtbot, monkeypatch, boxes) -> None:
    seen = Reloads(window, monkeypatch, ["plans", "units", "reports"])
    page, number = _review_grid(window, qtbot, ShownStatus.SUBMITTED)
    report_id = page.rows[number].report_id
    qtbot.mouseClick(_button(page, "Duyệt"), Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert seen.counts == {"plans": 0, "units": 0, "reports": 1}
    assert "plans" not in seen.stale() and "units" not in seen.stale()
    assert report_id in seen.notices[-1].ids("reports", UPDATE)
    assert page.rows[number].status == ShownStatus.ACCEPTED, "the notice read the grid again"
    assert not boxes.shown


def test_a_refused_write_shows_one_vietnamese_message_and_reloads_nothing(window, qtbot, monkeypatch, boxes) -> None:
    from services.accounts.permissions import SYSTEM
    from services.reporting.review import accept_report

    seen = Reloads(window, monkeypatch, ["plans", "reports"])
    page, number = _review_grid(window, qtbot, ShownStatus.SUBMITTED)
    accept_report(window.ctx.db, SYSTEM, page.rows[number].report_id)  # another reviewer, a moment before
    qtbot.mouseClick(_button(page, "Duyệt"), Qt.MouseButton.LeftButton)
    assert wait_idle()
    assert page.last_write.done and not page.last_write.ok
    [(kind, text)] = boxes.shown
    assert kind == "warning" and "chỉ duyệt hoặc trả lại được báo cáo đã gửi" in text and "Báo cáo của Trường" in text
    assert "Traceback" not in text and "Error" not in text
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text), "a row id means nothing to a clerk"
    assert seen.counts == {"plans": 0, "reports": 0} and not seen.notices


def test_the_plan_review_save_runs_off_the_gui_thread(ctx, qtbot, monkeypatch, boxes) -> None:
    from services.plan_import import parse_plan_file
    from services.plan_import.reviewed import save_reviewed_plan
    from ui.dialogs.plan_import import PlanReviewDialog

    writers: list[threading.Thread] = []
    real = save_reviewed_plan

    def save(*args: Any, **kwargs: Any) -> Any:
        writers.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr("ui.dialogs.plan_import.save_reviewed_plan", save)
    notices: list[Changes] = []
    ctx.bus.changed.connect(notices.append)
    plan = Path(__file__).resolve().parent.parent / "fixtures" / "plans" / "kh_hoi_thi_pgd.txt"
    dialog = PlanReviewDialog(ctx, parse_plan_file(plan))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert writers and writers[0] is not threading.main_thread()
    assert wait_idle() and not boxes.shown
    assert dialog.document_id in notices[-1].ids("documents", CREATE)


def test_a_long_job_notifies_what_its_writes_changed(ctx, qtbot) -> None:
    """An imported bundle, a unit list, a restore: the job helper records like run_write does."""
    from services.accounts.orgunits import UnitInput, create_unit
    from ui.jobs import run_job

    notices: list[Changes] = []
    ctx.bus.changed.connect(notices.append)
    job = run_job(None, ctx, "Thử", lambda _p: create_unit(ctx.db, ctx.actor, UnitInput(
        code="TH998", name="Trường Tiểu học Thử", kind="school", school_level="TH")))  # fmt: skip
    assert job.wait() and job.ok
    assert notices[-1].ids("org_units", CREATE) == {job.result.id}


def test_a_refused_dialog_write_says_so_once_and_opens_again_with_the_typing(window, qtbot, monkeypatch, boxes) -> None:
    from PySide6.QtCore import QDate

    page = window.show_page_key("plans")
    tab = page.show_tab("assignments")
    tab.status.setCurrentIndex(tab.status.findData(AssignmentStatus.IN_PROGRESS.value))
    qtbot.waitUntil(lambda: tab.table.model.rowCount() > 0)
    view = tab.table.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(tab.table.model.index(0, 1)).center())
    shown: list[str] = []

    def fill_then_look(dialog: ProgressDialog) -> int:
        if not shown:  # the clerk types a date a week ahead, which the service refuses
            dialog.on_date.setDate(QDate.currentDate().addDays(7))
            dialog.note.setPlainText("Ghi chú gõ một lần.")
        shown.append(dialog.note.toPlainText())
        return 1 if len(shown) == 1 else 0

    monkeypatch.setattr(ProgressDialog, "exec", fill_then_look)
    qtbot.mouseClick(_button(tab, "Cập nhật tiến độ…"), Qt.MouseButton.LeftButton)
    assert wait_idle()
    qtbot.waitUntil(lambda: len(shown) == 2)  # opened again after the message
    assert shown == ["Ghi chú gõ một lần.", "Ghi chú gõ một lần."]
    assert len(boxes.texts("warning")) == 1 and "ngày" in boxes.texts("warning")[0].lower()
