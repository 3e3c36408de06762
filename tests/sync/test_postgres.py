"""A district on each backend (SQLite, PostgreSQL when a server is given) and a school on SQLite."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from models import Assignment, OrgUnit
from models.enums import SchoolLevel, UnitKind
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.plans.progress import add_progress
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from services.sync.setup import create_setup_bundle, init_from_setup_bundle
from tests.sync.network import Network, Office, _district_content, dumps_equal

PASSWORD = "Kiem-Tra-2026!"


def test_district_on_each_backend_exchanges_with_a_school(db_url: str, tmp_path: Path) -> None:
    district = init_office(db_url, code="PGD", name="Phòng Giáo dục và Đào tạo huyện Thử", kind="district",
                           admin_password=PASSWORD, parent_code="SGD")  # fmt: skip
    try:
        with UnitOfWork(district, SYSTEM) as uow:
            unit = OrgUnit(code="TH001", name="Trường Tiểu học Số 1", kind=UnitKind.SCHOOL,
                           school_level=SchoolLevel.TH, parent_id=uow.office_id)  # fmt: skip
            uow.session.add(unit)
            uow.session.flush()
            school_id = unit.id
        _district_content(district, [school_id])
        code = create_setup_bundle(district, SYSTEM, "TH001", tmp_path / "setup.edusync").code
        school = init_from_setup_bundle(str(tmp_path / "s.sqlite"), tmp_path / "setup.edusync", PASSWORD, code=code)
        with school.session() as session:
            assignment = session.scalars(select(Assignment.id).where(Assignment.unit_id == school_id)).first()
        add_progress(school, SYSTEM, assignment, status="done", percent=100, files=[("bb.txt", b"bien ban")])
        up = export_bundle(school, SYSTEM, "PGD", tmp_path / "up.edusync")
        assert import_bundle(district, SYSTEM, up.path).ok
        down = export_bundle(district, SYSTEM, "TH001", tmp_path / "down.edusync")
        assert import_bundle(school, SYSTEM, down.path).ok
        net = Network(tmp_path)
        net.offices["district"] = Office("district", tmp_path / "unused", None, district)
        net.offices["s1"] = Office("s1", tmp_path / "s.sqlite", "district", school)
        assert not dumps_equal(net)
        school.dispose()
    finally:
        district.dispose()
