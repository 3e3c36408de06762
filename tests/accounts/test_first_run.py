"""A new school starts from the GUI: the first-run dialog opens the setup bundle the district sent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QInputDialog, QPushButton

from models.db import open_database
from services.accounts.office import office_info
from services.accounts.permissions import SYSTEM
from services.sync.setup import create_setup_bundle
from ui.app import first_run
from ui.dialogs.accounts.first_run import FirstRunDialog


def _fill_and_start(qtbot, password: str, again: str, seen: list[str], code: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, FirstRunDialog)
    qtbot.mouseClick(dialog.bundle_choice, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget().isAncestorOf(dialog.bundle_path)
    browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Chọn tệp…")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    seen.append(dialog.bundle_about.text())
    for field, text in ((dialog.bundle_password, password), (dialog.bundle_password2, again),
                        (dialog.bundle_code, code)):  # fmt: skip
        field.clear()
        qtbot.keyClicks(field, text)
    start = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)


def test_the_district_is_told_what_to_do_with_a_setup_bundle(window, qtbot, boxes, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("TH001", True)))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))
    page = window.show_page_key("sync")
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "Tạo gói khởi tạo cho trường…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes.texts("information")), timeout=20_000)
    text = boxes.texts("information")[-1]
    assert (tmp_path / "khoi-tao-TH001.edusync").exists()
    assert "USB" in text and "«Mở gói khởi tạo từ Phòng GD&ĐT»" in text and "dấu vân tay" in text
    code = text.split("Mã khởi tạo: ")[1].split()[0]  # shown once, to be read to the school by phone
    assert len(code) == 19 and code.count("-") == 3


def test_a_school_is_created_from_its_setup_bundle(demo_db, qtbot, boxes, monkeypatch, tmp_path) -> None:
    bundle = tmp_path / "khoi-tao-TH001.edusync"
    secret = create_setup_bundle(demo_db, SYSTEM, "TH001", bundle).code
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bundle), "")))
    target = str(tmp_path / "school" / "th001.sqlite")
    seen: list[str] = []
    # first a mistyped password: the dialog says so and stays; then a wrong code; then the right ones
    QTimer.singleShot(100, lambda: _fill_and_start(qtbot, "Mat-khau-2026", "Mat-khau-2027", seen, secret))

    def retype(code: str) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, FirstRunDialog):
            for field, text in ((dialog.bundle_password, "Mat-khau-2026"), (dialog.bundle_password2, "Mat-khau-2026"),
                                (dialog.bundle_code, code)):  # fmt: skip
                field.clear()
                qtbot.keyClicks(field, text)
            start = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(start, Qt.MouseButton.LeftButton)

    def wrong_code_then_right() -> None:
        retype("AAAA-BBBB-CCCC-DDDD")
        assert any("Mã khởi tạo không đúng" in t for t in boxes.texts("warning"))
        assert not Path(target).exists()  # nothing written, the bundle still usable
        QTimer.singleShot(300, lambda: retype(secret.lower()))

    QTimer.singleShot(600, wrong_code_then_right)
    assert first_run(target) is True
    assert "Trường Tiểu học" in seen[0] and "Dấu vân tay" in seen[0]
    assert any("không khớp" in t for t in boxes.texts("warning"))
    assert any("đối chiếu dấu vân tay" in t for t in boxes.texts("information"))
    db = open_database(target)
    try:
        assert office_info(db).code == "TH001"
    finally:
        db.dispose()
