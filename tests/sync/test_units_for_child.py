"""A school receives its own unit and the office's structure, never the other schools (N² at 1,000)."""

from __future__ import annotations

from sqlalchemy import select

from models import OrgUnit
from models.enums import SchoolLevel, UnitKind
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.sync.bundle import export_bundle
from services.sync.setup import create_setup_bundle, init_from_setup_bundle

PASSWORD = "Kiem-Tra-2026!"


def _codes(db) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(OrgUnit.code)))


def two_offices(tmp_path):
    """A district with three schools and a commune; TH001 set up from its setup bundle."""
    district = init_office(str(tmp_path / "d.sqlite"), code="PGD", name="Phòng GD huyện Thử", kind="district",
                           admin_password=PASSWORD, parent_code="SGD")  # fmt: skip
    with UnitOfWork(district, SYSTEM) as uow:
        for n in range(1, 4):
            uow.session.add(OrgUnit(code=f"TH00{n}", name=f"Trường Tiểu học số {n}", kind=UnitKind.SCHOOL,
                                    school_level=SchoolLevel.TH, parent_id=uow.office_id))  # fmt: skip
        uow.session.add(OrgUnit(code="XA01", name="UBND xã Một", kind=UnitKind.COMMUNE, parent_id=uow.office_id))
    code = create_setup_bundle(district, SYSTEM, "TH001", tmp_path / "setup.edusync").code
    return district, init_from_setup_bundle(str(tmp_path / "s.sqlite"), tmp_path / "setup.edusync", PASSWORD,
                                            code=code)  # fmt: skip


def test_a_school_gets_no_other_school(tmp_path) -> None:
    district, school = two_offices(tmp_path)
    assert _codes(school) == {"SGD", "PGD", "TH001", "XA01"}
    with UnitOfWork(district, SYSTEM) as uow:  # a new school, then a bundle: still not sent
        uow.session.add(OrgUnit(code="TH009", name="Trường Tiểu học số 9", kind=UnitKind.SCHOOL,
                                school_level=SchoolLevel.TH, parent_id=uow.office_id))  # fmt: skip
    result = export_bundle(district, SYSTEM, "TH001", tmp_path / "b.edusync")
    # nothing acknowledged yet: the setup's rows go again, the new school does not
    assert result.tables["org_units"] == 4
    school.dispose()
    district.dispose()
