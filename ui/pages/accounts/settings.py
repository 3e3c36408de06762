"""Office settings: the fields of every printed document, and the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.accounts.office import (
    PrintSettings,
    get_language,
    get_print_settings,
    set_language,
    update_print_settings,
)
from services.accounts.permissions import Action
from ui.context import AppContext
from ui.i18n import LANGUAGES, tr_label
from ui.slots import on_click
from ui.writes import run_write

_FIELDS = (
    ("parent_body", "Cơ quan chủ quản:"),
    ("issuing_body", "Cơ quan ban hành:"),
    ("abbreviation", "Chữ viết tắt (ký hiệu văn bản):"),
    ("place", "Địa danh (dòng ngày tháng):"),
    ("signer_authority", "Thẩm quyền ký (TM., KT., …):"),
    ("signer_title", "Chức vụ người ký:"),
    ("signer_name", "Họ tên người ký:"),
)


class SettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = ctx.can(Action.EDIT_SETTINGS)
        self.fields = {name: QLineEdit(self) for name, _label in _FIELDS}
        self.recipients = QPlainTextEdit(self)
        self.recipients.setPlaceholderText(self.tr("Mỗi dòng một nơi nhận, ví dụ: Như trên;"))
        self.recipients.setMaximumHeight(110)
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        form = QFormLayout()
        for name, label in _FIELDS:
            form.addRow(tr_label(label), self.fields[name])
            self.fields[name].setReadOnly(not self.editable)
        form.addRow(self.tr("Nơi nhận mặc định:"), self.recipients)
        form.addRow(self.tr("Ngôn ngữ giao diện:"), self.language)
        self.recipients.setReadOnly(not self.editable)
        self.save_button = QPushButton(self.tr("Lưu thiết lập"), self)
        self.save_button.setEnabled(self.editable)
        on_click(self.save_button, self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Các thông tin này được dùng làm mặc định khi in văn bản."), self))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        settings = get_print_settings(self.ctx.db)
        for name, field in self.fields.items():
            field.setText(getattr(settings, name))
        self.recipients.setPlainText("\n".join(settings.recipients))
        self.language.setCurrentIndex(max(self.language.findData(get_language(self.ctx.db)), 0))

    def values(self) -> PrintSettings:
        lines = self.recipients.toPlainText().splitlines()
        return PrintSettings(
            **{name: field.text().strip() for name, field in self.fields.items()}, recipients=lines
        )

    def save(self) -> None:
        language_changed = self.language.currentData() != get_language(self.ctx.db)
        values, language = self.values(), self.language.currentData()

        def write() -> None:
            update_print_settings(self.ctx.db, self.ctx.actor, values)
            set_language(self.ctx.db, self.ctx.actor, language)

        def saved(_result: None) -> None:
            note = self.tr("Đã lưu thiết lập.")
            if language_changed:
                note += " " + self.tr("Ngôn ngữ mới có hiệu lực khi mở lại EduDesk.")
            QMessageBox.information(self, self.tr("Thiết lập"), note)

        self.last_write = run_write(self, self.ctx, self.tr("Thiết lập"), write, saved)
