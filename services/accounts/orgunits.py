"""The org-unit tree: province → district → schools, departments and communes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from models import OrgUnit
from models.db import Database
from models.enums import Ownership, SchoolLevel, UnitKind
from models.errors import NotFound, ValidationError
from models.labels import UNIT_KIND_LABELS
from services.accounts.permissions import Action, Actor, require
from services.core.paging import ColumnSpec, PageRequest, SqlPagedQuery, folded_search
from services.core.uow import UnitOfWork

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")
EDITABLE = ("code", "name", "short_name", "kind", "school_level", "ownership", "parent_id", "commune_id",
            "address", "phone", "email", "head_name")  # fmt: skip


@dataclass
class UnitInput:
    code: str
    name: str
    kind: UnitKind | str
    school_level: SchoolLevel | str | None = None
    ownership: Ownership | str = Ownership.PUBLIC
    parent_id: str | None = None
    commune_id: str | None = None
    short_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    head_name: str = ""


@dataclass(frozen=True)
class UnitRow:
    id: str
    code: str
    name: str
    kind: UnitKind
    school_level: SchoolLevel | None
    ownership: Ownership
    parent_id: str | None
    commune_id: str | None
    short_name: str
    address: str
    phone: str
    email: str
    head_name: str
    active: bool


@dataclass
class UnitNode:
    unit: UnitRow
    children: list[UnitNode] = field(default_factory=list)


def to_row(unit: OrgUnit) -> UnitRow:
    return UnitRow(**{name: getattr(unit, name) for name in _ROW_FIELDS})


_ROW_FIELDS = tuple(f.name for f in fields(UnitRow))  # fields() is slow enough to show at 1,000 units


def _normalise(data: UnitInput) -> dict[str, Any]:
    values = {f.name: getattr(data, f.name) for f in fields(UnitInput)}
    for key in ("code", "name", "short_name", "address", "phone", "email", "head_name"):
        values[key] = " ".join(str(values[key] or "").split())
    try:
        values["kind"] = UnitKind(values["kind"])
    except ValueError as exc:
        raise ValidationError("Loại đơn vị không hợp lệ.", "Invalid unit kind.", "kind") from exc
    try:
        values["ownership"] = Ownership(values["ownership"] or Ownership.PUBLIC)
        level = values["school_level"]
        values["school_level"] = SchoolLevel(level) if level else None
    except ValueError as exc:
        raise ValidationError(
            "Cấp học hoặc loại hình không hợp lệ.", "Invalid level.", "school_level"
        ) from exc
    return values


def _validate(uow: UnitOfWork, values: dict[str, Any], unit_id: str | None) -> None:
    if not _CODE.match(values["code"]):
        raise ValidationError(
            "Mã đơn vị gồm 1–32 chữ cái không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.",
            "A unit code has 1-32 letters, digits, dots, underscores or hyphens.",
            "code",
        )
    if not values["name"]:
        raise ValidationError("Cần tên đơn vị.", "A unit name is required.", "name")
    clash = uow.session.scalars(
        select(OrgUnit).where(func.upper(OrgUnit.code) == values["code"].upper())
    ).first()
    if clash is not None and clash.id != unit_id:
        raise ValidationError(
            f"Mã '{values['code']}' đã dùng cho {clash.name}.",
            f"Code '{values['code']}' is already used by {clash.name}.",
            "code",
        )
    if values["kind"] == UnitKind.SCHOOL and values["school_level"] is None:
        raise ValidationError("Trường học cần có cấp học.", "A school needs a school level.", "school_level")
    if values["kind"] != UnitKind.SCHOOL:
        values["school_level"] = None
    if values["email"] and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", values["email"]):
        raise ValidationError("Địa chỉ thư điện tử không hợp lệ.", "Invalid e-mail address.", "email")
    for key in ("parent_id", "commune_id"):
        if values[key] and uow.session.get(OrgUnit, values[key]) is None:
            raise ValidationError("Đơn vị được chọn không tồn tại.", "The chosen unit does not exist.", key)
    commune = uow.session.get(OrgUnit, values["commune_id"]) if values["commune_id"] else None
    if commune is not None and commune.kind != UnitKind.COMMUNE:
        raise ValidationError("Xã/thị trấn được chọn không phải là xã.", "Not a commune.", "commune_id")
    if unit_id and values["parent_id"]:
        _refuse_cycle(uow, unit_id, values["parent_id"])


def _refuse_cycle(uow: UnitOfWork, unit_id: str, parent_id: str) -> None:
    seen: set[str] = set()
    current: str | None = parent_id
    while current and current not in seen:
        if current == unit_id:
            raise ValidationError(
                "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
                "A unit cannot be moved under itself or one of its own sub-units.",
                "parent_id",
            )
        seen.add(current)
        parent = uow.session.get(OrgUnit, current)
        current = parent.parent_id if parent else None


def _load(uow: UnitOfWork, unit_id: str) -> OrgUnit:
    unit = uow.session.get(OrgUnit, unit_id)
    if unit is None or unit.deleted:
        raise NotFound("Không tìm thấy đơn vị.", "Unit not found.")
    return unit


def create_unit(db: Database, actor: Actor, data: UnitInput) -> UnitRow:
    require(actor, Action.MANAGE_UNITS)
    with UnitOfWork(db, actor) as uow:
        values = _normalise(data)
        _validate(uow, values, None)
        unit = OrgUnit(**values, active=True)
        uow.session.add(unit)
        uow.session.flush()
        return to_row(unit)


def update_unit(db: Database, actor: Actor, unit_id: str, data: UnitInput) -> UnitRow:
    require(actor, Action.MANAGE_UNITS)
    with UnitOfWork(db, actor) as uow:
        unit = _load(uow, unit_id)
        values = _normalise(data)
        _validate(uow, values, unit_id)
        for key in EDITABLE:
            if getattr(unit, key) != values[key]:
                setattr(unit, key, values[key])
        uow.session.flush()
        return to_row(unit)


def move_unit(db: Database, actor: Actor, unit_id: str, new_parent_id: str | None) -> UnitRow:
    require(actor, Action.MANAGE_UNITS)
    with UnitOfWork(db, actor) as uow:
        unit = _load(uow, unit_id)
        if new_parent_id:
            _load(uow, new_parent_id)
            _refuse_cycle(uow, unit_id, new_parent_id)
        unit.parent_id = new_parent_id
        uow.session.flush()
        return to_row(unit)


def set_unit_active(db: Database, actor: Actor, unit_id: str, active: bool) -> UnitRow:
    """Deactivate (or reactivate) a unit: it stays in history but leaves the lists."""
    require(actor, Action.MANAGE_UNITS)
    with UnitOfWork(db, actor) as uow:
        unit = _load(uow, unit_id)
        if not active and unit.id == uow.office_id:
            raise ValidationError(
                "Không thể ngừng hoạt động chính đơn vị này.", "You cannot deactivate your own office."
            )
        unit.active = active
        uow.session.flush()
        return to_row(unit)


def get_unit(db: Database, unit_id: str) -> UnitRow:
    with db.session() as session:
        unit = session.get(OrgUnit, unit_id)
        if unit is None or unit.deleted:
            raise NotFound("Không tìm thấy đơn vị.", "Unit not found.")
        return to_row(unit)


def find_by_code(db: Database, code: str) -> UnitRow | None:
    with db.session() as session:
        unit = session.scalars(
            select(OrgUnit).where(func.upper(OrgUnit.code) == code.strip().upper())
        ).first()
        return to_row(unit) if unit else None


def list_units(
    db: Database,
    *,
    text: str = "",
    kind: UnitKind | None = None,
    level: SchoolLevel | None = None,
    parent_id: str | None = None,
    include_inactive: bool = False,
) -> list[UnitRow]:
    """Units in Vietnamese alphabetical order, filtered; search ignores diacritics."""
    # the row's columns, not the ORM objects: a district's thousand units in a third of the time
    columns = [getattr(OrgUnit, name) for name in _ROW_FIELDS]
    statement = _unit_filter(select(*columns), text, kind, level, parent_id, include_inactive)
    with db.session() as session:
        return [UnitRow(*row) for row in session.execute(statement.order_by(OrgUnit.sort_key, OrgUnit.code))]


def unit_choices(db: Database) -> list[tuple[str, str, str]]:
    """(id, code, name) of the active units in Vietnamese order: what a filter's drop-down lists."""
    statement = _unit_filter(select(OrgUnit.id, OrgUnit.code, OrgUnit.name), "", None, None, None, False)
    with db.session() as session:
        return [(i, c, n) for i, c, n in session.execute(statement.order_by(OrgUnit.sort_key, OrgUnit.code))]


def _unit_filter(
    statement: Select,
    text: str,
    kind: UnitKind | str | None,
    level: SchoolLevel | str | None,
    parent_id: str | None,
    include_inactive: bool,
) -> Select:
    statement = statement.where(OrgUnit.deleted.is_(False))
    if not include_inactive:
        statement = statement.where(OrgUnit.active.is_(True))
    if kind:
        statement = statement.where(OrgUnit.kind == UnitKind(kind))
    if level:
        statement = statement.where(OrgUnit.school_level == SchoolLevel(level))
    if parent_id:
        statement = statement.where(OrgUnit.parent_id == parent_id)
    return folded_search(statement, OrgUnit.search_key, text) if text else statement


def unit_tree(db: Database, *, include_inactive: bool = False) -> list[UnitNode]:
    """The whole tree, children in Vietnamese order; units whose parent is absent are roots."""
    units = list_units(db, include_inactive=include_inactive)
    nodes = {u.id: UnitNode(u) for u in units}
    roots: list[UnitNode] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id or "")
        (parent.children if parent else roots).append(node)
    return roots


class UnitQuery(SqlPagedQuery):
    """The Đơn vị table: filters ``kind``, ``level``, ``parent_id``, ``include_inactive``."""

    columns = [
        ColumnSpec("code", "Mã"),
        ColumnSpec("name", "Tên đơn vị"),
        ColumnSpec("kind", "Loại", format=lambda k: UNIT_KIND_LABELS.get(k, str(k or ""))),
        ColumnSpec("school_level", "Cấp học", format=lambda v: v.value if v else ""),
        ColumnSpec("parent_name", "Trực thuộc"),
        ColumnSpec("head_name", "Thủ trưởng"),
        ColumnSpec("phone", "Điện thoại"),
        ColumnSpec("active", "Hoạt động"),
    ]

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        parent = aliased(OrgUnit)
        self._parent = parent
        self.sort_columns = {
            "code": OrgUnit.code,
            "name": OrgUnit.sort_key,
            "kind": OrgUnit.kind,
            "school_level": OrgUnit.school_level,
            "parent_name": parent.sort_key,
            "head_name": OrgUnit.head_name,
            "phone": OrgUnit.phone,
            "active": OrgUnit.active,
        }
        self.default_sort = "name"
        self.tie_breaker = OrgUnit.id

    def base(self) -> Select:
        parent = self._parent
        return select(
            OrgUnit.id,
            OrgUnit.code,
            OrgUnit.name,
            OrgUnit.kind,
            OrgUnit.school_level,
            parent.name.label("parent_name"),
            OrgUnit.head_name,
            OrgUnit.phone,
            OrgUnit.active,
        ).outerjoin(parent, parent.id == OrgUnit.parent_id)

    def count_statement(self, request: PageRequest) -> Select:
        return self._filter(select(func.count()).select_from(OrgUnit), request)

    def filtered(self, request: PageRequest) -> Select:
        return self._filter(self.base(), request)

    def _filter(self, statement: Select, request: PageRequest) -> Select:
        f = request.filters
        return _unit_filter(
            statement,
            request.text,
            f.get("kind"),
            f.get("level"),
            f.get("parent_id"),
            bool(f.get("include_inactive")),
        )
