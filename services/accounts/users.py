"""Local accounts: argon2 password hashes, login with lock-out, password changes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, func, or_, select

from models import OrgUnit, User
from models.db import Database
from models.enums import Role, UnitKind
from models.errors import EduDeskError, NotFound, ValidationError
from models.labels import ROLE_LABELS
from services.accounts.permissions import Action, Actor, require
from services.core.limits import clean_text
from services.core.uow import UnitOfWork, now

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
_hasher = PasswordHasher()


class LoginError(EduDeskError):
    pass


@dataclass(frozen=True)
class UserRow:
    id: str
    username: str
    full_name: str
    role: Role
    role_label: str
    unit_id: str | None
    unit_name: str
    active: bool
    locked: bool
    last_login_at: dt.datetime | None


def check_password_rules(password: str, username: str = "") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.",
            f"The password must have at least {MIN_PASSWORD_LENGTH} characters.",
            "password",
        )
    if not (re.search(r"[^\W\d_]", password) and re.search(r"\d", password)):
        raise ValidationError(
            "Mật khẩu phải có cả chữ và số.", "The password must contain letters and digits.", "password"
        )
    if username and username.lower() in password.lower():
        raise ValidationError(
            "Mật khẩu không được chứa tên đăng nhập.",
            "The password must not contain the username.",
            "password",
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _actor(user: User) -> Actor:
    return Actor(
        username=user.username,
        role=user.role,
        full_name=user.full_name,
        user_id=user.id,
        unit_id=user.unit_id,
    )


def _validate_user(uow: UnitOfWork, username: str, full_name: str, role: Role, unit_id: str | None) -> None:
    if not _USERNAME.match(username):
        raise ValidationError(
            "Tên đăng nhập gồm 3–64 ký tự thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.",
            "A username has 3-64 lower-case letters, digits, dots, underscores or hyphens.",
            "username",
        )
    if not full_name.strip():
        raise ValidationError("Cần họ và tên.", "A full name is required.", "full_name")
    if role == Role.SCHOOL_STAFF:
        unit = uow.session.get(OrgUnit, unit_id) if unit_id else None
        if unit is None or unit.kind != UnitKind.SCHOOL:
            raise ValidationError(
                "Tài khoản cán bộ trường phải gắn với một trường.",
                "A school staff account must belong to a school.",
                "unit",
            )


def add_user(
    uow: UnitOfWork,
    *,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    unit_id: str | None = None,
    password_hash: str | None = None,
) -> User:
    """Create an account inside an open unit of work (no permission check: callers do it)."""
    username = username.strip().lower()
    role = Role(role)
    _validate_user(uow, username, full_name, role, unit_id)
    taken = uow.session.scalar(select(func.count()).select_from(User).where(User.username == username))
    if taken:
        raise ValidationError(
            f"Tên đăng nhập '{username}' đã có người dùng.", f"Username '{username}' is taken.", "username"
        )
    if password_hash is None:
        check_password_rules(password, username)
        password_hash = hash_password(password)
    user = User(
        username=username,
        full_name=full_name.strip(),
        role=role,
        unit_id=unit_id,
        password_hash=password_hash,
        created_at=now(),
    )
    uow.session.add(user)
    uow.session.flush()
    return user


def create_user(
    db: Database,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    unit_id: str | None = None,
) -> UserRow:
    require(actor, Action.MANAGE_USERS)
    with UnitOfWork(db, actor) as uow:
        user = add_user(
            uow, username=username, full_name=full_name, role=Role(role), password=password, unit_id=unit_id
        )
        user.must_change_password = True  # the administrator typed it: the person makes their own
        return _row(uow, user)


def _row(uow: UnitOfWork, user: User) -> UserRow:
    unit = uow.session.get(OrgUnit, user.unit_id) if user.unit_id else None
    return UserRow(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        role_label=ROLE_LABELS[user.role],
        unit_id=user.unit_id,
        unit_name=unit.name if unit else "",
        active=user.active,
        locked=bool(user.locked_until and user.locked_until > now()),
        last_login_at=user.last_login_at,
    )


def staff_of_office(office_id: str) -> ColumnElement[bool]:
    """The office's own accounts: no unit, or the office's own unit (a school's staff on its own
    database); not the accounts a district keeps for its schools."""
    return or_(User.unit_id.is_(None), User.unit_id == office_id)


def list_users(db: Database, actor: Actor) -> list[UserRow]:
    require(actor, Action.MANAGE_USERS)
    with UnitOfWork(db, actor) as uow:
        users = uow.scalars(select(User).order_by(User.username))
        return [_row(uow, u) for u in users]


def _find(uow: UnitOfWork, username: str) -> User:
    user = uow.session.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise NotFound(f"Không có tài khoản '{username}'.", f"No account '{username}'.", "username")
    return user


def _login_refused() -> LoginError:
    """The one answer to every failed login: it never tells whether the username exists."""
    return LoginError(
        f"Sai tên đăng nhập hoặc mật khẩu. Sau {MAX_FAILED_LOGINS} lần sai liên tiếp, tài khoản bị khóa "
        f"{LOCK_MINUTES} phút.",
        f"Wrong username or password. After {MAX_FAILED_LOGINS} failures in a row the account is locked "
        f"for {LOCK_MINUTES} minutes.",
    )


_dummy: list[str] = []


def _dummy_hash() -> str:
    """A hash no password matches, checked for unknown usernames so they take as long as known ones."""
    if not _dummy:
        _dummy.append(hash_password("edudesk-no-such-account"))
    return _dummy[0]


def authenticate(db: Database, username: str, password: str) -> Actor:
    """Log in. A wrong password counts; five in a row lock the account for 15 minutes.

    Unknown usernames, wrong passwords and locked accounts get the same answer after the same
    work (one password hash check); each failure is in the audit trail as ``login_failed``.
    """
    name = clean_text(username.strip().lower())[:64]
    dummy = _dummy_hash()  # made before the lookup, so the first login of any name costs the same
    with UnitOfWork(db, Actor(username=name or "?", role=Role.SCHOOL_STAFF)) as uow:
        user = uow.session.scalars(select(User).where(User.username == name)).first()
        right = _verify(user.password_hash if user is not None else dummy, password)
        refusal, why = _refusal(user, right)
        if refusal is None and user is not None:
            user.failed_logins = 0
            user.locked_until = None
            user.last_login_at = now()
            return _actor(user)
        uow.audit("login_failed", "users", user.id if user is not None else "",
                  summary=f"Đăng nhập không thành công: {name or '?'} ({why})")  # fmt: skip
    # Raised after the commit so the failure count and the audit entry are kept.
    raise refusal or _login_refused()


def _refusal(user: User | None, right: bool) -> tuple[LoginError | None, str]:
    """(the answer, why in the audit trail) for one login attempt; (None, '') when it succeeds."""
    if user is None:
        return _login_refused(), "không có tài khoản"
    if user.locked_until and user.locked_until > now():
        # even the right password: telling a locked account apart would let a guesser go on
        return _login_refused(), "tài khoản đang bị khóa"
    if not right:
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now() + dt.timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
            return _login_refused(), f"sai mật khẩu, khóa {LOCK_MINUTES} phút"
        return _login_refused(), "sai mật khẩu"
    if not user.active:  # said only to whoever knows the password
        return LoginError("Tài khoản đã bị vô hiệu hóa.", "This account is disabled."), "tài khoản bị vô hiệu hóa"
    return None, ""


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    with UnitOfWork(db, actor) as uow:
        user = _find(uow, actor.username)
        if not _verify(user.password_hash, old_password):
            raise ValidationError(
                "Mật khẩu hiện tại không đúng.", "The current password is wrong.", "password"
            )
        check_password_rules(new_password, user.username)
        user.password_hash = hash_password(new_password)
        user.must_change_password = False
        uow.audit("change_password", "users", user.id, summary=user.username)


def must_change_password(db: Database, username: str) -> bool:
    """Whether the account must choose a new password before working (new or reset by an admin)."""
    with db.session() as session:
        flag = session.scalar(select(User.must_change_password).where(User.username == username.strip().lower()))
        return bool(flag)


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    """Admin sets a new password; the account is unlocked and must change it at next login."""
    require(actor, Action.MANAGE_USERS)
    with UnitOfWork(db, actor) as uow:
        user = _find(uow, username)
        check_password_rules(new_password, user.username)
        user.password_hash = hash_password(new_password)
        user.must_change_password = True
        user.failed_logins = 0
        user.locked_until = None
        uow.audit("reset_password", "users", user.id, summary=user.username)


def _keep_an_admin(uow: UnitOfWork, user: User, role: Role, active: bool) -> None:
    """Refuse a change that would leave no active administrator: nobody could manage accounts."""
    if user.role != Role.ADMIN or not user.active or (role == Role.ADMIN and active):
        return
    others = uow.session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, User.active.is_(True), User.id != user.id)
    )
    if not others:
        raise ValidationError(
            "Phải còn ít nhất một tài khoản quản trị đang hoạt động.",
            "At least one active administrator must remain.",
            "role",
        )


def set_active(db: Database, actor: Actor, username: str, active: bool) -> None:
    require(actor, Action.MANAGE_USERS)
    if username.strip().lower() == actor.username and not active:
        raise ValidationError(
            "Không thể tự vô hiệu hóa tài khoản đang đăng nhập.", "You cannot disable your own account."
        )
    with UnitOfWork(db, actor) as uow:
        user = _find(uow, username)
        _keep_an_admin(uow, user, user.role, active)
        user.active = active


def update_user(
    db: Database, actor: Actor, username: str, *, full_name: str, role: Role | str, unit_id: str | None
) -> UserRow:
    require(actor, Action.MANAGE_USERS)
    with UnitOfWork(db, actor) as uow:
        user = _find(uow, username)
        role = Role(role)
        _validate_user(uow, user.username, full_name, role, unit_id)
        _keep_an_admin(uow, user, role, user.active)
        user.full_name, user.role, user.unit_id = full_name.strip(), role, unit_id
        uow.session.flush()
        return _row(uow, user)


def first_admin(db: Database) -> Actor:
    """The oldest active administrator, for local maintenance that needs no login (selftest)."""
    with db.session() as session:
        user = session.scalars(
            select(User).where(User.role == Role.ADMIN, User.active.is_(True)).order_by(User.created_at)
        ).first()
        if user is None:
            raise NotFound("Không có tài khoản quản trị nào đang hoạt động.", "No active administrator.")
        return _actor(user)
