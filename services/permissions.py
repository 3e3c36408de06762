"""Who may do what: one table of roles × actions, checked by every service function."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from models.enums import Role
from models.errors import PermissionDenied
from models.labels import ROLE_LABELS


class Action(enum.StrEnum):
    VIEW = "view"
    MANAGE_UNITS = "units.manage"
    MANAGE_USERS = "users.manage"
    EDIT_SETTINGS = "settings.edit"
    VIEW_AUDIT = "audit.view"
    EDIT_DOCUMENTS = "documents.edit"
    ASSIGN_TASKS = "tasks.assign"
    UPDATE_PROGRESS = "progress.update"
    MANAGE_REPORTING = "reporting.manage"  # templates, rounds, indicators
    ENTER_REPORTS = "reports.enter"
    REVIEW_REPORTS = "reports.review"
    RUN_SYNC = "sync.run"
    MANAGE_KEYS = "keys.manage"
    BACKUP = "backup.run"
    RESTORE = "backup.restore"
    PRINT = "print"


ACTION_LABELS = {
    Action.VIEW: "xem dữ liệu",
    Action.MANAGE_UNITS: "quản lý đơn vị",
    Action.MANAGE_USERS: "quản lý tài khoản",
    Action.EDIT_SETTINGS: "sửa thiết lập của đơn vị",
    Action.VIEW_AUDIT: "xem nhật ký thao tác",
    Action.EDIT_DOCUMENTS: "nhập và sửa văn bản, nhiệm vụ",
    Action.ASSIGN_TASKS: "giao nhiệm vụ",
    Action.UPDATE_PROGRESS: "cập nhật tiến độ",
    Action.MANAGE_REPORTING: "quản lý chỉ tiêu, đề cương và kỳ báo cáo",
    Action.ENTER_REPORTS: "nhập báo cáo của đơn vị",
    Action.REVIEW_REPORTS: "duyệt báo cáo",
    Action.RUN_SYNC: "trao đổi gói đồng bộ",
    Action.MANAGE_KEYS: "quản lý khóa và đơn vị kết nối",
    Action.BACKUP: "sao lưu",
    Action.RESTORE: "khôi phục dữ liệu",
    Action.PRINT: "in và xuất báo cáo",
}

_EVERYONE = {Action.VIEW, Action.PRINT}
ROLE_MATRIX: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.LEADER: frozenset(
        _EVERYONE
        | {Action.REVIEW_REPORTS, Action.VIEW_AUDIT, Action.BACKUP, Action.RUN_SYNC, Action.ASSIGN_TASKS}
    ),
    Role.OFFICER: frozenset(
        _EVERYONE
        | {
            Action.MANAGE_UNITS,
            Action.EDIT_DOCUMENTS,
            Action.ASSIGN_TASKS,
            Action.UPDATE_PROGRESS,
            Action.MANAGE_REPORTING,
            Action.ENTER_REPORTS,
            Action.REVIEW_REPORTS,
            Action.RUN_SYNC,
            Action.BACKUP,
        }
    ),
    Role.SCHOOL_STAFF: frozenset(
        _EVERYONE | {Action.UPDATE_PROGRESS, Action.ENTER_REPORTS, Action.RUN_SYNC, Action.BACKUP}
    ),
}


@dataclass(frozen=True)
class Actor:
    """The person (or the CLI's system account) on whose behalf a service acts."""

    username: str
    role: Role
    full_name: str = ""
    user_id: str | None = None
    unit_id: str | None = None  # school staff act for their own unit only

    def can(self, action: Action) -> bool:
        return action in ROLE_MATRIX[self.role]


SYSTEM = Actor(username="system", role=Role.ADMIN, full_name="Tài khoản hệ thống")


def act_as_cli_user(name: str) -> Actor:
    """The CLI's system account, audited under the clerk's name (``--as`` or the OS user).

    The commands take ``SYSTEM`` when they run, so naming it here names every write
    of this process in the audit trail.
    """
    global SYSTEM
    clean = "".join(c for c in name.strip() if c.isprintable())[:64] or "system"
    SYSTEM = Actor(username=clean, role=Role.ADMIN, full_name=f"Tài khoản hệ thống ({clean})")
    return SYSTEM


def require(actor: Actor, action: Action) -> None:
    if not actor.can(action):
        raise PermissionDenied(
            f"Tài khoản {actor.username} ({ROLE_LABELS[actor.role]}) không có quyền {ACTION_LABELS[action]}.",
            f"Account {actor.username} ({actor.role.value}) may not do: {action.value}.",
        )


def require_own_unit(actor: Actor, unit_id: str | None) -> None:
    """School staff may only touch their own unit's rows."""
    if actor.role == Role.SCHOOL_STAFF and actor.unit_id != unit_id:
        raise PermissionDenied(
            f"Tài khoản {actor.username} chỉ được thao tác trên dữ liệu của đơn vị mình.",
            f"Account {actor.username} may only act on its own unit's data.",
        )
