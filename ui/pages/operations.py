"""Backups and the data check: copy to a USB stick, restore a verified copy, check everything.

Restoring replaces the open database, so it is confirmed twice (what the copy is, and
that the current data is kept aside), and EduDesk closes afterwards to reopen cleanly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.accounts.permissions import Action
from services.core.vietnamese import format_date, format_number
from services.operations.backup import (
    backup_to,
    backups_folder,
    external_backup_age,
    list_backups,
    needs_external_backup,
    restore,
    verify_backup,
)
from services.operations.integrity import FIGURE_LABELS, CheckReport, check_database
from ui.context import AppContext
from ui.flow import FlowLayout
from ui.gates import gate
from ui.i18n import tr_label
from ui.jobs import run_job
from ui.slots import on_click
from ui.writes import refusal_shown


class BackupTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reminder = QLabel(self)
        self.reminder.setWordWrap(True)
        self.automatic = QListWidget(self)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(self.tr("Kết quả kiểm tra dữ liệu hiện ở đây."))
        buttons = FlowLayout()
        self.backup_button = self._button(buttons, self.tr("Sao lưu ra USB / thư mục…"), self.backup)
        self.restore_button = self._button(buttons, self.tr("Khôi phục từ bản sao lưu…"), self.restore)
        self.check_button = self._button(buttons, self.tr("Kiểm tra dữ liệu"), self.check)
        gate(self.restore_button, ctx, Action.RESTORE)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reminder)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Bản sao lưu tự động (khi đóng chương trình, trước khi nâng cấp "
                                        "và trước khi nhận gói đồng bộ):"), self))  # fmt: skip
        layout.addWidget(self.automatic, 1)
        layout.addWidget(self.report, 1)
        self.last_job: Any = None
        self.refresh()

    def _button(self, row: QHBoxLayout, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        on_click(button, slot)
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        self._reminder()
        self.automatic.clear()
        if self.ctx.db.path is None:
            return
        for item in reversed(list_backups(backups_folder(self.ctx.db))):
            size = format_number(round(item.size / 1024))
            self.automatic.addItem(f"{format_date(item.modified.date())} {item.modified:%H:%M}  "
                                   f"{item.path.name}  ({size} KB)")  # fmt: skip

    def _reminder(self) -> None:
        if self.ctx.db.path is None:
            self.reminder.setText(self.tr("Cơ sở dữ liệu máy chủ: hãy sao lưu bằng công cụ của máy chủ."))
            self.backup_button.setEnabled(False)
            return
        age = external_backup_age(self.ctx.db)
        if needs_external_backup(self.ctx.db):
            text = (
                self.tr("Chưa từng sao lưu ra thiết bị ngoài.")
                if age is None
                else self.tr("Lần sao lưu ra thiết bị ngoài gần nhất cách đây {days} ngày.").format(
                    days=age.days
                )
            )
            today = self.tr("Hãy sao lưu ra USB ngay hôm nay.")
            self.reminder.setText(f"<b style='color:#b00020'>⚠ {text} {today}</b>")
        else:
            self.reminder.setText(
                self.tr("Đã sao lưu ra thiết bị ngoài {days} ngày trước.").format(days=age.days)
            )

    # --- actions ---------------------------------------------------------------------

    def backup(self, path: str | None = None) -> None:
        if not path:
            name = f"edudesk-{self.ctx.office.code}-{dt.date.today():%Y%m%d}.sqlite"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Sao lưu"), str(Path.home() / name),
                                                  self.tr("Cơ sở dữ liệu EduDesk (*.sqlite)"))  # fmt: skip
            if not path:
                return
        target = Path(path)

        def done(verified: Any) -> None:
            QMessageBox.information(self, self.tr("Sao lưu"),
                                    self.tr("Đã sao lưu và kiểm tra: {path}").format(path=verified.path))  # fmt: skip

        self.last_job = run_job(self, self.ctx, self.tr("Sao lưu"),
                                lambda _p: backup_to(self.ctx.db, self.ctx.actor, target), done,
                                changes={"settings"})  # fmt: skip

    def restore(self, path: str | None = None, *, confirm: bool = True) -> bool:
        """True when the copy replaced the database (the application then closes)."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn bản sao lưu"), str(Path.home()),
                                                  self.tr("Cơ sở dữ liệu EduDesk (*.sqlite *.db);;Mọi tệp (*)"))  # fmt: skip
            if not path:
                return False
        ok, verified = refusal_shown(self, self.tr("Khôi phục"), lambda: verify_backup(Path(path)))
        if not ok:
            return False
        question = self.tr(
            "Bản sao lưu của {office} ({code}) đã được kiểm tra.\n\nKhôi phục sẽ thay toàn bộ dữ liệu hiện tại; "
            "dữ liệu hiện tại được giữ lại thành một tệp bên cạnh. EduDesk sẽ đóng sau khi khôi phục. Tiếp tục?"
        ).format(office=verified.office_name, code=verified.office_code)
        if (
            confirm
            and QMessageBox.question(self, self.tr("Khôi phục"), question) != QMessageBox.StandardButton.Yes
        ):
            return False
        self.ctx.db.dispose()
        _verified, kept = restore(self.ctx.db.url, Path(path), self.ctx.actor)  # a file or a server
        QMessageBox.information(self, self.tr("Khôi phục"),
                                self.tr("Đã khôi phục. Dữ liệu cũ được giữ tại: {kept}\nHãy mở lại EduDesk.")
                                .format(kept=kept or "—"))  # fmt: skip
        window = self.window()
        window.backup_on_close = False  # the closing copy would be of the restored data
        window.close()
        QApplication.instance().quit()
        return True

    def check(self) -> None:
        self.last_job = run_job(self, self.ctx, self.tr("Kiểm tra dữ liệu"),
                                lambda _p: check_database(self.ctx.db), self._show_check)  # fmt: skip

    def _show_check(self, report: CheckReport) -> None:
        lines = [
            self.tr("Kết quả: dữ liệu toàn vẹn.") if report.ok else self.tr("Kết quả: PHÁT HIỆN VẤN ĐỀ.")
        ]
        lines += [f"✗ {p}" for p in report.problems] + [f"! {w}" for w in report.warnings]
        ok = self.tr("đạt")
        lines += [f"{tr_label(FIGURE_LABELS.get(key, key))}: {ok if value == 'ok' else format_number(value)}"
                  for key, value in report.figures.items()]  # fmt: skip
        self.report.setPlainText("\n".join(lines))
