"""Shared fixtures: ready-made offices, built once per session and copied per test.

Building an office costs: the Alembic migration (~0.6 s) for an empty one, a few
seconds more for the demo district. So each is built once per ``pytest`` session
into a template and every test gets its own copy (a file copy of the database and
its ``-files`` folder, tens of milliseconds), which it may change freely:

- ``office_db`` (SQLite and, where a server is given, PostgreSQL) and
  ``sqlite_office``: a district office (``OFFICE_CODE``) with its admin (``PASSWORD``);
- ``demo_db``: the demo district of 12 schools (``services.demo.district``, password
  ``DEMO_PASSWORD``); ``demo_copy(target)`` gives another copy at a path of your choice.

Templates are never handed to a test: a test that needs a database of its own
shape builds it (``init_office``, ``build_demo``), as the tests of those do.

``EDUDESK_TEST_PG_URL`` names a PostgreSQL server (``.ci/run`` starts one on
127.0.0.1); each test gets a database of its own there. With ``CI=true`` a missing
server fails the PostgreSQL tests instead of skipping them.

Argon2 keeps its algorithm but gets cheap work factors in-process (the production
ones are checked in tests/accounts/test_users.py; the CLI run in a subprocess
uses them).

The window's fixtures (``ctx``, ``window``, ``school_db``, ``either_office``, ``boxes``) are in
tests/gui/fixtures.py, loaded here so that a capability's page tests sit beside its service
tests (tests/sync/test_page.py beside tests/sync/test_cli.py).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Compiled modules in a cache outside the tree, kept between runs. A machine with
# PYTHONDONTWRITEBYTECODE=1 otherwise compiles SQLAlchemy, ReportLab & co. from source in
# every CLI subprocess a test starts (several seconds each) and in every pytest run.
PYCACHE = Path(tempfile.gettempdir()) / "edudesk-test-pycache"
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
sys.dont_write_bytecode = False
sys.pycache_prefix = str(PYCACHE)
# The user's data folder (keys, office key passphrases, logs) is a folder of this run's own,
# never the real one of whoever runs the tests; subprocesses inherit it.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="edudesk-test-data-")

from argon2 import PasswordHasher  # noqa: E402 (after the bytecode settings above)
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from models import Base  # noqa: E402
from models.db import Database, open_database  # noqa: E402
from services.accounts import users  # noqa: E402
from services.accounts.office import init_office  # noqa: E402

pytest_plugins = ["tests.gui.fixtures"]

PASSWORD = "Mat-khau-2026"
OFFICE_CODE = "PGDCC"
OFFICE_NAME = "Phòng Giáo dục và Đào tạo huyện Củ Chi"
PG_ENV = "EDUDESK_TEST_PG_URL"
DEMO_SCHOOLS = 12
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "_hasher", FAST_HASHER)


def _pg_server_url() -> str:
    url = os.environ.get(PG_ENV, "")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {PG_ENV} is not set: the PostgreSQL tests must run in CI")
        pytest.skip(f"{PG_ENV} not set: no PostgreSQL server for this run")
    return url


def _new_pg_database(prefix: str) -> tuple[Any, Any, str]:
    """(server URL, an AUTOCOMMIT engine on it, the name of a new empty database); skips (fails in
    CI) when the server cannot make one."""
    server = make_url(_pg_server_url())
    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {server.render_as_string()} unusable: {exc}")
        pytest.skip(f"PostgreSQL unusable: {exc}")
    return server, admin, name


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    server, admin, name = _new_pg_database("edudesk_t_")
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """The URL of an empty database on each backend (service tests use this)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'office.sqlite'}"
    return request.getfixturevalue("pg_url")


# --- copies of a template -----------------------------------------------------------


def files_of(path: Path) -> Path:
    """The evidence, keys and backups folder beside a database file (models.db.data_dir_for)."""
    return path.with_name(path.stem + "-files")


def copy_office(source: Path, target: Path) -> Path:
    """A private copy of an office: the database (SQLite's backup API) and its files."""
    os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))  # owner only, as EduDesk makes its files
    src, dst = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    if files_of(source).exists():
        shutil.copytree(files_of(source), files_of(target))
    return target


def _fast_hashes() -> pytest.MonkeyPatch:
    patch = pytest.MonkeyPatch()
    patch.setattr(users, "_hasher", FAST_HASHER)
    return patch


def _new_office(target: str) -> Database:
    patch = _fast_hashes()
    try:
        return init_office(
            target,
            code=OFFICE_CODE,
            name=OFFICE_NAME,
            kind="district",
            admin_password=PASSWORD,
            parent_code="SGDHCM",
            parent_name="Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
        )
    finally:
        patch.undo()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("office-template") / "office.sqlite"
    _new_office(str(path)).dispose()
    return path


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[tuple[str, dict[str, list[dict[str, Any]]]]]:
    """One PostgreSQL database holding the office, and a snapshot of its rows."""
    server, admin, name = _new_pg_database("edudesk_f_")
    url = server.set(database=name).render_as_string(hide_password=False)
    db = _new_office(url)
    with db.engine.connect() as conn:
        snapshot = {
            t.name: [dict(r._mapping) for r in conn.execute(t.select())] for t in Base.metadata.sorted_tables
        }
    db.dispose()
    yield url, snapshot
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _restore_pg(url: str, snapshot: dict[str, list[dict[str, Any]]]) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            # DELETE, not TRUNCATE: on a few dozen tiny tables it is ten times faster.
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
            for table in Base.metadata.sorted_tables:
                if snapshot[table.name]:
                    conn.execute(table.insert(), snapshot[table.name])
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), (SELECT max(id) FROM audit_log))"
                )
            )
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def office_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A district office database with its admin account, on each backend."""
    if request.param == "sqlite":
        target = copy_office(request.getfixturevalue("_sqlite_template"), tmp_path / "office.sqlite")
        db = open_database(str(target))
    else:
        url, snapshot = request.getfixturevalue("_pg_template")
        _restore_pg(url, snapshot)
        db = open_database(url)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_office(_sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """The same office on SQLite only (GUI and CLI tests)."""
    db = open_database(str(copy_office(_sqlite_template, tmp_path / "office.sqlite")))
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo district, built once per session. Read it only: copy it to change it."""
    from services.demo.district import build_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite"
    patch = _fast_hashes()
    try:
        build_demo(str(path), schools=DEMO_SCHOOLS)
    finally:
        patch.undo()
    return path


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> Callable[[Path], Path]:
    """``demo_copy(path)``: a private copy of the demo district at ``path`` (default: tmp_path/demo.sqlite)."""

    def make(target: Path = tmp_path / "demo.sqlite") -> Path:
        return copy_office(demo_template, target)

    return make


@pytest.fixture
def demo_db(demo_copy: Callable[[Path], Path]) -> Iterator[Database]:
    """The demo district, a copy of its own for each test (database, evidence files and keys)."""
    db = open_database(str(demo_copy()))
    yield db
    db.dispose()
