"""``backup --out`` and ``restore`` for an office on PostgreSQL (issue 18 item 6).

The office's key and evidence live in its database, so the pg_dump inside the office archive
brings them back with the data. A damaged file, another office's backup or a restore that
fails halfway leaves the target as it was; a missing ``pg_dump`` is a plain message.
"""

from __future__ import annotations

import json
import os
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from models import BlobChunk, StoredBlob
from models.db import Database, open_database
from models.enums import UnitKind
from models.errors import EduDeskError, ValidationError
from services.accounts.office import init_office, office_info
from services.accounts.orgunits import UnitInput, create_unit
from services.accounts.permissions import SYSTEM
from services.core.attachments import store_bytes
from services.operations import archive, backup, pgtools, server_backup
from services.sync import incarnation, keys
from services.sync.dump import dump_json
from tests.cli import in_process
from tests.conftest import PASSWORD

EVIDENCE = b"%PDF-1.4 bien ban kiem tra co so vat chat\n"


def _office(url: str, code: str = "PGDCC") -> Database:
    db = init_office(url, code=code, name=f"Phòng Giáo dục {code}", kind="district", admin_password=PASSWORD,
                     parent_code="SGDHCM", parent_name="Sở Giáo dục và Đào tạo")  # fmt: skip
    keys.ensure_keypair(db)
    store_bytes(db, EVIDENCE)
    return db


def _databases(url: str) -> set[str]:
    """The databases on the server named after the one at ``url`` (the kept and half-made ones)."""
    name = make_url(url).database
    engine = create_engine(make_url(url).set(database="postgres"))
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": f"{name}%"}
            )
            return set(rows.scalars())
    finally:
        engine.dispose()


@pytest.fixture
def office(pg_url: str) -> Iterator[Database]:
    db = _office(pg_url)
    yield db
    db.dispose()
    engine = create_engine(make_url(pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:  # the old databases a restore kept on the server
        for name in _databases(pg_url) - {make_url(pg_url).database}:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _state(db: Database) -> tuple[str, bytes | None, list[tuple[str, bytes]]]:
    """The synchronised data, the office key and the evidence bytes, all read from the database."""
    with db.session() as session:
        blobs = [(sha, b"".join(session.scalars(select(BlobChunk.data).where(BlobChunk.sha256 == sha)
                                                .order_by(BlobChunk.n))))
                 for sha in session.scalars(select(StoredBlob.sha256).order_by(StoredBlob.sha256))]  # fmt: skip
    return dump_json(db), keys.private_key_pem(db), blobs


def _change(db: Database) -> None:
    """After the backup: a new unit, another key, the evidence gone."""
    create_unit(db, SYSTEM, UnitInput(code="THCS-MOI", name="Trường THCS Mới", kind=UnitKind.COMMUNE))
    keys.replace_own_key(db, SYSTEM)
    with db.begin() as session:
        session.execute(BlobChunk.__table__.delete())
        session.execute(StoredBlob.__table__.delete())


def test_backup_then_restore_gives_back_the_office_with_its_key_and_evidence(
    office: Database, tmp_path: Path
):
    out = tmp_path / "usb" / "office.edudesk"
    verified = backup.backup_to(office, SYSTEM, out)
    assert (verified.kind, verified.key, verified.evidence) == ("pgdump", "in-database", 1)
    assert verified.office_id == office_info(office).id
    assert out.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(out) as zf:  # the office is known without a server
        assert json.loads(zf.read(archive.MANIFEST))["office"]["code"] == "PGDCC"
    before = _state(office)
    assert before[1] is not None and before[2] == [(before[2][0][0], EVIDENCE)]
    with office.session() as session:
        life = incarnation.own(session)
    _change(office)
    assert _state(office) != before
    url = office.url
    office.dispose()

    outcome = backup.restore_office(url, out)

    restored = open_database(url)
    try:
        assert _state(restored) == before
        with restored.session() as session:
            assert incarnation.own(session) != life  # peers re-send what the restored office lost
    finally:
        restored.dispose()
    assert outcome.key == "in-database" and outcome.evidence_written == 1
    assert isinstance(outcome.kept, str) and outcome.kept in _databases(url)  # kept on the server
    assert not [n for n in _databases(url) if "_restoring_" in n]


def test_restores_keep_the_newest_old_databases_only(office: Database, tmp_path: Path):
    out = tmp_path / "office.edudesk"
    backup.backup_to(office, SYSTEM, out)
    url = office.url
    office.dispose()
    kept: list[str] = []
    for _ in range(server_backup.KEEP_BEFORE_RESTORE + 2):  # quickly: two in one second must not collide
        outcome = backup.restore_office(url, out)
        kept.append(str(outcome.kept))
    left = {n for n in _databases(url) if "_truoc_khoi_phuc_" in n}
    assert left == set(kept[-server_backup.KEEP_BEFORE_RESTORE:])
    assert set(outcome.dropped) | set(kept[-server_backup.KEEP_BEFORE_RESTORE:]) >= {kept[1]}
    assert kept[0] not in left and kept[1] not in left
    result = in_process("--db", url, "restore", str(out))
    assert result.returncode == 0, result.stderr
    assert "Đã xóa 1 cơ sở dữ liệu cũ hơn" in result.stdout and kept[2] in result.stdout


def test_the_copy_a_restore_just_kept_is_never_dropped_whatever_older_names_say(office: Database, tmp_path: Path):
    out = tmp_path / "office.edudesk"
    backup.backup_to(office, SYSTEM, out)
    url = office.url
    office.dispose()
    ahead = [f"{server_backup._kept_prefix(url)}2099123100000{n}000000" for n in range(3)]  # a PC a day (and more) ahead
    engine = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for name in ahead:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    outcome = backup.restore_office(url, out)
    left = {n for n in _databases(url) if "_truoc_khoi_phuc_" in n}
    assert str(outcome.kept) in left, "the data from before this restore is kept"
    assert str(outcome.kept) < min(ahead)  # named by the server's clock, not a PC's
    assert len(left) == server_backup.KEEP_BEFORE_RESTORE and outcome.dropped == (ahead[0],)


def _refused_and_unchanged(db: Database, source: Path, **kwargs) -> EduDeskError:
    before, names = _state(db), _databases(db.url)
    with pytest.raises(EduDeskError) as caught:
        backup.restore_office(db.url, source, **kwargs)
    assert _state(db) == before and _databases(db.url) == names
    assert "Traceback" not in str(caught.value)
    return caught.value


def test_a_damaged_backup_is_refused_and_nothing_changes(office: Database, tmp_path: Path):
    out = tmp_path / "office.edudesk"
    backup.backup_to(office, SYSTEM, out)
    data = out.read_bytes()
    truncated = tmp_path / "truncated.edudesk"
    truncated.write_bytes(data[: len(data) // 2])
    flipped = tmp_path / "flipped.edudesk"
    flipped.write_bytes(data[:200] + bytes([data[200] ^ 0xFF]) + data[201:])
    _change(office)
    for bad in (truncated, flipped):
        assert isinstance(_refused_and_unchanged(office, bad), ValidationError)


def test_a_dump_pg_restore_cannot_read_is_refused(office: Database, tmp_path: Path):
    garbage = tmp_path / archive.PG_DUMP
    garbage.write_bytes(b"PGDMP not really a dump")
    bad = tmp_path / "garbage.edudesk"
    info = office_info(office)
    archive.write_archive(bad, database=garbage, blobs=[], office={"id": info.id, "code": info.code, "name": ""},
                          revision="0004", sealed_key=None, key_fingerprint="", key_note="",
                          database_name=archive.PG_DUMP, key="in-database")  # fmt: skip
    error = _refused_and_unchanged(office, bad)
    assert "pg_restore" in str(error)


def test_a_restore_failing_halfway_keeps_the_old_database(office: Database, tmp_path: Path, monkeypatch):
    out = tmp_path / "office.edudesk"
    backup.backup_to(office, SYSTEM, out)
    _change(office)
    real = pgtools.run

    def fails_after_writing(name, args, url, **kwargs):
        done = real(name, args, url, **kwargs)
        if any(a.startswith("--dbname=") for a in args):
            raise EduDeskError("mất kết nối giữa chừng", "connection lost halfway")
        return done

    monkeypatch.setattr(pgtools, "run", fails_after_writing)
    assert "giữa chừng" in str(_refused_and_unchanged(office, out))


def test_a_swap_refused_by_the_server_changes_nothing(office: Database, tmp_path: Path, monkeypatch):
    out = tmp_path / "office.edudesk"
    backup.backup_to(office, SYSTEM, out)
    _change(office)
    monkeypatch.setattr(server_backup, "_end_sessions", lambda *_a, **_k: None)  # the office stays connected
    with office.engine.connect():
        assert "không đổi được tên" in str(_refused_and_unchanged(office, out))


def test_another_offices_backup_is_refused_unless_asked(office: Database, pg_url: str, tmp_path: Path):
    other_url = make_url(pg_url).set(database=f"{make_url(pg_url).database}_b").render_as_string(False)
    admin = create_engine(make_url(pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{make_url(other_url).database}"'))
    other = _office(other_url, code="PGDHM")
    out = tmp_path / "other.edudesk"
    backup.backup_to(other, SYSTEM, out)
    other.dispose()

    error = _refused_and_unchanged(office, out)
    assert "--other-office" in str(error)
    url = office.url
    office.dispose()
    backup.restore_office(url, out, other_office=True)
    restored = open_database(url)
    assert office_info(restored).code == "PGDHM"
    restored.dispose()


def test_a_sqlite_backup_is_not_restored_into_a_server(office: Database, sqlite_office: Database, tmp_path):
    out = tmp_path / "sqlite.edudesk"
    backup.backup_to(sqlite_office, SYSTEM, out)
    assert "SQLite" in str(_refused_and_unchanged(office, out))
    server_out = tmp_path / "server.edudesk"
    backup.backup_to(office, SYSTEM, server_out)
    with pytest.raises(ValidationError, match="PostgreSQL"):
        backup.restore_office(str(sqlite_office.path), server_out, other_office=True)


def test_without_pg_dump_the_message_is_plain(office: Database, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "office.edudesk"
    with pytest.raises(EduDeskError, match="pg_dump") as caught:
        backup.backup_to(office, SYSTEM, out)
    assert "Không tìm thấy chương trình pg_dump" in str(caught.value)
    assert not out.exists()
    run = in_process("--db", office.url, "backup", "--out", str(out))
    assert run.returncode != 0 and "pg_dump" in run.stderr and "Traceback" not in run.stderr + run.stdout
    assert not out.exists()


def test_pg_dump_failing_names_its_first_line(office: Database, tmp_path: Path):
    gone = make_url(office.url).set(database=f"edudesk_gone_{uuid.uuid4().hex[:8]}").render_as_string(False)
    with pytest.raises(EduDeskError, match="pg_dump: ") as caught:
        server_backup.write_server_archive(Database(gone, office.engine, office.data_dir), tmp_path / "x")
    assert "\n" not in str(caught.value).split("pg_dump: ", 1)[1]


def test_the_cli_backs_up_and_restores_a_server_office(office: Database, tmp_path: Path):
    out = tmp_path / "office.edudesk"
    before = _state(office)
    url = office.url
    run = in_process("--db", url, "backup", "--out", str(out), env={"EDUDESK_BACKUP_PASSPHRASE": None})
    assert run.returncode == 0, run.stderr
    assert "1 tệp minh chứng" in run.stdout
    _change(office)
    office.dispose()
    run = in_process("--db", url, "restore", str(out))
    assert run.returncode == 0, run.stderr
    assert "trên máy chủ với tên" in run.stdout and "Khóa đơn vị (đã mã hóa) và minh chứng" in run.stdout
    restored = open_database(url)
    try:
        assert _state(restored) == before
    finally:
        restored.dispose()
    assert os.environ.get("PATH")  # the CLI leaves the process as it found it


def test_the_window_backs_up_and_restores_a_server_office(office: Database, qtbot, boxes, tmp_path: Path):
    from services.accounts.users import authenticate
    from ui.context import AppContext
    from ui.pages.operations import BackupTab

    tab = BackupTab(AppContext(office, authenticate(office, "admin", PASSWORD), office_info(office)))
    qtbot.addWidget(tab)
    out = tmp_path / "usb" / "office.edudesk"
    tab.backup(str(out))
    assert tab.last_job.wait() and not boxes.texts("warning") and not boxes.texts("critical")
    before = _state(office)
    _change(office)
    assert tab.restore(str(out), confirm=False) is True
    assert "Đã khôi phục" in boxes.texts("information")[-1]
    restored = open_database(office.url)
    try:
        assert _state(restored) == before
    finally:
        restored.dispose()
