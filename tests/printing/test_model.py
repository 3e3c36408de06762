"""The document model's text rules (PRINT_SPEC) and the layout engine's edge cases."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from services.printing.header import signer_lines
from services.printing.model import Appendix, Block, Column, Header, PrintDocument, TableBlock
from services.printing.pdf import render_pdf
from tests.printing.conftest import poppler


def _header(**kw) -> Header:
    base = dict(
        parent_body="UBND HUYỆN CỦ CHI",
        issuing_body="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        abbreviation="PGDĐT",
        place="Củ Chi",
        date=dt.date(2024, 1, 5),
        signer_lines=["TRƯỞNG PHÒNG"],
        signer_name="Nguyễn Văn A",
    )
    return Header(**{**base, **kw})


@pytest.mark.parametrize(
    ("number", "doc_type", "expected"),
    [
        ("5", "KH", "Số: 05/KH-PGDĐT"),
        ("123", "BC", "Số: 123/BC-PGDĐT"),
        ("", "BC", "Số:        /BC-PGDĐT"),
        ("123", "CV", "Số: 123/PGDĐT-VP"),
    ],
)
def test_number_and_symbol(number, doc_type, expected):
    assert _header(number=number, doc_type=doc_type).number_line() == expected


def test_place_and_date_line_has_the_leading_zeros_of_the_decree():
    assert _header().place_date() == "Củ Chi, ngày 05 tháng 01 năm 2024"
    assert _header(date=dt.date(2023, 12, 15)).place_date() == "Củ Chi, ngày 15 tháng 12 năm 2023"


def test_recipients_end_with_semicolons_and_the_archive_with_a_full_stop():
    header = _header(recipients=["Như trên;", "- Các trường", "Lưu: VT, TCCB."])
    # "Như trên" points at a "Kính gửi" these documents do not have (issue 20): it goes
    assert header.recipient_lines() == ["- Các trường;", "- Lưu: VT, TCCB."]
    assert _header(recipients=["Sở GDĐT"]).recipient_lines() == ["- Sở GDĐT;", "- Lưu: VT."]


@pytest.mark.parametrize(
    ("authority", "title", "expected"),
    [
        ("", "Trưởng phòng", ["TRƯỞNG PHÒNG"]),
        ("KT.", "PHÓ TRƯỞNG PHÒNG", ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]),
        ("TM.", "CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("TM. KT.", "PHÓ CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ],
)
def test_signer_lines(authority, title, expected):
    assert signer_lines(authority, title, "ỦY BAN NHÂN DÂN HUYỆN CỦ CHI") == expected


def test_a_row_taller_than_a_page_still_prints_and_every_page_keeps_the_header(tmp_path):
    rows = [[str(i), f"Đơn vị {i}", "ghi chú " * (3000 if i == 3 else 2)] for i in range(1, 60)]
    table = TableBlock([Column("STT", 1.5, "center"), Column("Đơn vị", 4), Column("Ghi chú", 10)], rows)
    doc = PrintDocument(
        _header(), "Thử bảng dài", [Block("Mở đầu.")], [Appendix("PHỤ LỤC", "BẢNG", blocks=[table])]
    )
    seen: list[tuple[int, int]] = []
    path = tmp_path / "long.pdf"
    with path.open("wb") as out:
        pages = render_pdf(doc, out, progress=lambda done, total, _label: seen.append((done, total)))
    assert pages > 3
    for page in range(2, pages + 1):
        text = poppler("pdftotext", "-f", str(page), "-l", str(page), str(path), "-")
        assert "Ghi chú" in text
    assert "59" in poppler("pdftotext", "-f", str(pages), "-l", str(pages), str(path), "-")
    assert seen[-1] == (59, 59) and all(total == 59 for _done, total in seen)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_pdf_to_memory():
    buffer = io.BytesIO()
    render_pdf(PrintDocument(_header(), "Ngắn", [Block("Một đoạn.")]), buffer)
    assert buffer.getvalue().startswith(b"%PDF")


def test_times_new_roman_is_used_only_when_the_system_has_it():
    from services.printing.fonts import TIMES, register_family, times_available

    family = register_family(TIMES)
    assert family.regular.startswith("TimesNewRoman" if times_available() else "LiberationSerif")


@pytest.mark.parametrize(
    ("upper", "written"),
    [
        ("UBND HUYỆN CỦ CHI", "UBND huyện Củ Chi"),
        ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN CỦ CHI", "Phòng Giáo dục và Đào tạo huyện Củ Chi"),
        ("TRƯỜNG MẦM NON AN PHÚ", "Trường Mầm non An Phú"),
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ],
)
def test_a_body_is_named_in_sentence_case_in_recipient_lines(upper, written):
    from services.printing.header import sentence_name

    assert sentence_name(upper) == written


@pytest.mark.parametrize(
    ("name", "abbreviation"),
    [
        ("Trường Tiểu học Tân Phú Trung", "THTPT"),
        ("Trường THCS Bàu Sim", "THCSBS"),
        ("TRƯỜNG MẦM NON AN PHÚ", "MNAP"),
        ("Trường Trung học cơ sở Phước Hiệp", "THCSPH"),
    ],
)
def test_school_symbol_is_built_from_its_name(name, abbreviation):
    from services.printing.common import school_abbreviation

    assert school_abbreviation(name) == abbreviation
