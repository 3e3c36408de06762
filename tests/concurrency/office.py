"""A district (on the backend under test) with a few schools on SQLite, for the concurrency tests."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from models import OrgUnit
from models.db import Database
from models.enums import SchoolLevel, UnitKind
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from services.sync.setup import create_setup_bundle, init_from_setup_bundle
from tests.sync.network import Network, Office, _district_content

PASSWORD = "Kiem-Tra-2026!"


def district_with_schools(url: str, folder: Path, schools: int = 2) -> tuple[Database, dict[str, Database]]:
    """The district at ``url``, and each school (code → database) made from its setup bundle."""
    district = init_office(url, code="PGD", name="Phòng Giáo dục và Đào tạo huyện Thử", kind="district",
                           admin_password=PASSWORD, parent_code="SGD")  # fmt: skip
    with UnitOfWork(district, SYSTEM) as uow:
        for n in range(1, schools + 1):
            uow.session.add(OrgUnit(code=f"TH{n:03d}", name=f"Trường Tiểu học Số {n}", kind=UnitKind.SCHOOL,
                                    school_level=SchoolLevel.TH, parent_id=uow.office_id))  # fmt: skip
    with district.session() as session:
        ids = list(session.scalars(select(OrgUnit.id).where(OrgUnit.kind == UnitKind.SCHOOL).order_by(OrgUnit.code)))
    _district_content(district, ids)
    result = {}
    for n in range(1, schools + 1):
        code = f"TH{n:03d}"
        setup = folder / f"setup-{code}.edusync"
        secret = create_setup_bundle(district, SYSTEM, code, setup).code
        result[code] = init_from_setup_bundle(str(folder / f"{code}.sqlite"), setup, PASSWORD, code=secret)
    return district, result


def network_of(district: Database, schools: dict[str, Database], folder: Path) -> Network:
    net = Network(folder)
    net.offices["district"] = Office("district", folder / "district-unused", None, district)
    for code, db in schools.items():
        net.offices[code] = Office(code, folder / f"{code}.sqlite", "district", db)
    return net


def round_trip(district: Database, school: Database, code: str, folder: Path, n: int) -> None:
    """District → school, then school → district (which carries the school's acknowledgement)."""
    down = export_bundle(district, SYSTEM, code, folder / f"{n:05d}-down-{code}.edusync")
    assert import_bundle(school, SYSTEM, down.path, take_backup=False).ok
    up = export_bundle(school, SYSTEM, "PGD", folder / f"{n:05d}-up-{code}.edusync")
    assert import_bundle(district, SYSTEM, up.path, take_backup=False).ok
