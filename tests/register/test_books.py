"""The registers printed as ND30 books (PDF, Word, Excel), searched without diacritics."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import pytest
from docx import Document as WordDocument

from models.db import Database
from models.errors import ValidationError
from services.accounts.permissions import SYSTEM
from services.core.paging import PageRequest
from services.register import books
from services.register.handling import direct, my_handling, overdue_handling
from services.register.incoming import IncomingInput, IncomingQuery, register_incoming
from services.register.outgoing import OutgoingInput, OutgoingQuery, register_outgoing, skip

DAY = dt.date(2024, 4, 2)


@pytest.fixture
def kept(office_db: Database) -> Database:
    register_incoming(office_db, SYSTEM, IncomingInput(
        subject="Hướng dẫn tổ chức kỳ thi tuyển sinh lớp 10", agency="Sở Giáo dục và Đào tạo", doc_type="HD",
        number_symbol="1234/SGDĐT-KTKĐ", doc_date=dt.date(2024, 3, 28), arrived_on=DAY, urgency="Khẩn",
        sent_to="Bộ phận THCS"))  # fmt: skip
    register_incoming(office_db, SYSTEM, IncomingInput(subject="Giấy mời dự hội nghị", agency="UBND huyện",
                                                       arrived_on=DAY))  # fmt: skip
    register_outgoing(office_db, SYSTEM, OutgoingInput(subject="Công văn về việc tuyển sinh", doc_date=DAY,
                                                       signer="Nguyễn Văn An", recipients=["Các trường THCS", "Lưu: VT"],
                                                       copies=12))  # fmt: skip
    skip(office_db, SYSTEM, "Hỏng phôi", data=OutgoingInput(doc_date=DAY))
    return office_db


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def test_the_incoming_book_prints_in_the_appendix_iv_layout(kept: Database, tmp_path: Path) -> None:
    book = books.incoming_book(kept, SYSTEM, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert books.save_book(book, tmp_path / "in.pdf") == 2  # the cover, then the register
    text = _pdf_text(tmp_path / "in.pdf")
    for words in ("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "Từ số 01 đến số 02", "Ngày đến", "Tác giả", "(9)", "1234/SGDĐT-KTKĐ",
                  "Hướng dẫn tổ chức kỳ thi", "02/04/2024", "Khẩn"):  # fmt: skip
        assert words in text, words
    fonts = subprocess.run(["pdffonts", str(tmp_path / "in.pdf")], capture_output=True, text=True).stdout
    assert "Helvetica" not in fonts and " no " not in fonts.split("---\n", 1)[-1]
    books.save_book(book, tmp_path / "in.docx")
    table = WordDocument(str(tmp_path / "in.docx")).tables[0]
    assert table.rows[0].cells[1].text == "Số đến" and table.rows[2].cells[1].text == "01"
    assert books.save_book(book, tmp_path / "in.xlsx") == 2
    sheet = openpyxl.load_workbook(tmp_path / "in.xlsx").active
    assert sheet["B1"].value == "Số đến" and sheet["B2"].value == "01"


def test_the_outgoing_book_shows_skipped_numbers(kept: Database, tmp_path: Path) -> None:
    book = books.outgoing_book(kept, SYSTEM, DAY, DAY)
    assert [r[0] for r in book.rows] == ["01/PGDĐT-VP", "02/PGDĐT-VP"]
    assert book.rows[1][2] == "(Bỏ số)" and book.rows[1][7] == "Hỏng phôi"
    books.save_book(book, tmp_path / "out.pdf")
    text = _pdf_text(tmp_path / "out.pdf")
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text and "Nguyễn Văn An" in text and "- Các trường THCS" in text
    with pytest.raises(ValidationError):
        books.outgoing_book(kept, SYSTEM, DAY, DAY - dt.timedelta(days=1))


def test_both_registers_search_without_diacritics(kept: Database) -> None:
    incoming = IncomingQuery(kept, SYSTEM)
    assert [r["number"] for r in incoming.fetch(PageRequest("tuyen sinh"))] == ["01"]
    assert [r["number"] for r in incoming.fetch(PageRequest("so giao duc"))] == ["01"]
    assert [r["number"] for r in incoming.fetch(PageRequest("02/04/2024"))] == ["01", "02"]
    assert incoming.count(PageRequest("1234/SGDDT")) == 1
    outgoing = OutgoingQuery(kept, SYSTEM)
    assert [r["number_symbol"] for r in outgoing.fetch(PageRequest("bo so"))] == ["02/PGDĐT-VP"]
    assert [r["number"] for r in outgoing.fetch(PageRequest("01/pgddt"))] == [1]


def test_a_handling_slip_is_the_staff_members_work_and_late_on_the_dashboard(kept: Database,
                                                                                tmp_path: Path) -> None:  # fmt: skip
    from services.accounts.permissions import Actor
    from services.accounts.users import list_users

    admin = next(u for u in list_users(kept, SYSTEM) if u.username == "admin")
    entry = IncomingQuery(kept, SYSTEM).fetch(PageRequest("tuyen sinh"))[0]
    waiting = IncomingQuery(kept, SYSTEM).count(PageRequest(filters={"waiting_for": "admin"}))
    slip = direct(kept, SYSTEM, entry["id"], opinion="Giao bộ phận THCS tham mưu kế hoạch", lead_user="admin",
                  deadline=dt.date(2024, 4, 10))  # fmt: skip
    assert IncomingQuery(kept, SYSTEM).count(PageRequest(filters={"waiting_for": "admin"})) == waiting - 1
    actor = Actor(admin.username, admin.role, admin.full_name, admin.id)
    assert [s.id for s in my_handling(kept, actor)] == [slip.id]
    with kept.session() as session:
        assert overdue_handling(session, dt.date(2024, 4, 10)) == 0
        assert overdue_handling(session, dt.date(2024, 4, 11)) == 1
    assert books.slip_pdf(kept, SYSTEM, slip, tmp_path / "slip.pdf") == 1
    text = _pdf_text(tmp_path / "slip.pdf")
    assert "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" in text and "Giao bộ phận THCS" in text and "10 tháng 4 năm 2024" in text


def test_a_slip_names_the_offices_own_staff_not_its_schools_accounts(demo_db: Database) -> None:
    from services.register.handling import staff

    names = [username for username, _name in staff(demo_db, SYSTEM)]
    assert {"admin", "lanhdao", "chuyenvien1"} <= set(names)
    assert not {"th001", "mn001", "thcs001"} & set(names)
    entry = IncomingQuery(demo_db, SYSTEM).fetch(PageRequest(limit=1))[0]
    with pytest.raises(ValidationError, match="th001"):
        direct(demo_db, SYSTEM, entry["id"], opinion="Giao trường", lead_user="th001")
    with pytest.raises(ValidationError, match="mn001"):
        direct(demo_db, SYSTEM, entry["id"], opinion="Giao", lead_user="chuyenvien1", supporters=["mn001"])


def test_a_refused_arrival_saves_no_plan(office_db: Database) -> None:
    from services.core.attachments import file_sha256
    from services.core.resources import resource_path
    from services.plan_import.reviewed import imported_before

    plan = resource_path("plans", "004_2b03a1550adc1f0d.txt")
    with pytest.raises(ValidationError, match="Số, ký hiệu"):
        register_incoming(office_db, SYSTEM, IncomingInput(subject="Kế hoạch", number_symbol="x" * 65), file=plan,
                          save_plan=True)  # fmt: skip
    assert imported_before(office_db, file_sha256(plan)) is None
