"""The main window: navigation on the left, one page at a time, who and where in the status bar.

Pages are built the first time they are shown, so opening EduDesk costs one page, not
eight. A page whose module is not in this version shows an honest empty state. When a
write reports what it changed (``ui.writes``), only the pages that show one of the changed
tables refresh: the visible one at once, the others when they are next shown.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from importlib import import_module

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from models.db import Database
from models.labels import ROLE_LABELS
from services.accounts.office import OfficeInfo, get_user_language, set_user_language
from services.accounts.permissions import Actor
from services.accounts.users import must_change_password
from services.core.about import APP_NAME, VERSION
from services.core.changes import Changes
from services.operations.backup import automatic_backup
from ui.context import AppContext
from ui.dialogs.accounts.login import LoginDialog
from ui.dialogs.accounts.password import ChangePasswordDialog
from ui.i18n import LANGUAGES, install_language, tr_label
from ui.jobs import reads_gathered
from ui.pages import PAGES, PageSpec, shows
from ui.pages.empty import EmptyPage
from ui.slots import on_click
from ui.writes import write_now

log = logging.getLogger(__name__)

IDLE_LOCK_MINUTES = 15
_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class _ActivityWatch(QObject):
    """Remembers the last keyboard or mouse input anywhere in the application."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.last_input = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.last_input = time.monotonic()
        return False


def start_session(db: Database, office: OfficeInfo, actor: Actor, *,
                  idle_minutes: float = IDLE_LOCK_MINUTES) -> MainWindow | None:  # fmt: skip
    """After a login: the person's own language, a password change if one is due, then the window.

    None when the person declined the required password change (that is a log-out).
    """
    app = QApplication.instance()
    if app is not None:
        install_language(app, get_user_language(db, actor.username))
    ctx = AppContext(db, actor, office)
    forced = must_change_password(db, actor.username)
    if forced and ChangePasswordDialog(ctx, None, forced=True).exec() != QDialog.DialogCode.Accepted:
        return None
    return MainWindow(ctx, idle_minutes=idle_minutes)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, *, idle_minutes: float = IDLE_LOCK_MINUTES) -> None:
        super().__init__()
        self.ctx = ctx
        self.idle_minutes = idle_minutes
        self.locked = False
        self.backup_on_close = True
        self.successor: MainWindow | None = None  # the window of whoever logged in after a log-out
        self._pages: dict[int, QWidget] = {}
        self._stale: set[int] = set()
        self.setWindowTitle(f"{APP_NAME} — {ctx.office.name}")
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(210)
        self.stack = QStackedWidget(self)
        for spec in PAGES:
            self.nav.addItem(QCoreApplication.translate("pages", spec.title))
            self.stack.addWidget(QWidget(self.stack))  # placeholder until first shown
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._menus()
        self._status_bar()
        self.nav.currentRowChanged.connect(self.show_page)
        ctx.bus.changed.connect(self._on_changed)
        self._watch = _ActivityWatch(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._watch)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(30_000)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        self.resize(self.default_size())
        self.nav.setCurrentRow(0)
        QTimer.singleShot(0, preload_pages)

    def default_size(self) -> QSize:
        """1200×760, or the screen less the taskbar on a smaller district PC (1024×768)."""
        screen = self.screen() or QApplication.primaryScreen()
        free = screen.availableGeometry().size() if screen is not None else QSize(1200, 760)
        return QSize(min(1200, free.width()), min(760, free.height() - 40))

    # --- pages -----------------------------------------------------------------------

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built on first use."""
        if index not in self._pages:
            with reads_gathered():  # the page's lists read while it is built, waited for once it is
                widget = self._build_page(PAGES[index])
            old = self.stack.widget(index)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, widget)
            self._pages[index] = widget
        return self._pages[index]

    def _build_page(self, spec: PageSpec) -> QWidget:
        try:
            module = import_module(spec.module)
        except ModuleNotFoundError as exc:
            if exc.name != spec.module:
                raise
            return EmptyPage(self.ctx, spec, self.stack)
        return getattr(module, spec.class_name)(self.ctx, self.stack)

    def show_page(self, index: int) -> None:
        if not 0 <= index < len(PAGES):
            return
        widget = self.page(index)
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        if index in self._stale:
            self._stale.discard(index)
            widget.refresh()

    def show_page_key(self, key: str) -> QWidget:
        index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
        self.show_page(index)
        return self.page(index)

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def _on_changed(self, changes: Changes) -> None:
        """Refresh the shown page if it shows what changed; mark the other pages that do."""
        current = self.stack.currentIndex()
        for index, widget in self._pages.items():
            if not shows(widget, changes):
                continue
            if index == current:
                widget.refresh()
            else:
                self._stale.add(index)

    # --- menus and status bar --------------------------------------------------------

    def _menus(self) -> None:
        go = self.menuBar().addMenu(self.tr("&Đi đến"))
        for index, spec in enumerate(PAGES):
            action = QAction(QCoreApplication.translate("pages", spec.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            on_click(action, lambda i=index: self.show_page(i))
            go.addAction(action)
        account = self.menuBar().addMenu(self.tr("&Tài khoản"))
        self._action(account, self.tr("Đổi mật khẩu…"), self.change_password)
        languages = account.addMenu(self.tr("Ngôn ngữ giao diện"))
        current = get_user_language(self.ctx.db, self.ctx.actor.username)
        for code, name in LANGUAGES.items():
            action = self._action(languages, name, lambda c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == current)
        self._action(account, self.tr("Khóa màn hình"), self.lock, "Ctrl+L")
        self._action(account, self.tr("Đăng xuất"), self.log_out, "Ctrl+Shift+L")
        account.addSeparator()
        self._action(account, self.tr("Thoát"), self.close, "Ctrl+Q")
        help_menu = self.menuBar().addMenu(self.tr("Trợ &giúp"))
        self._action(help_menu, self.tr("Giới thiệu EduDesk"), self.about)

    def _action(self, menu: QObject, text: str, slot: object, shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        on_click(action, slot)
        menu.addAction(action)
        return action

    def _status_bar(self) -> None:
        actor = self.ctx.actor
        who = actor.full_name or actor.username
        role = tr_label(ROLE_LABELS.get(actor.role, str(actor.role)))
        self.statusBar().addWidget(QLabel(self.ctx.office.name, self))
        self.statusBar().addWidget(
            QLabel(self.tr("Người dùng: {who} ({role})").format(who=who, role=role), self)
        )
        self.statusBar().addPermanentWidget(QLabel(self.ctx.db.describe(), self))

    # --- who is working ---------------------------------------------------------------

    def log_out(self) -> MainWindow | None:
        """Log out without quitting: the login dialog comes back, and whoever logs in gets a window.

        Cancelling the login quits, as closing the window would.
        """
        self.locked = True
        hidden = self._hide_dialogs()
        self.centralWidget().setVisible(False)
        self.statusBar().setVisible(False)  # it names the person who is leaving
        dialog = LoginDialog(self.ctx.db, self.ctx.office, self)
        self.login_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.actor is not None
        self.login_dialog = None
        successor = start_session(self.ctx.db, self.ctx.office, dialog.actor, idle_minutes=self.idle_minutes) \
            if accepted else None  # fmt: skip
        for widget in hidden:
            widget.window().close()  # the last person's open dialogs end with their session
        return self._hand_over(successor)

    def choose_language(self, language: str) -> MainWindow | None:
        """This person's language, stored for their next login and shown at once in a fresh window."""
        ok, _ = write_now(self, self.ctx, self.tr("Ngôn ngữ giao diện"),
                          lambda: set_user_language(self.ctx.db, self.ctx.actor, language))  # fmt: skip
        if not ok:
            return None
        return self._hand_over(start_session(self.ctx.db, self.ctx.office, self.ctx.actor,
                                             idle_minutes=self.idle_minutes))  # fmt: skip

    def _hand_over(self, successor: MainWindow | None) -> MainWindow | None:
        if successor is not None:
            successor.backup_on_close = self.backup_on_close
            self.backup_on_close = False  # the program goes on: the copy is made when it really closes
            successor.show()
            successor.show_page(self.stack.currentIndex())
            self.successor = successor
        self.close()
        return successor

    def change_password(self) -> None:
        if ChangePasswordDialog(self.ctx, self).exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage(self.tr("Đã đổi mật khẩu."), 5000)

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Giới thiệu EduDesk"),
            self.tr(
                "<b>EduDesk {version}</b><br>Giao việc, theo dõi nhiệm vụ và báo cáo định kỳ "
                "ngành giáo dục, làm việc không cần mạng.<br>Dữ liệu: {db}"
            ).format(version=VERSION, db=self.ctx.db.describe()),
        )

    # --- idle lock -------------------------------------------------------------------

    def check_idle(self) -> None:
        if self.locked or self.idle_minutes <= 0:
            return
        if time.monotonic() - self._watch.last_input >= self.idle_minutes * 60:
            self.lock()

    def _hide_dialogs(self) -> list[QWidget]:
        """Hide what open dialogs show (not the dialogs: closing one would lose its typing)."""
        hidden = []
        for top in QApplication.topLevelWidgets():
            if top is self or not top.isVisible() or not isinstance(top, QDialog):
                continue
            for child in top.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                if child.isVisible():
                    child.hide()
                    hidden.append(child)
        return hidden

    def lock(self) -> bool:
        """Hide the data (and what open dialogs show) behind the login dialog; True when unlocked."""
        self.locked = True
        hidden = self._hide_dialogs()
        self.centralWidget().setVisible(False)
        dialog = LoginDialog(self.ctx.db, self.ctx.office, self, username=self.ctx.actor.username, lock=True)
        self.unlock_dialog = dialog
        unlocked = dialog.exec() == QDialog.DialogCode.Accepted
        self.unlock_dialog = None
        if not unlocked:
            self.close()
            return False
        self.locked = False
        self._watch.last_input = time.monotonic()
        self.centralWidget().setVisible(True)
        for widget in hidden:
            widget.show()
        return True

    # --- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self._idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._watch)
        if self.backup_on_close:
            self._backup_on_close()
        event.accept()

    def _backup_on_close(self) -> None:
        # A failed automatic copy must not keep the user from closing; it is logged.
        try:
            path = automatic_backup(self.ctx.db, "close")
        except Exception:
            log.exception("automatic backup on close failed")
            return
        if path is not None:
            log.info("automatic backup on close: %s", path.name)


_preloaded = False


def preload_pages() -> None:
    """Import the other pages' modules off the GUI thread once the window is up, then freeze them.

    Importing a page's services costs a few hundred milliseconds the first time; done in
    the background, the click on a page only builds it. An import that fails here is
    left for the click to report, where the page says what is missing. Then what start-up
    made is kept out of the garbage collector's walks (``gc.freeze``).
    """
    global _preloaded
    if _preloaded:
        return
    _preloaded = True

    def work() -> None:
        for spec in PAGES:
            try:
                import_module(spec.module)
            except Exception:  # the click shows it
                log.debug("preloading %s failed", spec.module, exc_info=True)
        # What start-up made (modules, classes, the ORM's mappings) lives as long as the process:
        # out of the collector's sight, a full collection walks only what came since. At 1,000
        # schools the reads of one page allocate enough to start one, and walking a hundred
        # thousand objects held every thread, the window's too, 70-130 ms.
        gc.freeze()

    # a thread of its own, not a quiet read: nothing waits for it, nothing is shown when it ends
    threading.Thread(target=work, name="edudesk-preload", daemon=True).start()


def page_keys() -> list[str]:
    return [spec.key for spec in PAGES]
