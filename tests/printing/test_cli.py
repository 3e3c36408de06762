"""``report`` and ``export-xlsx`` through main.py, with the defaults (latest document, first unit …)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl

from tests.cli import in_process
from tests.printing.conftest import poppler

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return in_process(*args)


def test_report_with_defaults_and_header_options(demo_path, tmp_path):
    out = tmp_path / "progress.pdf"
    done = _cli("--db", str(demo_path), "--json", "report", "progress", "--out", str(out), "--number", "7",
                "--date", "2024-02-03", "--signer", "Trần Văn Ký", "--recipient", "Các trường", "--recipient", "Lưu: VT")  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["pages"] > 1 and data["rows"] > 0
    text = poppler("pdftotext", "-layout", str(out), "-")
    assert "ngày 03 tháng 02 năm 2024" in text
    assert "Số: 07/BC-PGDĐT" in text
    assert "Trần Văn Ký" in text and "- Các trường;" in text and "- Lưu: VT." in text


def test_report_to_word(demo_path, tmp_path):
    out = tmp_path / "assignments.docx"
    done = _cli("--db", str(demo_path), "report", "assignments", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0


def test_bad_output_and_unknown_document_are_one_line_refusals(demo_path, tmp_path):
    done = _cli("--db", str(demo_path), "report", "plan", "--out", str(tmp_path / "x.txt"))
    assert done.returncode == 1 and ".pdf" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    done = _cli(
        "--db",
        str(demo_path),
        "report",
        "plan",
        "--document",
        "999/KH-KHONG",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert done.returncode == 1 and "Không tìm thấy văn bản" in done.stderr


def test_export_xlsx(demo_path, tmp_path):
    out = tmp_path / "units.xlsx"
    done = _cli("--db", str(demo_path), "export-xlsx", "units", "--out", str(out))
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out, read_only=True).active
    assert sheet.max_row >= 12
