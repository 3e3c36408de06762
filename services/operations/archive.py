"""The whole-office backup file: one zip holding the database, the evidence files and the key.

Members: ``database.sqlite`` (an online-backup copy) or, for an office on a server,
``database.pgdump`` (``pg_dump --format=custom``: its key and evidence live in the database,
so the dump holds them and no ``blobs/`` or ``key.enc`` member is written), ``blobs/<sha256>`` (content-addressed
evidence), ``key.enc`` (the office's private key sealed with the user's passphrase by
``services.core.sealing``, the office id as associated data) and ``manifest.json`` (office, schema
revision, SHA-256 and size of every member, whether the key is inside and why not).
Everything is checked against the manifest before a restore writes anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from models.errors import EduDeskError, ValidationError
from services.core import sealing

FORMAT = "edudesk-office-backup"
VERSION = 1
ZIP_MAGIC = b"PK\x03\x04"
DATABASE = "database.sqlite"
PG_DUMP = "database.pgdump"
KEY = "key.enc"
MANIFEST = "manifest.json"
MAX_MANIFEST = 64 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Manifest:
    office: dict
    revision: str
    members: dict[str, dict]
    key: str  # "included", "omitted" or "in-database" (a server office's dump holds its key)
    key_fingerprint: str
    key_note: str
    evidence: int = 0  # evidence files inside a server office's dump (not members of the zip)

    @property
    def database(self) -> str:
        """The member holding the database: ``DATABASE`` or ``PG_DUMP``."""
        return PG_DUMP if PG_DUMP in self.members else DATABASE


def is_archive(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(ZIP_MAGIC)) == ZIP_MAGIC


def _bad(path: Path, why: str, english: str) -> EduDeskError:
    return ValidationError(
        f"Tệp {path} không dùng để khôi phục được: {why}.",
        f"{path} cannot be restored: {english}.",
        str(path),
    )


# --- the key, sealed with a passphrase ---------------------------------------------------


def seal_key(pem: bytes, passphrase: str, office_id: str) -> bytes:
    return json.dumps(sealing.seal(pem, passphrase.encode("utf-8"), office_id)).encode()


def open_key(sealed: bytes, passphrase: str, office_id: str) -> bytes:
    try:
        return sealing.open_box(json.loads(sealed), passphrase.encode("utf-8"), office_id)
    except sealing.WrongPassphrase as exc:
        raise ValidationError(
            "Mật khẩu sao lưu không đúng; chưa khôi phục gì, dữ liệu hiện tại giữ nguyên.",
            "Wrong backup passphrase; nothing was restored, the current data is unchanged.",
        ) from exc
    except (sealing.DamagedBox, ValueError) as exc:
        raise ValidationError("Khóa trong bản sao lưu bị hỏng.", "The key in the backup is damaged.") from exc


# --- writing --------------------------------------------------------------------------


def _sha_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def write_archive(
    out: Path, *, database: Path, blobs: list[Path], office: dict, revision: str,
    sealed_key: bytes | None, key_fingerprint: str, key_note: str,
    database_name: str = DATABASE, key: str | None = None, evidence: int = 0,
) -> None:  # fmt: skip
    """The zip, written under a temporary name beside ``out`` then renamed (no half backup)."""
    temp = out.with_name(f".{out.name}.writing")
    members: dict[str, dict] = {}
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
        os.chmod(temp, 0o600)
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            for name, path in [(database_name, database)] + [(f"blobs/{p.name}", p) for p in blobs]:
                sha, size = _sha_file(path)
                members[name] = {"sha256": sha, "size": size}
                zf.write(path, name)
            if sealed_key is not None:
                zf.writestr(KEY, sealed_key)
                members[KEY] = {"sha256": hashlib.sha256(sealed_key).hexdigest(), "size": len(sealed_key)}
            manifest = {"format": FORMAT, "version": VERSION, "office": office, "revision": revision,
                        "key": key or ("included" if sealed_key is not None else "omitted"),
                        "key_fingerprint": key_fingerprint, "key_note": key_note, "members": members}  # fmt: skip
            if database_name == PG_DUMP:
                manifest["evidence"] = evidence
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


# --- reading --------------------------------------------------------------------------


def read_manifest(path: Path) -> Manifest:
    """The manifest, and every member's size and SHA-256 checked against it (streamed)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(MANIFEST)
            if info.file_size > MAX_MANIFEST:
                raise _bad(path, "mục lục quá lớn", "the manifest is too large")
            data = json.loads(zf.read(MANIFEST))
            if data.get("format") != FORMAT or not isinstance(data.get("members"), dict):
                raise _bad(path, "không phải bản sao lưu EduDesk", "not an EduDesk backup")
            manifest = Manifest(data["office"], data["revision"], data["members"], data.get("key", "omitted"),
                                data.get("key_fingerprint", ""), data.get("key_note", ""),
                                int(data.get("evidence", 0)))  # fmt: skip
            names = set(zf.namelist()) - {MANIFEST}
            if names != set(manifest.members) or (DATABASE in names) == (PG_DUMP in names):
                raise _bad(
                    path,
                    "danh sách tệp bên trong không khớp mục lục",
                    "its members do not match the manifest",
                )
            for name, expected in manifest.members.items():
                _check_member(path, zf, name, expected)
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, OSError) as exc:
        if isinstance(exc, EduDeskError):
            raise
        raise _bad(path, f"tệp nén bị hỏng ({exc})", f"the archive is damaged ({exc})") from exc
    return manifest


def _check_member(path: Path, zf: zipfile.ZipFile, name: str, expected: dict) -> None:
    if name.startswith(("/", "\\")) or ".." in name or (name.startswith("blobs/") and len(name) != 6 + 64):
        raise _bad(path, f"tên tệp bên trong không hợp lệ ({name[:80]})", f"invalid member name {name[:80]}")
    digest, size, limit = hashlib.sha256(), 0, int(expected["size"])
    with zf.open(name) as stream:  # bounded: never inflate past the size the manifest states
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                break
            digest.update(chunk)
    if size != limit or digest.hexdigest() != expected["sha256"]:
        raise _bad(
            path, f"tệp {name} bên trong đã bị thay đổi hoặc hỏng", f"member {name} is altered or damaged"
        )
    if name.startswith("blobs/") and name[6:] != expected["sha256"]:
        raise _bad(path, f"minh chứng {name} không khớp mã băm", f"evidence {name} does not match its digest")


def extract(path: Path, name: str, target: Path) -> None:
    """One member to ``target`` (owner-only), flushed."""
    os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    with zipfile.ZipFile(path) as zf, zf.open(name) as src, target.open("wb") as out:
        shutil.copyfileobj(src, out, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def read_member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def blob_names(manifest: Manifest) -> list[str]:
    return sorted(n for n in manifest.members if n.startswith("blobs/"))
