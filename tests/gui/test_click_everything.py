"""Every role, on a district and on a school database, clicks every button and action.

Each page is opened (as Ctrl+1..8 does), every tab shown, and every enabled, visible
QPushButton/QToolButton clicked with the mouse; menu actions are triggered. A timer closes
whatever modal window a click opens (file dialogs, message boxes, editors: rejected, as
"Hủy" would). Any exception that reaches ``sys.excepthook`` (pytest-qt turns it into a
failure) or the crash dialog fails the test. Lock, log out and quit end the session and are
tested on their own below.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QToolButton,
    QWidget,
)

from models.enums import Role
from services.accounts import users
from tests.gui.fixtures import login, school_staff
from ui.main_window import MainWindow
from ui.pages import PAGES

pytestmark = pytest.mark.gui

# Actions that end the session; each has its own test.
SESSION_ENDERS = ("Khóa màn hình", "Thoát", "Đăng xuất", "Tiếng Việt", "English")
MAX_CLICKS_PER_PAGE = 120


class ModalCloser:
    """Rejects whatever modal window is up, every few milliseconds, as a person pressing Hủy."""

    def __init__(self) -> None:
        self.closed: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(15)
        self.timer.timeout.connect(self._close)
        self.timer.start()

    def _close(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        modal = QApplication.activeModalWidget()
        if modal is None or isinstance(modal, QProgressDialog):
            return  # a job's progress: let the work finish
        self.closed.append(type(modal).__name__ + ": " + modal.windowTitle())
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def crashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The crash dialog records instead of opening; a job's fault goes there too."""
    seen: list[str] = []

    def record(_parent, exc, details=""):
        seen.append(details or repr(exc))

    monkeypatch.setattr("ui.crash.show_crash", record)
    return seen


def _settle() -> None:
    """Let the jobs a click started finish, and their results arrive on the GUI thread."""
    pool = QThreadPool.globalInstance()
    for _ in range(200):
        QApplication.processEvents()
        if pool.activeThreadCount() == 0:
            break
        pool.waitForDone(20)
    QApplication.processEvents()


def _tabs(widget: QWidget) -> list[tuple[QTabWidget, int]]:
    return [(tabs, i) for tabs in widget.findChildren(QTabWidget) for i in range(tabs.count())]


def _buttons(page: QWidget) -> list[QAbstractButton]:
    found = [b for kind in (QPushButton, QToolButton) for b in page.findChildren(kind)]
    return [b for b in found if shiboken6.isValid(b) and b.isVisible() and b.isEnabled()]


def _pick_first_rows(page: QWidget) -> None:
    """Row actions act on the current row: give every visible list its first row, as a click would."""
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisible() and model is not None and model.rowCount() > 0 and not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))


def _key(button: QAbstractButton) -> tuple:
    return (id(button), button.text(), button.toolTip())


def click_page(qtbot, window: MainWindow, index: int, clicked: list[str]) -> None:
    window.show_page(index)
    page = window.page(index)
    done: set[tuple] = set()
    for tabs, tab in [(None, -1), *_tabs(page)]:
        if tabs is not None:
            if not shiboken6.isValid(tabs) or not tabs.isVisible():
                continue
            tabs.setCurrentIndex(tab)
        _pick_first_rows(window.page(index))
        for _round in range(4):  # a click may show new buttons (open a form, go back)
            fresh = [b for b in _buttons(window.page(index)) if _key(b) not in done]
            if not fresh:
                break
            for button in fresh:
                done.add(_key(button))
                if not (shiboken6.isValid(button) and button.isVisible() and button.isEnabled()):
                    continue
                clicked.append(f"{PAGES[index].key}: {button.text() or button.toolTip()}")
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                _settle()
                if window.stack.currentIndex() != index:
                    window.show_page(index)  # a button that jumps elsewhere; come back
                assert len(done) < MAX_CLICKS_PER_PAGE, f"{PAGES[index].key}: buttons keep appearing"


def menu_actions(window: MainWindow) -> list[QAction]:
    actions = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is not None:
            actions += [a for a in menu.actions() if not a.isSeparator() and a.isEnabled() and a.isVisible()]
    return actions


ROLES = {
    "district": ["admin", "lanhdao", "chuyenvien1", "school-staff"],
    "school": ["admin", "school-staff"],
}


@pytest.mark.parametrize("who", ["admin", "lanhdao", "chuyenvien1", "school-staff"])
def test_every_button_of_every_page(either_office, who, qtbot, crashes) -> None:
    kind, db = either_office
    if who not in ROLES[kind]:
        pytest.skip(f"{who} has no account on a {kind} database")
    username = school_staff(db)[0] if who == "school-staff" and kind == "district" else who
    if who == "school-staff" and kind == "school":
        username = next(u.username for u in users.list_users(db, login(db).actor) if u.role == Role.SCHOOL_STAFF)
    window = MainWindow(login(db, username), idle_minutes=0)
    window.backup_on_close = False
    qtbot.addWidget(window)
    window.show()
    closer = ModalCloser()
    clicked: list[str] = []
    try:
        for index in range(len(PAGES)):
            click_page(qtbot, window, index, clicked)
        for action in menu_actions(window):
            if action.text().replace("&", "").rstrip("…") in SESSION_ENDERS:
                continue
            clicked.append(f"menu: {action.text()}")
            action.trigger()
            _settle()
    finally:
        closer.stop()
        _settle()
    print(f"\n{kind}/{who}: {len(clicked)} clicks, {len(closer.closed)} dialogs closed")
    print("\n".join(clicked))
    print("\n".join(closer.closed))
    assert crashes == []
    assert window.isVisible(), "a click ended the session"
    assert len(clicked) > 20, clicked  # the walk really reached the pages' buttons
