"""``main.py selftest``: open the real main window offscreen and visit every page.

It proves on this machine (or in the frozen build) that Qt starts, the resources are
found, the database opens and passes the quick check, login works and every page
builds and refreshes. Timings are given beside a bare PySide6 window made in the same run.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMainWindow

from models.db import Database, open_database
from models.errors import EduDeskError
from services.accounts.office import office_info
from services.accounts.permissions import Actor
from services.accounts.users import authenticate, first_admin
from services.core.about import VERSION
from services.core.resources import resource_path
from services.demo.district import DEMO_PASSWORD, build_demo
from services.operations.integrity import check_database
from ui.context import AppContext
from ui.i18n import install_language
from ui.pages import PAGES
from ui.pages.empty import EmptyPage

SELFTEST_SCHOOLS = 10
PAGE_LIMIT_MS = 5000  # a page slower than this fails the selftest: a clerk would think it hung


def run_selftest(db_target: str | None, bare_runs: int = 3) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import application, needs_first_run

    app = application()
    result: dict[str, Any] = {"ok": False, "version": VERSION, "platform": app.platformName(), "errors": []}
    with tempfile.TemporaryDirectory(prefix="edudesk-selftest-") as scratch:
        # Without --db the selftest must not touch the user's real data folder.
        target = db_target or os.environ.get("EDUDESK_DB") or str(Path(scratch) / "selftest.sqlite")
        if needs_first_run(target):
            result["built_demo"] = build_demo(target, schools=SELFTEST_SCHOOLS)["seconds"]
        db = open_database(target)
        try:
            _resources(result)
            result["check"] = check_database(db, quick=True).as_dict()
            if not result["check"]["ok"]:
                result["errors"].append("quick check found problems")
            result["bare_window_ms"] = _bare_window_ms(app, bare_runs)
            _visit(app, db, result)
            result["sync_key"] = _sync_key(db)
        finally:
            db.dispose()
    result["ok"] = not result["errors"]
    return result


def _resources(result: dict[str, Any]) -> None:
    needed = {
        "fonts": resource_path("fonts", "LiberationSerif-Regular.ttf"),
        "plans": resource_path("plans"),
        "translations": resource_path("translations", "edudesk_en.qm"),
    }
    result["resources"] = {name: path.exists() for name, path in needed.items()}
    result["errors"] += [f"resource missing: {name}" for name, ok in result["resources"].items() if not ok]
    result["english"] = install_language(QApplication.instance(), "en")
    install_language(QApplication.instance(), "vi")


def _bare_window_ms(app: QApplication, runs: int) -> float:
    times = []
    for _ in range(max(runs, 1)):
        start = time.perf_counter()
        window = QMainWindow()
        window.resize(1200, 760)
        window.show()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        window.close()
        window.deleteLater()
    return round(statistics.median(times), 1)


def _rows_arrived(app: QApplication, page: Any, timeout_s: float) -> None:
    """Turn the event loop until the page's tables have their rows (they are read off the GUI thread)."""
    from ui.jobs import quiet_reads_pending
    from ui.table_model import LazyTableModel

    def busy() -> bool:
        return quiet_reads_pending() > 0 or any(m.is_loading for m in page.findChildren(LazyTableModel))

    deadline = time.perf_counter() + timeout_s
    app.processEvents()
    while busy() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)


def _login(db: Database, result: dict[str, Any]) -> Actor:
    try:
        actor = authenticate(db, "admin", DEMO_PASSWORD)
        result["login"] = "admin"
    except EduDeskError:
        # Not the demo: the selftest only reads, so it acts as the first administrator.
        actor = first_admin(db)
        result["login"] = f"{actor.username} (không cần mật khẩu: chỉ đọc)"
    return actor


def _sync_key(db: Database) -> dict[str, Any]:
    """Where the office key lives and whether this PC signs with it (a server's key is sealed)."""
    from services.sync import keys, server_key

    if db.is_sqlite:
        return {"where": "file", "present": keys.has_private_key(db)}
    state = server_key.state(db)
    return {"where": "server", "present": state.stored, "sealed": state.sealed, "unlocked": state.unlocked}


def _visit_plan_review(app: QApplication, ctx: AppContext, window: QMainWindow,
                       result: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """The importer's review of a shipped sample plan, every tab shown, closed without saving."""
    from services.plan_import import parse_plan_file
    from services.plan_import.matching import matcher_for
    from ui.dialogs.plan_import import PlanReviewDialog

    entry: dict[str, Any] = {}
    start = time.perf_counter()
    try:
        sample = min(resource_path("plans").glob("*.txt"))
        plan = parse_plan_file(sample)
        matcher = matcher_for(ctx.db, plan)  # as the page's job reads it, off the window's thread
        entry["read_ms"] = round((time.perf_counter() - start) * 1000, 1)
        start = time.perf_counter()
        dialog = PlanReviewDialog(ctx, plan, window, matcher)
        dialog.show()
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            app.processEvents()
        entry.update(plan=sample.name, tasks=len(dialog.plan.tasks), tabs=dialog.tabs.count())
        dialog.reject()  # nothing was edited: no question, nothing saved
        dialog.deleteLater()
    except Exception as exc:  # reported like a broken page
        entry["error"] = f"{type(exc).__name__}: {exc}"
        result["errors"].append(f"plan review: {traceback.format_exc(limit=3)}")
    entry["ms"] = round((time.perf_counter() - start) * 1000, 1)
    return entry


def _visit(app: QApplication, db: Database, result: dict[str, Any]) -> None:
    from ui.main_window import MainWindow

    ctx = AppContext(db, _login(db, result), office_info(db))
    start = time.perf_counter()
    window = MainWindow(ctx, idle_minutes=0)
    window.backup_on_close = False
    window.show()
    app.processEvents()
    result["main_window_ms"] = round((time.perf_counter() - start) * 1000, 1)
    result["pages"] = []
    for index, spec in enumerate(PAGES):
        entry: dict[str, Any] = {"page": spec.key}
        start = time.perf_counter()
        try:
            window.show_page(index)
            app.processEvents()
            page = window.page(index)
            page.refresh()
            _rows_arrived(app, page, PAGE_LIMIT_MS / 1000)
            entry["built"] = not isinstance(page, EmptyPage)
        except Exception as exc:  # a broken page is reported, the others still visited
            entry["error"] = f"{type(exc).__name__}: {exc}"
            result["errors"].append(f"page {spec.key}: {traceback.format_exc(limit=3)}")
        entry["ms"] = round((time.perf_counter() - start) * 1000, 1)
        if entry["ms"] > PAGE_LIMIT_MS:
            result["errors"].append(f"page {spec.key}: {entry['ms'] / 1000:.1f} s (limit {PAGE_LIMIT_MS // 1000} s)")
        result["pages"].append(entry)
    result["plan_review"] = _visit_plan_review(app, ctx, window, result)
    window.close()
    window.deleteLater()
    app.processEvents()
