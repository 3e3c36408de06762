"""Login: username and password against the open database; a wrong password says so and counts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.db import Database
from models.errors import EduDeskError
from services.accounts.office import OfficeInfo
from services.accounts.permissions import Actor
from services.accounts.users import authenticate
from services.core.applog import register_secret
from ui.i18n import message_of
from ui.widgets import error_label, ok_cancel


class LoginDialog(QDialog):
    def __init__(self, db: Database, office: OfficeInfo, parent: QWidget | None = None,
                 *, username: str = "", lock: bool = False) -> None:  # fmt: skip
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Mở khóa EduDesk") if lock else self.tr("Đăng nhập EduDesk"))
        heading = QLabel(f"<b>{office.name}</b><br>{db.describe()}", self)
        heading.setWordWrap(True)
        self.username = QLineEdit(username, self)
        self.username.setReadOnly(lock)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập:"), self.username)
        form.addRow(self.tr("Mật khẩu:"), self.password)
        buttons = ok_cancel(
            self, self.tr("Đăng nhập"), self.try_login, self.tr("Thoát") if lock else self.tr("Hủy")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_login(self) -> None:
        password = self.password.text()
        register_secret(password)
        try:
            self.actor = authenticate(self.db, self.username.text(), password)
        except EduDeskError as exc:
            self.message.setText(message_of(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
