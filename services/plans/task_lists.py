"""The lists of tasks and documents on the Kế hoạch & nhiệm vụ page, with their assignments' figures.

A task's figures (assigned, done, late) are grouped counts over its live assignments, read
in one query for the page shown (``grouped_figures``), not one per row.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, case, func, or_, select

from models import Assignment, Document, Section, Task
from models.db import Database
from models.enums import AssignmentStatus, Recurrence, Role
from models.labels import DOC_TYPE_LABELS, RECURRENCE_LABELS
from services.accounts.permissions import Action, Actor, require
from services.core.paging import ColumnSpec, PageRequest, SqlPagedQuery
from services.plans.assignments import overdue_clause
from services.plans.views import (
    as_list,
    assignment_conditions,
    document_label,
    search_words,
    table_date,
    today_of,
)


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
        ColumnSpec("deadline", "Thời hạn", format=table_date),
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
        today = today_of(request, self.today)
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
            where.append(Task.document_id.in_(as_list(f["document_id"])))
        if f.get("task_id"):
            where.append(Task.id == f["task_id"])
        for pattern in search_words(request.text):
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
                    self._assignment_request(request), self.actor, today_of(request, self.today)
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
        ColumnSpec("issued_on", "Ngày ban hành", format=table_date),
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
        for pattern in search_words(request.text):
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


