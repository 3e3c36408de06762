"""``main.py bench`` (GUI part): the window at a district's size, timed as a clerk uses it.

On a 1,000-school database it opens every page, types into every search box, accepts a
report and returns another, and records each step's time and the longest stall of the
event loop (a heartbeat ``QTimer`` every 5 ms: the largest gap between two beats is the
longest the window could not paint or answer a click). Start-up is timed as whole
processes, interleaved and repeated: ``python -c pass``, a bare PySide6 window until it
paints, EduDesk until its first window paints and until the login window paints.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_SCHOOLS = 1000
HEARTBEAT_MS = 5
SETTLE_MS = 150  # quiet time after a step's rows arrived before the next step
ROOT = Path(__file__).resolve().parents[1]

_BARE_WINDOW = """
import time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
from ui.app import process_start
class Watch(QObject):
    painted = None
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and Watch.painted is None:
            Watch.painted = time.perf_counter()
        return False
app = QApplication([])
w = QMainWindow(); w.resize(1200, 760); w.installEventFilter(Watch(w)); w.show()
while Watch.painted is None:
    app.processEvents()
print(round(Watch.painted - process_start(), 3))
"""


# --- start-up, as whole processes -----------------------------------------------------


def _wall(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    return time.perf_counter() - start, out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""


def _summary(values: list[float]) -> dict[str, float]:
    return {"median_s": round(statistics.median(values), 3), "min_s": round(min(values), 3),
            "max_s": round(max(values), 3)}  # fmt: skip


def startup_benchmark(db_path: str, runs: int = 5) -> dict[str, Any]:
    """Each kind of start ``runs`` times, interleaved so a busy moment of the machine hits them all."""
    import json

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's PC: compiled modules are kept (run 0 writes them)
    gui = f"import sys; from ui.app import run_gui; sys.exit(run_gui({db_path!r}, until_painted=True))"
    walls: dict[str, list[float]] = {"python_pass": [], "bare_window": [], "edudesk_gui": [], "cli_version": []}
    painted: dict[str, list[float]] = {"bare_window": [], "edudesk_first_paint": [], "edudesk_login_paint": []}
    for argv in ([sys.executable, "-c", _BARE_WINDOW], [sys.executable, "-c", gui]):
        _wall(argv, env)  # untimed: writes the compiled modules
    for _ in range(runs):
        walls["python_pass"].append(_wall([sys.executable, "-c", "pass"], env)[0])
        wall, out = _wall([sys.executable, "-c", _BARE_WINDOW], env)
        walls["bare_window"].append(wall)
        painted["bare_window"].append(float(out))
        wall, out = _wall([sys.executable, "-c", gui], env)
        walls["edudesk_gui"].append(wall)
        figures = json.loads(out)
        painted["edudesk_first_paint"].append(figures["first_paint_s"])
        painted["edudesk_login_paint"].append(figures["login_paint_s"])
        walls["cli_version"].append(_wall([sys.executable, "main.py", "--version"], env)[0])
    first = statistics.median(painted["edudesk_first_paint"]) / statistics.median(painted["bare_window"])
    return {
        "runs": runs,
        "process_wall": {k: _summary(v) for k, v in walls.items()},
        "until_painted": {k: _summary(v) for k, v in painted.items()},
        "first_paint_over_bare_window": round(first, 2),
        "login_paint_over_bare_window": round(
            statistics.median(painted["edudesk_login_paint"]) / statistics.median(painted["bare_window"]), 2
        ),
        "goal": "first paint ≤ 2 × a bare PySide6 window",
    }


# --- the window at size ---------------------------------------------------------------


class Heartbeat:
    """The longest gap between two beats since ``reset``: how long the window was frozen."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.reset()
        self.timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0


def _busy(widget: Any) -> bool:
    """Whether a table of the page still waits for its rows."""
    from ui.jobs import quiet_reads_pending
    from ui.table_model import LazyTableModel

    return quiet_reads_pending() > 0 or any(m.is_loading for m in widget.findChildren(LazyTableModel))


def _settle(app: Any, widget: Any, timeout_s: float = 60.0) -> None:
    """Turn the event loop until the page's rows have arrived and it was quiet for SETTLE_MS."""
    deadline = time.perf_counter() + timeout_s
    quiet_since = None
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)
        if _busy(widget):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since >= SETTLE_MS / 1000:
            return


def _step(app: Any, beat: Heartbeat, widget: Any, action: Callable[[], Any]) -> dict[str, float]:
    """One action: its time until the page is settled again (less the quiet wait) and the longest stall."""
    app.processEvents()
    beat.reset()
    start = time.perf_counter()
    action()
    _settle(app, widget)
    return {"ms": round((time.perf_counter() - start) * 1000 - SETTLE_MS, 1),
            "stall_ms": round(beat.longest * 1000, 1)}  # fmt: skip


def _tabs(page: Any) -> list[tuple[Any, int]]:
    """Every tab of the page's own tab bars but the one shown first, in order."""
    from PySide6.QtWidgets import QTabWidget

    return [(tabs, n) for tabs in page.findChildren(QTabWidget) for n in range(tabs.count()) if n != tabs.currentIndex()]


def _searches(page: Any) -> list[Any]:
    from ui.widgets import DataTable

    return [t for t in page.findChildren(DataTable) if t.search.isVisible() or t.search.isVisibleTo(t)]


def _type(app: Any, beat: Heartbeat, table: Any, words: str) -> dict[str, float]:
    """Type ``words`` a key every 80 ms; the answer's time counts from the end of the search's pause."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    app.processEvents()
    beat.reset()
    for char in words:  # key events carrying their text, as a keyboard sends them (no QtTest in the bundle)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.sendEvent(table.search, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        _spin(app, 0.08)
    typed = time.perf_counter()
    deadline = typed + 60
    while (table.model.request.text != words or table.model.is_loading) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    answered = time.perf_counter()
    pause = table._debounce.interval() / 1000
    result = {"answer_ms": round(max(answered - typed - pause, 0) * 1000, 1),
              "stall_ms": round(beat.longest * 1000, 1), "rows": table.model.rowCount()}  # fmt: skip
    beat.reset()
    table.search.clear()
    # the cleared search is read after the search's pause: waited for, and its stall recorded, here
    deadline = time.perf_counter() + 60
    while (table.model.request.text or table.model.is_loading) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    _settle(app, table)
    result["clear_stall_ms"] = round(beat.longest * 1000, 1)
    return result


def _spin(app: Any, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def window_benchmark(db_path: str) -> dict[str, Any]:
    """Every page opened, every search typed into, a report accepted and one returned."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QMessageBox

    from models.db import open_database
    from services.accounts.office import office_info
    from ui.app import application
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.pages import PAGES
    from ui.selftest import _login

    app = application()
    db = open_database(db_path)
    result: dict[str, Any] = {"database": db_path, "pages": {}, "tabs": {}, "searches": {}, "review": {}}
    boxes = QMessageBox.information, QMessageBox.warning
    QMessageBox.information = QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)
    try:
        ctx = AppContext(db, _login(db, result), office_info(db))
        beat = Heartbeat()
        start = time.perf_counter()
        window = MainWindow(ctx, idle_minutes=0)
        window.backup_on_close = False
        window.show()
        _settle(app, window)
        result["main_window_ms"] = round((time.perf_counter() - start) * 1000 - SETTLE_MS, 1)
        for index, spec in enumerate(PAGES):
            result["pages"][spec.key] = _step(app, beat, window, lambda i=index: window.show_page(i))
            page = window.page(index)
            for tabs, tab in _tabs(page):  # each tab clicked in turn, as a clerk looks around
                key = f"{spec.key}.{tabs.tabText(tab)}"
                result["tabs"][key] = _step(app, beat, window, lambda t=tabs, n=tab: t.setCurrentIndex(n))
            for n, table in enumerate(_searches(page)):
                key = f"{spec.key}.{table.title or n}"
                result["searches"][key] = _type(app, beat, table, "truong")
        result["review"] = _review(app, beat, window)
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        QMessageBox.information, QMessageBox.warning = boxes
        db.dispose()
    steps = [*result["pages"].values(), *result["tabs"].values(), *result["searches"].values(),
             *result["review"].values()]
    steps = [s for s in steps if "stall_ms" in s]
    result["longest_stall_ms"] = max(max(s["stall_ms"], s.get("clear_stall_ms", 0)) for s in steps)
    result["slowest_page_ms"] = max(s["ms"] for s in result["pages"].values())
    result["goal"] = "every page < 1000 ms, no stall > 100 ms"
    return result


def _review(app: Any, beat: Heartbeat, window: Any) -> dict[str, dict[str, float]]:
    """Open the round with the most submitted reports, accept one, return another."""
    from services.reporting.rounds import ShownStatus

    page = window.show_page_key("reports")
    _settle(app, window)
    out: dict[str, dict[str, float]] = {}
    for n in range(page.round_list.count()):
        out["open_round"] = _step(app, beat, window, lambda n=n: page.round_list.setCurrentRow(n))
        submitted = [i for i, r in enumerate(page.rows) if r.status == ShownStatus.SUBMITTED]
        if len(submitted) >= 2:
            break
    else:
        return out
    out["round_units"] = {"rows": len(page.rows)}
    page.grid.setCurrentCell(submitted[0], 0)
    out["accept"] = _step(app, beat, window, page.accept)
    page.grid.setCurrentCell(submitted[1], 0)
    out["return"] = _step(app, beat, window, lambda: page.give_back("Bổ sung số liệu (bench)."))
    return out


def run_gui_benchmarks(db_path: str | None = None, quick: bool = False) -> dict[str, Any]:
    """Build (or use) the district database, then time start-up and the window on it."""
    with tempfile.TemporaryDirectory(prefix="edudesk-bench-gui-") as scratch:
        built = None
        if db_path is None:
            from services.demo.district import build_demo

            db_path = str(Path(scratch) / "district.sqlite")
            schools = 100 if quick else BENCH_SCHOOLS
            built = {"schools": schools, "seconds": build_demo(db_path, schools=schools)["seconds"]}
        out: dict[str, Any] = {"demo": built} if built else {}
        out["startup"] = startup_benchmark(db_path, runs=3 if quick else 5)
        out["window"] = window_benchmark(db_path)
    return out
