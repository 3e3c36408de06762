"""Data elements, indicators, report templates, rounds and the units' reports."""

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Synced, enum_column
from models.enums import Comparator, PeriodType, ReportStatus, ValueType


class DataElement(Synced, Base):
    __tablename__ = "data_elements"

    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    value_type: Mapped[ValueType] = mapped_column(enum_column(ValueType))
    min_value: Mapped[float | None] = mapped_column(Float)
    max_value: Mapped[float | None] = mapped_column(Float)
    unit_label: Mapped[str] = mapped_column(String(32), default="")


class Indicator(Synced, Base):
    __tablename__ = "indicators"

    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    levels: Mapped[str] = mapped_column(String(120), default="")  # "MN,TH,THCS"
    numerator_id: Mapped[str] = mapped_column(ForeignKey("data_elements.id"), index=True)
    denominator_id: Mapped[str | None] = mapped_column(ForeignKey("data_elements.id"), index=True)
    comparator: Mapped[Comparator] = mapped_column(enum_column(Comparator, 4), default=Comparator.GE)
    target_value: Mapped[float | None] = mapped_column(Float)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_year: Mapped[str] = mapped_column(String(16), default="")
    target_year: Mapped[str] = mapped_column(String(16), default="")
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), index=True)


class ReportTemplate(Synced, Base):
    __tablename__ = "report_templates"

    code: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(255))
    period_type: Mapped[PeriodType] = mapped_column(enum_column(PeriodType))
    description: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("code", "version"),)


class TemplateSection(Synced, Base):
    __tablename__ = "template_sections"

    template_id: Mapped[str] = mapped_column(ForeignKey("report_templates.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("template_sections.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(16), default="")
    heading: Mapped[str] = mapped_column(Text)
    prompt: Mapped[str] = mapped_column(Text, default="")
    # JSON: {"rows": [...element codes or labels], "columns": [...]} or "" for none
    table_spec: Mapped[str] = mapped_column(Text, default="")


class ReportingRound(Synced, Base):
    __tablename__ = "reporting_rounds"

    template_id: Mapped[str] = mapped_column(ForeignKey("report_templates.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    period: Mapped[str] = mapped_column(String(32))  # "2023-2024 HK1"
    opens_on: Mapped[dt.date | None] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), index=True)


class RoundUnit(Synced, Base):
    """A unit that must report in a round."""

    __tablename__ = "round_units"

    round_id: Mapped[str] = mapped_column(ForeignKey("reporting_rounds.id"), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("org_units.id"), index=True)

    __table_args__ = (UniqueConstraint("round_id", "unit_id"),)


class Report(Synced, Base):
    __tablename__ = "reports"

    round_id: Mapped[str] = mapped_column(ForeignKey("reporting_rounds.id"), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("org_units.id"), index=True)
    status: Mapped[ReportStatus] = mapped_column(enum_column(ReportStatus), default=ReportStatus.DRAFT)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reviewer_comment: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("round_id", "unit_id"),)


class ReportNarrative(Synced, Base):
    __tablename__ = "report_narratives"

    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    section_id: Mapped[str] = mapped_column(ForeignKey("template_sections.id"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("report_id", "section_id"),)


class ReportValue(Synced, Base):
    __tablename__ = "report_values"

    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    element_id: Mapped[str] = mapped_column(ForeignKey("data_elements.id"), index=True)
    dimension: Mapped[str] = mapped_column(String(64), default="")  # a table row, e.g. "khoi-6"
    value_num: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("report_id", "element_id", "dimension"),)


class ReportEvent(Synced, Base):
    """History of a report: submitted, returned with a comment, accepted."""

    __tablename__ = "report_events"

    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(120), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
