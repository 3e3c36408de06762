"""Tasks of a document, entered or edited by hand: title, deadline, recurrence, section."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select

from models import Document, Section, Task
from models.db import Database
from models.enums import Recurrence
from models.errors import ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork
from services.plans.documents import clean_text, live_row, tombstone_assignments


@dataclass
class TaskInput:
    title: str
    description: str = ""
    theme: str = ""
    deadline: dt.date | None = None
    recurrence: Recurrence | str = Recurrence.ONCE
    section_id: str | None = None


@dataclass(frozen=True)
class TaskRow:
    id: str
    document_id: str
    section_id: str | None
    position: int
    title: str
    description: str
    theme: str
    deadline: dt.date | None
    recurrence: Recurrence


def _task_values(uow: UnitOfWork, document_id: str, data: TaskInput) -> dict[str, Any]:
    title = " ".join((data.title or "").split())
    if not title:
        raise ValidationError("Cần tên nhiệm vụ.", "A task title is required.", "title")
    try:
        recurrence = Recurrence(data.recurrence or Recurrence.ONCE)
    except ValueError as exc:
        raise ValidationError("Chu kỳ không hợp lệ.", "Invalid recurrence.", "recurrence") from exc
    if data.section_id:
        section = live_row(uow.session, Section, data.section_id, "mục", "Section")
        if section.document_id != document_id:
            raise ValidationError("Mục thuộc văn bản khác.", "The section belongs to another document.")
    return {"title": title, "description": (data.description or "").strip(), "recurrence": recurrence,
            "theme": clean_text(data.theme, 120, "theme"), "deadline": data.deadline,
            "section_id": data.section_id or None}  # fmt: skip


def create_task(db: Database, actor: Actor, document_id: str, data: TaskInput) -> str:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        live_row(uow.session, Document, document_id, "văn bản", "Document")
        values = _task_values(uow, document_id, data)
        positions = uow.session.scalars(select(Task.position).where(Task.document_id == document_id)).all()
        task = Task(document_id=document_id, position=max(positions, default=-1) + 1, **values)
        uow.session.add(task)
        uow.session.flush()
        return task.id


def update_task(db: Database, actor: Actor, task_id: str, data: TaskInput) -> None:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        task = live_row(uow.session, Task, task_id, "nhiệm vụ", "Task")
        for key, value in _task_values(uow, task.document_id, data).items():
            if getattr(task, key) != value:
                setattr(task, key, value)


def delete_task(db: Database, actor: Actor, task_id: str) -> None:
    """Tombstone a task and its assignments."""
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        task = live_row(uow.session, Task, task_id, "nhiệm vụ", "Task")
        task.deleted = True
        tombstone_assignments(uow, [task.id])


def get_task(db: Database, task_id: str) -> TaskRow:
    with db.session() as session:
        task = live_row(session, Task, task_id, "nhiệm vụ", "Task")
        return TaskRow(**{f.name: getattr(task, f.name) for f in fields(TaskRow)})


def document_tasks(db: Database, document_id: str) -> list[TaskRow]:
    with db.session() as session:
        rows = session.scalars(
            select(Task)
            .where(Task.document_id == document_id, Task.deleted.is_(False))
            .order_by(Task.position, Task.id)
        )
        return [TaskRow(**{f.name: getattr(t, f.name) for f in fields(TaskRow)}) for t in rows]


