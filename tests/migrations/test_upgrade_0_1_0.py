"""Migrations as history: a database made by the 0.1.0 release upgrades to today's schema.

``tests/fixtures/upgrade/edudesk-0.1.0.sqlite`` was written by the 0.1.0 code itself
(commit 1c0c752, see ``make_0_1_0.py`` beside it). Revision 0001 must stay as it
shipped; every later schema change is a later revision.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, func, select

from models import Assignment, Base, Document, OrgUnit, Task, User
from models.db import alembic_config, current_revision, head_revision, open_database
from services.accounts.office import office_info
from services.accounts.orgunits import list_units
from services.accounts.users import authenticate

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "upgrade" / "edudesk-0.1.0.sqlite"
RELEASE_PASSWORD = "matkhau2024"  # the demo password make_0_1_0.py used


def _differences(url: str, metadata: MetaData) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    finally:
        engine.dispose()


def _schema_sql(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()


def _at(tmp_path: Path, revision: str) -> Path:
    path = tmp_path / f"at-{revision}.sqlite"
    command.upgrade(alembic_config(f"sqlite:///{path}"), revision)
    return path


def _summary(differences: list) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(op, index.name, tuple(c.name for c in index.columns)) for op, index in differences]


@pytest.fixture
def release_copy(tmp_path: Path) -> Path:
    target = tmp_path / "office.sqlite"
    shutil.copyfile(FIXTURE, target)
    return target


def test_the_fixture_was_made_by_0_1_0_and_0001_is_as_shipped(release_copy: Path, tmp_path: Path) -> None:
    """Today's 0001 builds exactly the schema the release built (the shipped file is unchanged)."""
    conn = sqlite3.connect(f"file:{release_copy}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    finally:
        conn.close()
    fresh = _at(tmp_path, "0001")
    assert _schema_sql(fresh) == _schema_sql(release_copy)


def test_a_0_1_0_database_is_backed_up_then_upgraded_to_the_models(release_copy: Path) -> None:
    db = open_database(str(release_copy))
    try:
        assert current_revision(db.engine) == head_revision()
        assert _differences(db.url, Base.metadata) == []
        [backup] = db.backups
        assert "truoc-nang-cap" in backup.name and any(ch.isdigit() for ch in backup.name)
        assert backup.read_bytes()[:16] == b"SQLite format 3\x00"
        saved = sqlite3.connect(backup)
        try:  # the backup is the 0.1.0 database as it was
            assert saved.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
            assert saved.execute("SELECT count(*) FROM org_units").fetchone() == (5,)
        finally:
            saved.close()

        # The data survived, and today's services use it.
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(OrgUnit)) == 5
            assert sorted(session.scalars(select(Task.title))) == [
                "Báo cáo sơ kết học kỳ I",
                "Tổ chức Ngày hội đọc sách",
            ]
            assert session.scalar(select(func.count()).select_from(Assignment)) == 6
            assert session.scalar(select(Document.title)) == "Kế hoạch thực hiện nhiệm vụ năm học 2023-2024"
            assert sorted(session.scalars(select(User.username))) == ["admin", "chuyenvien"]
        assert office_info(db).code == "PGDCC"
        assert authenticate(db, "admin", RELEASE_PASSWORD).username == "admin"
        # Unit search runs on the index 0002 adds, without diacritics.
        assert [u.code for u in list_units(db, text="an nhon")] == ["TH-AN"]
    finally:
        db.dispose()

    db = open_database(str(release_copy))  # at head now: no second backup
    try:
        assert db.backups == []
    finally:
        db.dispose()


def test_0002_adds_exactly_what_changed_after_0_1_0(tmp_path: Path) -> None:
    """A database at 0001 differs from one at 0002 only by the covering unit-search index."""
    at_0001, at_0002 = _at(tmp_path, "0001"), _at(tmp_path, "0002")
    engine = create_engine(f"sqlite:///{at_0002}")
    reflected = MetaData()
    reflected.reflect(engine)
    engine.dispose()
    assert sorted(_summary(_differences(f"sqlite:///{at_0001}", reflected))) == [
        ("add_index", "ix_org_units_search", ("deleted", "active", "search_key")),
        ("remove_index", "ix_org_units_search_key", ("search_key",)),
    ]
    # Down again: 0002's downgrade gives back the 0.1.0 schema.
    command.downgrade(alembic_config(f"sqlite:///{at_0002}"), "0001")
    assert _schema_sql(at_0002) == _schema_sql(at_0001)


ALEMBIC_SESSION = """
import os, sys
from alembic.config import main
main(["-x", "db=" + sys.argv[1], "upgrade", "head"])
main(["-x", "db=" + sys.argv[1], "check"])
os.environ.pop("EDUDESK_DB", None)
print("--- without a database ---", file=sys.stderr, flush=True)
main(["current"])
"""


def test_alembic_ini_at_the_root_drives_autogenerate(tmp_path: Path) -> None:
    """``alembic -x db=… upgrade head`` then ``check`` finds no new operation; no database, no run.

    One interpreter runs the three alembic commands, as three ``uv run alembic`` would."""
    scratch = tmp_path / "head.sqlite"
    run = subprocess.run(
        [sys.executable, "-c", ALEMBIC_SESSION, str(scratch)], cwd=ROOT, capture_output=True, text=True
    )
    with_db, _, without_db = run.stderr.partition("--- without a database ---")
    assert "Running upgrade 0001 -> 0002" in with_db, run.stderr
    assert "No new upgrade operations detected" in run.stdout + with_db, run.stderr
    assert run.returncode != 0  # the last command had no database
    assert "-x db=" in without_db
    engine = create_engine(f"sqlite:///{scratch}")
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_a_database_of_the_edited_0001_upgrades_too(tmp_path: Path) -> None:
    """Releases after 0.1.0 (until 0002) made their databases with 0001 as edited: revision 0001,
    the covering index already there and the old one gone. Opening one upgrades it to head."""
    path = _at(tmp_path, "0001")
    conn = sqlite3.connect(path)
    with conn:  # what the edited 0001 built (commit e363e76)
        conn.execute("DROP INDEX ix_org_units_search_key")
        conn.execute("CREATE INDEX ix_org_units_search ON org_units (deleted, active, search_key)")
    conn.close()
    db = open_database(str(path))
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()
    assert _differences(f"sqlite:///{path}", Base.metadata) == []
