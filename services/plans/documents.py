"""Documents (văn bản chỉ đạo) and their outline (sections), entered or edited by hand.

Deleting a document tombstones its sections, tasks and live assignments with it. Tasks are
``services.plans.tasks``; a document saved from a reviewed import is ``services.plan_import.reviewed``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import select, update

from models import Assignment, Document, Section, Task
from models.db import Database
from models.enums import DocType
from models.errors import NotFound, ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork
from services.plans.assignments import (
    parse_school_year,
)

_PERIOD = re.compile(r"^\d{4}\s*[-–]\s*\d{4}$")



@dataclass
class DocumentInput:
    doc_type: DocType | str
    title: str
    number: str = ""
    symbol: str = ""
    issuer: str = ""
    place: str = ""
    issued_on: dt.date | None = None
    school_year: str = ""
    period: str = ""
    basis: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""


@dataclass(frozen=True)
class DocumentRow:
    id: str
    doc_type: DocType
    number: str
    symbol: str
    issuer: str
    place: str
    issued_on: dt.date | None
    title: str
    school_year: str
    period: str
    signer_authority: str
    signer_title: str
    signer_name: str
    source_name: str
    body_text: str
    basis: list[Any]
    recipients: list[str]

    @property
    def reference(self) -> str:
        """``123/KH-PGDĐT`` (or the symbol alone while the number is blank)."""
        return f"{self.number}/{self.symbol}" if self.number else self.symbol


def clean_text(text: str, length: int, place: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > length:
        raise ValidationError(f"Tối đa {length} ký tự.", f"At most {length} characters.", place)
    return text


def _document_values(data: DocumentInput) -> dict[str, Any]:
    try:
        doc_type = DocType(data.doc_type)
    except ValueError as exc:
        raise ValidationError("Loại văn bản không hợp lệ.", "Invalid document type.", "doc_type") from exc
    title = " ".join((data.title or "").split())
    if not title:
        raise ValidationError("Cần trích yếu (tên) văn bản.", "A document title is required.", "title")
    if data.school_year:
        parse_school_year(data.school_year)
    if data.period and not _PERIOD.match(data.period.strip()):
        raise ValidationError("Giai đoạn ghi dạng 2021-2025.", "Write a period as 2021-2025.", "period")
    limits = {"number": 32, "symbol": 64, "issuer": 255, "place": 120, "signer_authority": 16,
              "signer_title": 120, "signer_name": 120}  # fmt: skip
    values: dict[str, Any] = {k: clean_text(getattr(data, k), n, k) for k, n in limits.items()}
    values.update(
        doc_type=doc_type, title=title, issued_on=data.issued_on,
        school_year=data.school_year.strip().replace("–", "-"), period=data.period.strip().replace("–", "-"),
        basis=json.dumps([b for b in data.basis if b.strip()], ensure_ascii=False),
        recipients=json.dumps([r for r in data.recipients if r.strip()], ensure_ascii=False),
    )  # fmt: skip
    return values


def _to_document_row(doc: Document) -> DocumentRow:
    names = {f.name for f in fields(DocumentRow)} - {"basis", "recipients"}
    return DocumentRow(
        **{n: getattr(doc, n) for n in names},
        basis=json.loads(doc.basis or "[]"),
        recipients=json.loads(doc.recipients or "[]"),
    )


def live_row(session: Any, model: type, row_id: str, what: str, english: str) -> Any:
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise NotFound(f"Không tìm thấy {what}.", f"{english} not found.")
    return row


def create_document(db: Database, actor: Actor, data: DocumentInput) -> str:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        doc = Document(**_document_values(data))
        uow.session.add(doc)
        uow.session.flush()
        return doc.id


def update_document(db: Database, actor: Actor, document_id: str, data: DocumentInput) -> None:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        doc = live_row(uow.session, Document, document_id, "văn bản", "Document")
        for key, value in _document_values(data).items():
            if getattr(doc, key) != value:
                setattr(doc, key, value)


def get_document(db: Database, document_id: str) -> DocumentRow:
    with db.session() as session:
        return _to_document_row(live_row(session, Document, document_id, "văn bản", "Document"))


def delete_document(db: Database, actor: Actor, document_id: str) -> None:
    """Tombstone the document with its outline, tasks and their assignments."""
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        doc = live_row(uow.session, Document, document_id, "văn bản", "Document")
        doc.deleted = True
        for section in uow.session.scalars(select(Section).where(Section.document_id == doc.id)):
            section.deleted = True
        task_ids = []
        for task in uow.session.scalars(
            select(Task).where(Task.document_id == doc.id, Task.deleted.is_(False))
        ):
            task.deleted = True
            task_ids.append(task.id)
        tombstone_assignments(uow, task_ids)


def tombstone_assignments(uow: UnitOfWork, task_ids: Sequence[str]) -> int:
    """Bulk tombstones (a plan's tasks may have 100,000 assignments): one audit entry."""
    if not task_ids:
        return 0
    ids: list[str] = []
    for first in range(0, len(task_ids), 500):
        ids += uow.session.scalars(
            select(Assignment.id).where(
                Assignment.task_id.in_(task_ids[first : first + 500]), Assignment.deleted.is_(False)
            )
        )
    if ids:
        uow.session.execute(
            update(Assignment), [{"id": i, "deleted": True, "rev": uow.next_rev()} for i in ids]
        )
        uow.audit(
            "bulk_delete", "assignments", summary=f"{len(ids)} việc được giao", after={"count": len(ids)}
        )
        uow.changes.add("assignments")
    return len(ids)


# --- sections ----------------------------------------------------------------------------------


@dataclass
class SectionInput:
    number: str
    heading: str
    text: str = ""
    parent_id: str | None = None


@dataclass
class SectionNode:
    id: str
    number: str
    heading: str
    text: str
    children: list[SectionNode] = field(default_factory=list)


def add_section(db: Database, actor: Actor, document_id: str, data: SectionInput) -> str:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        live_row(uow.session, Document, document_id, "văn bản", "Document")
        values = _section_values(uow, document_id, data)
        siblings = uow.session.scalars(
            select(Section.position).where(
                Section.document_id == document_id, Section.parent_id == data.parent_id
            )
        ).all()
        section = Section(document_id=document_id, position=max(siblings, default=-1) + 1, **values)
        uow.session.add(section)
        uow.session.flush()
        return section.id


def _section_values(uow: UnitOfWork, document_id: str, data: SectionInput) -> dict[str, Any]:
    if data.parent_id:
        parent = live_row(uow.session, Section, data.parent_id, "mục cha", "Parent section")
        if parent.document_id != document_id:
            raise ValidationError("Mục cha thuộc văn bản khác.", "The parent belongs to another document.")
    heading = " ".join((data.heading or "").split())
    if not heading and not data.number.strip():
        raise ValidationError(
            "Cần số hoặc tiêu đề của mục.", "A section needs a number or heading.", "heading"
        )
    return {"number": clean_text(data.number, 16, "number"), "heading": heading, "text": data.text.strip(),
            "parent_id": data.parent_id}  # fmt: skip


def update_section(db: Database, actor: Actor, section_id: str, data: SectionInput) -> None:
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        section = live_row(uow.session, Section, section_id, "mục", "Section")
        values = _section_values(uow, section.document_id, data)
        parent = values["parent_id"]
        while parent:  # refuse moving a section under itself
            if parent == section.id:
                raise ValidationError("Không thể đặt mục vào chính nó.", "A section cannot contain itself.")
            above = uow.session.get(Section, parent)
            assert above is not None, "a parent_id is a foreign key"
            parent = above.parent_id
        for key, value in values.items():
            if getattr(section, key) != value:
                setattr(section, key, value)


def delete_section(db: Database, actor: Actor, section_id: str) -> None:
    """Tombstone a section and its sub-sections; their tasks move up to the parent section."""
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor) as uow:
        section = live_row(uow.session, Section, section_id, "mục", "Section")
        doomed, frontier = {section.id}, [section.id]
        while frontier:
            children = list(uow.session.scalars(select(Section).where(Section.parent_id.in_(frontier))))
            frontier = [c.id for c in children if c.id not in doomed]
            doomed.update(frontier)
        for row in uow.session.scalars(select(Section).where(Section.id.in_(doomed))):
            row.deleted = True
        for task in uow.session.scalars(select(Task).where(Task.section_id.in_(doomed))):
            task.section_id = section.parent_id


def section_tree(db: Database, document_id: str) -> list[SectionNode]:
    with db.session() as session:
        rows = list(
            session.scalars(
                select(Section)
                .where(Section.document_id == document_id, Section.deleted.is_(False))
                .order_by(Section.position, Section.id)
            )
        )
    nodes = {r.id: SectionNode(r.id, r.number, r.heading, r.text) for r in rows}
    roots: list[SectionNode] = []
    for row in rows:
        parent = nodes.get(row.parent_id or "")
        (parent.children if parent else roots).append(nodes[row.id])
    return roots


