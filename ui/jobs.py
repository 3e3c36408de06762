"""The one background job helper: work off the GUI thread, progress with cancel, errors in Vietnamese.

Like Anki's CollectionOp: a page hands over a plain function that calls services; the helper
runs it on a worker thread, shows a progress dialog that can cancel it, reports an
EduDeskError in a Vietnamese dialog (anything else as an unexpected fault with details),
and on success calls ``on_done`` on the GUI thread and tells the change bus what changed: every
unit of work the job committed (``services.core.changes.recording``), so a long job (an imported
bundle) refreshes exactly the pages that show what it wrote.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QCoreApplication,
    QElapsedTimer,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from models.errors import EduDeskError
from services.core.callbacks import ProgressCallback
from services.core.changes import Changes, recording
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
            with recording() as seen:  # what every unit of work of the job committed
                result = self.work(self._progress)
        except BaseException as exc:  # the GUI thread decides what to show
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.succeeded.emit((result, seen.changes))


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
        self.dialog.setValue(0)  # starts those 400 ms (else Qt shows it after its default 4 s)
        self.dialog.canceled.connect(self.cancel)
        self.signals = _Signals()
        self.on_done: Callable[[Any], None] | None = None
        self.on_error: Callable[[BaseException], None] | None = None
        self.tables: frozenset[str] = frozenset()
        self.changes = Changes()  # what the job's writes changed, once it has succeeded

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

    def _succeeded(self, outcome: tuple[Any, Changes]) -> None:
        self._close_progress()  # before what is said of the result, which must not sit under it
        result, changes = outcome
        self.result = result
        self.changes = Changes.of_tables(self.tables) | changes | Changes.of(result)
        try:
            if self.on_done is not None:
                self.on_done(result)
        finally:
            if self.ctx is not None:
                self.ctx.notify(self.changes)
            self._finish(True)

    def _failed(self, exc: BaseException, details: str) -> None:
        self._close_progress()
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

    def _close_progress(self) -> None:
        self.dialog.reset()
        self.dialog.hide()

    def _finish(self, ok: bool) -> None:
        self.done, self.ok = True, ok
        self._close_progress()
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


class _Relay(QObject):
    """Brings a quiet job's end back to the GUI thread (a GUI-thread QObject: the signal arrives queued)."""

    finished = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], owner: QObject | None) -> None:
        super().__init__()
        self.on_done, self.owner = on_done, owner
        self.finished.connect(self._finish)

    def _finish(self, result: Any) -> None:
        _RELAYS.discard(self)
        if self.owner is None or shiboken6.isValid(self.owner):  # the table may be gone with its page
            self.on_done(result)


class _QuietRunner(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        result = self.work()  # the work catches its own errors: it knows who should be told
        self.relay.finished.emit(result)


_RELAYS: set[_Relay] = set()  # quiet jobs not finished yet (kept alive until their end arrives)


def quiet_reads_pending() -> int:
    """How many quiet reads have not come back yet (the selftest and the benchmark wait for none)."""
    return len(_RELAYS)
_QUIET_POOL: QThreadPool | None = None


def run_quiet(work: Callable[[], Any], on_done: Callable[[Any], None], owner: QObject | None = None) -> None:
    """Run ``work()`` off the GUI thread without a dialog, then ``on_done(result)`` on the GUI thread.

    For the reads a page makes as it is used (a table's count, the next page of rows): no
    progress to show and nothing to cancel, so the person only sees the rows arrive. Two
    threads of their own, so reads never wait behind a long import on the job pool.
    ``on_done`` is skipped once ``owner`` (the widget or model it updates) is deleted.
    """
    global _QUIET_POOL
    if _QUIET_POOL is None:
        _QUIET_POOL = QThreadPool()
        _QUIET_POOL.setMaxThreadCount(2)
    relay = _Relay(on_done, owner)
    _RELAYS.add(relay)
    _QUIET_POOL.start(_QuietRunner(work, relay))


# What the GUI thread may wait for reads in all, in one turn of the event loop, before it goes on
# and shows them when they come: with the work of the turn itself, under the 100 ms a person
# notices; a small office's reads take a few milliseconds and are shown at once.
TURN_BUDGET_S = 0.05
# What a turn may wait for its reads however long its own work took (building a page): a small
# office's reads, a few milliseconds each, still arrive in place.
TURN_FLOOR_S = 0.015
# Part of what showing a page or a tab just built takes at 1,000 schools (polish, layout, the first
# paint): kept out of the wait at the end of its build, so that building, waiting and showing stay
# in the budget together. Not more: a small office's audit trail takes 20 ms to read, and 20 ms
# kept out made it show «Đang tìm…» before its rows.
SHOWING_S = 0.01


class _TurnBudget:
    """What is left of ``TURN_BUDGET_S`` in this turn of the event loop; the next turn starts afresh.

    Opening a page builds its tables and panels at once: each waiting its own budget for its
    rows stalled the window for their sum (six tables, a second and more at 1,000 schools).
    The turn's own work counts too: a page that took 40 ms to build waits 10 ms more for its
    rows, not 50 (at least ``TURN_FLOOR_S`` in all), so building and waiting stay under the budget
    together. A turn starts when the event loop wakes (``QAbstractEventDispatcher.awake``).
    """

    def __init__(self) -> None:
        self.left = TURN_BUDGET_S
        self._renewing = False
        self._woke: float | None = None  # when this turn of the event loop began, once watched
        self._watching = False

    def wait(self, done: threading.Event, at_most: float, still_to_do: float = 0.0) -> bool:
        """``still_to_do``: what the turn will spend after the wait (showing a page just built)."""
        start = time.perf_counter()
        self._watch()
        allowed = min(at_most, self.left)
        if self._woke is not None:  # the turn's own work so far is spent from the budget too
            waited = TURN_BUDGET_S - self.left
            spent = start - self._woke + still_to_do
            allowed = min(allowed, max(TURN_BUDGET_S - spent, TURN_FLOOR_S - waited))
        arrived = done.wait(allowed) if allowed > 0 else done.is_set()
        self.left -= time.perf_counter() - start
        if not self._renewing and QCoreApplication.instance() is not None:
            self._renewing = True
            QTimer.singleShot(0, self._renew)
        return arrived

    def _watch(self) -> None:
        if self._watching or QCoreApplication.instance() is None:
            return
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            self._watching = True
            dispatcher.awake.connect(self._awake)

    def _awake(self) -> None:
        self._woke = time.perf_counter()

    def _renew(self) -> None:
        self.left, self._renewing = TURN_BUDGET_S, False


_TURN = _TurnBudget()


def wait_this_turn(done: threading.Event, at_most: float) -> bool:
    """Wait for ``done`` at most ``at_most`` seconds and at most what this turn has left: True if set."""
    return _TURN.wait(done, at_most)


class _Gathered:
    """The reads started while a page or a tab is built, waited for once when it is built."""

    def __init__(self) -> None:
        self.depth = 0
        self.pending: list[tuple[threading.Event, float, Callable[[], None], Callable[[], bool]]] = []


_GATHERED = _Gathered()


@contextmanager
def reads_gathered() -> Iterator[None]:
    """Build a page (or a tab) and wait for the reads it started once, at the end.

    A page that read its lists as it built them waited for the first one before building the
    rest: at 1,000 schools that was the whole budget, and then the rest of the build on top
    of it. Started at once and waited for at the end, the reads run while the page is built,
    the build counts against the turn's budget (``_TurnBudget``), and a small office still
    gets every row before the page is first painted. Nested builds (a page building its first
    tab) wait at the outermost end. Reads that do not come in time arrive by themselves.
    """
    _GATHERED.depth += 1
    try:
        yield
    except BaseException:
        _GATHERED.depth -= 1
        if not _GATHERED.depth:
            _GATHERED.pending.clear()
        raise
    _GATHERED.depth -= 1
    if _GATHERED.depth:
        return
    pending, _GATHERED.pending = _GATHERED.pending, []
    for done, at_most, arrive, wanted in pending:
        if wanted() and _TURN.wait(done, at_most, SHOWING_S):
            arrive()


def settle_soon(done: threading.Event, at_most: float, arrive: Callable[[], None],
                wanted: Callable[[], bool] = lambda: True) -> bool:  # fmt: skip
    """Wait for a read within this turn's budget and ``arrive()`` if it came: True if it did.

    While a page is being built (``reads_gathered``) the wait is left for the end of the build
    and False is returned: the read arrives then, or by itself later. ``wanted`` tells, at the
    end, whether the read is still worth waiting for (a newer one may have replaced it).
    """
    if _GATHERED.depth:
        _GATHERED.pending.append((done, at_most, arrive, wanted))
        return False
    if wait_this_turn(done, at_most):
        arrive()
        return True
    return False


def read_soon(owner: QObject, key: str, work: Callable[[], Any], apply: Callable[[Any], None],
              budget_s: float = TURN_BUDGET_S) -> None:  # fmt: skip
    """Read ``work()`` off the GUI thread and ``apply`` it; wait at most ``budget_s`` for it first.

    A small office gets its figures at once, as if read in place; a big one keeps a
    responsive window and sees them a moment later. A newer read of the same ``key``
    on the same ``owner`` supersedes an older one still running: only the newest is applied.
    A failure is raised in place when it comes within the budget, else shown in a dialog.
    """
    generations: dict[str, int] = owner.__dict__.setdefault("_read_generations", {})
    generation = generations[key] = generations.get(key, 0) + 1
    done = threading.Event()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except Exception as exc:  # given to the GUI thread
            outcome["error"] = exc
            outcome["details"] = traceback.format_exc()
        finally:
            done.set()

    def arrive(_none: Any = None, *, in_place: bool = False) -> None:
        if outcome.get("used") or generations.get(key) != generation:
            return
        outcome["used"] = True
        if "error" not in outcome:
            apply(outcome["result"])
        elif in_place:
            raise outcome["error"]
        else:
            parent = owner if isinstance(owner, QWidget) else None
            show_error(parent, QCoreApplication.translate("jobs", "Đọc dữ liệu"), outcome["error"], outcome["details"])

    run_quiet(run, arrive, owner)
    # at the end of a page's build a failure is shown, not raised into whatever built the page
    in_place = not _GATHERED.depth
    settle_soon(done, budget_s, lambda: arrive(in_place=in_place), lambda: generations.get(key) == generation)
