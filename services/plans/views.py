"""The assignment lists of the Kế hoạch & nhiệm vụ page, and the helpers its other lists share.

Tasks and documents are ``services.plans.task_lists``, the matrix ``matrix``, one task ``detail``.

Every list is a ``PagedQuery`` that answers a count and one page for a search text and
filters, at 100,000 assignments within 100 ms on SQLite (services/bench/tasks.py): filters
on related tables are ``IN (SELECT …)`` over the small tables (tasks, units), so the big
table is walked once through its own indexes; search words are looked up in those small
tables first and given to the statement as ids (``search_conditions``). Overdue and days
late are computed here, when read. School staff see their own unit's rows only, whatever
filter they ask for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, false, func, literal_column, not_, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.functions import FunctionElement

from models import Assignment, Document, OrgUnit, Task
from models.db import Database
from models.enums import AssignmentRole, AssignmentStatus, Role, SchoolLevel, UnitKind
from models.labels import ASSIGNMENT_ROLE_LABELS as ASSIGNMENT_ROLE_LABELS
from models.labels import ASSIGNMENT_STATUS_LABELS
from services.accounts.permissions import Action, Actor, require
from services.core import vietnamese
from services.core.paging import ColumnSpec, PageRequest, SqlPagedQuery
from services.plans.assignments import LEVELS_COVERING, lateness, overdue_clause

OVERDUE = "overdue"
_NEVER = dt.date(9999, 12, 31)  # the matrix cell of an open assignment past its due date


def document_label(row: dict[str, Any]) -> str:
    """The document's symbol, or its type and date when the text gave no symbol (a plan without "Số")."""
    if row.get("document"):
        return str(row["document"])
    kind = row.get("document_type")
    kind = getattr(kind, "value", kind) or ""
    day = row.get("document_date")
    return f"{kind} {table_date(day)}".strip() if day else str(kind)


def status_label(value: Any) -> str:
    return ASSIGNMENT_STATUS_LABELS.get(AssignmentStatus(value), str(value)) if value else ""


def _level_label(value: Any) -> str:
    return value.value if isinstance(value, SchoolLevel) else str(value or "")


def table_date(value: Any) -> str:
    return vietnamese.format_date(value)


def _days_late(value: Any) -> str:
    return f"{value} ngày" if value else ""


def search_words(text: str) -> list[str]:
    escaped = (
        w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in vietnamese.fold(text).split()
    )
    return [f"%{w}%" for w in escaped]


def as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple | set | frozenset) else [value]


def _live_tasks() -> Select:
    return select(Task.id).where(Task.deleted.is_(False))


def units_of_level(levels: Sequence[str]) -> Select:
    covering: set[SchoolLevel] = set()
    for level in levels:
        covering |= LEVELS_COVERING[SchoolLevel(level)]
    return select(OrgUnit.id).where(OrgUnit.school_level.in_(covering))


class _Unindexed(FunctionElement[Any]):
    """The column's value, out of the query planner's reach: no index is walked for it."""

    name = "unindexed"
    inherit_cache = True

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(_Unindexed)
def _concatenated(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} || '')"


@compiles(_Unindexed, "sqlite")
def _unary_plus(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    # SQLite's no-op unary plus: no new string made for each row, as ``|| ''`` makes.
    return f"+{compiler.process(element.clauses, **kw)}"


def unindexed(column: Any) -> Any:
    return _Unindexed(column)


# The live rows as ``uq_assignments_live`` spells them (models/plans.py), a literal and not a bound
# parameter: SQLite uses a partial index only for a query whose WHERE repeats the index's terms,
# and then counts the live rows from that index alone (half the time of a table scan).
# ``not_(deleted)`` is ``deleted = 0`` on SQLite and ``NOT deleted`` on PostgreSQL, as in the index.
_CANCELLED: ColumnClause[Any] = literal_column(f"'{AssignmentStatus.CANCELLED.value}'")


def today_of(request: PageRequest, default: dt.date | None) -> dt.date:
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
    where: list[Any] = [not_(Assignment.deleted)]
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
            Assignment.task_id.in_(_live_tasks().where(Task.document_id.in_(as_list(f["document_id"]))))
        )
    statuses = [AssignmentStatus(s) for s in as_list(f.get("status"))]
    if statuses:
        where.append(Assignment.status.in_(statuses))
    elif not f.get("include_cancelled"):
        where.append(Assignment.status != _CANCELLED)
    if f.get("role"):
        where.append(Assignment.role == AssignmentRole(f["role"]))
    # A level or kind covers hundreds of units: SQLite would walk the unit index for each of
    # them and sort every hit; ``unit_id || ''`` keeps it a cheap check on the rows walked.
    if levels := as_list(f.get("level")):
        where.append(unindexed(Assignment.unit_id).in_(units_of_level(levels)))
    if kinds := as_list(f.get("kind")):
        units = select(OrgUnit.id).where(OrgUnit.kind.in_([UnitKind(k) for k in kinds]))
        where.append(unindexed(Assignment.unit_id).in_(units))
    if f.get("overdue") is not None and f.get("overdue") != "":
        late = overdue_clause(today)
        where.append(late if f["overdue"] else not_(late) | Assignment.due_on.is_(None))
    if f.get("due_from"):
        where.append(Assignment.due_on >= f["due_from"])
    if f.get("due_to"):
        where.append(Assignment.due_on <= f["due_to"])
    where += search_conditions(search_words(request.text), db)
    return where


@dataclass(frozen=True)
class _Word:
    """Search words (LIKE patterns) and the tasks and units that have them all."""

    patterns: tuple[str, ...]
    tasks: list[str]
    units: list[str]

    @property
    def ids(self) -> int:
        return len(self.tasks) + len(self.units)


_RARE = 0.1  # the rarest word walks the indexes when it keeps at most this share
# Ids given to one statement as bound parameters, all words together (far under SQLite's 32,766
# and PostgreSQL's 65,535); a word past the budget is looked up by a subselect in the statement.
_MAX_LISTED = 2000


def search_conditions(patterns: Sequence[str], db: Database | None) -> list[Any]:
    """One condition per word: it is in the assignment's task (title, description) or unit
    (code, name, short name), diacritics aside.

    The words are looked up in the small tables first (tasks, units: hundreds or thousands of
    rows), and the statement gets their ids. A word found nowhere keeps nothing; words found
    in tasks alone ("bao cao") are one list of the tasks that have them all, and so for units.
    The rarest word, when it keeps few assignments, walks the task and unit indexes to its
    rows; every other word, and a common one ("truong", "hoa" are in most tasks or units), is
    checked on the rows walked, its ids unindexed: fetching 100,000 rows through those indexes
    is many times slower than one pass over the rows checking two small lists, and SQLite,
    given several indexed words, walks the index of one of them, not knowing which is rare
    ("hoa sen": "hoa" is in most tasks, "sen" in 20 units of 1,000). Without ``db``, every word
    is an indexed subselect.
    """
    if not patterns:
        return []
    if db is None:
        return [_word_in(Assignment.task_id, Assignment.unit_id, _matching_tasks(p), _matching_units(p))
                for p in patterns]  # fmt: skip
    found, tasks, units = _looked_up(db, patterns)
    words = _merged(found)
    if any(not w.ids for w in words):
        return [false()]

    def share(word: _Word) -> float:  # of the assignments, were tasks and units given at random
        return 1 - (1 - len(word.tasks) / max(tasks, 1)) * (1 - len(word.units) / max(units, 1))

    words.sort(key=share)
    conditions, listed = [], 0
    for n, word in enumerate(words):
        task_id, unit_id = Assignment.task_id, Assignment.unit_id
        if n > 0 or share(word) > _RARE:
            task_id, unit_id = unindexed(task_id), unindexed(unit_id)
        if listed + word.ids <= _MAX_LISTED:
            listed += word.ids
            conditions.append(_word_in(task_id, unit_id, word.tasks, word.units))
        else:
            in_tasks: Select | list[str] = _matching_tasks(*word.patterns) if word.tasks else []
            in_units: Select | list[str] = _matching_units(*word.patterns) if word.units else []
            conditions.append(_word_in(task_id, unit_id, in_tasks, in_units))
    return conditions


def _merged(words: list[_Word]) -> list[_Word]:
    """The words found in tasks alone as one word (the tasks that have them all), and so for units."""
    kept = [w for w in words if w.tasks and w.units]
    for side in ("tasks", "units"):
        alone = [w for w in words if getattr(w, side) and not w.ids - len(getattr(w, side))]
        if alone:
            common = set.intersection(*(set(getattr(w, side)) for w in alone))
            ids = [i for i in getattr(alone[0], side) if i in common]
            patterns = tuple(p for w in alone for p in w.patterns)
            kept.append(_Word(patterns, ids, []) if side == "tasks" else _Word(patterns, [], ids))
    return kept + [w for w in words if not w.ids]


def _word_in(task_id: Any, unit_id: Any, tasks: Any, units: Any) -> Any:
    either = []
    if not isinstance(tasks, list) or tasks:
        either.append(task_id.in_(tasks))
    if not isinstance(units, list) or units:
        either.append(unit_id.in_(units))
    return or_(*either)


def _looked_up(db: Database, patterns: Sequence[str]) -> tuple[list[_Word], int, int]:
    """Each word's task and unit ids (one query per table for every word at once), and the
    number of tasks and of units."""
    found: list[list[list[str]]] = []
    with db.session() as session:
        tasks, units = session.execute(
            select(select(func.count()).select_from(Task).scalar_subquery(),
                   select(func.count()).select_from(OrgUnit).scalar_subquery())
        ).one()  # fmt: skip
        for key, row_id in ((Task.search_key, Task.id), (OrgUnit.search_key, OrgUnit.id)):
            likes = [key.like(p, escape="\\") for p in patterns]
            ids: list[list[str]] = [[] for _ in patterns]
            for row in session.execute(select(row_id, *likes).where(or_(*likes))):
                for n, hit in enumerate(row[1:]):
                    if hit:
                        ids[n].append(row[0])
            found.append(ids)
    words = [_Word((p,), t, u) for p, t, u in zip(patterns, *found, strict=True)]
    return words, tasks or 0, units or 0


def _matching_tasks(*patterns: str) -> Select:
    return select(Task.id).where(*(Task.search_key.like(p, escape="\\") for p in patterns))


def _matching_units(*patterns: str) -> Select:
    return select(OrgUnit.id).where(*(OrgUnit.search_key.like(p, escape="\\") for p in patterns))


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
        ColumnSpec("due_on", "Hạn", format=table_date),
        ColumnSpec("status", "Trạng thái", format=status_label),
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
            request, self.actor, today_of(request, self.today), fixed_unit=self.fixed_unit, db=self.db
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
        today = today_of(request, self.today)
        # Days late sort by the due date of the late rows alone (the others count as 0 days).
        late = overdue_clause(today)
        self.sort_columns["days_late"] = case((late, Assignment.due_on), else_=_NEVER)
        if request.sort == "days_late":  # most days late first when sorted descending
            request = PageRequest(request.text, request.filters, "days_late", not request.descending,
                                  request.offset, request.limit)  # fmt: skip
        return super().ordered(request)

    def finish(self, rows: list[dict[str, Any]], request: PageRequest) -> list[dict[str, Any]]:
        today = today_of(request, self.today)
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
