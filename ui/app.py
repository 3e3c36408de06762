"""Starting the desktop application: first run, opening and checking the database, login."""

from __future__ import annotations

import ctypes.util
import logging
import os
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from models.db import Database, data_dir_for, open_database, resolve_url, sqlite_path
from models.errors import EduDeskError
from services.about import APP_NAME, VERSION
from services.applog import configure_logging
from services.demo import build_demo
from services.integrity import check_database
from services.office import get_language, init_office, office_info
from ui.crash import install_excepthook
from ui.dialogs.first_run import Choice, FirstRunDialog
from ui.dialogs.login import LoginDialog
from ui.i18n import install_language
from ui.jobs import run_job
from ui.main_window import start_session

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
    path = sqlite_path(resolve_url(target))
    return path is not None and not (path.exists() and path.stat().st_size > 0)


def first_run(target: str | None, parent: QWidget | None = None) -> bool:
    """Offer to create the office or the demo district; True when a database now exists."""
    path = sqlite_path(resolve_url(target))
    dialog = FirstRunDialog(str(path), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    if dialog.choice == Choice.OFFICE:
        values = dialog.office_values()

        def work(_progress: Any) -> None:
            init_office(target, **values).dispose()

        title = dialog.tr("Tạo cơ sở dữ liệu")
    else:
        schools = dialog.schools.value()

        def work(progress: Any) -> None:
            build_demo(target, schools=schools, progress=progress)

        title = dialog.tr("Tạo huyện mẫu")
    job = run_job(parent, None, title, work)
    job.wait(timeout_ms=30 * 60_000)
    return job.ok


def open_checked(target: str | None, parent: QWidget | None = None) -> Database | None:
    """Open the database and run the quick check; a problem is said, never hidden."""
    try:
        db = open_database(target)
    except EduDeskError as exc:
        QMessageBox.critical(parent, APP_NAME, str(exc))
        return None
    report = check_database(db, quick=True)
    if not report.ok:
        QMessageBox.warning(
            parent,
            APP_NAME,
            QApplication.translate("app", "Kiểm tra nhanh dữ liệu phát hiện vấn đề:\n{problems}\n\n"
                                   "Hãy chạy “main.py check” hoặc khôi phục bản sao lưu gần nhất.")
            .format(problems="\n".join(f"• {p}" for p in report.problems[:10])),
        )  # fmt: skip
    return db


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


def run_gui(db_target: str | None = None) -> int:
    missing = missing_display_library()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    configure_logging(data_dir_for(resolve_url(db_target)) / "logs")
    app = application()
    install_excepthook()
    if needs_first_run(db_target) and not first_run(db_target):
        return 0
    db = open_checked(db_target)
    if db is None:
        return 1
    install_language(app, get_language(db))
    office = office_info(db)
    login = LoginDialog(db, office)
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        db.dispose()
        return 0
    window = start_session(db, office, login.actor)
    if window is None:
        db.dispose()
        return 0
    window.show()
    code = app.exec()
    db.dispose()
    return code
