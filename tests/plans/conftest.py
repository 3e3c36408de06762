"""A small district for the plans tests: a few schools of each level, communes, departments."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from models.db import Database
from models.enums import Role, SchoolLevel, UnitKind
from services.accounts.orgunits import UnitInput, create_unit
from services.accounts.permissions import SYSTEM, Actor
from services.plans.documents import DocumentInput, create_document
from services.plans.tasks import TaskInput, create_task

OFFICER = Actor(username="chuyenvien", role=Role.OFFICER, full_name="Trần Văn Cán")
LEADER = Actor(username="lanhdao", role=Role.LEADER)


@dataclass
class District:
    db: Database
    units: dict[str, str]  # code -> id
    document_id: str
    tasks: dict[str, str]  # short name -> id

    def staff(self, code: str) -> Actor:
        return Actor(username=f"gv_{code.lower()}", role=Role.SCHOOL_STAFF, full_name=f"Cô giáo {code}",
                     unit_id=self.units[code])  # fmt: skip


_UNITS = [
    ("MN01", "Trường Mầm non Hoa Sen", UnitKind.SCHOOL, SchoolLevel.MN),
    ("TH01", "Trường Tiểu học Phước Hiệp", UnitKind.SCHOOL, SchoolLevel.TH),
    ("TH02", "Trường Tiểu học Tân Thạnh Đông", UnitKind.SCHOOL, SchoolLevel.TH),
    ("THCS01", "Trường THCS Nguyễn Du", UnitKind.SCHOOL, SchoolLevel.THCS),
    ("THCS02", "Trường THCS Phước Hiệp", UnitKind.SCHOOL, SchoolLevel.THCS),
    ("THTHCS01", "Trường Tiểu học và THCS Bình Mỹ", UnitKind.SCHOOL, SchoolLevel.TH_THCS),
    ("PNV", "Phòng Nội vụ huyện Củ Chi", UnitKind.DEPARTMENT, None),
    ("TTYT", "Trung tâm Y tế huyện Củ Chi", UnitKind.DEPARTMENT, None),
    ("PYT", "Phòng Y tế huyện Củ Chi", UnitKind.DEPARTMENT, None),
    ("UBND.PH", "Ủy ban nhân dân xã Phước Hiệp", UnitKind.COMMUNE, None),
    ("UBND.BM", "Ủy ban nhân dân xã Bình Mỹ", UnitKind.COMMUNE, None),
]


def make_district(db: Database) -> District:
    units = {}
    for code, name, kind, level in _UNITS:
        units[code] = create_unit(
            db, SYSTEM, UnitInput(code=code, name=name, kind=kind, school_level=level)
        ).id
    doc = create_document(
        db, OFFICER,
        DocumentInput(doc_type="KH", title="Kế hoạch thực hiện nhiệm vụ năm học 2023-2024", number="123",
                      symbol="KH-PGDĐT", school_year="2023-2024"),
    )  # fmt: skip
    tasks = {
        "so": create_task(db, OFFICER, doc, TaskInput("Đẩy mạnh chuyển đổi số trong quản lý giáo dục")),
        "doingu": create_task(
            db,
            OFFICER,
            doc,
            TaskInput("Nâng cao chất lượng đội ngũ giáo viên", description="Bồi dưỡng thường xuyên"),
        ),
        "baocao": create_task(db, OFFICER, doc, TaskInput("Báo cáo sơ kết học kỳ", recurrence="semester")),
    }
    return District(db, units, doc, tasks)


@pytest.fixture
def district(office_db: Database, tmp_path) -> District:
    # A server database keeps its files in the user's data folder: keep the tests' apart.
    office_db.data_dir = tmp_path / "office-files"
    return make_district(office_db)


@pytest.fixture
def small_district(sqlite_office: Database) -> District:
    return make_district(sqlite_office)
