"""Killed or disk-full runs (issue 16 item 7 and minor items): no empty "backups" in the rotation, no
``.incoming-*`` files left, a killed restore never leaves no database, and a full disk under the
database itself is a plain Vietnamese refusal after which ``check`` does not call the data damaged."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from models import db as models_db
from services.accounts.permissions import SYSTEM
from services.core import attachments
from services.operations import backup
from tests.cli import main_py
from tests.sync.network import template

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Kiem-Tra-2026!"


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A child process: what a killed run or a full disk leaves is what a real process leaves."""
    return main_py("--db", str(db), *args, env={"EDUDESK_ADMIN_PASSWORD": PASSWORD})


@pytest.fixture
def district(tmp_path: Path):
    net = template().copy_to(tmp_path / "net")
    yield net.offices["district"]
    net.close()


def _age(path: Path, seconds: int = 2 * 3600) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_a_backup_that_fails_half_way_leaves_nothing_in_the_rotation(district, monkeypatch) -> None:
    db = district.db
    first = backup.automatic_backup(db, "truoc-nhap")
    folder = first.parent
    before = [f.path for f in backup.list_backups(folder)]
    real_connect = sqlite3.connect

    class Full:
        def __init__(self, conn):
            self.conn = conn

        def backup(self, _dest):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            self.conn.close()

    monkeypatch.setattr(models_db.sqlite3, "connect",
                        lambda target, **kw: Full(real_connect(target, **kw)) if "mode=ro" in str(target)
                        else real_connect(target, **kw))  # fmt: skip
    with pytest.raises(sqlite3.OperationalError):
        backup.automatic_backup(db, "truoc-nhap")
    monkeypatch.undo()
    assert [f.path for f in backup.list_backups(folder)] == before
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
    # what an older version or a power cut left: an empty "backup" and a stale partial
    empty, partial = folder / "demo-20200101-000000-truoc-nhap.sqlite", folder / ".x.sqlite.partial"
    empty.touch()
    partial.write_bytes(b"SQLite format 3\x00")
    _age(empty)
    _age(partial)
    assert empty not in [f.path for f in backup.list_backups(folder)]
    backup.automatic_backup(db, "truoc-nhap")
    assert not empty.exists() and not partial.exists()


def test_stale_incoming_files_are_cleared(district) -> None:
    folder = attachments.blob_dir(district.db)
    folder.mkdir(parents=True, exist_ok=True)
    stale, fresh = folder / ".incoming-killed", folder / ".incoming-now"
    stale.write_bytes(b"half a file")
    fresh.write_bytes(b"being written")
    _age(stale)
    attachments.store_stream(district.db, __import__("io").BytesIO(b"bien ban"), name="bb.txt")
    assert not stale.exists() and fresh.exists()  # another run may still be writing the fresh one


def test_a_restore_killed_at_the_last_step_leaves_the_database_in_place(district, tmp_path, monkeypatch) -> None:
    copy = tmp_path / "sao-luu.sqlite"
    backup.backup_to(district.db, SYSTEM, copy)
    district.close()
    path = district.path
    size = path.stat().st_size
    real_replace = os.replace

    def killed(src, dst):
        if Path(dst) == path:
            raise KeyboardInterrupt  # the power goes at the worst moment
        return real_replace(src, dst)

    monkeypatch.setattr(backup.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        backup.restore(str(path), copy)
    monkeypatch.undo()
    assert path.is_file() and path.stat().st_size == size
    assert sqlite3.connect(path).execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_a_full_disk_under_the_database_is_said_plainly_and_check_does_not_call_it_damaged(district) -> None:
    from services.operations.integrity import check_database

    db = district.db

    def full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    real = sqlite3.connect
    sqlite3.connect = full  # the check's own connection finds no room
    try:
        with pytest.raises(models_db.DiskFull, match="Ổ đĩa chứa dữ liệu đã đầy"):
            check_database(db)
    finally:
        sqlite3.connect = real
    assert check_database(db).ok


@pytest.fixture
def full_disk(tmp_path: Path):
    """A real 8 MB file system (tmpfs; needs root), unmounted afterwards."""
    mount = Path(f"/tmp/trust-full-{uuid.uuid4().hex[:8]}")
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True,
                          check=False)  # fmt: skip
    if done.returncode != 0:
        mount.rmdir()
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)
    mount.rmdir()


def test_a_real_full_disk_through_the_cli(full_disk: Path, district) -> None:
    target = full_disk / "pgd.sqlite"
    district.close()
    shutil.copy2(district.path, target)
    plan = sorted((ROOT / "resources" / "plans").glob("001_*.txt"))[0]
    filler = full_disk / "filler.bin"
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
    try:  # fill what is left, a megabyte then a page at a time
        for size in (1 << 20, 4096):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    saved = _cli(target, "import-plan", str(plan), "--save")
    assert saved.returncode == 1, saved.stderr
    assert "Ổ đĩa chứa dữ liệu đã đầy" in saved.stderr or "ổ đĩa đầy" in saved.stderr, saved.stderr
    assert "không mong đợi" not in saved.stderr
    checked = _cli(target, "check")
    assert "hỏng" not in checked.stdout + checked.stderr.replace("không hỏng", ""), checked.stdout + checked.stderr
    filler.unlink()
    assert _cli(target, "check").returncode == 0
