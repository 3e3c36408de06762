"""Driving the real window as a clerk does: find a control by what it says, click it, answer the
dialog that opens, and keep a screenshot of each step when ``EDUDESK_LOOP_SHOTS`` names a folder.

Only the operating system's own dialogs (file choosers, Qt's static input and message boxes) are
answered by patching: everything EduDesk draws itself is found on screen and clicked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QListWidget,
    QWidget,
)

from ui.widgets import LazyTab


def _plain(text: str) -> str:
    return text.replace("&", "").replace("…", "").strip()


def find_button(root: QWidget, text: str) -> QAbstractButton:
    """The visible button whose label is ``text`` (ignoring "&" and "…")."""
    wanted = _plain(text)
    found = [b for b in root.findChildren(QAbstractButton) if _plain(b.text()) == wanted and b.isVisible()]
    assert found, f"no visible button «{text}» in {type(root).__name__}: " + ", ".join(
        sorted({_plain(b.text()) for b in root.findChildren(QAbstractButton) if b.isVisible() and b.text()})
    )
    return found[0]


def click(qtbot: Any, root: QWidget, text: str) -> QAbstractButton:
    button = find_button(root, text)
    assert button.isEnabled(), f"«{text}» is disabled: {button.toolTip()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return button


class Modal:
    """The dialog a handler answered, and what went wrong inside the handler (raised by ``check``)."""

    def __init__(self) -> None:
        self.dialogs: list[QWidget] = []
        self.error: BaseException | None = None

    def __bool__(self) -> bool:
        return bool(self.dialogs)

    def check(self) -> None:
        if self.error is not None:
            raise self.error
        assert self.dialogs, "the expected dialog never opened"


def answer_next_modal(handler: Callable[[QWidget], None], *, timeout_ms: int = 20_000) -> Modal:
    """Run ``handler`` on the next modal dialog that opens (the test goes on to open it).

    A failure inside the handler closes the dialog and is kept for ``Modal.check``: raised inside
    Qt's event loop it would abort the process instead.
    """
    modal = Modal()
    before = QApplication.activeModalWidget()
    timer = QTimer()
    timer.setInterval(20)
    waited = [0]

    def poll() -> None:
        waited[0] += 20
        widget = QApplication.activeModalWidget()
        if widget is not None and widget is not before and widget.isVisible():
            timer.stop()
            modal.dialogs.append(widget)
            try:
                handler(widget)
            except BaseException as exc:
                modal.error = exc
                if widget.isVisible() and hasattr(widget, "reject"):
                    widget.reject()
        elif waited[0] > timeout_ms:
            timer.stop()

    timer.timeout.connect(poll)
    timer.start()
    _TIMERS.append(timer)  # a Python-owned timer must outlive this call
    return modal


_TIMERS: list[QTimer] = []


def go_to(window: Any, qtbot: Any, title: str) -> QWidget:
    """Click the page's name in the navigation list, as a person does."""
    nav: QListWidget = window.nav
    for row in range(nav.count()):
        if _plain(nav.item(row).text()) == _plain(title):
            rect = nav.visualItemRect(nav.item(row))
            qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.waitUntil(lambda: window.current_page() is not None)
            return window.current_page()
    names = [nav.item(r).text() for r in range(nav.count())]
    raise AssertionError(f"no page «{title}» in the navigation: {names}")


def row_with(view: QAbstractItemView, text: str) -> QModelIndex:
    """The first cell of the first row that shows ``text`` in any column."""
    model = view.model()
    columns = 1 if isinstance(view, QListWidget) else model.columnCount()
    for row in range(model.rowCount()):
        for column in range(columns):
            shown = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if shown is not None and text in str(shown):
                return model.index(row, 0)
    raise AssertionError(f"no row shows «{text}»")


def click_row(qtbot: Any, view: QAbstractItemView, text: str) -> QModelIndex:
    index = row_with(view, text)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentIndex().row() == index.row(), f"the click did not select the row of «{text}»"
    return index


def views_in(root: QWidget) -> list[QAbstractItemView]:
    return [v for v in root.findChildren(QAbstractItemView) if v.isVisible() and v.model() is not None]


def view_showing(root: QWidget, text: str) -> QAbstractItemView:
    """The visible table or list on ``root`` that has a row showing ``text``."""
    for view in views_in(root):
        try:
            row_with(view, text)
        except AssertionError:
            continue
        return view
    raise AssertionError(f"no visible table shows «{text}»")


class Shots:
    """Screenshots of each step, for a person to look at, when EDUDESK_LOOP_SHOTS is set."""

    def __init__(self) -> None:
        folder = os.environ.get("EDUDESK_LOOP_SHOTS", "")
        self.folder = Path(folder) if folder else None
        self.count = 0
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, widget: QWidget, name: str) -> None:
        if self.folder is None:
            return
        self.count += 1
        from PySide6.QtTest import QTest

        QTest.qWait(150)  # layouts settle over several turns of the event loop, as on a real screen
        widget.grab().save(str(self.folder / f"{self.count:02d}-{name}.png"))


def open_tab(qtbot: Any, root: QWidget, title: str) -> QWidget:
    """Click the tab called ``title`` on whichever tab bar of ``root`` has it."""
    from PySide6.QtWidgets import QTabWidget

    for tabs in root.findChildren(QTabWidget):
        bar = tabs.tabBar()
        for index in range(tabs.count()):
            if _plain(tabs.tabText(index)) == _plain(title) and tabs.isVisible():
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
                assert tabs.currentIndex() == index
                page = tabs.widget(index)
                return page.built() if isinstance(page, LazyTab) else page
    raise AssertionError(f"no tab «{title}»")


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key. QTest's keyClicks knows only ASCII; a Vietnamese keyboard (Unikey,
    IBus) delivers each letter as a key event carrying its text, which is what is sent here."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    QApplication.processEvents()
