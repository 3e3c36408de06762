"""Accounts: argon2 hashes, login with lock-out, password changes, permissions per role."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from sqlalchemy import select, update

from models import User
from models.db import Database
from models.enums import Role
from models.errors import NotFound, PermissionDenied, ValidationError
from services.accounts import users
from services.accounts.audit import AuditQuery
from services.accounts.orgunits import UnitInput, create_unit
from services.accounts.permissions import SYSTEM, Actor
from services.accounts.users import LoginError, authenticate, change_password, create_user, reset_password
from services.core.paging import PageRequest
from tests.conftest import PASSWORD
from tests.core.conftest import FAST_HASHER

OTHER_PASSWORD = "Doi-mat-khau-99"


def stored_user(db: Database, username: str) -> User:
    with db.session() as session:
        return session.scalars(select(User).where(User.username == username)).one()


def add_officer(db: Database, username: str = "nguyenvana") -> users.UserRow:
    return create_user(
        db, SYSTEM, username=username, full_name="Nguyễn Văn A", role="officer", password=PASSWORD
    )


def test_passwords_are_stored_as_argon2_hashes(office_db: Database) -> None:
    add_officer(office_db)
    user = stored_user(office_db, "nguyenvana")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert stored_user(office_db, "admin").password_hash != user.password_hash  # salted


def test_login_returns_the_acting_account(office_db: Database) -> None:
    row = add_officer(office_db)
    actor = authenticate(office_db, "  NguyenVanA ", PASSWORD)
    assert actor == Actor(username="nguyenvana", role=Role.OFFICER, full_name="Nguyễn Văn A", user_id=row.id)
    assert stored_user(office_db, "nguyenvana").last_login_at is not None


def test_wrong_password_says_so_and_counts(office_db: Database) -> None:
    with pytest.raises(LoginError) as info:
        authenticate(office_db, "admin", "Sai-mat-khau-1")
    assert "Sai tên đăng nhập hoặc mật khẩu" in info.value.message
    assert stored_user(office_db, "admin").failed_logins == 1
    authenticate(office_db, "admin", PASSWORD)
    assert stored_user(office_db, "admin").failed_logins == 0


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(office_db: Database) -> None:
    with pytest.raises(LoginError) as unknown:
        authenticate(office_db, "khongco", PASSWORD)
    with pytest.raises(LoginError) as wrong:
        authenticate(office_db, "admin", "Sai-mat-khau-1")
    assert unknown.value.message == wrong.value.message
    assert unknown.value.message.startswith("Sai tên đăng nhập hoặc mật khẩu.")


def test_unknown_and_known_users_cost_one_password_check_each(office_db: Database, monkeypatch) -> None:
    """Same time: an unknown username is checked against a dummy hash instead of answering at once."""
    authenticate(office_db, "admin", PASSWORD)  # the dummy hash is made once, before any lookup
    checked: list[str] = []
    real = users._verify
    monkeypatch.setattr(users, "_verify", lambda h, p: checked.append(h) or real(h, p))
    for name in ("khongco", "admin"):
        with pytest.raises(LoginError):
            authenticate(office_db, name, "Sai-mat-khau-1")
    assert len(checked) == 2 and all(h.startswith("$argon2id$") for h in checked)
    assert checked[0] != checked[1]


def test_failed_logins_are_audited_as_such(office_db: Database) -> None:
    from models import AuditEntry

    for name in ("khongco", "admin"):
        with pytest.raises(LoginError):
            authenticate(office_db, name, "Sai-mat-khau-1")
    authenticate(office_db, "admin", PASSWORD)
    with office_db.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed")).all()
        summaries = sorted((e.username, e.summary) for e in entries)
    assert [u for u, _ in summaries] == ["admin", "khongco"]
    assert "không có tài khoản" in summaries[1][1] and "sai mật khẩu" in summaries[0][1]


def test_repeated_failures_lock_the_account(office_db: Database) -> None:
    for _ in range(users.MAX_FAILED_LOGINS - 1):
        with pytest.raises(LoginError):
            authenticate(office_db, "admin", "Sai-mat-khau-1")
    with pytest.raises(LoginError) as info:
        authenticate(office_db, "admin", "Sai-mat-khau-1")
    assert "bị khóa" in info.value.message
    assert stored_user(office_db, "admin").locked_until is not None
    with pytest.raises(LoginError) as locked:  # even the right password waits, told as any failure
        authenticate(office_db, "admin", PASSWORD)
    with pytest.raises(LoginError) as unknown:
        authenticate(office_db, "khongco", PASSWORD)
    assert locked.value.message == unknown.value.message
    # Fifteen minutes later (moved back in the database, not waited for).
    with office_db.begin() as session:
        session.execute(update(User).values(locked_until=dt.datetime(2000, 1, 1)))
    assert authenticate(office_db, "admin", PASSWORD).role == Role.ADMIN


def test_disabled_account_cannot_log_in(office_db: Database) -> None:
    add_officer(office_db)
    users.set_active(office_db, SYSTEM, "nguyenvana", False)
    with pytest.raises(LoginError) as info:
        authenticate(office_db, "nguyenvana", PASSWORD)
    assert "vô hiệu hóa" in info.value.message
    users.set_active(office_db, SYSTEM, "nguyenvana", True)
    assert authenticate(office_db, "nguyenvana", PASSWORD).username == "nguyenvana"


def test_change_password(office_db: Database) -> None:
    actor = authenticate(office_db, "admin", PASSWORD)
    with pytest.raises(ValidationError) as info:
        change_password(office_db, actor, "Sai-mat-khau-1", OTHER_PASSWORD)
    assert info.value.message == "Mật khẩu hiện tại không đúng."
    change_password(office_db, actor, PASSWORD, OTHER_PASSWORD)
    with pytest.raises(LoginError):
        authenticate(office_db, "admin", PASSWORD)
    assert authenticate(office_db, "admin", OTHER_PASSWORD).username == "admin"


def test_reset_password_unlocks_and_asks_for_a_change(office_db: Database) -> None:
    add_officer(office_db)
    for _ in range(users.MAX_FAILED_LOGINS):
        with pytest.raises(LoginError):
            authenticate(office_db, "nguyenvana", "Sai-mat-khau-1")
    reset_password(office_db, SYSTEM, "nguyenvana", OTHER_PASSWORD)
    user = stored_user(office_db, "nguyenvana")
    assert user.must_change_password is True and user.locked_until is None
    assert authenticate(office_db, "nguyenvana", OTHER_PASSWORD).username == "nguyenvana"


def test_password_changes_are_audited_without_the_password(office_db: Database) -> None:
    add_officer(office_db)
    reset_password(office_db, SYSTEM, "nguyenvana", OTHER_PASSWORD)
    query = AuditQuery(office_db, SYSTEM)
    request = PageRequest(filters={"action": "reset_password"})
    assert query.count(request) == 1
    [entry] = query.fetch(request)
    assert (entry["entity"], entry["summary"], entry["username"]) == ("users", "nguyenvana", "system")
    assert OTHER_PASSWORD not in entry["after"] + entry["before"]
    created = query.fetch(PageRequest(filters={"entity": "users", "action": "create"}))
    assert [json.loads(e["after"])["username"] for e in created] == ["admin", "nguyenvana"]
    assert all("password_hash" not in e["after"] for e in created)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Ngan-1", "ít nhất 8 ký tự"),
        ("chi-co-chu-thoi", "cả chữ và số"),
        ("1234-5678-90", "cả chữ và số"),
        ("nguyenvana-2026", "không được chứa tên đăng nhập"),
    ],
)
def test_password_rules(password: str, reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        users.check_password_rules(password, "nguyenvana")
    assert reason in info.value.message
    assert info.value.place == "password"


@pytest.mark.parametrize("password", ["Mậtkhẩu2026", "abcdefg1", PASSWORD])
def test_good_passwords_pass(sqlite_office: Database, password: str) -> None:
    """Accepted by the rule, then by account creation, and the clerk logs in with it."""
    users.check_password_rules(password, "nguyenvana")  # raises ValidationError otherwise
    create_user(sqlite_office, SYSTEM, username="nguyenvana", full_name="A", role="officer", password=password)
    assert authenticate(sqlite_office, "nguyenvana", password).username == "nguyenvana"


def test_weak_password_refused_on_create_and_nothing_written(sqlite_office: Database) -> None:
    with pytest.raises(ValidationError):
        create_user(
            sqlite_office, SYSTEM, username="nguyenvana", full_name="A", role="officer", password="ngan"
        )
    with pytest.raises(NotFound):
        reset_password(sqlite_office, SYSTEM, "nguyenvana", OTHER_PASSWORD)


@pytest.mark.parametrize("username", ["ab", "Có dấu", "has space", "-dash", "x" * 65])
def test_bad_usernames_refused(sqlite_office: Database, username: str) -> None:
    with pytest.raises(ValidationError) as info:
        create_user(
            sqlite_office, SYSTEM, username=username, full_name="A", role="officer", password=PASSWORD
        )
    assert info.value.place == "username"


def test_duplicate_username_refused(office_db: Database) -> None:
    add_officer(office_db)
    with pytest.raises(ValidationError) as info:
        add_officer(office_db, "NguyenVanA")
    assert "đã có người dùng" in info.value.message


def test_school_staff_must_belong_to_a_school(office_db: Database) -> None:
    with pytest.raises(ValidationError) as info:
        create_user(
            office_db, SYSTEM, username="gv01", full_name="Lê Thị B", role="school_staff", password=PASSWORD
        )
    assert info.value.place == "unit"
    school = create_unit(
        office_db,
        SYSTEM,
        UnitInput(code="TH01", name="Trường Tiểu học An Phú", kind="school", school_level="TH"),
    )
    row = create_user(
        office_db,
        SYSTEM,
        username="gv01",
        full_name="Lê Thị B",
        role="school_staff",
        password=PASSWORD,
        unit_id=school.id,
    )
    assert (row.unit_name, row.role_label) == ("Trường Tiểu học An Phú", "Cán bộ trường")
    assert authenticate(office_db, "gv01", PASSWORD).unit_id == school.id


def test_update_user_and_list(office_db: Database) -> None:
    add_officer(office_db)
    row = users.update_user(
        office_db, SYSTEM, "nguyenvana", full_name="Nguyễn Văn An", role="leader", unit_id=None
    )
    assert (row.full_name, row.role) == ("Nguyễn Văn An", Role.LEADER)
    listed = users.list_users(office_db, SYSTEM)
    assert [u.username for u in listed] == ["admin", "nguyenvana"]
    assert authenticate(office_db, "nguyenvana", PASSWORD).role == Role.LEADER


def test_cannot_disable_yourself(sqlite_office: Database) -> None:
    admin = authenticate(sqlite_office, "admin", PASSWORD)
    with pytest.raises(ValidationError):
        users.set_active(sqlite_office, admin, "admin", False)


# --- permissions ------------------------------------------------------------------

NOT_ADMIN = [
    Actor(username="lanhdao", role=Role.LEADER),
    Actor(username="chuyenvien", role=Role.OFFICER),
    Actor(username="gv01", role=Role.SCHOOL_STAFF, unit_id="x"),
]

ADMIN_ONLY: dict[str, Callable[[Database, Actor], object]] = {
    "create_user": lambda db, a: create_user(
        db, a, username="moi01", full_name="Người mới", role="officer", password=PASSWORD
    ),
    "list_users": lambda db, a: users.list_users(db, a),
    "reset_password": lambda db, a: reset_password(db, a, "admin", OTHER_PASSWORD),
    "set_active": lambda db, a: users.set_active(db, a, "admin", False),
    "update_user": lambda db, a: users.update_user(
        db, a, "admin", full_name="Chiếm quyền", role="officer", unit_id=None
    ),
}


@pytest.mark.parametrize("actor", NOT_ADMIN, ids=lambda a: a.role.value)
@pytest.mark.parametrize("name", sorted(ADMIN_ONLY))
def test_only_admins_manage_accounts(sqlite_office: Database, actor: Actor, name: str) -> None:
    with pytest.raises(PermissionDenied) as info:
        ADMIN_ONLY[name](sqlite_office, actor)
    assert "không có quyền" in info.value.message
    admin = stored_user(sqlite_office, "admin")
    assert (admin.active, admin.full_name, admin.role) == (True, "Quản trị hệ thống", Role.ADMIN)
    assert authenticate(sqlite_office, "admin", PASSWORD).role == Role.ADMIN


def test_admin_may_do_every_account_function(sqlite_office: Database) -> None:
    create_user(
        sqlite_office, SYSTEM, username="admin2", full_name="Quản trị 2", role="admin", password=PASSWORD
    )
    admin2 = authenticate(sqlite_office, "admin2", PASSWORD)
    run = lambda name: ADMIN_ONLY[name](sqlite_office, admin2)  # noqa: E731

    assert run("create_user").username == "moi01"
    assert stored_user(sqlite_office, "moi01").role == Role.OFFICER
    assert {u.username for u in run("list_users")} == {"admin", "admin2", "moi01"}
    run("reset_password")
    assert authenticate(sqlite_office, "admin", OTHER_PASSWORD).username == "admin"
    with pytest.raises(LoginError):
        authenticate(sqlite_office, "admin", PASSWORD)
    run("update_user")
    admin = stored_user(sqlite_office, "admin")
    assert (admin.full_name, admin.role) == ("Chiếm quyền", Role.OFFICER)
    run("set_active")
    assert stored_user(sqlite_office, "admin").active is False


def test_production_hasher_is_argon2id_with_real_work_factors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hasher the application uses (undoing the cheap one the fixtures swap in)."""
    from argon2 import Type, extract_parameters

    monkeypatch.undo()
    assert users._hasher is not FAST_HASHER
    params = extract_parameters(users.hash_password(PASSWORD))
    assert params.type == Type.ID
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2  # OWASP minimum


def test_the_last_active_admin_cannot_be_demoted_or_disabled(office_db: Database) -> None:
    """Otherwise nobody could manage accounts any more (the CLI acts as SYSTEM, not a user)."""
    with pytest.raises(ValidationError) as info:
        users.update_user(office_db, SYSTEM, "admin", full_name="Quản trị", role="officer", unit_id=None)
    assert "ít nhất một tài khoản quản trị" in info.value.message
    with pytest.raises(ValidationError):
        users.set_active(office_db, SYSTEM, "admin", False)
    assert stored_user(office_db, "admin").role == Role.ADMIN and stored_user(office_db, "admin").active

    create_user(office_db, SYSTEM, username="admin2", full_name="Quản trị 2", role="admin", password=PASSWORD)
    users.update_user(office_db, SYSTEM, "admin", full_name="Quản trị", role="officer", unit_id=None)
    with pytest.raises(ValidationError):
        users.set_active(office_db, SYSTEM, "admin2", False)
    users.set_active(office_db, SYSTEM, "admin", False)  # an officer now: may be disabled
