"""Log out and switch user without quitting, each person's language, the password an
administrator typed changed at first login, the idle lock hiding open dialogs, quitting."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from models.enums import Role
from services.accounts.office import get_user_language, office_info
from services.accounts.users import authenticate, create_user, list_users, must_change_password
from services.demo.district import DEMO_PASSWORD
from ui.dialogs.accounts.login import LoginDialog
from ui.dialogs.accounts.password import ChangePasswordDialog
from ui.i18n import install_language
from ui.main_window import MainWindow, start_session
from ui.pages.accounts.users import UserDialog
from ui.writes import wait_idle

pytestmark = pytest.mark.gui


def when_modal(kind: type, act: Callable[[QDialog], None]) -> None:
    """Once a modal dialog of ``kind`` is up, ``act`` on it as a person would."""

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind):
            act(modal)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def click_ok(qtbot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def log_in_as(qtbot, username: str, password: str = DEMO_PASSWORD) -> Callable[[QDialog], None]:
    def act(dialog: LoginDialog) -> None:
        dialog.username.setText(username)
        qtbot.keyClicks(dialog.password, password)
        click_ok(qtbot, dialog)

    return act


def action(window: MainWindow, text: str) -> QAction:
    for top in window.menuBar().actions():
        for item in top.menu().actions():
            if item.text().replace("&", "") == text:
                return item
            if item.menu() is not None:
                found = [a for a in item.menu().actions() if a.text() == text]
                if found:
                    return found[0]
    raise AssertionError(f"no menu action {text}")


def test_log_out_and_another_person_logs_in(window, qtbot) -> None:
    window.show_page_key("units")
    when_modal(LoginDialog, log_in_as(qtbot, "lanhdao"))
    action(window, "Đăng xuất").trigger()
    successor = window.successor
    assert successor is not None and successor.ctx.actor.username == "lanhdao"
    qtbot.addWidget(successor)
    assert successor.isVisible() and not window.isVisible()
    assert successor.stack.currentIndex() == window.stack.currentIndex()  # the same page, for the next person


def test_the_login_after_a_log_out_does_not_name_the_last_person(window, qtbot) -> None:
    seen: list[bool] = []

    def look(login: LoginDialog) -> None:
        seen.append(window.statusBar().isVisible())
        login.reject()

    when_modal(LoginDialog, look)
    action(window, "Đăng xuất").trigger()
    assert seen == [False]


def test_log_out_then_cancel_closes(window, qtbot) -> None:
    when_modal(LoginDialog, lambda d: d.reject())
    action(window, "Đăng xuất").trigger()
    assert window.successor is None and not window.isVisible()


def test_each_person_keeps_their_language(window, demo_db, qtbot) -> None:
    try:
        action(window, "English").trigger()
        english = window.successor
        qtbot.addWidget(english)
        assert english.nav.item(0).text() == "Overview"
        assert get_user_language(demo_db, "admin") == "en"
        assert get_user_language(demo_db, "lanhdao") == "vi"
        when_modal(LoginDialog, log_in_as(qtbot, "lanhdao"))
        english.log_out()
        leader = english.successor
        qtbot.addWidget(leader)
        assert leader.nav.item(0).text() == "Tổng quan"
    finally:
        install_language(QApplication.instance(), "vi")


def test_a_new_account_starts_least_and_changes_its_password_first(ctx, demo_db, qtbot) -> None:
    dialog = UserDialog(ctx, None)
    qtbot.addWidget(dialog)
    assert dialog.role.currentData() == Role.SCHOOL_STAFF
    dialog.username.setText("ketoan")
    dialog.full_name.setText("Lê Kế Toán")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.OFFICER))
    qtbot.keyClicks(dialog.password, "Ke-toan-2026!")
    qtbot.keyClicks(dialog.again, "Ke-toan-2026?")
    click_ok(qtbot, dialog)
    assert "không giống nhau" in dialog.message.text()
    assert "ketoan" not in [u.username for u in list_users(demo_db, ctx.actor)]
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "Ke-toan-2026!")
    click_ok(qtbot, dialog)
    assert wait_idle() and must_change_password(demo_db, "ketoan")

    def change(d: ChangePasswordDialog) -> None:
        assert d.forced
        qtbot.keyClicks(d.old, "Ke-toan-2026!")
        qtbot.keyClicks(d.new, "Rieng-cua-toi-7")
        qtbot.keyClicks(d.again, "Rieng-cua-toi-7")
        click_ok(qtbot, d)

    when_modal(ChangePasswordDialog, change)
    window = start_session(demo_db, office_info(demo_db), authenticate(demo_db, "ketoan", "Ke-toan-2026!"),
                           idle_minutes=0)  # fmt: skip
    assert window is not None
    window.backup_on_close = False
    qtbot.addWidget(window)
    assert not must_change_password(demo_db, "ketoan")
    authenticate(demo_db, "ketoan", "Rieng-cua-toi-7")


def test_declining_the_first_password_change_is_a_log_out(ctx, demo_db, qtbot) -> None:
    create_user(demo_db, ctx.actor, username="moi", full_name="Người Mới", role=Role.OFFICER, password="Mat-khau-2026!")
    when_modal(ChangePasswordDialog, lambda d: d.reject())
    assert start_session(demo_db, office_info(demo_db), authenticate(demo_db, "moi", "Mat-khau-2026!")) is None
    assert must_change_password(demo_db, "moi")


def test_the_lock_hides_open_dialogs_too(window, qtbot) -> None:
    dialog = QDialog(window)
    secret = QLabel("Số liệu của trường", dialog)
    QVBoxLayout(dialog).addWidget(secret)
    dialog.show()
    seen: list[bool] = []

    def unlock(login: LoginDialog) -> None:
        seen.append(secret.isVisible())
        log_in_as(qtbot, "admin")(login)

    when_modal(LoginDialog, unlock)
    action(window, "Khóa màn hình").trigger()
    assert seen == [False]  # hidden while the login asked
    assert secret.isVisible() and dialog.isVisible() and window.centralWidget().isVisible()


def test_quit_closes_the_window(window) -> None:
    action(window, "Thoát").trigger()
    assert not window.isVisible()
    assert isinstance(window, QWidget)
