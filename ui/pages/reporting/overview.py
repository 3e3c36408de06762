"""Tổng quan: reports received and on time per round, overdue work, indicators against targets.

Every figure opens the list behind it: a round opens its review grid, the overdue count
the overdue assignments, an indicator its values by school level in the chart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.core.vietnamese import format_date, format_number, format_percent
from services.reporting.aggregation import IndicatorFigure
from services.reporting.dashboard import Dashboard, build_dashboard
from ui.context import AppContext
from ui.jobs import read_soon
from ui.row_table import Cell, RowTable
from ui.slots import on_click

MET, NOT_MET = QColor("#c8e6c9"), QColor("#ffcdd2")


def _table(parent: QWidget, headers: list[str], *, stretch_first: bool = True) -> RowTable:
    return RowTable(parent, headers, stretch=[0] if stretch_first else [], stretch_last=not stretch_first,
                    row_numbers=False)  # fmt: skip


def _share(value: float | None) -> str:
    return format_percent(value * 100) if value is not None else "—"


class OverviewPage(QWidget):
    SHOWS = frozenset({"reporting_rounds", "round_units", "reports", "report_values", "documents", "tasks",
                       "assignments", "indicators", "data_elements", "org_units"})  # fmt: skip
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dashboard: Dashboard | None = None
        self.as_of = QDateEdit(QDate.currentDate(), self)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        self.as_of.setCalendarPopup(True)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.overdue = QPushButton(self)
        self.overdue.setFlat(True)
        self.overdue.setStyleSheet("font-size: 15pt; color: #b00020; text-align: left")
        on_click(self.overdue, self.open_overdue)
        self.overdue_handling = QPushButton(self)  # incoming documents whose handling is late
        self.overdue_handling.setFlat(True)
        self.overdue_handling.setStyleSheet("font-size: 13pt; color: #b00020; text-align: left")
        on_click(self.overdue_handling, self.open_handling)
        # Four columns, "8/12 · 66,7%", so the round itself stays readable beside the indicators.
        self.rounds = _table(self, [self.tr("Kỳ báo cáo"), self.tr("Hạn nộp"), self.tr("Đã nộp"),
                                    self.tr("Đúng hạn")], stretch_first=False)  # fmt: skip
        self.rounds.cellDoubleClicked.connect(lambda row, _col: self.open_round(row))
        self.indicators = _table(self, [self.tr("Chỉ tiêu"), self.tr("Kỳ"), self.tr("Mục tiêu"),
                                        self.tr("Giá trị"), self.tr("Đạt")])  # fmt: skip
        self.indicators.currentCellChanged.connect(lambda row, *_: self.show_chart(row))
        self.chart = QChartView(self)
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(240)
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("<h3>" + self.tr("Tổng quan") + "</h3>", self))
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Tính đến ngày:"), self))
        top.addWidget(self.as_of)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>" + self.tr("Báo cáo định kỳ: đã nộp và đúng hạn") + "</b>", self), 0, 0)
        grid.addWidget(self.rounds, 1, 0)
        grid.addWidget(QLabel("<b>" + self.tr("Chỉ tiêu so với mục tiêu") + "</b>", self), 0, 1)
        grid.addWidget(self.indicators, 1, 1)
        grid.addWidget(self.chart, 2, 0, 1, 2)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 2)  # the indicators' names are the longer key column
        grid.setColumnStretch(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.overdue)
        layout.addWidget(self.overdue_handling)
        layout.addLayout(grid, 1)
        layout.addWidget(QLabel(self.tr("Nhấn đúp vào một kỳ báo cáo để xem từng đơn vị; chọn một chỉ tiêu để "
                                        "xem theo cấp học."), self))  # fmt: skip

    def today(self) -> dt.date:
        return self.as_of.date().toPython()

    def refresh(self) -> None:
        """The figures are read off the GUI thread (at 1,000 schools they take a moment)."""
        today, db, actor = self.today(), self.ctx.db, self.ctx.actor
        read_soon(self, "dashboard", lambda: build_dashboard(db, actor, today), self.show_dashboard)

    def show_dashboard(self, d: Dashboard) -> None:
        self.dashboard = d
        self.overdue.setText(self.tr("{n} việc được giao đã quá hạn — xem danh sách").format(
            n=format_number(d.overdue_assignments)))  # fmt: skip
        self.overdue_handling.setText(self.tr("{n} văn bản đến quá hạn giải quyết — xem sổ văn bản đến").format(
            n=format_number(d.overdue_handling)))  # fmt: skip
        self.overdue_handling.setVisible(d.overdue_handling > 0)
        self._fill_rounds(d)
        self._fill_indicators(d)
        if self.indicators.rowCount() and self.indicators.currentRow() < 0:
            self.indicators.setCurrentCell(0, 0)  # shows its chart
        else:
            self.show_chart(self.indicators.currentRow())

    def _fill_rounds(self, d: Dashboard) -> None:
        self.rounds.set_rows(
            [Cell(r.period or r.name, tooltip=r.name),
             Cell(format_date(r.due), tooltip=r.name, right=True),
             Cell(f"{format_number(r.received)}/{format_number(r.expected)} · {_share(r.completeness)}",
                  tooltip=r.name, right=True),
             Cell(f"{format_number(r.on_time)}/{format_number(r.expected)} · {_share(r.timeliness)}",
                  tooltip=r.name, right=True)]
            for r in d.rounds
        )  # fmt: skip

    def _fill_indicators(self, d: Dashboard) -> None:
        periods = {r.id: r.period for r in d.rounds}

        def cells(f: IndicatorFigure) -> list[Cell]:
            met = {True: self.tr("Đạt"), False: self.tr("Chưa đạt"), None: "—"}[f.met]
            colour = (MET if f.met else NOT_MET) if f.met is not None else None
            texts = (f.name, periods.get(f.round_id, ""), self._value(f, f.target, comparator=True),
                     self._value(f, f.value))  # fmt: skip
            return [*(Cell(t, tooltip=f.name) for t in texts), Cell(met, colour, f.name)]

        self.indicators.set_rows(cells(f) for f in d.indicators)

    @staticmethod
    def _value(f: IndicatorFigure, value: float | None, *, comparator: bool = False) -> str:
        if value is None:
            return "—"
        text = format_percent(value) if f.unit == "%" else f"{format_number(value)} {f.unit}".strip()
        return f"{f.comparator} {text}" if comparator and f.comparator else text

    # --- drilling down ---------------------------------------------------------------

    def show_chart(self, row: int) -> None:
        chart = QChart()
        chart.legend().setVisible(False)
        d = self.dashboard
        if d is None or not 0 <= row < len(d.indicators):
            chart.setTitle(self.tr("Chưa có chỉ tiêu nào có số liệu."))
            self.chart.setChart(chart)
            return
        chosen = d.indicators[row]
        parts = [
            f
            for f in d.by_level
            if f.code == chosen.code and f.round_id == chosen.round_id and f.value is not None
        ]
        chart.setTitle(self.tr("{name}: theo cấp học").format(name=chosen.name))
        bars = QBarSet(self.tr("Giá trị"))
        for f in parts:
            bars.append(f.value)
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([f.group_label or f.group for f in parts])
        axis_y = QValueAxis()
        top = max([f.value for f in parts] + [chosen.target or 0, 1])
        axis_y.setRange(0, 100 if chosen.unit == "%" and 50 < top <= 100 else top * 1.25)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        if chosen.target is not None and parts:
            self._target_line(chart, chosen.target, len(parts), axis_y)
        self.chart.setChart(chart)

    def _target_line(self, chart: QChart, target: float, bars: int, axis_y: QValueAxis) -> None:
        line = QLineSeries()
        line.setName(self.tr("Mục tiêu"))
        line.append(-0.5, target)
        line.append(bars - 0.5, target)
        line.setColor(QColor("#b00020"))
        chart.addSeries(line)
        axis = QValueAxis()
        axis.setRange(-0.5, bars - 0.5)
        axis.setVisible(False)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignTop)
        line.attachAxis(axis)
        line.attachAxis(axis_y)

    def open_overdue(self) -> None:
        page = self._go("plans")
        if page is not None and hasattr(page, "assignments"):
            page.assignments.overdue.setChecked(True)
            page.show_tab("assignments")

    def open_handling(self) -> None:
        page = self._go("register")
        if page is not None and hasattr(page, "show_overdue"):
            page.show_overdue()

    def open_round(self, row: int) -> None:
        page = self._go("reports")
        if page is not None and hasattr(page, "open_round") and self.dashboard is not None:
            page.open_round(self.dashboard.rounds[row].id)

    def _go(self, key: str) -> Any:
        window = self.window()
        return window.show_page_key(key) if hasattr(window, "show_page_key") else None
