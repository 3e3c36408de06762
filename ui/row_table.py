"""A read-only table over rows a service already returned: one model, no widget item per cell.

The pages that show a service's list (the review grid of a round, indicator values,
peers, conflicts, accounts, the dashboard) used ``QTableWidget`` with every column on
``ResizeToContents``: each filled cell made the header measure its whole column again,
so 1,000 units took minutes. ``RowTable`` is a ``QTableView`` over ``RowsModel`` (the
rows as plain cells); column widths come from a sample of rows, measured once per fill,
and one changed row is replaced in place. It keeps the few ``QTableWidget`` calls the
pages and their tests use (``item(r, c).text()``, ``setCurrentCell``, ``currentRow``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
SAMPLE_ROWS = 60  # rows measured to size the columns; the rest are elided if longer
MAX_COLUMN_WIDTH = 320
NAME_MIN = 150  # a stretched name column narrows to this before the figures beside it do
FREE_TEXT_MIN = 60  # a comment column narrows to this (header elided) before codes and dates do
_PADDING = 10  # a cell's margins (what the item delegate adds to its text)
_HEADER_PADDING = 14


@dataclass(frozen=True)
class Cell:
    text: str
    background: QColor | str | None = None
    tooltip: str = ""
    right: bool = False  # figures are right-aligned


CellLike = Cell | str


def _cell(value: CellLike) -> Cell:
    return value if isinstance(value, Cell) else Cell("" if value is None else str(value))


class RowsModel(QAbstractTableModel):
    """Rows of cells in memory; ``set_rows`` replaces them all, ``set_row`` one of them."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[list[Cell]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:  # a header elided in a narrow table
            return self.headers[section] if 0 <= section < len(self.headers) else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return section + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index.row(), index.column()) if index.isValid() else None
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:  # a name cut short shows whole on hover
            return cell.tooltip or cell.text or None
        if role == Qt.ItemDataRole.BackgroundRole and cell.background is not None:
            return QColor(cell.background)
        if role == Qt.ItemDataRole.TextAlignmentRole and cell.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def cell(self, row: int, column: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= column < len(self.rows[row]):
            return self.rows[row][column]
        return None

    def set_rows(self, rows: Iterable[Sequence[CellLike]]) -> None:
        self.beginResetModel()
        self.rows = [[_cell(v) for v in row] for row in rows]
        self.endResetModel()

    def set_row(self, number: int, cells: Sequence[CellLike]) -> None:
        if not 0 <= number < len(self.rows):
            return
        self.rows[number] = [_cell(v) for v in cells]
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.headers) - 1))


class _Item:
    """What ``QTableWidget.item(r, c)`` gave the pages and tests: the text, colour and tip of a cell."""

    def __init__(self, table: RowTable, row: int, column: int) -> None:
        self.table, self._row, self._column = table, row, column

    def _cell(self) -> Cell:
        return self.table.rows_model.cell(self._row, self._column) or Cell("")

    def text(self) -> str:
        return self._cell().text

    def toolTip(self) -> str:
        return self._cell().tooltip

    def background(self) -> QColor:
        colour = self._cell().background
        return QColor(colour) if colour is not None else QColor()

    def row(self) -> int:
        return self._row

    def column(self) -> int:
        return self._column


class RowTable(QTableView):
    """A read-only, row-selecting table of cells; see the module docstring."""

    cellDoubleClicked = Signal(int, int)
    currentCellChanged = Signal(int, int, int, int)  # row, column, previous row, previous column

    def __init__(self, parent: QWidget | None, headers: Sequence[str], *, stretch: Iterable[int] = (),
                 stretch_last: bool = False, row_numbers: bool = True, free_text: Iterable[int] = ()) -> None:  # fmt: skip
        super().__init__(parent)
        self.rows_model = RowsModel(headers, self)
        self.setModel(self.rows_model)
        self.stretch = set(stretch)
        self.free_text = set(free_text)  # comments: they give way first, even below their header
        self._shown_once = False
        self._wanted: dict[int, int] = {}  # each column's measured width (fit_columns)
        self._floor: dict[int, int] = {}  # its header's width, below which it never goes
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setVisible(row_numbers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # never ResizeToContents
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrowed comment header: «Nhận xét…»
        for column in self.stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(stretch_last)
        self.doubleClicked.connect(lambda index: self.cellDoubleClicked.emit(index.row(), index.column()))
        self.selectionModel().currentChanged.connect(
            lambda cur, prev: self.currentCellChanged.emit(cur.row(), cur.column(), prev.row(), prev.column())
        )
        self.fit_columns()

    # --- filling -----------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Sequence[CellLike]]) -> None:
        """Replace every row; the current row number is kept when it still exists."""
        current = self.currentRow()
        self.rows_model.set_rows(rows)
        self.fit_columns()
        if 0 <= current < self.rowCount():
            self.setCurrentCell(current, 0)

    def set_row(self, number: int, cells: Sequence[CellLike]) -> None:
        """Replace one row in place (a decision on it): nothing else is re-read or re-measured."""
        self.rows_model.set_row(number, cells)

    def fit_columns(self) -> None:
        """Widths from the header and a sample of rows, capped, so a fill costs the same at any size.

        When the table is too narrow, a stretched column (a unit's or an indicator's name) gives
        way first, down to ``NAME_MIN`` (its full text is in its tooltip), then a free-text column
        (a comment) down to ``FREE_TEXT_MIN``, its header elided, so that the codes, dates, short
        figures and statuses beside them («MN001», «Chưa đạt», «≥ 100,0%») stay whole; only then
        do the widest of the others give way (their text is elided).
        """
        metrics = self.fontMetrics()
        bold = self.horizontalHeader().fontMetrics()
        sample = self.rows_model.rows[:SAMPLE_ROWS]
        self._wanted.clear()
        for column, title in enumerate(self.rows_model.headers):
            widest = max((metrics.horizontalAdvance(row[column].text) for row in sample if column < len(row)),
                         default=0)  # fmt: skip
            self._floor[column] = bold.horizontalAdvance(title) + _HEADER_PADDING
            self._wanted[column] = min(max(widest + _PADDING, self._floor[column]), MAX_COLUMN_WIDTH)
        self._share_width()

    def _share_width(self) -> None:
        """The measured widths shared out over the width the table has now (nothing is measured)."""
        wanted, floor = self._wanted, self._floor
        fixed = {c: w for c, w in wanted.items() if c not in self.stretch}
        room = self.viewport().width() if self.isVisible() else 0
        if self.stretch and room > 0:
            excess = sum(fixed.values()) + sum(wanted[c] for c in self.stretch) - room
            names_give = sum(max(0, wanted[c] - max(floor[c], NAME_MIN)) for c in self.stretch)
            comments = {c: fixed[c] for c in self.free_text if c in fixed}
            left = _give_way(comments, {c: min(floor[c], FREE_TEXT_MIN) for c in comments}, excess - names_give)
            fixed.update(comments)
            _give_way(fixed, floor, left)
        for column, width in fixed.items():
            self.horizontalHeader().resizeSection(column, width)

    def resizeEvent(self, event: Any) -> None:
        """A table laid out narrower at first (the page still being placed) gets its room back."""
        super().resizeEvent(event)
        if self.stretch and self._wanted:
            self._share_width()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the first fill may have come before the table had its width
            self._shown_once = True
            self.fit_columns()

    # --- what QTableWidget offered -------------------------------------------------------

    def rowCount(self) -> int:
        return self.rows_model.rowCount()

    def columnCount(self) -> int:
        return self.rows_model.columnCount()

    def item(self, row: int, column: int) -> _Item | None:
        return _Item(self, row, column) if self.rows_model.cell(row, column) is not None else None

    def currentRow(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def setCurrentCell(self, row: int, column: int) -> None:
        index = self.rows_model.index(row, column)
        if not index.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)

    def visualItemRect(self, item: _Item) -> QRect:
        return self.visualRect(self.rows_model.index(item.row(), item.column()))


def _give_way(widths: dict[int, int], floor: dict[int, int], excess: int) -> int:
    """Narrow the widest columns (never below ``floor``) until ``excess`` pixels are given back;
    returns what could not be."""
    while excess > 0:
        movable = [c for c in widths if widths[c] > floor[c]]
        if not movable:
            return excess
        widest = max(movable, key=lambda c: widths[c])
        others = [widths[c] for c in movable if c != widest]
        step = min(excess, widths[widest] - max(floor[widest], max(others, default=0)))
        step = max(step, 1)  # equal widths: take a pixel from each in turn
        widths[widest] -= step
        excess -= step
    return 0
