"""Accounts: list, add, edit role and unit, reset a password, disable and enable."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import Role
from models.labels import ROLE_LABELS
from services.accounts.orgunits import list_units
from services.accounts.permissions import ROLE_MATRIX
from services.accounts.users import UserRow, create_user, list_users, reset_password, set_active, update_user
from services.core.applog import register_secret
from services.core.vietnamese import format_date
from ui.context import AppContext
from ui.gates import is_school
from ui.i18n import message_of, tr_label
from ui.row_table import RowTable
from ui.slots import on_click
from ui.widgets import error_label, ok_cancel
from ui.writes import run_write


def least_role() -> Role:
    """The role with the fewest rights (school staff), where every new account starts."""
    return min(Role, key=lambda role: len(ROLE_MATRIX[role]))


class UserDialog(QDialog):
    """Add an account (with its first password) or edit one's name, role and unit."""

    def __init__(self, ctx: AppContext, user: UserRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.setWindowTitle(self.tr("Sửa tài khoản") if user else self.tr("Thêm tài khoản"))
        self.username = QLineEdit(user.username if user else "", self)
        self.username.setReadOnly(user is not None)
        self.full_name = QLineEdit(user.full_name if user else "", self)
        self.role = QComboBox(self)
        for role in Role:
            self.role.addItem(tr_label(ROLE_LABELS[role]), role)
        self.unit = QComboBox(self)
        self.unit.addItem(self.tr("(không: cán bộ của phòng)"), None)
        for unit in list_units(ctx.db):
            self.unit.addItem(f"{unit.name} ({unit.code})", unit.id)
        self.unit.setEditable(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        if user is not None:
            self.role.setCurrentIndex(self.role.findData(user.role))
            self.unit.setCurrentIndex(max(self.unit.findData(user.unit_id), 0))
        else:
            # a new account starts with the fewest rights; the administrator raises it on purpose
            self.role.setCurrentIndex(self.role.findData(least_role()))
            if is_school(ctx.office):
                self.unit.setCurrentIndex(max(self.unit.findData(ctx.office.id), 0))
        self.message = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập:"), self.username)
        form.addRow(self.tr("Họ và tên:"), self.full_name)
        form.addRow(self.tr("Vai trò:"), self.role)
        form.addRow(self.tr("Đơn vị (cán bộ trường):"), self.unit)
        if user is None:
            form.addRow(self.tr("Mật khẩu ban đầu:"), self.password)
            form.addRow(self.tr("Nhập lại mật khẩu:"), self.again)
        buttons = ok_cancel(self, self.tr("Lưu"), self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        register_secret(self.password.text())
        register_secret(self.again.text())
        if self.user is None and self.password.text() != self.again.text():
            self.message.setText(self.tr("Hai lần nhập mật khẩu không giống nhau."))
            return
        values = {"full_name": self.full_name.text(), "role": self.role.currentData(),
                  "unit_id": self.unit.currentData()}  # fmt: skip
        user, username, password = self.user, self.username.text(), self.password.text()

        def write() -> None:
            if user is None:
                create_user(self.ctx.db, self.ctx.actor, username=username, password=password, **values)
            else:
                update_user(self.ctx.db, self.ctx.actor, user.username, **values)

        # the refusal is said in the dialog, which stays open with the typing
        self.last_write = run_write(self, self.ctx, self.windowTitle(), write, lambda _r: self.accept(),
                                    quiet=True, on_refused=lambda exc: self.message.setText(message_of(exc)))  # fmt: skip


class UsersTab(QWidget):
    HEADERS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị", "Trạng thái", "Đăng nhập gần nhất")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[UserRow] = []
        self.table = RowTable(self, [tr_label(h) for h in self.HEADERS])
        self.table.doubleClicked.connect(lambda _i: self._with_current(self.edit))
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Thêm tài khoản"), self.add),
            (self.tr("Sửa"), lambda: self._with_current(self.edit)),
            (self.tr("Đặt lại mật khẩu…"), lambda: self._with_current(self.reset)),
            (self.tr("Khóa / mở tài khoản"), lambda: self._with_current(self.toggle)),
        ):
            button = QPushButton(text, self)
            on_click(button, slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.users = list_users(self.ctx.db, self.ctx.actor)
        self.table.set_rows(self._cells(user) for user in self.users)

    def _cells(self, user: UserRow) -> tuple[str, ...]:
        state = self.tr("Bị khóa") if user.locked else (self.tr("Hoạt động") if user.active else self.tr("Vô hiệu"))
        last = format_date(user.last_login_at.date()) if user.last_login_at else ""
        return user.username, user.full_name, tr_label(user.role_label), user.unit_name, state, last

    def current(self) -> UserRow | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _with_current(self, action: Any) -> None:
        user = self.current()
        if user is None:
            QMessageBox.information(self, self.tr("Tài khoản"), self.tr("Hãy chọn một tài khoản."))
            return
        action(user)

    def add(self) -> None:
        UserDialog(self.ctx, None, self).exec()

    def edit(self, user: UserRow) -> None:
        UserDialog(self.ctx, user, self).exec()

    def reset(self, user: UserRow) -> None:
        password, ok = QInputDialog.getText(
            self, self.tr("Đặt lại mật khẩu"),
            self.tr("Mật khẩu mới cho {name} (người dùng phải đổi khi đăng nhập):").format(name=user.username),
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        register_secret(password)
        if not ok:
            return
        again, ok = QInputDialog.getText(self, self.tr("Đặt lại mật khẩu"), self.tr("Nhập lại mật khẩu mới:"),
                                         QLineEdit.EchoMode.Password)  # fmt: skip
        register_secret(again)
        if ok and again != password:
            QMessageBox.warning(self, self.tr("Đặt lại mật khẩu"), self.tr("Hai lần nhập mật khẩu không giống nhau."))
            return
        if ok:
            self._run(lambda: reset_password(self.ctx.db, self.ctx.actor, user.username, password),
                      self.tr("Đã đặt lại mật khẩu cho {name}.").format(name=user.username))  # fmt: skip

    def toggle(self, user: UserRow) -> None:
        if user.active:
            question = self.tr("Vô hiệu hóa tài khoản {name}? Người này sẽ không đăng nhập được nữa.")
            if QMessageBox.question(self, self.tr("Tài khoản"), question.format(name=user.username)) \
                    != QMessageBox.StandardButton.Yes:  # fmt: skip
                return
        self._run(lambda: set_active(self.ctx.db, self.ctx.actor, user.username, not user.active), "")

    def _run(self, change: Any, done: str) -> None:
        def told(_result: Any) -> None:
            if done:
                QMessageBox.information(self, self.tr("Tài khoản"), done)

        self.last_write = run_write(self, self.ctx, self.tr("Tài khoản"), change, told)
