"""Who may write what (DESIGN §4): one rule by table, field and state, for the services and for sync.

A parent office (province, district) owns its units, documents, outline, tasks, assignments,
elements, indicators, templates and rounds. A child (school; a district toward its province)
owns its own work: progress, evidence, its reports with their narratives and values. A report
is shared by field and by state: the child writes narratives and values and moves the report
draft → submitted only while it is a draft or returned; only the parent writes accepted /
returned, the reviewer's fields and review events.

``report_refusal`` and ``event_refusal`` are used by ``services.core.uow`` (every local write) and
by ``services.sync.rights`` (every imported row): the same refusal on both paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.enums import ReportStatus

PARENT_TABLES = frozenset({
    "org_units", "documents", "sections", "tasks", "assignments", "data_elements", "indicators",
    "report_templates", "template_sections", "reporting_rounds", "round_units",
})  # fmt: skip
CHILD_TABLES = frozenset({
    "progress_updates", "attachments", "reports", "report_narratives", "report_values", "report_events",
})  # fmt: skip
CHILD_ONLY_TABLES = frozenset({"progress_updates", "report_narratives", "report_values"})

REVIEW_FIELDS = ("reviewed_at", "reviewer_comment")
EDITABLE_BY_CHILD = (ReportStatus.DRAFT, ReportStatus.RETURNED)
SENT_BY_CHILD = (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED)
REVIEWED = (ReportStatus.ACCEPTED, ReportStatus.RETURNED)
CHILD_EVENTS = frozenset({"created", "saved", "submitted", "resubmitted"})
PARENT_EVENTS = frozenset({"accepted", "returned"})

CHILD, PARENT = "child", "parent"  # who writes: the report's unit, or the office above it


def _status(values: dict[str, Any] | None) -> ReportStatus | None:
    return None if values is None or values.get("status") is None else ReportStatus(values["status"])


def report_refusal(writer: str, before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    """'' when ``writer`` (CHILD or PARENT) may turn report ``before`` (None: new) into ``after``."""
    old, new = _status(before), _status(after)
    if before is None and new is None:
        new = ReportStatus.DRAFT  # the column's default
    changed = {k for k in after if before is None or before.get(k) != after.get(k)}
    if writer == CHILD:
        # Forging a review is writing one, and so is wiping it: a child never changes these fields
        # (a new report may only carry them empty; "" and None are the same emptiness).
        review = [k for k in REVIEW_FIELDS if k in changed and (after.get(k) or (before or {}).get(k))]
        if review:
            return "chỉ cấp trên ghi hoặc xóa nhận xét, ngày duyệt của báo cáo"
        if before is None:
            return (
                ""
                if new in (ReportStatus.DRAFT, ReportStatus.SUBMITTED)
                else "báo cáo mới phải là bản nháp hoặc đã gửi"
            )
        if not changed:
            return ""
        if old not in EDITABLE_BY_CHILD:
            return f"báo cáo đang «{old.value if old else ''}»: chỉ sửa khi còn nháp hoặc bị trả lại"
        if new not in (*EDITABLE_BY_CHILD, *SENT_BY_CHILD) or (new == ReportStatus.RETURNED and old != new):
            return "đơn vị chỉ chuyển báo cáo từ nháp sang đã gửi"
        return ""
    if before is None:
        return "báo cáo do đơn vị cấp dưới lập"
    allowed = {"status", *REVIEW_FIELDS}
    if changed - allowed:
        return "cấp trên chỉ duyệt hoặc trả lại báo cáo, không sửa nội dung"
    if "status" in changed and not (old in SENT_BY_CHILD and new in REVIEWED):
        return "cấp trên chỉ duyệt hoặc trả lại báo cáo đã gửi"
    return ""


def content_refusal(report_status: ReportStatus | None) -> str:
    """'' when the child may write a narrative or value of a report in this state (None: new)."""
    if report_status is None or report_status in EDITABLE_BY_CHILD:
        return ""
    return f"báo cáo đang «{report_status.value}»: nội dung chỉ sửa khi còn nháp hoặc bị trả lại"


def event_refusal(writer: str, action: str) -> str:
    allowed = CHILD_EVENTS if writer == CHILD else PARENT_EVENTS
    return "" if action in allowed else f"sự kiện «{action}» không thuộc quyền của bên gửi"


# --- local writes (services.core.uow calls this for every changed synchronised row) -----------------

DERIVED_BY_CHILD = {"assignments": frozenset({"status", "percent"})}  # from the child's own progress
UNDER_DOCUMENT = {"sections": ("documents", "document_id"), "tasks": ("documents", "document_id"),
                   "assignments": ("tasks", "task_id")}  # fmt: skip


@dataclass(frozen=True)
class Place:
    """Where a write happens: this office and the offices above it."""

    me: str
    parent: str
    ancestors: frozenset[str]
    names: dict[str, str]

    def name(self, office_id: str) -> str:
        return self.names.get(office_id, office_id)


def local_refusal(
    place: Place, table: str, origin: str, before: dict[str, Any] | None, after: dict[str, Any], parent_origin: str = ""
) -> tuple[str, str]:
    """('', '') when this office may write the row, else (reason, owner office id)."""
    if table in PARENT_TABLES:
        owner = origin if before is not None else parent_origin
        if owner and owner in place.ancestors:
            changed = _changed(before, after)
            derived = DERIVED_BY_CHILD.get(table, frozenset())
            cancelled = "cancelled" in (str((before or {}).get("status", "")), str(after.get("status", "")))
            if before is not None and changed and changed <= derived and not cancelled:
                return "", ""
            return "dòng do cấp trên quản lý", owner
        return "", ""
    if table == "reports":
        unit = after.get("unit_id")
        if unit == place.me:
            return report_refusal(CHILD, before, after), place.parent
        if before is not None and origin != place.me:
            return report_refusal(PARENT, before, after), origin
        return "", ""
    return "", ""


def report_content_refusal(place: Place, report_unit: str, status: Any) -> tuple[str, str]:
    """A narrative or value of a report: its unit writes it while it is a draft or returned."""
    if report_unit == place.me:
        return content_refusal(None if status is None else ReportStatus(status)), place.parent
    return "", ""


def report_event_refusal(place: Place, report_unit: str, action: str) -> tuple[str, str]:
    if report_unit == place.me:
        return event_refusal(CHILD, action), place.parent
    return "", ""


def _changed(before: dict[str, Any] | None, after: dict[str, Any]) -> set[str]:
    return {k for k in after if before is None or before.get(k) != after.get(k)}
