"""Issuing a printout: the next number in its header, the PDF kept by SHA-256, reprinted byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

import pytest

from models.db import Database
from models.errors import EduDeskError, ValidationError
from services.accounts.permissions import SYSTEM
from services.core import attachments
from services.core.resources import resource_path
from services.printing.common import ReportOptions
from services.printing.header import HeaderOverrides
from services.register.incoming import prefill_from_file, register_incoming
from services.register.outgoing import (
    OutgoingInput,
    find_outgoing,
    issue_report,
    issued_pdf,
    reprint,
    reserve,
)

PLAN = resource_path("plans", "000_0c8b9f1545dfa298.txt")


@pytest.fixture
def with_plan(office_db: Database) -> Database:
    data, _plan = prefill_from_file(PLAN)
    entry = register_incoming(office_db, SYSTEM, data, file=PLAN, save_plan=True)
    assert entry.document_id and entry.file_sha256 == attachments.file_sha256(PLAN)
    return office_db


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_issue_stamps_the_number_and_reprints_byte_identical(with_plan: Database, tmp_path: Path) -> None:
    day = dt.date(2024, 1, 5)
    for _ in range(4):  # four numbers taken before: the fifth is the report's
        reserve(with_plan, SYSTEM, OutgoingInput(subject="Công văn", doc_date=day))
    options = ReportOptions(header=HeaderOverrides(date=day))
    row = issue_report(with_plan, SYSTEM, "progress", options)
    assert (row.number, row.number_symbol, row.status) == (5, "05/BC-PGDĐT", "issued")
    stored = issued_pdf(with_plan, row.id)
    assert hashlib.sha256(stored).hexdigest() == row.pdf_sha256 and len(stored) == row.pdf_size
    text = _text(stored, tmp_path)
    assert "Số: 05/BC-PGDĐT" in text and "ngày 05 tháng 01 năm 2024" in text
    assert row.recipients and row.recipients[-1].startswith("Lưu")
    again = reprint(with_plan, SYSTEM, row.id, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == stored and again.pdf_sha256 == row.pdf_sha256
    assert find_outgoing(with_plan, "05/2024").id == row.id


def test_a_changed_issued_file_is_refused_not_reprinted(with_plan: Database) -> None:
    row = issue_report(with_plan, SYSTEM, "plan", ReportOptions(header=HeaderOverrides(date=dt.date(2024, 2, 1))))
    path = attachments.blob_path(with_plan, row.pdf_sha256)
    path.chmod(0o600)
    path.write_bytes(path.read_bytes() + b"%")
    with pytest.raises(EduDeskError, match="bị thay đổi"):
        issued_pdf(with_plan, row.id)


def test_issuing_into_a_reserved_number_and_a_bad_kind(with_plan: Database) -> None:
    day = dt.date(2024, 3, 1)
    held = reserve(with_plan, SYSTEM, OutgoingInput(subject="Báo cáo tiến độ", doc_type="BC", doc_date=day))
    row = issue_report(with_plan, SYSTEM, "progress", ReportOptions(header=HeaderOverrides(date=day)),
                       reserved_id=held.id)  # fmt: skip
    assert (row.id, row.number) == (held.id, 1)
    with pytest.raises(ValidationError, match="không phải số đang giữ"):
        issue_report(with_plan, SYSTEM, "progress", ReportOptions(), reserved_id=held.id)
    with pytest.raises(ValidationError, match="không có"):
        issue_report(with_plan, SYSTEM, "no-such-kind", ReportOptions())
    assert find_outgoing(with_plan, "01/2024").status == "issued"  # the refusals took no number
    with pytest.raises(EduDeskError):
        find_outgoing(with_plan, "02/2024")
