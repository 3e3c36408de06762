"""The document register (sổ đăng ký văn bản đến / đi, Nghị định 30/2020 chapter III).

These rows never leave the office: each office keeps its own books and gives its own
numbers. A document a parent sends down in a bundle is registered here on import
(``incoming_documents.document_id`` is unique, so it is registered once).
"""

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, new_id


class IncomingDocument(Base):
    """Văn bản đến: one arrival, numbered from 01 each calendar year."""

    __tablename__ = "incoming_documents"
    __table_args__ = (UniqueConstraint("year", "arrival_number", name="uq_incoming_documents_year_number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    year: Mapped[int] = mapped_column(Integer)
    arrival_number: Mapped[int] = mapped_column(Integer)
    arrived_on: Mapped[dt.date] = mapped_column(Date, index=True)
    agency: Mapped[str] = mapped_column(String(255), default="")  # tác giả: the issuing agency
    number_symbol: Mapped[str] = mapped_column(String(64), default="")  # 123/KH-UBND
    doc_date: Mapped[dt.date | None] = mapped_column(Date)
    doc_type: Mapped[str] = mapped_column(String(8), default="")
    subject: Mapped[str] = mapped_column(Text, default="")  # trích yếu
    urgency: Mapped[str] = mapped_column(String(16), default="")  # khẩn, thượng khẩn, hỏa tốc
    confidentiality: Mapped[str] = mapped_column(String(16), default="")  # mật, tối mật, tuyệt mật
    file_name: Mapped[str] = mapped_column(String(255), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    sent_to: Mapped[str] = mapped_column(String(255), default="")  # đơn vị hoặc người nhận
    for_user: Mapped[str] = mapped_column(String(64), default="", index=True)  # who gives the opinion
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), unique=True)
    source: Mapped[str] = mapped_column(String(16), default="manual")  # manual, file, sync
    note: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class HandlingSlip(Base):
    """Phiếu giải quyết văn bản đến: the head's instruction, who leads, who supports, by when."""

    __tablename__ = "handling_slips"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    incoming_id: Mapped[str] = mapped_column(ForeignKey("incoming_documents.id"), index=True)
    opinion: Mapped[str] = mapped_column(Text, default="")
    lead_user: Mapped[str] = mapped_column(String(64), index=True)
    supporters: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of usernames
    deadline: Mapped[dt.date | None] = mapped_column(Date, index=True)
    directed_by: Mapped[str] = mapped_column(String(64), default="")
    directed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    result: Mapped[str] = mapped_column(Text, default="")


class OutgoingDocument(Base):
    """Văn bản đi: numbers per office, per calendar year, in one sequence (or the office's own)."""

    __tablename__ = "outgoing_documents"
    __table_args__ = (
        UniqueConstraint("office_id", "year", "sequence", "number", name="uq_outgoing_documents_number"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    office_id: Mapped[str] = mapped_column(String(36))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[str] = mapped_column(String(16), default="")  # "": the one ND30 sequence
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="issued")  # reserved, issued, skipped
    doc_type: Mapped[str] = mapped_column(String(8), default="")
    symbol: Mapped[str] = mapped_column(String(64), default="")  # BC-PGDĐT
    doc_date: Mapped[dt.date] = mapped_column(Date, index=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    signer: Mapped[str] = mapped_column(String(120), default="")
    recipients: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    archive: Mapped[str] = mapped_column(String(120), default="")  # đơn vị, người nhận bản lưu
    copies: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(24), default="")  # the report kind it printed
    pdf_name: Mapped[str] = mapped_column(String(255), default="")
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    pdf_size: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")  # why a number was skipped
    search_key: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class RegisterCounter(Base):
    """The last number given in a book: updated in the transaction that takes the next one."""

    __tablename__ = "register_counters"

    book: Mapped[str] = mapped_column(String(8), primary_key=True)  # in, out
    office_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    sequence: Mapped[str] = mapped_column(String(16), primary_key=True, default="")
    last_number: Mapped[int] = mapped_column(Integer, default=0)
