"""``backup --out`` and ``restore`` for an office on a PostgreSQL server.

Such an office keeps its key (``settings._office_key``, sealed: services.sync.server_key) and its evidence (``stored_blobs``,
``blob_chunks``) in its database, so one ``pg_dump --format=custom`` holds all of it. The
dump goes into the same office archive as a SQLite backup (services.operations.archive,
member ``database.pgdump``): the manifest names the office and the schema revision and
holds the dump's SHA-256, so a file is checked, and its office known, without a server.

Restore verifies everything first (the archive, ``pg_restore --list``, the office), then
restores into a new database beside the target and swaps the two names in one transaction
(``ALTER DATABASE … RENAME``): a restore that fails halfway drops only the new database, and
the old one stays on the server under a name of its own (returned as ``kept``; the newest
``KEEP_BEFORE_RESTORE`` such databases are kept, older ones dropped). A new
database rather than a new schema because pg_restore writes every object into the schema
it was dumped from (``public``); a rename needs only CREATEDB (or ownership) and works on a
local ``-A trust`` server as on any other. Nobody may stay connected to the target while
the names are swapped: other sessions on it are ended first (EduDesk reconnects).
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from models.db import Database, current_revision, open_database
from models.errors import EduDeskError
from services.accounts.office import office_info
from services.core.attachments import stored_digests
from services.operations import archive, pgtools
from services.operations.backup import (
    RestoreOutcome,
    VerifiedBackup,
    _bad_backup,
    _check_revision,
    _refuse_other_office,
)

IN_DATABASE_NOTE = (
    "Khóa đơn vị (đã mã hóa bằng mật khẩu khóa đơn vị) và minh chứng nằm trong cơ sở dữ liệu máy chủ "
    "nên có trong bản sao lưu này; khôi phục trên máy khác thì cần mật khẩu khóa đơn vị để ký gói."
)
PLAIN_KEY_NOTE = (
    "Khóa đơn vị nằm trong cơ sở dữ liệu máy chủ CHƯA được mã hóa (bản EduDesk cũ): hãy giữ tệp cẩn thận "
    "như chính máy chủ, và mã hóa khóa bằng «keys --protect»."
)
_log = logging.getLogger(__name__)
NAME_MAX = 63  # PostgreSQL's identifier length
KEEP_BEFORE_RESTORE = 3  # databases kept by restores (the newest); a server's disk is not endless


# --- backup --------------------------------------------------------------------------


def write_server_archive(db: Database, out: Path) -> None:
    """The dump and the manifest in one archive at ``out`` (written beside it, then renamed)."""
    from services.sync import keys, server_key

    with tempfile.TemporaryDirectory(prefix="edudesk-backup-") as work:
        dump = Path(work) / archive.PG_DUMP
        pgtools.dump(db.url, dump, what="Không sao lưu được cơ sở dữ liệu trên máy chủ; chưa ghi tệp nào",
                     english="The server database could not be backed up; no file was written")  # fmt: skip
        info = office_info(db)
        stored = server_key.stored_key(db) if keys.has_private_key(db) else None
        print_ = keys.own_key(db).fingerprint if stored is not None else ""
        note = ("Đơn vị chưa có khóa đồng bộ khi sao lưu." if stored is None
                else PLAIN_KEY_NOTE if stored.pem is not None else IN_DATABASE_NOTE)  # fmt: skip
        archive.write_archive(out, database=dump, blobs=[], office={"id": info.id, "code": info.code, "name": info.name},
                              revision=current_revision(db.engine) or "", sealed_key=None, key_fingerprint=print_,
                              key_note=note, database_name=archive.PG_DUMP,
                              key="in-database" if stored is not None else "omitted",
                              evidence=len(stored_digests(db)))  # fmt: skip


def verify_dump(path: Path, manifest: archive.Manifest, dump: Path) -> VerifiedBackup:
    """The archive's dump (extracted to ``dump``) lists with pg_restore and holds an EduDesk office."""
    archive.extract(path, archive.PG_DUMP, dump)
    listing = pgtools.run("pg_restore", ["--list", str(dump)], None,
                          what=f"Tệp {path} không dùng để khôi phục được: bản kết xuất bên trong không đọc được",
                          english=f"{path} cannot be restored: the dump inside is unreadable").stdout  # fmt: skip
    if "TABLE DATA public settings" not in listing or "TABLE DATA public alembic_version" not in listing:
        raise _bad_backup(
            path, "bản kết xuất không phải cơ sở dữ liệu EduDesk", "the dump is not an EduDesk database"
        )
    _check_revision(path, manifest.revision)
    office = manifest.office
    return VerifiedBackup(path, office.get("code", ""), office.get("name", ""), manifest.revision,
                          office.get("id", ""), "pgdump", manifest.key, manifest.key_note,
                          manifest.evidence)  # fmt: skip


# --- restore -------------------------------------------------------------------------


def restore_server(url: str, source: Path, *, other_office: bool = False) -> RestoreOutcome:
    """Everything verified, then restored beside the target and swapped in (see the module)."""
    with tempfile.TemporaryDirectory(prefix="edudesk-restore-") as work:
        verified, dump = _verified(source, Path(work))
        _refuse_other_office(_current_office(url), verified, other_office)
        fresh = _restore_beside(url, dump)
    kept = _swap_in(url, fresh)
    dropped = _drop_older_kept(url, kept)
    restored = open_database(url)  # upgrades an older copy
    try:  # a new life: peers' acknowledgements of the old one no longer hold (services.sync.incarnation)
        from services.sync.incarnation import renew

        renew(restored)
    finally:
        restored.dispose()
    key = "in-database" if verified.key == "in-database" else "not-in-backup"
    return RestoreOutcome(verified, kept, verified.evidence, key, dropped)


def _verified(source: Path, work: Path) -> tuple[VerifiedBackup, Path]:
    if not source.is_file():
        raise _bad_backup(source, "không tìm thấy tệp", "file not found")
    manifest = archive.read_manifest(source) if archive.is_archive(source) else None
    if manifest is None or manifest.database != archive.PG_DUMP:
        raise _bad_backup(
            source,
            "đây là bản sao lưu của một tệp SQLite, chỉ khôi phục vào tệp SQLite được",
            "it is a backup of a SQLite office and restores into a SQLite file only",
        )
    dump = work / archive.PG_DUMP
    return verify_dump(source, manifest, dump), dump


def _current_office(url: str) -> dict | None:
    """The office of the database now at ``url``; None when it is absent, empty or unreadable."""
    import json

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT value FROM settings WHERE key = 'office'")).first()
        return json.loads(row[0]) if row else None
    except (SQLAlchemyError, ValueError):
        return None
    finally:
        engine.dispose()


@contextmanager
def _maintenance(url: str, *, autocommit: bool = True) -> Iterator[Connection]:
    """A connection to another database of the same server (CREATE and DROP need AUTOCOMMIT; the
    swap is one transaction, committed on leaving)."""
    target = make_url(url).database
    other = "template1" if target == "postgres" else "postgres"
    engine = create_engine(make_url(url).set(database=other), poolclass=NullPool,
                           isolation_level="AUTOCOMMIT" if autocommit else "READ COMMITTED")  # fmt: skip
    try:
        with engine.connect() as conn:
            yield conn
            if not autocommit:
                conn.commit()
    finally:
        engine.dispose()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _restore_beside(url: str, dump: Path) -> str:
    """The dump restored into a new database of the target's server; its name."""
    target = make_url(url).database or ""
    fresh = f"{target[: NAME_MAX - 20]}_restoring_{uuid.uuid4().hex[:8]}"
    try:
        with _maintenance(url) as conn:
            conn.execute(text(f"CREATE DATABASE {_quoted(fresh)} TEMPLATE template0"))
    except SQLAlchemyError as exc:
        raise _server_error(
            "không tạo được cơ sở dữ liệu mới trên máy chủ", "could not create a database", exc
        ) from exc
    try:
        pgtools.run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                   f"--dbname={pgtools.libpq_url(url, fresh)}", str(dump)], url,
                    what="Không khôi phục được; dữ liệu hiện tại giữ nguyên",
                    english="The restore failed; the current data is unchanged")  # fmt: skip
    except BaseException:
        _drop(url, fresh)
        raise
    return fresh


_KEPT = "_truoc_khoi_phuc_"
# The server's clock, to the microsecond (20 digits): two restores in one second keep two names,
# and a PC whose clock is a day off never names its copy older than the ones before it.
_STAMP = "SELECT to_char(clock_timestamp(), 'YYYYMMDDHH24MISSUS')"


def _kept_prefix(url: str) -> str:
    return f"{(make_url(url).database or '')[: NAME_MAX - len(_KEPT) - 20]}{_KEPT}"


def _swap_in(url: str, fresh: str) -> str | None:
    """``fresh`` takes the target's name in one transaction; the old database's new name (None: none)."""
    target = make_url(url).database or ""
    try:
        _end_sessions(url, target)
        with _maintenance(url, autocommit=False) as conn:  # both renames or neither
            kept = f"{_kept_prefix(url)}{conn.scalar(text(_STAMP))}"
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target}).first()
            if exists:
                conn.execute(text(f"ALTER DATABASE {_quoted(target)} RENAME TO {_quoted(kept)}"))
            conn.execute(text(f"ALTER DATABASE {_quoted(fresh)} RENAME TO {_quoted(target)}"))
    except SQLAlchemyError as exc:
        _drop(url, fresh)
        raise _server_error("không đổi được tên cơ sở dữ liệu (còn người đang kết nối?)",
                            "could not swap the database names (still in use?)", exc) from exc  # fmt: skip
    return kept if exists else None


def _drop_older_kept(url: str, just_kept: str | None, keep: int = KEEP_BEFORE_RESTORE) -> tuple[str, ...]:
    """The databases earlier restores kept, beyond the newest ``keep`` (their names sort by time);
    the one this restore just kept is always among those kept, whatever name an older copy has."""
    prefix = _kept_prefix(url)
    try:
        with _maintenance(url) as conn:
            names = sorted(conn.scalars(text("SELECT datname FROM pg_database WHERE left(datname, :n) = :p"),
                                        {"n": len(prefix), "p": prefix}), reverse=True)  # fmt: skip
        names = [name for name in names if name != just_kept]
        if just_kept is not None:
            keep -= 1  # its place among the kept is taken by this restore's copy
        for name in names[keep:]:
            _drop(url, name)
    except SQLAlchemyError as exc:  # the restore is done; an old copy left is no failure
        _log.warning("older pre-restore databases not dropped: %s", exc)
        return ()
    return tuple(names[keep:])


def _end_sessions(url: str, name: str, wait: float = 10.0) -> None:
    """End the other sessions on database ``name`` and wait until they are gone (a rename needs that)."""
    import time

    with _maintenance(url) as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})  # fmt: skip
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            left = conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = :n"), {"n": name})
            if not left.scalar():
                return
            time.sleep(0.05)


def _drop(url: str, name: str) -> None:
    with _maintenance(url) as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)"))


def _server_error(why: str, english: str, exc: SQLAlchemyError) -> EduDeskError:
    first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0][:300]
    return EduDeskError(f"Chưa khôi phục: {why} ({first}); dữ liệu hiện tại giữ nguyên.",
                        f"Not restored: {english} ({first}); the current data is unchanged.")  # fmt: skip
