"""The clerk's whole loop in the window, from an empty PC to a printed synthesis.

A district is created from the first-run dialog, its schools come from the Excel template, a plan
is imported and reviewed, a task is assigned and rounds are made from the plan's deadlines; a
school starts from the setup bundle, logs progress with evidence and sends its report; the district
returns it with a comment, the school corrects and resends it, the district accepts it and prints
the synthesis. Every step is a click on the real window; only the operating system's file choosers
and Qt's static input boxes are answered by patching. ``EDUDESK_LOOP_SHOTS=DIR`` keeps a screenshot
of each step.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QInputDialog, QLineEdit, QWidget

from models.db import Database, open_database
from models.enums import ShownStatus, UnitKind
from services.accounts.office import office_info
from services.core.paging import PageRequest
from services.plans.progress import evidence_path, history
from services.plans.task_lists import DocumentQuery
from services.reporting.views import review_grid, rounds
from ui.app import first_run
from ui.dialogs.accounts.login import LoginDialog
from ui.main_window import MainWindow
from ui.pages.reporting.form import _PLACE

from .driving import (
    Shots,
    answer_next_modal,
    click,
    click_row,
    go_to,
    open_tab,
    type_text,
    view_showing,
)

pytestmark = pytest.mark.gui

PLAN = next(Path(__file__).resolve().parents[3].glob("shared/samples/plans/000_*.txt"), None)
PASSWORD = "Vong-lap-2026"
SCHOOL = ("TH-AN-PHU", "Trường Tiểu học An Phú", "TH")
OTHER = ("THCS-BINH-MY", "Trường THCS Bình Mỹ", "THCS")


class Files:
    """What the clerk picks in the operating system's file choosers, one answer per question."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open: list[str] = []
        self.many: list[list[str]] = []
        self.save: list[str] = []
        self.folder: list[str] = []
        self.text: list[str] = []
        self.item: list[str] = []
        take = self._take
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (take(self.open), "")))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (take(self.many), "")))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (take(self.save), "")))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: take(self.folder)))
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (take(self.text), True)))
        monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: (take(self.text), True)))
        monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (take(self.item), True)))

    @staticmethod
    def _take(queue: list) -> Any:
        assert queue, "a file or input dialog opened that the test did not expect"
        return queue.pop(0)


def _type(qtbot: Any, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    type_text(field, text)
    assert field.text() == text, f"typed «{text}», the field shows «{field.text()}»"


def _fill_office(qtbot: Any) -> Any:
    def fill(dialog: QWidget) -> None:
        kind: QComboBox = dialog.kind
        kind.setCurrentIndex(kind.findData(UnitKind.DISTRICT))
        _type(qtbot, dialog.code, "PGD-THU")
        _type(qtbot, dialog.name, "Phòng Giáo dục và Đào tạo huyện Thủ Đức Mới")
        _type(qtbot, dialog.parent_name, "Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm")
        _type(qtbot, dialog.password, PASSWORD)
        _type(qtbot, dialog.password2, PASSWORD)
        click(qtbot, dialog, "Bắt đầu")

    return fill


def _log_in(db: Database, username: str, qtbot: Any) -> MainWindow:
    dialog = LoginDialog(db, office_info(db))
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.username, username)
    _type(qtbot, dialog.password, PASSWORD)
    click(qtbot, dialog, "Đăng nhập")
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.message.text()
    window = MainWindow(_context(db, dialog.actor), idle_minutes=0)
    window.backup_on_close = False
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _context(db: Database, actor: Any) -> Any:
    from ui.context import AppContext

    return AppContext(db, actor, office_info(db))


def _school_list(path: Path) -> Path:
    """The template the district saved, filled in as a clerk does in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    for code, name, level in (SCHOOL, OTHER):
        values = {"Mã đơn vị": code, "Tên đơn vị": name, "Cấp học": level, "Xã/phường": "Xã An Phú",
                  "Hiệu trưởng": "Nguyễn Văn An"}  # fmt: skip
        sheet.append([values.get(str(h).replace("(*)", "").strip()) for h in headers])
    book.save(path)
    return path


@pytest.mark.skipif(PLAN is None, reason="the sample plans of ../shared are not here")
def test_the_clerks_whole_loop(tmp_path: Path, qtbot, qapp, boxes, monkeypatch) -> None:
    files = Files(monkeypatch)
    shots = Shots()
    usb = tmp_path / "usb"
    usb.mkdir()

    # --- the district starts from nothing ------------------------------------------------------
    district_path = tmp_path / "district" / "edudesk.sqlite"
    district_path.parent.mkdir()
    office = answer_next_modal(_fill_office(qtbot))
    created = first_run(str(district_path))
    office.check()
    assert created, boxes.texts()
    district = open_database(str(district_path))
    school: Database | None = None
    try:
        office = _district_start(district, files, shots, tmp_path, qtbot, boxes)
        bundle, code = _setup_bundle(office, files, usb, qtbot, boxes)
        shots(office, "district-setup-bundle")

        # --- the school starts from the district's setup bundle ----------------------------------
        school_path = tmp_path / "school" / "edudesk.sqlite"
        school_path.parent.mkdir()
        started = answer_next_modal(_fill_school(qtbot, bundle, code))
        made = first_run(str(school_path))
        started.check()
        assert made, boxes.texts()
        school = open_database(str(school_path))
        _school_loop(office, school, files, shots, usb, qtbot, boxes)
    finally:
        district.dispose()
        if school is not None:
            school.dispose()


def _district_start(db: Database, files: Files, shots: Shots, tmp: Path, qtbot, boxes) -> MainWindow:
    window = _log_in(db, "admin", qtbot)
    shots(window, "district-overview")

    # the schools, from the Excel template
    units = go_to(window, qtbot, "Đơn vị")
    template = tmp / "danh-sach.xlsx"
    files.save.append(str(template))
    click(qtbot, units, "Tải tệp mẫu Excel…")
    files.open.append(str(_school_list(template)))
    click(qtbot, units, "Nhập danh sách từ Excel…")
    _wait_said(qtbot, boxes, "Đã thêm 2 đơn vị")
    shots(window, "district-units")

    # the plan, imported and reviewed
    plans = go_to(window, qtbot, "Kế hoạch & nhiệm vụ")
    documents = open_tab(qtbot, plans, "Văn bản")
    files.open.append(str(PLAN))
    click(qtbot, documents, "Nhập từ tệp…")
    qtbot.waitUntil(lambda: getattr(documents, "last_review", None) is not None, timeout=30_000)
    review = documents.last_review
    shots(review, "district-plan-review")
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _documents(db, window) == 1, timeout=30_000)

    # one task to the school
    tasks = open_tab(qtbot, plans, "Nhiệm vụ")
    qtbot.waitUntil(lambda: tasks.table.view.model().rowCount() > 0, timeout=10_000)
    table = tasks.table.view
    first = table.model().index(0, 0)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(first).center())

    def pick_school(dialog: QWidget) -> None:
        _type(qtbot, dialog.search, "an phu")
        shown = [dialog.units.item(n) for n in range(dialog.units.count())]
        (item,) = [i for i in shown if SCHOOL[0] in i.text()]  # the commune "Xã An Phú" matches too
        qtbot.mouseClick(dialog.units.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.units.visualItemRect(item).center())  # fmt: skip
        click(qtbot, dialog, "Giao việc")

    opened = answer_next_modal(pick_school)
    click(qtbot, tasks, "Giao việc…")
    opened.check()
    said = _wait_said(qtbot, boxes, "Đã giao")
    assert "Đã giao 1 việc" in said, said
    shots(window, "district-assigned")

    # rounds from the plan's report deadlines
    reports = go_to(window, qtbot, "Báo cáo định kỳ")
    files.item.append(_only_document_label(db, window))
    click(qtbot, reports, "Tạo kỳ từ hạn báo cáo của kế hoạch…")
    said = _wait_said(qtbot, boxes, "kỳ báo cáo cho các trường")
    assert said.startswith("Đã tạo"), said
    assert rounds(db, window.ctx.actor), "the plan's deadlines became rounds"
    shots(window, "district-rounds")
    return window


def _school_loop(district: MainWindow, db: Database, files: Files, shots: Shots, usb: Path, qtbot, boxes) -> None:
    school = _log_in(db, "admin", qtbot)
    shots(school, "school-overview")

    # progress with evidence on the assigned task
    plans = go_to(school, qtbot, "Kế hoạch & nhiệm vụ")
    mine = open_tab(qtbot, plans, "Việc của tôi")
    qtbot.waitUntil(lambda: mine.table.view.model().rowCount() > 0, timeout=10_000)
    shots(school, "school-my-work")
    evidence = usb.parent / "bien-ban-hop-trien-khai.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% bien ban hop trien khai\n%%EOF\n")

    def log_progress(dialog: QWidget) -> None:
        dialog.status.setCurrentIndex(dialog.status.findData("done"))
        assert dialog.percent.value() == 100, "done means 100 %"
        dialog.note.setFocus()
        type_text(dialog.note, "Đã họp triển khai toàn trường ngày 05/10.")
        files.many.append([str(evidence)])
        click(qtbot, dialog, "Thêm tệp minh chứng…")
        assert dialog.files.count() == 1
        shots(dialog, "school-progress-dialog")
        click(qtbot, dialog, "Lưu tiến độ")

    table = mine.table.view
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 0)).center())
    assignment_id = mine.table.current_row()["id"]
    logged = answer_next_modal(log_progress)
    click(qtbot, mine, "Cập nhật tiến độ…")
    logged.check()
    qtbot.waitUntil(lambda: _evidence_of(db, school, assignment_id) == [evidence.name], timeout=10_000)

    # the report of the first round: every problem listed in place, then filled and sent
    reports = go_to(school, qtbot, "Báo cáo định kỳ")
    qtbot.waitUntil(lambda: reports.round_list.count() > 0, timeout=10_000)
    click_row(qtbot, view_showing(reports, SCHOOL[0]), SCHOOL[0])
    click(qtbot, reports, "Mở báo cáo")
    form = reports.form
    assert form is not None and reports.editing()
    click(qtbot, form, "Gửi báo cáo")
    assert form.problems.count() > 0, "an empty form is not sent: what it needs is listed"
    shots(school, "school-report-problems")
    assert _fill_what_is_asked(form, qtbot) > 3, "the clerk typed the missing cells"
    assert form.problems.count() == 0, [form.problems.item(n).text() for n in range(form.problems.count())]
    click(qtbot, form, "Gửi báo cáo")
    _wait_sent(qtbot, form)
    shots(school, "school-report-sent")
    _carry(school, district, files, usb, qtbot, boxes)
    assert _evidence_of(district.ctx.db, district, assignment_id) == [evidence.name], "the evidence travelled"
    (update,) = history(district.ctx.db, district.ctx.actor, assignment_id)
    assert (update.percent, update.status.value) == (100, "done")
    assert evidence_path(district.ctx.db, district.ctx.actor, update.files[0].id).read_bytes() == evidence.read_bytes()

    # the district returns it with a comment
    comment = "Đề nghị bổ sung số liệu học sinh khuyết tật học hòa nhập."
    _decide(district, "Trả lại…", files, comment, qtbot, boxes)
    shots(district, "district-returned")
    _carry(district, school, files, usb, qtbot, boxes)

    # the school reads the comment on the form it left open, corrects and sends again
    reports = go_to(school, qtbot, "Báo cáo định kỳ")
    assert reports.editing() and reports.form is form, "the open form stays on screen"
    assert comment in form.heading.text(), form.heading.text()
    assert form.editable, "a returned report can be corrected"
    shots(school, "school-returned-form")
    narrative = next(iter(form.narratives.values()))
    narrative.setFocus()
    narrative.moveCursor(narrative.textCursor().MoveOperation.End)
    type_text(narrative, " Có 3 học sinh khuyết tật học hòa nhập.")
    click(qtbot, form, "Gửi báo cáo")
    _wait_sent(qtbot, form)
    _carry(school, district, files, usb, qtbot, boxes)

    # accepted at the district, and the school sees it
    _decide(district, "Duyệt", files, None, qtbot, boxes)
    _carry(district, school, files, usb, qtbot, boxes)
    round_id = reports.current_round()
    (mine,) = [r for r in review_grid(db, school.ctx.actor, round_id, dt.date.today()) if r.unit_code == SCHOOL[0]]
    assert mine.status == ShownStatus.ACCEPTED, mine.status
    reports = go_to(school, qtbot, "Báo cáo định kỳ")
    shots(school, "school-accepted")

    # the synthesis the head of the district signs
    _print_synthesis(district, files, usb, qtbot)


def _documents(db: Database, window: MainWindow) -> int:
    return DocumentQuery(db, window.ctx.actor).count(PageRequest())


def _only_document_label(db: Database, window: MainWindow) -> str:
    (row,) = DocumentQuery(db, window.ctx.actor).fetch(PageRequest(limit=5))
    return f"{row.get('reference') or ''} {row.get('title') or ''}".strip()[:100]


def _wait_said(qtbot: Any, boxes: Any, text: str, timeout: int = 30_000) -> str:
    """Wait for a message box saying ``text``; on a timeout, say what the boxes said instead."""
    try:
        qtbot.waitUntil(lambda: any(text in t for t in boxes.texts()), timeout=timeout)
    except Exception as exc:
        raise AssertionError(f"no message «{text}»; the boxes said: {boxes.texts()}") from exc
    return next(t for t in boxes.texts() if text in t)


def _setup_bundle(window: MainWindow, files: Files, usb: Path, qtbot, boxes) -> tuple[Path, str]:
    sync = go_to(window, qtbot, "Đồng bộ")
    files.text.append(SCHOOL[0])
    files.folder.append(str(usb))
    click(qtbot, sync, "Tạo gói khởi tạo cho trường…")
    said = _wait_said(qtbot, boxes, "Đã ghi gói khởi tạo")
    (bundle,) = usb.glob(f"khoi-tao-{SCHOOL[0]}*.edusync")
    code = re.search(r"[A-Z0-9]{4}(?:-[A-Z0-9]{4}){2,}", said)
    return bundle, code.group(0) if code else ""


def _fill_school(qtbot: Any, bundle: Path, code: str) -> Any:
    def fill(dialog: QWidget) -> None:
        qtbot.mouseClick(dialog.bundle_choice, Qt.MouseButton.LeftButton)
        _type(qtbot, dialog.bundle_path, str(bundle))
        qtbot.keyClick(dialog.bundle_path, Qt.Key.Key_Tab)  # editing finished: the bundle is described
        assert SCHOOL[1] in dialog.bundle_about.text(), dialog.bundle_about.text()
        field = getattr(dialog, "bundle_code", None)
        if field is not None:  # the one-time code the district read on the phone
            _type(qtbot, field, code)
        _type(qtbot, dialog.bundle_password, PASSWORD)
        _type(qtbot, dialog.bundle_password2, PASSWORD)
        click(qtbot, dialog, "Bắt đầu")

    return fill


def _export(window: MainWindow, files: Files, usb: Path, peer: str, qtbot, boxes) -> Path:
    """Sync page: the peer's row, then «Xuất gói cho đơn vị đã chọn…» onto the USB stick."""
    sync = go_to(window, qtbot, "Đồng bộ")
    before = set(usb.glob("*.edusync"))
    click_row(qtbot, view_showing(sync, peer), peer)
    files.folder.append(str(usb))
    boxes.shown.clear()
    click(qtbot, sync, "Xuất gói cho đơn vị đã chọn…")
    _wait_said(qtbot, boxes, "Đã ghi")
    (bundle,) = set(usb.glob("*.edusync")) - before
    return bundle


def _import(window: MainWindow, files: Files, bundle: Path, qtbot) -> str:
    sync = go_to(window, qtbot, "Đồng bộ")
    files.many.append([str(bundle)])
    click(qtbot, sync, "Nhập các gói nhận được…")
    results = sync.result_table
    qtbot.waitUntil(lambda: results.rowCount() == 1 and bundle.name in results.item(0, 0).text(), timeout=30_000)
    said = results.item(0, 1).text()
    assert said.startswith("Đã nhập"), f"{bundle.name}: {said}"
    return said


def _answer_for(table: Any) -> str:
    """A value inside the row's bounds (its tooltip says them), as the school would count it."""
    item = table.currentItem()
    bounds = [float(n.replace(".", "").replace(",", ".")) for n in re.findall(r"[\d.,]+", item.toolTip())]
    low = bounds[0] if bounds else 0
    return str(int(low) + 12)


def _fill_what_is_asked(form: Any, qtbot: Any) -> int:
    """Click each problem listed under the form (it selects its cell), then type the cell's value."""
    typed = 0
    for _cell in range(300):
        if not form.problems.isVisible() or form.problems.count() == 0:
            return typed
        entry = form.problems.item(0)
        qtbot.mouseClick(form.problems.viewport(), Qt.MouseButton.LeftButton,
                         pos=form.problems.visualItemRect(entry).center())  # fmt: skip
        place = entry.data(_PLACE)
        table = next(t for t in form.tables if t.currentItem() is not None and t.currentItem().data(_PLACE) == place)
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = next(w for w in table.viewport().findChildren(QWidget)
                      if w.isVisible() and isinstance(w, QLineEdit | QComboBox))  # fmt: skip
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findText("Có"))
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        else:
            type_text(editor, _answer_for(table))
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        typed += 1
        qtbot.wait(10)
        form.check(complete=True)
    return typed


def _evidence_of(db: Database, window: MainWindow, assignment_id: str) -> list[str]:
    return [f.filename for row in history(db, window.ctx.actor, assignment_id) for f in row.files]


def _carry(sender: MainWindow, receiver: MainWindow, files: Files, usb: Path, qtbot, boxes) -> None:
    """One trip of the USB stick: the sender writes its bundle, the receiver imports it."""
    bundle = _export(sender, files, usb, receiver.ctx.office.code, qtbot, boxes)
    _import(receiver, files, bundle, qtbot)


def _decide(district: MainWindow, button: str, files: Files, comment: str | None, qtbot, boxes) -> None:
    reports = go_to(district, qtbot, "Báo cáo định kỳ")
    grid = view_showing(reports, SCHOOL[0])
    click_row(qtbot, grid, SCHOOL[0])
    if comment is not None:
        files.text.append(comment)
    click(qtbot, reports, button)
    wanted = ShownStatus.RETURNED if comment is not None else ShownStatus.ACCEPTED
    round_id = reports.current_round()
    qtbot.waitUntil(lambda: _status_at(district, round_id) == wanted, timeout=10_000)
    assert not files.text, "the comment was asked for"


def _status_at(window: MainWindow, round_id: str) -> ShownStatus:
    (row,) = [r for r in review_grid(window.ctx.db, window.ctx.actor, round_id, dt.date.today())
              if r.unit_code == SCHOOL[0]]  # fmt: skip
    return row.status


def _print_synthesis(district: MainWindow, files: Files, usb: Path, qtbot) -> None:
    printing = go_to(district, qtbot, "In ấn & xuất")
    kinds = printing.kinds
    (row,) = [n for n in range(kinds.count()) if "tổng hợp" in kinds.item(n).text().lower()]
    qtbot.mouseClick(kinds.viewport(), Qt.MouseButton.LeftButton, pos=kinds.visualItemRect(kinds.item(row)).center())
    target = usb / "bao-cao-tong-hop.pdf"
    files.save.append(str(target))
    click(qtbot, printing, "Lưu PDF…")
    qtbot.waitUntil(lambda: target.exists() and "Đã lưu" in printing.status.text(), timeout=60_000)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip
        assert SCHOOL[1] in text or SCHOOL[0] in text, text[:2000]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def _wait_sent(qtbot: Any, form: Any) -> None:
    """Sending runs off the GUI thread; the form says so when it is done."""
    try:
        qtbot.waitUntil(lambda: "Đã gửi báo cáo" in form.message.text(), timeout=20_000)
    except Exception as exc:
        raise AssertionError(f"the report was not sent: {form.message.text()}") from exc
