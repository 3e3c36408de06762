"""First run: no database yet, so offer to create this office's own or to open the demo district."""

from __future__ import annotations

import enum

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.enums import UnitKind
from models.errors import EduDeskError
from services.accounts import check_password_rules
from ui.widgets import ok_cancel


class Choice(enum.Enum):
    OFFICE = "office"
    DEMO = "demo"


class FirstRunDialog(QDialog):
    """Collects what is needed; the application does the work on the background job helper."""

    def __init__(self, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chào mừng đến với EduDesk"))
        intro = QLabel(
            self.tr("Chưa có dữ liệu tại <b>{path}</b>. Bạn muốn bắt đầu thế nào?").format(path=location),
            self,
        )
        intro.setWordWrap(True)
        self.office_choice = QRadioButton(self.tr("Tạo cơ sở dữ liệu cho đơn vị của tôi"), self)
        self.demo_choice = QRadioButton(
            self.tr("Mở huyện mẫu để dùng thử (có sẵn trường, kế hoạch, nhiệm vụ)"), self
        )
        group = QButtonGroup(self)
        group.addButton(self.office_choice)
        group.addButton(self.demo_choice)
        self.office_choice.setChecked(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._office_form())
        self.stack.addWidget(self._demo_form())
        self.office_choice.toggled.connect(lambda on: self.stack.setCurrentIndex(0 if on else 1))
        buttons = ok_cancel(self, self.tr("Bắt đầu"), self._accept, self.tr("Thoát"))
        layout = QVBoxLayout(self)
        for widget in (intro, self.office_choice, self.demo_choice, self.stack, buttons):
            layout.addWidget(widget)

    def _office_form(self) -> QWidget:
        page = QWidget(self)
        self.kind = QComboBox(page)
        for kind, label in ((UnitKind.DISTRICT, self.tr("Phòng Giáo dục và Đào tạo")),
                            (UnitKind.SCHOOL, self.tr("Trường học")),
                            (UnitKind.PROVINCE, self.tr("Sở Giáo dục và Đào tạo"))):  # fmt: skip
            self.kind.addItem(label, kind)
        self.code = QLineEdit(page)
        self.code.setPlaceholderText(self.tr("ví dụ: PGD-CC"))
        self.name = QLineEdit(page)
        self.name.setPlaceholderText(self.tr("ví dụ: Phòng Giáo dục và Đào tạo huyện Củ Chi"))
        self.parent_name = QLineEdit(page)
        self.admin = QLineEdit("admin", page)
        self.password = QLineEdit(page)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(page)
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(page)
        form.addRow(self.tr("Loại đơn vị:"), self.kind)
        form.addRow(self.tr("Mã đơn vị:"), self.code)
        form.addRow(self.tr("Tên đơn vị:"), self.name)
        form.addRow(self.tr("Cơ quan cấp trên:"), self.parent_name)
        form.addRow(self.tr("Tài khoản quản trị:"), self.admin)
        form.addRow(self.tr("Mật khẩu:"), self.password)
        form.addRow(self.tr("Nhập lại mật khẩu:"), self.password2)
        return page

    def _demo_form(self) -> QWidget:
        page = QWidget(self)
        self.schools = QSpinBox(page)
        self.schools.setRange(1, 1000)
        self.schools.setValue(40)
        note = QLabel(
            self.tr("Đăng nhập bằng admin, lanhdao, chuyenvien1 hoặc th001; mật khẩu Demo-2026."), page
        )
        note.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(self.tr("Số trường:"), self.schools)
        form.addRow(note)
        return page

    @property
    def choice(self) -> Choice:
        return Choice.OFFICE if self.office_choice.isChecked() else Choice.DEMO

    def office_values(self) -> dict[str, str]:
        return {
            "code": self.code.text().strip(),
            "name": " ".join(self.name.text().split()),
            "kind": str(self.kind.currentData()),
            "parent_name": self.parent_name.text().strip(),
            "admin_username": self.admin.text().strip().lower() or "admin",
            "admin_password": self.password.text(),
        }

    def _accept(self) -> None:
        if self.choice == Choice.OFFICE:
            problem = self._office_problem()
            if problem:
                QMessageBox.warning(self, self.windowTitle(), problem)
                return
        self.accept()

    def _office_problem(self) -> str:
        values = self.office_values()
        if not values["code"] or not values["name"]:
            return self.tr("Cần nhập mã và tên đơn vị.")
        if self.password.text() != self.password2.text():
            return self.tr("Hai lần nhập mật khẩu không khớp.")
        try:
            check_password_rules(values["admin_password"], values["admin_username"])
        except EduDeskError as exc:
            return str(exc)
        return ""
