"""Keys and trust: the office's Ed25519 key pair and the peers it exchanges bundles with.

The private key is a PEM file in the data folder, created readable by its owner only
(0600 in a 0700 folder); an office on a database server keeps it in the database,
sealed under the office key passphrase (services.sync.server_key), so every clerk's PC
signs with the one key its peers trust and a copy of the server's tables cannot. The
public key travels in setup bundles. Fingerprints are shown in short groups (``3F2A 91C0 …``)
so two people can compare them by phone.
A peer's key can be revoked (its bundles are then refused) and replaced.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OrgUnit, Peer, Setting
from models.db import Database, default_data_dir
from models.errors import EduDeskError, NotFound, ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork, now
from services.sync import server_key, setup_code

KEY_FILE = "office-ed25519.pem"


@dataclass(frozen=True)
class OwnKey:
    public_key: str  # base64 of the 32 raw bytes
    fingerprint: str
    path: Path
    new_passphrase: str = ""  # an office key passphrase just made for a server office: show it once


@dataclass(frozen=True)
class PeerRow:
    office_id: str
    code: str
    name: str
    fingerprint: str
    revoked: bool
    added_at: dt.datetime
    last_sent_seq: int
    last_sent_at: dt.datetime | None
    last_received_seq: int
    last_received_at: dt.datetime | None
    acked_seq: int


def key_path(db: Database) -> Path:
    return db.data_dir / "keys" / KEY_FILE


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def encode_public(key: Ed25519PublicKey) -> str:
    return base64.b64encode(raw_public(key)).decode("ascii")


def decode_public(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
        if len(raw) != 32:
            raise ValueError(len(raw))
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error, UnicodeEncodeError, AttributeError) as exc:
        raise ValidationError("Khóa công khai không hợp lệ.", "Invalid public key.", "public_key") from exc


def fingerprint(public_key: str | Ed25519PublicKey) -> str:
    """SHA-256 of the raw key, 20 hex digits in five groups of four (80 bits)."""
    key = decode_public(public_key) if isinstance(public_key, str) else public_key
    digest = hashlib.sha256(raw_public(key)).hexdigest().upper()[:20]
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))


def private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def load_private_pem(data: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise ValidationError("Khóa bí mật không đọc được.", "The private key cannot be read.") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ValidationError("Khóa bí mật không phải Ed25519.", "The private key is not Ed25519.")
    return key


def write_private_key(path: Path, key: Ed25519PrivateKey) -> None:
    server_key.write_secret(path, private_pem(key))


def private_key_pem(db: Database) -> bytes | None:
    """The office key's PEM wherever it lives (None: the office has none yet).

    On a server it is opened with this PC's passphrase: a PC without it is told how to unlock.
    """
    if db.is_sqlite:
        path = key_path(db)
        return path.read_bytes() if path.is_file() else None
    _adopt_legacy_file(db)
    return server_key.read_pem(db)


def _adopt_legacy_file(db: Database) -> None:
    """Where EduDesk kept a server office's key before it lived in the database."""
    legacy = default_data_dir() / "keys" / KEY_FILE
    if server_key.stored_key(db) is None and legacy.is_file() and _has_peers(db):
        store_private_key(db, load_private_pem(legacy.read_bytes()))


def _has_peers(db: Database) -> bool:
    with db.session() as session:
        return session.scalars(select(Peer.office_id).limit(1)).first() is not None


def store_private_key(db: Database, key: Ed25519PrivateKey, office_id: str | None = None,
                      session: Session | None = None) -> str | None:  # fmt: skip
    """Keep the office key with the office: beside its file, or sealed in its server database.

    Returns the office key passphrase when one was made for a server office (shown once).
    """
    if db.is_sqlite:
        write_private_key(key_path(db), key)
        return None
    return server_key.write(db, private_pem(key), encode_public(key.public_key()), office_id, session)


def has_private_key(db: Database) -> bool:
    """Whether the office has a key (on a server: whether this PC can open it is another question)."""
    if db.is_sqlite:
        return key_path(db).is_file()
    _adopt_legacy_file(db)
    return server_key.stored_key(db) is not None


def load_private_key(db: Database) -> Ed25519PrivateKey:
    path = key_path(db)
    pem = private_key_pem(db)
    if pem is None:
        raise EduDeskError(
            "Đơn vị chưa có khóa đồng bộ; hãy tạo khóa (hoặc khởi tạo từ gói khởi tạo).",
            "This office has no sync key yet; create one (or set up from a setup bundle).",
            str(path),
        )
    return load_private_pem(pem)


def ensure_keypair(db: Database, seed: bytes | None = None) -> OwnKey:
    """The office's key, created on first use (``seed``: 32 bytes, for the demo only).

    Once peers know this office, a missing key is never replaced silently: they would
    refuse every bundle signed by a new one. The person is told and re-keys knowingly.
    """
    if not has_private_key(db):
        _refuse_silent_rekey(db, key_path(db))
        return _create_keypair(db, seed)
    return own_key(db)


def signing_key(db: Database) -> OwnKey:
    """The office's key, made if need be, and known to open here (before anything is written)."""
    mine = ensure_keypair(db)
    load_private_key(db)
    return mine


def _create_keypair(db: Database, seed: bytes | None = None, session: Session | None = None) -> OwnKey:
    key = Ed25519PrivateKey.from_private_bytes(seed) if seed else Ed25519PrivateKey.generate()
    made = store_private_key(db, key, session=session)
    public = encode_public(key.public_key())
    return OwnKey(public, fingerprint(public), key_path(db), made or "")


def _refuse_silent_rekey(db: Database, path: Path) -> None:
    with db.session() as session:
        known = session.scalars(select(Peer.code).order_by(Peer.code)).first()
    if known is None:
        return
    raise EduDeskError(
        f"Không tìm thấy khóa đồng bộ của đơn vị ({path}), trong khi đơn vị {known} đã tin khóa cũ; "
        "EduDesk không tự tạo khóa mới. Hãy khôi phục khóa từ bản sao lưu (restore), "
        "hoặc tạo khóa mới bằng «keys --new-own-key» rồi gửi khóa mới cho các đơn vị kết nối.",
        f"The office's sync key is missing ({path}) while {known} trusts the old one; no new key is made "
        "silently. Restore it from a backup, or run «keys --new-own-key» and give peers the new key.",
        str(path),
    )


def own_key(db: Database) -> OwnKey:
    """The office's public key; on a server read beside the sealed key, so a locked PC shows it too."""
    stored = None
    if not db.is_sqlite:
        _adopt_legacy_file(db)
        stored = server_key.stored_key(db)
    if stored is not None and stored.public_key:
        public = stored.public_key
    else:  # a key file, or a plain PEM of an older version (no key at all: told so)
        public = encode_public(load_private_key(db).public_key())
    return OwnKey(public, fingerprint(public), key_path(db))


def replace_own_key(db: Database, actor: Actor) -> OwnKey:
    """A new key pair (the old file is kept beside it); peers must be given the new key."""
    require(actor, Action.MANAGE_KEYS)
    path = key_path(db)
    stamp = now().strftime("%Y%m%d-%H%M%S")
    if db.is_sqlite and path.is_file():
        os.replace(path, path.with_name(f"{path.stem}-cu-{stamp}.pem"))
    with UnitOfWork(db, actor) as uow:
        if not db.is_sqlite:
            server_key.retire_current(uow)
        key = _create_keypair(db, session=None if db.is_sqlite else uow.session)
        uow.audit("replace_key", "keys", summary=f"Khóa mới {key.fingerprint}")
    return key


def protect_own_key(db: Database, actor: Actor) -> str | None:
    """Seal every key a server office keeps in the clear (an older EduDesk's), retired ones too,
    in one transaction: a kill halfway leaves them all as they were, to be sealed again.

    Returns this PC's passphrase, grouped (made now if it had none); None: nothing to seal.
    """
    require(actor, Action.MANAGE_KEYS)
    if db.is_sqlite:
        return None
    with UnitOfWork(db, actor) as uow:
        keyed = uow.session.scalars(select(Setting).where(Setting.key.startswith(server_key.ROW, autoescape=True)))
        plain = [row for row in keyed if server_key.is_plain(row.value)]
        if not plain:
            return None
        office_id = server_key.office_of(db)
        passphrase, _made = server_key.sealing_passphrase(office_id)
        for row in plain:
            key = load_private_pem(row.value.encode("ascii"))
            row.value = server_key.sealed_value(private_pem(key), encode_public(key.public_key()), office_id,
                                                passphrase)  # fmt: skip
        uow.audit("protect_key", "keys", summary="Mã hóa khóa đồng bộ trên máy chủ")
    return setup_code.grouped(passphrase)


def sign(db: Database, data: bytes) -> bytes:
    return load_private_key(db).sign(data)


def signature_ok(public_key: str, signature: bytes, data: bytes) -> bool:
    try:
        decode_public(public_key).verify(signature, data)
    except (InvalidSignature, ValidationError):
        return False
    return True


# --- peers -----------------------------------------------------------------------------


def put_peer(
    session: Session, *, office_id: str, code: str, name: str, public_key: str, at: dt.datetime
) -> Peer:
    """Add a peer or give it a new key (a key that is replaced is trusted again)."""
    print_ = fingerprint(public_key)
    peer = session.get(Peer, office_id)
    if peer is None:
        peer = Peer(
            office_id=office_id, code=code, name=name, public_key=public_key, fingerprint=print_,
            revoked=False, added_at=at, last_sent_seq=0, last_received_seq=0, acked_seq=0, acked_rev="",
        )  # fmt: skip
        session.add(peer)
    else:
        peer.code, peer.name = code, name
        if peer.public_key != public_key:
            peer.public_key, peer.fingerprint, peer.revoked = public_key, print_, False
    return peer


def peer_by_code(session: Session, code: str) -> Peer:
    peer = session.scalars(select(Peer).where(Peer.code == code)).first()
    if peer is None:
        raise NotFound(
            f"Chưa có đơn vị kết nối mã {code}; hãy tạo gói khởi tạo hoặc thêm khóa của đơn vị đó.",
            f"No peer office with code {code}; create a setup bundle or add its key.",
            code,
        )
    return peer


def revoke_peer(db: Database, actor: Actor, code: str) -> None:
    """Refuse every later bundle signed by this peer's current key."""
    require(actor, Action.MANAGE_KEYS)
    with UnitOfWork(db, actor) as uow:
        peer = peer_by_code(uow.session, code)
        peer.revoked = True
        uow.audit("revoke_key", "peers", peer.office_id, summary=f"Thu hồi khóa {peer.fingerprint}")


def replace_peer_key(db: Database, actor: Actor, code: str, public_key: str) -> PeerRow:
    """Trust a new key for a peer (after comparing its fingerprint by phone)."""
    require(actor, Action.MANAGE_KEYS)
    decode_public(public_key)
    with UnitOfWork(db, actor) as uow:
        peer = peer_by_code(uow.session, code)
        if peer.revoked and peer.public_key == public_key:
            raise ValidationError(
                "Khóa này đã bị thu hồi; cần một khóa mới của đơn vị.",
                "This key was revoked; the office needs a new key.",
                code,
            )
        put_peer(uow.session, office_id=peer.office_id, code=peer.code, name=peer.name,
                 public_key=public_key, at=now())  # fmt: skip
        uow.audit("replace_peer_key", "peers", peer.office_id, summary=f"Khóa mới {fingerprint(public_key)}")
        uow.session.flush()
        return _peer_row(peer)


def trust_peer(db: Database, actor: Actor, code: str, public_key: str) -> PeerRow:
    """Add the unit with this code as a peer with this key (compared by phone first), or replace its key."""
    require(actor, Action.MANAGE_KEYS)
    decode_public(public_key)
    with db.session() as session:
        known = session.scalars(select(Peer).where(Peer.code == code)).first()
    if known is not None:
        return replace_peer_key(db, actor, code, public_key)
    with UnitOfWork(db, actor) as uow:
        unit = uow.session.scalars(
            select(OrgUnit).where(OrgUnit.code == code, OrgUnit.deleted.is_(False))
        ).first()
        if unit is None:
            raise NotFound(f"Không có đơn vị mã {code}.", f"No unit with code {code}.", code)
        if unit.id == uow.office_id:
            raise ValidationError("Không thêm chính đơn vị này.", "An office cannot be its own peer.", code)
        peer = put_peer(uow.session, office_id=unit.id, code=unit.code, name=unit.name, public_key=public_key,
                        at=now())  # fmt: skip
        uow.audit("trust_peer", "peers", unit.id, summary=f"Tin khóa {fingerprint(public_key)} của {code}")
        uow.session.flush()
        return _peer_row(peer)


def _peer_row(peer: Peer) -> PeerRow:
    return PeerRow(
        peer.office_id, peer.code, peer.name, peer.fingerprint, bool(peer.revoked), peer.added_at,
        peer.last_sent_seq or 0, peer.last_sent_at, peer.last_received_seq or 0, peer.last_received_at,
        peer.acked_seq or 0,
    )  # fmt: skip


def list_peers(db: Database) -> list[PeerRow]:
    with db.session() as session:
        return [_peer_row(p) for p in session.scalars(select(Peer).order_by(Peer.code))]
