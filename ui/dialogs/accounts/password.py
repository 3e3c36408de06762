"""Change one's own password: the old one, the new one twice, the rules said before saving."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.errors import EduDeskError
from services.accounts.users import change_password
from services.core.applog import register_secret
from ui.context import AppContext
from ui.i18n import message_of
from ui.widgets import error_label, ok_cancel


class ChangePasswordDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, forced: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Đổi mật khẩu"))
        # forced: the password was set by an administrator (new account or reset); cancelling logs out
        self.forced = forced
        self.old = self._secret_field()
        self.new = self._secret_field()
        self.again = self._secret_field()
        self.message = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Mật khẩu hiện tại:"), self.old)
        form.addRow(self.tr("Mật khẩu mới:"), self.new)
        form.addRow(self.tr("Nhập lại mật khẩu mới:"), self.again)
        cancel = self.tr("Đăng xuất") if forced else ""
        buttons = ok_cancel(self, self.tr("Đổi mật khẩu"), self.try_change, cancel)
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(self.tr("Mật khẩu này do quản trị viên đặt. Hãy chọn mật khẩu của riêng bạn "
                                  "trước khi làm việc."), self)  # fmt: skip
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _secret_field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def try_change(self) -> None:
        old, new = self.old.text(), self.new.text()
        for secret in (old, new, self.again.text()):
            register_secret(secret)
        if new != self.again.text():
            self.message.setText(self.tr("Hai lần nhập mật khẩu mới không giống nhau."))
            return
        try:
            change_password(self.ctx.db, self.ctx.actor, old, new)
        except EduDeskError as exc:
            self.message.setText(message_of(exc))
            return
        self.accept()
