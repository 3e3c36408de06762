"""Human words: English all through in English mode, Qt's own dialogs in the UI language, conflicts and the
audit trail by name and label, with local times."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QTabBar, QTabWidget

from models.errors import ValidationError
from tests.gui.fixtures import login
from ui.i18n import install_language, message_of
from ui.main_window import MainWindow
from ui.pages import PAGES

from .screen_text import data_values, still_vietnamese

ROOT = Path(__file__).resolve().parents[2]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


@pytest.fixture
def english(qapp):
    assert install_language(qapp, "en")
    yield
    install_language(qapp, "vi")


def _click_every_page_and_tab(window: MainWindow, qtbot, seen: list[tuple[str, str, str]], data) -> None:
    for n, spec in enumerate(PAGES):
        rect = window.nav.visualItemRect(window.nav.item(n))
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        page = window.page(n)
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()] or [None]
        for t in tabs:
            for i in range(t.count() if t else 1):
                if t is not None:
                    bar = t.findChild(QTabBar)
                    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
                seen += [(spec.key, where, text) for where, text in still_vietnamese(window, data)]


@pytest.mark.parametrize("username", ["admin", "th001"])
def test_no_vietnamese_left_on_screen_in_english(demo_db, english, qtbot, username: str) -> None:
    window = MainWindow(login(demo_db, username), idle_minutes=0)
    window.backup_on_close = False
    qtbot.addWidget(window)
    window.show()
    seen: list[tuple[str, str, str]] = []
    _click_every_page_and_tab(window, qtbot, seen, data_values(demo_db))
    left = sorted(set(seen))
    print(f"Vietnamese texts left on screen in English mode ({username}): {len(left)}")
    assert left == [], left[:20]


def test_the_check_sees_what_is_left_vietnamese(demo_db, english, qtbot) -> None:
    """The counter can fail: a label nobody translated is found."""
    from PySide6.QtWidgets import QLabel

    window = MainWindow(login(demo_db), idle_minutes=0)
    window.backup_on_close = False
    qtbot.addWidget(window)
    window.show()
    window.statusBar().addWidget(QLabel("Chưa dịch câu này", window))
    assert ("QLabel", "Chưa dịch câu này") in still_vietnamese(window, data_values(demo_db))


def test_qt_standard_buttons_follow_the_language(qapp) -> None:
    def yes_no() -> tuple[str, str]:
        box = QMessageBox(QMessageBox.Icon.Question, "t", "q",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)  # fmt: skip
        texts = (box.button(QMessageBox.StandardButton.Yes).text(), box.button(QMessageBox.StandardButton.No).text())
        box.deleteLater()
        return texts

    install_language(qapp, "vi")
    assert yes_no() == ("&Có", "&Không")
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "Tên &tệp:"
    install_language(qapp, "en")
    try:
        assert yes_no() == ("&Yes", "&No")
    finally:
        install_language(qapp, "vi")


def test_service_messages_follow_the_language(qapp) -> None:
    refusal = ValidationError("Cần tên đơn vị.", "A unit name is required.", "name")
    assert message_of(refusal) == "name: Cần tên đơn vị."
    install_language(qapp, "en")
    try:
        assert message_of(refusal) == "name: A unit name is required."
    finally:
        install_language(qapp, "vi")


def test_conflicts_are_shown_by_task_school_and_field_label(window, qtbot) -> None:
    page = window.show_page_key("sync")
    assert page.conflict_table.rowCount() > 0, "the demo has conflicts"
    page.conflict_table.setCurrentCell(0, 0)
    row = [page.conflict_table.item(0, c).text() for c in range(page.conflict_table.columnCount())]
    assert row[0] == "Giao việc" and "Trường" in row[1] and not UUID.search(" ".join(row))
    sides = [[page.sides.item(r, c).text() for c in range(3)] for r in range(page.sides.rowCount())]
    labels = [s[0] for s in sides]
    assert "Ghi chú" in labels and "Đơn vị" in labels and not any("_" in label for label in labels)
    assert not any(UUID.search(t) or t.startswith(('"', "{")) for s in sides for t in s)
    assert any(re.fullmatch(r"\d\d/\d\d/\d{4}", t) for s in sides for t in s[1:]), "dates as dd/mm/yyyy"


def test_the_audit_trail_speaks_vietnamese_with_local_times(window, qtbot) -> None:
    page = window.show_page_key("admin")
    audit = page.tab("Nhật ký thao tác") if hasattr(page, "tab") else None
    if audit is None:
        from ui.pages.accounts.audit import AuditTab

        audit = page.findChild(AuditTab)
    model = audit.table.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Thời điểm" in headers and not any("UTC" in h for h in headers)
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    entities = {r[headers.index("Loại dữ liệu")] for r in rows}
    assert "Đơn vị" in entities and "org_units" not in entities
    changes = [r[headers.index("Thay đổi")] for r in rows if r[headers.index("Thay đổi")]]
    assert changes and not any("{" in c or UUID.search(c) for c in changes)


def test_no_tr_call_hides_inside_an_f_string() -> None:
    """lupdate does not read f-strings: a tr() there is never translated."""
    hidden = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "tr":
                        hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == []


def test_the_data_check_speaks_vietnamese(ctx, qtbot) -> None:
    from ui.pages.operations import BackupTab

    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    assert tab.last_job.wait()
    text = tab.report.toPlainText()
    assert "Số minh chứng: " in text and "Kiểm tra toàn vẹn tệp dữ liệu: đạt" in text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), "no figure is named by its code"
