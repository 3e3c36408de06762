"""Printouts read as the head of office who signs them (issue 20): the produced files themselves,
measured with ``pdftotext -bbox``, python-docx and a LibreOffice render of the Word file."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from services.printing import build_report, save_report
from services.printing.docx import _PPR_ORDER, _TBLPR_ORDER
from services.printing.pdf import HeaderBlock

from .conftest import poppler

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r"<page ")


def words(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page, each word as ``(x, y, x_end, text)`` (y from the top of the page)."""
    out: list[list[tuple[float, float, float, str]]] = []
    for page in _PAGE.split(poppler("pdftotext", "-bbox", str(pdf), "-"))[1:]:
        out.append(
            [(float(m[1]), float(m[2]), float(m[3]), html.unescape(m[5])) for m in _WORD.finditer(page)]
        )
    return out


def phrase_lines(page: list[tuple[float, float, float, str]], phrase: str) -> list[float]:
    """The distinct line positions (y) the words of ``phrase`` sit on, where they follow each other."""
    wanted = phrase.split()
    texts = [w[3] for w in page]
    for start in range(len(texts) - len(wanted) + 1):
        if texts[start : start + len(wanted)] == wanted:
            return sorted({round(w[1]) for w in page[start : start + len(wanted)]})
    raise AssertionError(f"«{phrase}» not on the page: {' '.join(texts[:60])}")


def libreoffice_pdf(docx_path: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the Word render cannot be checked")
    out = docx_path.parent / "lo"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out / (docx_path.stem + ".pdf")


# --- 1. the Word header as the PDF has it ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["progress", "plan"])
def test_word_header_keeps_motto_and_names_on_their_lines(demo_db, dated, tmp_path, kind):
    path = tmp_path / f"{kind}.docx"
    save_report(build_report(demo_db, kind, dated), path)
    first = words(libreoffice_pdf(path))[0]
    assert len(phrase_lines(first, HeaderBlock.NATION)) == 1
    assert len(phrase_lines(first, HeaderBlock.MOTTO)) == 1
    if kind == "progress":  # the district office's own header
        assert len(phrase_lines(first, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")) == 1
        assert len(phrase_lines(first, "UBND HUYỆN CỦ CHI")) == 1
    else:  # printed as the People's Committee issued it: two even lines, not a word left alone
        lines = phrase_lines(first, "ỦY BAN NHÂN DÂN HUYỆN CỦ CHI")
        assert len(lines) == 2
        row = [w[3] for w in first if round(w[1]) == lines[1] and w[0] < 250]
        assert row == ["HUYỆN", "CỦ", "CHI"]


def _children(element) -> list[str]:
    return [child.tag.rpartition("}")[2] for child in element]


def _in_order(names: list[str], order: list[str]) -> bool:
    positions = [order.index(n) for n in names if n in order]
    return positions == sorted(positions)


def test_word_header_structure(demo_db, dated, tmp_path):
    path = tmp_path / "plan.docx"
    save_report(build_report(demo_db, "plan", dated), path)
    document = Document(str(path))
    header = document.tables[0]
    margins = header._tbl.tblPr.find(qn("w:tblCellMar"))
    assert margins is not None
    assert {m.get(qn("w:w")) for m in margins} == {"0"}
    body = document.element.body
    for tbl_pr in body.iter(qn("w:tblPr")):
        assert _in_order(_children(tbl_pr), _TBLPR_ORDER), _children(tbl_pr)
    for p_pr in body.iter(qn("w:pPr")):
        assert _in_order(_children(p_pr), _PPR_ORDER), _children(p_pr)
    rules = [
        p
        for p in header.cell(0, 0).paragraphs + header.cell(0, 1).paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert len(rules) == 2  # under the agency name and under the motto
    left = header.cell(0, 0).paragraphs[0]
    assert left._p.xml.count("<w:br/>") == 1  # ỦY BAN NHÂN DÂN / HUYỆN CỦ CHI, broken on purpose
    assert left.text.replace("\n", " ") == "ỦY BAN NHÂN DÂN HUYỆN CỦ CHI"
    assert {r.font.size.pt for r in left.runs} == {12.0}
    langs = {lang.get(qn("w:val")) for lang in document.styles.element.iter(qn("w:lang"))}
    assert langs == {"vi-VN"}


# --- 2. a plan reprint is the same document -------------------------------------------------------


def _document_with(db, needle: str):
    from sqlalchemy import select

    from models import Document

    with db.session() as session:
        return session.scalar(select(Document).where(Document.body_text.contains(needle)))


def _pdf_pages(db, kind, options, tmp_path) -> list[str]:
    path = tmp_path / f"{kind}.pdf"
    save_report(build_report(db, kind, options), path)
    text = poppler("pdftotext", str(path), "-")
    return [" ".join(page.split()) for page in text.split("\f")]


def test_plan_reprint_is_the_stored_document(demo_db, tmp_path):
    from services.printing.common import ReportOptions

    doc = _document_with(demo_db, "xây dựng kế hoạch triển khai các nhiệm vụ, giải pháp trọng tâm")
    pages = _pdf_pages(demo_db, "plan", ReportOptions(document_id=doc.id), tmp_path)
    text = " ".join(pages)
    assert "Củ Chi, ngày 19 tháng 9 năm 2023" in pages[0]  # its own date, not the printing day
    assert "Ủy ban nhân dân huyện Củ Chi xây dựng kế hoạch triển khai" in text  # the introduction
    closing = "thực hiện thắng lợi các nhiệm vụ năm học 2023 – 2024./."
    assert closing in text  # the closing paragraph, ended as ND30 ends a text
    signature = next(i for i, p in enumerate(pages) if "Nơi nhận:" in p)
    assert closing in pages[signature] or closing in pages[signature - 1]
    appendix = next(i for i, p in enumerate(pages) if "DANH MỤC NHIỆM VỤ" in p)
    assert appendix > signature
    assert "…" not in " ".join(pages[appendix:])  # full task titles
    assert "đề xuất quỹ đất giáo dục và các cơ chế, chính sách nhằm đẩy mạnh tiến độ" in " ".join(
        pages[appendix:]
    )


def test_plan_reprint_keeps_thuc_hien_and_attaches_after_the_signature(demo_db, tmp_path):
    from services.printing.common import ReportOptions

    doc = _document_with(demo_db, "ĐỀ CƯƠNG BÁO CÁO")
    pages = _pdf_pages(demo_db, "plan", ReportOptions(document_id=doc.id), tmp_path)
    text = " ".join(pages)
    assert "Thực hiện Kế hoạch số 224-KH/TU" in text
    assert "Căn cứ Kế hoạch số 224-KH/TU" not in text
    assert "Trên đây là Kế hoạch làm việc" in text
    signature = next(i for i, p in enumerate(pages) if "Nơi nhận:" in p)
    outline = next(i for i, p in enumerate(pages) if "ĐỀ CƯƠNG BÁO CÁO" in p)
    assert outline > signature
    assert pages[outline].index("ĐỀ CƯƠNG BÁO CÁO") < pages[outline].index("1.1. Thuận lợi")
    assert "ĐỀ CƯƠNG BÁO CÁO" not in " ".join(pages[: signature + 1])


# --- 3. a school's report is signable -------------------------------------------------------------


def test_school_report_is_signable(demo_db, dated, tmp_path):
    from sqlalchemy import select

    from models import OrgUnit
    from models.enums import SchoolLevel
    from services.printing.common import ReportOptions

    with demo_db.session() as session:
        school = session.scalars(
            select(OrgUnit).where(OrgUnit.school_level == SchoolLevel.MN, OrgUnit.head_name != "")
        ).first()
        school_id, head, name = school.id, school.head_name, school.name
    options = ReportOptions(unit_id=school_id, header=dated.header)
    path = tmp_path / "unit.pdf"
    save_report(build_report(demo_db, "unit-report", options), path)
    pages = words(path)
    text = " ".join(w[3] for page in pages for w in page)
    assert "Số: 05/BC-MN" in text and "BC-MN0" not in text and "BC-..." not in text
    assert "Củ Chi, ngày 05 tháng 01 năm 2024" in text
    assert "tình trạng" not in text and "chưa viết nội dung" not in text
    assert "Chất lượng giáo dục tiểu học" not in text  # a kindergarten's sections only
    assert "Chất lượng giáo dục trung học cơ sở" not in text
    assert "Chất lượng chăm sóc, nuôi dưỡng trẻ" in text
    last = pages[-1]
    title = phrase_lines(last, "HIỆU TRƯỞNG")[0]
    below = phrase_lines(last, head)[0]
    assert below - title > 60  # the head's name under the title, room for signature and seal between
    assert name.upper() in text


# --- 5. the clerk edits the header before printing ------------------------------------------------


def test_cli_header_options_reach_the_page(demo_path, tmp_path):
    from tests.printing.test_cli import _cli

    out = tmp_path / "progress.pdf"
    done = _cli(
        "--db", str(demo_path), "report", "progress", "--out", str(out), "--date", "2024-01-05",
        "--subject", "Tiến độ thực hiện nhiệm vụ học kỳ I năm học 2023-2024", "--place", "Tân Thông Hội",
        "--parent-body", "UBND huyện Củ Chi", "--issuing-body", "Phòng Giáo dục và Đào tạo",
        "--authority", "KT.", "--signer-title", "PHÓ TRƯỞNG PHÒNG", "--signer", "Lê Văn Bình",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pages = words(out)
    first = " ".join(w[3] for w in pages[0])
    assert "BÁO CÁO Tiến độ thực hiện nhiệm vụ học kỳ I năm học 2023-2024" in first
    assert "Tân Thông Hội, ngày 05 tháng 01 năm 2024" in first
    assert "UBND HUYỆN CỦ CHI" in first and "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in first
    signature = next(p for p in pages if "Nơi nhận:" in " ".join(w[3] for w in p))
    kt = phrase_lines(signature, "KT. TRƯỞNG PHÒNG")[0]
    title = phrase_lines(signature, "PHÓ TRƯỞNG PHÒNG")[0]
    name = phrase_lines(signature, "Lê Văn Bình")[0]
    assert kt < title < name and name - title > 60
    closing = " ".join(w[3] for w in signature)
    # a report going up: to the People's Committee, not to the schools; no "Như trên" without "Kính gửi"
    assert "- UBND huyện Củ Chi (để báo cáo);" in closing
    assert "Như trên" not in closing and "Các trường" not in closing.partition("Nơi nhận:")[2]
    text = " ".join(w[3] for p in pages for w in p)
    assert "kèm theo./." in text  # the body ends as ND30 ends a text
    assert "(Kèm theo Báo cáo số /BC-PGDĐT ngày 05 tháng 01 năm 2024 của Phòng Giáo dục và Đào tạo" in text


def test_notice_goes_to_the_units(demo_db, dated, tmp_path):
    doc = build_report(demo_db, "assignments", dated)
    lines = doc.header.recipient_lines()
    assert lines[0].startswith("- Các") and lines[-1].startswith("- Lưu")
    assert not any("Như trên" in line for line in lines)


# --- 6. a synthesis that synthesises ---------------------------------------------------------------


def test_synthesis_states_figures_and_quotes_schools_only_in_an_appendix(demo_db, dated, tmp_path):
    from services.printing.model import TableBlock

    doc = build_report(demo_db, "synthesis", dated)
    body = " ".join(b.text for b in doc.body if not isinstance(b, TableBlock))
    assert "phải báo cáo; đã nhận" in body and "đúng hạn" in body
    assert "chỉ tiêu có số liệu để đánh giá: đạt" in body
    indicator_table = next(
        b for b in doc.body if isinstance(b, TableBlock) and b.columns[1].label == "Chỉ tiêu"
    )
    assert indicator_table.rows and {r[4] for r in indicator_table.rows} <= {"Đạt", "Chưa đạt", ""}
    voices = doc.appendices[-1]
    assert voices.title == "PHỤ LỤC 2"
    quoted = [b.text.partition(": ")[2] for b in voices.blocks if b.text.startswith("- Trường")]
    assert quoted and not any(text in body for text in quoted)  # the schools' words only in the appendix
    path = tmp_path / "synthesis.pdf"
    save_report(doc, path)
    pages = [" ".join(p.split()) for p in poppler("pdftotext", str(path), "-").split("\f")]
    signature = next(i for i, p in enumerate(pages) if "Nơi nhận:" in p)
    assert signature <= 3  # the district's figures on a few pages; the schools' words after


# --- 3 and 5 on a school's own database (set up from the district's bundle) ----------------------


@pytest.fixture(scope="module")
def school_path(demo_path, tmp_path_factory):
    import json
    import os

    from sqlalchemy import select

    from models import OrgUnit
    from models.db import open_database
    from models.enums import SchoolLevel
    from tests.printing.test_cli import _cli

    db = open_database(str(demo_path))
    with db.session() as session:
        code = session.scalar(
            select(OrgUnit.code).where(OrgUnit.school_level == SchoolLevel.TH).order_by(OrgUnit.code)
        )
    db.dispose()
    folder = tmp_path_factory.mktemp("school")
    bundle, path = folder / "setup.edusync", folder / "school.sqlite"
    done = _cli("--db", str(demo_path), "--json", "setup-bundle", "--school", code, "--out", str(bundle))
    assert done.returncode == 0, done.stderr
    secret = json.loads(done.stdout)["code"]
    os.environ.setdefault("EDUDESK_ADMIN_PASSWORD", "Thu-nghiem-2026")
    done = _cli("--db", str(path), "init", "--setup-bundle", str(bundle), "--code", secret)
    assert done.returncode == 0, done.stderr
    return path


@pytest.mark.parametrize("kind", ["unit-report", "progress"])
def test_a_school_prints_its_own_signable_header(school_path, tmp_path, kind):
    from models.db import open_database
    from services.accounts.office import office_info
    from services.accounts.orgunits import get_unit
    from tests.printing.test_cli import _cli

    db = open_database(str(school_path))
    me = get_unit(db, office_info(db).id)
    db.dispose()
    out = tmp_path / f"{kind}.pdf"
    done = _cli("--db", str(school_path), "report", kind, "--out", str(out), "--date", "2024-01-05")
    assert done.returncode == 0, done.stderr
    pages = words(out)
    first = " ".join(w[3] for w in pages[0])
    assert me.name.upper() in first
    symbol = next(w[3] for w in pages[0] if w[3].startswith("/BC-"))
    assert symbol.startswith("/BC-TH") and symbol not in ("/BC-...", f"/BC-{me.code}")
    assert "Củ Chi, ngày 05 tháng 01 năm 2024" in first
    last = (
        " ".join(w[3] for w in pages[-1])
        if kind == "unit-report"
        else " ".join(" ".join(w[3] for w in p) for p in pages)
    )
    assert "HIỆU TRƯỞNG" in last and me.head_name and me.head_name in last
    closing = last.partition("Nơi nhận:")[2]
    assert "Phòng Giáo dục và Đào tạo huyện Củ Chi (để báo cáo)" in closing and "Như trên" not in closing


# --- 4. blocks kept together ----------------------------------------------------------------------


def _grouped_document(groups: int = 40):
    """An indicator-like table: each name followed by its level rows, first cell blank."""
    from services.printing.model import Block, Column, Header, PrintDocument, TableBlock

    rows = []
    for g in range(1, groups + 1):
        rows.append([str(g), f"Nhom{g:02d} chỉ tiêu", "MN"])
        rows += [["", f"Nhom{g:02d} cấp", level] for level in ("TH", "THCS", "Chung")]
    columns = [Column("STT", 1.5, "center"), Column("Chỉ tiêu", 10), Column("Cấp học", 2, "center")]
    body = [
        Block("Mở đầu."),
        Block("I. KẾT QUẢ", "heading1"),
        TableBlock(columns, rows, keep_groups=True),
        Block("Đoạn kết thúc báo cáo."),
    ]
    header = Header(issuing_body="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", abbreviation="PGDĐT", signer_lines=["TRƯỞNG PHÒNG"],
                    signer_name="Lê Văn Bình")  # fmt: skip
    return PrintDocument(header, "Thử giữ khối", body)


def test_pdf_keeps_an_indicators_rows_with_its_name(tmp_path):
    path = tmp_path / "groups.pdf"
    save_report(_grouped_document(), path)
    pages = words(path)
    assert len(pages) > 2
    where: dict[str, set[int]] = {}
    for number, page in enumerate(pages):
        for w in page:
            if w[3].startswith("Nhom"):
                where.setdefault(w[3], set()).add(number)
    assert len(where) == 40 and all(len(p) == 1 for p in where.values()), where


def test_pdf_heading_never_ends_a_page_and_signature_never_stands_alone(demo_db, dated, tmp_path):
    path = tmp_path / "progress.pdf"
    save_report(build_report(demo_db, "progress", dated), path)
    pages = words(path)
    for number, page in enumerate(pages):
        lines = sorted({round(w[1]) for w in page if not w[3].isdigit() or w[1] > 60})
        if not lines:
            continue
        bottom = " ".join(w[3] for w in page if round(w[1]) == lines[-1])
        # a task heading of the appendix ("3. Nâng cao …") is never the last line of a page
        assert not re.match(r"^\d+\. [A-ZĐÂ]", bottom) or number == len(pages) - 1, (number, bottom)
    signature = next(page for page in pages if any(w[3] == "nhận:" for w in page))
    y = next(w[1] for w in signature if w[3] == "nhận:")
    above = {round(w[1]) for w in signature if w[1] < y - 5 and w[1] > 60}
    assert len(above) >= 3  # closing line and the table's last rows share the signature's page
    assert "./." in " ".join(w[3] for w in signature if w[1] < y)


def test_word_keeps_headings_groups_and_closing_together(tmp_path):
    path = tmp_path / "groups.docx"
    save_report(_grouped_document(), path)
    document = Document(str(path))
    heading = next(p for p in document.paragraphs if p.text == "I. KẾT QUẢ")
    assert heading._p.pPr.find(qn("w:keepNext")) is not None
    closing_text = next(p for p in document.paragraphs if p.text.startswith("Đoạn kết thúc"))
    assert closing_text._p.pPr.find(qn("w:keepNext")) is not None
    grid = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    rows = grid._tbl.tr_lst[1:]

    def keeps(tr) -> bool:
        return tr.find(f".//{qn('w:keepNext')}") is not None

    # a name row and its level rows but the last keep with the next row; a group's last row does not
    assert [keeps(tr) for tr in rows[4:8]] == [True, True, True, False]
    assert all(keeps(tr) for tr in rows[-2:])  # the last rows go with the closing line
    closing = document.tables[-1]
    assert closing._tbl.tr_lst[0].trPr.find(qn("w:cantSplit")) is not None
    pdf = libreoffice_pdf(path)
    where: dict[str, set[int]] = {}
    for number, page in enumerate(words(pdf)):
        for w in page:
            if w[3].startswith("Nhom"):
                where.setdefault(w[3], set()).add(number)
    assert len(where) == 40 and all(len(p) == 1 for p in where.values())
