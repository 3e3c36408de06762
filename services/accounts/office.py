"""The office this database belongs to: creating it, reading its identity and settings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select

from models import OrgUnit, Setting
from models.db import Database, drop_schema, open_database
from models.enums import Role, UnitKind
from models.errors import EduDeskError, ValidationError
from services.accounts import users
from services.accounts.permissions import SYSTEM, Action, Actor, require
from services.core.uow import OFFICE_KEY, UnitOfWork

PRINT_SETTINGS_KEY = "print"
LANGUAGE_KEY = "language"

_PARENT_KIND = {UnitKind.DISTRICT: UnitKind.PROVINCE, UnitKind.SCHOOL: UnitKind.DISTRICT}
OFFICE_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.SCHOOL)


@dataclass(frozen=True)
class OfficeInfo:
    id: str
    code: str
    name: str
    kind: UnitKind


@dataclass
class PrintSettings:
    """Header and signature fields of every printed document (PRINT_SPEC.md)."""

    parent_body: str = ""
    issuing_body: str = ""
    abbreviation: str = ""
    place: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)


def default_print_settings(name: str, kind: UnitKind, parent_name: str = "") -> PrintSettings:
    place = name.split("huyện")[-1].split("quận")[-1].strip() if kind == UnitKind.DISTRICT else ""
    if kind == UnitKind.DISTRICT:
        return PrintSettings(
            parent_body=f"UBND HUYỆN {place.upper()}" if place else parent_name.upper(),
            issuing_body="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            abbreviation="PGDĐT",
            place=place,
            signer_title="TRƯỞNG PHÒNG",
            recipients=["Như trên", "Lưu: VT"],
        )
    if kind == UnitKind.PROVINCE:
        return PrintSettings(
            parent_body=parent_name.upper(),
            issuing_body="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            abbreviation="SGDĐT",
            signer_title="GIÁM ĐỐC",
            recipients=["Như trên", "Lưu: VT"],
        )
    return PrintSettings(
        parent_body=parent_name.upper(),
        issuing_body=name.upper(),
        signer_title="HIỆU TRƯỞNG",
        recipients=["Như trên", "Lưu: VT"],
    )


def init_office(
    target: str | None,
    *,
    code: str,
    name: str,
    kind: UnitKind | str,
    admin_password: str,
    parent_code: str = "",
    parent_name: str = "",
    admin_username: str = "admin",
    admin_full_name: str = "Quản trị hệ thống",
    uow_options: dict[str, Any] | None = None,
) -> Database:
    """Create a new office database: its own unit, its parent, settings and the admin."""
    kind = UnitKind(kind)
    if kind not in OFFICE_KINDS:
        raise ValidationError("Loại đơn vị phải là province, district hoặc school.", "Invalid office kind.")
    code, name = code.strip(), " ".join(name.split())
    if not code or not name:
        raise ValidationError("Cần mã và tên đơn vị.", "An office code and name are required.")
    users.check_password_rules(admin_password, admin_username)
    db = open_database(target, create=True)
    try:
        with UnitOfWork(db, SYSTEM, **(uow_options or {})) as uow:
            office_id = uow.new_id()
            uow.set_office(office_id)
            parent_id = None
            if parent_code:
                parent_id = uow.new_id()
                uow.session.add(
                    OrgUnit(
                        id=parent_id,
                        code=parent_code,
                        name=parent_name or f"Đơn vị cấp trên ({parent_code})",
                        kind=_PARENT_KIND.get(kind, UnitKind.PROVINCE),
                    )
                )
                uow.session.flush()
            uow.session.add(OrgUnit(id=office_id, code=code, name=name, kind=kind, parent_id=parent_id))
            info = OfficeInfo(office_id, code, name, kind)
            uow.session.add(Setting(key=OFFICE_KEY, value=json.dumps({**asdict(info), "kind": kind.value})))
            settings = default_print_settings(name, kind, parent_name)
            uow.session.add(
                Setting(key=PRINT_SETTINGS_KEY, value=json.dumps(asdict(settings), ensure_ascii=False))
            )
            uow.session.add(Setting(key=LANGUAGE_KEY, value=json.dumps("vi")))
            users.add_user(
                uow,
                username=admin_username,
                full_name=admin_full_name,
                role=Role.ADMIN,
                password=admin_password,
                unit_id=office_id if kind == UnitKind.SCHOOL else None,
            )
            uow.audit("init", "office", office_id, summary=f"Khởi tạo đơn vị {code} - {name}")
    except BaseException:
        if db.path is None:  # a server database: no half-made office is left behind
            drop_schema(db)
        db.dispose()
        raise
    return db


def office_info(db: Database) -> OfficeInfo:
    with db.session() as session:
        row = session.get(Setting, OFFICE_KEY)
        if row is None:
            raise EduDeskError("Cơ sở dữ liệu chưa có đơn vị.", "The database has no office yet.")
        data = json.loads(row.value)
    return OfficeInfo(data["id"], data["code"], data["name"], UnitKind(data["kind"]))


def has_office(db: Database) -> bool:
    with db.session() as session:
        return session.get(Setting, OFFICE_KEY) is not None


def get_print_settings(db: Database) -> PrintSettings:
    with db.session() as session:
        row = session.get(Setting, PRINT_SETTINGS_KEY)
        return PrintSettings(**json.loads(row.value)) if row else PrintSettings()


def update_print_settings(db: Database, actor: Actor, settings: PrintSettings) -> PrintSettings:
    require(actor, Action.EDIT_SETTINGS)
    settings.recipients = [r.strip() for r in settings.recipients if r.strip()]
    for attr in ("issuing_body", "place", "signer_title"):
        if not getattr(settings, attr).strip():
            raise ValidationError(
                "Thiếu thông tin bắt buộc để in văn bản.", "A field required for printing is empty.", attr
            )
    with UnitOfWork(db, actor) as uow:
        _put_setting(uow, PRINT_SETTINGS_KEY, asdict(settings))
    return settings


def get_language(db: Database) -> str:
    with db.session() as session:
        row = session.get(Setting, LANGUAGE_KEY)
        return json.loads(row.value) if row else "vi"


def set_language(db: Database, actor: Actor, language: str) -> None:
    require(actor, Action.EDIT_SETTINGS)  # an office-wide setting, like the print settings
    if language not in ("vi", "en"):
        raise ValidationError("Ngôn ngữ phải là vi hoặc en.", "Language must be vi or en.", "language")
    with UnitOfWork(db, actor) as uow:
        _put_setting(uow, LANGUAGE_KEY, language)


def _user_language_key(username: str) -> str:
    return f"{LANGUAGE_KEY}.user.{username.strip().lower()}"[:64]


def get_user_language(db: Database, username: str) -> str:
    """The language this person chose, else the office's."""
    with db.session() as session:
        row = session.get(Setting, _user_language_key(username))
        return json.loads(row.value) if row else get_language(db)


def set_user_language(db: Database, actor: Actor, language: str) -> None:
    """Anyone chooses their own interface language; the office-wide one needs EDIT_SETTINGS."""
    if language not in ("vi", "en"):
        raise ValidationError("Ngôn ngữ phải là vi hoặc en.", "Language must be vi or en.", "language")
    with UnitOfWork(db, actor) as uow:
        _put_setting(uow, _user_language_key(actor.username), language)


def _put_setting(uow: UnitOfWork, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    row = uow.session.get(Setting, key)
    if row is None:
        uow.session.add(Setting(key=key, value=text))
        uow.audit("create", "settings", key, after={"value": value})
    else:
        row.value = text


def own_unit(db: Database) -> OrgUnit:
    info = office_info(db)
    with db.session() as session:
        unit = session.scalars(select(OrgUnit).where(OrgUnit.id == info.id)).one()
        session.expunge(unit)
        return unit
