"""Saving an imported plan: the document, its outline and its tasks, in one unit of work."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from models import Document, OrgUnit, Section, Setting, Task
from models.db import Database
from models.enums import DocType, Recurrence
from models.errors import ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold
from services.plan_import.model import Deadline, Node, ParsedPlan, Target


@dataclass(frozen=True)
class StoredPlan:
    document_id: str
    sections: int
    tasks: int
    task_ids: tuple[str, ...]


def save_plan(
    db: Database, actor: Actor, plan: ParsedPlan, *, uow_options: dict[str, Any] | None = None
) -> StoredPlan:
    """Store ``plan`` (EDIT_DOCUMENTS); the same file twice is refused."""
    require(actor, Action.EDIT_DOCUMENTS)
    with UnitOfWork(db, actor, **(uow_options or {})) as uow:
        taken = uow.session.scalars(
            select(Document.title).where(Document.source_sha256 == plan.sha256, Document.deleted.is_(False))
        ).first()
        if taken is not None:
            raise ValidationError(
                f"Tệp này đã được nhập trước đây (văn bản «{taken[:80]}»); không nhập lại.",
                "This file was imported before; it is not imported twice.",
                plan.source_name,
            )
        stored = store_plan(uow, plan)
        uow.audit(
            "import",
            "documents",
            stored.document_id,
            summary=f"Nhập {plan.source_name}: {stored.sections} mục, {stored.tasks} nhiệm vụ",
        )
    return stored


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def store_plan(uow: UnitOfWork, plan: ParsedPlan) -> StoredPlan:
    """Insert the plan's rows inside an open unit of work (the caller checks permissions)."""
    doc = plan.document
    doc_id = uow.new_id()
    doc_type = DocType(doc.type) if doc.type in {t.value for t in DocType} else DocType.KH
    uow.insert_many(
        Document,
        [
            {
                "id": doc_id,
                "doc_type": doc_type,
                "number": _cut(doc.number, 32),
                "symbol": _cut(doc.symbol, 64),
                "issuer": _cut(doc.issuer, 255),
                "issuer_unit_id": _issuer_unit(uow, doc.issuer),
                "place": _cut(doc.place, 120),
                "issued_on": doc.issued_on,
                "title": doc.title,
                "school_year": doc.school_year[:16],
                "period": doc.period[:16],
                "basis": json.dumps(doc.basis, ensure_ascii=False),
                "recipients": json.dumps(doc.recipients, ensure_ascii=False),
                "signer_authority": doc.signer.authority[:16],
                "signer_title": _cut(doc.signer.title, 120),
                "signer_name": _cut(doc.signer.name, 120),
                "source_name": _cut(plan.source_name, 255),
                "source_sha256": plan.sha256,
                "body_text": plan.text,
            }
        ],
        summary=_cut(f"{doc.type} {doc.symbol} {doc.title}".strip(), 200),
    )
    # The outline, then each appendix as one more top-level section.
    tops = [*plan.root.children]
    wrappers = []
    for appendix in plan.appendices:
        heading = f"{appendix.title} {appendix.subtitle}".strip()
        wrappers.append(
            (appendix.root, replace(appendix.root, number="PL", heading=heading, line=appendix.line))
        )
    tops += [wrapper for _root, wrapper in wrappers]
    ids: dict[int, str] = {}
    rows: list[dict[str, Any]] = []
    _sections(uow, doc_id, tops, None, ids, rows)
    for root, wrapper in wrappers:
        ids[id(root)] = ids[id(wrapper)]
    uow.insert_many(Section, rows, summary=f"Bố cục của {plan.source_name}")
    task_rows: list[dict[str, Any]] = []
    for position, task in enumerate(plan.tasks):
        task_rows.append(
            {
                "id": uow.new_id(),
                "document_id": doc_id,
                "section_id": ids.get(id(task.node)) if task.node is not None else None,
                "position": position,
                "title": task.title,
                "description": task.description,
                "theme": "",
                "deadline": task.deadline,
                "recurrence": Recurrence(task.recurrence),
            }
        )
    uow.insert_many(Task, task_rows, summary=f"Nhiệm vụ của {plan.source_name}")
    return StoredPlan(doc_id, len(rows), len(task_rows), tuple(r["id"] for r in task_rows))


def _sections(
    uow: UnitOfWork,
    doc_id: str,
    nodes: list[Node],
    parent_id: str | None,
    ids: dict[int, str],
    rows: list[dict[str, Any]],
) -> None:
    for position, node in enumerate(nodes):
        section_id = uow.new_id()
        ids[id(node)] = section_id
        rows.append(
            {
                "id": section_id,
                "document_id": doc_id,
                "parent_id": parent_id,
                "position": position,
                "number": node.number[:16],
                "heading": node.heading,
                "text": node.text,
            }
        )
        _sections(uow, doc_id, node.children, section_id, ids, rows)


def _issuer_unit(uow: UnitOfWork, issuer: str) -> str | None:
    """The org unit whose name is the issuer's (diacritics and case aside), if there is one."""
    if not issuer:
        return None
    wanted = fold(issuer)
    units = select(OrgUnit.id, OrgUnit.name).where(OrgUnit.deleted.is_(False)).order_by(OrgUnit.id)
    for unit_id, name in uow.session.execute(units):
        if fold(name) == wanted:
            return unit_id
    return None


# --- what the clerk corrected in review, for the features that read a plan later --------------

_REVIEWED_KEY = "plan.reviewed.{}"  # local: the office that imported the plan makes its rounds


def store_reviewed_parts(uow: UnitOfWork, document_id: str, plan: ParsedPlan) -> None:
    """Keep the reviewed deadlines and targets, so rounds and ``targets`` never re-parse the text."""
    value = {
        "deadlines": [d.to_dict() for d in plan.deadlines],
        "targets": [t.to_dict() for t in plan.targets],
    }
    uow.session.add(
        Setting(key=_REVIEWED_KEY.format(document_id), value=json.dumps(value, ensure_ascii=False))
    )


def reviewed_parts(db: Database, document_id: str) -> tuple[list[Deadline], list[Target]] | None:
    """The deadlines and targets as saved after review; None for a plan saved without review."""
    with db.session() as session:
        row = session.get(Setting, _REVIEWED_KEY.format(document_id))
    if row is None:
        return None
    data = json.loads(row.value)
    # The keys are the fields' names (``to_dict``); only the types need restoring.
    deadlines = [Deadline(**{**d, "date": dt.date.fromisoformat(d["date"])}) for d in data["deadlines"]]
    targets = [Target(**{**t, "value": float(t["value"])}) for t in data["targets"]]
    return deadlines, targets
