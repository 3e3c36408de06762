"""Opening an office database: URL resolution, SQLite pragmas, Alembic upgrades.

A database is created only on request, refused when it is not an EduDesk
database, upgraded after a backup when it is older, and refused when a newer
EduDesk wrote it. A file that is not a database is never written to.
"""

from __future__ import annotations

import ast
import datetime as dt
import errno
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import models
from models.errors import DatabaseOpenError, EduDeskError

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported only to upgrade (or to read an unusual chain of revisions): opening a
# database at its head compares two strings, and Alembic's import costs half a second.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)

# Opening a database needs the whole schema mapped (upgrades, checks, sessions).
models.load_all()

APP_NAME = "EduDesk"
DB_FILENAME = "edudesk.sqlite"
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_url(target: str | None) -> str:
    """A SQLAlchemy URL from ``--db`` / ``EDUDESK_DB`` (a path or a URL) or the default."""
    target = target or os.environ.get("EDUDESK_DB") or ""
    if "://" in target:
        return target
    path = Path(target).expanduser() if target else default_data_dir() / DB_FILENAME
    return f"sqlite:///{path.resolve()}"


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def alembic_config(url: str) -> Config:
    from alembic.config import Config  # alembic costs half a second: only when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg




def head_revision() -> str:
    """The newest migration, read from the revision files (alembic only if they are not plain)."""
    head = _head_from_files()
    return head if head is not None else _alembic_head()


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def _head_from_files() -> str | None:
    """The one revision no other revision names as its parent, read from the files; None if unsure."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        for path in (MIGRATIONS / "versions").glob("*.py"):
            values = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
            revision, down = ast.literal_eval(values["revision"]), ast.literal_eval(values.get("down_revision", "None"))
            if not isinstance(revision, str):
                return None
            revisions.add(revision)
            parents.update([down] if isinstance(down, str) else list(down or ()))
    except (OSError, KeyError, ValueError, SyntaxError, TypeError):
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL: a bundle acknowledged after commit must survive a power cut (DESIGN §4).
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Database:
    url: str
    engine: Engine
    data_dir: Path
    backups: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def describe(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string()

    def dispose(self) -> None:
        self.engine.dispose()


def data_dir_for(url: str) -> Path:
    """Attachments, keys and backups live beside a database file; an office on a server keeps
    its key and evidence in the database itself, and this PC's copies, logs and backups of it
    in a folder of its own (two offices on one PC never share one)."""
    path = sqlite_path(url)
    if path is None:
        parsed = make_url(url)
        name = f"{parsed.get_backend_name()}-{parsed.host or 'local'}-{parsed.port or ''}-{parsed.database or ''}"
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:120]
        return default_data_dir() / "servers" / safe
    return path.with_name(path.stem + "-files")


def _check_sqlite_file(path: Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseOpenError(
            f"Tệp {path} không phải là cơ sở dữ liệu EduDesk (hoặc đã bị hỏng); tệp được giữ nguyên.",
            f"{path} is not an EduDesk database (or it is damaged); the file was left untouched.",
        )
    try:  # read-only: a damaged file must not be touched by a journal or WAL
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        full = disk_full(exc)
        if full is not None:  # no room for SQLite's shared-memory file: a full disk, not a damaged file
            raise full from exc
        raise DatabaseOpenError(
            f"Tệp {path} bị hỏng, không đọc được ({exc}); tệp được giữ nguyên.",
            f"{path} is damaged and cannot be read ({exc}); the file was left untouched.",
        ) from exc
    if tables and "alembic_version" not in tables:
        # Another program's database: refused before a connection could switch it to WAL.
        raise DatabaseOpenError(
            f"Tệp {path} không phải là cơ sở dữ liệu EduDesk (đó là dữ liệu của chương trình khác); "
            "tệp được giữ nguyên.",
            f"{path} is another program's database, not EduDesk's; the file was left untouched.",
        )


def current_revision(engine: Engine) -> str | None:
    if "alembic_version" not in inspect(engine).get_table_names():
        return None
    with engine.connect() as conn:
        versions = list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    if len(versions) <= 1:
        return versions[0] if versions else None
    from alembic.runtime.migration import MigrationContext  # several heads: alembic says what it means

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        versions = list(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
        if len(versions) <= 1:
            return versions[0] if versions else None
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()  # says why several heads are wrong


def _has_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())


def owner_only(path: Path) -> None:
    """Create ``path`` (if absent) or tighten it so only its owner reads it (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # O_CREAT without O_TRUNC: content kept
        os.chmod(path, 0o600)
    except PermissionError:  # a file of another account or a read-only medium: opening it decides
        pass


_FULL = ("database or disk is full", "disk i/o error", "no space left on device")


class DiskFull(EduDeskError):
    pass


def disk_full(exc: BaseException) -> DiskFull | None:
    """A full disk under the database (SQLite's "database or disk is full", ENOSPC), said plainly;
    None for any other fault. Nothing was written: SQLite rolled the transaction back."""
    seen: BaseException | None = exc
    while seen is not None:
        text = str(seen).lower()
        if (isinstance(seen, OSError) and seen.errno == errno.ENOSPC) or any(m in text for m in _FULL):
            return DiskFull(
                "Ổ đĩa chứa dữ liệu đã đầy (hoặc không ghi được): thao tác chưa được ghi, dữ liệu đã có không "
                "bị ảnh hưởng (không hỏng). Hãy giải phóng chỗ trống trên ổ đĩa (xóa tệp tạm, chuyển bớt tệp) "
                "rồi làm lại.",
                "The disk holding the data is full (or cannot be written): nothing was written, the existing "
                "data is intact (not damaged). Free some space on the disk, then try again.",
            )
        seen = seen.__cause__ or seen.__context__
    return None


def backup_sqlite(path: Path, reason: str) -> Path:
    """A consistent copy through SQLite's online backup API, named with a timestamp."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = data_dir_for(f"sqlite:///{path}") / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}-{stamp}-{reason}.sqlite"
    counter = 1
    while target.exists():
        target = folder / f"{path.stem}-{stamp}-{reason}-{counter}.sqlite"
        counter += 1
    # written under a hidden name and renamed when complete: a killed or disk-full run leaves
    # no empty or half "backup" in the rotation (services.operations.backup.rotate clears stale partials)
    partial = folder / f".{target.name}.partial"
    owner_only(partial)
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def upgrade(engine: Engine, url: str) -> None:
    from alembic import command

    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_database(target: str | None = None, *, create: bool = False) -> Database:
    """Open (or with ``create`` make) an EduDesk database, upgrading an older schema."""
    url = resolve_url(target)
    path = sqlite_path(url)
    exists = path is not None and path.exists() and path.stat().st_size > 0
    if path is not None:
        if create and exists:
            raise DatabaseOpenError(
                f"Đã có cơ sở dữ liệu tại {path}; EduDesk không ghi đè dữ liệu đang có.",
                f"A database already exists at {path}; EduDesk does not overwrite it.",
            )
        if not create and not exists:
            raise DatabaseOpenError(
                f"Không tìm thấy cơ sở dữ liệu {path}. Hãy tạo đơn vị (init) hoặc dữ liệu mẫu (demo).",
                f"No database at {path}. Create an office (init) or the demo district (demo).",
            )
        if exists:
            _check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        owner_only(path)  # SQLite gives its -wal/-shm/-journal files the database file's mode
    engine = make_engine(url)
    db = Database(url=url, engine=engine, data_dir=data_dir_for(url))
    try:
        _bring_to_head(db, create=create)
    except Exception:
        engine.dispose()
        raise
    return db


def _bring_to_head(db: Database, *, create: bool) -> None:
    revision = current_revision(db.engine)
    head = head_revision()
    if revision is None:
        if _has_tables(db.engine):
            raise DatabaseOpenError(
                f"{db.describe()} không phải là cơ sở dữ liệu EduDesk.",
                f"{db.describe()} is not an EduDesk database.",
            )
        if not create:
            raise DatabaseOpenError(
                f"Cơ sở dữ liệu {db.describe()} còn trống. Hãy tạo đơn vị (init) hoặc dữ liệu mẫu (demo).",
                f"The database {db.describe()} is empty. Run init or demo first.",
            )
        upgrade(db.engine, db.url)
        return
    if create:
        raise DatabaseOpenError(
            f"Đã có cơ sở dữ liệu EduDesk tại {db.describe()}; không ghi đè.",
            f"An EduDesk database already exists at {db.describe()}; not overwritten.",
        )
    if revision == head:
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config(db.url))
    try:
        script.get_revision(revision)
    except CommandError:
        revision = None
    if revision is None:
        raise DatabaseOpenError(
            "Cơ sở dữ liệu này do một phiên bản EduDesk mới hơn tạo ra; hãy cập nhật EduDesk.",
            "This database was written by a newer EduDesk; please update EduDesk.",
        )
    if db.path is not None:
        db.backups.append(backup_sqlite(db.path, "truoc-nang-cap"))
    upgrade(db.engine, db.url)


def drop_schema(db: Database) -> None:
    """Undo a creation that failed on a server: no half-made office is left behind."""
    try:
        models.Base.metadata.drop_all(db.engine)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    finally:
        db.engine.dispose()
