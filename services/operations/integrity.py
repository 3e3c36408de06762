"""``main.py check``: is this database whole? Pages, foreign keys, attachments, orphans.

The full check reads every page (``integrity_check``) and hashes every attachment;
the quick one, run on every start, uses ``quick_check`` and only looks for files.
SQLite checks run on a read-only connection so a damaged file is never written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from models import Attachment, synced_tables, table_of
from models.db import Database, disk_full
from services.core import attachments

FIGURE_LABELS = {  # the check's figures as a person reads them ("Kiểm tra dữ liệu")
    "integrity_check": "Kiểm tra toàn vẹn tệp dữ liệu",
    "quick_check": "Kiểm tra nhanh tệp dữ liệu",
    "foreign_key_errors": "Tham chiếu hỏng",
    "orphan_rows": "Dòng mồ côi",
    "attachments": "Số minh chứng",
    "missing_files": "Minh chứng thiếu tệp",
    "damaged_files": "Minh chứng hỏng tệp",
}

_MAX_LISTED = 20


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": self.problems, "warnings": self.warnings, "figures": self.figures}


def check_database(db: Database, *, quick: bool = False) -> CheckReport:
    report = CheckReport()
    if db.path is not None:
        _sqlite_pages(db, report, quick)
        if not report.ok:
            return report  # reading rows of a damaged file proves nothing more
    _orphans(db, report)
    _attachments(db, report, quick)
    return report


def _sqlite_pages(db: Database, report: CheckReport, quick: bool) -> None:
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
        try:
            messages = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
            broken_keys = conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        full = disk_full(exc)
        if full is not None:  # no room for the check's own work: that says nothing about the file
            raise full from exc
        report.problems.append(f"Tệp cơ sở dữ liệu bị hỏng, không đọc được: {exc}")
        return
    report.figures[pragma] = "ok" if messages == ["ok"] else len(messages)
    if messages != ["ok"]:
        shown = "; ".join(messages[:5])
        report.problems.append(f"Kiểm tra toàn vẹn phát hiện {len(messages)} lỗi trang dữ liệu: {shown}")
    report.figures["foreign_key_errors"] = len(broken_keys)
    for table, rowid, parent, _ in broken_keys[:_MAX_LISTED]:
        report.problems.append(f"Bảng {table}, dòng {rowid}: tham chiếu tới {parent} không tồn tại")


def _orphans(db: Database, report: CheckReport) -> None:
    """Live rows whose parent row was deleted (a tombstone): shown, not fatal."""
    count = 0
    with db.session() as session:
        for model in synced_tables():
            table = table_of(model)
            for fk in table.foreign_keys:
                if "deleted" not in fk.column.table.c:
                    continue
                parent = fk.column.table.alias("parent")  # self-references need an alias
                child_col = fk.parent
                query = (
                    select(table.c.id, child_col)
                    .join(parent, parent.c.id == child_col)
                    .where(table.c.deleted.is_(False), parent.c.deleted.is_(True))
                    .limit(_MAX_LISTED)
                )
                for row_id, parent_id in session.execute(query):
                    count += 1
                    report.warnings.append(
                        f"Bảng {table.name}, dòng {row_id}: thuộc {fk.column.table.name} {parent_id} đã bị xóa"
                    )
    report.figures["orphan_rows"] = count


def _attachments(db: Database, report: CheckReport, quick: bool) -> None:
    with db.session() as session:
        rows = session.execute(
            select(Attachment.id, Attachment.sha256, Attachment.filename).where(Attachment.deleted.is_(False))
        ).all()
    missing = damaged = 0
    for row_id, sha, name in rows:
        if not attachments.has_blob(db, sha):
            missing += 1
            if missing <= _MAX_LISTED:
                report.problems.append(f"Minh chứng {name} ({row_id}): thiếu tệp {sha[:12]}…")
        elif not quick and not attachments.verify_blob(db, sha):
            damaged += 1
            if damaged <= _MAX_LISTED:
                report.problems.append(f"Minh chứng {name} ({row_id}): nội dung tệp không khớp SHA-256")
    report.figures.update(attachments=len(rows), missing_files=missing, damaged_files=damaged)
