"""One lazy table model over a service's PagedQuery: pages on demand, sorting, filtering.

The view asks only for the rows it paints; the model fetches them a page at a time and
keeps a bounded number of pages, so 100,000 rows cost one COUNT and a few small SELECTs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from services.paging import PagedQuery, PageRequest

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
MAX_PAGES = 50  # pages kept in memory (10,000 rows); older ones are fetched again if needed


class LazyTableModel(QAbstractTableModel):
    ROW_ROLE = Qt.ItemDataRole.UserRole  # the whole row as a dict
    RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's raw value (dates, numbers)

    def __init__(self, query: PagedQuery, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.query = query
        self.page_size = page_size
        self.request = PageRequest(limit=page_size)
        self._count = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self.cell_colours: Callable[[str, Any], str | None] | None = None  # background by value
        self.fetches = 0  # pages read from the service, for tests and the selftest
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
            return QCoreApplication.translate("labels", self.query.columns[section].label)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row(index.row())
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
        self.request.sort = spec.key
        self.request.descending = order == Qt.SortOrder.DescendingOrder
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
        if text != self.request.text:
            self.request.text = text
            self.reload()

    def set_filters(self, filters: dict[str, Any]) -> None:
        cleaned = {key: value for key, value in filters.items() if value not in (None, "", [], ())}
        if cleaned != self.request.filters:
            self.request.filters = cleaned
            self.reload()

    def set_query(self, query: PagedQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._count = self.query.count(self._request(0))
        self.endResetModel()

    def find_row(self, key: str, value: Any, limit: int = 5_000) -> int:
        """The row number whose ``key`` equals ``value`` among the first ``limit`` rows, or -1."""
        for number in range(min(self._count, limit)):
            row = self.row(number)
            if row is not None and row.get(key) == value:
                return number
        return -1

    def _request(self, page: int) -> PageRequest:
        r = self.request
        return PageRequest(
            r.text, dict(r.filters), r.sort, r.descending, page * self.page_size, self.page_size
        )

    def _fetch(self, page: int) -> list[dict[str, Any]]:
        rows = self.query.fetch(self._request(page))
        self.fetches += 1
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows
