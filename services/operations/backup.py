"""Backups and restore: SQLite's online backup API, rotation, verified restore.

A backup is a consistent copy taken while the database may be in use (never a
file copy of a live WAL database). ``backup --out`` writes the whole office in one
file (services.operations.archive: database, evidence files, the key sealed with a
passphrase); automatic copies in the data folder stay plain database copies, and
both kinds restore. Restore verifies everything first and keeps the current
database beside it before replacing anything. An office on a PostgreSQL server backs up
and restores through services.operations.server_backup (pg_dump inside the same archive);
``backup_to``, ``verify_backup`` and ``restore_office`` are the one entry for both.

One module (over 400 lines) because taking, verifying and restoring a backup must agree on
one file format and one order of steps (verify everything, keep the current database, then
replace); the archive format itself is ``services.operations.archive``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models import Setting
from models.db import (
    Database,
    alembic_config,
    backup_sqlite,
    data_dir_for,
    open_database,
    owner_only,
    resolve_url,
    sqlite_path,
)
from models.errors import EduDeskError, ValidationError
from services.accounts.office import has_office, office_info
from services.accounts.permissions import SYSTEM, Action, Actor, require, require_whole_office
from services.core.attachments import blob_path, stored_digests
from services.core.uow import UnitOfWork, now
from services.operations import archive, pgtools

KEEP_LATEST = 10
_log = logging.getLogger(__name__)
EXTERNAL_KEY = "backup.last_external"
REMINDER_DAYS = 7
SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"  # pg_dump --format=custom


@dataclass(frozen=True)
class BackupFile:
    path: Path
    size: int
    modified: dt.datetime


@dataclass(frozen=True)
class VerifiedBackup:
    path: Path
    office_code: str
    office_name: str
    revision: str
    office_id: str = ""
    kind: str = "sqlite"  # "sqlite": a plain database copy (older backups); "archive": the whole office;
    # "pgdump": the whole office on a server (services.operations.server_backup)
    key: str = "none"  # "included", "omitted", "in-database" or "none" (a plain copy never holds the key)
    key_note: str = ""
    evidence: int = 0


RESTORED_KEY_LABELS = {  # what became of the office key (RestoreOutcome.key), said after a restore
    "restored": "Khóa đơn vị đã được khôi phục từ bản sao lưu.",
    "already-here": "Khóa đơn vị trên máy này trùng với khóa trong bản sao lưu.",
    "kept-current": "Khóa đơn vị trên máy này khác khóa trong bản sao lưu; giữ nguyên khóa trên máy.",
    "not-in-backup": "Bản sao lưu không chứa khóa đơn vị.",
    "left-in-backup": "Khóa đơn vị chưa được khôi phục (cần mật khẩu sao lưu).",
    "in-database": "Khóa đơn vị (đã mã hóa) và minh chứng được khôi phục cùng cơ sở dữ liệu trên máy chủ.",
}


@dataclass(frozen=True)
class RestoreOutcome:
    verified: VerifiedBackup
    kept: Path | str | None  # the old database kept: a file, or a database's new name on the server
    evidence_written: int
    key: str  # "restored", "already-here", "kept-current", "not-in-backup", "in-database"
    dropped: tuple[str, ...] = ()  # older databases kept by earlier restores, dropped (on a server)


def _require_sqlite(db: Database) -> Path:
    if db.path is None:
        raise EduDeskError(
            "Cơ sở dữ liệu SQLite trong bộ nhớ không sao lưu được.",
            "An in-memory SQLite database cannot be backed up.",
        )
    return db.path


def copy_database(source: Path, target: Path) -> None:
    """Consistent copy through the online backup API, flushed to disk, readable by the owner only."""
    os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))  # the mode is set before any byte is written
    os.chmod(target, 0o600)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dest = sqlite3.connect(target)
    try:
        src.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
        src.close()
    with target.open("rb") as handle:
        os.fsync(handle.fileno())


PASSPHRASE_MIN = 8


def backup_to(db: Database, actor: Actor, out: Path, *, passphrase: str | None = None) -> VerifiedBackup:
    """``main.py backup --out F``: the whole office in one verified file, e.g. on a USB stick.

    Without a passphrase (the clerk left it empty) the office key is left out and the
    manifest says so: such a backup restores the data but the key must come from elsewhere.
    An office on a server needs none: its dump holds its key, sealed (services.sync.server_key).
    """
    require_whole_office(actor, Action.BACKUP, office_info(db).id if has_office(db) else "")
    source = _require_sqlite(db) if db.is_sqlite else None
    out = out.expanduser().resolve()
    if out.exists():
        raise ValidationError(
            f"Tệp {out} đã có; chọn tên khác để không ghi đè.",
            f"{out} exists; choose another name.",
            str(out),
        )
    if source is not None and out == source.resolve():
        raise ValidationError("Không thể sao lưu đè lên chính cơ sở dữ liệu.", "Cannot back up onto itself.")
    if passphrase is not None and len(passphrase) < PASSPHRASE_MIN:
        raise ValidationError(
            f"Mật khẩu sao lưu cần ít nhất {PASSPHRASE_MIN} ký tự.",
            f"The backup passphrase needs at least {PASSPHRASE_MIN} characters.",
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        _write_archive(db, source, out, passphrase)
    except (OSError, sqlite3.Error) as exc:  # a full or pulled USB stick: say so, leave no half copy
        out.unlink(missing_ok=True)
        raise EduDeskError(
            f"Không ghi được bản sao lưu vào {out} (ổ đĩa đầy hoặc không ghi được); "
            "cơ sở dữ liệu không bị ảnh hưởng.",
            f"The backup could not be written to {out} (disk full or not writable: {exc}); the database is intact.",
            str(out),
        ) from exc
    verified = _verified_copy(db, out)
    with UnitOfWork(db, actor) as uow:
        value = json.dumps({"at": now().isoformat(), "path": str(out)}, ensure_ascii=False)
        row = uow.session.get(Setting, EXTERNAL_KEY)
        if row is None:
            uow.session.add(Setting(key=EXTERNAL_KEY, value=value))
        else:
            row.value = value
        uow.audit("backup", "database", summary=f"{out} (khóa: {verified.key})")
    return verified


def _write_archive(db: Database, source: Path | None, out: Path, passphrase: str | None) -> None:
    if source is None:  # an office on a server: its key and evidence are in the dump
        from services.operations.server_backup import write_server_archive

        write_server_archive(db, out)
    else:
        _write_office_archive(db, source, out, passphrase)


def _verified_copy(db: Database, out: Path) -> VerifiedBackup:
    """The file just written, read back: intact and of this office (else removed)."""
    try:
        verified = verify_backup(out)
        if verified.office_id != office_info(db).id:
            raise _bad_backup(out, "mã đơn vị trong tệp không khớp đơn vị này", "its office id differs")
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return verified


def _write_office_archive(db: Database, source: Path, out: Path, passphrase: str | None) -> None:
    from services.sync import keys

    with tempfile.TemporaryDirectory(prefix="edudesk-backup-") as work:
        copy = Path(work) / archive.DATABASE
        copy_database(source, copy)
        office, revision = _office_of(copy)
        pem, sealed, print_, note = keys.private_key_pem(db), None, "", ""
        if pem is None:
            note = "Đơn vị chưa có khóa đồng bộ khi sao lưu."
        else:
            print_ = keys.own_key(db).fingerprint
            if passphrase is None:
                note = "Không có mật khẩu sao lưu: khóa đơn vị không được đưa vào bản này."
            else:
                sealed = archive.seal_key(pem, passphrase, office.get("id", ""))
        blobs = [blob_path(db, sha) for sha in stored_digests(db)]
        archive.write_archive(out, database=copy, blobs=blobs, office=office, revision=revision,
                              sealed_key=sealed, key_fingerprint=print_, key_note=note)  # fmt: skip


def _office_of(path: Path) -> tuple[dict, str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        office = conn.execute("SELECT value FROM settings WHERE key = 'office'").fetchone()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    info = json.loads(office[0]) if office else {}
    return {k: info.get(k, "") for k in ("id", "code", "name")}, revision[0] if revision else ""


def automatic_backup(db: Database, reason: str) -> Path | None:
    """A rotated copy in the data folder (on close, before imports and migrations).

    An office on a server gets a logical copy (``pg_dump``, custom format: the data, the
    office key and the evidence, which live in its database) in this PC's folder for it;
    without ``pg_dump`` on this PC the log says so and the import still runs in one
    transaction (a refused bundle changes nothing).
    """
    if db.path is None:
        return _server_copy(db, reason)
    if not db.path.exists():
        return None
    path = backup_sqlite(db.path, reason)
    rotate(path.parent)
    return path


def _server_copy(db: Database, reason: str) -> Path | None:
    from sqlalchemy.engine import make_url

    if pgtools.find_tool("pg_dump") is None or db.engine.dialect.name != "postgresql":
        _log.warning("no pg_dump on this PC: no copy of %s before %s", db.describe(), reason)
        return None
    folder = db.data_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{make_url(db.url).database}-{dt.datetime.now():%Y%m%d-%H%M%S-%f}-{reason}.pgdump"
    try:
        pgtools.dump(db.url, target, what="Không sao lưu được cơ sở dữ liệu trên máy chủ trước khi nhập; chưa nhập gì",
                     english="The server database could not be backed up first; nothing was imported")  # fmt: skip
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    owner_only(target)
    rotate(folder)
    return target


def daily_backup(db: Database, reason: str) -> Path | None:
    """An automatic copy unless one for ``reason`` was taken today: the state before the day's first
    import is kept, without copying the whole database again before every bundle (a district
    importing its schools' bundles one by one would copy it a thousand times)."""
    if not db.is_sqlite:
        return automatic_backup(db, reason)  # a server's copy: pg_dump before each import
    if db.path is None or not db.path.exists():
        return None
    today = dt.datetime.now().strftime("%Y%m%d")
    folder = backups_folder(db)
    if folder.is_dir() and any(folder.glob(f"{db.path.stem}-{today}-*-{reason}*.sqlite")):
        return None
    return automatic_backup(db, reason)


def list_backups(folder: Path) -> list[BackupFile]:
    """The copies in the rotation: complete SQLite files, and a server office's ``pg_dump`` copies
    (a partial or empty file is no backup)."""
    if not folder.exists():
        return []
    files = []
    for path in [*folder.glob("*.sqlite"), *folder.glob("*.pgdump")]:
        stat = path.stat()
        if path.name.startswith(".") or not _is_copy(path):
            continue
        files.append(BackupFile(path, stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime)))
    return sorted(files, key=lambda f: (f.modified, f.path.name), reverse=True)


def rotate(folder: Path, keep: int = KEEP_LATEST) -> list[Path]:
    """Keep the newest ``keep`` copies and the newest copy of every month; delete the rest."""
    files = list_backups(folder)
    keep_paths = {f.path for f in files[:keep]}
    months: set[tuple[int, int]] = set()
    for f in files:  # newest first: the first seen of a month is its newest
        month = (f.modified.year, f.modified.month)
        if month not in months:
            months.add(month)
            keep_paths.add(f.path)
    removed = [f.path for f in files if f.path not in keep_paths]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed + _clear_leftovers(folder)


STALE_SECONDS = 3600  # a partial file older than this belongs to a run that was killed


def _is_sqlite(path: Path) -> bool:
    return _starts_with(path, SQLITE_HEADER)


def _is_copy(path: Path) -> bool:
    return _starts_with(path, PG_DUMP_HEADER if path.suffix == ".pgdump" else SQLITE_HEADER)


def _starts_with(path: Path, header: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(header)) == header
    except OSError:
        return False


def _clear_leftovers(folder: Path) -> list[Path]:
    """Empty or partial copies a killed or disk-full run left (never one still being written)."""
    cutoff = dt.datetime.now().timestamp() - STALE_SECONDS
    removed = []
    for path in [*folder.glob(".*.partial"), *folder.glob("*.sqlite")]:
        try:
            stale = path.stat().st_mtime < cutoff
        except OSError:
            continue
        if (path.suffix == ".partial" and stale) or (path.suffix == ".sqlite" and stale and not _is_sqlite(path)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def backups_folder(db: Database) -> Path:
    return db.data_dir / "backups"


def external_backup_age(db: Database) -> dt.timedelta | None:
    """Time since the last copy with ``backup --out`` (None: never)."""
    with db.session() as session:
        row = session.get(Setting, EXTERNAL_KEY)
    if row is None:
        return None
    return now() - dt.datetime.fromisoformat(json.loads(row.value)["at"])


def needs_external_backup(db: Database) -> bool:
    age = external_backup_age(db)
    return age is None or age > dt.timedelta(days=REMINDER_DAYS)


def _bad_backup(path: Path, why: str, english: str) -> EduDeskError:
    return ValidationError(
        f"Tệp {path} không dùng để khôi phục được: {why}.",
        f"{path} cannot be restored: {english}.",
        str(path),
    )


def verify_backup(path: Path) -> VerifiedBackup:
    """Read-only checks of a backup (a whole-office file or an older plain database copy)."""
    if not path.is_file():
        raise _bad_backup(path, "không tìm thấy tệp", "file not found")
    if not archive.is_archive(path):
        return _verify_sqlite(path)
    with tempfile.TemporaryDirectory(prefix="edudesk-verify-") as work:
        return _verify_archive(path, Path(work) / archive.DATABASE)[0]


def _verify_archive(path: Path, db_copy: Path) -> tuple[VerifiedBackup, archive.Manifest]:
    """Every member against the manifest, then the database (extracted to ``db_copy``) itself."""
    manifest = archive.read_manifest(path)
    if manifest.database == archive.PG_DUMP:
        from services.operations.server_backup import verify_dump

        return verify_dump(path, manifest, db_copy.with_name(archive.PG_DUMP)), manifest
    archive.extract(path, archive.DATABASE, db_copy)
    inner = _verify_sqlite(db_copy)
    if inner.office_id != manifest.office.get("id") or inner.revision != manifest.revision:
        raise _bad_backup(
            path, "mục lục không khớp cơ sở dữ liệu bên trong", "the manifest does not match the database"
        )
    verified = VerifiedBackup(path, inner.office_code, inner.office_name, inner.revision, inner.office_id,
                              "archive", manifest.key, manifest.key_note,
                              len(archive.blob_names(manifest)))  # fmt: skip
    return verified, manifest


def _verify_sqlite(path: Path) -> VerifiedBackup:
    """Read-only checks of a copy: SQLite, intact, an EduDesk database this version can open."""
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise _bad_backup(path, "không phải cơ sở dữ liệu SQLite", "not a SQLite database")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = office = None
            if {"alembic_version", "settings"} <= tables:
                revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                office = conn.execute("SELECT value FROM settings WHERE key = 'office'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _bad_backup(path, f"tệp bị hỏng ({exc})", f"damaged ({exc})") from exc
    if result != ["ok"]:
        raise _bad_backup(path, "kiểm tra toàn vẹn phát hiện lỗi", "the integrity check found damage")
    if revision is None or office is None:
        raise _bad_backup(path, "không phải cơ sở dữ liệu EduDesk", "not an EduDesk database")
    _check_revision(path, revision[0])
    info = json.loads(office[0])
    return VerifiedBackup(path, info.get("code", ""), info.get("name", ""), revision[0], info.get("id", ""))


def _check_revision(path: Path, revision: str) -> None:
    """Refuse a backup whose schema this EduDesk does not know (a newer one wrote it)."""
    from alembic.script import ScriptDirectory  # alembic costs half a second: only for a restore
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(revision)
    except CommandError as exc:
        raise _bad_backup(path, "do phiên bản EduDesk mới hơn tạo ra", "written by a newer EduDesk") from exc


def restore(
    target: str | None, source: Path, actor: Actor = SYSTEM
) -> tuple[VerifiedBackup, Path | str | None]:
    """Replace the database at ``target`` by a verified copy of ``source`` (the GUI's and older callers')."""
    outcome = restore_office(target, source, actor, key_optional=True)  # no one to ask a passphrase
    return outcome.verified, outcome.kept


def restore_office(
    target: str | None,
    source: Path,
    actor: Actor = SYSTEM,
    *,
    passphrase: Callable[[], str | None] | None = None,
    other_office: bool = False,
    key_optional: bool = False,
) -> RestoreOutcome:
    """Database, evidence files and office key from a backup, everything verified before any write.

    Works even when the current database is damaged (it is never opened); it is
    moved aside, with its WAL files, and its new name is returned. ``passphrase`` is
    asked only when the key must come out of the backup; with ``key_optional`` and no
    passphrase the key stays in the backup (a later export then says the key is missing).
    """
    require(actor, Action.RESTORE)
    url = resolve_url(target)
    path = sqlite_path(url)
    source = source.expanduser().resolve()
    if path is None:  # an office on a server: its key and evidence come back with the database
        from services.operations.server_backup import restore_server

        return restore_server(url, source, other_office=other_office)
    if not source.is_file():
        raise _bad_backup(source, "không tìm thấy tệp", "file not found")
    data_dir = data_dir_for(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    incoming = path.with_name(f".{path.name}.restoring")
    incoming.unlink(missing_ok=True)
    try:
        if archive.is_archive(source):
            verified, manifest = _verify_archive(source, incoming)
        else:
            verified, manifest = verify_backup(source), None
        if verified.kind == "pgdump":
            raise _bad_backup(source, "đây là bản sao lưu của đơn vị trên máy chủ PostgreSQL, chỉ khôi phục vào "
                              "máy chủ được", "it is a PostgreSQL office's backup and restores into a server only")  # fmt: skip
        _refuse_other_office(_current_office(path), verified, other_office)
        pem, key_state = _key_to_restore(data_dir, verified, manifest, passphrase, key_optional)
        if manifest is None:
            copy_database(verified.path, incoming)
        written = _write_evidence(source, manifest, data_dir / "blobs") if manifest else 0
        if pem is not None:
            _install_key(data_dir, pem)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    kept = _move_aside(path)
    os.replace(incoming, path)
    restored = open_database(str(path))  # upgrades an older copy (after its own backup)
    try:  # a new life: peers' acknowledgements of the old one no longer hold (services.sync.incarnation)
        from services.sync.incarnation import renew

        renew(restored)
    finally:
        restored.dispose()
    return RestoreOutcome(verified, kept, written, key_state)


def _current_office(path: Path) -> dict | None:
    """The office of the database now at ``path``; None when absent or unreadable (damaged)."""
    if not path.is_file():
        return None
    try:
        return _office_of(path)[0]
    except (sqlite3.Error, ValueError, TypeError):
        return None


def _refuse_other_office(current: dict | None, verified: VerifiedBackup, other_office: bool) -> None:
    if other_office or current is None or not current.get("id") or not verified.office_id:
        return
    if current["id"] != verified.office_id:
        raise ValidationError(
            f"Bản sao lưu {verified.path} là của {verified.office_name} ({verified.office_code}), không phải của "
            f"{current.get('name', '')} ({current.get('code', '')}) đang dùng ở đây; chưa khôi phục gì. "
            "Nếu thật sự muốn thay bằng dữ liệu đơn vị khác, chạy lại với --other-office.",
            f"{verified.path} belongs to {verified.office_code}, not to {current.get('code', '')} here; "
            "nothing was restored. Use --other-office to replace it anyway.",
            str(verified.path),
        )


def _key_to_restore(
    data_dir: Path, verified: VerifiedBackup, manifest: archive.Manifest | None,
    passphrase: Callable[[], str | None] | None, key_optional: bool = False,
) -> tuple[bytes | None, str]:  # fmt: skip
    """The key's PEM to write (or None) and what happens to the key, decided before any write."""
    from services.sync import keys

    if manifest is None or manifest.key != "included":
        return None, "not-in-backup"
    here = data_dir / "keys" / keys.KEY_FILE
    if here.is_file():
        current = keys.fingerprint(keys.load_private_pem(here.read_bytes()).public_key())
        return None, "already-here" if current == manifest.key_fingerprint else "kept-current"
    secret = passphrase() if passphrase else None
    if not secret and key_optional:
        return None, "left-in-backup"
    if not secret:
        raise ValidationError(
            "Bản sao lưu chứa khóa đơn vị, cần mật khẩu sao lưu (đặt EDUDESK_BACKUP_PASSPHRASE hoặc nhập khi "
            "được hỏi); chưa khôi phục gì.",
            "The backup holds the office key and needs its passphrase; nothing was restored.",
        )
    pem = archive.open_key(archive.read_member(verified.path, archive.KEY), secret, verified.office_id)
    if keys.fingerprint(keys.load_private_pem(pem).public_key()) != manifest.key_fingerprint:
        raise _bad_backup(
            verified.path, "khóa bên trong không khớp mục lục", "the key does not match the manifest"
        )
    return pem, "restored"


def _write_evidence(source: Path, manifest: archive.Manifest, folder: Path) -> int:
    """Missing evidence files into the store (content-addressed: a present file is already right)."""
    written = 0
    for name in archive.blob_names(manifest):
        sha = name.removeprefix("blobs/")
        final = folder / sha[:2] / sha
        if final.is_file():
            continue
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.with_name(f".incoming-{sha}")
        try:
            archive.extract(source, name, temp)
            os.replace(temp, final)
        finally:
            temp.unlink(missing_ok=True)
        written += 1
    return written


def _install_key(data_dir: Path, pem: bytes) -> None:
    from services.sync import keys

    keys.write_private_key(data_dir / "keys" / keys.KEY_FILE, keys.load_private_pem(pem))


def _move_aside(path: Path) -> Path | None:
    """Keep the current database in the backups folder while it stays at ``path``: the restored
    copy then replaces it in one atomic rename, so a killed restore never leaves no database."""
    if not path.exists():
        return None
    folder = data_dir_for(f"sqlite:///{path}") / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{path.stem}-{stamp}-truoc-khoi-phuc.sqlite"
    try:
        os.link(path, kept)
    except OSError:  # no hard links here (another file system): a copy of the bytes
        shutil.copy2(path, kept)
    for suffix in ("-wal", "-shm"):  # never left beside the restored copy, which they do not belong to
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    return kept
