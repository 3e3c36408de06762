"""The key of an office on a database server: in its database, sealed; the passphrase on each PC.

Every clerk's PC must sign with the one key the office's peers trust, so the key lives
with the office's data (a local-only settings row, never synchronised, in every dump of
the database). It is sealed (``services.core.sealing``) under the *office key passphrase*:
whoever reads the server's tables or a copy of its backups cannot sign as the office.
The passphrase is made with the key (16 characters in four groups, read aloud like a
setup code) and kept on each PC that signs, owner-only, in the user's data folder (or
given by ``EDUDESK_KEY_PASSPHRASE``); a PC without it is told where it was made and how
to enter it once. The public half is kept in the clear beside the box, so a locked PC
still shows the office's fingerprint.

A plain PEM row written by EduDesk before keys were sealed still opens;
``keys.protect_own_key`` (``keys --protect``) seals it.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from models import Setting
from models.db import Database, default_data_dir
from models.errors import EduDeskError, ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core import sealing
from services.core.uow import UnitOfWork, now
from services.sync import setup_code

ROW = "_office_key"  # settings row of the current key; retired ones get ``-cu-<time>`` after it
PASSPHRASE_ENV = "EDUDESK_KEY_PASSPHRASE"
FORMAT = "edudesk-sealed-office-key"
_PEM_START = "-----BEGIN"
_opened: dict[tuple[str, str], bytes] = {}  # (office id, box data) → PEM: scrypt once per process


@dataclass(frozen=True)
class StoredKey:
    public_key: str  # base64 of the raw public key ("" for a plain PEM: read from it)
    box: dict | None  # the sealed private key; None for a plain PEM of an older version
    pem: bytes | None  # that plain PEM
    made_on: str  # the PC whose clerk made the passphrase (a locked PC is told to ask it)


@dataclass(frozen=True)
class KeyState:
    stored: bool
    sealed: bool
    unlocked: bool  # this PC can sign (a plain row needs no passphrase)
    made_on: str


def office_of(db: Database) -> str:
    from services.accounts.office import office_info

    return office_info(db).id


def _damaged() -> EduDeskError:
    return EduDeskError(
        f"Khóa đồng bộ của đơn vị trên máy chủ bị hỏng (bảng settings, dòng {ROW}); "
        "hãy khôi phục từ bản sao lưu hoặc tạo khóa mới («keys --new-own-key»).",
        f"The office's sync key on the server is damaged (settings row {ROW}); "
        "restore a backup or make a new key («keys --new-own-key»).",
    )


def is_plain(value: str) -> bool:
    return value.startswith(_PEM_START)


def parse(value: str) -> StoredKey:
    if is_plain(value):
        return StoredKey("", None, value.encode("ascii"), "")  # its public half is read from the PEM
    try:
        data = json.loads(value)
        if data.get("format") != FORMAT or not sealing.well_formed(data.get("box")):
            raise ValueError(value[:40])
        return StoredKey(str(data["public_key"]), data["box"], None, str(data.get("made_on", "")))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _damaged() from exc


def _row_value(db: Database) -> str | None:
    with db.session() as session:
        row = session.get(Setting, ROW)
        return row.value if row is not None else None


# --- the passphrase on this PC ------------------------------------------------------------


def passphrase_path(office_id: str) -> Path:
    """One file per office: two offices on one PC never share a passphrase."""
    safe = "".join(c for c in office_id if c.isalnum() or c in "-_")
    return default_data_dir() / "keys" / f"office-{safe}.passphrase"


def passphrase_here(office_id: str) -> str | None:
    given = os.environ.get(PASSPHRASE_ENV, "").strip()
    if given:
        return given
    path = passphrase_path(office_id)
    return path.read_text("utf-8").strip() or None if path.is_file() else None


def write_secret(path: Path, data: bytes) -> None:
    """Atomically, owner-only (0600 in a 0700 folder): a crash never leaves a half-written secret."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
    try:
        os.chmod(temp, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _remember(office_id: str, passphrase: str) -> None:
    write_secret(passphrase_path(office_id), setup_code.normalise(passphrase).encode("ascii") + b"\n")


def sealing_passphrase(office_id: str) -> tuple[str, bool]:
    """The passphrase to seal this office's keys with, and whether it was made now. A new one is
    kept on this PC first: a kill before the sealed key is stored never leaves a key no PC can
    open (a passphrase without its key is harmless)."""
    passphrase = passphrase_here(office_id)
    if passphrase is not None:
        return passphrase, False
    made = setup_code.new_code()
    _remember(office_id, made)
    return made, True


# --- opening and sealing --------------------------------------------------------------------


def locked_error(made_on: str) -> EduDeskError:
    where = f" (tạo trên máy {made_on})" if made_on else ""
    where_en = f" (made on {made_on})" if made_on else ""
    return EduDeskError(
        "Khóa đồng bộ của đơn vị nằm trên máy chủ và đã được mã hóa; máy này chưa có mật khẩu khóa đơn vị"
        f"{where}. Người quản trị xem mật khẩu ở một máy đã mở khóa («keys --show-passphrase» hoặc nút "
        "«Mật khẩu khóa…» ở trang Đồng bộ), rồi nhập một lần ở máy này («keys --unlock» hoặc nút "
        "«Mở khóa trên máy này…»). Chưa ghi gì.",
        "The office's sync key is on the server, encrypted; this PC does not have the office key "
        f"passphrase{where_en}. An administrator reads it on a PC that has it («keys --show-passphrase» "
        "or «Mật khẩu khóa…» on the Sync page) and enters it once here («keys --unlock» or "
        "«Mở khóa trên máy này…»). Nothing was written.",
    )


def _wrong(typed: bool) -> ValidationError:
    if typed:
        return ValidationError(
            "Mật khẩu khóa đơn vị không đúng; máy này vẫn chưa mở khóa. Hãy nhập đúng 16 ký tự "
            "(ví dụ ABCD-EFGH-JKMN-PQRT).",
            "Wrong office key passphrase; this PC is still locked. Type the 16 characters "
            "(e.g. ABCD-EFGH-JKMN-PQRT).",
        )
    return ValidationError(
        "Mật khẩu khóa đơn vị lưu trên máy này không mở được khóa trên máy chủ (có thể khóa đã được thay "
        "ở máy khác). Hãy nhập mật khẩu mới («keys --unlock» hoặc nút «Mở khóa trên máy này…»). Chưa ghi gì.",
        "The office key passphrase kept on this PC does not open the key on the server (it may have been "
        "replaced on another PC). Enter the new passphrase («keys --unlock» or «Mở khóa trên máy này…»). "
        "Nothing was written.",
    )


def _open(stored: StoredKey, office_id: str, passphrase: str | None, typed: bool = False) -> bytes:
    if stored.pem is not None:
        return stored.pem
    assert stored.box is not None  # parse() gives one or the other
    if passphrase is None:
        raise locked_error(stored.made_on)
    memo = (office_id, f"{setup_code.normalise(passphrase)}\0{stored.box['data']}")
    if memo not in _opened:
        try:
            _opened[memo] = sealing.open_box(stored.box, setup_code.normalise(passphrase).encode(), office_id)
        except sealing.WrongPassphrase as exc:
            raise _wrong(typed) from exc
        except sealing.DamagedBox as exc:
            raise _damaged() from exc
    return _opened[memo]


def read_pem(db: Database) -> bytes | None:
    """The office key's PEM, opened with this PC's passphrase (None: the office has no key yet)."""
    value = _row_value(db)
    if value is None:
        return None
    stored = parse(value)
    office_id = office_of(db) if stored.box is not None else ""
    return _open(stored, office_id, passphrase_here(office_id) if office_id else None)


def stored_key(db: Database) -> StoredKey | None:
    value = _row_value(db)
    return parse(value) if value is not None else None


def sealed_value(pem: bytes, public_key: str, office_id: str, passphrase: str) -> str:
    box = sealing.seal(pem, setup_code.normalise(passphrase).encode(), office_id)
    return json.dumps({"format": FORMAT, "public_key": public_key, "made_on": socket.gethostname()[:64],
                       "box": box})  # fmt: skip


def write(db: Database, pem: bytes, public_key: str, office_id: str | None = None,
          session: Session | None = None) -> str | None:  # fmt: skip
    """Seal ``pem`` with this PC's passphrase (made here if it has none) and store it (in
    ``session``'s transaction when given: a replaced key and its retired copy land together).

    Returns the passphrase when one was made: the person must be shown it once.
    """
    office_id = office_id or office_of(db)
    passphrase, made = sealing_passphrase(office_id)
    value = sealed_value(pem, public_key, office_id, passphrase)
    if session is not None:
        _put(session, value)
    else:
        with db.session() as own, own.begin():
            _put(own, value)
    return passphrase if made else None


def _put(session: Session, value: str) -> None:
    row = session.get(Setting, ROW)
    if row is None:
        session.add(Setting(key=ROW, value=value))
    else:
        row.value = value


def retire_current(uow: UnitOfWork) -> None:
    """Keep the current row, as it is, under a dated name (a key is never thrown away)."""
    row = uow.session.get(Setting, ROW)
    if row is not None:
        uow.session.add(Setting(key=f"{ROW}-cu-{now():%Y%m%d-%H%M%S-%f}", value=row.value))


def state(db: Database) -> KeyState:
    stored = stored_key(db)
    if stored is None:
        return KeyState(False, False, False, "")
    if stored.box is None:
        return KeyState(True, False, True, "")
    office_id = office_of(db)
    try:
        _open(stored, office_id, passphrase_here(office_id))
    except EduDeskError:
        return KeyState(True, True, False, stored.made_on)
    return KeyState(True, True, True, stored.made_on)


# --- what a person does ---------------------------------------------------------------------


def unlock(db: Database, actor: Actor, passphrase: str) -> None:
    """Check the typed passphrase against the server's key, then keep it on this PC."""
    require(actor, Action.RUN_SYNC)
    stored = stored_key(db)
    if stored is None or stored.box is None:
        raise ValidationError(
            "Khóa của đơn vị chưa được mã hóa trên máy chủ; không cần mật khẩu.",
            "The office key is not encrypted on the server; no passphrase is needed.",
        )
    if len(setup_code.normalise(passphrase)) != setup_code.GROUPS * setup_code.GROUP_SIZE:
        raise _wrong(typed=True)
    office_id = office_of(db)
    _open(stored, office_id, passphrase, typed=True)
    _remember(office_id, passphrase)
    with UnitOfWork(db, actor) as uow:
        uow.audit("unlock_key", "keys", summary=f"Mở khóa đồng bộ trên máy {socket.gethostname()[:64]}")


def show_passphrase(db: Database, actor: Actor) -> str:
    """This PC's passphrase, grouped for reading aloud, once it is known to open the key."""
    require(actor, Action.MANAGE_KEYS)
    read_pem(db)  # a locked PC or a stale passphrase is told so
    passphrase = passphrase_here(office_of(db))
    if passphrase is None:
        raise ValidationError(
            "Khóa của đơn vị chưa được mã hóa; hãy mã hóa trước («keys --protect»).",
            "The office key is not encrypted yet; protect it first («keys --protect»).",
        )
    return setup_code.grouped(passphrase)

