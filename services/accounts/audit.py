"""Reading the audit log: who did what, when, with the values before and after."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Select, select

from models import AuditEntry
from models.db import Database
from services.accounts.permissions import Action, Actor, require
from services.core.describe import changes_text, describe_fields, local_time, table_label
from services.core.paging import ColumnSpec, PageRequest, SqlPagedQuery

ACTION_LABELS = {
    "create": "Thêm",
    "update": "Sửa",
    "delete": "Xóa",
    "bulk_create": "Thêm hàng loạt",
    "init": "Khởi tạo",
    "change_password": "Đổi mật khẩu",
    "login_failed": "Đăng nhập không thành công",
    "reset_password": "Đặt lại mật khẩu",
    "import": "Nhập",
    "import_units": "Nhập danh sách đơn vị",
    "setup_bundle": "Tạo gói khởi tạo",
    "resolve_conflict": "Xử lý xung đột",
}


def _when(value: dt.datetime | None) -> str:
    """Stored in UTC; shown on this PC's clock."""
    return local_time(value) if value else ""


def _json(text: str | None) -> dict[str, Any] | None:
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class AuditQuery(SqlPagedQuery):
    """Filters: ``username``, ``entity``, ``action``, ``since`` and ``until`` (dates)."""

    columns = [
        ColumnSpec("at", "Thời điểm", format=_when),
        ColumnSpec("username", "Tài khoản"),
        ColumnSpec("action", "Thao tác", format=lambda a: ACTION_LABELS.get(a, a)),
        ColumnSpec("entity", "Loại dữ liệu", format=table_label),
        ColumnSpec("summary", "Nội dung"),
        ColumnSpec("changes", "Thay đổi", sortable=False),
    ]

    def __init__(self, db: Database, actor: Actor) -> None:
        require(actor, Action.VIEW_AUDIT)
        super().__init__(db)
        self.sort_columns = {
            "at": AuditEntry.id,
            "username": AuditEntry.username,
            "action": AuditEntry.action,
            "entity": AuditEntry.entity,
            "summary": AuditEntry.summary,
        }
        self.default_sort = "at"
        self.tie_breaker = AuditEntry.id

    def base(self) -> Select:
        return select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.username,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.summary,
            AuditEntry.before,
            AuditEntry.after,
        )

    def fetch(self, request: PageRequest) -> list[dict[str, Any]]:
        """Rows with ``changes``: the fields by label, values formatted, linked rows by name."""
        rows = super().fetch(request)
        with self.db.session() as session:
            for row in rows:
                before, after = _json(row.get("before")), _json(row.get("after"))
                row["changes"] = changes_text(session, row["entity"], before, after) if (before or after) else ""
                row["before_text"] = _fields_text(session, row["entity"], before)
                row["after_text"] = _fields_text(session, row["entity"], after)
        return rows

    def filtered(self, request: PageRequest) -> Select:
        statement = self.base()
        f = request.filters
        for key, column in (
            ("username", AuditEntry.username),
            ("entity", AuditEntry.entity),
            ("action", AuditEntry.action),
        ):
            if f.get(key):
                statement = statement.where(column == f[key])
        if f.get("since"):
            statement = statement.where(AuditEntry.at >= dt.datetime.combine(f["since"], dt.time.min))
        if f.get("until"):
            statement = statement.where(AuditEntry.at <= dt.datetime.combine(f["until"], dt.time.max))
        if request.text:
            statement = statement.where(AuditEntry.summary.ilike(f"%{request.text.strip()}%"))
        return statement


def _fields_text(session: Any, table: str, values: dict[str, Any] | None) -> str:
    if not values:
        return ""
    return "\n".join(f"{f.label}: {f.text}" for f in describe_fields(session, table, values))


def distinct_values(db: Database, actor: Actor, column: str) -> list[str]:
    """Choices for the viewer's filters: the usernames, tables or actions present."""
    require(actor, Action.VIEW_AUDIT)
    attr = {"username": AuditEntry.username, "entity": AuditEntry.entity, "action": AuditEntry.action}[column]
    with db.session() as session:
        return list(session.scalars(select(attr).distinct().order_by(attr)))
