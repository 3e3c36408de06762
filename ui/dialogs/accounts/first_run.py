"""First run: no database yet, so offer to create this office's own, to open the setup bundle the
district sent (a school's usual start), or to open the demo district."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.enums import UnitKind
from models.errors import EduDeskError
from services.accounts.users import check_password_rules
from services.sync.setup import check_setup_code, describe_setup_bundle
from ui.i18n import message_of
from ui.widgets import ok_cancel


class Choice(enum.Enum):
    OFFICE = "office"
    DEMO = "demo"
    BUNDLE = "bundle"


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
        self.bundle_choice = QRadioButton(self.tr("Mở gói khởi tạo từ Phòng GD&ĐT"), self)
        group = QButtonGroup(self)
        self.stack = QStackedWidget(self)
        for button, page in ((self.office_choice, self._office_form()), (self.bundle_choice, self._bundle_form()),
                             (self.demo_choice, self._demo_form())):  # fmt: skip
            group.addButton(button)
            self.stack.addWidget(page)
            button.toggled.connect(lambda on, shown=page: self.stack.setCurrentWidget(shown) if on else None)
        self.office_choice.setChecked(True)
        buttons = ok_cancel(self, self.tr("Bắt đầu"), self._accept, self.tr("Thoát"))
        layout = QVBoxLayout(self)
        for widget in (intro, self.office_choice, self.bundle_choice, self.demo_choice, self.stack, buttons):
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

    def _bundle_form(self) -> QWidget:
        page = QWidget(self)
        self.bundle_path = QLineEdit(page)
        self.bundle_path.setPlaceholderText(self.tr("tệp .edusync Phòng GD&ĐT gửi (USB hoặc thư điện tử)"))
        self.bundle_path.editingFinished.connect(lambda: self.describe_bundle())
        browse = QPushButton(self.tr("Chọn tệp…"), page)
        browse.clicked.connect(lambda: self.browse_bundle())
        row = QHBoxLayout()
        row.addWidget(self.bundle_path, 1)
        row.addWidget(browse)
        self.bundle_about = QLabel(page)
        self.bundle_about.setWordWrap(True)
        self.bundle_code = QLineEdit(page)
        self.bundle_code.setPlaceholderText(self.tr("16 ký tự Phòng GD&ĐT đọc qua điện thoại, ví dụ ABCD-EFGH-JKMN-PQRT"))
        self.bundle_admin = QLineEdit("admin", page)
        self.bundle_password = QLineEdit(page)
        self.bundle_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.bundle_password2 = QLineEdit(page)
        self.bundle_password2.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(page)
        form.addRow(self.tr("Gói khởi tạo:"), row)
        form.addRow(self.bundle_about)
        form.addRow(self.tr("Mã khởi tạo:"), self.bundle_code)
        form.addRow(self.tr("Tài khoản quản trị:"), self.bundle_admin)
        form.addRow(self.tr("Mật khẩu:"), self.bundle_password)
        form.addRow(self.tr("Nhập lại mật khẩu:"), self.bundle_password2)
        return page

    def browse_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Mở gói khởi tạo"), "",
                                              self.tr("Gói EduDesk (*.edusync)"))  # fmt: skip
        if path:
            self.bundle_path.setText(path)
            self.describe_bundle()

    def describe_bundle(self) -> dict | None:
        """Who the bundle sets up and the district's key fingerprint, shown before anything is written."""
        path = self.bundle_path.text().strip()
        if not path:
            self.bundle_about.setText("")
            return None
        try:
            about = describe_setup_bundle(Path(path))
        except EduDeskError as exc:
            self.bundle_about.setText(f"<span style='color:#b00020'>{exc}</span>")
            return None
        self.bundle_about.setText(self.tr(
            "Gói khởi tạo <b>{office}</b> do <b>{parent}</b> gửi.<br>Dấu vân tay khóa của Phòng: "
            "<b>{fingerprint}</b> — gọi điện cho Phòng để đối chiếu.").format(
            office=about["office"]["name"], parent=about["parent"]["name"],
            fingerprint=about["parent_fingerprint"]))  # fmt: skip
        return about

    def bundle_values(self) -> dict[str, str]:
        return {
            "bundle_path": self.bundle_path.text().strip(),
            "code": self.bundle_code.text().strip(),
            "admin_username": self.bundle_admin.text().strip().lower() or "admin",
            "admin_password": self.bundle_password.text(),
        }

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
        if self.bundle_choice.isChecked():
            return Choice.BUNDLE
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
        problem = {Choice.OFFICE: self._office_problem, Choice.BUNDLE: self._bundle_problem,
                   Choice.DEMO: lambda: ""}[self.choice]()  # fmt: skip
        if problem:
            QMessageBox.warning(self, self.windowTitle(), problem)
            return
        self.accept()

    def _bundle_problem(self) -> str:
        if not self.bundle_path.text().strip():
            return self.tr("Hãy chọn tệp gói khởi tạo (.edusync) mà Phòng GD&ĐT đã gửi.")
        if self.describe_bundle() is None:
            return self.bundle_about.text().replace("<span style='color:#b00020'>", "").replace("</span>", "")
        return self._password_problem(self.bundle_values(), self.bundle_password, self.bundle_password2) \
            or self._code_problem()

    def _code_problem(self) -> str:
        """A wrong code is said here and the dialog stays: nothing is written, the bundle is kept."""
        try:
            check_setup_code(Path(self.bundle_path.text().strip()), self.bundle_code.text())
        except EduDeskError as exc:
            self.bundle_code.setFocus()
            self.bundle_code.selectAll()
            return message_of(exc)
        return ""

    def _office_problem(self) -> str:
        values = self.office_values()
        if not values["code"] or not values["name"]:
            return self.tr("Cần nhập mã và tên đơn vị.")
        return self._password_problem(values, self.password, self.password2)

    def _password_problem(self, values: dict, first: QLineEdit, second: QLineEdit) -> str:
        """The admin password typed twice, and the account rules it must meet."""
        if first.text() != second.text():
            return self.tr("Hai lần nhập mật khẩu không khớp.")
        try:
            check_password_rules(values["admin_password"], values["admin_username"])
        except EduDeskError as exc:
            return message_of(exc)
        return ""
