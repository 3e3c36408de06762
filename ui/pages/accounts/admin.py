"""Quản trị: accounts, the audit trail, office settings, backups and the data check.

Each tab is shown only to the roles that may use it; the services check again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from services.accounts.permissions import Action
from ui.context import AppContext
from ui.pages import EVERYTHING
from ui.pages.accounts.audit import AuditTab
from ui.pages.accounts.settings import SettingsTab
from ui.pages.accounts.users import UsersTab
from ui.pages.operations import BackupTab
from ui.widgets import LazyTab


class AdminPage(QWidget):
    """The tabs are built the first time they are shown (``LazyTab``), like the plans page's: the
    audit trail of a district is not read before someone opens it."""

    SHOWS = EVERYTHING  # its audit log has a line for every write
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget(self)
        if ctx.can(Action.MANAGE_USERS):
            self._add(self.tr("Tài khoản"), lambda: UsersTab(ctx, self.tabs))
        if ctx.can(Action.VIEW_AUDIT):
            self._add(self.tr("Nhật ký thao tác"), lambda: AuditTab(ctx, self.tabs))
        self._add(self.tr("Thiết lập"), lambda: SettingsTab(ctx, self.tabs))
        if ctx.can(Action.BACKUP):
            self._add(self.tr("Sao lưu và kiểm tra"), lambda: BackupTab(ctx, self.tabs))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>" + self.tr("Quản trị") + "</h3>", self))
        layout.addWidget(self.tabs, 1)
        self.tab(self.tabs.tabText(0))  # the first tab is built now; the others when they are opened

    def _add(self, title: str, build: Callable[[], QWidget]) -> None:
        self.tabs.addTab(LazyTab(build, self.tabs), title)

    def tab(self, title: str) -> Any:
        """The tab called ``title``, built if it was not yet; None if this person has none."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == title:
                place = self.tabs.widget(index)
                return place.built() if isinstance(place, LazyTab) else place
        return None

    def refresh(self) -> None:
        """The tabs built so far read again; one not yet built reads when it is opened."""
        for index in range(self.tabs.count()):
            place = self.tabs.widget(index)
            if isinstance(place, LazyTab) and place.widget is not None:
                place.widget.refresh()  # type: ignore[attr-defined]
