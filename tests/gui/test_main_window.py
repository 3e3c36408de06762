from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from services.operations.backup import backups_folder, list_backups
from ui.main_window import MainWindow
from ui.pages import PAGES
from ui.pages.accounts.admin import AdminPage
from ui.pages.accounts.units import UnitsPage
from ui.pages.empty import EmptyPage


def test_every_page_opens_and_refreshes(window: MainWindow, qtbot) -> None:
    for index, spec in enumerate(PAGES):
        window.show_page(index)
        page = window.current_page()
        assert window.nav.currentRow() == index
        assert page is window.page(index), spec.key
        page.refresh()
    assert isinstance(window.page(4), UnitsPage)
    assert isinstance(window.page(7), AdminPage)


def test_missing_page_shows_an_honest_empty_state(window: MainWindow, monkeypatch) -> None:
    from ui import pages

    spec = pages.PageSpec("x", "Trang thử", "ui.pages.no_such_page", "Nope", "Để thử.")
    page = window._build_page(spec)
    assert isinstance(page, EmptyPage)


def test_keyboard_shortcut_switches_page(window: MainWindow, qtbot) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_page(), UnitsPage)


def test_status_bar_names_office_user_and_database(window: MainWindow) -> None:
    texts = " ".join(label.text() for label in window.statusBar().findChildren(QLabel))
    assert window.ctx.office.name in texts
    assert str(window.ctx.db.path) in texts


def test_change_bus_refreshes_visible_page_and_marks_others_stale(window: MainWindow, monkeypatch) -> None:
    window.show_page(7)
    window.show_page(4)
    calls: list[str] = []
    monkeypatch.setattr(window.page(4), "refresh", lambda: calls.append("units"))
    monkeypatch.setattr(window.page(7), "refresh", lambda: calls.append("admin"))
    window.ctx.notify({"org_units"})
    assert calls == ["units"]
    window.show_page(7)
    assert calls == ["units", "admin"]


def test_closing_takes_an_automatic_backup(ctx, qtbot) -> None:
    win = MainWindow(ctx, idle_minutes=0)
    qtbot.addWidget(win)
    win.show()
    before = len(list_backups(backups_folder(ctx.db)))
    win.close()
    after = list_backups(backups_folder(ctx.db))
    assert len(after) == before + 1
    assert Path(after[-1].path).stat().st_size > 0


def test_idle_window_locks_and_unlocks(ctx, qtbot, monkeypatch) -> None:
    seen: list[str] = []

    class FakeLogin:
        def __init__(self, db, office, parent, *, username, lock) -> None:
            seen.append(f"{username}:{lock}")

        def exec(self) -> int:
            assert not win.centralWidget().isVisible()  # the data is hidden while locked
            return 1

    monkeypatch.setattr("ui.main_window.LoginDialog", FakeLogin)
    win = MainWindow(ctx, idle_minutes=0.001)
    win.backup_on_close = False
    qtbot.addWidget(win)
    win.show()
    win._watch.last_input -= 10
    win.check_idle()
    assert seen == ["admin:True"]
    assert not win.locked
    assert win.centralWidget().isVisible()


def test_refused_unlock_closes_the_window(ctx, qtbot, monkeypatch) -> None:
    class Refuse:
        def __init__(self, *args, **kwargs) -> None:
            pass

        def exec(self) -> int:
            return 0

    monkeypatch.setattr("ui.main_window.LoginDialog", Refuse)
    win = MainWindow(ctx, idle_minutes=15)
    win.backup_on_close = False
    qtbot.addWidget(win)
    win.show()
    assert win.lock() is False
    assert not win.isVisible()


def test_the_application_has_its_icon(qapp) -> None:
    from ui.app import application

    assert not application().windowIcon().isNull()
