"""In ấn & xuất: every kind previews on the demo; PDF and Word are saved; printing sends every page."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from services.printing.kinds import KINDS
from ui.pages.printing import PrintingPage


@pytest.fixture
def page(ctx, qtbot) -> PrintingPage:
    p = PrintingPage(ctx)
    qtbot.addWidget(p)
    return p


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_previews(page: PrintingPage, kind: str) -> None:
    page.kinds.setCurrentRow(list(KINDS).index(kind))
    job = page.preview()
    assert job.wait(120_000) and job.ok, job.error
    assert page.pdf.pageCount() >= 1
    assert "trang" in page.status.text()


def test_header_fields_reach_the_pdf(page: PrintingPage, tmp_path: Path) -> None:
    page.kinds.setCurrentRow(list(KINDS).index("progress"))
    page.number.setText("123")
    page.signer.setText("Nguyễn Văn Ký Thử")
    target = tmp_path / "tien-do.pdf"
    assert page.save(".pdf", str(target)).wait(120_000)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True).stdout
    assert "Nguyễn Văn Ký Thử" in text
    assert "123/" in text


def test_word_is_saved(page: PrintingPage, tmp_path: Path) -> None:
    from docx import Document

    page.kinds.setCurrentRow(list(KINDS).index("assignments"))
    target = tmp_path / "phan-cong.docx"
    assert page.save(".docx", str(target)).wait(120_000)
    word = Document(str(target))
    cells = " ".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "PHÂN CÔNG" in " ".join(p.text for p in word.paragraphs).upper()


def test_printing_sends_every_previewed_page(page: PrintingPage, tmp_path: Path) -> None:
    page.kinds.setCurrentRow(0)
    assert page.preview().wait(120_000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.print_to(printer) == page.pdf.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 0


def type_text(widget, text: str) -> None:
    """Key presses carrying Vietnamese letters (QTest's keyClicks takes ASCII only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def test_clerk_edits_the_header_before_printing(page: PrintingPage, qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    page.kinds.setCurrentRow(list(KINDS).index("progress"))
    type_text(page.subject, "Tiến độ thực hiện nhiệm vụ học kỳ I")
    type_text(page.place, "Phước Thạnh")
    page.authority.setCurrentIndex(0)
    qtbot.keyClick(page.authority, Qt.Key.Key_Down)  # TM.
    qtbot.keyClick(page.authority, Qt.Key.Key_Down)  # KT.
    assert page.authority.currentData() == "KT."
    type_text(page.signer_title, "Phó Trưởng phòng")
    type_text(page.signer, "Lê Văn Bình")
    target = tmp_path / "tien-do.pdf"
    assert page.save(".pdf", str(target)).wait(120_000)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Tiến độ thực hiện nhiệm vụ học kỳ I" in lines
    joined = " ".join(lines)
    assert "Phước Thạnh, ngày" in joined
    assert "KT. TRƯỞNG PHÒNG" in joined and "PHÓ TRƯỞNG PHÒNG" in joined and "Lê Văn Bình" in joined
    assert "Như trên" not in joined  # no Kính gửi above it
