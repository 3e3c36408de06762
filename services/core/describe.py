"""Rows in a person's words: a table's name, a field's label, a value formatted, a linked row by its name.

The conflicts screen and the audit trail show synchronised rows that are stored as JSON
with table names, UUIDs and ISO dates; this module turns them into "Giao việc — Nhiệm vụ X,
Trường Y" and "Thời hạn: 20/09/2023". Labels are Vietnamese; the GUI translates them.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Base
from models.labels import ASSIGNMENT_STATUS_LABELS, REPORT_STATUS_LABELS, ROLE_LABELS, UNIT_KIND_LABELS
from services.core.vietnamese import format_date, format_number

TABLE_LABELS = {
    "org_units": "Đơn vị", "users": "Tài khoản", "documents": "Văn bản", "sections": "Mục văn bản",
    "tasks": "Nhiệm vụ", "assignments": "Giao việc", "progress_updates": "Cập nhật tiến độ",
    "attachments": "Minh chứng", "data_elements": "Số liệu", "indicators": "Chỉ tiêu",
    "report_templates": "Đề cương báo cáo", "template_sections": "Mục đề cương", "reporting_rounds": "Kỳ báo cáo",
    "round_units": "Đơn vị phải báo cáo", "reports": "Báo cáo", "report_narratives": "Nội dung báo cáo",
    "report_values": "Số liệu báo cáo", "report_events": "Lịch sử báo cáo", "peers": "Đơn vị kết nối",
    "sent_bundles": "Gói đã gửi", "received_bundles": "Gói đã nhận", "conflicts": "Xung đột",
    "settings": "Cài đặt", "office": "Đơn vị", "audit_log": "Nhật ký",
}  # fmt: skip
FIELD_LABELS = {
    "name": "Tên", "code": "Mã", "title": "Tên", "short_name": "Tên viết tắt", "kind": "Loại",
    "school_level": "Cấp học", "ownership": "Loại hình", "parent_id": "Trực thuộc", "commune_id": "Xã, thị trấn",
    "address": "Địa chỉ", "phone": "Điện thoại", "email": "Thư điện tử", "head_name": "Thủ trưởng",
    "active": "Đang hoạt động", "deleted": "Đã xóa", "username": "Tài khoản", "full_name": "Họ tên",
    "role": "Vai trò", "unit_id": "Đơn vị", "task_id": "Nhiệm vụ", "document_id": "Văn bản",
    "section_id": "Mục", "assignment_id": "Việc được giao", "report_id": "Báo cáo", "round_id": "Kỳ báo cáo",
    "template_id": "Đề cương", "element_id": "Số liệu", "due_on": "Hạn", "deadline": "Thời hạn",
    "status": "Tình trạng", "percent": "Tiến độ", "note": "Ghi chú", "occurrence": "Kỳ thực hiện",
    "on_date": "Ngày", "author": "Người cập nhật", "description": "Nội dung", "recurrence": "Chu kỳ",
    "value_num": "Giá trị", "value_text": "Giá trị (chữ)", "dimension": "Cột", "text": "Nội dung",
    "reviewer_comment": "Nhận xét của Phòng", "submitted_at": "Gửi lúc", "period": "Kỳ", "issued_on": "Ngày ban hành",
    "number": "Số", "symbol": "Ký hiệu", "doc_type": "Loại văn bản", "school_year": "Năm học",
    "created_at": "Tạo lúc", "last_login_at": "Đăng nhập lần cuối", "must_change_password": "Phải đổi mật khẩu",
    "language": "Ngôn ngữ", "target_value": "Mục tiêu", "comparator": "So sánh", "comment": "Nhận xét",
    "at": "Lúc", "action": "Thao tác", "actor": "Người thực hiện", "position": "Thứ tự", "theme": "Chủ đề",
    "heading": "Tiêu đề", "prompt": "Gợi ý", "levels": "Cấp học", "rows": "Dòng số liệu", "columns": "Cột",
    "value_type": "Kiểu giá trị", "unit_label": "Đơn vị tính", "numerator_id": "Tử số", "denominator_id": "Mẫu số",
    "target_year": "Năm đạt", "baseline": "Giá trị gốc", "baseline_year": "Năm gốc", "required": "Bắt buộc",
    "label": "Nhãn", "key": "Khóa", "min_value": "Nhỏ nhất", "max_value": "Lớn nhất", "version": "Phiên bản",
    "due_date": "Hạn", "opens_on": "Mở từ", "issuer": "Cơ quan ban hành", "place": "Nơi ban hành",
    "signer_name": "Người ký", "signer_title": "Chức vụ người ký", "signer_authority": "Thẩm quyền ký",
    "recipients": "Nơi nhận", "basis": "Căn cứ", "source_name": "Tệp gốc", "table": "Bảng số liệu",
    "parent_body": "Cơ quan chủ quản", "issuing_body": "Cơ quan ban hành", "abbreviation": "Viết tắt",
    "value": "Giá trị", "template_code": "Mã đề cương", "filename": "Tệp", "size": "Kích thước",
}  # fmt: skip
HIDDEN = {"id", "rev", "origin", "search_key", "password_hash", "body_text", "sort_key", "sha256"}
_ENUM_LABELS: dict[str, dict[Any, str]] = {
    "status": {**{s.value: t for s, t in ASSIGNMENT_STATUS_LABELS.items()},
               **{s.value: t for s, t in REPORT_STATUS_LABELS.items()}},
    "kind": {k.value: t for k, t in UNIT_KIND_LABELS.items()},
    "role": {**{r.value: t for r, t in ROLE_LABELS.items()}, "lead": "Chủ trì", "support": "Phối hợp"},
    "ownership": {"public": "Công lập", "private": "Tư thục"},
}  # fmt: skip
_NAME_COLUMNS = ("name", "title", "heading", "full_name", "code", "username")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class FieldText:
    key: str
    label: str
    text: str


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name.replace("_", " "))


def linked_name(session: Session, table: str, field: str, value: Any) -> str | None:
    """The name of the row a foreign key points to (a unit's name for ``unit_id``), or None."""
    known = Base.metadata.tables.get(table)
    column = known.columns.get(field) if known is not None else None
    if column is None or not column.foreign_keys or not isinstance(value, str):
        return None
    key = next(iter(column.foreign_keys)).column  # not always an ``id``: users are keyed by name
    target = key.table
    shown = next((target.c[name] for name in _NAME_COLUMNS if name in target.c), None)
    if shown is None:
        return None
    # a page of the audit trail names the same units and users again and again: one read each
    # per session (a session is one page read, so a renamed unit shows its new name next time)
    names: dict[tuple[str, str], str | None] = session.info.setdefault("linked_names", {})
    if (target.name, value) not in names:
        names[(target.name, value)] = session.scalar(select(shown).where(key == value))
    return names[(target.name, value)]


def value_text(session: Session | None, table: str, field: str, value: Any) -> str:
    """One value as a person reads it: names for links, dd/mm/yyyy, Có/Không, labels for codes."""
    if value is None or value == "":
        return "—"
    if session is not None and (name := linked_name(session, table, field, value)) is not None:
        return name
    if isinstance(value, str) and _UUID.match(value):
        return "(không còn)"  # a link to a row no longer here: its id means nothing to a person
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, enum.Enum):
        value = value.value
    if field in _ENUM_LABELS and value in _ENUM_LABELS[field]:
        return _ENUM_LABELS[field][value]
    if field == "percent" and isinstance(value, int | float):
        return f"{format_number(value)}%"
    if isinstance(value, int | float):
        decimals = 0 if float(value).is_integer() else (1 if float(value * 10).is_integer() else 2)
        return format_number(value, decimals)  # 1,3 rather than 1,30
    if isinstance(value, dt.datetime):
        return local_time(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, list):
        return "; ".join(value_text(None, table, "", v) for v in value) or "—"
    if isinstance(value, str) and value[:1] in "[{" and value[-1:] in "]}":
        try:
            items = json.loads(value)  # a list kept as JSON text (recipients, basis documents)
        except ValueError:
            items = None
        if isinstance(items, list | dict):
            return value_text(None, table, field, items)
    if isinstance(value, dict):
        return "; ".join(f"{field_label(k)}: {value_text(None, table, k, v)}" for k, v in value.items())
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return format_date(dt.date.fromisoformat(value))
            return local_time(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
    return str(value)


def local_time(moment: dt.datetime) -> str:
    """A stored UTC moment on this PC's clock: 02/12/2026 14:05."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def describe_fields(session: Session | None, table: str, values: dict[str, Any]) -> list[FieldText]:
    """Every field a person cares about, labelled and formatted, in a stable order."""
    order = list(FIELD_LABELS)
    out = []
    for key in sorted(values, key=lambda k: (order.index(k) if k in FIELD_LABELS else len(order), k)):
        if key in HIDDEN:
            continue
        out.append(FieldText(key, field_label(key), value_text(session, table, key, values[key])))
    return out


def changes_text(session: Session | None, table: str, before: dict[str, Any] | None,
                 after: dict[str, Any] | None) -> str:  # fmt: skip
    """One line for the audit trail: "Tình trạng: Đang thực hiện → Hoàn thành; Tiến độ: 70% → 100%"."""
    before, after = _unpack(before or {}), _unpack(after or {})
    parts = []
    for key in sorted(set(before) | set(after)):
        if key in HIDDEN or before.get(key) == after.get(key):
            continue
        if not before and after.get(key) in (None, "", False, "[]"):  # a new row: only what it has
            continue
        old = value_text(session, table, key, before.get(key))
        new = value_text(session, table, key, after.get(key))
        parts.append(f"{field_label(key)}: {old} → {new}" if before else f"{field_label(key)}: {new}")
    return "; ".join(parts)


def _unpack(values: dict[str, Any]) -> dict[str, Any]:
    """A setting kept as JSON text (the print settings) compared field by field, not as one blob."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        inner = None
        if isinstance(value, str) and value.startswith("{"):
            try:
                inner = json.loads(value)
            except ValueError:
                inner = None
        if isinstance(inner, dict):
            out.update(inner)
        else:
            out[key] = value
    return out
