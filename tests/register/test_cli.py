"""The register through main.py: in, out, reserve and skip, issue and reprint, books, handling."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli import in_process

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "resources" / "plans" / "000_0c8b9f1545dfa298.txt"


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return in_process("--db", str(db), *args, env={"EDUDESK_ADMIN_PASSWORD": "Mat-khau-2026"})


def _json(db: Path, *args: str) -> dict:
    done = _cli(db, "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    db = tmp_path / "office.sqlite"
    done = _cli(db, "init", "--office-code", "PGDCC", "--office-name", "Phòng Giáo dục và Đào tạo huyện Củ Chi",
                "--kind", "district")  # fmt: skip
    assert done.returncode == 0, done.stderr
    return db


def test_register_in_out_issue_reprint_and_the_books(office: Path, tmp_path: Path) -> None:
    first = _json(office, "register-in", str(PLAN), "--arrived", "2024-01-08", "--urgency", "khan", "--save-plan")
    assert first["number"] == "01" and first["urgency"] == "Khẩn" and first["document_id"] and first["file_sha256"]
    paper = _json(office, "register-in", "--subject", "Giấy mời họp giao ban", "--agency", "UBND huyện Củ Chi",
                  "--number", "55/GM-UBND", "--arrived", "2024-01-09")  # fmt: skip
    assert paper["number"] == "02"
    assert _json(office, "register-out", "--subject", "Công văn về lịch họp", "--date", "2024-01-09")["number"] == 1
    held = _json(office, "register-out", "--reserve", "--type", "QĐ", "--subject", "Khen thưởng", "--date", "2024-01-10")
    assert held["number_symbol"] == "02/QĐ-PGDĐT" and held["status"] == "reserved"
    released = _json(office, "register-out", "--release", "02/2024", "--reason", "Không ban hành")
    assert released["status"] == "skipped"
    copy = tmp_path / "issued.pdf"
    issued = _json(office, "issue", "progress", "--date", "2024-01-15", "--out", str(copy))
    assert issued["number_symbol"] == "03/BC-PGDĐT"
    again = tmp_path / "again.pdf"
    assert _cli(office, "reprint", "03/2024", "--out", str(again)).returncode == 0
    assert again.read_bytes() == copy.read_bytes()
    listed = _json(office, "registers", "--from", "2024-01-01", "--to", "2024-12-31")
    assert [r["number"] for r in listed["incoming"]] == ["01", "02"]
    assert [r["status"] for r in listed["outgoing"]] == ["issued", "skipped", "issued"]
    found = _json(office, "registers", "--book", "in", "--from", "2024-01-01", "--text", "giay moi")
    assert [r["number"] for r in found["incoming"]] == ["02"]
    for suffix in (".pdf", ".docx", ".xlsx"):
        out = tmp_path / f"book{suffix}"
        done = _cli(office, "registers", "--book", "out", "--from", "2024-01-01", "--out", str(out))
        assert done.returncode == 0 and out.stat().st_size > 0, done.stderr


def test_handling_through_the_cli_and_its_refusals(office: Path, tmp_path: Path) -> None:
    _json(office, "register-in", "--subject", "Công văn về tuyển sinh", "--arrived", "2024-03-01")
    slip = _json(office, "handle", "01/2024", "--opinion", "Giao bộ phận THCS", "--lead", "admin",
                 "--deadline", "2024-03-08", "--out", str(tmp_path / "slip.pdf"))  # fmt: skip
    assert slip["lead_user"] == "admin" and (tmp_path / "slip.pdf").stat().st_size > 0
    work = _json(office, "handling", "--user", "admin")
    assert [w["arrival"] for w in work] == ["01/2024"] and work[0]["overdue"]
    assert _json(office, "dashboard")["overdue_handling"] == 1
    assert _json(office, "handled", "01/2024", "--result", "Đã triển khai")["done_at"]
    assert _json(office, "handling", "--user", "admin") == []
    refused = _cli(office, "handle", "01/2024", "--opinion", "x", "--lead", "khong-co")
    assert refused.returncode == 1 and "khong-co" in refused.stderr
    assert _cli(office, "register-in", "--subject", "").returncode == 1  # a subject is required
    assert _cli(office, "issue", "no-such-kind").returncode == 2  # a usage error
    assert _cli(office, "reprint", "99", "--out", str(tmp_path / "x.pdf")).returncode == 1
