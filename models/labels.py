"""Every label a person reads for a status, a role or a kind — one module, one meaning per name.

``ROLE_LABELS`` names the accounts' roles; an assignment's lead / support role is
``ASSIGNMENT_ROLE_LABELS``. Labels are Vietnamese; the GUI translates them with ``tr_label``.
"""

from __future__ import annotations

from models.enums import (
    AssignmentRole,
    AssignmentStatus,
    DocType,
    Ownership,
    Recurrence,
    ReportStatus,
    Role,
    ShownStatus,
    UnitKind,
    ValueType,
)

ROLE_LABELS = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.LEADER: "Lãnh đạo",
    Role.OFFICER: "Chuyên viên",
    Role.SCHOOL_STAFF: "Cán bộ trường",
}

ASSIGNMENT_ROLE_LABELS = {AssignmentRole.LEAD: "Chủ trì", AssignmentRole.SUPPORT: "Phối hợp"}

UNIT_KIND_LABELS = {
    UnitKind.PROVINCE: "Sở Giáo dục và Đào tạo",
    UnitKind.DISTRICT: "Phòng Giáo dục và Đào tạo",
    UnitKind.SCHOOL: "Trường học",
    UnitKind.DEPARTMENT: "Phòng, ban, ngành",
    UnitKind.COMMUNE: "UBND xã, thị trấn",
}

DOC_TYPE_LABELS = {
    DocType.KH: "Kế hoạch",
    DocType.CT: "Chỉ thị",
    DocType.CTR: "Chương trình",
    DocType.QD: "Quyết định",
    DocType.CV: "Công văn",
    DocType.BC: "Báo cáo",
    DocType.TB: "Thông báo",
    DocType.HD: "Hướng dẫn",
}

ASSIGNMENT_STATUS_LABELS = {
    AssignmentStatus.NOT_STARTED: "Chưa thực hiện",
    AssignmentStatus.IN_PROGRESS: "Đang thực hiện",
    AssignmentStatus.DONE: "Hoàn thành",
    AssignmentStatus.PAUSED: "Tạm dừng",
    AssignmentStatus.CANCELLED: "Đã hủy",
}

REPORT_STATUS_LABELS = {
    ReportStatus.DRAFT: "Bản nháp",
    ReportStatus.SUBMITTED: "Đã gửi",
    ReportStatus.ACCEPTED: "Đã duyệt",
    ReportStatus.RETURNED: "Trả lại",
    ReportStatus.RESUBMITTED: "Đã gửi lại",
}

SHOWN_STATUS_LABELS = {
    ShownStatus.NOT_STARTED: "Chưa thực hiện",
    ShownStatus.DRAFT: "Đang soạn",
    ShownStatus.SUBMITTED: "Đã gửi",
    ShownStatus.LATE: "Trễ hạn",
    ShownStatus.ACCEPTED: "Đã duyệt",
    ShownStatus.RETURNED: "Trả lại",
}

RECURRENCE_LABELS = {
    Recurrence.ONCE: "Một lần",
    Recurrence.MONTHLY: "Hằng tháng",
    Recurrence.QUARTERLY: "Hằng quý",
    Recurrence.SEMESTER: "Mỗi học kỳ",
    Recurrence.SCHOOL_YEAR: "Mỗi năm học",
}

VALUE_TYPE_LABELS = {
    ValueType.INTEGER: "số nguyên",
    ValueType.DECIMAL: "số thập phân",
    ValueType.PERCENT: "tỷ lệ phần trăm",
    ValueType.BOOLEAN: "có/không",
    ValueType.TEXT: "chữ",
}

OWNERSHIP_LABELS = {Ownership.PUBLIC: "Công lập", Ownership.PRIVATE: "Tư thục"}

# The outgoing register's states (services.register.outgoing): a number reserved, issued, skipped.
OUTGOING_STATUS_LABELS = {"reserved": "Giữ số", "issued": "Đã phát hành", "skipped": "Bỏ số"}
# An incoming document's handling (services.register.incoming): no slip yet, a slip open, all done.
HANDLING_STATUS_LABELS = {"waiting": "Chờ ý kiến", "open": "Đang giải quyết", "done": "Đã giải quyết"}
