"""The task × unit matrix: one row per task, one column per unit, the state of each cell.

A cell names the highest-ranked state of the unit's occurrences of the task (late before
open before done), so a recurring task shows what needs attention first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, func, select

from models import Assignment, OrgUnit
from models.db import Database
from models.enums import AssignmentStatus, Role, UnitKind
from services.accounts.permissions import Action, Actor, require
from services.core.paging import ColumnSpec, PageRequest, SqlPagedQuery
from services.plans.task_lists import TaskQuery
from services.plans.views import OVERDUE, as_list, document_label, today_of, unindexed, units_of_level

MATRIX_LABELS = {
    AssignmentStatus.NOT_STARTED.value: "Chưa",
    AssignmentStatus.IN_PROGRESS.value: "Đang",
    AssignmentStatus.DONE.value: "Xong",
    AssignmentStatus.PAUSED.value: "Dừng",
    AssignmentStatus.CANCELLED.value: "Hủy",
    OVERDUE: "Trễ",
}


@dataclass(frozen=True)
class MatrixUnit:
    id: str
    code: str
    name: str


class MatrixQuery(SqlPagedQuery):
    """Ma trận nhiệm vụ × đơn vị: rows are tasks (TaskQuery's filters), one column per unit.

    ``unit_filters`` chooses the columns (``kind``, ``level``, ``unit_ids``); each cell is a
    status value or ``overdue`` (``MATRIX_LABELS`` for the text, the GUI colours it).
    """

    def __init__(
        self,
        db: Database,
        actor: Actor,
        *,
        unit_filters: dict[str, Any] | None = None,
        today: dt.date | None = None,
    ):
        require(actor, Action.VIEW)
        super().__init__(db)
        self.actor = actor
        self.today = today
        self.tasks = TaskQuery(db, actor, today=today)
        self.sort_columns = self.tasks.sort_columns
        self.default_sort = self.tasks.default_sort
        self.tie_breaker = self.tasks.tie_breaker
        self.unit_filters = unit_filters or {}
        self.units = matrix_units(db, actor, self.unit_filters)
        self.columns = [ColumnSpec("document", "Văn bản"), ColumnSpec("title", "Nhiệm vụ")] + [
            ColumnSpec(u.id, matrix_label(u.name), sortable=False, format=lambda v: MATRIX_LABELS.get(v, ""))
            for u in self.units
        ]

    def filtered(self, request: PageRequest) -> Select:
        return self.tasks.filtered(request)

    def count_statement(self, request: PageRequest) -> Select:
        return self.tasks.count_statement(request)

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
        rows = SqlPagedQuery.fetch(self, request)
        cells = self._cells([r["id"] for r in rows], today_of(request, self.today))
        for row in rows:
            row["document"] = document_label(row)
            found = cells.get(row["id"], {})
            row.update({unit.id: found.get(unit.id, "") for unit in self.units})
        return rows

    def _cells(self, task_ids: list[str], today: dt.date) -> dict[str, dict[str, str]]:
        """Each (task, unit) cell in one grouped query: the database ranks, Python only names."""
        if not task_ids or not self.units:
            return {}
        rank = _rank(today)
        live = case((Assignment.status == AssignmentStatus.CANCELLED, None), else_=rank)
        statement = (
            select(Assignment.task_id, Assignment.unit_id, func.max(rank), func.min(live))
            .where(Assignment.task_id.in_(task_ids), Assignment.deleted.is_(False), *self._unit_condition())
            .group_by(Assignment.task_id, Assignment.unit_id)
        )
        cells: dict[str, dict[str, str]] = {}
        with self.db.session() as session:
            for task_id, unit_id, high, low in session.execute(statement):
                # some occurrences done, others not begun: the work is under way
                code = _RANKED[3] if high == 2 and low == 1 else _RANKED[high]
                cells.setdefault(task_id, {})[unit_id] = code
        return cells

    def _unit_condition(self) -> list[Any]:
        if len(self.units) <= 500:
            return [Assignment.unit_id.in_([u.id for u in self.units])]
        return [
            unindexed(Assignment.unit_id).in_(
                matrix_unit_statement(self.actor, self.unit_filters).with_only_columns(OrgUnit.id)
            )
        ]


# Matrix ranks: the highest of a unit's occurrences names its cell.
_RANKED = {
    0: AssignmentStatus.CANCELLED.value,
    1: AssignmentStatus.DONE.value,
    2: AssignmentStatus.NOT_STARTED.value,
    3: AssignmentStatus.IN_PROGRESS.value,
    4: AssignmentStatus.PAUSED.value,
    5: OVERDUE,
}


def _rank(today: dt.date) -> Any:
    return case(
        (Assignment.status == AssignmentStatus.CANCELLED, 0),
        (Assignment.status == AssignmentStatus.DONE, 1),
        (and_(Assignment.due_on.is_not(None), Assignment.due_on < today), 5),
        (Assignment.status == AssignmentStatus.PAUSED, 4),
        (Assignment.status == AssignmentStatus.IN_PROGRESS, 3),
        else_=2,
    )


def matrix_label(name: str) -> str:
    """A unit's column heading: its name without the "Trường" every school shares (THCS Nguyễn Du)."""
    words = name.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "trường" else name


def matrix_unit_statement(actor: Actor, filters: dict[str, Any]) -> Select:
    statement = select(OrgUnit.id, OrgUnit.code, OrgUnit.name).where(
        OrgUnit.deleted.is_(False), OrgUnit.active.is_(True)
    )
    if actor.role == Role.SCHOOL_STAFF:
        statement = statement.where(OrgUnit.id == (actor.unit_id or "-"))
    if kinds := as_list(filters.get("kind")):
        statement = statement.where(OrgUnit.kind.in_([UnitKind(k) for k in kinds]))
    if levels := as_list(filters.get("level")):
        statement = statement.where(OrgUnit.id.in_(units_of_level(levels)))
    if ids := as_list(filters.get("unit_ids")):
        statement = statement.where(OrgUnit.id.in_(ids))
    if not (kinds or levels or ids):  # only units that were given work at all
        statement = statement.where(
            OrgUnit.id.in_(select(Assignment.unit_id).where(Assignment.deleted.is_(False)).distinct())
        )
    return statement


def matrix_units(db: Database, actor: Actor, filters: dict[str, Any]) -> list[MatrixUnit]:
    statement = matrix_unit_statement(actor, filters)
    with db.session() as session:
        rows = session.execute(statement.order_by(OrgUnit.kind, OrgUnit.sort_key, OrgUnit.code)).all()
    return [MatrixUnit(*row) for row in rows]


