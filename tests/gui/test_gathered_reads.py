"""A page or a tab is built while its reads run, and waits for them once it is built.

At 1,000 schools a tab that waited for its table's rows before building its filters and buttons
stalled the window for the wait and the rest of the build together; now the reads run while the
tab is built and are waited for at the end, so a small office still sees every row at once.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tests.gui.test_lazy_reads import GatedQuery
from ui.jobs import TURN_BUDGET_S, TURN_FLOOR_S, _TurnBudget, read_soon
from ui.table_model import LazyTableModel
from ui.widgets import LazyTab


def test_a_tab_is_built_while_its_reads_run_and_ends_with_every_row(qtbot) -> None:
    query = GatedQuery(total=300)
    query.gate.clear()  # the count of a district's tasks: still running while the tab is built
    seen: dict[str, Any] = {}

    def build() -> QWidget:
        tab = QWidget()
        model = LazyTableModel(query, tab)
        seen["model"] = model
        seen["rows while building"] = model.rowCount()
        figures = QLabel(tab)
        read_soon(figures, "figures", lambda: "12 đơn vị", figures.setText)
        seen["figures while building"] = figures.text()
        seen["figures"] = figures
        QVBoxLayout(tab).addWidget(figures)
        query.gate.set()  # the rest of the tab built meanwhile; the read can finish
        return tab

    place = LazyTab(build)
    qtbot.addWidget(place)
    place.built()
    assert seen["rows while building"] == 0 and seen["figures while building"] == "", (
        "the build went on while its reads ran"
    )
    model: LazyTableModel = seen["model"]
    assert model.rowCount() == 300 and model.row(0)["name"] == "truong 0" and not model.is_loading
    assert seen["figures"].text() == "12 đơn vị", "the tab is complete once built"


def test_a_read_replaced_during_the_build_is_not_waited_for(qtbot) -> None:
    first, second = GatedQuery(total=10), GatedQuery(total=20)
    first.gate.clear()  # never opens until the end: waiting for it would hold the window

    def build() -> QWidget:
        tab = QWidget()
        model = LazyTableModel(first, tab)
        model.set_query(second)  # a filter chosen while building: the first read is useless now
        tab.model = model  # type: ignore[attr-defined]
        return tab

    place = LazyTab(build)
    qtbot.addWidget(place)
    tab = place.built()
    assert tab.model.rowCount() == 20 and not tab.model.is_loading  # type: ignore[attr-defined]
    first.gate.set()
    qtbot.wait(20)
    assert tab.model.rowCount() == 20, "the older read never replaces the newer"  # type: ignore[attr-defined]


class _Recorded(threading.Event):
    """An event that never comes and remembers how long it was waited for."""

    def __init__(self) -> None:
        super().__init__()
        self.waited: list[float] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waited.append(timeout or 0.0)
        return False


def test_a_turn_that_built_a_page_waits_only_what_is_left_of_its_budget() -> None:
    budget = _TurnBudget()
    budget._watching = True  # the event loop's wake-ups are not watched here: the turn is set below
    long_build, short_build = _Recorded(), _Recorded()
    budget._woke = time.perf_counter() - 0.9 * TURN_BUDGET_S  # the page took most of the turn to build
    budget.wait(long_build, TURN_BUDGET_S)
    assert long_build.waited == [TURN_FLOOR_S], "what a small office's reads need, no more"
    budget._renew()
    budget._woke = time.perf_counter() - 0.2 * TURN_BUDGET_S
    budget.wait(short_build, TURN_BUDGET_S)
    assert TURN_FLOOR_S <= short_build.waited[0] <= 0.8 * TURN_BUDGET_S


def test_the_wait_at_the_end_of_a_build_leaves_room_to_show_it() -> None:
    from ui.jobs import SHOWING_S

    budget = _TurnBudget()
    budget._watching = True
    built = _Recorded()
    budget._woke = time.perf_counter() - 0.2 * TURN_BUDGET_S  # the tab took a fifth of the turn to build
    budget.wait(built, TURN_BUDGET_S, SHOWING_S)
    assert TURN_FLOOR_S <= built.waited[0] <= 0.8 * TURN_BUDGET_S - SHOWING_S
