"""Shared fixtures: an office database on SQLite and, where a server is given, PostgreSQL.

``EDUDESK_TEST_PG_URL`` names a PostgreSQL server (``.ci/run`` starts one on
127.0.0.1); each test gets a database of its own there. With ``CI=true`` a missing
server fails the PostgreSQL tests instead of skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from models.db import Database
from services.office import init_office

PASSWORD = "Mat-khau-2026"
OFFICE_CODE = "PGDCC"
OFFICE_NAME = "Phòng Giáo dục và Đào tạo huyện Củ Chi"
PG_ENV = "EDUDESK_TEST_PG_URL"


def _pg_server_url() -> str:
    url = os.environ.get(PG_ENV, "")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {PG_ENV} is not set: the PostgreSQL tests must run in CI")
        pytest.skip(f"{PG_ENV} not set: no PostgreSQL server for this run")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    server = make_url(_pg_server_url())
    name = f"edudesk_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {server.render_as_string()} unusable: {exc}")
        pytest.skip(f"PostgreSQL unusable: {exc}")
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


@pytest.fixture
def office_db(db_url: str) -> Iterator[Database]:
    """A district office database with its admin account, on each backend."""
    db = init_office(
        db_url,
        code=OFFICE_CODE,
        name=OFFICE_NAME,
        kind="district",
        admin_password=PASSWORD,
        parent_code="SGDHCM",
        parent_name="Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
    )
    yield db
    db.dispose()


@pytest.fixture
def sqlite_office(tmp_path) -> Iterator[Database]:
    """The same office on SQLite only (GUI and CLI tests)."""
    db = init_office(
        str(tmp_path / "office.sqlite"),
        code=OFFICE_CODE,
        name=OFFICE_NAME,
        kind="district",
        admin_password=PASSWORD,
        parent_code="SGDHCM",
        parent_name="Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
    )
    yield db
    db.dispose()
