"""Starting the desktop application: first run, opening and checking the database, login.

The first thing painted is a small "opening" window: it needs only Qt, so it shows as fast
as a bare PySide6 window. The ORM, Alembic, the services and the pages are imported
while it is on screen (inside the functions below, not at the top of this module), and
the quick integrity check runs in the background once the main window is up.
"""

from __future__ import annotations

import ctypes.util
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from services.core.about import APP_NAME, VERSION
from services.core.applog import configure_logging
from ui.crash import install_excepthook

if TYPE_CHECKING:
    from models.db import Database
    from ui.dialogs.accounts.first_run import FirstRunDialog

log = logging.getLogger(__name__)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(VERSION)
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def app_icon() -> QIcon:
    """The window and taskbar icon, drawn rather than shipped: a blue tile with a white E."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#1f5fa8"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(2, 2, 60, 60, 12, 12)
    painter.setPen(QColor("white"))
    font = QFont("Liberation Serif", 36, QFont.Weight.Bold)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "E")
    painter.end()
    return QIcon(pixmap)


def needs_first_run(target: str | None) -> bool:
    from models.db import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(target))
    return path is not None and not (path.exists() and path.stat().st_size > 0)


def _tr(text: str) -> str:
    return QApplication.translate("app", text)


def first_run(target: str | None, parent: QWidget | None = None) -> bool:
    """Offer to create the office, open a setup bundle or the demo; True when a database now exists.

    A refusal (a wrong bundle, an expired one) is shown and the dialog comes back with what was typed.
    """
    from models.db import resolve_url, sqlite_path
    from ui.dialogs.accounts.first_run import Choice, FirstRunDialog
    from ui.jobs import run_job

    path = sqlite_path(resolve_url(target))
    dialog = FirstRunDialog(str(path), parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        title, work = _first_run_work(dialog, target)
        job = run_job(parent, None, title, work)
        job.wait(timeout_ms=30 * 60_000)
        if job.ok:
            if dialog.choice == Choice.BUNDLE:
                about = dialog.describe_bundle() or {}
                QMessageBox.information(parent, title, _tr(
                    "Đã tạo dữ liệu cho {office}. Đăng nhập bằng tài khoản quản trị vừa đặt. Trước khi nhận "
                    "gói tiếp theo, hãy gọi điện cho Phòng để đối chiếu dấu vân tay khóa: {fingerprint}").format(
                    office=about.get("office", {}).get("name", ""),
                    fingerprint=about.get("parent_fingerprint", "")))  # fmt: skip
            return True
    return False


def _first_run_work(dialog: FirstRunDialog, target: str | None) -> tuple[str, Any]:
    from services.accounts.office import init_office
    from services.demo.district import build_demo
    from services.sync.setup import init_from_setup_bundle
    from ui.dialogs.accounts.first_run import Choice

    if dialog.choice == Choice.OFFICE:
        values = dialog.office_values()

        def work(_progress: Any) -> None:
            init_office(target, **values).dispose()

        return _tr("Tạo cơ sở dữ liệu"), work
    if dialog.choice == Choice.BUNDLE:
        bundle = dialog.bundle_values()

        def work(progress: Any) -> None:
            progress(0, 0, _tr("Đang kiểm tra chữ ký và tạo dữ liệu của trường…"))
            init_from_setup_bundle(target, Path(bundle["bundle_path"]), bundle["admin_password"],
                                   admin_username=bundle["admin_username"], code=bundle["code"]).dispose()  # fmt: skip

        return _tr("Mở gói khởi tạo"), work
    schools = dialog.schools.value()

    def work(progress: Any) -> None:
        build_demo(target, schools=schools, progress=progress)

    return _tr("Tạo huyện mẫu"), work


def open_checked(target: str | None, parent: QWidget | None = None, *, check: bool = True) -> Database | None:
    """Open the database and (unless ``check`` is false) run the quick check; a problem is said, never hidden."""
    from models.db import open_database
    from ui.writes import refusal_shown

    ok, db = refusal_shown(parent, APP_NAME, lambda: open_database(target))
    if not ok or db is None:
        return None
    if check:
        from services.operations.integrity import check_database

        warn_problems(parent, check_database(db, quick=True).problems)
    return db


def warn_problems(parent: QWidget | None, problems: list[str]) -> None:
    if problems:
        QMessageBox.warning(
            parent,
            APP_NAME,
            QApplication.translate("app", "Kiểm tra nhanh dữ liệu phát hiện vấn đề:\n{problems}\n\n"
                                   "Hãy mở trang Quản trị → «Kiểm tra dữ liệu», hoặc khôi phục bản sao lưu gần nhất.")
            .format(problems="\n".join(f"• {p}" for p in problems[:10])),
        )  # fmt: skip


def check_in_background(db: Database, window: QWidget) -> None:
    """The quick check after the window is up: the person can start working while it reads."""
    from services.operations.integrity import check_database
    from ui.jobs import run_quiet

    def work() -> list[str]:
        try:
            return check_database(db, quick=True).problems
        except Exception as exc:  # a check that cannot run is itself a problem to show
            log.exception("quick check failed")
            return [str(exc)]

    run_quiet(work, lambda problems: warn_problems(window, problems), window)


class _PaintWatch(QObject):
    """Notes when a window first paints (the start-up figure ``main.py bench`` reports)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted_at: float | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def wait_painted(app: QApplication, widget: QWidget, timeout_s: float = 10.0) -> float | None:
    """Show ``widget`` and turn the event loop until it has painted; the perf_counter of that paint."""
    watch = _PaintWatch(widget)
    widget.show()
    deadline = time.perf_counter() + timeout_s
    while watch.painted_at is None and time.perf_counter() < deadline:
        app.processEvents()
    return watch.painted_at


def opening_window() -> QWidget:
    """What is on screen while the database is opened: the name, the icon, "Đang mở dữ liệu…"."""
    window = QWidget()
    window.setWindowTitle(APP_NAME)
    window.setWindowFlag(Qt.WindowType.SplashScreen)
    layout = QVBoxLayout(window)
    icon = QLabel(window)
    icon.setPixmap(app_icon().pixmap(64, 64))
    icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
    name = QLabel(f"<h2>{APP_NAME}</h2>", window)
    name.setAlignment(Qt.AlignmentFlag.AlignCenter)
    text = QLabel(QApplication.translate("app", "Đang mở dữ liệu…"), window)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    for widget in (icon, name, text):
        layout.addWidget(widget)
    window.resize(360, 200)
    return window


# Qt 6's xcb platform plugin needs libxcb-cursor; without it Qt only says "Could not load the
# Qt platform plugin xcb" and aborts. Headless platforms do not need it.
_HEADLESS = ("offscreen", "minimal", "vnc", "wayland", "eglfs", "linuxfb")
MISSING_XCB_CURSOR = (
    "EduDesk cần thư viện libxcb-cursor0 để mở cửa sổ; hãy cài: sudo apt install libxcb-cursor0 "
    "(EduDesk needs libxcb-cursor0: sudo apt install libxcb-cursor0)"
)


def missing_display_library() -> str:
    """On Linux with X11, what to install before the window can open; "" when nothing is missing."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if not sys.platform.startswith("linux") or platform.startswith(_HEADLESS):
        return ""
    return "" if ctypes.util.find_library("xcb-cursor") else MISSING_XCB_CURSOR


def run_gui(db_target: str | None = None, *, until_painted: bool = False) -> int:
    """The GUI. ``until_painted`` (``main.py bench``) stops once the login window has painted and
    prints the seconds from process start to the first paint and to the login window."""
    missing = missing_display_library()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    app = application()
    opening = opening_window()
    first_paint = wait_painted(app, opening)
    from models.db import data_dir_for, resolve_url  # the ORM comes in while the window is on screen

    configure_logging(data_dir_for(resolve_url(db_target)) / "logs")
    install_excepthook()
    if needs_first_run(db_target):
        opening.hide()
        if not first_run(db_target):
            return 0
    db = open_checked(db_target, check=False)
    if db is None:
        return 1
    from services.accounts.office import get_language, office_info
    from ui.dialogs.accounts.login import LoginDialog
    from ui.i18n import install_language

    install_language(app, get_language(db))
    office = office_info(db)
    login = LoginDialog(db, office)
    if until_painted:
        login_paint = wait_painted(app, login)
        opening.close()
        _print_start_figures(first_paint, login_paint)
        db.dispose()
        return 0
    opening.close()
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        db.dispose()
        return 0
    from ui.main_window import start_session  # the pages' imports, while the password is checked

    window = start_session(db, office, login.actor)
    if window is None:
        db.dispose()
        return 0
    window.show()
    check_in_background(db, window)
    code = app.exec()
    db.dispose()
    return code


def _print_start_figures(first_paint: float | None, login_paint: float | None) -> None:
    import json

    started = process_start()
    print(json.dumps({"first_paint_s": round(first_paint - started, 3) if first_paint else None,
                      "login_paint_s": round(login_paint - started, 3) if login_paint else None}))  # fmt: skip


def process_start() -> float:
    """The perf_counter value when this process started (Linux: from /proc; else this module's import)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        age = uptime - ticks / os.sysconf("SC_CLK_TCK")
        return time.perf_counter() - age
    except (OSError, ValueError, IndexError):
        return _IMPORTED_AT


_IMPORTED_AT = time.perf_counter()
