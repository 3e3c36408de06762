"""Plans and directives, their outline, tasks, assignments and progress."""

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import POSTGRESQL_WHERE, Base, Synced, enum_column
from models.enums import AssignmentRole, AssignmentStatus, DocType, Recurrence


class Document(Synced, Base):
    __tablename__ = "documents"
    __local_columns__ = ("search_key",)

    doc_type: Mapped[DocType] = mapped_column(enum_column(DocType, 8))
    number: Mapped[str] = mapped_column(String(32), default="")
    symbol: Mapped[str] = mapped_column(String(64), default="")
    issuer: Mapped[str] = mapped_column(String(255), default="")
    issuer_unit_id: Mapped[str | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    place: Mapped[str] = mapped_column(String(120), default="")
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text, default="")
    school_year: Mapped[str] = mapped_column(String(16), default="")
    period: Mapped[str] = mapped_column(String(16), default="")
    basis: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of cited documents
    recipients: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    signer_authority: Mapped[str] = mapped_column(String(16), default="")  # TM. KT. Q.
    signer_title: Mapped[str] = mapped_column(String(120), default="")
    signer_name: Mapped[str] = mapped_column(String(120), default="")
    source_name: Mapped[str] = mapped_column(String(255), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    body_text: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")


class Section(Synced, Base):
    __tablename__ = "sections"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("sections.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(16), default="")
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")


class Task(Synced, Base):
    __tablename__ = "tasks"
    __local_columns__ = ("search_key",)

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    section_id: Mapped[str | None] = mapped_column(ForeignKey("sections.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(String(120), default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    recurrence: Mapped[Recurrence] = mapped_column(enum_column(Recurrence), default=Recurrence.ONCE)
    search_key: Mapped[str] = mapped_column(Text, default="")


# One live assignment per task, unit and occurrence (a cancelled one may be given again):
# two clerks assigning one task at once cannot both succeed.
LIVE_ASSIGNMENT_INDEX = "uq_assignments_live"


class Assignment(Synced, Base):
    __tablename__ = "assignments"
    __table_args__ = (
        Index(
            LIVE_ASSIGNMENT_INDEX, "task_id", "unit_id", "occurrence", unique=True,
            sqlite_where=text("deleted = 0 AND status != 'cancelled'"),
            info={POSTGRESQL_WHERE: text("NOT deleted AND status <> 'cancelled'")},
        ),
    )  # fmt: skip

    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("org_units.id"), index=True)
    role: Mapped[AssignmentRole] = mapped_column(enum_column(AssignmentRole))
    due_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    occurrence: Mapped[str] = mapped_column(String(32), default="")  # e.g. "2023-2024 HK1"
    status: Mapped[AssignmentStatus] = mapped_column(
        enum_column(AssignmentStatus), default=AssignmentStatus.NOT_STARTED
    )
    percent: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class ProgressUpdate(Synced, Base):
    __tablename__ = "progress_updates"

    assignment_id: Mapped[str] = mapped_column(ForeignKey("assignments.id"), index=True)
    on_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[AssignmentStatus] = mapped_column(enum_column(AssignmentStatus))
    percent: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(120), default="")


class Attachment(Synced, Base):
    """Metadata of a content-addressed file kept in the data folder by SHA-256."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    progress_id: Mapped[str | None] = mapped_column(ForeignKey("progress_updates.id"), index=True)
    report_id: Mapped[str | None] = mapped_column(ForeignKey("reports.id"), index=True)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), index=True)
