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
    REGISTER_DOCUMENTS = "register.keep"  # văn thư: enter arrivals, take outgoing numbers
    DIRECT_HANDLING = "register.direct"  # the head's handling slip


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
    Action.REGISTER_DOCUMENTS: "vào sổ văn bản đến, đi và lấy số văn bản",
    Action.DIRECT_HANDLING: "cho ý kiến chỉ đạo giải quyết văn bản đến",
}

_EVERYONE = {Action.VIEW, Action.PRINT}
ROLE_MATRIX: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.LEADER: frozenset(
        _EVERYONE
        | {Action.REVIEW_REPORTS, Action.VIEW_AUDIT, Action.BACKUP, Action.RUN_SYNC, Action.ASSIGN_TASKS}
        | {Action.DIRECT_HANDLING}
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
            Action.REGISTER_DOCUMENTS,
        }
    ),
    Role.SCHOOL_STAFF: frozenset(
        _EVERYONE | {Action.UPDATE_PROGRESS, Action.ENTER_REPORTS, Action.RUN_SYNC, Action.BACKUP}
        | {Action.REGISTER_DOCUMENTS}  # a school keeps its own books
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


def require_for_unit(actor: Actor, action: Action, unit_id: str | None, office_id: str) -> None:
    """``action`` about one unit's data: school staff act for their own unit only, except on their own
    office's database (a school's), where their unit is the whole office.

    So a school's account on the district's database cannot resolve another school's conflicts,
    write another school's bundle or back up every school's data.
    """
    require(actor, action)
    if actor.role == Role.SCHOOL_STAFF and (actor.unit_id is None or actor.unit_id not in (unit_id, office_id)):
        raise PermissionDenied(
            f"Tài khoản {actor.username} ({ROLE_LABELS[actor.role]}) chỉ được {ACTION_LABELS[action]} cho đơn vị "
            "mình, không cho đơn vị khác hay cả cơ quan.",
            f"Account {actor.username} ({actor.role.value}) may do {action.value} for its own unit only.",
        )


def require_whole_office(actor: Actor, action: Action, office_id: str) -> None:
    """``action`` over the whole office's data (a full backup, a bundle for every child)."""
    require_for_unit(actor, action, office_id, office_id)
