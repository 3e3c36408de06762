"""An unexpected fault in the GUI: a Vietnamese apology with copyable details; the program goes on."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from services.core.applog import mask_secrets

log = logging.getLogger("edudesk.gui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("crash", text)


def crash_box(parent: QWidget | None, exc: BaseException, details: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("Lỗi không mong muốn"))
    box.setText(
        _tr("EduDesk gặp một lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng; "
            "thao tác vừa rồi có thể chưa hoàn tất.")
    )  # fmt: skip
    box.setInformativeText(mask_secrets(f"{type(exc).__name__}: {exc}"))
    box.setDetailedText(mask_secrets(details))
    copy = box.addButton(_tr("Sao chép chi tiết"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_tr("Tiếp tục làm việc"), QMessageBox.ButtonRole.AcceptRole)
    # The copy button must not close the box: disconnect its default close and copy instead.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(box.detailedText()))
    return box


def show_crash(parent: QWidget | None, exc: BaseException, details: str = "") -> None:
    details = details or "".join(traceback.format_exception(exc))
    log.error("lỗi không mong muốn: %s", mask_secrets(details))
    crash_box(parent, exc, details).exec()


def install_excepthook() -> None:
    """Qt swallows exceptions from slots; route them to the dialog instead of dying silently."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        from ui.jobs import show_error  # the one place a refusal or a fault is shown

        show_error(QApplication.activeWindow(), QCoreApplication.translate("crash", "Không thực hiện được"), exc, details)

    sys.excepthook = hook
