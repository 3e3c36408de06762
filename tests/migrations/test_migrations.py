"""Migrations and opening databases: the schema matches the models, older databases are
backed up then upgraded, newer or foreign ones are refused, SQLite runs with safe pragmas."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from models import Assignment, Base, table_of
from models import db as dbmod
from models.db import alembic_config, head_revision, open_database
from models.errors import DatabaseOpenError
from models.plans import LIVE_ASSIGNMENT_INDEX
from services.accounts.office import init_office, office_info
from tests.conftest import PASSWORD


def schema_differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()


def test_upgrade_head_matches_the_models(db_url: str) -> None:
    """``alembic upgrade head`` on an empty database, then autogenerate finds nothing."""
    command.upgrade(alembic_config(db_url), "head")
    assert schema_differences(db_url) == []
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    engine.dispose()


def _live_index_sql(conn) -> str:
    if conn.dialect.name == "postgresql":
        query = "SELECT indexdef FROM pg_indexes WHERE indexname = :name"
    else:
        query = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"
    return str(conn.execute(text(query), {"name": LIVE_ASSIGNMENT_INDEX}).scalar_one())


def test_the_models_make_the_migrations_partial_live_assignment_index(db_url: str) -> None:
    """The index's PostgreSQL predicate sits in its ``info`` (``postgresql_where=`` would import the
    PostgreSQL dialect in every process): created from the models, it is still the migration's."""
    command.upgrade(alembic_config(db_url), "head")
    index = next(i for i in table_of(Assignment).indexes if i.name == LIVE_ASSIGNMENT_INDEX)
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            migrated = _live_index_sql(conn)
            index.drop(conn)
            index.create(conn)
            modelled = _live_index_sql(conn)
    finally:
        engine.dispose()
    assert "WHERE" in modelled.upper() and "cancelled" in modelled
    assert modelled == migrated


# --- SQLite pragmas ---------------------------------------------------------------


def test_sqlite_pragmas(sqlite_office) -> None:
    with sqlite_office.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 1000


def test_sqlite_enforces_foreign_keys(sqlite_office) -> None:
    with pytest.raises(IntegrityError), sqlite_office.begin() as session:
        session.execute(
            text(
                "INSERT INTO org_units (id, origin, rev, deleted, code, name, short_name, kind, ownership,"
                " parent_id, address, phone, email, head_name, active, search_key, sort_key)"
                " VALUES ('u1', 'o', 'r', 0, 'X1', 'X', '', 'school', 'public', 'khong-co', '', '', '', '',"
                " 1, '', '')"
            )
        )


# --- older, newer, foreign databases ----------------------------------------------

FAKE_NEXT = '''"""a later release (test only)"""

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from alembic import op
    import sqlalchemy as sa

    op.create_table("probe_9001", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    pass
'''


def test_older_database_is_backed_up_then_upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "office.sqlite"
    old_head = head_revision()
    init_office(
        str(path), code="PGDCC", name="Phòng GD&ĐT huyện Củ Chi", kind="district", admin_password=PASSWORD
    ).dispose()

    # A later EduDesk: today's migrations plus one more revision.
    scripts = tmp_path / "migrations"
    shutil.copytree(dbmod.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_next.py").write_text(FAKE_NEXT.format(head=old_head))
    monkeypatch.setattr(dbmod, "MIGRATIONS", scripts)
    assert head_revision() == "9001"

    db = open_database(str(path))
    try:
        assert dbmod.current_revision(db.engine) == "9001"
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM probe_9001").scalar() == 0
        assert office_info(db).code == "PGDCC"  # data kept
        [backup] = db.backups
    finally:
        db.dispose()
    assert backup.parent == tmp_path / "office-files" / "backups"
    assert backup.name.startswith("office-") and "truoc-nang-cap" in backup.name
    assert any(ch.isdigit() for ch in backup.name)  # a timestamp in the name
    saved = sqlite3.connect(backup)
    try:  # the backup is the database as it was before the upgrade
        assert saved.execute("SELECT version_num FROM alembic_version").fetchone() == (old_head,)
        assert saved.execute("SELECT count(*) FROM sqlite_master WHERE name = 'probe_9001'").fetchone() == (
            0,
        )
        assert saved.execute("SELECT count(*) FROM org_units WHERE code = 'PGDCC'").fetchone() == (1,)
        assert saved.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        saved.close()

    db = open_database(str(path))  # at head now: no second backup
    assert db.backups == []
    db.dispose()


def _stamp_future(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()


def test_newer_database_is_refused_with_a_clear_message(db_url: str, tmp_path: Path) -> None:
    init_office(
        db_url, code="PGDCC", name="Phòng GD&ĐT huyện Củ Chi", kind="district", admin_password=PASSWORD
    ).dispose()
    _stamp_future(db_url)
    with pytest.raises(DatabaseOpenError) as info:
        open_database(db_url)
    assert "phiên bản EduDesk mới hơn" in info.value.message
    assert "cập nhật EduDesk" in info.value.message
    assert "newer EduDesk" in info.value.english
    engine = create_engine(db_url)
    with engine.connect() as conn:  # left as it was
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_future"
    engine.dispose()
    assert not (tmp_path / "office-files" / "backups").exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"Day khong phai la co so du lieu\n" * 20, b"SQLite format 3\x00" + b"\x00" * 100],
    ids=["empty", "text", "damaged"],
)
def test_a_file_that_is_not_a_database_is_reported_and_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hoso.sqlite"
    path.write_bytes(content)
    with pytest.raises(DatabaseOpenError) as info:
        open_database(str(path))
    assert info.value.message and info.value.english
    if content:  # init refuses too; an empty file holds nothing and may be initialised
        with pytest.raises(DatabaseOpenError) as info:
            init_office(str(path), code="X", name="Phòng GD X", kind="district", admin_password=PASSWORD)
        assert "không ghi đè" in info.value.message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hoso.sqlite"]


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    """Another program's database is refused before a connection could switch it to WAL."""
    path = tmp_path / "khac.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sach (id INTEGER PRIMARY KEY, ten TEXT)")
    conn.commit()
    conn.close()
    content = path.read_bytes()
    with pytest.raises(DatabaseOpenError) as info:
        open_database(str(path))
    assert "không phải là cơ sở dữ liệu EduDesk" in info.value.message
    assert path.read_bytes() == content


def test_init_over_an_existing_office_is_refused(db_url: str) -> None:
    """init creates at head (no backup); a second init is refused, the first office kept."""
    init_office(
        db_url, code="PGDCC", name="Phòng GD&ĐT huyện Củ Chi", kind="district", admin_password=PASSWORD
    ).dispose()
    with pytest.raises(DatabaseOpenError) as info:
        init_office(db_url, code="PGDKHAC", name="Phòng GD khác", kind="district", admin_password=PASSWORD)
    assert "không ghi đè" in info.value.message
    db = open_database(db_url)
    assert office_info(db).code == "PGDCC"
    assert dbmod.current_revision(db.engine) == head_revision()
    assert db.backups == []
    db.dispose()


def test_missing_file_is_not_created_by_opening(tmp_path: Path) -> None:
    path = tmp_path / "chua-co.sqlite"
    with pytest.raises(DatabaseOpenError) as info:
        open_database(str(path))
    assert "Không tìm thấy cơ sở dữ liệu" in info.value.message
    assert not path.exists()
