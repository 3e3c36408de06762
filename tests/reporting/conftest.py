"""A small district for the reporting tests: two communes, schools of every level, the built-in
templates, and helpers to open a round and fill reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from models.db import Database
from models.enums import Role, SchoolLevel, UnitKind
from services.accounts.orgunits import UnitInput, create_unit
from services.accounts.permissions import SYSTEM, Actor
from services.reporting.templates import install_builtins, list_templates

OFFICER = Actor(username="chuyenvien", role=Role.OFFICER, full_name="Trần Văn Cán")
LEADER = Actor(username="lanhdao", role=Role.LEADER, full_name="Lê Thị Lãnh Đạo")
DUE = dt.date(2024, 1, 10)

_COMMUNES = [("UBND.PH", "Ủy ban nhân dân xã Phước Hiệp"), ("UBND.BM", "Ủy ban nhân dân xã Bình Mỹ")]
_SCHOOLS = [
    ("MN01", "Trường Mầm non Hoa Sen", SchoolLevel.MN, "UBND.PH"),
    ("MN02", "Trường Mầm non Hoa Mai", SchoolLevel.MN, "UBND.BM"),
    ("TH01", "Trường Tiểu học Phước Hiệp", SchoolLevel.TH, "UBND.PH"),
    ("TH02", "Trường Tiểu học Bình Mỹ", SchoolLevel.TH, "UBND.BM"),
    ("THCS01", "Trường THCS Nguyễn Du", SchoolLevel.THCS, "UBND.PH"),
    ("THTHCS01", "Trường Tiểu học và THCS Bình Mỹ", SchoolLevel.TH_THCS, "UBND.BM"),
]


@dataclass
class Town:
    db: Database
    units: dict[str, str]  # code -> id
    templates: dict[str, str]  # code -> id

    def staff(self, code: str) -> Actor:
        return Actor(username=f"gv_{code.lower()}", role=Role.SCHOOL_STAFF, full_name=f"Hiệu trưởng {code}",
                     unit_id=self.units[code])  # fmt: skip

    @property
    def schools(self) -> list[str]:
        return [self.units[c] for c, *_ in _SCHOOLS]


def make_town(db: Database) -> Town:
    units: dict[str, str] = {}
    for code, name in _COMMUNES:
        units[code] = create_unit(db, SYSTEM, UnitInput(code=code, name=name, kind=UnitKind.COMMUNE)).id
    for code, name, level, commune in _SCHOOLS:
        units[code] = create_unit(
            db, SYSTEM,
            UnitInput(code=code, name=name, kind=UnitKind.SCHOOL, school_level=level, commune_id=units[commune]),
        ).id  # fmt: skip
    install_builtins(db, SYSTEM)
    templates = {t["code"]: t["id"] for t in list_templates(db)}
    return Town(db, units, templates)


@pytest.fixture
def town(office_db: Database, tmp_path) -> Town:
    office_db.data_dir = tmp_path / "office-files"
    return make_town(office_db)


@pytest.fixture
def sqlite_town(sqlite_office: Database) -> Town:
    return make_town(sqlite_office)


def new_round(town: Town, code: str = "SO_KET_HK1", period: str = "2023-2024 HK1", due: dt.date = DUE,
              units: list[str] | None = None) -> str:  # fmt: skip
    from services.reporting.rounds import create_round

    return create_round(
        town.db, OFFICER, template_id=town.templates[code], name=f"Báo cáo {period}", period=period, due_on=due,
        unit_ids=units if units is not None else town.schools, groups=(),
    )  # fmt: skip


def full_values(level: str, **overrides: Any) -> dict[tuple[str, str], Any]:
    """A complete, valid set of the semester review's cells for a school of ``level``."""
    values: dict[str, Any] = {"SO_LOP": 10, "SO_HS": 300, "SO_GV": 18, "GV_DAT_CHUAN": 17,
                              "TL_PHONG_KIEN_CO": 85.5, "HS_KNS": 300, "HOA_NHAP": "Có",
                              "CHUAN_QG": "Không", "STEM": "Có"}  # fmt: skip
    parts = set(level.split("&"))
    if "MN" in parts:
        values |= {
            "MN_CAN_DO": 300,
            "MN_SDD_NHE_CAN": 9,
            "MN_SDD_THAP_COI": 12,
            "MN_TRE_5T": 90,
            "MN_TRE_5T_TA": 10,
        }
    if "TH" in parts:
        values |= {"TH_L1_KS": 60, "TH_L1_DAT": 59}
    if "THCS" in parts:
        values |= {"HS_BO_HOC": 3}
    values |= overrides
    return {(code, ""): v for code, v in values.items()}
