"""Shared widgets: the searchable lazy table every list page uses, and small form helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services.core.paging import PagedQuery
from services.core.vietnamese import format_number
from ui.context import AppContext
from ui.flow import FlowLayout
from ui.jobs import reads_gathered
from ui.slots import on_click
from ui.table_model import LazyTableModel

MAX_COLUMN_WIDTH = 320
SAMPLE_ROWS = 40  # rows measured to size the columns
SAMPLE_CELLS = 800  # at most about this many cells measured


class DataTable(QWidget):
    """Search box + lazy table + row count + "Xuất Excel" (exports what the table shows)."""

    activated = Signal(dict)  # double click or Enter on a row
    current_changed = Signal(object)  # the current row's dict, or None

    def __init__(self, ctx: AppContext, query: PagedQuery, parent: QWidget | None = None,
                 *, title: str = "", search: bool = True) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.title = ctx, title
        self.model = LazyTableModel(query, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Tìm (gõ không dấu cũng được)…"))
        self.search.setClearButtonEnabled(True)
        self.search.setVisible(search)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.view = self._make_view()
        self.count_label = QLabel(self)
        self.export_button = QPushButton(self.tr("Xuất Excel"), self)
        on_click(self.export_button, self.export_excel)
        self._layout()
        self._fitted = False
        self.model.modelReset.connect(self._rows_arrived)
        self.model.loading.connect(lambda _busy: self._update_count())
        self.model.failed.connect(self._read_failed)
        self._rows_arrived()
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.model)
        # The header starts on the query's own order, not Qt's default (first column, descending).
        keys = [c.key for c in self.model.query.columns]
        default = getattr(self.model.query, "default_sort", "")
        view.horizontalHeader().setSortIndicator(
            keys.index(default) if default in keys else -1, Qt.SortOrder.AscendingOrder
        )
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicatorShown(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().setDefaultSectionSize(24)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        # activated covers a double click and Enter; connecting doubleClicked too opened dialogs twice
        view.activated.connect(self._activate)
        view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.current_changed.emit(self.row_at(cur))
        )
        return view

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        self.tools = FlowLayout()  # filters a page adds under the search box; wraps when narrow
        self.actions = FlowLayout()  # what a page does with the chosen rows, beside the count
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addLayout(self.actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def add_tool(self, widget: QWidget) -> QWidget:
        """Put a page's filter under the search box; returns it."""
        widget.setParent(self)
        self.tools.addWidget(widget)
        return widget

    def add_action(self, widget: QWidget) -> QWidget:
        """Put a page's action button beside the row count; returns it."""
        widget.setParent(self)
        self.actions.addWidget(widget)
        return widget

    # --- rows --------------------------------------------------------------------------

    def row_at(self, index: QModelIndex) -> dict[str, Any] | None:
        return self.model.row(index.row()) if index.isValid() else None

    def current_row(self) -> dict[str, Any] | None:
        return self.row_at(self.view.currentIndex())

    def selected_rows(self) -> list[dict[str, Any]]:
        numbers = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [row for n in numbers if (row := self.model.row(n)) is not None]

    def select_row(self, number: int) -> None:
        if 0 <= number < self.model.rowCount():
            index = self.model.index(number, 0)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.view.selectionModel().setCurrentIndex(index, flags)
            self.view.scrollTo(index)

    def reload(self) -> None:
        self.model.reload()

    def refresh_rows(self, ids: list[Any], key: str = "id") -> None:
        """After a change to these rows only: their pages are read again, the rest stays (no reset)."""
        self.model.refresh_rows(ids, key)

    def set_filters(self, filters: dict[str, Any]) -> None:
        self.model.set_filters(filters)

    def _apply_search(self) -> None:
        self.model.set_text(self.search.text().strip())

    def _activate(self, index: QModelIndex) -> None:
        row = self.row_at(index)
        if row is not None:
            self.activated.emit(row)

    def _rows_arrived(self) -> None:
        self._update_count()
        if not self._fitted and self.model.rowCount() and self.isVisible():
            self._fit_columns()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._fitted and self.model.rowCount():  # a table on a tab not shown until now
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Widths from a sample of the first page, measured once, capped so one long name does not
        push the rest away (Qt's resizeColumnsToContents asked the model for every cell: seconds)."""
        self._fitted = True
        metrics, bold = self.view.fontMetrics(), self.view.horizontalHeader().fontMetrics()
        header = self.view.horizontalHeader()
        columns = self.model.columnCount()
        # a wide matrix (a column per unit) measures fewer rows: the cost stays about SAMPLE_CELLS
        sample = range(min(self.model.rowCount(), SAMPLE_ROWS, max(3, SAMPLE_CELLS // max(columns, 1))))
        for column in range(columns):
            title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            widest = max((metrics.horizontalAdvance(self.model.data(self.model.index(r, column)) or "")
                          for r in sample), default=0)  # fmt: skip
            width = max(widest + 12, bold.horizontalAdvance(str(title)) + 28)  # margins, sort arrow
            header.resizeSection(column, min(width, MAX_COLUMN_WIDTH))

    def _update_count(self) -> None:
        if self.model.is_loading:
            self.count_label.setText(self.tr("Đang tìm…"))
            return
        self.count_label.setStyleSheet("")
        self.count_label.setText(self.tr("{n} dòng").format(n=format_number(self.model.rowCount())))

    def _read_failed(self, message: str) -> None:
        self.count_label.setStyleSheet("color: #b00020")
        self.count_label.setText(message)

    # --- Excel -------------------------------------------------------------------------

    def export_excel(self, path: str | None = None) -> None:
        """Everything the table shows (search, filters, order), not just the loaded pages."""
        if path is None:
            default = str(Path.home() / f"{self.title or 'bang'}.xlsx")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất Excel"), default, "Excel (*.xlsx)")
            if not path:
                return
        from ui.jobs import run_job

        query, request = self.model.query, self.model.request
        target = Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")
        from services.printing.xlsx import export_query

        def work(progress: Any) -> Path:
            export_query(query, target, request, progress=progress)
            return target

        self.last_export = run_job(self, self.ctx, self.tr("Xuất Excel"), work)


def error_label(parent: QWidget) -> QLabel:
    """Where a dialog says, in red, why it did not save."""
    label = QLabel(parent)
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    return label


def ok_cancel(
    dialog: QDialog, ok_text: str, on_ok: Callable[[], Any], cancel_text: str = ""
) -> QDialogButtonBox:
    """The dialog's two buttons; ``on_ok`` decides whether it closes (it validates first)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    cancel = cancel_text or QCoreApplication.translate("dialogs", "Hủy")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def focus_first(widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


class LazyTab(QWidget):
    """A tab's place: the tab itself is built the first time it is shown or asked for.

    A page of six tabs built them all, each with its lists and filters, before it could paint
    (the plans page stalled the window a quarter of a second at 1,000 schools); now it builds
    the one shown.
    """

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self.widget: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def built(self) -> QWidget:
        if self.widget is None:
            with reads_gathered():  # its lists read while it is built, waited for once it is
                self.widget = self._build()
                self.layout().addWidget(self.widget)
            self.widget.show()  # now, not on the next turn (the layout's own show is queued)
        return self.widget

    def showEvent(self, event: Any) -> None:
        self.built()
        super().showEvent(event)


class LazyTabPage:
    """For a page (a QWidget) whose ``tabs`` hold ``LazyTab`` places by key, in ``_places``: each tab
    built when it is first shown or asked for. ``tab(key)`` is None for a tab this person lacks."""

    tabs: QTabWidget
    _places: dict[str, LazyTab]

    def _add(self, key: str, title: str, build: Callable[[], QWidget]) -> None:
        self._places[key] = place = LazyTab(build, self.tabs)
        self.tabs.addTab(place, title)

    def tab(self, key: str) -> Any:
        """The tab ``key``, built if it was not yet (None if this person has none)."""
        return self._places[key].built() if key in self._places else None

    def show_tab(self, key: str) -> Any:
        widget = self.tab(key)
        self.tabs.setCurrentWidget(self._places[key])
        return widget

    def current_tab(self) -> QWidget | None:
        place = self.tabs.currentWidget()
        return place.built() if isinstance(place, LazyTab) else None

