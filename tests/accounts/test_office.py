"""The office: its identity, print settings (round trip), language; who may change them."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from models import AuditEntry, OrgUnit
from models.db import Database
from models.enums import Role, UnitKind
from models.errors import PermissionDenied, ValidationError
from services.accounts import office
from services.accounts.office import PrintSettings, get_print_settings, update_print_settings
from services.accounts.permissions import SYSTEM, Actor
from tests.conftest import OFFICE_CODE, OFFICE_NAME

SETTINGS = PrintSettings(
    parent_body="UBND HUYỆN CỦ CHI",
    issuing_body="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    abbreviation="PGDĐT",
    place="Củ Chi",
    signer_authority="KT. TRƯỞNG PHÒNG",
    signer_title="PHÓ TRƯỞNG PHÒNG",
    signer_name="Trần Thị Thu Hà",
    recipients=["Như trên", "UBND huyện (để b/c)", "Lưu: VT, THCS"],
)


def test_office_identity(office_db: Database) -> None:
    info = office.office_info(office_db)
    assert (info.code, info.name, info.kind) == (OFFICE_CODE, OFFICE_NAME, UnitKind.DISTRICT)
    assert office.has_office(office_db)
    unit = office.own_unit(office_db)
    assert (unit.id, unit.code) == (info.id, OFFICE_CODE)
    with office_db.session() as session:
        parent = session.get(OrgUnit, unit.parent_id)
        assert (parent.code, parent.kind) == ("SGDHCM", UnitKind.PROVINCE)


def test_default_print_settings_of_a_district(office_db: Database) -> None:
    settings = get_print_settings(office_db)
    assert settings.issuing_body == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    assert settings.parent_body == "UBND HUYỆN CỦ CHI"
    assert settings.place == "Củ Chi"
    assert settings.signer_title == "TRƯỞNG PHÒNG"
    assert "Lưu: VT" in settings.recipients
    assert office.get_language(office_db) == "vi"


def test_print_settings_round_trip(office_db: Database) -> None:
    saved = update_print_settings(
        office_db, SYSTEM, replace(SETTINGS, recipients=[*SETTINGS.recipients, "  ", ""])
    )
    assert saved == SETTINGS  # blank recipients dropped
    assert get_print_settings(office_db) == SETTINGS
    with office_db.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.entity, entry.entity_id) == ("update", "settings", "print")
    assert "Trần Thị Thu Hà" in json.loads(entry.after)["value"]
    assert "Trần Thị Thu Hà" not in json.loads(entry.before)["value"]


@pytest.mark.parametrize("field", ["issuing_body", "place", "signer_title"])
def test_print_settings_need_their_required_fields(sqlite_office: Database, field: str) -> None:
    before = get_print_settings(sqlite_office)
    with pytest.raises(ValidationError) as info:
        update_print_settings(sqlite_office, SYSTEM, replace(SETTINGS, **{field: "  "}))
    assert info.value.place == field
    assert "Thiếu thông tin" in info.value.message
    assert get_print_settings(sqlite_office) == before


def test_language_round_trip(office_db: Database) -> None:
    office.set_language(office_db, SYSTEM, "en")
    assert office.get_language(office_db) == "en"
    with pytest.raises(ValidationError):
        office.set_language(office_db, SYSTEM, "fr")
    assert office.get_language(office_db) == "en"


@pytest.mark.parametrize("role", [Role.LEADER, Role.OFFICER, Role.SCHOOL_STAFF])
def test_only_admins_change_office_settings(sqlite_office: Database, role: Role) -> None:
    actor = Actor(username="nguoidung", role=role, unit_id="x" if role == Role.SCHOOL_STAFF else None)
    before = get_print_settings(sqlite_office)
    with pytest.raises(PermissionDenied):
        update_print_settings(sqlite_office, actor, SETTINGS)
    with pytest.raises(PermissionDenied):
        office.set_language(sqlite_office, actor, "en")
    assert get_print_settings(sqlite_office) == before
    assert office.get_language(sqlite_office) == "vi"


def test_init_refuses_a_weak_admin_password_before_creating_anything(tmp_path) -> None:
    target = tmp_path / "office.sqlite"
    with pytest.raises(ValidationError):
        office.init_office(str(target), code="PGD", name="Phòng GD", kind="district", admin_password="ngan")
    assert not target.exists()


def test_init_refuses_a_kind_that_is_not_an_office(tmp_path) -> None:
    with pytest.raises(ValidationError):
        office.init_office(
            str(tmp_path / "x.sqlite"),
            code="X",
            name="UBND xã",
            kind="commune",
            admin_password="Mat-khau-2026",
        )
