"""Deadlines a document counts from the calendar become dates (or recurring deadlines), and
"Hiệu trưởng (các trường …)" is read as the schools."""

from __future__ import annotations

import datetime as dt

from services.plan_import import parse_plan
from services.plan_import.units import unit_kind

_DOC = """PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN AN PHÚ
Số: 88/KH-PGDĐT
An Phú, ngày 15 tháng 9 năm 2026
KẾ HOẠCH
Công tác thống kê, báo cáo năm học 2026-2027
I. MỤC ĐÍCH
Nắm bắt kịp thời tình hình các trường.
II. NỘI DUNG
1. Báo cáo tình hình hoạt động
Hiệu trưởng các trường mầm non, tiểu học, THCS gửi báo cáo tình hình hoạt động về Phòng trước ngày 05 hằng tháng.
2. Báo cáo sơ kết học kỳ
Hiệu trưởng gửi báo cáo sơ kết chậm nhất 10 ngày sau khi kết thúc học kỳ I.
3. Báo cáo công tác y tế trường học
Các trường gửi báo cáo công tác y tế trường học định kỳ hằng quý về Phòng.
4. Kiểm kê tài sản
Các trường hoàn thành kiểm kê tài sản và nộp biên bản trong tháng 12.
5. Báo cáo số liệu cuối quý
Các trường nộp số liệu trước ngày 20 của tháng cuối quý.
"""


def _plan():
    return parse_plan("kh_thong_ke.txt", _DOC.encode("utf-8"))


def test_relative_report_deadlines_become_dates_and_recurrences() -> None:
    found = {(d.date, d.recurrence) for d in _plan().deadlines}
    assert (dt.date(2026, 10, 5), "monthly") in found  # the first 5th after the day of issue
    assert (dt.date(2027, 1, 25), "once") in found  # semester I ends 15/01 (the office calendar) + 10 days
    assert (dt.date(2026, 12, 31), "quarterly") in found  # the end of the first whole quarter after issue
    assert (dt.date(2026, 12, 31), "once") in found  # "trong tháng 12" of the school year
    assert (dt.date(2026, 9, 20), "quarterly") in found  # the 20th of the quarter's last month
    assert len(found) == 5


def test_a_task_due_each_month_keeps_its_day_and_recurs() -> None:
    task = next(t for t in _plan().tasks if "tình hình hoạt động" in t.title)
    assert task.deadline == dt.date(2026, 10, 5) and task.recurrence == "monthly"


def test_the_semester_end_the_document_states_wins() -> None:
    text = _DOC.replace("I. MỤC ĐÍCH", "I. MỤC ĐÍCH\nHọc kỳ I kết thúc trước ngày 16/01/2027.")
    plan = parse_plan("kh.txt", text.encode("utf-8"))
    assert dt.date(2027, 1, 26) in {d.date for d in plan.deadlines}


def test_hieu_truong_is_the_schools() -> None:
    units = {u.name: u.kind for u in _plan().units}
    assert units.get("Hiệu trưởng các trường mầm non, tiểu học, THCS") == "school"
    assert units.get("Hiệu trưởng") == "school"
    assert unit_kind("Hiệu trưởng nhà trường") == "school"
