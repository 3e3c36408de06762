"""Database, backups and logs are readable by their owner only (issue 16 item 9, POSIX)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from models.db import open_database
from services.operations.backup import automatic_backup
from tests.cli import main_py

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "Mat-khau-sao-luu-2026"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A child process: the files it makes get the umask this test set, as a clerk's shell gives."""
    return main_py("--db", str(db), *args, env={"EDUDESK_ADMIN_PASSWORD": "Mat-khau-2026", "EDUDESK_BACKUP_PASSPHRASE": PASSPHRASE})


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backups_and_logs_are_owner_only(tmp_path):
    old = os.umask(0o022)  # a usual desktop umask: without care, files come out world-readable
    try:
        db = tmp_path / "office.sqlite"
        init = _cli(db, "init", "--office-code", "PGDX", "--office-name", "Phòng GD X", "--kind", "district")
        assert init.returncode == 0, init.stderr
        out = tmp_path / "usb" / "pgd.edudesk-backup"
        assert _cli(db, "backup", "--out", str(out)).returncode == 0
        restored = tmp_path / "pc-b" / "office.sqlite"
        assert _cli(restored, "restore", str(out)).returncode == 0
        assert _cli(restored, "check").returncode == 0
        office = open_database(str(db))
        try:
            assert automatic_backup(office, "dong") is not None  # the copy taken when the GUI closes
        finally:
            office.dispose()
    finally:
        os.umask(old)
    files = tmp_path / "office-files"
    made = [db, out, restored, *files.glob("logs/*.log*"), *files.glob("backups/*.sqlite"),
            *(restored.parent / "office-files").glob("logs/*.log*"),
            *(restored.parent / "office-files").glob("backups/*.sqlite")]  # fmt: skip
    made += [
        p for p in (db.with_name(db.name + "-wal"), restored.with_name(restored.name + "-wal")) if p.exists()
    ]
    assert any(p.name.endswith(".log") for p in made) and any(p.parent.name == "backups" for p in made)
    loose = {str(p.relative_to(tmp_path)): oct(_mode(p)) for p in made if _mode(p) & 0o077}
    assert loose == {}
