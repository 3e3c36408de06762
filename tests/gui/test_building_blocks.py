"""Jobs, the lazy model, the crash dialog, login and first run."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QTableView

from models.errors import ValidationError
from services.core.applog import register_secret
from services.core.paging import ColumnSpec, PageRequest
from services.demo.district import DEMO_PASSWORD
from ui.crash import crash_box
from ui.dialogs.accounts.first_run import Choice, FirstRunDialog
from ui.dialogs.accounts.login import LoginDialog
from ui.jobs import JobCancelled, run_job
from ui.table_model import LazyTableModel


class FakeQuery:
    """100,000 generated rows; counts what the model asks for."""

    columns = [ColumnSpec("n", "Số", numeric=True), ColumnSpec("name", "Tên")]

    def __init__(self, total: int = 100_000) -> None:
        self.total = total
        self.fetched_rows = 0

    def _rows(self, request: PageRequest) -> list[int]:
        numbers = [n for n in range(self.total) if request.text in f"truong {n}"]
        return sorted(numbers, reverse=request.descending)

    def count(self, request: PageRequest) -> int:
        return self.total if not request.text else len(self._rows(request))

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
        if request.text or request.descending:
            numbers = self._rows(request)[request.offset : request.offset + request.limit]
        else:
            numbers = list(range(request.offset, min(request.offset + request.limit, self.total)))
        self.fetched_rows += len(numbers)
        return [{"n": n, "name": f"Trường {n}"} for n in numbers]


def test_lazy_model_reads_only_what_is_shown(qtbot) -> None:
    query = FakeQuery()
    model = LazyTableModel(query)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paints now: the view asks for the rows it shows (read off the GUI thread)
    qtbot.waitUntil(lambda: model.rowCount() == 100_000 and query.fetched_rows >= 200)
    assert query.fetched_rows == 200  # the first page only
    view.scrollToBottom()
    view.grab()
    qtbot.waitUntil(lambda: 99_999 // model.page_size in model._pages)  # the last page arrived
    read = query.fetched_rows
    assert model.row(99_999)["name"] == "Trường 99999"
    assert query.fetched_rows == read  # the last row came from the page already read
    assert 400 <= read <= 600  # the pages at the bottom (and at most one neighbour), none of the ~496 between
    view.grab()
    assert query.fetched_rows == read  # painting again reads nothing: the rows shown are held
    model.sort(0, model.sort.__defaults__[0].DescendingOrder)
    qtbot.waitUntil(lambda: not model.is_loading)  # a busy machine answers after the window went on
    assert model.row(0)["n"] == 99_999


def test_lazy_model_search_resets_count(qtbot) -> None:
    model = LazyTableModel(FakeQuery(1000))
    model.set_text("99")
    assert model.rowCount() == len([n for n in range(1000) if "99" in f"truong {n}"])
    assert all("99" in str(model.row(i)["n"]) for i in range(model.rowCount()))


def test_job_runs_off_thread_reports_progress_and_notifies(ctx, qtbot) -> None:
    threads: list[threading.Thread] = []
    changed: list[frozenset[str]] = []
    ctx.bus.changed.connect(changed.append)
    done: list[int] = []

    def work(progress: Any) -> int:
        threads.append(threading.current_thread())
        for i in range(3):
            progress(i, 3, "đang làm")
        return 42

    job = run_job(None, ctx, "Thử", work, done.append, changes={"tasks"})
    assert job.wait()
    assert job.ok and done == [42]
    assert threads[0] is not threading.main_thread()
    assert [c.tables for c in changed] == [{"tasks"}]


def test_job_refusal_goes_to_on_error(ctx, qtbot) -> None:
    errors: list[BaseException] = []

    def work(_progress: Any) -> None:
        raise ValidationError("Sai dữ liệu ở dòng 3.", "Bad data on row 3.", "row 3")

    job = run_job(None, ctx, "Thử", work, on_error=errors.append)
    assert job.wait()
    assert not job.ok and "dòng 3" in str(errors[0])


@pytest.mark.parametrize("fails", [True, False])
def test_what_a_long_job_says_is_not_left_under_its_progress_dialog(ctx, qtbot, monkeypatch, fails) -> None:
    """A job long enough to show its progress closes it before its result or refusal is said."""
    shown_with_progress: list[bool] = []

    def said(*_args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        shown_with_progress.append(job.dialog.isVisible())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(said))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(said))

    release = threading.Event()

    def work(_progress: Any) -> None:
        release.wait(10)  # until the progress dialog is up (after its 400 ms)
        if fails:
            raise ValidationError("Mật khẩu khóa đơn vị không đúng.", "Wrong passphrase.")

    job = run_job(None, ctx, "Thử", work, lambda _r: QMessageBox.information(None, "Thử", "Xong."))
    dialog = job.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    release.set()
    assert job.wait()
    assert shown_with_progress == [False]


def test_job_can_be_cancelled(ctx, qtbot) -> None:
    started = threading.Event()
    seen: list[BaseException] = []

    def work(progress: Any) -> None:
        started.set()
        for i in range(10_000):
            progress(i, 10_000, "")
            threading.Event().wait(0.001)

    job = run_job(None, ctx, "Thử", work, on_error=seen.append)
    started.wait(5)
    job.cancel()
    assert job.wait()
    assert not job.ok and isinstance(job.error, JobCancelled)


def test_crash_dialog_is_vietnamese_and_hides_secrets(qapp) -> None:
    register_secret("Bi-mat-9999")
    try:
        raise RuntimeError("kết nối hỏng với mật khẩu Bi-mat-9999")
    except RuntimeError as exc:
        box = crash_box(None, exc, "Traceback ... Bi-mat-9999 ...")
    assert "lỗi không mong muốn" in box.text()
    assert "Bi-mat-9999" not in box.informativeText() + box.detailedText()
    copy = next(b for b in box.buttons() if b.text() == "Sao chép chi tiết")
    copy.click()
    assert QGuiApplication.clipboard().text() == box.detailedText()
    assert box.isVisible() is False  # copying did not close or open anything by itself


def test_login_wrong_then_right(demo_db, qtbot) -> None:
    from services.accounts.office import office_info

    dialog = LoginDialog(demo_db, office_info(demo_db))
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText("sai-mat-khau")
    dialog.try_login()
    assert dialog.actor is None and dialog.message.text()
    assert dialog.password.text() == ""
    dialog.password.setText(DEMO_PASSWORD)
    dialog.try_login()
    assert dialog.actor is not None and dialog.actor.username == "admin"
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize(
    ("password", "again", "problem"),
    [
        ("Mat-khau-2026", "Mat-khau-2027", "không khớp"),
        ("ngan", "ngan", "Mật khẩu"),
        ("Mat-khau-2026", "Mat-khau-2026", ""),
    ],
)
def test_first_run_office_form_validates(qtbot, monkeypatch, password: str, again: str, problem: str) -> None:
    dialog = FirstRunDialog("/tmp/x.sqlite")
    qtbot.addWidget(dialog)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(text)))
    dialog.office_choice.setChecked(True)
    dialog.code.setText("PGDX")
    dialog.name.setText("Phòng Giáo dục và Đào tạo huyện X")
    dialog.password.setText(password)
    dialog.password2.setText(again)
    dialog._accept()
    if problem:
        assert warnings and problem in warnings[0]
    else:
        assert not warnings and dialog.result() == QDialog.DialogCode.Accepted
        assert dialog.choice == Choice.OFFICE and dialog.office_values()["code"] == "PGDX"
