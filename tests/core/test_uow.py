"""The unit of work: one transaction, an audit entry per write, a fresh HLC revision."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from models import AuditEntry, OrgUnit, Setting, User
from models.db import Database
from models.enums import SchoolLevel, UnitKind
from models.errors import EduDeskError
from services.accounts.office import office_info
from services.accounts.orgunits import UnitInput, create_unit, update_unit
from services.accounts.permissions import SYSTEM
from services.core.hlc import Stamp
from services.core.uow import CLOCK_KEY, UnitOfWork
from services.core.vietnamese import fold


def audit_entries(db: Database) -> list[AuditEntry]:
    with db.session() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def unit_count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(OrgUnit))


def school(code: str, name: str = "Trường Tiểu học An Phú") -> OrgUnit:
    return OrgUnit(code=code, name=name, kind=UnitKind.SCHOOL, school_level=SchoolLevel.TH)


def stored_clock(db: Database) -> str:
    with db.session() as session:
        return json.loads(session.get(Setting, CLOCK_KEY).value)


def test_an_exception_rolls_everything_back(office_db: Database) -> None:
    units, entries, clock = unit_count(office_db), len(audit_entries(office_db)), stored_clock(office_db)
    with pytest.raises(RuntimeError), UnitOfWork(office_db, SYSTEM) as uow:
        uow.session.add(school("TH01"))
        uow.session.flush()  # written inside the transaction, audited too
        uow.session.add(school("TH02", "Trường Tiểu học Bình Mỹ"))
        uow.session.flush()
        raise RuntimeError("power cut")
    assert unit_count(office_db) == units
    assert len(audit_entries(office_db)) == entries
    assert stored_clock(office_db) == clock


def test_a_refused_service_call_leaves_nothing(office_db: Database) -> None:
    create_unit(
        office_db,
        SYSTEM,
        UnitInput(code="TH01", name="Trường Tiểu học An Phú", kind="school", school_level="TH"),
    )
    units, entries = unit_count(office_db), len(audit_entries(office_db))
    with pytest.raises(EduDeskError):
        create_unit(
            office_db, SYSTEM, UnitInput(code="th01", name="Trường khác", kind="school", school_level="TH")
        )
    assert (unit_count(office_db), len(audit_entries(office_db))) == (units, entries)


def test_create_leaves_an_audit_entry_with_after(office_db: Database) -> None:
    before = len(audit_entries(office_db))
    row = create_unit(
        office_db,
        SYSTEM,
        UnitInput(code="TH01", name="Trường Tiểu học An Phú", kind="school", school_level="TH"),
    )
    new = audit_entries(office_db)[before:]
    assert [(e.action, e.entity, e.entity_id) for e in new] == [("create", "org_units", row.id)]
    entry = new[0]
    assert entry.username == "system"
    assert entry.at is not None
    assert entry.before == ""
    after = json.loads(entry.after)
    assert after["code"] == "TH01" and after["name"] == "Trường Tiểu học An Phú"
    assert after["kind"] == "school" and after["school_level"] == "TH"


def test_update_leaves_before_and_after_of_what_changed(office_db: Database) -> None:
    row = create_unit(
        office_db,
        SYSTEM,
        UnitInput(code="TH01", name="Trường Tiểu học An Phú", kind="school", school_level="TH"),
    )
    before = len(audit_entries(office_db))
    update_unit(
        office_db,
        SYSTEM,
        row.id,
        UnitInput(
            code="TH01",
            name="Trường Tiểu học An Phú 2",
            kind="school",
            school_level="TH",
            phone="028 3790 1234",
        ),
    )
    [entry] = audit_entries(office_db)[before:]
    assert (entry.action, entry.entity, entry.entity_id) == ("update", "org_units", row.id)
    changed_before, changed_after = json.loads(entry.before), json.loads(entry.after)
    assert changed_before["name"] == "Trường Tiểu học An Phú"
    assert changed_after["name"] == "Trường Tiểu học An Phú 2"
    assert changed_before["phone"] == "" and changed_after["phone"] == "028 3790 1234"
    assert "code" not in changed_after  # unchanged fields are not repeated


def test_an_update_that_changes_nothing_is_not_audited(office_db: Database) -> None:
    data = UnitInput(code="TH01", name="Trường Tiểu học An Phú", kind="school", school_level="TH")
    row = create_unit(office_db, SYSTEM, data)
    before, rev = len(audit_entries(office_db)), _rev(office_db, row.id)
    update_unit(office_db, SYSTEM, row.id, data)
    assert len(audit_entries(office_db)) == before
    assert _rev(office_db, row.id) == rev


def _rev(db: Database, unit_id: str) -> str:
    with db.session() as session:
        return session.get(OrgUnit, unit_id).rev


def test_every_write_gets_a_fresh_larger_revision(office_db: Database) -> None:
    row = create_unit(
        office_db, SYSTEM, UnitInput(code="TH01", name="Trường A", kind="school", school_level="TH")
    )
    with office_db.session() as session:
        highest = max(session.scalars(select(OrgUnit.rev)))
    revs = [_rev(office_db, row.id)]
    assert revs[0] == highest
    for name in ("Trường B", "Trường C", "Trường D"):
        update_unit(
            office_db, SYSTEM, row.id, UnitInput(code="TH01", name=name, kind="school", school_level="TH")
        )
        revs.append(_rev(office_db, row.id))
    assert revs == sorted(revs) and len(set(revs)) == len(revs)
    assert all(Stamp.decode(r).office == office_info(office_db).id for r in revs)


def test_revision_still_grows_when_the_clock_goes_back(office_db: Database) -> None:
    row = create_unit(
        office_db, SYSTEM, UnitInput(code="TH01", name="Trường A", kind="school", school_level="TH")
    )
    first = _rev(office_db, row.id)
    with UnitOfWork(office_db, SYSTEM, clock=lambda: 1) as uow:  # a PC clock reset to 1970
        uow.get(OrgUnit, row.id).name = "Trường B"
    second = _rev(office_db, row.id)
    assert second > first
    assert Stamp.decode(second).wall_ms == Stamp.decode(first).wall_ms


def test_new_synced_rows_get_id_origin_rev_and_keys(office_db: Database) -> None:
    office = office_info(office_db)
    with UnitOfWork(office_db, SYSTEM) as uow:
        unit = school("TH01", "Trường Tiểu học Đồng Khởi")
        uow.session.add(unit)
        uow.session.flush()
        unit_id = unit.id
        assert uow.changes.tables == {"org_units"}
    with office_db.session() as session:
        stored = session.get(OrgUnit, unit_id)
        assert stored.origin == office.id
        assert stored.deleted is False
        assert Stamp.decode(stored.rev).office == office.id
        assert fold("Đồng Khởi") in stored.search_key
        assert stored.sort_key


def test_origin_given_by_a_sender_is_kept(office_db: Database) -> None:
    with UnitOfWork(office_db, SYSTEM) as uow:
        unit = school("TH01")
        unit.origin = "11111111-2222-4333-8444-555555555555"
        uow.session.add(unit)
        uow.session.flush()
        unit_id = unit.id
    with office_db.session() as session:
        assert session.get(OrgUnit, unit_id).origin == "11111111-2222-4333-8444-555555555555"


def test_synced_rows_are_never_hard_deleted(office_db: Database) -> None:
    office = office_info(office_db)
    with pytest.raises(EduDeskError) as info, UnitOfWork(office_db, SYSTEM) as uow:
        uow.session.delete(uow.get(OrgUnit, office.id))
        uow.session.flush()
    assert "đánh dấu đã xóa" in info.value.message
    with office_db.session() as session:
        assert session.get(OrgUnit, office.id) is not None


def test_marking_deleted_is_audited_as_delete(office_db: Database) -> None:
    row = create_unit(
        office_db, SYSTEM, UnitInput(code="TH01", name="Trường A", kind="school", school_level="TH")
    )
    before = len(audit_entries(office_db))
    with UnitOfWork(office_db, SYSTEM) as uow:
        uow.get(OrgUnit, row.id).deleted = True
    [entry] = audit_entries(office_db)[before:]
    assert entry.action == "delete"
    assert json.loads(entry.before)["deleted"] is False


def test_insert_many_stamps_every_row_and_audits_once(office_db: Database) -> None:
    office = office_info(office_db)
    before = len(audit_entries(office_db))
    rows = [
        {
            "code": f"TH{i:02d}",
            "name": f"Trường Tiểu học số {i}",
            "kind": UnitKind.SCHOOL,
            "school_level": SchoolLevel.TH,
        }
        for i in range(1, 21)
    ]
    with UnitOfWork(office_db, SYSTEM) as uow:
        assert uow.insert_many(OrgUnit, rows) == 20
        assert uow.changes.tables == {"org_units"}
    new = audit_entries(office_db)[before:]
    assert [(e.action, e.entity) for e in new] == [("bulk_create", "org_units")]
    assert json.loads(new[0].after) == {"count": 20}
    with office_db.session() as session:
        stored = list(session.scalars(select(OrgUnit).where(OrgUnit.code.like("TH%"))))
    assert len(stored) == 20
    assert len({u.rev for u in stored}) == 20
    assert {u.origin for u in stored} == {office.id}
    assert all(u.search_key.startswith(u.code.lower()) and "truong tieu hoc" in u.search_key for u in stored)


def test_password_hash_never_reaches_the_audit_log(office_db: Database) -> None:
    with office_db.session() as session:
        hashes = [u.password_hash for u in session.scalars(select(User))]
    assert hashes
    for entry in audit_entries(office_db):
        for h in hashes:
            assert h not in entry.after and h not in entry.before
        assert "password_hash" not in entry.after


def test_the_clock_is_saved_with_the_transaction(office_db: Database) -> None:
    row = create_unit(
        office_db, SYSTEM, UnitInput(code="TH01", name="Trường A", kind="school", school_level="TH")
    )
    assert stored_clock(office_db) == _rev(office_db, row.id)


def test_rows_changed_in_one_flush_are_stamped_in_a_reproducible_order(office_db: Database) -> None:
    """SQLAlchemy keeps changed rows in a set; stamping them in set order made the demo's
    ``dump`` differ between two runs with the same seed. They are stamped in id order."""
    rows = [
        {"code": f"TH{i:02d}", "name": f"Trường {i}", "kind": UnitKind.SCHOOL, "school_level": SchoolLevel.TH}
        for i in range(30)
    ]
    with UnitOfWork(office_db, SYSTEM) as uow:
        uow.insert_many(OrgUnit, rows)
    with UnitOfWork(office_db, SYSTEM) as uow:
        for unit in uow.scalars(select(OrgUnit).where(OrgUnit.code.like("TH%")).order_by(OrgUnit.name.desc())):
            unit.phone = "028 3790 0000"
    with office_db.session() as session:
        changed = list(session.scalars(select(OrgUnit).where(OrgUnit.code.like("TH%")).order_by(OrgUnit.id)))
    revs = [u.rev for u in changed]
    assert revs == sorted(revs)
