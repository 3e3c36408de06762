"""Issue 18 item 6: CLI edits carry the clerk's name; database errors reach the clerk as one plain line."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from models import AuditEntry
from services.accounts import permissions
from services.core.uow import database_refusal
from ui.cli import run_cli

PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "cong_van_pgd.txt"


def test_cli_edits_are_audited_with_the_clerks_name(sqlite_office, monkeypatch) -> None:
    monkeypatch.setattr(permissions, "SYSTEM", permissions.SYSTEM)  # put back after the test
    with sqlite_office.session() as session:
        before = max(session.scalars(select(AuditEntry.id)))
    assert run_cli(["--db", str(sqlite_office.path), "--as", "lan", "import-plan", str(PLAN), "--save"]) == 0
    with sqlite_office.session() as session:
        names = set(session.scalars(select(AuditEntry.username).where(AuditEntry.id > before)))
    assert "lan" in names and "system" not in names


def test_a_database_error_is_one_plain_line() -> None:
    raw = IntegrityError("INSERT INTO assignments (id, rev) VALUES (?, ?)", ("a", "b"),
                         Exception("UNIQUE constraint failed: x.y\nDETAIL: Key (y)=(1) already exists."))  # fmt: skip
    text = database_refusal(raw)
    assert text is not None and "\n" not in text and "INSERT" not in text and "không có gì thay đổi" in text
    locked = OperationalError("UPDATE settings SET value = ?", (), Exception("database is locked"))
    assert "thử lại" in (database_refusal(locked) or "")
    assert database_refusal(ValueError("x")) is None
