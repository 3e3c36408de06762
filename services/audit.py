"""Reading the audit log: who did what, when, with the values before and after."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, select

from models import AuditEntry
from models.db import Database
from services.paging import ColumnSpec, PageRequest, SqlPagedQuery
from services.permissions import Action, Actor, require

ACTION_LABELS = {
    "create": "Thêm",
    "update": "Sửa",
    "delete": "Xóa",
    "bulk_create": "Thêm hàng loạt",
    "init": "Khởi tạo",
    "change_password": "Đổi mật khẩu",
    "reset_password": "Đặt lại mật khẩu",
}


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M:%S") if value else ""


class AuditQuery(SqlPagedQuery):
    """Filters: ``username``, ``entity``, ``action``, ``since`` and ``until`` (dates)."""

    columns = [
        ColumnSpec("at", "Thời điểm (UTC)", format=_when),
        ColumnSpec("username", "Tài khoản"),
        ColumnSpec("action", "Thao tác", format=lambda a: ACTION_LABELS.get(a, a)),
        ColumnSpec("entity", "Bảng dữ liệu"),
        ColumnSpec("summary", "Nội dung"),
        ColumnSpec("before", "Trước", sortable=False),
        ColumnSpec("after", "Sau", sortable=False),
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


def distinct_values(db: Database, actor: Actor, column: str) -> list[str]:
    """Choices for the viewer's filters: the usernames, tables or actions present."""
    require(actor, Action.VIEW_AUDIT)
    attr = {"username": AuditEntry.username, "entity": AuditEntry.entity, "action": AuditEntry.action}[column]
    with db.session() as session:
        return list(session.scalars(select(attr).distinct().order_by(attr)))
