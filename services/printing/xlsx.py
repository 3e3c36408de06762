"""Excel views (``export-xlsx VIEW``): the GUI's tables streamed to .xlsx in write-only mode.

tasks, assignments and units walk the same paged queries the GUI shows; reports and
indicators are read here from the reporting models. Values stay typed (dates, numbers),
services.core.exports writes them with formats, a bold frozen header, widths and a filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import and_, select

from models import OrgUnit, Report, ReportingRound, RoundUnit
from models.db import Database
from models.enums import ReportStatus, SchoolLevel
from models.errors import ValidationError
from models.labels import REPORT_STATUS_LABELS
from services.accounts.permissions import SYSTEM, Action, Actor, require
from services.core.callbacks import ProgressCallback
from services.core.exports import export_rows
from services.core.paging import ColumnSpec, PagedQuery, PageRequest, every_row
from services.core.vietnamese import format_number
from services.printing import indicators as indicator_kind
from services.printing.synthesis import RECEIVED
from services.reporting.figures import indicator_lines
from services.reporting.rounds import local_day

PAGE = 5000
VIEWS = {
    "tasks": "Nhiệm vụ",
    "assignments": "Việc được giao",
    "reports": "Báo cáo của đơn vị",
    "indicators": "Chỉ tiêu",
    "units": "Đơn vị",
}


def walk(query: PagedQuery, request: PageRequest | None = None) -> Iterator[dict[str, Any]]:
    """Every row of a query (the GUI's "Xuất Excel" uses the same): one streamed SELECT."""
    return every_row(query, request)


def export_query(
    query: PagedQuery,
    path: Path,
    request: PageRequest | None = None,
    *,
    sheet_title: str = "Dữ liệu",
    progress: ProgressCallback | None = None,
) -> int:
    """What a GUI table shows, as .xlsx (its columns, its search and filters); returns rows written.

    The GUI's "Xuất Excel" runs this off the GUI thread with ``progress`` (done, total, text)."""
    rows: Iterator[dict[str, Any]] = walk(query, request)
    if progress is not None:
        total = query.count(request or PageRequest())
        rows = _counted(rows, total, progress)
    return export_rows(path, list(query.columns), rows, sheet_title=sheet_title)


def _counted(
    rows: Iterator[dict[str, Any]], total: int, progress: ProgressCallback
) -> Iterator[dict[str, Any]]:
    for n, row in enumerate(rows):
        if n % PAGE == 0:
            progress(n, total, f"{format_number(n)} / {format_number(total)}")
        yield row


# --- reports: every unit that must report in every round ------------------------------------

REPORT_COLUMNS = [
    ColumnSpec("period", "Kỳ báo cáo"),
    ColumnSpec("round_name", "Tên kỳ"),
    ColumnSpec("unit_code", "Mã đơn vị"),
    ColumnSpec("unit_name", "Đơn vị"),
    ColumnSpec("school_level", "Cấp học"),
    ColumnSpec("status", "Tình trạng"),
    ColumnSpec("due_on", "Hạn nộp"),
    ColumnSpec("submitted_at", "Thời điểm nộp"),
    ColumnSpec("days_late", "Số ngày trễ", numeric=True),
]


def report_rows(db: Database, today: dt.date | None = None) -> Iterator[dict[str, Any]]:
    today = today or dt.date.today()
    statement = (
        select(
            ReportingRound.period,
            ReportingRound.name,
            ReportingRound.due_on,
            OrgUnit.code,
            OrgUnit.name,
            OrgUnit.school_level,
            Report.status,
            Report.submitted_at,
        )
        .join(RoundUnit, RoundUnit.round_id == ReportingRound.id)
        .join(OrgUnit, OrgUnit.id == RoundUnit.unit_id)
        .outerjoin(
            Report,
            and_(
                Report.round_id == RoundUnit.round_id,
                Report.unit_id == RoundUnit.unit_id,
                Report.deleted.is_(False),
            ),
        )
        .where(ReportingRound.deleted.is_(False), RoundUnit.deleted.is_(False))
        .order_by(
            ReportingRound.due_on.desc(), ReportingRound.id, OrgUnit.kind, OrgUnit.sort_key, OrgUnit.code
        )
    )
    with db.session() as session:
        for period, name, due_on, code, unit, level, status, submitted_at in session.execute(statement):
            sent = status is not None and ReportStatus(status) in RECEIVED
            # The day in Vietnam, as the overview's on-time rule counts it (services.reporting.rounds).
            end = local_day(submitted_at) if sent and submitted_at else today
            yield {
                "period": period,
                "round_name": name,
                "unit_code": code,
                "unit_name": unit,
                "school_level": SchoolLevel(level).value if level else "",
                "status": REPORT_STATUS_LABELS[ReportStatus(status)] if status else "Chưa lập",
                "due_on": due_on,
                "submitted_at": submitted_at,
                "days_late": max((end - due_on).days, 0) if due_on else None,
            }


# --- indicators: each target by level, achieved in the latest round --------------------------

INDICATOR_COLUMNS = [
    ColumnSpec("code", "Mã"),
    ColumnSpec("name", "Chỉ tiêu"),
    ColumnSpec("level", "Cấp học"),
    ColumnSpec("comparator", "So sánh"),
    ColumnSpec("target", "Chỉ tiêu giao", numeric=True),
    ColumnSpec("baseline", "Ban đầu", numeric=True),
    ColumnSpec("baseline_year", "Năm ban đầu"),
    ColumnSpec("target_year", "Năm đích"),
    ColumnSpec("period", "Kỳ số liệu"),
    ColumnSpec("achieved", "Thực hiện", numeric=True),
    ColumnSpec("met", "Đánh giá"),
]


def indicator_rows(db: Database) -> Iterator[dict[str, Any]]:
    """The printed indicator report's rows (the overview's figures), typed for Excel."""
    for line in indicator_lines(db, SYSTEM):
        for level, figure in indicator_kind.level_rows(line):
            yield {
                "code": figure.code,
                "name": figure.name,
                "level": level,
                "comparator": figure.comparator,
                "target": figure.target,
                "baseline": line.baseline,
                "baseline_year": line.baseline_year,
                "target_year": line.target_year,
                "period": line.period,
                "achieved": figure.value,
                "met": indicator_kind.verdict(figure),
            }


# --- the views ---------------------------------------------------------------------------------


def _paged(name: str) -> Callable[[Database, Actor], PagedQuery]:
    def make(db: Database, actor: Actor) -> PagedQuery:
        if name == "tasks":
            from services.plans.task_lists import TaskQuery

            return TaskQuery(db, actor)
        if name == "assignments":
            from services.plans.views import AssignmentQuery

            return AssignmentQuery(db, actor)
        from services.accounts.orgunits import UnitQuery

        return UnitQuery(db)

    return make


def export_view(db: Database, view: str, path: Path, *, text: str = "", actor: Actor = SYSTEM) -> int:
    """Write one named view to ``path``; returns the number of data rows."""
    require(actor, Action.PRINT)
    if view not in VIEWS:
        raise ValidationError(
            f"Bảng «{view}» không có; chọn một trong: {', '.join(VIEWS)}.", f"Unknown view «{view}».", "view"
        )
    title = VIEWS[view]
    if view == "reports":
        columns, count = REPORT_COLUMNS, export_rows(path, REPORT_COLUMNS, report_rows(db), sheet_title=title)
    elif view == "indicators":
        columns = INDICATOR_COLUMNS
        count = export_rows(path, columns, indicator_rows(db), sheet_title=title)
    else:
        query = _paged(view)(db, actor)
        columns = list(query.columns)
        count = export_rows(path, columns, walk(query, PageRequest(text=text)), sheet_title=title)
    return count
