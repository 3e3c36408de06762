"""The audit log viewer's query: filters, text search, and who may read it."""

from __future__ import annotations

import datetime as dt

import pytest

from models.db import Database
from models.enums import Role
from models.errors import PermissionDenied
from services.accounts.audit import AuditQuery, distinct_values
from services.accounts.orgunits import UnitInput, create_unit, update_unit
from services.accounts.permissions import SYSTEM, Actor
from services.core.paging import PageRequest

OFFICER = Actor(username="chuyenvien", role=Role.OFFICER)


def write_some(db: Database) -> None:
    row = create_unit(
        db, OFFICER, UnitInput(code="TH01", name="Trường Tiểu học Đông Hòa", kind="school", school_level="TH")
    )
    update_unit(
        db,
        SYSTEM,
        row.id,
        UnitInput(code="TH01", name="Trường Tiểu học Đông Hòa 2", kind="school", school_level="TH"),
    )


def test_filters_by_user_table_action_and_text(office_db: Database) -> None:
    write_some(office_db)
    query = AuditQuery(office_db, SYSTEM)
    by_officer = query.fetch(PageRequest(filters={"username": "chuyenvien"}))
    assert [(e["action"], e["entity"], e["summary"]) for e in by_officer] == [("create", "org_units", "TH01")]
    updates = query.fetch(PageRequest(filters={"entity": "org_units", "action": "update"}))
    assert [e["username"] for e in updates] == ["system"]
    assert query.count(PageRequest(text="th01")) == 2
    assert query.count(PageRequest(filters={"action": "init"})) == 1
    assert "chuyenvien" in distinct_values(office_db, SYSTEM, "username")
    assert {"create", "update", "init"} <= set(distinct_values(office_db, SYSTEM, "action"))


def test_date_filters(office_db: Database) -> None:
    write_some(office_db)
    query = AuditQuery(office_db, SYSTEM)
    everything = query.count(PageRequest())
    today = dt.datetime.now(dt.UTC).date()
    assert query.count(PageRequest(filters={"since": today - dt.timedelta(days=1)})) == everything
    assert query.count(PageRequest(filters={"until": today - dt.timedelta(days=1)})) == 0
    assert query.count(PageRequest(filters={"since": today + dt.timedelta(days=1)})) == 0


def test_newest_first_when_asked(office_db: Database) -> None:
    write_some(office_db)
    rows = AuditQuery(office_db, SYSTEM).fetch(PageRequest(sort="at", descending=True, limit=1))
    assert (rows[0]["action"], rows[0]["username"]) == ("update", "system")


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SCHOOL_STAFF])
def test_only_admins_and_leaders_read_the_log(sqlite_office: Database, role: Role) -> None:
    actor = Actor(username="nguoidung", role=role, unit_id="x")
    with pytest.raises(PermissionDenied):
        AuditQuery(sqlite_office, actor)
    with pytest.raises(PermissionDenied):
        distinct_values(sqlite_office, actor, "username")
    leader = Actor(username="lanhdao", role=Role.LEADER)
    assert AuditQuery(sqlite_office, leader).count(PageRequest()) > 0
