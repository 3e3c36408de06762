"""Foundation fixtures: the conftest office, built once per run and restored per test.

``office_db`` and ``sqlite_office`` mean what they mean in tests/conftest.py (a
district office with its admin, ``PASSWORD``); building one costs ~0.6 s (the
Alembic migration), so here it is built once per backend and each test gets a
fresh copy: a file copy on SQLite, a delete-and-reload on PostgreSQL. Argon2
keeps its algorithm but gets cheap work factors (the production ones are checked
in test_accounts.py).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from models import Base
from models.db import Database, open_database
from services import accounts
from services.office import init_office
from tests.conftest import OFFICE_CODE, OFFICE_NAME, PASSWORD, _pg_server_url

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", FAST_HASHER)


def _new_office(target: str) -> Database:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "_hasher", FAST_HASHER)
        return init_office(
            target,
            code=OFFICE_CODE,
            name=OFFICE_NAME,
            kind="district",
            admin_password=PASSWORD,
            parent_code="SGDHCM",
            parent_name="Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
        )


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "office.sqlite"
    _new_office(str(path)).dispose()
    return path


def _copy_sqlite(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[tuple[str, dict[str, list[dict[str, Any]]]]]:
    """One PostgreSQL database holding the office, and a snapshot of its rows."""
    server = make_url(_pg_server_url())
    name = f"edudesk_f_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {server.render_as_string()} unusable: {exc}")
        pytest.skip(f"PostgreSQL unusable: {exc}")
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
        target = tmp_path / "office.sqlite"
        _copy_sqlite(request.getfixturevalue("_sqlite_template"), target)
        db = open_database(str(target))
    else:
        url, snapshot = request.getfixturevalue("_pg_template")
        _restore_pg(url, snapshot)
        db = open_database(url)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_office(_sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """The same office on SQLite only."""
    target = tmp_path / "office.sqlite"
    _copy_sqlite(_sqlite_template, target)
    db = open_database(str(target))
    yield db
    db.dispose()
