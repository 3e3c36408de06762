"""Closed vocabularies of the domain. Values are stored; labels are for people."""

from __future__ import annotations

import enum


class UnitKind(enum.StrEnum):
    PROVINCE = "province"  # Sở GD&ĐT
    DISTRICT = "district"  # Phòng GD&ĐT
    SCHOOL = "school"
    DEPARTMENT = "department"  # Phòng Nội vụ, Trung tâm Y tế, ...
    COMMUNE = "commune"  # UBND xã, thị trấn


class SchoolLevel(enum.StrEnum):
    MN = "MN"
    TH = "TH"
    THCS = "THCS"
    THPT = "THPT"
    TH_THCS = "TH&THCS"
    THCS_THPT = "THCS&THPT"
    GDNN_GDTX = "GDNN-GDTX"


class Ownership(enum.StrEnum):
    PUBLIC = "public"  # công lập
    PRIVATE = "private"  # tư thục


class Role(enum.StrEnum):
    ADMIN = "admin"
    LEADER = "leader"
    OFFICER = "officer"
    SCHOOL_STAFF = "school_staff"


class DocType(enum.StrEnum):
    KH = "KH"
    CT = "CT"
    CTR = "CTr"
    QD = "QĐ"
    CV = "CV"
    BC = "BC"
    TB = "TB"
    HD = "HD"


class Recurrence(enum.StrEnum):
    ONCE = "once"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMESTER = "semester"
    SCHOOL_YEAR = "school_year"


class AssignmentRole(enum.StrEnum):
    LEAD = "lead"  # chủ trì
    SUPPORT = "support"  # phối hợp


class AssignmentStatus(enum.StrEnum):
    NOT_STARTED = "not_started"  # chưa thực hiện
    IN_PROGRESS = "in_progress"  # đang thực hiện
    DONE = "done"  # hoàn thành
    PAUSED = "paused"  # tạm dừng
    CANCELLED = "cancelled"  # đã hủy


class ValueType(enum.StrEnum):
    INTEGER = "integer"
    DECIMAL = "decimal"
    PERCENT = "percent"
    BOOLEAN = "boolean"
    TEXT = "text"


class Comparator(enum.StrEnum):
    GE = ">="
    LE = "<="
    EQ = "="


class PeriodType(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    SEMESTER = "semester"
    SCHOOL_YEAR = "school_year"
    ONCE = "once"


class ReportStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"


class ShownStatus(enum.StrEnum):
    """A report's status as a person sees it: nothing or a draft past the due date is late."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    LATE = "late"
    ACCEPTED = "accepted"
    RETURNED = "returned"
