"""What the Kế hoạch & nhiệm vụ page shows: paged queries over documents, tasks and assignments.

Every list is a ``PagedQuery`` that answers a count and one page for a search text and
filters, at 100,000 assignments within 100 ms on SQLite (services/bench/tasks.py): filters
on related tables are ``IN (SELECT …)`` over the small tables (tasks, units), so the big
table is walked once through its own indexes. Overdue and days late are computed here,
when read. School staff see their own unit's rows only, whatever filter they ask for.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, case, func, not_, or_, select

from models import Assignment, AuditEntry, Document, OrgUnit, Section, Task
from models.db import Database
from models.enums import AssignmentRole, AssignmentStatus, Recurrence, Role, SchoolLevel, UnitKind
from models.errors import NotFound
from models.labels import ASSIGNMENT_ROLE_LABELS as ASSIGNMENT_ROLE_LABELS
from models.labels import ASSIGNMENT_STATUS_LABELS, DOC_TYPE_LABELS, RECURRENCE_LABELS
from services.accounts.permissions import Action, Actor, require, require_own_unit
from services.core import vietnamese
from services.core.paging import ColumnSpec, PageRequest, SqlPagedQuery
from services.plans.assignments import LEVELS_COVERING, lateness, overdue_clause
from services.plans.progress import ProgressRow, histories

OVERDUE = "overdue"
_NEVER = dt.date(9999, 12, 31)  # the matrix cell of an open assignment past its due date
MATRIX_LABELS = {
    AssignmentStatus.NOT_STARTED.value: "Chưa",
    AssignmentStatus.IN_PROGRESS.value: "Đang",
    AssignmentStatus.DONE.value: "Xong",
    AssignmentStatus.PAUSED.value: "Dừng",
    AssignmentStatus.CANCELLED.value: "Hủy",
    OVERDUE: "Trễ",
}


def document_label(row: dict[str, Any]) -> str:
    """The document's symbol, or its type and date when the text gave no symbol (a plan without "Số")."""
    if row.get("document"):
        return str(row["document"])
    kind = row.get("document_type")
    kind = getattr(kind, "value", kind) or ""
    day = row.get("document_date")
    return f"{kind} {_date(day)}".strip() if day else str(kind)


def _status_label(value: Any) -> str:
    return ASSIGNMENT_STATUS_LABELS.get(AssignmentStatus(value), str(value)) if value else ""


def _level_label(value: Any) -> str:
    return value.value if isinstance(value, SchoolLevel) else str(value or "")


def _date(value: Any) -> str:
    return vietnamese.format_date(value)


def _days_late(value: Any) -> str:
    return f"{value} ngày" if value else ""


def _words(text: str) -> list[str]:
    escaped = (
        w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in vietnamese.fold(text).split()
    )
    return [f"%{w}%" for w in escaped]


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple | set | frozenset) else [value]


def _live_tasks() -> Select:
    return select(Task.id).where(Task.deleted.is_(False))


def _units_of_level(levels: Sequence[str]) -> Select:
    covering: set[SchoolLevel] = set()
    for level in levels:
        covering |= LEVELS_COVERING[SchoolLevel(level)]
    return select(OrgUnit.id).where(OrgUnit.school_level.in_(covering))


def _unindexed(column: Any) -> Any:
    return column.concat("")


def _today(request: PageRequest, default: dt.date | None) -> dt.date:
    return request.filters.get("today") or default or dt.date.today()


def assignment_conditions(
    request: PageRequest,
    actor: Actor | None,
    today: dt.date,
    *,
    fixed_unit: str | None = None,
    db: Database | None = None,
) -> list[Any]:
    """WHERE conditions on ``assignments`` for the filters of every task view.

    Filters: ``document_id``, ``task_id``, ``status`` (one or a list), ``unit_id``, ``level``
    (one or a list: schools of that level, two-level schools included), ``kind``, ``role``,
    ``overdue`` (bool), ``due_from`` / ``due_to`` (dates), ``include_cancelled``; the text
    matches the task's title and description or the unit's name and code, diacritics aside.
    """
    f = request.filters
    where: list[Any] = [Assignment.deleted.is_(False)]
    unit = fixed_unit or f.get("unit_id")
    if actor is not None and actor.role == Role.SCHOOL_STAFF:
        unit = actor.unit_id or "-"  # staff without a unit see nothing rather than everything
    if unit:
        where.append(Assignment.unit_id == unit)
    if f.get("task_id"):
        where.append(Assignment.task_id == f["task_id"])
    # Deleting a task tombstones its assignments too, so "live task" needs no check here.
    if f.get("document_id"):
        where.append(
            Assignment.task_id.in_(_live_tasks().where(Task.document_id.in_(_as_list(f["document_id"]))))
        )
    statuses = [AssignmentStatus(s) for s in _as_list(f.get("status"))]
    if statuses:
        where.append(Assignment.status.in_(statuses))
    elif not f.get("include_cancelled"):
        where.append(Assignment.status != AssignmentStatus.CANCELLED)
    if f.get("role"):
        where.append(Assignment.role == AssignmentRole(f["role"]))
    # A level or kind covers hundreds of units: SQLite would walk the unit index for each of
    # them and sort every hit; ``unit_id || ''`` keeps it a cheap check on the rows walked.
    if levels := _as_list(f.get("level")):
        where.append(_unindexed(Assignment.unit_id).in_(_units_of_level(levels)))
    if kinds := _as_list(f.get("kind")):
        units = select(OrgUnit.id).where(OrgUnit.kind.in_([UnitKind(k) for k in kinds]))
        where.append(_unindexed(Assignment.unit_id).in_(units))
    if f.get("overdue") is not None and f.get("overdue") != "":
        late = overdue_clause(today)
        where.append(late if f["overdue"] else not_(late) | Assignment.due_on.is_(None))
    if f.get("due_from"):
        where.append(Assignment.due_on >= f["due_from"])
    if f.get("due_to"):
        where.append(Assignment.due_on <= f["due_to"])
    for pattern in _words(request.text):
        where.append(_word_condition(pattern, db))
    return where


_SELECTIVE = 0.1  # a word kept by at most this share of the tasks and of the units


def _word_condition(pattern: str, db: Database | None) -> Any:
    """The word is in the assignment's task or unit.

    A rare word walks the task and unit indexes to its few rows. A common word ("truong",
    "hoa") matches most tasks or units: fetching 100,000 rows through those indexes is many
    times slower than one pass over the rows checking two small lists, so its ids are
    checked unindexed (``db`` tells which kind a word is; without it, indexed).
    """
    tasks = select(Task.id).where(Task.search_key.like(pattern, escape="\\"))
    units = select(OrgUnit.id).where(OrgUnit.search_key.like(pattern, escape="\\"))
    task_id, unit_id = Assignment.task_id, Assignment.unit_id
    if db is not None and not _selective(db, pattern):
        task_id, unit_id = _unindexed(task_id), _unindexed(unit_id)
    return or_(task_id.in_(tasks), unit_id.in_(units))


def _selective(db: Database, pattern: str) -> bool:
    with db.session() as session:
        for key, table in ((Task.search_key, Task), (OrgUnit.search_key, OrgUnit)):
            kept = session.scalar(select(func.count()).select_from(table).where(key.like(pattern, escape="\\")))
            total = session.scalar(select(func.count()).select_from(table))
            if (kept or 0) > _SELECTIVE * (total or 0):
                return False
    return True


class AssignmentQuery(SqlPagedQuery):
    """Danh sách việc được giao: one row per assignment (and occurrence), any filter above."""

    columns = [
        ColumnSpec("document", "Văn bản"),
        ColumnSpec("task_title", "Nhiệm vụ"),
        ColumnSpec("unit_name", "Đơn vị"),
        ColumnSpec("school_level", "Cấp học", format=_level_label),
        ColumnSpec(
            "role", "Vai trò", format=lambda r: ASSIGNMENT_ROLE_LABELS.get(AssignmentRole(r), "") if r else ""
        ),
        ColumnSpec("occurrence", "Kỳ"),
        ColumnSpec("due_on", "Hạn", format=_date),
        ColumnSpec("status", "Trạng thái", format=_status_label),
        ColumnSpec("percent", "Tiến độ (%)", numeric=True),
        ColumnSpec("days_late", "Quá hạn", numeric=True, format=_days_late),
    ]

    def __init__(
        self, db: Database, actor: Actor, *, today: dt.date | None = None, unit_id: str | None = None
    ):
        require(actor, Action.VIEW)
        super().__init__(db)
        self.actor = actor
        self.today = today
        self.fixed_unit = unit_id
        self.sort_columns = {
            "document": Document.symbol,
            "task_title": Task.position,
            "unit_name": OrgUnit.sort_key,
            "school_level": OrgUnit.school_level,
            "role": Assignment.role,
            "occurrence": Assignment.occurrence,
            "due_on": Assignment.due_on,
            "status": Assignment.status,
            "percent": Assignment.percent,
            "days_late": Assignment.due_on,  # the earlier the due date, the later the work
        }
        self.default_sort = "due_on"
        self.tie_breaker = Assignment.id

    def _where(self, request: PageRequest) -> list[Any]:
        return assignment_conditions(
            request, self.actor, _today(request, self.today), fixed_unit=self.fixed_unit, db=self.db
        )

    def base(self) -> Select:
        return (
            select(
                Assignment.id,
                Assignment.task_id,
                Assignment.unit_id,
                Task.document_id,
                (Document.number + "/" + Document.symbol).label("document_ref"),
                Document.symbol.label("document"),
                Document.doc_type.label("document_type"),
                Document.issued_on.label("document_date"),
                Task.title.label("task_title"),
                OrgUnit.name.label("unit_name"),
                OrgUnit.school_level,
                Assignment.role,
                Assignment.occurrence,
                Assignment.due_on,
                Assignment.status,
                Assignment.percent,
                Assignment.note,
            )
            .join(Task, Task.id == Assignment.task_id)
            .join(Document, Document.id == Task.document_id)
            .join(OrgUnit, OrgUnit.id == Assignment.unit_id)
        )

    def filtered(self, request: PageRequest) -> Select:
        return self.base().where(*self._where(request))

    def count_statement(self, request: PageRequest) -> Select:
        return select(func.count()).select_from(Assignment).where(*self._where(request))

    def ordered(self, request: PageRequest) -> Select:
        today = _today(request, self.today)
        # Days late sort by the due date of the late rows alone (the others count as 0 days).
        late = overdue_clause(today)
        self.sort_columns["days_late"] = case((late, Assignment.due_on), else_=_NEVER)
        if request.sort == "days_late":  # most days late first when sorted descending
            request = PageRequest(request.text, request.filters, "days_late", not request.descending,
                                  request.offset, request.limit)  # fmt: skip
        return super().ordered(request)

    def finish(self, rows: list[dict[str, Any]], request: PageRequest) -> list[dict[str, Any]]:
        today = _today(request, self.today)
        for row in rows:
            row["days_late"] = lateness(row["due_on"], row["status"], today)
            row["overdue"] = row["days_late"] > 0
            row["document"] = document_label(row)
        return rows


class MyWorkQuery(AssignmentQuery):
    """Việc của tôi: the assignments of one unit (the school staff member's own)."""

    def __init__(
        self, db: Database, actor: Actor, *, unit_id: str | None = None, today: dt.date | None = None
    ):
        unit = actor.unit_id if actor.role == Role.SCHOOL_STAFF else (unit_id or actor.unit_id)
        super().__init__(db, actor, today=today, unit_id=unit or "-")


class TaskQuery(SqlPagedQuery):
    """Danh sách nhiệm vụ: one row per task with the figures of its assignments.

    A filter about assignments (status, unit, level, overdue, due range) keeps the tasks that
    have at least one matching assignment, and the figures count those assignments only
    ("of the TH schools, 120 done and 14 overdue"); the text matches the task itself.
    One grouped pass over the assignments serves the count and the pages that follow.
    """

    columns = [
        ColumnSpec("document", "Văn bản"),
        ColumnSpec("section", "Mục"),
        ColumnSpec("title", "Nhiệm vụ"),
        ColumnSpec("deadline", "Thời hạn", format=_date),
        ColumnSpec(
            "recurrence", "Chu kỳ", format=lambda r: RECURRENCE_LABELS.get(Recurrence(r), "") if r else ""
        ),
        ColumnSpec("assigned", "Số việc giao", numeric=True, sortable=False),
        ColumnSpec("done", "Hoàn thành", numeric=True, sortable=False),
        ColumnSpec("overdue", "Quá hạn", numeric=True, sortable=False),
        ColumnSpec("average", "Tiến độ TB (%)", numeric=True, sortable=False),
    ]
    ASSIGNMENT_FILTERS = ("status", "unit_id", "level", "kind", "role", "overdue", "due_from", "due_to")
    _REUSE_SECONDS = 2.0  # a count and the pages right after it share one pass
    _MAX_LISTED = 20_000  # task ids passed as parameters; beyond, a subquery

    def __init__(self, db: Database, actor: Actor, *, today: dt.date | None = None):
        require(actor, Action.VIEW)
        super().__init__(db)
        self.actor = actor
        self.today = today
        self.sort_columns = {
            "document": Document.symbol,
            "section": Section.number,
            "title": Task.search_key,
            "deadline": Task.deadline,
            "recurrence": Task.recurrence,
        }
        self.default_sort = "document"
        self.tie_breaker = Task.position
        self._cache: tuple[str, float, dict[str, dict[str, int]]] | None = None

    def _assignment_request(self, request: PageRequest) -> PageRequest:
        f = request.filters
        by_assignment = {k: f[k] for k in self.ASSIGNMENT_FILTERS if f.get(k) not in (None, "", [])}
        return PageRequest("", by_assignment)

    def _narrowed(self, request: PageRequest) -> bool:
        return bool(self._assignment_request(request).filters) or self.actor.role == Role.SCHOOL_STAFF

    def figures(self, request: PageRequest) -> dict[str, dict[str, int]]:
        """Figures per task of the assignments the filters keep (recomputed after 2 seconds)."""
        today = _today(request, self.today)
        sub = self._assignment_request(request)
        own = self._task_conditions(request)
        key = repr((sorted(sub.filters.items()), request.text, request.filters.get("document_id"), today))
        now = time.monotonic()
        if self._cache and self._cache[0] == key and now - self._cache[1] < self._REUSE_SECONDS:
            return self._cache[2]
        conditions = assignment_conditions(sub, self.actor, today)
        if len(own) > 1:  # the text or the document keep few tasks: count their assignments only
            conditions.append(Assignment.task_id.in_(select(Task.id).where(*own)))
        figures = grouped_figures(self.db, conditions, today)
        self._cache = (key, now, figures)
        return figures

    def _task_conditions(self, request: PageRequest) -> list[Any]:
        f = request.filters
        where: list[Any] = [Task.deleted.is_(False)]
        if f.get("document_id"):
            where.append(Task.document_id.in_(_as_list(f["document_id"])))
        if f.get("task_id"):
            where.append(Task.id == f["task_id"])
        for pattern in _words(request.text):
            where.append(Task.search_key.like(pattern, escape="\\"))
        return where

    def _where(self, request: PageRequest) -> list[Any]:
        where = self._task_conditions(request)
        if self._narrowed(request):
            kept = list(self.figures(request))
            if len(kept) <= self._MAX_LISTED:
                where.append(Task.id.in_(kept))
            else:
                conditions = assignment_conditions(
                    self._assignment_request(request), self.actor, _today(request, self.today)
                )
                where.append(Task.id.in_(select(Assignment.task_id).where(*conditions)))
        return where

    def base(self) -> Select:
        return (
            select(
                Task.id,
                Task.document_id,
                Document.symbol.label("document"),
                Document.doc_type.label("document_type"),
                Document.issued_on.label("document_date"),
                Section.number.label("section"),
                Task.title,
                Task.deadline,
                Task.recurrence,
                Task.position,
            )
            .join(Document, Document.id == Task.document_id)
            .outerjoin(Section, Section.id == Task.section_id)
        )

    def filtered(self, request: PageRequest) -> Select:
        return self.base().where(*self._where(request))

    def count_statement(self, request: PageRequest) -> Select:
        return select(func.count()).select_from(Task).where(*self._where(request))

    def finish(self, rows: list[dict[str, Any]], request: PageRequest) -> list[dict[str, Any]]:
        figures = self.figures(request)
        empty = {"assigned": 0, "done": 0, "overdue": 0, "average": 0}
        for row in rows:
            row.update(figures.get(row["id"], empty))
            row["document"] = document_label(row)
        return rows


def grouped_figures(db: Database, conditions: Sequence[Any], today: dt.date) -> dict[str, dict[str, int]]:
    """Per task: assignments given, done, overdue and the average percent (cancelled aside)."""
    late = overdue_clause(today)
    statement = (
        select(
            Assignment.task_id,
            func.count(),
            func.sum(case((Assignment.status == AssignmentStatus.DONE, 1), else_=0)),
            func.sum(case((late, 1), else_=0)),
            func.avg(Assignment.percent),
        )
        .where(*conditions)
        .group_by(Assignment.task_id)
    )
    with db.session() as session:
        return {
            task_id: {
                "assigned": int(given),
                "done": int(done or 0),
                "overdue": int(over or 0),
                "average": round(float(avg or 0)),
            }
            for task_id, given, done, over, avg in session.execute(statement)
        }


class DocumentQuery(SqlPagedQuery):
    """Danh sách văn bản: filters ``doc_type``, ``school_year``; text over symbol and title."""

    columns = [
        ColumnSpec("doc_type", "Loại", format=lambda t: DOC_TYPE_LABELS.get(t, str(t or ""))),
        ColumnSpec("reference", "Số, ký hiệu"),
        ColumnSpec("issued_on", "Ngày ban hành", format=_date),
        ColumnSpec("issuer", "Cơ quan ban hành"),
        ColumnSpec("title", "Trích yếu"),
        ColumnSpec("school_year", "Năm học / giai đoạn"),
        ColumnSpec("tasks", "Số nhiệm vụ", numeric=True, sortable=False),
    ]

    def __init__(self, db: Database, actor: Actor):
        require(actor, Action.VIEW)
        super().__init__(db)
        self.sort_columns = {
            "doc_type": Document.doc_type,
            "reference": Document.symbol,
            "issued_on": Document.issued_on,
            "issuer": Document.issuer,
            "title": Document.search_key,
            "school_year": Document.school_year,
        }
        self.default_sort = "issued_on"
        self.tie_breaker = Document.id

    def _where(self, request: PageRequest) -> list[Any]:
        f = request.filters
        where: list[Any] = [Document.deleted.is_(False)]
        if f.get("doc_type"):
            where.append(Document.doc_type == f["doc_type"])
        if f.get("school_year"):
            where.append(or_(Document.school_year == f["school_year"], Document.period == f["school_year"]))
        for pattern in _words(request.text):
            where.append(Document.search_key.like(pattern, escape="\\"))
        return where

    def base(self) -> Select:
        tasks = (
            select(func.count())
            .where(Task.document_id == Document.id, Task.deleted.is_(False))
            .scalar_subquery()
        )
        return select(
            Document.id, Document.doc_type, Document.number, Document.symbol, Document.issued_on, Document.issuer,
            Document.title, Document.school_year, Document.period, tasks.label("tasks"),
        )  # fmt: skip

    def filtered(self, request: PageRequest) -> Select:
        return self.base().where(*self._where(request))

    def count_statement(self, request: PageRequest) -> Select:
        return select(func.count()).select_from(Document).where(*self._where(request))

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
        rows = super().fetch(request)
        for row in rows:
            row["reference"] = f"{row['number']}/{row['symbol']}" if row["number"] else row["symbol"]
            row["school_year"] = row["school_year"] or row["period"]
        return rows


# --- the task × unit matrix -------------------------------------------------------------------


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
        cells = self._cells([r["id"] for r in rows], _today(request, self.today))
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
            _unindexed(Assignment.unit_id).in_(
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
    if kinds := _as_list(filters.get("kind")):
        statement = statement.where(OrgUnit.kind.in_([UnitKind(k) for k in kinds]))
    if levels := _as_list(filters.get("level")):
        statement = statement.where(OrgUnit.id.in_(_units_of_level(levels)))
    if ids := _as_list(filters.get("unit_ids")):
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


# --- task detail ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentRow:
    id: str
    unit_id: str
    unit_code: str
    unit_name: str
    role: AssignmentRole
    occurrence: str
    due_on: dt.date | None
    status: AssignmentStatus
    percent: int
    note: str
    days_late: int

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime | dt.date
    who: str
    what: str  # a sentence for people
    unit_name: str = ""
    progress: ProgressRow | None = None


@dataclass
class TaskDetail:
    id: str
    title: str
    description: str
    theme: str
    deadline: dt.date | None
    recurrence: Recurrence
    document_id: str
    document: str  # "KH 123/KH-PGDĐT — trích yếu"
    section: str
    assignments: list[AssignmentRow] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)


_AUDIT_WORDS = {"create": "Tạo", "update": "Sửa", "delete": "Xóa", "bulk_create": "Giao hàng loạt",
                "bulk_delete": "Xóa hàng loạt", "import": "Nhập"}  # fmt: skip


def task_detail(db: Database, actor: Actor, task_id: str, *, today: dt.date | None = None) -> TaskDetail:
    """A task, who has it, and its history: edits from the audit log and every progress update."""
    require(actor, Action.VIEW)
    today = today or dt.date.today()
    with db.session() as session:
        task = session.get(Task, task_id)
        if task is None or task.deleted:
            raise NotFound("Không tìm thấy nhiệm vụ.", "Task not found.")
        doc = session.get(Document, task.document_id)
        section = session.get(Section, task.section_id) if task.section_id else None
        statement = (
            select(Assignment, OrgUnit.code, OrgUnit.name)
            .join(OrgUnit, OrgUnit.id == Assignment.unit_id)
            .where(Assignment.task_id == task.id, Assignment.deleted.is_(False))
            .order_by(OrgUnit.kind, OrgUnit.sort_key, Assignment.due_on, Assignment.occurrence)
        )
        if actor.role == Role.SCHOOL_STAFF:
            statement = statement.where(Assignment.unit_id == (actor.unit_id or "-"))
        rows = [
            AssignmentRow(
                a.id,
                a.unit_id,
                code,
                name,
                AssignmentRole(a.role),
                a.occurrence,
                a.due_on,
                AssignmentStatus(a.status),
                a.percent,
                a.note,
                lateness(a.due_on, a.status, today),
            )
            for a, code, name in session.execute(statement)
        ]
        ref = f"{doc.number}/{doc.symbol}" if doc.number else doc.symbol
        detail = TaskDetail(
            task.id, task.title, task.description, task.theme, task.deadline, Recurrence(task.recurrence),
            task.document_id, f"{DOC_TYPE_LABELS.get(doc.doc_type, '')} {ref} — {doc.title}".strip(),
            f"{section.number} {section.heading}".strip() if section else "", rows,
        )  # fmt: skip
        detail.history = _history(session, actor, task, rows)
    return detail


def _history(session: Any, actor: Actor, task: Task, rows: list[AssignmentRow]) -> list[HistoryEntry]:
    names = {r.id: r.unit_name for r in rows}
    entries: list[HistoryEntry] = []
    for assignment_id, updates in histories(session, list(names)).items():
        for p in updates:
            files = f" — {len(p.files)} tệp minh chứng" if p.files else ""
            text = f"{_status_label(p.status)} {p.percent}%: {p.note}{files}".strip()
            entries.append(HistoryEntry(p.on_date, p.author, text, names[assignment_id], p))
    if actor.role != Role.SCHOOL_STAFF:  # the office's own edits, from the audit log
        ids = [task.id, *names]
        for first in range(0, len(ids), 500):
            audit = session.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity.in_(("tasks", "assignments")),
                    AuditEntry.entity_id.in_(ids[first : first + 500]),
                )
            )
            for entry in audit:
                what = f"{_AUDIT_WORDS.get(entry.action, entry.action)} {_audit_subject(entry.entity)}"
                change = _audit_change(entry.after)
                entries.append(
                    HistoryEntry(entry.at, entry.username, f"{what}{change}", names.get(entry.entity_id, ""))
                )
    return sorted(entries, key=lambda e: _sortable(e.at), reverse=True)


def _audit_subject(entity: str) -> str:
    return "nhiệm vụ" if entity == "tasks" else "việc được giao"


def _audit_change(after: str) -> str:
    try:
        values = json.loads(after) if after else {}
    except ValueError:
        return ""
    labels = {"status": "trạng thái", "due_on": "hạn", "role": "vai trò", "note": "ghi chú", "title": "tên",
              "deadline": "thời hạn", "deleted": "đã xóa", "percent": "tiến độ"}  # fmt: skip
    shown = [f"{labels[k]}: {_shown(k, v)}" for k, v in values.items() if k in labels]
    return (": " + "; ".join(shown[:4])) if shown and len(values) <= 6 else ""


def _shown(key: str, value: Any) -> str:
    if key == "status" and value:
        return _status_label(value)
    if key == "role" and value:
        return ASSIGNMENT_ROLE_LABELS[AssignmentRole(value)]
    if key in ("due_on", "deadline") and value:
        return vietnamese.format_date(dt.date.fromisoformat(value))
    return str(value)


def _sortable(at: dt.datetime | dt.date) -> dt.datetime:
    return at if isinstance(at, dt.datetime) else dt.datetime.combine(at, dt.time.max)


def assignment_detail(
    db: Database, actor: Actor, assignment_id: str, *, today: dt.date | None = None
) -> AssignmentRow:
    require(actor, Action.VIEW)
    with db.session() as session:
        found = session.execute(
            select(Assignment, OrgUnit.code, OrgUnit.name)
            .join(OrgUnit, OrgUnit.id == Assignment.unit_id)
            .where(Assignment.id == assignment_id, Assignment.deleted.is_(False))
        ).first()
        if found is None:
            raise NotFound("Không tìm thấy việc được giao.", "Assignment not found.")
        a, code, name = found
        require_own_unit(actor, a.unit_id)
        return AssignmentRow(
            a.id, a.unit_id, code, name, AssignmentRole(a.role), a.occurrence, a.due_on, AssignmentStatus(a.status),
            a.percent, a.note, lateness(a.due_on, a.status, today),
        )  # fmt: skip
