"""Opening an office database: URL resolution, SQLite pragmas, Alembic upgrades.

A database is created only on request, refused when it is not an EduDesk
database, upgraded after a backup when it is older, and refused when a newer
EduDesk wrote it. A file that is not a database is never written to.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import models
from models.errors import DatabaseOpenError

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


def alembic_config(url: str) -> Any:
    from alembic.config import Config  # alembic costs half a second: only when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


_REVISION = re.compile(r"""^revision(?:: str)? = ['"]([^'"]+)['"]""", re.MULTILINE)
_DOWN = re.compile(r"""^down_revision(?:: [^=]+)? = ['"]([^'"]+)['"]""", re.MULTILINE)


def head_revision() -> str:
    """The newest migration, read from the revision files (alembic only if they are not plain)."""
    versions = MIGRATIONS / "versions"
    return _head_of(versions, tuple(sorted(p.name for p in versions.glob("*.py"))))


@functools.cache
def _head_of(versions: Path, names: tuple[str, ...]) -> str:
    revisions, downs = set(), set()
    for name in names:
        source = (versions / name).read_text(encoding="utf-8")
        found = _REVISION.findall(source)
        if len(found) != 1:
            return _alembic_head()
        revisions.add(found[0])
        downs.update(_DOWN.findall(source))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else _alembic_head()


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


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
    """Attachments, keys and backups live beside a database file, else in the data dir."""
    path = sqlite_path(url)
    if path is None:
        return default_data_dir()
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
        return MigrationContext.configure(conn).get_current_revision()


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
    owner_only(target)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
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
