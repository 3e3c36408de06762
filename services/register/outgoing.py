"""Sổ đăng ký văn bản đi: numbers per office from 01 each calendar year, in one sequence.

ND30 numbers every document an office issues in one sequence per year; an office may
give some types their own (``set_sequences({"QĐ": "QĐ"})``). A number is taken when a
document is issued, reserved ahead (``reserve``) or recorded as skipped (``skip``):
never given twice, never reused. ``issue_report`` prints a ``report KIND`` with the next
number in its header (``Số: 05/BC-PGDĐT``), keeps the issued PDF by its SHA-256 beside
the entry and records the recipients; ``issued_pdf`` gives back those exact bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select

from models import OutgoingDocument, Setting
from models.db import Database
from models.errors import EduDeskError, NotFound, ValidationError
from models.labels import OUTGOING_STATUS_LABELS
from services.accounts.office import office_info
from services.accounts.permissions import Action, Actor, require
from services.core import attachments
from services.core.paging import ColumnSpec, PageRequest, SqlPagedQuery, folded_search
from services.core.uow import UnitOfWork, now
from services.core.vietnamese import format_date
from services.register.common import checked, dumps, loads, number_text, search_key
from services.register.numbers import OUTGOING, next_number, number_and_year, with_retry

SEQUENCES_KEY = "register_sequences"
RESERVED, ISSUED, SKIPPED = "reserved", "issued", "skipped"


@dataclass(frozen=True)
class OutgoingRow:
    id: str
    year: int
    sequence: str
    number: int
    status: str
    doc_type: str
    symbol: str
    doc_date: dt.date
    subject: str
    signer: str
    recipients: list[str]
    archive: str
    copies: int
    kind: str
    pdf_name: str
    pdf_sha256: str
    pdf_size: int
    note: str

    @property
    def number_symbol(self) -> str:
        """``05/BC-PGDĐT``, as the header prints it."""
        return f"{number_text(self.number)}/{self.symbol}" if self.symbol else number_text(self.number)

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["doc_date"] = self.doc_date.isoformat()
        data["number_symbol"] = self.number_symbol
        data["status_label"] = OUTGOING_STATUS_LABELS.get(self.status, self.status)
        return data


def _row(entry: OutgoingDocument) -> OutgoingRow:
    values = {k: getattr(entry, k) for k in OutgoingRow.__dataclass_fields__ if k != "recipients"}
    return OutgoingRow(recipients=loads(entry.recipients), **values)


# --- sequences -----------------------------------------------------------------------------------


def sequences(db: Database) -> dict[str, str]:
    """Document type → its own sequence; a type not named shares the one sequence ("")."""
    with db.session() as session:
        row = session.get(Setting, SEQUENCES_KEY)
        return dict(json.loads(row.value)) if row is not None else {}


def set_sequences(db: Database, actor: Actor, chosen: dict[str, str]) -> None:
    """Separate sequences where the office chooses them (ND30: one sequence unless it decides)."""
    require(actor, Action.EDIT_SETTINGS)
    clean = {str(k).strip(): str(v).strip()[:16] for k, v in chosen.items() if str(k).strip() and str(v).strip()}
    with UnitOfWork(db, actor) as uow:
        row = uow.session.get(Setting, SEQUENCES_KEY)
        text = json.dumps(clean, ensure_ascii=False, sort_keys=True)
        if row is None:
            uow.session.add(Setting(key=SEQUENCES_KEY, value=text))
        else:
            row.value = text


def _sequence(uow: UnitOfWork, doc_type: str) -> str:
    row = uow.session.get(Setting, SEQUENCES_KEY)
    return dict(json.loads(row.value)).get(doc_type, "") if row is not None else ""


# --- taking numbers ------------------------------------------------------------------------------


@dataclass
class OutgoingInput:
    """An outgoing entry: what the register's columns hold."""

    subject: str = ""
    doc_type: str = "CV"
    symbol: str = ""  # BC-PGDĐT; blank: built from the type and the office's abbreviation
    doc_date: dt.date | None = None  # None: today
    signer: str = ""
    recipients: list[str] | None = None
    archive: str = "VT"
    copies: int = 0
    note: str = ""


def default_symbol(db: Database, doc_type: str) -> str:
    from services.printing.header import default_header

    header = default_header(db, doc_type)
    return header.default_symbol()


def _take(uow: UnitOfWork, data: OutgoingInput, status: str, symbol: str) -> OutgoingDocument:
    day = data.doc_date or dt.date.today()
    sequence = _sequence(uow, data.doc_type)
    number = next_number(uow.session, OUTGOING, uow.office_id, day.year, sequence)
    entry = OutgoingDocument(
        id=uow.new_id(), office_id=uow.office_id, year=day.year, sequence=sequence, number=number, status=status,
        doc_type=data.doc_type[:8], symbol=symbol, doc_date=day, subject=" ".join(data.subject.split()),
        signer=data.signer.strip(), recipients=dumps(data.recipients or []), archive=data.archive.strip(),
        copies=max(0, int(data.copies or 0)), note=data.note.strip(), created_by=uow.actor.username,
        created_at=now(),
    )  # fmt: skip
    _rekey(entry)
    checked(entry, f"Văn bản đi số {number_text(number)}")
    uow.session.add(entry)
    uow.session.flush()
    return entry


def _rekey(entry: OutgoingDocument) -> None:
    entry.search_key = search_key(entry.number, f"{number_text(entry.number)}/{entry.symbol}", entry.subject,
                                  entry.signer, " ".join(loads(entry.recipients)), entry.doc_date, entry.note,
                                  OUTGOING_STATUS_LABELS.get(entry.status, ""))  # fmt: skip


def _numbered(db: Database, actor: Actor, data: OutgoingInput, status: str,
              uow_options: dict[str, Any] | None) -> OutgoingRow:  # fmt: skip
    symbol = data.symbol.strip() or default_symbol(db, data.doc_type)

    def work() -> OutgoingRow:
        with UnitOfWork(db, actor, **(uow_options or {})) as uow:
            return _row(_take(uow, data, status, symbol))

    return with_retry(work)


def register_outgoing(db: Database, actor: Actor, data: OutgoingInput, *,
                      uow_options: dict[str, Any] | None = None) -> OutgoingRow:  # fmt: skip
    """Enter a document issued outside EduDesk (typed in Word, say) with the next number."""
    require(actor, Action.REGISTER_DOCUMENTS)
    if not data.subject.strip():
        raise ValidationError("Hãy ghi trích yếu nội dung văn bản đi.", "The subject is required.", "subject")
    return _numbered(db, actor, data, ISSUED, uow_options)


def reserve(db: Database, actor: Actor, data: OutgoingInput, *,
            uow_options: dict[str, Any] | None = None) -> OutgoingRow:  # fmt: skip
    """Giữ số: take the next number now for a document still being signed."""
    require(actor, Action.REGISTER_DOCUMENTS)
    return _numbered(db, actor, data, RESERVED, uow_options)


def skip(db: Database, actor: Actor, reason: str, *, entry_id: str | None = None,
         data: OutgoingInput | None = None) -> OutgoingRow:  # fmt: skip
    """Bỏ số: a reserved number that will not be used, or the next number, recorded as skipped
    with why; it is never given again."""
    require(actor, Action.REGISTER_DOCUMENTS)
    if not reason.strip():
        raise ValidationError("Hãy ghi lý do bỏ số.", "Say why the number is skipped.", "reason")
    if entry_id is None:
        return _numbered(db, actor, replace(data or OutgoingInput(), note=reason), SKIPPED, None)
    with UnitOfWork(db, actor) as uow:
        entry = _entry(uow, entry_id)
        if entry.status != RESERVED:
            raise ValidationError(f"Số {number_text(entry.number)} đã {OUTGOING_STATUS_LABELS[entry.status].lower()}; "
                                  "chỉ bỏ được số đang giữ.", "Only a reserved number can be skipped.",
                                  entry_id)  # fmt: skip
        entry.status, entry.note = SKIPPED, reason.strip()
        _rekey(entry)
        checked(entry, f"Văn bản đi số {number_text(entry.number)}")
        return _row(entry)


def _entry(uow: UnitOfWork, entry_id: str) -> OutgoingDocument:
    entry = uow.session.get(OutgoingDocument, entry_id)
    if entry is None:
        raise NotFound("Không có văn bản đi này.", "No such outgoing document.", entry_id)
    return entry


# --- issuing a printout --------------------------------------------------------------------------


def issue_report(
    db: Database,
    actor: Actor,
    kind: str,
    options: Any = None,
    *,
    reserved_id: str | None = None,
    copies: int = 0,
    font: str = "liberation",
    uow_options: dict[str, Any] | None = None,
) -> OutgoingRow:
    """Issue a printout of ``report KIND``: the next number (or a reserved one) in its header, the
    PDF kept unchangeable beside the entry by SHA-256, the recipients recorded."""
    require(actor, Action.REGISTER_DOCUMENTS)
    require(actor, Action.PRINT)
    from services.printing import build_report
    from services.printing.common import ReportOptions

    options = options or ReportOptions()
    probe = build_report(db, kind, options)  # refuses a bad kind or scope before a number is taken
    data = OutgoingInput(subject=f"{probe.type_name.capitalize()} {probe.subject}".strip(),
                         doc_type=probe.header.doc_type, doc_date=options.day(), signer=probe.header.signer_name,
                         recipients=_recipients(probe.header), copies=copies)  # fmt: skip
    symbol = probe.header.symbol or probe.header.default_symbol()
    if reserved_id is None:
        entry = _numbered(db, actor, replace(data, symbol=symbol, note=f"Đang in {kind}"), RESERVED, uow_options)
    else:
        entry = _reserved(db, reserved_id)
    options.header.number = str(entry.number)
    options.header.date = entry.doc_date
    doc = build_report(db, kind, options)
    pdf = _render(doc, font)
    sha, size = attachments.store_bytes(db, pdf)
    with UnitOfWork(db, actor, **(uow_options or {})) as uow:
        stored = _entry(uow, entry.id)
        if stored.status != RESERVED:
            raise ValidationError(f"Số {number_text(stored.number)} không còn giữ; không phát hành vào số này.",
                                  "The number is no longer reserved.", stored.id)  # fmt: skip
        stored.status, stored.kind, stored.note = ISSUED, kind, ""
        stored.subject = " ".join(data.subject.split())
        stored.doc_type, stored.symbol = doc.header.doc_type[:8], (doc.header.symbol or doc.header.default_symbol())
        stored.signer, stored.recipients = doc.header.signer_name, dumps(_recipients(doc.header))
        stored.copies = max(stored.copies, copies)
        stored.pdf_sha256, stored.pdf_size = sha, size
        stored.pdf_name = f"{number_text(stored.number)}-{stored.doc_type}-{stored.year}-{kind}.pdf"
        _rekey(stored)
        checked(stored, f"Văn bản đi số {number_text(stored.number)}")
        return _row(stored)


def _recipients(header: Any) -> list[str]:
    """Nơi nhận as the register lists them: ``Sở GD&ĐT (để báo cáo)``, ``Lưu: VT``."""
    return [line.removeprefix("- ").rstrip(";.").strip() for line in header.recipient_lines()]


def _reserved(db: Database, entry_id: str) -> OutgoingRow:
    with db.session() as session:
        entry = session.get(OutgoingDocument, entry_id)
        if entry is None or entry.status != RESERVED:
            raise ValidationError("Số này không phải số đang giữ.", "That number is not reserved.", entry_id)
        return _row(entry)


def _render(doc: Any, font: str) -> bytes:
    from services.printing.pdf import render_pdf

    buffer = io.BytesIO()
    render_pdf(doc, buffer, font=font)
    return buffer.getvalue()


def issued_pdf(db: Database, entry_id: str) -> bytes:
    """The issued PDF exactly as it was issued; refuses a file changed on disk since."""
    with db.session() as session:
        entry = session.get(OutgoingDocument, entry_id)
        if entry is None:
            raise NotFound("Không có văn bản đi này.", "No such outgoing document.", entry_id)
        sha = entry.pdf_sha256
    if not sha:
        raise ValidationError("Văn bản đi này không có bản PDF phát hành.", "No issued PDF kept.", entry_id)
    path = attachments.blob_path(db, sha)
    if not path.is_file():
        raise EduDeskError("Mất tệp PDF đã phát hành (thư mục dữ liệu thiếu tệp).", "The issued PDF is missing.",
                           str(path))  # fmt: skip
    data = path.read_bytes()
    import hashlib

    if hashlib.sha256(data).hexdigest() != sha:
        raise EduDeskError("Tệp PDF đã phát hành bị thay đổi trên đĩa; không in lại bản này.",
                           "The issued PDF changed on disk since it was issued.", str(path))  # fmt: skip
    return data


def reprint(db: Database, actor: Actor, entry_id: str, out: Path) -> OutgoingRow:
    """Write the issued PDF again, byte for byte."""
    require(actor, Action.PRINT)
    data = issued_pdf(db, entry_id)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return get_outgoing(db, entry_id)


# --- reading -------------------------------------------------------------------------------------


def get_outgoing(db: Database, entry_id: str) -> OutgoingRow:
    with db.session() as session:
        entry = session.get(OutgoingDocument, entry_id)
        if entry is None:
            raise NotFound("Không có văn bản đi này.", "No such outgoing document.", entry_id)
        return _row(entry)


def find_outgoing(db: Database, reference: str) -> OutgoingRow:
    """By id, or by number (``05`` this year, ``05/2024``; the one sequence)."""
    with db.session() as session:
        entry = session.get(OutgoingDocument, reference)
        if entry is None:
            parsed = number_and_year(reference)
            if parsed is not None:
                number, wanted = parsed
                entry = session.scalars(select(OutgoingDocument).where(
                    OutgoingDocument.year == wanted, OutgoingDocument.number == number,
                    OutgoingDocument.office_id == office_info(db).id).order_by(OutgoingDocument.sequence)).first()  # fmt: skip
        if entry is None:
            raise NotFound(f"Không có văn bản đi «{reference}».", f"No outgoing document «{reference}».",
                           reference)  # fmt: skip
        return _row(entry)


OUTGOING_COLUMNS = [
    ColumnSpec("number_symbol", "Số, ký hiệu văn bản"),
    ColumnSpec("doc_date", "Ngày tháng văn bản", format=format_date),
    ColumnSpec("subject", "Tên loại và trích yếu nội dung văn bản"),
    ColumnSpec("signer", "Người ký"),
    ColumnSpec("recipients_text", "Nơi nhận văn bản", sortable=False),
    ColumnSpec("archive", "Đơn vị, người nhận bản lưu"),
    ColumnSpec("copies", "Số lượng bản", numeric=True),
    ColumnSpec("status_label", "Tình trạng", sortable=False, format=str),  # a label: the GUI translates it
    ColumnSpec("note", "Ghi chú"),
]


class OutgoingQuery(SqlPagedQuery):
    """The outgoing register; filters ``start``, ``end``, ``year``, ``status``."""

    columns = OUTGOING_COLUMNS
    default_sort = "number_symbol"

    def __init__(self, db: Database, actor: Actor) -> None:
        require(actor, Action.VIEW)
        super().__init__(db)
        t = OutgoingDocument
        self.sort_columns = {"number_symbol": t.year * 100000 + t.number, "doc_date": t.doc_date,
                             "subject": t.subject, "signer": t.signer, "archive": t.archive, "copies": t.copies,
                             "note": t.note}  # fmt: skip
        self.tie_breaker = t.sequence

    def base(self) -> Select:
        t = OutgoingDocument
        return select(t.id, t.year, t.sequence, t.number, t.status, t.doc_type, t.symbol, t.doc_date, t.subject,
                      t.signer, t.recipients, t.archive, t.copies, t.kind, t.pdf_name, t.pdf_sha256, t.note)  # fmt: skip

    def filtered(self, request: PageRequest) -> Select:
        t = OutgoingDocument
        statement = folded_search(self.base(), t.search_key, request.text)
        f = request.filters
        if f.get("year"):
            statement = statement.where(t.year == int(f["year"]))
        if f.get("start"):
            statement = statement.where(t.doc_date >= f["start"])
        if f.get("end"):
            statement = statement.where(t.doc_date <= f["end"])
        if f.get("status"):
            statement = statement.where(t.status == f["status"])
        return statement

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
        rows = super().fetch(request)
        for row in rows:
            number = number_text(row["number"])
            row["number_symbol"] = f"{number}/{row['symbol']}" if row["symbol"] else number
            row["recipients"] = loads(row["recipients"])
            row["recipients_text"] = "; ".join(r.lstrip("- ").rstrip(";.") for r in row["recipients"])
            row["status_label"] = OUTGOING_STATUS_LABELS.get(row["status"], row["status"])
            if row["status"] == SKIPPED and not row["subject"]:
                row["subject"] = f"({OUTGOING_STATUS_LABELS[SKIPPED]})"
        return rows


def outgoing_between(db: Database, actor: Actor, start: dt.date, end: dt.date, text: str = "") -> list[dict[str, Any]]:
    query = OutgoingQuery(db, actor)
    return query.fetch(PageRequest(text=text, filters={"start": start, "end": end}, sort="number_symbol",
                                   limit=1_000_000))  # fmt: skip
