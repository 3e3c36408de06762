"""Text from a peer cannot break printing or Excel (issue 16 item 6).

A narrative holding Word's Shift+Enter (``\\x0b``) and a bell, stored as an older
EduDesk or a peer's bundle left it (straight into the table, past today's limits):
the Word synthesis, the Word unit report and the Excel forms are still written.
"""

from __future__ import annotations

import sqlite3
import subprocess
import zipfile
from pathlib import Path

from tests.cli import in_process
from tests.conftest import copy_office

ROOT = Path(__file__).resolve().parents[2]


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return in_process("--db", str(db), *args)


def test_control_characters_in_narratives_do_not_break_word_or_excel(demo_path: Path, tmp_path: Path) -> None:
    db = copy_office(demo_path, tmp_path / "demo.sqlite")  # with what the WAL holds
    with sqlite3.connect(db) as con:
        ((report_id, round_id, code),) = con.execute(
            "SELECT r.id, r.round_id, u.code FROM reports r JOIN org_units u ON u.id = r.unit_id "
            "JOIN report_narratives n ON n.report_id = r.id ORDER BY r.id LIMIT 1"
        )
        con.execute("UPDATE report_narratives SET text = 'Dòng một\x0bDòng hai\x07 hết' WHERE report_id = ?",
                    (report_id,))  # fmt: skip
        period = con.execute("SELECT period FROM reporting_rounds WHERE id = ?", (round_id,)).fetchone()[0]
    for kind, extra in (("synthesis", []), ("unit-report", ["--unit", code])):
        out = tmp_path / f"{kind}.docx"
        done = _cli(db, "report", kind, "--round", round_id, *extra, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert zipfile.ZipFile(out).testzip() is None
    if kind == "unit-report":
        with zipfile.ZipFile(out) as zf:
            body = zf.read("word/document.xml").decode()
        assert "Dòng một" in body and "\x0b" not in body and "\x07" not in body
    done = _cli(db, "export-round-xlsx", period, "--unit", code, "--out-dir", str(tmp_path / "xlsx"))
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "xlsx").glob("*.xlsx"))
