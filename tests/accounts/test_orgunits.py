"""The org-unit tree: create, edit, move, deactivate, search; unique codes; permissions."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select

from models import AuditEntry
from models.db import Database
from models.enums import Ownership, Role, SchoolLevel, UnitKind
from models.errors import NotFound, PermissionDenied, ValidationError
from services.accounts import orgunits
from services.accounts.office import office_info
from services.accounts.orgunits import (
    UnitInput,
    UnitQuery,
    create_unit,
    list_units,
    move_unit,
    set_unit_active,
    update_unit,
)
from services.accounts.permissions import SYSTEM, Actor
from services.core.paging import PageRequest


def add(db: Database, code: str, name: str, kind: str = "school", **extra: object) -> orgunits.UnitRow:
    level = extra.pop("school_level", "TH" if kind == "school" else None)
    return create_unit(db, SYSTEM, UnitInput(code=code, name=name, kind=kind, school_level=level, **extra))


def names(rows: list[orgunits.UnitRow]) -> list[str]:
    return [r.name for r in rows]


def test_create_and_read_back(office_db: Database) -> None:
    office = office_info(office_db)
    row = add(
        office_db,
        "TH01",
        "  Trường Tiểu học   An Phú ",
        parent_id=office.id,
        address="Ấp 3, xã An Phú",
        phone="028 3790 1234",
        email="thanphu@cuchi.edu.vn",
        head_name="Nguyễn Thị Hoa",
    )
    assert row.name == "Trường Tiểu học An Phú"  # spaces collapsed
    assert (row.kind, row.school_level, row.ownership) == (UnitKind.SCHOOL, SchoolLevel.TH, Ownership.PUBLIC)
    assert row.active is True
    assert orgunits.get_unit(office_db, row.id) == row
    assert orgunits.find_by_code(office_db, "th01") == row
    assert orgunits.find_by_code(office_db, "KHONGCO") is None


def test_unique_code_refused_in_vietnamese(office_db: Database) -> None:
    add(office_db, "TH01", "Trường Tiểu học An Phú")
    for code in ("TH01", "th01"):
        with pytest.raises(ValidationError) as info:
            add(office_db, code, "Trường Tiểu học Bình Mỹ")
        assert info.value.message == f"Mã '{code}' đã dùng cho Trường Tiểu học An Phú."
        assert info.value.place == "code"
        assert "already used" in info.value.english
    assert names(list_units(office_db, text="binh my")) == []


def test_edit_may_keep_its_own_code_but_not_take_another(office_db: Database) -> None:
    first = add(office_db, "TH01", "Trường Tiểu học An Phú")
    add(office_db, "TH02", "Trường Tiểu học Bình Mỹ")
    data = UnitInput(code="TH01", name="Trường Tiểu học An Phú 1", kind="school", school_level="TH")
    assert update_unit(office_db, SYSTEM, first.id, data).name == "Trường Tiểu học An Phú 1"
    data.code = "TH02"
    with pytest.raises(ValidationError) as info:
        update_unit(office_db, SYSTEM, first.id, data)
    assert info.value.place == "code"
    assert orgunits.get_unit(office_db, first.id).code == "TH01"


@pytest.mark.parametrize(
    ("data", "place"),
    [
        (UnitInput(code="Mã có dấu", name="Trường A", kind="school", school_level="TH"), "code"),
        (UnitInput(code="", name="Trường A", kind="school", school_level="TH"), "code"),
        (UnitInput(code="TH09", name="   ", kind="school", school_level="TH"), "name"),
        (UnitInput(code="TH09", name="Trường A", kind="school"), "school_level"),
        (UnitInput(code="TH09", name="Trường A", kind="truong"), "kind"),
        (UnitInput(code="TH09", name="Trường A", kind="school", school_level="Đại học"), "school_level"),
        (
            UnitInput(code="TH09", name="Trường A", kind="school", school_level="TH", email="khong-hop-le"),
            "email",
        ),
        (
            UnitInput(code="TH09", name="Trường A", kind="school", school_level="TH", parent_id="khong-co"),
            "parent_id",
        ),
    ],
)
def test_invalid_input_refused_with_its_field(sqlite_office: Database, data: UnitInput, place: str) -> None:
    with pytest.raises(ValidationError) as info:
        create_unit(sqlite_office, SYSTEM, data)
    assert info.value.place == place
    assert info.value.message and info.value.english != info.value.message
    assert orgunits.find_by_code(sqlite_office, "TH09") is None


def test_levels_are_cleared_for_non_schools_and_communes_checked(office_db: Database) -> None:
    dept = add(office_db, "PNV", "Phòng Nội vụ", kind="department", school_level="TH")
    assert dept.school_level is None
    with pytest.raises(ValidationError) as info:
        add(office_db, "TH01", "Trường Tiểu học An Phú", commune_id=dept.id)
    assert info.value.place == "commune_id"
    commune = add(office_db, "XAP", "UBND xã An Phú", kind="commune")
    assert add(office_db, "TH01", "Trường Tiểu học An Phú", commune_id=commune.id).commune_id == commune.id


def test_move_and_tree(office_db: Database) -> None:
    office = office_info(office_db)
    cluster = add(office_db, "CUM1", "Cụm trường số 1", kind="department", parent_id=office.id)
    school = add(office_db, "TH01", "Trường Tiểu học An Phú", parent_id=office.id)
    moved = move_unit(office_db, SYSTEM, school.id, cluster.id)
    assert moved.parent_id == cluster.id
    tree = orgunits.unit_tree(office_db)
    [root] = tree  # the Sở; the office below it; the cluster below the office
    [office_node] = root.children
    assert office_node.unit.id == office.id
    [cluster_node] = office_node.children
    assert [c.unit.code for c in cluster_node.children] == ["TH01"]
    assert move_unit(office_db, SYSTEM, school.id, None).parent_id is None


def test_moving_under_itself_or_a_descendant_refused(office_db: Database) -> None:
    office = office_info(office_db)
    a = add(office_db, "CUM1", "Cụm 1", kind="department", parent_id=office.id)
    b = add(office_db, "CUM1A", "Cụm 1A", kind="department", parent_id=a.id)
    c = add(office_db, "TH01", "Trường Tiểu học An Phú", parent_id=b.id)
    for target in (a.id, b.id, c.id):
        with pytest.raises(ValidationError) as info:
            move_unit(office_db, SYSTEM, a.id, target)
        assert "đơn vị cấp dưới" in info.value.message
    with pytest.raises(ValidationError):  # the same through the editor
        update_unit(
            office_db, SYSTEM, a.id, UnitInput(code="CUM1", name="Cụm 1", kind="department", parent_id=c.id)
        )
    assert orgunits.get_unit(office_db, a.id).parent_id == office.id
    with pytest.raises(NotFound):
        move_unit(office_db, SYSTEM, c.id, "khong-co")


def test_move_is_audited_with_before_and_after(office_db: Database) -> None:
    office = office_info(office_db)
    school = add(office_db, "TH01", "Trường Tiểu học An Phú", parent_id=office.id)
    move_unit(office_db, SYSTEM, school.id, None)
    with office_db.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.entity_id) == ("update", school.id)
    assert json.loads(entry.before)["parent_id"] == office.id
    assert json.loads(entry.after)["parent_id"] is None


def test_deactivate_hides_from_lists_but_keeps_the_unit(office_db: Database) -> None:
    school = add(office_db, "TH01", "Trường Tiểu học An Phú")
    set_unit_active(office_db, SYSTEM, school.id, False)
    assert "TH01" not in [u.code for u in list_units(office_db)]
    assert [u.code for u in list_units(office_db, text="an phu", include_inactive=True)] == ["TH01"]
    assert orgunits.get_unit(office_db, school.id).active is False
    assert set_unit_active(office_db, SYSTEM, school.id, True).active is True


def test_own_office_cannot_be_deactivated(office_db: Database) -> None:
    office = office_info(office_db)
    with pytest.raises(ValidationError):
        set_unit_active(office_db, SYSTEM, office.id, False)
    assert orgunits.get_unit(office_db, office.id).active is True


SCHOOLS = [
    ("TH01", "Trường Tiểu học Đông Hòa"),
    ("TH02", "Trường Tiểu học Dương Minh Châu"),
    ("TH03", "Trường Tiểu học Hà Nội"),
    ("TH04", "Trường Tiểu học Ấp Bắc"),
    ("TH05", "Trường Tiểu học Hà"),
    ("TH06", "Trường Tiểu học An Phú"),
    ("TH07", "Trường Tiểu học Ân Đức"),
    ("MN01", "Trường Mầm non Hoa Sen"),
]


def test_lists_sort_in_vietnamese_order(office_db: Database) -> None:
    for code, name in SCHOOLS:
        add(office_db, code, name, school_level="MN" if code.startswith("MN") else "TH")
    listed = names(list_units(office_db, level=SchoolLevel.TH))
    assert listed == [
        "Trường Tiểu học An Phú",
        "Trường Tiểu học Ân Đức",
        "Trường Tiểu học Ấp Bắc",
        "Trường Tiểu học Dương Minh Châu",
        "Trường Tiểu học Đông Hòa",
        "Trường Tiểu học Hà",
        "Trường Tiểu học Hà Nội",
    ]
    page = UnitQuery(office_db).fetch(PageRequest(sort="name", filters={"kind": "school"}))
    assert [r["name"] for r in page] == ["Trường Mầm non Hoa Sen", *listed]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("truong tieu hoc", ["TH06", "TH07", "TH04", "TH02", "TH01", "TH05", "TH03"]),
        ("TRƯỜNG TIỂU HỌC hà", ["TH02", "TH05", "TH03"]),  # "ha" is in "Châu" too
        ("tieu hoc ha noi", ["TH03"]),
        ("dong hoa", ["TH01"]),
        ("đông", ["TH01"]),
        ("hoa", ["MN01", "TH01"]),  # Mầm non before Tiểu học
        ("mn01", ["MN01"]),
        ("an duc", ["TH07"]),
        ("100%", []),
        ("tiểu_học", []),
    ],
)
def test_search_ignores_diacritics(sqlite_office: Database, text: str, codes: list[str]) -> None:
    for code, name in SCHOOLS:
        add(sqlite_office, code, name, school_level="MN" if code.startswith("MN") else "TH")
    assert [u.code for u in list_units(sqlite_office, text=text, kind=UnitKind.SCHOOL)] == codes
    query = UnitQuery(sqlite_office)
    request = PageRequest(text=text, filters={"kind": "school"})
    assert query.count(request) == len(codes)
    assert sorted(r["code"] for r in query.fetch(request)) == sorted(codes)


def test_search_on_postgresql_too(office_db: Database) -> None:
    add(office_db, "TH01", "Trường Tiểu học Đông Hòa")
    add(office_db, "TH02", "Trường THCS Hòa Phú", school_level="THCS")
    assert [u.code for u in list_units(office_db, text="truong tieu hoc")] == ["TH01"]
    assert [u.code for u in list_units(office_db, text="HOA")] == ["TH02", "TH01"]  # THCS < Tiểu
    assert UnitQuery(office_db).count(PageRequest(text="hoa phu")) == 1


def test_renaming_refreshes_the_search_key(office_db: Database) -> None:
    row = add(office_db, "TH01", "Trường Tiểu học An Phú")
    update_unit(
        office_db,
        SYSTEM,
        row.id,
        UnitInput(code="TH01", name="Trường Tiểu học Bình Mỹ", kind="school", school_level="TH"),
    )
    assert names(list_units(office_db, text="an phu")) == []
    assert names(list_units(office_db, text="binh my")) == ["Trường Tiểu học Bình Mỹ"]


# --- permissions ------------------------------------------------------------------

UNIT_WRITES: dict[str, Callable[[Database, Actor, str], object]] = {
    "create_unit": lambda db, a, _id: create_unit(
        db, a, UnitInput(code="TH99", name="Trường mới", kind="school", school_level="TH")
    ),
    "update_unit": lambda db, a, unit_id: update_unit(
        db, a, unit_id, UnitInput(code="TH98", name="Đổi tên", kind="school", school_level="TH")
    ),
    "move_unit": lambda db, a, unit_id: move_unit(db, a, unit_id, None),
    "set_unit_active": lambda db, a, unit_id: set_unit_active(db, a, unit_id, False),
}


@pytest.mark.parametrize(
    "actor",
    [
        Actor(username="lanhdao", role=Role.LEADER),
        Actor(username="gv01", role=Role.SCHOOL_STAFF, unit_id="x"),
    ],
    ids=lambda a: a.role.value,
)
@pytest.mark.parametrize("name", sorted(UNIT_WRITES))
def test_only_admins_and_officers_manage_units(sqlite_office: Database, actor: Actor, name: str) -> None:
    school = add(sqlite_office, "TH01", "Trường Tiểu học An Phú", parent_id=office_info(sqlite_office).id)
    with pytest.raises(PermissionDenied) as info:
        UNIT_WRITES[name](sqlite_office, actor, school.id)
    assert "không có quyền quản lý đơn vị" in info.value.message
    assert orgunits.get_unit(sqlite_office, school.id) == school
    assert orgunits.find_by_code(sqlite_office, "TH99") is None


def test_officer_manages_units(sqlite_office: Database) -> None:
    officer = Actor(username="chuyenvien", role=Role.OFFICER)
    school = add(sqlite_office, "TH01", "Trường Tiểu học An Phú")
    for name in sorted(UNIT_WRITES):
        UNIT_WRITES[name](sqlite_office, officer, school.id)
    assert orgunits.get_unit(sqlite_office, school.id).code == "TH98"
