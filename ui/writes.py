"""The one way the GUI writes: off the GUI thread, one message for a refusal, then what changed.

Like Anki's ``CollectionOp``: a page hands over a function that calls one service write;
``run_write`` runs it on the job helper (``ui.jobs``) inside ``services.core.changes.recording()``,
shows an ``EduDeskError`` in one Vietnamese message box (anything else as a fault with its
details, never a traceback), and on success calls ``on_done`` on the GUI thread and puts the
write's ``Changes`` on the change bus, so the main window refreshes only the pages that show
one of the changed tables. ``on_refused`` runs after the message (a dialog opens again with
the person's typing kept, a form marks the field).

``refusal_shown`` is the same message for the few quick reads a click does on the GUI thread
(parsing pasted text, opening a form): the block "catch EduDeskError, show a warning" is written
here once (``tests/gui/test_writes.py`` keeps new copies out of ``ui/``).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QDialog, QWidget

from models.errors import EduDeskError
from services.core.callbacks import ProgressCallback
from services.core.changes import Changes, recording
from ui.context import AppContext
from ui.jobs import Job, run_job, show_error

T = TypeVar("T")
_running: set[Job] = set()


def run_write(
    parent: QWidget | None,
    ctx: AppContext | None,
    title: str,
    write: Callable[[], T],
    on_done: Callable[[T], None] | None = None,
    *,
    on_refused: Callable[[EduDeskError], None] | None = None,
    progress: Callable[[ProgressCallback], T] | None = None,
    quiet: bool = False,
) -> Job:
    """Run ``write()`` (or ``progress(callback)`` for a long one) off the GUI thread; see the module.

    ``quiet``: the refusal is not put in a box (the caller shows it in place, ``on_refused``).
    """

    def work(callback: ProgressCallback) -> T:
        return progress(callback) if progress is not None else write()  # the job records the changes

    def failed(exc: BaseException) -> None:
        refused = isinstance(exc, EduDeskError)
        if not (quiet and refused):
            show_error(parent, title, exc, "".join(traceback.format_exception(exc)))
        if refused and on_refused is not None:
            on_refused(exc)

    job = run_job(parent, ctx, title, work, on_done, on_error=failed)
    _running.add(job)
    job.finished.connect(lambda _ok, j=job: _running.discard(j))
    if isinstance(parent, QDialog):  # a second click on "Lưu" must not write twice
        parent.setEnabled(False)
        job.finished.connect(lambda _ok, d=parent: d.setEnabled(True))
    return job


def run_dialog_write(
    parent: QWidget,
    ctx: AppContext,
    dialog: QDialog,
    title: str,
    write: Callable[[Any], T],
    on_done: Callable[[T], None] | None = None,
) -> None:
    """Open ``dialog``; once accepted, ``write(dialog.value())`` off the GUI thread. A refusal is
    shown and the dialog opens again with the typing kept. The values are read here, on the GUI
    thread: the worker never touches a widget."""

    def ask() -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.value()  # type: ignore[attr-defined]
            # opened again once the job has ended, not inside its error handler
            run_write(parent, ctx, title, lambda: write(values), on_done,
                      on_refused=lambda _exc: QTimer.singleShot(0, ask))  # fmt: skip

    ask()


def write_now(
    parent: QWidget | None,
    ctx: AppContext | None,
    title: str,
    write: Callable[[], T],
    *,
    quiet: bool = False,
    on_refused: Callable[[EduDeskError], None] | None = None,
) -> tuple[bool, T | None]:
    """A write that must be done before the next keystroke, on the GUI thread: a report form's
    draft (the form goes on being typed in; a save running beside it would race the typing) or
    the person's own language. Otherwise as ``run_write``: the refusal in the same one message
    (unless ``quiet``), then what changed on the bus. (True, result) or (False, None)."""
    try:
        with recording() as seen:
            value = write()
    except EduDeskError as exc:
        if not quiet:
            show_error(parent, title, exc)
        if on_refused is not None:
            on_refused(exc)
        return False, None
    if ctx is not None:
        ctx.notify(seen.changes | Changes.of(value))
    return True, value


def refusal_shown(parent: QWidget | None, title: str, action: Callable[[], T]) -> tuple[bool, T | None]:
    """Run a quick read on the GUI thread: (True, value), or (False, None) once its refusal is shown."""
    try:
        return True, action()
    except EduDeskError as exc:
        show_error(parent, title, exc)
        return False, None


@contextmanager
def refusals_shown(parent: QWidget | None, title: str) -> Iterator[None]:
    """``with refusals_shown(self, title):`` — a refusal inside is shown, and the block ends there."""
    try:
        yield
    except EduDeskError as exc:
        show_error(parent, title, exc)


def running() -> int:
    """How many writes are still running (the selftest and tests wait for none)."""
    return len(_running)


def wait_idle(timeout_ms: int = 60_000) -> bool:
    """Process events until every write has finished; for tests and the selftest."""
    timer = QElapsedTimer()
    timer.start()
    while _running and timer.elapsed() < timeout_ms:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return not _running
