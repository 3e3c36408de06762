"""A school's staff account used on the district's database acts for its own school only: it cannot
resolve conflicts about other schools' rows, back up the whole district or write other schools' bundles.
On its own school's database the same role still backs up and sends to the district."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Assignment, Conflict, OrgUnit
from models.enums import Role
from models.errors import PermissionDenied
from services.accounts.permissions import Actor
from services.core.uow import UnitOfWork
from services.operations.backup import backup_to
from services.sync.bundle import export_all_children, export_bundle
from services.sync.conflicts import resolve_conflict
from tests.sync.network import Network, template


@pytest.fixture
def net(tmp_path: Path) -> Network:
    network = template().copy_to(tmp_path / "net")
    yield network
    network.close()


def _staff(db, code: str) -> Actor:
    with db.session() as session:
        unit = session.scalars(select(OrgUnit.id).where(OrgUnit.code == code)).one()
    return Actor(username=code.lower(), role=Role.SCHOOL_STAFF, unit_id=unit)


def _conflict_about(db, code: str) -> str:
    """An open conflict on a progress update of school ``code``'s assignment."""
    with UnitOfWork(db, Actor("system", Role.ADMIN)) as uow:
        assignment = uow.session.scalars(
            select(Assignment.id).join(OrgUnit, OrgUnit.id == Assignment.unit_id).where(OrgUnit.code == code)
        ).first()
        fields = {"assignment_id": assignment, "note": "bản này"}
        conflict = Conflict(id=uow.new_id(), table_name="progress_updates", row_id=uow.new_id(),
                            winner_rev="2", loser_rev="1", winner=json.dumps(fields),
                            loser=json.dumps({**fields, "note": "bản kia"}), detected_at=dt.datetime(2026, 1, 1),
                            resolved_by="")  # fmt: skip
        uow.session.add(conflict)
        return conflict.id


def _open(db, conflict_id: str) -> bool:
    with db.session() as session:
        return session.get(Conflict, conflict_id).resolved_at is None


def test_conflicts_about_another_school_are_refused(net: Network) -> None:
    district = net.offices["district"].db
    th001 = _staff(district, "TH001")
    theirs, mine = _conflict_about(district, "TH002"), _conflict_about(district, "TH001")
    with pytest.raises(PermissionDenied, match="đơn vị mình"):
        resolve_conflict(district, th001, theirs)
    assert _open(district, theirs)
    resolve_conflict(district, th001, mine)
    assert not _open(district, mine)


def test_no_whole_district_backup_by_a_school_account(net: Network, tmp_path: Path) -> None:
    district = net.offices["district"].db
    with pytest.raises(PermissionDenied):
        backup_to(district, _staff(district, "TH001"), tmp_path / "all.edubak")
    assert not (tmp_path / "all.edubak").exists()
    school = net.offices["s1"].db  # the same role on its own school's database
    backup_to(school, _staff(school, "TH001"), tmp_path / "th001.edubak")
    assert (tmp_path / "th001.edubak").exists()


def test_no_bundle_for_another_school_by_a_school_account(net: Network, tmp_path: Path) -> None:
    district = net.offices["district"].db
    th001 = _staff(district, "TH001")
    with pytest.raises(PermissionDenied):
        export_bundle(district, th001, "TH002", tmp_path / "th002.edusync")
    with pytest.raises(PermissionDenied):
        export_all_children(district, th001, tmp_path / "usb")
    assert not (tmp_path / "th002.edusync").exists() and not any((tmp_path / "usb").glob("*"))
    export_bundle(district, th001, "TH001", tmp_path / "th001.edusync")  # its own school's bundle
    school = net.offices["s1"].db
    export_bundle(school, _staff(school, "TH001"), "PGD", tmp_path / "up.edusync")
    assert (tmp_path / "th001.edusync").exists() and (tmp_path / "up.edusync").exists()
