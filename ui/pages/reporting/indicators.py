"""Chỉ tiêu: each indicator of the plans against its target, overall, by school level, by commune.

Values are the sum of the schools' numerators over the sum of their denominators; a
target found in an imported plan becomes an indicator in one step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from services.accounts.permissions import Action, Actor
from services.core.paging import PageRequest
from services.core.vietnamese import format_number, format_percent
from services.plans.task_lists import DocumentQuery
from services.reporting.aggregation import IndicatorFigure
from services.reporting.indicators import create_indicator_from_target
from services.reporting.views import document_targets, indicator_values, rounds
from ui.context import AppContext
from ui.flow import FlowLayout
from ui.gates import gate
from ui.i18n import tr_label
from ui.jobs import Job, read_soon
from ui.pages.reporting.overview import MET, NOT_MET
from ui.row_table import Cell, RowTable
from ui.slots import on_click
from ui.writes import refusal_shown, run_write

BREAKDOWN_LABELS = (("overall", "Toàn đơn vị"), ("level", "Theo cấp học"), ("commune", "Theo xã, thị trấn"))


def figure_text(f: IndicatorFigure, value: float | None) -> str:
    if value is None:
        return "—"
    return format_percent(value) if f.unit == "%" else f"{format_number(value)} {f.unit}".strip()


class IndicatorsPage(QWidget):
    SHOWS = frozenset({"indicators", "data_elements", "documents", "reporting_rounds", "round_units", "reports",
                       "report_values", "org_units"})  # fmt: skip
    HEADERS = ("Chỉ tiêu", "Nhóm", "Mục tiêu", "Tử số", "Mẫu số", "Giá trị", "Đạt")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: list[IndicatorFigure] = []
        self.round = QComboBox(self)
        self.breakdown = QComboBox(self)
        for key, text in BREAKDOWN_LABELS:
            self.breakdown.addItem(tr_label(text), key)
        self.round.currentIndexChanged.connect(lambda _i: self.show_values())
        self.breakdown.currentIndexChanged.connect(lambda _i: self.show_values())
        self.from_plan = QPushButton(self.tr("Tạo chỉ tiêu từ kế hoạch…"), self)
        gate(self.from_plan, ctx, Action.MANAGE_REPORTING)
        on_click(self.from_plan, lambda: self.create_from_plan())
        self.table = RowTable(self, [tr_label(h) for h in self.HEADERS], stretch=[0])
        self.note = QLabel(self.tr("Giá trị = tổng tử số của các đơn vị đã nộp báo cáo / tổng mẫu số "
                                   "(không lấy trung bình tỉ lệ của từng trường)."), self)  # fmt: skip
        self.note.setWordWrap(True)
        top = FlowLayout()  # wraps under the heading on a narrow screen
        top.addWidget(QLabel("<h3>" + self.tr("Chỉ tiêu") + "</h3>", self))
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Kỳ báo cáo:"), self))
        top.addWidget(self.round)
        top.addWidget(self.breakdown)
        top.addWidget(self.from_plan)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.refresh()

    def refresh(self) -> None:
        """The rounds and the figures of the one chosen, read off the GUI thread (``read_soon``)."""
        db, actor, current, by = self.ctx.db, self.ctx.actor, self.round.currentData(), self.breakdown.currentData()

        def read() -> tuple[list[Any], str | None, list[IndicatorFigure]]:
            listed = rounds(db, actor)
            ids = [r.id for r in listed]
            chosen = current if current in ids else _round_with_values(db, actor, ids)
            chosen = chosen or (ids[0] if ids else None)
            return listed, chosen, indicator_values(db, actor, chosen, by) if chosen else []

        read_soon(self, "values", read, self._show_rounds)

    def _show_rounds(self, read: tuple[list[Any], str | None, list[IndicatorFigure]]) -> None:
        listed, chosen, figures = read
        self.round.blockSignals(True)
        self.round.clear()
        for r in listed:
            self.round.addItem(f"{r.period} — {r.name}", r.id)
        self.round.setCurrentIndex(max(self.round.findData(chosen), 0))
        self.round.blockSignals(False)
        self._show_figures(figures)

    def show_values(self) -> None:
        round_id, by, db, actor = self.round.currentData(), self.breakdown.currentData(), self.ctx.db, self.ctx.actor
        read_soon(self, "values", lambda: indicator_values(db, actor, round_id, by) if round_id else [],
                  self._show_figures)

    def _show_figures(self, figures: list[IndicatorFigure]) -> None:
        self.figures = figures
        self.table.set_rows(self._cells(f) for f in self.figures)
        if not self.round.count():
            self.note.setText(
                self.tr("Chưa có kỳ báo cáo nào: chỉ tiêu được tính từ báo cáo của các trường.")
            )

    def _cells(self, f: IndicatorFigure) -> list[Cell]:
        group = self.tr("Toàn đơn vị") if f.group == "overall" else (f.group_label or f.group)
        met = {True: self.tr("Đạt"), False: self.tr("Chưa đạt"), None: "—"}[f.met]
        target = f"{f.comparator} {figure_text(f, f.target)}" if f.target is not None else "—"
        texts = (f.name, group, target, format_number(f.numerator) if f.numerator is not None else "—",
                 format_number(f.denominator) if f.denominator is not None else "—", figure_text(f, f.value))  # fmt: skip
        cells = [Cell(text, tooltip=f.name, right=bool(column)) for column, text in enumerate(texts)]
        colour = (MET if f.met else NOT_MET) if f.met is not None else None
        return [*cells, Cell(met, colour, f.name, right=True)]

    def create_from_plan(self, document_id: str | None = None, index: int | None = None) -> Job | None:
        """Choose a plan, then one of its targets; the write's job gives the new indicator's id."""
        if document_id is None:
            docs = DocumentQuery(self.ctx.db, self.ctx.actor).fetch(PageRequest(limit=200))
            labels = [f"{d.get('reference') or ''} {d.get('title') or ''}".strip()[:100] for d in docs]
            choice, ok = QInputDialog.getItem(
                self, self.tr("Chọn kế hoạch"), self.tr("Kế hoạch:"), labels, 0, False
            )
            if not ok or not labels:
                return None
            document_id = docs[labels.index(choice)]["id"]
        if index is None:
            ok, targets = refusal_shown(self, self.tr("Chỉ tiêu"),
                                        lambda: document_targets(self.ctx.db, self.ctx.actor, document_id))  # fmt: skip
            if not ok:
                return None
            if not targets:
                QMessageBox.information(self, self.tr("Chỉ tiêu"), self.tr("Kế hoạch không nêu chỉ tiêu nào."))
                return None
            texts = [t.text[:140] for t in targets]
            choice, ok = QInputDialog.getItem(self, self.tr("Chọn chỉ tiêu"), self.tr("Chỉ tiêu của kế hoạch:"),
                                              texts, 0, False)  # fmt: skip
            if not ok:
                return None
            index = texts.index(choice)
        chosen, target = document_id, index
        self.last_write = run_write(self, self.ctx, self.tr("Chỉ tiêu"), lambda: create_indicator_from_target(
            self.ctx.db, self.ctx.actor, chosen, target))  # fmt: skip
        return self.last_write


def _round_with_values(db: Database, actor: Actor, round_ids: list[str]) -> str | None:
    """The most recent round whose reports already give values (a new round has none yet)."""
    for round_id in round_ids:
        if any(f.value is not None for f in indicator_values(db, actor, round_id)):
            return round_id
    return None
