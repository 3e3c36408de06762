"""Backups and restore: SQLite's online backup API, rotation, verified restore.

A backup is a consistent copy taken while the database may be in use (never a
file copy of a live WAL database). Restore verifies the copy first and keeps the
current database beside it before replacing anything.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util import CommandError

from models import Setting
from models.db import (
    Database,
    alembic_config,
    backup_sqlite,
    data_dir_for,
    open_database,
    resolve_url,
    sqlite_path,
)
from models.errors import EduDeskError, ValidationError
from services.permissions import SYSTEM, Action, Actor, require
from services.uow import UnitOfWork, now

KEEP_LATEST = 10
EXTERNAL_KEY = "backup.last_external"
REMINDER_DAYS = 7
SQLITE_HEADER = b"SQLite format 3\x00"


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


def _require_sqlite(db: Database) -> Path:
    if db.path is None:
        raise EduDeskError(
            "Sao lưu trong EduDesk chỉ dành cho tệp SQLite; với PostgreSQL hãy dùng pg_dump.",
            "EduDesk backs up SQLite files only; use pg_dump for PostgreSQL.",
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


def backup_to(db: Database, actor: Actor, out: Path) -> VerifiedBackup:
    """``main.py backup --out F``: a verified copy, e.g. on a USB stick."""
    require(actor, Action.BACKUP)
    source = _require_sqlite(db)
    out = out.expanduser().resolve()
    if out.exists():
        raise ValidationError(
            f"Tệp {out} đã có; chọn tên khác để không ghi đè.",
            f"{out} exists; choose another name.",
            str(out),
        )
    if out == source.resolve():
        raise ValidationError("Không thể sao lưu đè lên chính cơ sở dữ liệu.", "Cannot back up onto itself.")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        copy_database(source, out)
    except (OSError, sqlite3.Error) as exc:  # a full or pulled USB stick: say so, leave no half copy
        out.unlink(missing_ok=True)
        raise EduDeskError(
            f"Không ghi được bản sao lưu vào {out} (ổ đĩa đầy hoặc không ghi được); "
            "cơ sở dữ liệu không bị ảnh hưởng.",
            f"The backup could not be written to {out} (disk full or not writable: {exc}); the database is intact.",
            str(out),
        ) from exc
    verified = verify_backup(out)
    with UnitOfWork(db, actor) as uow:
        value = json.dumps({"at": now().isoformat(), "path": str(out)}, ensure_ascii=False)
        row = uow.session.get(Setting, EXTERNAL_KEY)
        if row is None:
            uow.session.add(Setting(key=EXTERNAL_KEY, value=value))
        else:
            row.value = value
        uow.audit("backup", "database", summary=str(out))
    return verified


def automatic_backup(db: Database, reason: str) -> Path | None:
    """A rotated copy in the data folder (on close, before imports and migrations)."""
    if db.path is None or not db.path.exists():
        return None
    path = backup_sqlite(db.path, reason)
    rotate(path.parent)
    return path


def list_backups(folder: Path) -> list[BackupFile]:
    if not folder.exists():
        return []
    files = []
    for path in folder.glob("*.sqlite"):
        stat = path.stat()
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
    """Read-only checks of a copy: SQLite, intact, an EduDesk database this version can open."""
    if not path.is_file():
        raise _bad_backup(path, "không tìm thấy tệp", "file not found")
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
    try:
        ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(revision[0])
    except CommandError as exc:
        raise _bad_backup(path, "do phiên bản EduDesk mới hơn tạo ra", "written by a newer EduDesk") from exc
    info = json.loads(office[0])
    return VerifiedBackup(path, info.get("code", ""), info.get("name", ""), revision[0])


def restore(target: str | None, source: Path, actor: Actor = SYSTEM) -> tuple[VerifiedBackup, Path | None]:
    """Replace the database at ``target`` by a verified copy of ``source``.

    Works even when the current database is damaged (it is never opened); it is
    moved aside, with its WAL files, and its new name is returned.
    """
    require(actor, Action.RESTORE)
    url = resolve_url(target)
    path = sqlite_path(url)
    if path is None:
        raise EduDeskError("Chỉ khôi phục được vào tệp SQLite.", "Restore works on SQLite files only.")
    verified = verify_backup(source.expanduser().resolve())
    path.parent.mkdir(parents=True, exist_ok=True)
    incoming = path.with_name(f".{path.name}.restoring")
    incoming.unlink(missing_ok=True)
    copy_database(verified.path, incoming)
    kept = _move_aside(path)
    os.replace(incoming, path)
    restored = open_database(str(path))  # upgrades an older copy (after its own backup)
    try:  # a new life: peers' acknowledgements of the old one no longer hold (services.sync.incarnation)
        from services.sync.incarnation import renew

        renew(restored)
    finally:
        restored.dispose()
    return verified, kept


def _move_aside(path: Path) -> Path | None:
    if not path.exists():
        return None
    folder = data_dir_for(f"sqlite:///{path}") / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{path.stem}-{stamp}-truoc-khoi-phuc.sqlite"
    os.replace(path, kept)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    return kept
