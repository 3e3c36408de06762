"""The one background job helper: work off the GUI thread, progress with cancel, errors in Vietnamese.

Like Anki's CollectionOp: a page hands over a plain function that calls services; the helper
runs it on a worker thread, shows a progress dialog that can cancel it, reports an
EduDeskError in a Vietnamese dialog (anything else as an unexpected fault with details),
and on success calls ``on_done`` on the GUI thread and tells the change bus what changed.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from models.errors import EduDeskError
from services.callbacks import ProgressCallback
from ui.context import AppContext
from ui.i18n import message_of

log = logging.getLogger("edudesk.jobs")


class JobCancelled(Exception):
    """Raised inside the work by ``progress`` once the person pressed "Hủy"."""


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)


class _Runner(QRunnable):
    def __init__(
        self, work: Callable[[ProgressCallback], Any], signals: _Signals, cancel: threading.Event
    ) -> None:
        super().__init__()
        self.work, self.signals, self.cancel = work, signals, cancel
        self.setAutoDelete(True)

    def _progress(self, done: int, total: int, label: str) -> None:
        if self.cancel.is_set():
            raise JobCancelled
        self.signals.progressed.emit(done, total, label)

    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except BaseException as exc:  # the GUI thread decides what to show
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.succeeded.emit(result)


class Job(QObject):
    finished = Signal(bool)  # True on success

    def __init__(self, parent: QWidget | None, ctx: AppContext | None, title: str) -> None:
        super().__init__(parent)
        self.ctx, self.title = ctx, title
        self.cancel_event = threading.Event()
        self.done = False
        self.ok = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog = QProgressDialog(title, QCoreApplication.translate("jobs", "Hủy"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # quick work never flashes a dialog
        self.dialog.canceled.connect(self.cancel)
        self.signals = _Signals()
        self.on_done: Callable[[Any], None] | None = None
        self.on_error: Callable[[BaseException], None] | None = None
        self.tables: frozenset[str] = frozenset()

    def cancel(self) -> None:
        self.cancel_event.set()
        self.dialog.setLabelText(QCoreApplication.translate("jobs", "Đang dừng…"))

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block (processing events) until the job ends; for tests and the selftest."""
        timer = QElapsedTimer()
        timer.start()
        while not self.done and timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return self.done

    def _on_progress(self, done: int, total: int, label: str) -> None:
        if self.cancel_event.is_set():
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if label:
            self.dialog.setLabelText(label)

    def _succeeded(self, result: Any) -> None:
        self.result = result
        try:
            if self.on_done is not None:
                self.on_done(result)
        finally:
            if self.ctx is not None:
                self.ctx.notify(self.tables | frozenset(getattr(result, "changes", ()) or ()))
            self._finish(True)

    def _failed(self, exc: BaseException, details: str) -> None:
        self.error = exc
        try:
            if isinstance(exc, JobCancelled):
                log.info("%s: đã hủy", self.title)
            elif self.on_error is not None:
                self.on_error(exc)
            else:
                if not isinstance(exc, EduDeskError):
                    log.error("%s thất bại:\n%s", self.title, details)
                show_error(self.parent(), self.title, exc, details)
        finally:
            self._finish(False)

    def _finish(self, ok: bool) -> None:
        self.done, self.ok = True, ok
        self.dialog.reset()
        self.dialog.hide()
        self.finished.emit(ok)
        self.dialog.deleteLater()
        self.deleteLater()


def show_error(parent: QWidget | None, title: str, exc: BaseException, details: str = "") -> None:
    """A refusal shows its Vietnamese message; a fault shows an apology with copyable details."""
    from models.db import disk_full

    exc = disk_full(exc) or exc  # a full disk is said plainly, not as a fault
    if isinstance(exc, EduDeskError):
        QMessageBox.warning(parent, title, message_of(exc))
        return
    from ui.crash import show_crash

    show_crash(parent, exc, details)


def run_job(
    parent: QWidget | None,
    ctx: AppContext | None,
    title: str,
    work: Callable[[ProgressCallback], Any],
    on_done: Callable[[Any], None] | None = None,
    *,
    changes: Iterable[str] = (),
    on_error: Callable[[BaseException], None] | None = None,
) -> Job:
    """Start ``work(progress)`` on the thread pool; see the module docstring."""
    job = Job(parent, ctx, title)
    job.on_done, job.on_error, job.tables = on_done, on_error, frozenset(changes)
    # Bound methods of the job (a GUI-thread QObject): the worker's signals arrive queued.
    job.signals.progressed.connect(job._on_progress)
    job.signals.succeeded.connect(job._succeeded)
    job.signals.failed.connect(job._failed)
    QThreadPool.globalInstance().start(_Runner(work, job.signals, job.cancel_event))
    return job
