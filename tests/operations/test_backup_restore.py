"""Backups, restore and the integrity check, as an office would use them."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from models import Attachment
from models.db import open_database
from models.enums import Role
from models.errors import EduDeskError, PermissionDenied
from services.accounts import orgunits
from services.accounts.permissions import SYSTEM, Actor
from services.core.attachments import store_bytes
from services.core.uow import UnitOfWork
from services.operations import backup
from services.operations.integrity import check_database
from services.sync.dump import dump_json


def _add_schools(db, count: int, prefix: str = "TH") -> None:
    for i in range(count):
        orgunits.create_unit(
            db,
            SYSTEM,
            orgunits.UnitInput(
                code=f"{prefix}{i:03d}", name=f"Trường Tiểu học Số {i}", kind="school", school_level="TH"
            ),
        )


def test_backup_is_verified_copy_and_restore_gives_same_content(sqlite_office, tmp_path):
    _add_schools(sqlite_office, 3)
    before = dump_json(sqlite_office)
    out = tmp_path / "usb" / "copy.sqlite"
    verified = backup.backup_to(sqlite_office, SYSTEM, out)
    assert verified.office_code == "PGDCC" and out.exists()
    assert not backup.needs_external_backup(sqlite_office)
    _add_schools(sqlite_office, 2, prefix="X")
    assert dump_json(sqlite_office) != before
    path = sqlite_office.path
    sqlite_office.dispose()
    restored, kept = backup.restore(str(path), out)
    assert restored.office_code == "PGDCC"
    assert kept is not None and kept.exists()
    db = open_database(str(path))
    try:
        assert dump_json(db) == before
    finally:
        db.dispose()


def test_backup_refuses_to_overwrite(sqlite_office, tmp_path):
    out = tmp_path / "copy.sqlite"
    out.write_bytes(b"keep me")
    with pytest.raises(EduDeskError, match="đã có"):
        backup.backup_to(sqlite_office, SYSTEM, out)
    assert out.read_bytes() == b"keep me"


def test_backup_needs_permission(sqlite_office, tmp_path):
    reader = Actor(username="guest", role=Role.LEADER)
    backup.backup_to(sqlite_office, reader, tmp_path / "ok.sqlite")  # leaders may back up
    with pytest.raises(PermissionDenied):
        backup.restore(str(sqlite_office.path), tmp_path / "ok.sqlite", reader)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + os.urandom(8000)],
    ids=["empty", "text", "garbage-after-header"],
)
def test_restore_refuses_a_bad_file_and_keeps_the_database(sqlite_office, tmp_path, content):
    path = sqlite_office.path
    sqlite_office.dispose()
    before = path.read_bytes()
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    with pytest.raises(EduDeskError, match="không dùng để khôi phục"):
        backup.restore(str(path), bad)
    assert path.read_bytes() == before


def test_restore_refuses_a_database_that_is_not_edudesk(sqlite_office, tmp_path):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(EduDeskError, match="không phải cơ sở dữ liệu EduDesk"):
        backup.restore(str(sqlite_office.path), other)


def test_restore_replaces_a_corrupt_database(sqlite_office, tmp_path):
    _add_schools(sqlite_office, 30)
    good = tmp_path / "good.sqlite"
    backup.backup_to(sqlite_office, SYSTEM, good)
    expected = dump_json(sqlite_office)
    path = sqlite_office.path
    sqlite_office.dispose()
    _corrupt_middle_pages(path)
    backup.restore(str(path), good)
    db = open_database(str(path))
    try:
        assert dump_json(db) == expected
        assert check_database(db).ok
    finally:
        db.dispose()


def _corrupt_middle_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    pages = len(data) // size
    for k in range(max(1, pages // 3), max(2, 2 * pages // 3)):
        data[k * size] = 0
    path.write_bytes(bytes(data))


def test_check_passes_a_healthy_database_and_catches_corrupt_pages(sqlite_office):
    _add_schools(sqlite_office, 40)
    assert check_database(sqlite_office).ok
    path = sqlite_office.path
    sqlite_office.dispose()
    _corrupt_middle_pages(path)
    try:
        db = open_database(str(path))
    except EduDeskError:
        return  # refusing to open a corrupt file is also a detection
    try:
        report = check_database(db)
        assert not report.ok
        assert any("toàn vẹn" in p or "hỏng" in p for p in report.problems)
    finally:
        db.dispose()


def test_check_finds_missing_and_altered_attachments(sqlite_office):
    sha, size = store_bytes(sqlite_office, b"minh chung")
    with UnitOfWork(sqlite_office, SYSTEM) as uow:
        uow.session.add(Attachment(sha256=sha, filename="bien-ban.pdf", size=size))
    assert check_database(sqlite_office).ok
    blob = sqlite_office.data_dir / "blobs" / sha[:2] / sha
    blob.write_bytes(b"sua doi")
    report = check_database(sqlite_office)
    assert not report.ok and "SHA-256" in report.problems[0]
    assert check_database(sqlite_office, quick=True).ok  # quick only looks for the file
    blob.unlink()
    assert "thiếu tệp" in check_database(sqlite_office, quick=True).problems[0]


def test_rotation_keeps_ten_latest_and_one_per_month(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = dt.datetime(2024, 1, 1)
    for day in range(0, 120, 3):  # 40 copies over four months
        path = folder / f"b-{day:03d}.sqlite"
        path.write_bytes(b"SQLite format 3\x00")  # a copy's header: an empty file is no backup
        stamp = (start + dt.timedelta(days=day)).timestamp()
        os.utime(path, (stamp, stamp))
    backup.rotate(folder)
    left = backup.list_backups(folder)
    months = {(f.modified.year, f.modified.month) for f in left}
    assert months == {(2024, 1), (2024, 2), (2024, 3), (2024, 4)}
    newest = sorted(p.name for p in folder.glob("*.sqlite"))[-10:]
    assert all((folder / name).exists() for name in newest)
    assert len(left) <= 10 + 4


def test_automatic_backup_while_another_thread_writes(sqlite_office):
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        i = 0
        try:
            while not stop.is_set():
                orgunits.create_unit(
                    sqlite_office,
                    SYSTEM,
                    orgunits.UnitInput(
                        code=f"W{i:04d}", name=f"Trường Mầm non {i}", kind="school", school_level="MN"
                    ),
                )
                i += 1
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [backup.automatic_backup(sqlite_office, "test") for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    assert not errors
    for copy in copies:
        assert copy is not None
        assert backup.verify_backup(copy).office_code == "PGDCC"
