"""Sổ đăng ký văn bản đến: arrivals numbered from 01 each calendar year.

A clerk registers a received file (the plan importer reads its number, agency, date and
subject to prefill the entry; the register keeps the file by SHA-256) or a paper
document by hand. A document the parent office sends down in a sync bundle is
registered on import (``register_arrivals``), once: the entry is keyed by the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select

from models import Document, HandlingSlip, IncomingDocument, OrgUnit
from models.db import Database
from models.errors import NotFound, ValidationError
from models.labels import HANDLING_STATUS_LABELS
from services.accounts.permissions import Action, Actor, require
from services.core import attachments
from services.core.paging import ColumnSpec, PageRequest, SqlPagedQuery, folded_search
from services.core.uow import UnitOfWork, now
from services.core.vietnamese import format_date
from services.register.common import CONFIDENTIALITY, URGENCY, checked, number_text, one_of, search_key
from services.register.numbers import INCOMING, next_number, number_and_year, with_retry


@dataclass
class IncomingInput:
    """What the clerk writes in the register (the fields of ND30's incoming register)."""

    subject: str
    agency: str = ""
    number_symbol: str = ""
    doc_date: dt.date | None = None
    doc_type: str = ""
    arrived_on: dt.date | None = None  # None: today
    urgency: str = ""
    confidentiality: str = ""
    sent_to: str = ""
    for_user: str = ""  # who gives the handling opinion (the head, by default anyone who may)
    note: str = ""
    document_id: str | None = None
    warnings: list[str] = field(default_factory=list)  # what the importer could not read


@dataclass(frozen=True)
class IncomingRow:
    id: str
    year: int
    arrival_number: int
    arrived_on: dt.date
    agency: str
    number_symbol: str
    doc_date: dt.date | None
    doc_type: str
    subject: str
    urgency: str
    confidentiality: str
    file_name: str
    file_sha256: str
    sent_to: str
    for_user: str
    document_id: str | None
    source: str
    note: str

    @property
    def number(self) -> str:
        return number_text(self.arrival_number)

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        for key in ("arrived_on", "doc_date"):
            data[key] = data[key].isoformat() if data[key] else None
        data["number"] = self.number
        return data


def _row(entry: IncomingDocument) -> IncomingRow:
    return IncomingRow(**{k: getattr(entry, k) for k in IncomingRow.__dataclass_fields__})


# --- registering -------------------------------------------------------------------------------


def prefill_from_file(path: Path) -> tuple[IncomingInput, Any]:
    """The register's fields as the plan importer reads them, and the parsed plan (None when the
    file is not a text the importer reads, a scan say: the clerk types the fields)."""
    from services.plan_import import PlanImportError, parse_plan_file

    try:
        plan = parse_plan_file(path)
    except PlanImportError as exc:
        return IncomingInput(subject="", warnings=[str(exc)]), None
    doc = plan.document
    agency = doc.issuer or doc.issuer_parent
    number = f"{doc.number}/{doc.symbol}" if doc.number and doc.symbol else doc.symbol
    title = " ".join((doc.title or "").split())
    data = IncomingInput(subject=title[:1].upper() + title[1:], agency=agency, number_symbol=number,
                         doc_date=doc.issued_on, doc_type=doc.type, warnings=list(plan.warnings))  # fmt: skip
    return data, plan


def register_incoming(
    db: Database,
    actor: Actor,
    data: IncomingInput,
    *,
    file: Path | None = None,
    save_plan: bool = False,
    uow_options: dict[str, Any] | None = None,
) -> IncomingRow:
    """Enter one arrival with the next arrival number of its year; ``file`` is kept (SHA-256);
    ``save_plan`` also stores it as a plan (tasks, assignments) the way the review dialog does."""
    require(actor, Action.REGISTER_DOCUMENTS)
    if not (data.subject or "").strip():
        raise ValidationError("Hãy ghi trích yếu nội dung văn bản đến.", "The subject is required.", "subject")
    data.urgency = one_of(data.urgency, URGENCY, "Độ khẩn")
    data.confidentiality = one_of(data.confidentiality, CONFIDENTIALITY, "Độ mật")
    # Checked before the file is kept and the plan saved: a refusal then changes nothing.
    checked(IncomingDocument(agency=data.agency, number_symbol=data.number_symbol, doc_type=data.doc_type,
                             subject=data.subject, sent_to=data.sent_to, for_user=data.for_user, note=data.note),
            "Văn bản đến")  # fmt: skip
    sha, name = "", ""
    if file is not None:
        sha, _size = attachments.store_file(db, file)  # content-addressed, before the transaction
        name = file.name
        if save_plan:
            data.document_id = _save_plan(db, actor, file)

    def work() -> IncomingRow:
        with UnitOfWork(db, actor, **(uow_options or {})) as uow:
            entry = _new_entry(uow, data, source="file" if file else "manual")
            entry.file_name, entry.file_sha256 = name[:255], sha
            return _row(entry)

    return with_retry(work)


def _save_plan(db: Database, actor: Actor, file: Path) -> str | None:
    from services.plan_import import parse_plan_file
    from services.plan_import.reviewed import imported_before, save_reviewed_plan

    plan = parse_plan_file(file)
    if imported_before(db, plan.sha256) is not None:
        with db.session() as session:
            found = session.scalars(select(Document.id).where(Document.source_sha256 == plan.sha256,
                                                              Document.deleted.is_(False))).first()  # fmt: skip
        return found
    return save_reviewed_plan(db, actor, plan).document_id


def _new_entry(uow: UnitOfWork, data: IncomingInput, *, source: str) -> IncomingDocument:
    arrived = data.arrived_on or dt.date.today()
    if data.document_id is not None:
        taken = uow.session.scalars(
            select(IncomingDocument).where(IncomingDocument.document_id == data.document_id)
        ).first()
        if taken is not None:
            raise ValidationError(
                f"Văn bản này đã vào sổ đến, số đến {number_text(taken.arrival_number)} "
                f"ngày {format_date(taken.arrived_on)}.",
                "This document is already in the incoming register.",
                "document_id",
            )
    number = next_number(uow.session, INCOMING, uow.office_id, arrived.year)
    entry = IncomingDocument(
        id=uow.new_id(), year=arrived.year, arrival_number=number, arrived_on=arrived,
        agency=" ".join(data.agency.split()), number_symbol=data.number_symbol.strip(),
        doc_date=data.doc_date, doc_type=(data.doc_type or "")[:8], subject=" ".join(data.subject.split()),
        urgency=data.urgency, confidentiality=data.confidentiality, sent_to=data.sent_to.strip(),
        for_user=data.for_user.strip(), document_id=data.document_id, source=source, note=data.note.strip(),
        created_by=uow.actor.username, created_at=now(),
    )  # fmt: skip
    entry.search_key = search_key(number, entry.number_symbol, entry.subject, entry.agency, entry.arrived_on,
                                  entry.doc_date, entry.sent_to)  # fmt: skip
    checked(entry, f"Văn bản đến số {number_text(number)}")
    uow.session.add(entry)
    uow.session.flush()
    return entry


def register_arrivals(uow: UnitOfWork, document_ids: list[str], arrived_on: dt.date | None = None) -> int:
    """Sync hook: documents another office sent down enter this office's incoming register,
    each once (keyed by the document, so a bundle imported twice or out of order adds nothing)."""
    if not document_ids:
        return 0
    session = uow.session
    known = set(session.scalars(select(IncomingDocument.document_id)
                                .where(IncomingDocument.document_id.in_(document_ids))))  # fmt: skip
    docs = session.scalars(select(Document).where(
        Document.id.in_([i for i in document_ids if i not in known]), Document.deleted.is_(False),
        Document.origin != uow.office_id).order_by(Document.issued_on, Document.id)).all()  # fmt: skip
    for doc in docs:
        agency = doc.issuer
        if doc.origin and not agency:
            unit = session.get(OrgUnit, doc.origin)
            agency = unit.name if unit is not None else ""
        number = f"{doc.number}/{doc.symbol}" if doc.number and doc.symbol else doc.symbol
        data = IncomingInput(subject=doc.title or doc.symbol or "(không có trích yếu)", agency=agency[:255],
                             number_symbol=number[:64], doc_date=doc.issued_on, doc_type=doc.doc_type.value,
                             arrived_on=arrived_on, document_id=doc.id,
                             note="Nhận qua gói đồng bộ")  # fmt: skip
        entry = _new_entry(uow, data, source="sync")
        entry.file_name, entry.file_sha256 = (doc.source_name or "")[:255], doc.source_sha256 or ""
    return len(docs)


# --- reading -------------------------------------------------------------------------------------


def get_incoming(db: Database, entry_id: str) -> IncomingRow:
    with db.session() as session:
        entry = session.get(IncomingDocument, entry_id)
        if entry is None:
            raise NotFound("Không có văn bản đến này.", "No such incoming document.", entry_id)
        return _row(entry)


def find_incoming(db: Database, reference: str) -> IncomingRow:
    """An entry by id, or by ``số đến`` (``05`` this year, ``05/2024`` another year)."""
    with db.session() as session:
        entry = session.get(IncomingDocument, reference)
        if entry is None:
            parsed = number_and_year(reference)
            if parsed is not None:
                number, wanted = parsed
                entry = session.scalars(select(IncomingDocument).where(
                    IncomingDocument.year == wanted, IncomingDocument.arrival_number == number)).first()  # fmt: skip
        if entry is None:
            raise NotFound(f"Không có văn bản đến «{reference}».", f"No incoming document «{reference}».",
                           reference)  # fmt: skip
        return _row(entry)


def incoming_file(db: Database, entry_id: str) -> Path | None:
    """Where the kept file is (None when the entry has none or the file went missing)."""
    row = get_incoming(db, entry_id)
    if not row.file_sha256 or not attachments.has_blob(db, row.file_sha256):
        return None
    return attachments.blob_path(db, row.file_sha256)


def _status(has_slip: bool, done: bool) -> str:
    key = "waiting" if not has_slip else ("done" if done else "open")
    return HANDLING_STATUS_LABELS[key]


INCOMING_COLUMNS = [
    ColumnSpec("number", "Số đến"),
    ColumnSpec("arrived_on", "Ngày đến", format=format_date),
    ColumnSpec("agency", "Tác giả"),
    ColumnSpec("number_symbol", "Số, ký hiệu"),
    ColumnSpec("doc_date", "Ngày tháng", format=format_date),
    ColumnSpec("subject", "Tên loại và trích yếu nội dung"),
    ColumnSpec("sent_to", "Đơn vị hoặc người nhận"),
    ColumnSpec("marks", "Độ khẩn, mật", sortable=False),
    ColumnSpec("status", "Tình trạng", sortable=False, format=str),  # a label: the GUI translates it
]


class IncomingQuery(SqlPagedQuery):
    """The incoming register as the page and the books show it; filters ``start``, ``end``
    (dates), ``year``, ``waiting_for`` (a username: entries waiting for that person's opinion)."""

    columns = INCOMING_COLUMNS
    default_sort = "number"

    def __init__(self, db: Database, actor: Actor) -> None:
        require(actor, Action.VIEW)
        super().__init__(db)
        self.actor = actor
        t = IncomingDocument
        self.sort_columns = {"number": t.year * 100000 + t.arrival_number, "arrived_on": t.arrived_on,
                             "agency": t.agency, "number_symbol": t.number_symbol, "doc_date": t.doc_date,
                             "subject": t.subject, "sent_to": t.sent_to}  # fmt: skip
        self.tie_breaker = t.id

    def base(self) -> Select:
        t = IncomingDocument
        return select(t.id, t.year, t.arrival_number, t.arrived_on, t.agency, t.number_symbol, t.doc_date,
                      t.doc_type, t.subject, t.sent_to, t.urgency, t.confidentiality, t.file_name,
                      t.file_sha256, t.for_user, t.document_id, t.source, t.note)  # fmt: skip

    def filtered(self, request: PageRequest) -> Select:
        t = IncomingDocument
        statement = folded_search(self.base(), t.search_key, request.text)
        f = request.filters
        if f.get("year"):
            statement = statement.where(t.year == int(f["year"]))
        if f.get("start"):
            statement = statement.where(t.arrived_on >= f["start"])
        if f.get("end"):
            statement = statement.where(t.arrived_on <= f["end"])
        if f.get("waiting_for"):
            slips = select(HandlingSlip.id).where(HandlingSlip.incoming_id == t.id)
            statement = statement.where(~slips.exists(), t.for_user.in_(["", f["waiting_for"]]))
        return statement

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
        rows = super().fetch(request)
        ids = [r["id"] for r in rows]
        slips: dict[str, bool] = {}
        if ids:
            with self.db.session() as session:
                for incoming_id, done in session.execute(select(HandlingSlip.incoming_id, HandlingSlip.done_at)
                                                         .where(HandlingSlip.incoming_id.in_(ids))):  # fmt: skip
                    slips[incoming_id] = slips.get(incoming_id, True) and done is not None
        for row in rows:
            row["number"] = number_text(row["arrival_number"])
            row["marks"] = ", ".join(m for m in (row["urgency"], row["confidentiality"]) if m)
            row["status"] = _status(row["id"] in slips, slips.get(row["id"], False))
        return rows


def incoming_between(db: Database, actor: Actor, start: dt.date, end: dt.date, text: str = "") -> list[dict[str, Any]]:
    """Every entry that arrived from ``start`` to ``end``, in number order (the printed book)."""
    query = IncomingQuery(db, actor)
    request = PageRequest(text=text, filters={"start": start, "end": end}, sort="number", limit=1_000_000)
    return query.fetch(request)

