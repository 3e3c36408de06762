"""The plan importer on the three sample plans and two more of other kinds, checked by reading them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from services.core.vietnamese import fold
from services.demo.district import sample_plans_dir
from services.plan_import import parse_plan, parse_plan_file
from services.plan_import.model import ParsedPlan

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "plans"


def _plan(name: str) -> ParsedPlan:
    folder = FIXTURES if not name[0].isdigit() else sample_plans_dir()
    return parse_plan_file(next(folder.glob(f"{name}*")))


def _task(plan: ParsedPlan, words: str):
    found = [t for t in plan.tasks if fold(words) in fold(t.title)]
    assert len(found) == 1, (words, [t.title for t in plan.tasks])
    return found[0]


def _roles(task) -> dict[str, str]:
    return {fold(r.unit): r.role for r in task.responsibilities}


def test_sample_000_cu_chi_plan_for_the_school_year() -> None:
    plan = _plan("000")
    doc = plan.document
    assert (doc.type, doc.place, doc.issued_on) == ("KH", "Củ Chi", dt.date(2023, 9, 19))
    assert doc.title.startswith("Triển khai nhiệm vụ, giải pháp trọng tâm năm học 2023-2024")
    assert doc.school_year == "2023-2024" and doc.issuer == "Ủy ban nhân dân huyện Củ Chi"
    assert [b["number"] for b in doc.basis] == ["5427/QĐ-BGDĐT", "3679/QĐ-UBND"]
    assert doc.basis[0]["date"] == "2023-08-23"
    assert len(doc.recipients) == 13 and doc.recipients[0] == "Sở GD-ĐT Thành phố"
    assert (doc.signer.authority, doc.signer.name) == ("TM. KT.", "Nguyễn Thị Hằng")
    assert [s.number for s in plan.root.children] == ["I", "II", "III"]
    assert len(plan.root.children[1].children) == 13
    # The thirteen items of part II are tasks, and so are the duties of part III.
    part_two = [t for t in plan.tasks if t.section.startswith("II.")]
    assert len(part_two) == 13
    happy = _task(plan, "mô hình trường học hạnh phúc")
    assert happy.section == "II.6" and "Trường học hạnh phúc" in happy.description
    assert _roles(happy) == {"phong giao duc va dao tao huyen": "lead"}
    home = _task(plan, "Phòng Nội vụ huyện thực hiện tốt công tác tham mưu")
    assert home.section == "III.2.1" and _roles(home) == {"phong noi vu huyen": "lead"}
    culture = _task(plan, "Phòng Văn hóa và Thông tin huyện; Trung tâm Văn hóa")
    assert _roles(culture)["ban tuyen giao huyen uy"] == "support"
    communes = [t for t in plan.tasks if t.section == "III.3"]
    assert len(communes) == 4
    assert all(_roles(t) == {"uy ban nhan dan cac xa, thi tran": "lead"} for t in communes)
    schools = [t for t in plan.tasks if t.section == "III.4"]
    assert len(schools) == 1 and schools[0].deadline == dt.date(2023, 9, 20)
    assert [d.date.isoformat() for d in plan.deadlines] == ["2023-09-20", "2024-01-10", "2024-06-10"]
    assert sorted(t.value for t in plan.targets) == [100, 100]
    units = {fold(u.name) for u in plan.units}
    assert {
        "phong noi vu huyen",
        "trung tam y te huyen",
        "cong an huyen",
        "uy ban nhan dan cac xa, thi tran",
    } <= units
    assert not any("bo giao duc" in u or "bo truong" in u for u in units), "cited bodies are not responsible"


def test_sample_001_province_plan_with_an_appendix() -> None:
    plan = _plan("001")
    doc = plan.document
    assert (doc.type, doc.number, doc.symbol, doc.place) == ("KH", "", "KH-SGDĐT", "Quảng Ngãi")
    assert doc.issued_on is None and doc.issued_year == 2023
    assert (
        doc.title == "làm việc với Ủy ban nhân dân các huyện về công tác giáo dục và đào tạo tại địa phương"
    )
    assert doc.issuer == "Sở Giáo dục và Đào tạo" and doc.school_year == "2022-2023"
    assert len(doc.basis) == 5 and doc.basis[1]["number"] == "1112/CT-BGDĐT"
    assert (doc.signer.title, doc.signer.name) == ("GIÁM ĐỐC", "Nguyễn Ngọc Thái")
    assert len(plan.appendices) == 1 and plan.appendices[0].title == "ĐỀ CƯƠNG BÁO CÁO"
    outline = plan.appendices[0].root.children
    assert [s.number for s in outline] == ["I", "II", "III"] and len(outline[0].children) == 7
    assert len([t for t in plan.tasks if t.section.startswith("II.")]) == 6
    office = _task(plan, "Giao Chánh Văn phòng Sở GDĐT")
    assert _roles(office) == {"chanh van phong so gddt": "lead", "van phong cac huyen": "support"}
    assert _roles(_task(plan, "Đề nghị UBND các huyện chuẩn bị")) == {"ubnd cac huyen": "lead"}
    assert [(d.date.isoformat(), d.precision) for d in plan.deadlines] == [
        ("2023-06-30", "quarter"),
        ("2023-09-30", "quarter"),
    ]
    assert not plan.targets
    assert "Văn bản chưa có số (dòng «Số: /…» để trống)." in plan.warnings


def test_sample_004_period_plan_with_targets() -> None:
    plan = _plan("004")
    doc = plan.document
    assert (doc.type, doc.symbol, doc.place, doc.period) == ("KH", "KH-UBND", "Mường La", "2021-2025")
    assert doc.issuer == "Ủy ban nhân dân huyện Mường La"
    assert (doc.signer.authority_text, doc.signer.title, doc.signer.name) == (
        "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Mùa Thị Sinh",
    )
    assert [b["number"] for b in doc.basis] == ["613/QĐ-UBND"]
    assert len([t for t in plan.tasks if t.section.startswith("III.")]) == 8
    labour = _task(plan, "phân luồng học sinh")
    assert _roles(labour) == {
        "phong giao duc va dao tao": "lead",
        "phong lao dong - thuong binh va xa hoi": "support",
    }
    values = {(t.value, t.comparator) for t in plan.targets}
    assert {
        (70.1, ">="),
        (12.5, ">="),
        (5, "<="),
        (8, "<="),
        (98, ">="),
        (60, ">="),
        (1.3, "<="),
        (65, "="),
    } <= values
    assert all(t.year == 2025 for t in plan.targets)
    by_section = {t.section for t in plan.targets if t.value == 12.5}
    assert by_section == {"II.2.1", "II.2.2", "II.2.3"}
    levels = {t.section: t.level for t in plan.targets if t.value == 12.5}
    assert levels == {"II.2.1": "MN", "II.2.2": "TH", "II.2.3": "THCS"}
    schools = [t for t in plan.targets if t.unit == "trường"]
    assert [t.value for t in schools] == [1, 1, 1], "tối thiểu một trường … có chất lượng cao"
    assert {u.name for u in plan.units} >= {
        "Phòng Nội vụ",
        "Trung tâm Y tế",
        "Ủy ban nhân dân các xã, thị trấn",
    }
    issuer = [r.unit for t in plan.tasks for r in t.responsibilities if "muong la" in fold(r.unit)]
    assert not issuer, "the body that writes the plan does not get its tasks"


def test_a_directive_without_parts_and_with_a_two_column_header() -> None:
    plan = _plan("chi_thi")
    doc = plan.document
    assert (doc.type, doc.number, doc.symbol) == ("CT", "12", "CT-UBND")
    assert (doc.place, doc.issued_on) == ("Bình Phước", dt.date(2023, 8, 8))
    assert doc.issuer == "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"
    assert doc.title.startswith("Về nhiệm vụ trọng tâm năm học 2023-2024")
    assert (doc.signer.authority, doc.signer.title, doc.signer.name) == ("KT.", "PHÓ CHỦ TỊCH", "Trần Văn Mi")
    assert len(plan.tasks) == 9
    report = _task(plan, "Định kỳ hằng quý")
    assert report.recurrence == "quarterly" and _roles(report) == {"so giao duc va dao tao": "lead"}
    assert _task(plan, "Chủ trì, phối hợp với các sở").deadline == dt.date(2023, 9, 30)
    home = _task(plan, "tham mưu giao số lượng người làm việc")
    assert _roles(home) == {"so giao duc va dao tao": "lead", "so noi vu": "support"}
    targets = {(t.value, t.comparator, t.year) for t in plan.targets}
    assert targets == {(95, ">=", 2024), (0.5, "<=", 2024), (20, ">=", 2024), (85, ">=", 2025)}
    assert 99.5 not in {t.value for t in plan.targets}, "a result in the preamble is no target"
    # «Định kỳ hằng quý … báo cáo» is a report deadline too: the end of the first whole quarter, repeating
    assert [(d.date, d.recurrence) for d in plan.deadlines] == [
        (dt.date(2023, 9, 30), "once"),
        (dt.date(2023, 9, 5), "once"),
        (dt.date(2023, 12, 31), "quarterly"),
        (dt.date(2023, 12, 31), "once"),
    ]


def test_a_district_contest_plan_with_a_schedule() -> None:
    plan = _plan("kh_hoi_thi")
    doc = plan.document
    assert (doc.number, doc.symbol, doc.issuer, doc.issuer_parent) == (
        "215",
        "KH-PGDĐT",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "UBND HUYỆN ĐÔNG ANH",
    )
    assert doc.title == "Tổ chức Hội thi giáo viên dạy giỏi cấp huyện bậc tiểu học năm học 2023-2024"
    assert len(doc.basis) == 2 and doc.basis[0]["number"] == "22/2019/TT-BGDĐT"
    assert [d.date.isoformat() for d in plan.deadlines if d.section == "III"] == [
        "2023-10-15",
        "2023-11-01",
        "2023-11-10",
        "2023-12-31",
        "2024-01-20",
    ]
    schools = [t for t in plan.tasks if t.section == "IV.2"]
    assert len(schools) == 2 and schools[0].deadline == dt.date(2023, 9, 30)
    centre = next(t for t in plan.tasks if t.section == "IV.3")
    assert _roles(centre) == {
        "phong giao duc va dao tao": "lead",
        "trung tam van hoa, thong tin va the thao huyen": "support",
    }
    assert [(t.value, t.unit) for t in plan.targets] == [(2, "giáo viên")]
    assert not [t for t in plan.tasks if t.section.startswith(("I.", "V"))], "aims and budget are no tasks"
    # Issue 21: a "Thời gian, địa điểm" part whose lines say who sends what by when holds tasks.
    schedule = [t for t in plan.tasks if t.section == "III"]
    assert [t.deadline.isoformat() for t in schedule if t.deadline] == [
        "2023-10-15", "2023-11-01", "2023-12-31", "2024-01-20"
    ]  # fmt: skip


def test_a_letter_without_an_outline() -> None:
    plan = _plan("cong_van")
    doc = plan.document
    assert (doc.type, doc.number, doc.symbol, doc.issued_on) == (
        "CV",
        "1234",
        "GDĐT-TH",
        dt.date(2023, 6, 12),
    )
    assert doc.title == "triển khai công tác phòng, chống dịch bệnh mùa mưa năm 2023"
    assert [b["number"] for b in doc.basis] == ["2345/SGDĐT-CTTT"]
    assert (doc.signer.authority, doc.signer.title, doc.signer.name) == (
        "KT.",
        "PHÓ TRƯỞNG PHÒNG",
        "Lê Văn Bình",
    )
    assert doc.closing.startswith("Nhận được Công văn này")
    assert [t.deadline.isoformat() if t.deadline else None for t in plan.tasks] == [
        "2023-06-20",
        None,
        "2023-06-30",
    ]
    # The intro "… đề nghị Hiệu trưởng các trường thực hiện một số nội dung sau:" says who.
    assert _roles(plan.tasks[0]) == {"hieu truong cac truong": "lead"}
    assert _roles(plan.tasks[1]) == {"tram y te xa, thi tran": "lead", "hieu truong cac truong": "support"}


def test_a_ministry_letter_lettered_parts_and_an_intro_that_names_who() -> None:
    """Abridged from Công văn 4555/BGDĐT-GDPT: parts A, B, C with Roman sections inside B."""
    plan = _plan("cong_van_bo")
    doc = plan.document
    assert (doc.type, doc.number, doc.symbol, doc.issuer) == (
        "CV",
        "4555",
        "BGDĐT-GDPT",
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
    )
    assert (doc.place, doc.issued_on, doc.school_year) == ("Hà Nội", dt.date(2025, 8, 5), "2025-2026")
    assert [s.number for s in plan.root.children] == ["A", "B", "C"]
    assert [s.number for s in plan.root.children[1].children] == ["I", "II"]
    assert [t.section for t in plan.tasks] == [
        "A.1",
        "A.2",
        "A.3",
        "B.I.1.a",
        "B.I.1.b",
        "B.I.2",
        "B.II.1",
        "C",
    ]
    # "… đề nghị các Sở GDĐT tập trung chỉ đạo, tổ chức thực hiện các nội dung sau:"
    assert all(fold(t.responsibilities[0].unit) == "cac so gddt" for t in plan.tasks)
    assert plan.tasks[-1].deadline == dt.date(2026, 6, 30)
    assert (doc.signer.authority, doc.signer.title, doc.signer.name) == (
        "KT.",
        "THỨ TRƯỞNG",
        "Phạm Ngọc Thưởng",
    )


def test_dates_without_a_year_take_the_school_years() -> None:
    text = (
        "KẾ HOẠCH\nKiểm tra nội bộ trường học năm học 2023-2024\nI. NHIỆM VỤ\n"
        "1. Các trường xây dựng kế hoạch kiểm tra nội bộ, gửi về Phòng trước ngày 15/10.\n"
        "2. Tổ chức tự đánh giá, hoàn thành trước ngày 20 tháng 4.\n"
        "3. Báo cáo tổng kết trước ngày 25/5/2024; tỷ lệ trường đạt yêu cầu không dưới 90%.\n"
    )
    plan = parse_plan("kiem-tra.txt", text.encode())
    assert [t.deadline for t in plan.tasks] == [
        dt.date(2023, 10, 15),
        dt.date(2024, 4, 20),
        dt.date(2024, 5, 25),
    ]
    assert [d.date for d in plan.deadlines] == [t.deadline for t in plan.tasks]
    assert _roles(plan.tasks[0]) == {"cac truong": "lead"}
    assert [(t.value, t.comparator, t.year) for t in plan.targets] == [(90, ">=", 2024)]


@pytest.mark.parametrize(
    "name", ["000", "001", "004", "chi_thi", "kh_hoi_thi", "cong_van_pgd", "cong_van_bo"]
)
def test_the_json_has_the_promised_shape(name: str) -> None:
    data = _plan(name).to_dict()
    assert set(data["document"]) >= {"type", "number", "symbol", "issuer", "place", "issued_on", "title",
                                     "school_year", "period", "basis", "recipients", "signer"}  # fmt: skip
    assert set(data["document"]["signer"]) >= {"authority", "title", "name"}
    assert all(
        set(t) >= {"title", "description", "section", "deadline", "responsibilities"} for t in data["tasks"]
    )
    assert all(
        set(t) >= {"text", "value", "unit", "comparator", "year", "level", "hint"} for t in data["targets"]
    )
    assert all(set(d) >= {"date", "text"} for d in data["deadlines"])
    assert all(r["role"] in ("lead", "support") for t in data["tasks"] for r in t["responsibilities"])
    assert data["counts"]["tasks"] == len(data["tasks"]) > 0
    lines = _plan(name).text.split("\n")
    for task in data["tasks"]:  # each task points at its line of the normalised text
        assert fold(task["title"][:20]) in fold(lines[task["line"] - 1])
