"""Issue 21: the documents offices really receive — damaged PDF text, legacy encodings, a text
layer without diacritics, headings without task words, letters, decisions, reports."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from services.core.vietnamese import fold
from services.plan_import import PlanImportError, parse_plan
from services.plan_import.outline import marker
from services.plan_import.repair import fix_glyphs, join_syllables, repair_lines, running_lines
from services.plan_import.sources import read_source
from tests.plan_import.corpus import (
    TUNE,
    cp1258_bytes,
    detached_marks,
    legacy_docx,
    pdf_bytes,
    pdf_of_text,
    split_syllables,
    uo_glyphs,
)

LETTER = TUNE / "cv_pgd_tuyen_sinh.txt"
DIVISION = TUNE / "kh_pgd_thi_dua.txt"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _titles(name: str, data: bytes) -> list[str]:
    return [t.title for t in parse_plan(name, data).tasks]


# --- 1. repairing PDF text, one kind of damage at a time ------------------------------------


def test_split_syllables_are_joined() -> None:
    assert join_syllables("Báo cáo c ủa các trường về s ơ kết học kỳ") == "Báo cáo của các trường về sơ kết học kỳ"
    assert join_syllables("trước ng ày 0 7/11/2020 và 2 0/6/2024") == "trước ngày 07/11/2020 và 20/6/2024"
    assert join_syllables("PHÒNG GIÁO D ỤC V À ĐÀO T ẠO") == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    assert join_syllables("Số: 5 12/PGDĐT-THCS") == "Số: 512/PGDĐT-THCS"


def test_real_words_next_to_each_other_stay_apart() -> None:
    for line in ("do ủy ban xã cấp", "cho ứng dụng mới", "lớp 6 và lớp 7", "UBND ủy quyền", "Nguyễn Văn An"):
        assert join_syllables(line) == line


def test_the_look_alike_u_horn_and_detached_marks() -> None:
    assert fix_glyphs("Trƣờng THCS Nguyễn Trƣờng Tộ; ƢU TIÊN") == "Trường THCS Nguyễn Trường Tộ; ƯU TIÊN"
    damaged = unicodedata.normalize("NFD", "Kế hoạch tháng").replace("\u0301", " \u0301")
    assert fix_glyphs(damaged) == "Kế hoạch tháng"


def test_page_numbers_and_running_headers_are_dropped() -> None:
    pages = [["Sở GD&ĐT – Kế hoạch 87", "1. Các trường tổ chức", "- 1 -"],
             ["Sở GD&ĐT – Kế hoạch 87", "2. Các trường báo cáo", "Trang 2"]]  # fmt: skip
    assert running_lines(pages) == {"Sở GD&ĐT – Kế hoạch 87"}
    lines, found = repair_lines(pages)
    assert lines == ["1. Các trường tổ chức", "2. Các trường báo cáo"]
    assert any("số trang" in f for f in found)


def test_a_date_broken_at_the_end_of_a_line_is_joined() -> None:
    lines, _found = repair_lines([["gửi về Phòng trước ngày 1", "0/6/2024 để tổng hợp."]])
    assert lines == ["gửi về Phòng trước ngày 10/6/2024 để tổng hợp."]


def test_a_damaged_pdf_reads_as_the_clean_text() -> None:
    clean = _text(LETTER)
    damaged = detached_marks(uo_glyphs(split_syllables(clean, share=0.4)))
    assert "ƣ" in damaged and " \u0301" in damaged and damaged.count(" ") > clean.count(" ") + 20
    plan = parse_plan("cv.pdf", pdf_bytes(damaged.split("\n"), running=uo_glyphs("Cổng thông tin – bản sao")))
    assert plan.format == "pdf"
    assert [t.title for t in plan.tasks] == _titles(LETTER.name, LETTER.read_bytes())
    assert plan.document.symbol == "PGDĐT-THCS" and plan.document.number == "512"
    assert any("PDF bị lỗi" in w and "ƣ" in w for w in plan.warnings)


def test_copied_pdf_text_in_a_txt_is_repaired_too() -> None:
    damaged = uo_glyphs(split_syllables(_text(LETTER), share=0.5))
    plan = parse_plan("dan-tu-pdf.txt", damaged.encode("utf-8"))
    assert [t.title for t in plan.tasks] == _titles(LETTER.name, LETTER.read_bytes())


# --- 2. legacy encodings are converted and said; text that cannot be Vietnamese is refused ------


@pytest.mark.parametrize(("encoding", "name"), [("tcvn3", "TCVN3"), ("vni", "VNI")])
def test_a_word_document_typed_in_a_legacy_font(encoding: str, name: str) -> None:
    plan = parse_plan("cu.docx", legacy_docx(_text(DIVISION), encoding))
    assert plan.format == "docx" and name in plan.encoding
    assert any(name in w and "Unicode" in w for w in plan.warnings)
    assert [fold(t.title) for t in plan.tasks] == [fold(t) for t in _titles(DIVISION.name, DIVISION.read_bytes())]
    assert plan.document.issuer == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"


def test_windows_1258_text_is_converted() -> None:
    plan = parse_plan("cu.txt", cp1258_bytes(_text(DIVISION)))
    assert plan.encoding == "Windows-1258" and any("Windows-1258" in w for w in plan.warnings)
    assert _titles("cu.txt", cp1258_bytes(_text(DIVISION))) == _titles(DIVISION.name, DIVISION.read_bytes())


def test_a_pdf_made_from_a_vntime_document_is_converted() -> None:
    from services.plan_import.encodings import encode_legacy

    lines = [encode_legacy(line, "tcvn3").decode("latin-1") for line in _text(DIVISION).split("\n")]
    plan = parse_plan("cu.pdf", pdf_bytes(lines))
    assert "TCVN3" in plan.encoding and any("TCVN3" in w for w in plan.warnings)
    assert len(plan.tasks) == len(_titles(DIVISION.name, DIVISION.read_bytes()))


def _no_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").replace(
        "đ", "d").replace("Đ", "D")  # fmt: skip


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_an_ocr_layer_without_diacritics_is_refused(kind: str) -> None:
    bare = _no_marks(_text(DIVISION))
    data = bare.encode("utf-8") if kind == "txt" else pdf_of_text(bare)
    with pytest.raises(PlanImportError) as caught:
        parse_plan(f"quet.{kind}", data)
    assert "không có dấu" in caught.value.message


def test_a_text_that_is_not_vietnamese_is_refused() -> None:
    english = "The district office plans the school year and asks every school to report by June. " * 20
    with pytest.raises(PlanImportError, match="không phải tiếng Việt"):
        read_source("en.txt", english.encode("utf-8"))


# --- 3. structure over wording --------------------------------------------------------------


def test_a_number_without_a_space_is_an_item() -> None:
    assert marker("3.Chế độ báo cáo: hằng tháng") is not None
    assert marker("3.Chế độ báo cáo: hằng tháng").label == "3"  # type: ignore[union-attr]
    assert marker("1.5 triệu đồng") is None or marker("1.5 triệu đồng").kind == "dec2"  # type: ignore[union-attr]
    assert marker("TP.HCM tổ chức") is None


def test_parts_without_task_words_hold_tasks() -> None:
    plan = parse_plan("kh.txt", (TUNE / "kh_thcs_danh_gia_ngoai.txt").read_bytes())
    sections = {t.section.split(".")[0] for t in plan.tasks}
    assert {"II", "III", "IV", "V"} <= sections and "I" not in sections
    report = next(t for t in plan.tasks if "Ban giám hiệu" in t.title)
    assert report.section == "IV.3" and report.recurrence == "monthly"


# --- 4. every kind of document --------------------------------------------------------------


def test_a_letter_addressees_are_its_units_and_its_requests_its_tasks() -> None:
    plan = parse_plan(LETTER.name, LETTER.read_bytes())
    assert [t.deadline for t in plan.tasks] == [dt.date(2024, 5, 31), dt.date(2024, 6, 10), None, dt.date(2024, 7, 5)]
    units = [u.name for u in plan.units]
    assert {"Hiệu trưởng các trường tiểu học", "Hiệu trưởng các trường trung học cơ sở",
            "Ủy ban nhân dân các phường, xã"} <= set(units)  # fmt: skip
    assert not any(fold(t.title).startswith(("kinh gui", "- hieu truong")) for t in plan.tasks)


def test_a_decision_names_who_carries_it_out() -> None:
    plan = parse_plan("qd.txt", (TUNE / "qd_ubnd_ban_chi_dao.txt").read_bytes())
    units = {u.name for u in plan.units}
    assert {"Chánh Văn phòng HĐND và UBND huyện", "Trưởng phòng Giáo dục và Đào tạo",
            "Chủ tịch UBND các xã, thị trấn"} <= units  # fmt: skip
    assert not {"Chủ tịch UBND các xã", "UBND huyện", "Chánh Văn phòng HĐND"} & units  # read whole, once
    assert plan.document.title.endswith("xóa mù chữ huyện Đức Thọ")  # not the deciding body's line
    assert [t.section for t in plan.tasks] == ["Điều 1", "Điều 2"]  # Điều 3 only says who executes
    assert plan.tasks[1].deadline == dt.date(2023, 11, 30)


def test_a_report_gives_figures_not_targets() -> None:
    plan = parse_plan("bc.txt", (TUNE / "bc_pgd_ket_qua.txt").read_bytes())
    assert plan.document.type == "BC" and plan.targets == []
    assert plan.deadlines == []  # "số liệu tính đến ngày 31/5/2024" is no deadline


def test_a_present_state_section_gives_no_targets() -> None:
    plan = parse_plan("kh.txt", (TUNE / "kh_truong_doc_sach.txt").read_bytes())
    assert sorted(t.value for t in plan.targets) == [90, 100]
    assert not any(t.section.startswith("I") and not t.section.startswith(("II", "IV")) for t in plan.targets)


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_a_task_table_from_text_and_pdf(kind: str) -> None:
    source = TUNE / "kh_so_chuyen_doi_so.txt"
    data = source.read_bytes() if kind == "txt" else pdf_of_text(_text(source))
    plan = parse_plan(f"kh.{kind}", data)
    rows = {t.title: t for t in plan.tasks if t.section == "II"}
    assert list(rows) == ["Triển khai học bạ số đối với cấp tiểu học", "Cập nhật cơ sở dữ liệu ngành giáo dục",
                          "Bồi dưỡng kỹ năng số cho giáo viên", "Xây dựng kho học liệu số dùng chung"]  # fmt: skip
    first = rows["Triển khai học bạ số đối với cấp tiểu học"]
    assert [(r.unit, r.role) for r in first.responsibilities] == [
        ("Phòng Giáo dục Tiểu học", "lead"), ("Các Phòng GD&ĐT", "support")
    ]  # fmt: skip
    assert first.deadline == dt.date(2023, 12, 31)


def test_a_bar_table_in_a_text_file() -> None:
    text = "\n".join([
        "KẾ HOẠCH", "Công tác y tế trường học năm 2024", "I. NHIỆM VỤ",
        "| STT | Nội dung | Đơn vị chủ trì | Thời gian |", "|---|---|---|---|",
        "| 1 | Khám sức khỏe cho học sinh | Trạm Y tế xã | Tháng 10/2024 |",
        "| 2 | Tẩy giun cho trẻ | Các trường mầm non | Tháng 11/2024 |",
    ])  # fmt: skip
    tasks = parse_plan("yte.txt", text.encode("utf-8")).tasks
    assert [(t.title, t.deadline) for t in tasks] == [
        ("Khám sức khỏe cho học sinh", dt.date(2024, 10, 31)), ("Tẩy giun cho trẻ", dt.date(2024, 11, 30))
    ]  # fmt: skip


# --- 5. header and dates ----------------------------------------------------------------------


def test_the_issuer_is_the_agency_of_the_header_and_a_split_symbol_is_read() -> None:
    doc = parse_plan(DIVISION.name, DIVISION.read_bytes()).document
    assert (doc.issuer, doc.issuer_parent) == ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "UBND HUYỆN CAN LỘC")
    assert (doc.number, doc.symbol) == ("87", "KH-PGDĐT")
    broken = "ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 20a/KH-THTM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\n"
    doc = parse_plan("kh.txt", (broken + _text(DIVISION).split("\n", 7)[7]).encode("utf-8")).document
    assert (doc.number, doc.symbol, doc.issuer) == ("20a", "KH-THTM", "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH")


def test_cited_and_statistics_dates_are_no_deadlines_and_deadlines_say_what_is_due() -> None:
    plan = parse_plan(LETTER.name, LETTER.read_bytes())
    dates = {d.date for d in plan.deadlines}
    assert dt.date(2024, 4, 22) not in dates  # Quyết định số 1020/QĐ-UBND ngày 22/4/2024
    assert dt.date(2024, 4, 30) not in dates  # "Theo số liệu thống kê ngày 30/4/2024"
    schedule = parse_plan("tb.txt", (Path(__file__).parents[1] / "fixtures/plans/tune/tb_pgd_lich_thi.txt").read_bytes())
    closing = next(d for d in schedule.deadlines if d.date == dt.date(2023, 11, 10))
    assert closing.text.startswith("Bế mạc, trao giải")


def test_a_top_aligned_pdf_table_at_the_margin_ends_before_a_justified_line() -> None:
    from services.plan_import.pdf_tables import table_lines

    layout = "\n".join([
        "II. NHIỆM VỤ",
        "STT   Nội dung công việc        Đơn vị chủ trì      Thời gian",
        "1     Khám sức khỏe học sinh    Trạm Y tế xã        Tháng 10/2024",
        "      đầu năm học",
        "2     Tẩy giun cho trẻ          Các trường          Tháng 11/2024",
        "Các  trường  tổ  chức  thực  hiện  nghiêm  túc  các  nội  dung  trên  theo  kế  hoạch.",
        "III. TỔ CHỨC THỰC HIỆN",
    ])  # fmt: skip
    assert table_lines(layout) == [
        "II. NHIỆM VỤ",
        "STT\tNội dung công việc\tĐơn vị chủ trì\tThời gian",
        "1\tKhám sức khỏe học sinh đầu năm học\tTrạm Y tế xã\tTháng 10/2024",
        "2\tTẩy giun cho trẻ\tCác trường\tTháng 11/2024",
        "Các  trường  tổ  chức  thực  hiện  nghiêm  túc  các  nội  dung  trên  theo  kế  hoạch.",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    assert table_lines("Một đoạn văn bình thường.\nKhông có bảng nào.") is None


_REPORT = """PHÒNG GD&ĐT HUYỆN A
TRƯỜNG THCS B
Số: 12/BC-THCS
B, ngày 15 tháng 01 năm 2024
BÁO CÁO
Sơ kết học kỳ I năm học 2023-2024
I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ
1. Học lực: 42,5% học sinh xếp loại tốt, 1,2% chưa đạt.
2. Có 15 học sinh đạt giải; số liệu tính đến ngày 10/01/2024.
II. NHIỆM VỤ HỌC KỲ II
1. Bồi dưỡng đội tuyển học sinh giỏi, hoàn thành danh sách trước ngày 20/02/2024.
"""


def test_a_report_past_work_is_no_task_even_when_its_heading_says_nhiem_vu() -> None:
    plan = parse_plan("bc.txt", _REPORT.encode("utf-8"))
    assert [t.section for t in plan.tasks] == ["II.1"]
    assert [d.date for d in plan.deadlines] == [dt.date(2024, 2, 20)]


def test_aims_set_no_report_deadline_and_counted_sessions_are_targets() -> None:
    text = _REPORT.replace("BÁO CÁO", "KẾ HOẠCH").replace("/BC-", "/KH-").replace(
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "I. MỤC TIÊU\nĐến hết năm 2024, tổ chức ít nhất 02 buổi ngoại khóa."
    )  # fmt: skip
    plan = parse_plan("kh.txt", text.encode("utf-8"))
    assert dt.date(2024, 12, 31) not in {d.date for d in plan.deadlines}
    assert [(t.value, t.unit) for t in plan.targets if t.section == "I"] == [(2, "buổi")]


def test_a_week_of_a_month_is_no_day_and_toneless_split_syllables_join() -> None:
    from services.plan_import.figures import find_dates

    assert [(d, p) for _s, _e, d, p in find_dates("vào tuần 3 tháng 4/2024")] == [(dt.date(2024, 4, 30), "month")]
    assert join_syllables("Nộp bi ên bản họp về Văn phòng") == "Nộp biên bản họp về Văn phòng"


_SCHOOL_PLAN = """TRƯỜNG TIỂU HỌC A
Số: 27/KH-THA
A, ngày 12 tháng 10 năm 2023
KẾ HOẠCH
Sinh hoạt chuyên môn năm học 2023-2024
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng sinh hoạt tổ chuyên môn.
II. CÁC CHUYÊN ĐỀ
1. Chuyên đề Tiếng Việt lớp 1: tổ khối 1 thực hiện trong tháng 11/2023.
III. THỜI GIAN, ĐỊA ĐIỂM
Các buổi sinh hoạt tổ chức vào chiều thứ Năm hằng tháng tại phòng họp nhà trường.
"""


def test_a_recurring_meeting_is_a_task_and_a_labelled_line_names_its_unit() -> None:
    plan = parse_plan("kh.txt", _SCHOOL_PLAN.encode("utf-8"))
    by_section = {t.section: t for t in plan.tasks}
    assert set(by_section) == {"II.1", "III"}
    assert [(r.unit, r.role) for r in by_section["II.1"].responsibilities] == [("tổ khối 1", "lead")]
    assert by_section["III"].recurrence == "monthly"
