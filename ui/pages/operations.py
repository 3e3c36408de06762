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
    QInputDialog,
    QLabel,
    QLineEdit,
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
    PASSPHRASE_MIN,
    RESTORED_KEY_LABELS,
    RestoreOutcome,
    backup_to,
    backups_folder,
    external_backup_age,
    list_backups,
    needs_external_backup,
    restore_office,
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
        for item in list_backups(backups_folder(self.ctx.db)):  # newest first
            size = format_number(round(item.size / 1024))
            self.automatic.addItem(f"{format_date(item.modified.date())} {item.modified:%H:%M}  "
                                   f"{item.path.name}  ({size} KB)")  # fmt: skip

    def _reminder(self) -> None:
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
        on_server = not self.ctx.db.is_sqlite
        if not path:
            suffix = "edudesk" if on_server else "sqlite"
            name = f"edudesk-{self.ctx.office.code}-{dt.date.today():%Y%m%d}.{suffix}"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Sao lưu"), str(Path.home() / name),
                                                  self.tr("Bản sao lưu EduDesk (*.{suffix})").format(suffix=suffix))  # fmt: skip
            if not path:
                return
        target = Path(path)
        # a server office's key is sealed inside its database already; a file office's is sealed here
        go_on, passphrase = (True, None) if on_server else self._backup_passphrase()
        if not go_on:
            return

        def done(verified: Any) -> None:
            text = self.tr("Đã sao lưu và kiểm tra: {path}").format(path=verified.path)
            if verified.key_note:
                text += "\n\n" + tr_label(verified.key_note)
            QMessageBox.information(self, self.tr("Sao lưu"), text)

        self.last_job = run_job(self, self.ctx, self.tr("Sao lưu"),
                                lambda _p: backup_to(self.ctx.db, self.ctx.actor, target, passphrase=passphrase),
                                done, changes={"settings"})  # fmt: skip

    def _backup_passphrase(self) -> tuple[bool, str | None]:
        """(go on?, passphrase): the office key goes into the backup sealed with it; none leaves it out."""
        title = self.tr("Mật khẩu sao lưu")
        first, ok = QInputDialog.getText(self, title, self.tr(
            "Mật khẩu sao lưu (ít nhất {n} ký tự): khóa đồng bộ của đơn vị được đưa vào bản sao lưu, mã hóa "
            "bằng mật khẩu này.\nĐể trống: bản sao lưu không có khóa (khôi phục ở máy mới thì phải tạo khóa "
            "mới và gửi cho các đơn vị kết nối).").format(n=PASSPHRASE_MIN), QLineEdit.EchoMode.Password)  # fmt: skip
        if not ok:
            return False, None
        if not first:
            question = self.tr("Sao lưu không kèm khóa đồng bộ của đơn vị?")
            return QMessageBox.question(self, title, question) == QMessageBox.StandardButton.Yes, None
        again, ok = QInputDialog.getText(self, title, self.tr("Nhập lại mật khẩu sao lưu:"),
                                         QLineEdit.EchoMode.Password)  # fmt: skip
        if not ok:
            return False, None
        if again != first:
            QMessageBox.warning(self, title, self.tr("Hai lần nhập mật khẩu không khớp; chưa sao lưu gì."))
            return False, None
        return True, first

    def _restore_passphrase(self) -> str | None:
        typed, ok = QInputDialog.getText(self, self.tr("Mật khẩu sao lưu"), self.tr(
            "Bản sao lưu có khóa đồng bộ của đơn vị. Mật khẩu sao lưu để lấy lại khóa\n"
            "(để trống: không lấy khóa, giữ khóa đang có trên máy):"), QLineEdit.EchoMode.Password)  # fmt: skip
        return typed if ok and typed else None

    def restore(self, path: str | None = None, *, confirm: bool = True) -> bool:
        """True when the copy replaced the database (the application then closes)."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn bản sao lưu"), str(Path.home()),
                                                  self.tr("Bản sao lưu EduDesk (*.sqlite *.db *.edudesk);;Mọi tệp (*)"))  # fmt: skip
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
        ok, outcome = refusal_shown(self, self.tr("Khôi phục"), lambda: restore_office(
            self.ctx.db.url, Path(path), self.ctx.actor, passphrase=self._restore_passphrase, key_optional=True))  # fmt: skip
        if not ok or outcome is None:
            return False
        QMessageBox.information(self, self.tr("Khôi phục"), self.restored_text(outcome))
        window = self.window()
        window.backup_on_close = False  # the closing copy would be of the restored data
        window.close()
        QApplication.instance().quit()
        return True

    def restored_text(self, outcome: RestoreOutcome) -> str:
        lines = [self.tr("Đã khôi phục. Dữ liệu cũ được giữ tại: {kept}").format(kept=outcome.kept or "—")]
        if outcome.key in RESTORED_KEY_LABELS:
            lines.append(tr_label(RESTORED_KEY_LABELS[outcome.key]))
        if outcome.dropped:
            lines.append(self.tr("Đã xóa {n} cơ sở dữ liệu cũ hơn do các lần khôi phục trước để lại: {names}.")
                         .format(n=len(outcome.dropped), names=", ".join(outcome.dropped)))  # fmt: skip
        lines.append(self.tr("Hãy mở lại EduDesk."))
        return "\n".join(lines)

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
