"""Each office sees its own job: a school's database hides the district's controls."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from models.enums import Role
from services.accounts import users
from tests.gui.fixtures import login, school_staff
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

DISTRICT_CONTROLS = {
    "reports": ["Duyệt", "Trả lại…"],
    "sync": ["Xuất gói cho mọi đơn vị cấp dưới…", "Tạo gói khởi tạo cho trường…"],
    "units": ["&Thêm đơn vị", "&Chuyển trực thuộc…"],
    "indicators": ["Tạo chỉ tiêu từ kế hoạch…"],
}


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx, idle_minutes=0)
    window.backup_on_close = False
    qtbot.addWidget(window)
    window.show()
    return window


def _button(window: MainWindow, page_key: str, text: str) -> QAbstractButton | None:
    page = window.show_page_key(page_key)
    return next((b for b in page.findChildren(QAbstractButton) if b.text() == text), None)


@pytest.mark.parametrize("username", ["admin", "school-staff"])
def test_a_school_does_not_see_the_district_controls(school_db, qtbot, username) -> None:
    if username == "school-staff":
        staff = [u for u in users.list_users(school_db, login(school_db).actor) if u.role == Role.SCHOOL_STAFF]
        username = staff[0].username
    window = _window(qtbot, login(school_db, username))
    for page, texts in DISTRICT_CONTROLS.items():
        for text in texts:
            button = _button(window, page, text)
            assert button is None or not button.isVisible(), f"{page}: {text} shows on a school"
    # the school's own work stays: it still sends its bundle to the district
    assert _button(window, "sync", "Xuất gói cho đơn vị đã chọn…").isVisible()


def test_the_district_reviews_and_a_clerk_is_told_why_not(demo_db, qtbot) -> None:
    window = _window(qtbot, login(demo_db))
    accept = _button(window, "reports", "Duyệt")
    assert accept.isVisible() and "không được duyệt" not in accept.toolTip()  # enabled on a sent report
    clerk = _window(qtbot, login(demo_db, school_staff(demo_db)[0]))
    accept = _button(clerk, "reports", "Duyệt")
    assert accept.isVisible() and not accept.isEnabled()
    assert "không được duyệt báo cáo" in accept.toolTip()
