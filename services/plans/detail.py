"""One task in full: its assignments, their progress and evidence, and its history from the audit log."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from models import Assignment, AuditEntry, Document, OrgUnit, Section, Task
from models.db import Database
from models.enums import AssignmentRole, AssignmentStatus, Recurrence, Role
from models.errors import NotFound
from models.labels import ASSIGNMENT_ROLE_LABELS as ASSIGNMENT_ROLE_LABELS
from models.labels import DOC_TYPE_LABELS
from services.accounts.permissions import Action, Actor, require, require_own_unit
from services.core import vietnamese
from services.plans.assignments import lateness
from services.plans.progress import ProgressRow, histories
from services.plans.views import status_label


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
        assert doc is not None, "a task's document_id is a foreign key"
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
            text = f"{status_label(p.status)} {p.percent}%: {p.note}{files}".strip()
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
        return status_label(value)
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
