"""Starting the desktop application: first run, opening and checking the database, login."""

from __future__ import annotations

import ctypes.util
import logging
import os
import sys
from pathlib import Path
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
from services.sync.setup import init_from_setup_bundle
from ui.crash import install_excepthook
from ui.dialogs.first_run import Choice, FirstRunDialog
from ui.dialogs.login import LoginDialog
from ui.i18n import install_language, message_of
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


def _tr(text: str) -> str:
    return QApplication.translate("app", text)


def first_run(target: str | None, parent: QWidget | None = None) -> bool:
    """Offer to create the office, open a setup bundle or the demo; True when a database now exists.

    A refusal (a wrong bundle, an expired one) is shown and the dialog comes back with what was typed.
    """
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


def open_checked(target: str | None, parent: QWidget | None = None) -> Database | None:
    """Open the database and run the quick check; a problem is said, never hidden."""
    try:
        db = open_database(target)
    except EduDeskError as exc:
        QMessageBox.critical(parent, APP_NAME, message_of(exc))
        return None
    report = check_database(db, quick=True)
    if not report.ok:
        QMessageBox.warning(
            parent,
            APP_NAME,
            QApplication.translate("app", "Kiểm tra nhanh dữ liệu phát hiện vấn đề:\n{problems}\n\n"
                                   "Hãy mở trang Quản trị → «Kiểm tra dữ liệu», hoặc khôi phục bản sao lưu gần nhất.")
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
