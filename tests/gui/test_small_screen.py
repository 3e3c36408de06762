"""A district PC: the window and every dialog fit 1024×700, and the window never grows by itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog

from models.enums import AssignmentStatus
from services.accounts.orgunits import list_units
from services.core.paging import PageRequest
from services.demo.district import sample_plans_dir
from services.plan_import import parse_plan_file
from services.plans.task_lists import TaskQuery
from tests.gui.fixtures import login
from ui.main_window import MainWindow
from ui.pages import PAGES

SMALL = QSize(1024, 700)


def settle() -> None:
    """Deliver every pending layout request now: a window that grows, grows here, whatever the clock."""
    for _ in range(3):  # a layout that changes posts another request
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _visit_every_page(window: MainWindow, qtbot) -> None:
    for n in range(len(PAGES)):
        rect = window.nav.visualItemRect(window.nav.item(n))
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.nav.currentRow() == n
        settle()
        assert window.size() == SMALL, f"{PAGES[n].key} made the window {window.size().toTuple()}"
        hint = window.minimumSizeHint()
        assert hint.width() <= SMALL.width() and hint.height() <= SMALL.height(), (PAGES[n].key, hint.toTuple())


@pytest.mark.parametrize("username", ["admin", "th001"])
def test_every_page_fits_1024_by_700(demo_db, qtbot, username: str) -> None:
    window = MainWindow(login(demo_db, username), idle_minutes=0)
    window.backup_on_close = False
    qtbot.addWidget(window)
    window.resize(SMALL)
    window.show()
    _visit_every_page(window, qtbot)
    if username == "th001":  # the report form inside its page too
        from tests.reporting.test_form_page import open_form

        open_form(window, qtbot)
        settle()
        assert window.size() == SMALL and window.minimumSizeHint().width() <= SMALL.width()


def _dialogs(ctx):
    from ui.dialogs.accounts.first_run import FirstRunDialog
    from ui.dialogs.accounts.login import LoginDialog
    from ui.dialogs.accounts.password import ChangePasswordDialog
    from ui.dialogs.accounts.unit_editor import UnitDialog
    from ui.dialogs.plan_import import PlanReviewDialog, UnitPicker
    from ui.dialogs.plans.detail import TaskDetailDialog
    from ui.dialogs.plans.tasks import AssignDialog, DocumentDialog, ProgressDialog, TaskDialog
    from ui.dialogs.reporting import TemplateEditor, TemplatesDialog
    from ui.pages.accounts.users import UserDialog

    task = TaskQuery(ctx.db, ctx.actor).fetch(PageRequest(limit=1))[0]
    plan = parse_plan_file(sorted(sample_plans_dir().glob("*.txt"))[0])
    templates = TemplatesDialog(ctx)
    templates.list.setCurrentRow(0)
    from services.plans.tasks import get_task

    yield FirstRunDialog("/tmp/x.sqlite")
    yield LoginDialog(ctx.db, ctx.office)
    yield ChangePasswordDialog(ctx)
    yield PlanReviewDialog(ctx, plan)
    yield UnitPicker(None, ctx.db, "Trường Tiểu học")
    yield TaskDetailDialog(ctx, task["id"])
    yield DocumentDialog()
    yield TaskDialog()
    yield AssignDialog(ctx.db, get_task(ctx.db, task["id"]))
    yield ProgressDialog("Nhiệm vụ", AssignmentStatus.IN_PROGRESS, 40)
    yield templates
    yield TemplateEditor(ctx, templates.current_id())
    yield UnitDialog(ctx, list_units(ctx.db)[0])
    yield UserDialog(ctx, None)


def test_no_dialog_is_taller_than_700(ctx, qtbot) -> None:
    sizes = {}
    for dialog in _dialogs(ctx):
        assert isinstance(dialog, QDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        sizes[type(dialog).__name__] = (dialog.sizeHint().height(), dialog.height(), dialog.width())
        dialog.close()
    too_big = {name: s for name, s in sizes.items() if max(s[0], s[1]) > 700 or s[2] > 1024}
    assert not too_big, too_big


def test_the_dashboards_key_columns_are_readable_at_the_default_size(window, qtbot) -> None:
    window.resize(1200, 760)  # the default on a 1366×768 screen (offscreen's own screen is smaller)
    page = window.show_page_key("overview")
    settle()
    metrics = page.rounds.fontMetrics()
    for row in range(page.rounds.rowCount()):
        text = page.rounds.item(row, 0).text()
        assert page.rounds.columnWidth(0) >= metrics.horizontalAdvance(text) + 4, text
    assert page.indicators.columnWidth(0) >= 260
    for table in (page.rounds, page.indicators):
        assert table.horizontalScrollBar().maximum() == 0, "every column in view without scrolling"
