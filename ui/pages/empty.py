"""The honest empty state of a page that a later version fills."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.pages import PageSpec


class EmptyPage(QWidget):
    SHOWS: frozenset[str] = frozenset()
    def __init__(self, ctx: AppContext, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.spec = ctx, spec
        title = QLabel(f"<h2>{QCoreApplication.translate('pages', spec.title)}</h2>", self)
        purpose = QLabel(QCoreApplication.translate("pages", spec.purpose), self)
        note = QLabel(self.tr("Trang này chưa có trong phiên bản này của EduDesk."), self)
        for label in (title, purpose, note):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(purpose)
        layout.addWidget(note)
        layout.addStretch(2)

    def refresh(self) -> None:
        """Nothing to show yet."""
