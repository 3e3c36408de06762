"""A full disk is a refusal, never a traceback; backups are the owner's only (issue 16 items 7, 9)."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

import pytest

from models.errors import EduDeskError
from services.accounts.permissions import SYSTEM
from services.operations import backup
from services.operations.integrity import check_database
from tests.sync.network import template


def test_a_full_usb_stick_refuses_the_backup_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    net = template().copy_to(tmp_path / "net")
    db = net.offices["district"].db
    try:

        def full(_fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(backup.os, "fsync", full)
        out = tmp_path / "usb" / "sao-luu.sqlite"
        with pytest.raises(EduDeskError, match="ổ đĩa đầy"):
            backup.backup_to(db, SYSTEM, out)
        assert not out.exists()
        monkeypatch.undo()
        assert check_database(db).ok  # the database itself is healthy
        backup.backup_to(db, SYSTEM, out)
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    finally:
        net.close()
