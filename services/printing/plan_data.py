"""Read-only queries behind the plan, assignment and progress printouts.

Rows come back as small dataclasses in print order (task position, then unit kind and
Vietnamese name), so the report modules only arrange text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, exists, select

from models import Assignment, Document, OrgUnit, ProgressUpdate, Section, Task
from models.db import Database
from models.enums import AssignmentRole, AssignmentStatus, SchoolLevel, UnitKind
from models.errors import NotFound


def latest_document_id(db: Database) -> str:
    """The latest live document that has tasks (any document when none has)."""
    dated_last = case((Document.issued_on.is_(None), 1), else_=0)
    statement = (
        select(Document.id)
        .where(Document.deleted.is_(False))
        .order_by(dated_last, Document.issued_on.desc(), Document.rev.desc(), Document.id)
    )
    has_tasks = exists().where(Task.document_id == Document.id, Task.deleted.is_(False))
    with db.session() as session:
        found = session.scalar(statement.where(has_tasks).limit(1)) or session.scalar(statement.limit(1))
    if found is None:
        raise NotFound("Chưa có văn bản nào để in.", "There is no document to print yet.")
    return found


def document_id_by_reference(db: Database, reference: str) -> str:
    """A document by id, by ``number/symbol`` or by symbol alone."""
    with db.session() as session:
        live = Document.deleted.is_(False)
        if session.scalar(select(Document.id).where(Document.id == reference, live)):
            return reference
        number, _, symbol = reference.rpartition("/")
        statement = select(Document.id).where(live, Document.symbol == (symbol or reference))
        if number:
            statement = statement.where(Document.number == number)
        found = session.scalar(statement.order_by(Document.id).limit(1))
    if found is None:
        raise NotFound(
            f"Không tìm thấy văn bản «{reference}».", f"Document «{reference}» not found.", "--document"
        )
    return found


def round_document_id(db: Database, round_id: str) -> str | None:
    """The live plan a reporting round was made from, if any."""
    from models import ReportingRound

    with db.session() as session:
        document_id = session.scalar(select(ReportingRound.document_id).where(ReportingRound.id == round_id))
        if document_id and session.scalar(
            select(Document.id).where(Document.id == document_id, Document.deleted.is_(False))
        ):
            return document_id
    return None


def document_office_owned(db: Database, document_id: str, office_id: str) -> bool:
    with db.session() as session:
        doc = session.get(Document, document_id)
        return bool(doc and doc.issuer_unit_id == office_id)


@dataclass(frozen=True)
class SectionLine:
    number: str
    heading: str
    text: str
    depth: int


def outline(db: Database, document_id: str) -> list[SectionLine]:
    """The document's sections depth-first, in their own order."""
    with db.session() as session:
        rows = session.execute(
            select(Section.id, Section.parent_id, Section.number, Section.heading, Section.text)
            .where(Section.document_id == document_id, Section.deleted.is_(False))
            .order_by(Section.position, Section.id)
        ).all()
    children: dict[str | None, list[tuple[str, ...]]] = {}
    ids = {r[0] for r in rows}
    for row in rows:
        parent = row[1] if row[1] in ids else None
        children.setdefault(parent, []).append(tuple(row))
    out: list[SectionLine] = []

    def walk(parent: str | None, depth: int) -> None:
        for sid, _parent, number, heading, text in children.get(parent, []):
            out.append(SectionLine(number or "", heading or "", text or "", depth))
            walk(sid, depth + 1)

    walk(None, 0)
    return out


@dataclass(frozen=True)
class TaskLine:
    id: str
    position: int
    title: str
    section: str
    deadline: dt.date | None
    recurrence: str
    description: str = ""

    @property
    def full_title(self) -> str:
        """The title the import shortened with `` …`` joined again with the rest of its sentence."""
        if self.title.endswith("…") and self.description:
            return f"{self.title.removesuffix('…').rstrip()} {self.description.strip()}"
        return self.title


def tasks(db: Database, document_id: str) -> list[TaskLine]:
    with db.session() as session:
        rows = session.execute(
            select(
                Task.id,
                Task.position,
                Task.title,
                Section.number,
                Task.deadline,
                Task.recurrence,
                Task.description,
            )
            .outerjoin(Section, Section.id == Task.section_id)
            .where(Task.document_id == document_id, Task.deleted.is_(False))
            .order_by(Task.position, Task.id)
        ).all()
    return [
        TaskLine(r[0], r[1], r[2], r[3] or "", r[4], str(getattr(r[5], "value", r[5])), r[6] or "")
        for r in rows
    ]


@dataclass(frozen=True)
class AssignmentLine:
    id: str
    task_id: str
    unit_name: str
    unit_kind: UnitKind
    school_level: SchoolLevel | None
    role: AssignmentRole
    occurrence: str
    due_on: dt.date | None
    status: AssignmentStatus
    percent: int


def assignments(db: Database, document_id: str) -> list[AssignmentLine]:
    """Live assignments of the document's live tasks, cancelled ones aside."""
    live_tasks = select(Task.id).where(Task.document_id == document_id, Task.deleted.is_(False))
    statement = (
        select(
            Assignment.id,
            Assignment.task_id,
            OrgUnit.name,
            OrgUnit.kind,
            OrgUnit.school_level,
            Assignment.role,
            Assignment.occurrence,
            Assignment.due_on,
            Assignment.status,
            Assignment.percent,
        )
        .join(OrgUnit, OrgUnit.id == Assignment.unit_id)
        .join(Task, Task.id == Assignment.task_id)
        .where(
            Assignment.task_id.in_(live_tasks),
            Assignment.deleted.is_(False),
            Assignment.status != AssignmentStatus.CANCELLED,
        )
        .order_by(Task.position, OrgUnit.kind, OrgUnit.sort_key, Assignment.occurrence, Assignment.id)
    )
    with db.session() as session:
        return [
            AssignmentLine(
                r[0],
                r[1],
                r[2],
                UnitKind(r[3]),
                SchoolLevel(r[4]) if r[4] else None,
                AssignmentRole(r[5]),
                r[6] or "",
                r[7],
                AssignmentStatus(r[8]),
                r[9] or 0,
            )
            for r in session.execute(statement)
        ]


def latest_notes(db: Database, document_id: str) -> dict[str, str]:
    """Each assignment's latest non-empty progress note (by date, then revision)."""
    live_tasks = select(Task.id).where(Task.document_id == document_id, Task.deleted.is_(False))
    of_document = select(Assignment.id).where(Assignment.task_id.in_(live_tasks))
    statement = (
        select(ProgressUpdate.assignment_id, ProgressUpdate.note)
        .where(
            ProgressUpdate.assignment_id.in_(of_document),
            ProgressUpdate.deleted.is_(False),
            ProgressUpdate.note != "",
        )
        .order_by(ProgressUpdate.on_date, ProgressUpdate.rev)
    )
    notes: dict[str, str] = {}
    with db.session() as session:
        for assignment_id, note in session.execute(statement):
            notes[assignment_id] = note  # later rows overwrite earlier ones
    return notes
