"""Setup bundles: everything a new school needs, and creating its database from one.

The district writes ``setup-bundle --school CODE``: the school's identity and a new
key pair for it, the district's public key, the unit list, documents and tasks,
templates, rounds and the school's assignments. ``init --setup-bundle F`` verifies
it (signed by the district key it carries; the fingerprint is shown so the school
can compare it by phone) and creates the school's database with the same ids and
revisions, so both offices start equal. Issuing a new setup bundle replaces the
school's key: bundles signed with the old one are refused from then on.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from models import OrgUnit, ReceivedBundle, SentBundle, Setting
from models.db import Database, drop_schema, open_database
from models.enums import Role, UnitKind
from models.errors import EduDeskError, NotFound, ValidationError
from services.accounts import users
from services.accounts.office import (
    LANGUAGE_KEY,
    PRINT_SETTINGS_KEY,
    OfficeInfo,
    PrintSettings,
    default_print_settings,
    office_info,
)
from services.accounts.permissions import SYSTEM, Action, Actor, require
from services.core import attachments
from services.core.callbacks import ProgressCallback
from services.core.hlc import wall_clock_ms
from services.core.uow import OFFICE_KEY, UnitOfWork, now
from services.sync import keys, setup_code
from services.sync.apply import _apply_rows, _observe
from services.sync.bundle import (
    ExportResult,
    _check_out,
    _statement,
    _temp_beside,
    clock_mark,
    next_seq,
    setup_selection,
    write_bundle,
)
from services.sync.manifest import SETUP, Party
from services.sync.verify import VerifiedBundle, blob_stream, verify_setup_bundle

_CHILD_KIND = {UnitKind.DISTRICT: UnitKind.SCHOOL, UnitKind.PROVINCE: UnitKind.DISTRICT}


@dataclass(frozen=True)
class SetupResult(ExportResult):
    """A written setup bundle and the one-time code that opens the school's key (shown once, not stored)."""

    code: str = ""


def _child_unit(db: Database, me: OfficeInfo, code: str) -> OrgUnit:
    with db.session() as session:
        unit = session.scalars(select(OrgUnit).where(OrgUnit.code == code)).first()
        if unit is None or unit.deleted:
            raise NotFound(f"Không có đơn vị mã {code}.", f"No unit with code {code}.", code)
        if unit.parent_id != me.id or unit.kind != _CHILD_KIND.get(me.kind):
            raise ValidationError(
                f"{unit.name} không phải đơn vị cấp dưới trực tiếp của {me.name}.",
                f"{code} is not a direct child office of {me.code}.",
                code,
            )
        session.expunge(unit)
        return unit


def create_setup_bundle(
    db: Database, actor: Actor, school_code: str, out: Path, *, progress: ProgressCallback | None = None,
    code: str | None = None,
) -> SetupResult:
    """``setup-bundle --school CODE --out F``; the school's new key replaces any older one.

    The key travels sealed with a one-time code (``code``, else a new one) returned in the result.
    """
    require(actor, Action.RUN_SYNC)
    require(actor, Action.MANAGE_KEYS)
    me = office_info(db)
    school = _child_unit(db, me, school_code)
    mine = keys.signing_key(db)
    key = Ed25519PrivateKey.generate()
    public = keys.encode_public(key.public_key())
    code = code or setup_code.new_code()
    out = _check_out(out)
    temp = _temp_beside(out)
    try:
        with db.session() as session, session.begin():
            # the rows and the mark from one snapshot: writers commit in stamp order (the office's lock)
            seq, mark = next_seq(session, school.id), clock_mark(session)
            parent_name = me.name
            setup = {
                "office": {
                    "id": school.id,
                    "code": school.code,
                    "name": school.name,
                    "kind": school.kind.value,
                },
                "parent": {"id": me.id, "code": me.code, "name": me.name, "public_key": mine.public_key},
                "sealed_key": setup_code.seal(keys.private_pem(key), code, school.id),
                "print": asdict(default_print_settings(school.name, UnitKind(school.kind), parent_name)),
            }
            conditions = setup_selection(me.id, school.id)
            statements = {n: _statement(n, c, "", school.id) for n, c in conditions.items()}
            bundle_id = str(uuid.uuid4())
            manifest = {
                "bundle_id": bundle_id, "kind": "setup", "sender": Party(me.id, me.code, me.name),
                "sender_fingerprint": mine.fingerprint, "recipient": Party(school.id, school.code, school.name),
                "created_at": now().isoformat(), "seq": seq, "ack_seq": 0, "clock": mark,
            }  # fmt: skip
            extra = {SETUP: json.dumps(setup, ensure_ascii=False, sort_keys=True).encode()}
            written = write_bundle(session, db, temp, statements=statements, manifest=manifest, extra=extra,
                                   progress=progress)  # fmt: skip
        with UnitOfWork(db, actor) as uow:
            peer = keys.put_peer(uow.session, office_id=school.id, code=school.code, name=school.name,
                                 public_key=public, at=now())  # fmt: skip
            uow.session.flush()
            # a new start: the school holds exactly what this bundle carries
            peer.acked_seq, peer.acked_rev, peer.last_received_seq = 0, "", 0
            peer.last_sent_seq, peer.last_sent_at = seq, now()
            uow.session.add(SentBundle(bundle_id=bundle_id, peer_id=school.id, seq=seq, max_rev=mark,
                                       rows=written.records, created_at=now(), filename=out.name[:255]))  # fmt: skip
            uow.audit("setup_bundle", "peers", school.id,
                      summary=f"Gói khởi tạo cho {school.code}, khóa {keys.fingerprint(public)}")  # fmt: skip
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return SetupResult(out, school.code, seq, written.records, written.blobs, out.stat().st_size, bundle_id,
                       written.tables, code)  # fmt: skip


def describe_setup_bundle(path: Path) -> dict[str, Any]:
    """What a person checks before creating the database: who, and the key fingerprint."""
    bundle = verify_setup_bundle(path)
    setup = bundle.setup
    return {
        "office": setup["office"],
        "parent": {k: v for k, v in setup["parent"].items() if k != "public_key"},
        "parent_fingerprint": bundle.manifest.sender_fingerprint,
        "records": bundle.manifest.records,
    }


def init_from_setup_bundle(
    target: str | None,
    bundle_path: Path,
    admin_password: str,
    *,
    admin_username: str = "admin",
    code: str = "",
    clock: Callable[[], int] = wall_clock_ms,
    uow_options: dict[str, Any] | None = None,
) -> Database:
    """Create a new office database from its setup bundle (``init --setup-bundle F --code C``).

    The bundle and the code are checked before anything is written: a wrong code creates nothing.
    """
    users.check_password_rules(admin_password, admin_username)
    bundle = verify_setup_bundle(Path(bundle_path), clock=clock)
    private_key = keys.load_private_pem(open_setup_key(bundle, code))
    db = open_database(target, create=True)
    key_file = keys.key_path(db)
    had_key = db.is_sqlite and key_file.exists()  # a server office keeps its key in its new database
    try:
        if had_key:
            raise EduDeskError(
                f"Thư mục dữ liệu đã có khóa của một đơn vị ({key_file}); không ghi đè.",
                f"The data folder already holds an office key ({key_file}); not overwritten.",
                str(key_file),
            )
        _store_blobs(db, bundle)
        keys.store_private_key(db, private_key, bundle.setup["office"]["id"])
        _create(db, bundle, admin_username, admin_password, uow_options)
    except BaseException:
        db.dispose()
        _remove(db, None if had_key else key_file)
        raise
    return db


def open_setup_key(bundle: VerifiedBundle, code: str) -> bytes:
    """The school's private key (PEM) from a verified setup bundle, opened with the code read by phone."""
    pem = setup_code.open_sealed(bundle.setup["sealed_key"], code, bundle.setup["office"]["id"])
    try:
        keys.load_private_pem(pem)
    except EduDeskError as exc:  # sealed by a district that signed a broken key: same plain refusal
        raise setup_code.wrong_code() from exc
    return pem


def check_setup_code(path: Path, code: str) -> None:
    """Whether ``code`` opens the setup bundle's key (the first-run dialog asks before it starts)."""
    open_setup_key(verify_setup_bundle(Path(path)), code)


def _store_blobs(db: Database, bundle: VerifiedBundle) -> None:
    for sha in bundle.blobs:
        zf, stream = blob_stream(bundle, sha)
        try:
            attachments.store_stream(db, stream, name=sha)
        finally:
            stream.close()
            zf.close()


def _create(db: Database, bundle: VerifiedBundle, username: str, password: str,
            uow_options: dict[str, Any] | None) -> None:  # fmt: skip
    setup, manifest = bundle.setup, bundle.manifest
    office, parent = setup["office"], setup["parent"]
    with UnitOfWork(db, SYSTEM, **(uow_options or {})) as uow:
        uow.set_office(office["id"])
        at = now()
        peer = keys.put_peer(uow.session, office_id=parent["id"], code=parent["code"], name=parent["name"],
                             public_key=parent["public_key"], at=at)  # fmt: skip
        uow.session.flush()
        _observe(uow, bundle.records, manifest.clock)
        _apply_rows(uow, bundle.records, office["id"], peer, lambda: at)
        from services.register.arrivals import documents_arrived

        documents_arrived(uow, bundle.records)  # the parent's documents open the incoming register
        info = {"id": office["id"], "code": office["code"], "name": office["name"], "kind": office["kind"]}
        uow.session.add(Setting(key=OFFICE_KEY, value=json.dumps(info, ensure_ascii=False)))
        try:
            settings = asdict(PrintSettings(**setup["print"]))
        except TypeError:
            settings = asdict(
                default_print_settings(office["name"], UnitKind(office["kind"]), parent["name"])
            )
        uow.session.add(Setting(key=PRINT_SETTINGS_KEY, value=json.dumps(settings, ensure_ascii=False)))
        uow.session.add(Setting(key=LANGUAGE_KEY, value=json.dumps("vi")))
        users.add_user(uow, username=username, full_name="Quản trị hệ thống", role=Role.ADMIN,
                          password=password, unit_id=office["id"])  # fmt: skip
        peer.last_received_seq, peer.last_received_at = manifest.seq, at
        uow.session.add(ReceivedBundle(bundle_id=manifest.bundle_id, sha256=bundle.manifest_sha,
                                       peer_id=parent["id"], seq=manifest.seq, rows=manifest.records,
                                       imported_at=at, filename=bundle.path.name[:255]))  # fmt: skip
        uow.audit("init", "office", office["id"],
                  summary=f"Khởi tạo {office['code']} - {office['name']} từ gói của {parent['code']} "
                  f"(khóa {manifest.sender_fingerprint})")  # fmt: skip


def _remove(db: Database, key_file: Path | None) -> None:
    if key_file is not None:
        key_file.unlink(missing_ok=True)
    path = db.path
    if path is None:  # a server database: take back the tables this setup created
        drop_schema(db)
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
