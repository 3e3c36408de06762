"""Quản trị: accounts, the audit trail, office settings, backups and the data check.

Each tab is shown only to the roles that may use it; the services check again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from services.accounts.permissions import Action
from ui.context import AppContext
from ui.pages import EVERYTHING
from ui.pages.accounts.audit import AuditTab
from ui.pages.accounts.settings import SettingsTab
from ui.pages.accounts.users import UsersTab
from ui.pages.operations import BackupTab


class AdminPage(QWidget):
    SHOWS = EVERYTHING  # its audit log has a line for every write
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget(self)
        if ctx.can(Action.MANAGE_USERS):
            self.tabs.addTab(UsersTab(ctx, self.tabs), self.tr("Tài khoản"))
        if ctx.can(Action.VIEW_AUDIT):
            self.tabs.addTab(AuditTab(ctx, self.tabs), self.tr("Nhật ký thao tác"))
        self.tabs.addTab(SettingsTab(ctx, self.tabs), self.tr("Thiết lập"))
        if ctx.can(Action.BACKUP):
            self.tabs.addTab(BackupTab(ctx, self.tabs), self.tr("Sao lưu và kiểm tra"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>" + self.tr("Quản trị") + "</h3>", self))
        layout.addWidget(self.tabs, 1)

    def tab(self, title: str) -> QWidget | None:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == title:
                return self.tabs.widget(index)
        return None

    def refresh(self) -> None:
        for index in range(self.tabs.count()):
            self.tabs.widget(index).refresh()
