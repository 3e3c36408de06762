"""The Văn bản page, clicked as a clerk and as the head of office."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from services.accounts.permissions import SYSTEM
from services.core.paging import PageRequest
from services.core.resources import resource_path
from services.register.incoming import IncomingQuery
from services.register.outgoing import OutgoingQuery
from tests.gui.fixtures import login
from ui.dialogs.register import HandlingDialog, IncomingDialog, OutgoingDialog
from ui.pages.register import RegisterPage

pytestmark = pytest.mark.gui


def _button(widget, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


def _then(action) -> None:
    """Act on the modal dialog a click is about to open (exec blocks the click)."""
    def run() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, run)
            return
        action(modal)

    QTimer.singleShot(20, run)


def _ok(dialog: QDialog) -> None:
    dialog.accept()


def test_a_clerk_registers_an_arrival_and_an_outgoing_number(demo_db, qtbot) -> None:
    page = RegisterPage(login(demo_db, "chuyenvien1"))
    qtbot.addWidget(page)
    page.show()
    assert page.waiting is None  # only the head gives handling opinions
    before = IncomingQuery(demo_db, SYSTEM).count(PageRequest())
    plan = resource_path("plans", "004_2b03a1550adc1f0d.txt")

    def fill(dialog: IncomingDialog) -> None:
        dialog.load(plan)
        dialog.sent_to.setText("Bộ phận Tiểu học")
        _then(QDialog.accept)  # the "Đã vào sổ" message
        qtbot.mouseClick(dialog.findChildren(QPushButton)[-2], Qt.MouseButton.LeftButton)  # «Vào sổ»

    _then(fill)
    qtbot.mouseClick(_button(page.incoming, "Vào sổ văn bản đến…"), Qt.MouseButton.LeftButton)
    rows = IncomingQuery(demo_db, SYSTEM).fetch(PageRequest(sort="number", descending=True, limit=1))
    assert IncomingQuery(demo_db, SYSTEM).count(PageRequest()) == before + 1
    assert rows[0]["sent_to"] == "Bộ phận Tiểu học" and rows[0]["file_sha256"]

    def outgoing(dialog: OutgoingDialog) -> None:
        dialog.subject.setPlainText("V/v nộp hồ sơ thi đua năm học 2023-2024")
        _then(QDialog.accept)
        qtbot.mouseClick(dialog.findChildren(QPushButton)[-2], Qt.MouseButton.LeftButton)

    page.show_tab("outgoing")
    _then(outgoing)
    qtbot.mouseClick(_button(page.outgoing, "Vào sổ văn bản đi…"), Qt.MouseButton.LeftButton)
    found = OutgoingQuery(demo_db, SYSTEM).fetch(PageRequest("ho so thi dua"))
    assert len(found) == 1 and found[0]["year"] == dt.date.today().year and found[0]["number"] == 1
    page.grab().save("/tmp/reg-clerk.png")


def test_the_head_writes_a_handling_slip_for_what_waits(demo_db, qtbot) -> None:
    page = RegisterPage(login(demo_db, "lanhdao"))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.current_tab() is page.waiting
    model = page.waiting.table.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)  # the rows are read off the GUI thread
    waiting = model.rowCount()
    page.waiting.table.select_row(0)

    def slip(dialog: HandlingDialog) -> None:
        offered = [dialog.supporters.item(i).text() for i in range(dialog.supporters.count())]
        leads = [dialog.lead.itemText(i) for i in range(dialog.lead.count())]
        assert any("(chuyenvien1)" in t for t in offered) and offered == leads
        assert not any("(th001)" in t or "(mn001)" in t for t in offered), "a school's account is not the office's"
        dialog.opinion.setPlainText("Giao chuyên viên tham mưu, báo cáo trước hạn.")
        qtbot.mouseClick(dialog.findChildren(QPushButton)[-2], Qt.MouseButton.LeftButton)

    _then(slip)
    qtbot.mouseClick(_button(page.waiting, "Cho ý kiến giải quyết…"), Qt.MouseButton.LeftButton)
    page.waiting.table.reload()
    qtbot.waitUntil(lambda: model.rowCount() == waiting - 1)


def test_the_book_prints_from_the_page(demo_db, qtbot, tmp_path: Path) -> None:
    page = RegisterPage(login(demo_db, "chuyenvien1"))
    qtbot.addWidget(page)
    out = tmp_path / "so-den.pdf"

    def choose(dialog) -> None:
        dialog.start.setDate(dialog.start.date().addYears(-3))
        _ok(dialog)

    _then(choose)
    page.print_book(str(out))
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=30000)


def test_a_handling_slip_is_work_in_the_staffs_plans_page(demo_db, qtbot) -> None:
    """The head's instruction lands where the staff member looks for work: Kế hoạch & nhiệm vụ."""
    from services.register import handling
    from ui.pages.plans.page import PlansPage

    staff = next(u for u in ("chuyenvien1", "chuyenvien2")
                 if handling.my_handling(demo_db, login(demo_db, u).actor))  # fmt: skip
    ctx = login(demo_db, staff)
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    titles = [page.tabs.tabText(n) for n in range(page.tabs.count())]
    assert "Văn bản tôi xử lý" in titles
    assert page.my_handling.table.rowCount() == len(handling.my_handling(demo_db, ctx.actor)) > 0
