"""The lazy model reads off the GUI thread: a slow count does not hold the window, a newer search wins."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtWidgets import QTableView

from services.core.paging import ColumnSpec, PageRequest
from ui.table_model import LazyTableModel

pytestmark = pytest.mark.real_waits  # these tests are about the window's own wait


class GatedQuery:
    """Rows "truong N"; while the gate is shut every read waits, like a COUNT over 100,000 rows."""

    columns = [ColumnSpec("n", "Số", numeric=True), ColumnSpec("name", "Tên")]

    def __init__(self, total: int = 5000) -> None:
        self.total = total
        self.gate = threading.Event()
        self.gate.set()
        self.threads: list[str] = []
        self.counted: list[str] = []

    def _numbers(self, request: PageRequest) -> list[int]:
        return [n for n in range(self.total) if request.text in f"truong {n}"]

    def count(self, request: PageRequest) -> int:
        self.gate.wait(30)
        self.counted.append(request.text)
        return len(self._numbers(request))

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
        self.gate.wait(30)
        self.threads.append(threading.current_thread().name)
        numbers = self._numbers(request)[request.offset : request.offset + request.limit]
        return [{"n": n, "name": f"truong {n}"} for n in numbers]


def test_a_slow_search_leaves_the_window_free_and_the_newest_search_wins(qtbot) -> None:
    query = GatedQuery()
    model = LazyTableModel(query)
    assert model.rowCount() == 5000 and not model.is_loading
    query.gate.clear()
    model.set_text("12")
    assert model.is_loading, "the answer is awaited, the window goes on"
    assert model.rowCount() == 5000 and model.request.text == "", "the rows shown are still the old ones"
    model.set_text("123")  # the clerk typed on
    query.gate.set()
    qtbot.waitUntil(lambda: not model.is_loading)
    assert model.request.text == "123"
    assert model.rowCount() == len(query._numbers(PageRequest(text="123")))
    assert all("123" in model.row(i)["name"] for i in range(model.rowCount()))
    qtbot.wait(50)
    assert model.request.text == "123", "the answer to the older search never replaces the newer"


def test_painting_never_reads_on_the_gui_thread(qtbot) -> None:
    query = GatedQuery(total=20_000)
    model = LazyTableModel(query)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    query.threads.clear()
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.data(model.index(19_999, 1)) == "truong 19999")
    assert query.threads and threading.main_thread().name not in query.threads


def test_read_soon_applies_at_once_when_quick_later_when_slow_and_only_the_newest(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from ui.jobs import read_soon

    owner = QWidget()
    qtbot.addWidget(owner)
    shown: list[str] = []
    read_soon(owner, "figures", lambda: "quick", shown.append)
    assert shown == ["quick"], "within the budget it is applied in place"
    gate = threading.Event()

    def slow() -> str:
        gate.wait(30)
        return "old"

    read_soon(owner, "figures", slow, shown.append)
    assert shown == ["quick"], "the window goes on while the slow read runs"
    read_soon(owner, "figures", lambda: (gate.wait(30), "new")[1], shown.append)
    gate.set()
    qtbot.waitUntil(lambda: shown[-1] == "new")
    qtbot.wait(50)
    assert shown == ["quick", "new"], "the superseded read is never shown"


def test_scrolling_on_reads_the_next_page_after_the_last_row_not_by_offset(qtbot) -> None:
    from services.core.paging import KEYSET_SORT, KEYSET_TIE

    class Keyed(GatedQuery):
        asked: list[PageRequest] = []

        def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
            self.asked.append(request)
            start = request.after[1] + 1 if request.after else request.offset
            return [{"n": n, "name": f"truong {n}", KEYSET_SORT: n, KEYSET_TIE: n}
                    for n in range(start, min(start + request.limit, self.total))]  # fmt: skip

    query = Keyed(total=1000)
    model = LazyTableModel(query)
    assert model.row(199)["n"] == 199
    assert model.row(200)["n"] == 200 and model.row(450)["n"] == 450
    assert [r.after for r in query.asked] == [None, (199, 199), (399, 399)], "each page from the one before"
    assert all(r.keyset for r in query.asked)


def test_refresh_rows_re_reads_only_the_page_holding_them_without_a_reset(qtbot) -> None:
    query = GatedQuery(total=1000)
    model = LazyTableModel(query)
    assert model.row(450)["n"] == 450  # pages 0 and 2 in memory
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    query.threads.clear()
    model.refresh_rows([450], key="n")
    qtbot.waitUntil(lambda: bool(changed))
    assert changed == [(400, 599)] and not resets and len(query.threads) == 1
    assert model.rowCount() == 1000 and model.row(450)["n"] == 450


def test_the_tables_built_in_one_turn_share_one_wait(qtbot) -> None:
    """A page that builds six tables must not stall the window six times as long."""
    from ui.jobs import TURN_BUDGET_S

    query = GatedQuery()
    query.gate.clear()  # a count over 100,000 rows
    start = time.perf_counter()
    models = [LazyTableModel(query) for _ in range(6)]
    waited = time.perf_counter() - start
    assert all(m.is_loading for m in models), "none had its rows: each went on"
    assert waited < 2 * TURN_BUDGET_S, f"six tables waited {waited:.2f} s in all"
    qtbot.wait(20)  # the next turn of the event loop waits afresh
    start = time.perf_counter()
    models[0].set_text("12")
    assert time.perf_counter() - start >= 0.8 * TURN_BUDGET_S
    query.gate.set()
    qtbot.waitUntil(lambda: not any(m.is_loading for m in models))
    assert models[0].rowCount() == len(query._numbers(PageRequest(text="12")))
