"""One lazy table model over a service's PagedQuery: pages on demand, sorting, filtering.

The view asks only for the rows it paints; the model fetches them a page at a time and
keeps a bounded number of pages, so 100,000 rows cost one COUNT and a few small SELECTs.

The count and the pages are read off the GUI thread (``ui.jobs.run_quiet``): a search
or a sort waits at most ``ui.jobs.TURN_BUDGET_S`` for its answer, and all the tables of
one turn of the event loop share that wait (``ui.jobs.settle_soon``; a small office
gets its rows at once, as before), then the window goes on and the rows appear when they
arrive. Each new search supersedes the one before: an answer to an older request is dropped.
``request`` is what the table shows (an export writes exactly that).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from models.errors import EduDeskError
from services.core.paging import KEYSET_SORT, KEYSET_TIE, PagedQuery, PageRequest
from ui.i18n import message_of
from ui.jobs import TURN_BUDGET_S, run_quiet, settle_soon

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
MAX_PAGES = 50  # pages kept in memory (10,000 rows); older ones are fetched again if needed


@dataclass
class _Read:
    """One read off the GUI thread: the count and first page of a request, or one more page."""

    generation: int
    request: PageRequest
    page: int | None = None  # None: count + first page
    after: tuple[Any, Any] | None = None  # the previous page's last row: read on from it
    fresh: bool = False  # a page re-read after a change: it replaces the one shown
    done: threading.Event = field(default_factory=threading.Event)
    count: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    error: BaseException | None = None
    used: bool = False


class LazyTableModel(QAbstractTableModel):
    ROW_ROLE = Qt.ItemDataRole.UserRole  # the whole row as a dict
    RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's raw value (dates, numbers)
    loading = Signal(bool)  # True while a search's answer is awaited
    failed = Signal(str)  # a read went wrong: what to tell the person

    def __init__(self, query: PagedQuery, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.query = query
        self.page_size = page_size
        self.request = PageRequest(limit=page_size)  # what the rows shown answer
        self._wanted = PageRequest(limit=page_size)  # what was last asked for
        self._count = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._generation = 0
        self._reading: set[int] = set()  # pages being read off the GUI thread
        self.is_loading = False
        self.cell_colours: Callable[[str, Any], str | None] | None = None  # background by value
        self.fetches = 0  # pages read from the service, for tests and the selftest
        self._titled: Any = None  # the columns whose titles are in _title_texts
        self._title_texts: list[str] = []
        self.reload()

    # --- what the view asks ----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.query.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles()[section] if 0 <= section < len(self.query.columns) else None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def _titles(self) -> list[str]:
        """The columns' titles, translated once per query: Qt asks for them thousands of times
        while it lays out a matrix of 270 columns (a translation each: 45 ms of the window)."""
        if self._titled is not self.query.columns:
            self._titled = self.query.columns
            self._title_texts = [QCoreApplication.translate("labels", c.label) for c in self.query.columns]
        return self._title_texts

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._cached(index.row())  # painting never waits for the database
        if row is None:
            return None
        column = self.query.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = column.display(row.get(column.key))
            # a formatted value is a label (a status, an action, a kind): shown in the interface language
            return QCoreApplication.translate("labels", text) if column.format is not None and text else text
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.cell_colours is not None:
            colour = self.cell_colours(column.key, row.get(column.key))
            return QColor(colour) if colour else None
        if role == self.ROW_ROLE:
            return row
        if role == self.RAW_ROLE:
            return row.get(column.key)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        spec = self.query.columns[column]
        if not spec.sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        current = self._wanted.sort or getattr(self.query, "default_sort", None)
        if spec.key == current and descending == self._wanted.descending:
            return  # the view announcing the order it already has
        self._wanted = replace(self._wanted, sort=spec.key, descending=descending)
        self.reload()

    # --- what pages call ---------------------------------------------------------------

    def row(self, number: int) -> dict[str, Any] | None:
        if not 0 <= number < self._count:
            return None
        page = number // self.page_size
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
        else:
            self._pages.move_to_end(page)
        offset = number - page * self.page_size
        return rows[offset] if offset < len(rows) else None

    def set_text(self, text: str) -> None:
        if text != self._wanted.text:
            self._wanted = replace(self._wanted, text=text)
            self.reload()

    def set_filters(self, filters: dict[str, Any]) -> None:
        cleaned = {key: value for key, value in filters.items() if value not in (None, "", [], ())}
        if cleaned != self._wanted.filters:
            self._wanted = replace(self._wanted, filters=cleaned)
            self.reload()

    def set_query(self, query: PagedQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Count and read the first page of what is wanted; waits at most what this turn of the
        event loop has left of ``TURN_BUDGET_S``."""
        self._generation += 1
        read = _Read(self._generation, replace(self._wanted, filters=dict(self._wanted.filters)))
        run_quiet(lambda: self._read(read), self._arrived, self)
        arrived = settle_soon(read.done, TURN_BUDGET_S, lambda: self._arrived(read),
                              lambda: read.generation == self._generation)  # fmt: skip
        if not arrived and not self.is_loading:
            self.is_loading = True
            self.loading.emit(True)

    def _read(self, read: _Read) -> _Read:
        """On a worker thread: what ``read`` asks, unless a newer request made it useless."""
        try:
            if read.generation == self._generation:
                if read.page is None:
                    read.count = self.query.count(self._page_request(read.request, 0))
                    read.rows = self.query.fetch(self._page_request(read.request, 0)) if read.count else []
                else:
                    read.rows = self.query.fetch(self._page_request(read.request, read.page, read.after))
        except Exception as exc:  # told on the GUI thread
            read.error = exc
        finally:
            read.done.set()
        return read

    def _arrived(self, read: _Read) -> None:
        if read.used:
            return
        read.used = True
        if read.page is not None:
            self._reading.discard(read.page)
        if read.generation != self._generation:
            return  # superseded by a newer search, sort or filter
        if read.error is not None:
            self._failed(read.error)
        elif read.page is None:
            self.beginResetModel()
            self.request, self._count = read.request, read.count
            self._pages.clear()
            self._reading.clear()
            self._keep(0, read.rows)
            self.endResetModel()
        elif read.page not in self._pages or read.fresh:
            self._keep(read.page, read.rows)
            first = read.page * self.page_size
            last = min(first + self.page_size, self._count) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
        if read.page is None and self.is_loading:
            self.is_loading = False
            self.loading.emit(False)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, EduDeskError):
            log.error("reading a table failed", exc_info=exc)
        self.is_loading = False
        self.loading.emit(False)
        self.failed.emit(message_of(exc) if isinstance(exc, EduDeskError) else QCoreApplication.translate(
            "table", "Không đọc được dữ liệu của bảng: {error}").format(error=exc))  # fmt: skip

    def refresh_rows(self, values: list[Any], key: str = "id") -> None:
        """Re-read, off the GUI thread, only the pages in memory that hold rows whose ``key`` is in
        ``values`` (a change to those rows): the count and every other page stay as they are."""
        wanted = set(values)
        for page, rows in list(self._pages.items()):
            if any(row.get(key) in wanted for row in rows):  # the old rows stay shown until then
                read = _Read(self._generation, self.request, page, self._after(page), fresh=True)
                run_quiet(lambda read=read: self._read(read), self._arrived, self)

    def find_row(self, key: str, value: Any, limit: int = 5_000) -> int:
        """The row number whose ``key`` equals ``value`` among the first ``limit`` rows, or -1."""
        for number in range(min(self._count, limit)):
            row = self.row(number)
            if row is not None and row.get(key) == value:
                return number
        return -1

    def _page_request(self, request: PageRequest, page: int, after: tuple[Any, Any] | None = None) -> PageRequest:
        return replace(request, filters=dict(request.filters), offset=page * self.page_size, limit=self.page_size,
                       keyset=True, after=after)  # fmt: skip

    def _after(self, page: int) -> tuple[Any, Any] | None:
        """The sort value and tie-breaker of the last row before ``page``, when that page is in memory."""
        before = self._pages.get(page - 1) if page > 0 else None
        if not before or len(before) < self.page_size or KEYSET_TIE not in before[-1]:
            return None
        return before[-1].get(KEYSET_SORT), before[-1][KEYSET_TIE]

    def _cached(self, number: int) -> dict[str, Any] | None:
        """The row if its page is in memory; otherwise its page is read off the GUI thread."""
        if not 0 <= number < self._count:
            return None
        page = number // self.page_size
        rows = self._pages.get(page)
        if rows is None:
            if page not in self._reading:
                self._reading.add(page)
                read = _Read(self._generation, self.request, page, self._after(page))
                run_quiet(lambda: self._read(read), self._arrived, self)
            return None
        offset = number - page * self.page_size
        return rows[offset] if offset < len(rows) else None

    def _fetch(self, page: int) -> list[dict[str, Any]]:
        """Read one page now (a page asked for a row by number: the person's chosen row)."""
        rows = self.query.fetch(self._page_request(self.request, page, self._after(page)))
        self._keep(page, rows)
        return rows

    def _keep(self, page: int, rows: list[dict[str, Any]]) -> None:
        self.fetches += 1
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
