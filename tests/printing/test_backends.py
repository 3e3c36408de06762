"""A small office built through the services prints every kind on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from models.errors import NotFound
from services.accounts.orgunits import UnitInput, create_unit
from services.accounts.permissions import SYSTEM
from services.plans.assignments import assign
from services.plans.documents import DocumentInput, create_document
from services.plans.progress import add_progress
from services.plans.tasks import TaskInput, create_task
from services.printing import KINDS, build_report, save_report
from services.printing.common import ReportOptions
from services.printing.model import TableBlock
from tests.printing.conftest import poppler


def test_plan_kinds_need_a_document(office_db):
    with pytest.raises(NotFound):
        build_report(office_db, "plan")


def test_every_kind_on_both_backends(office_db, tmp_path):
    schools = [
        create_unit(
            office_db, SYSTEM, UnitInput(f"TH{i}", f"Trường Tiểu học Số {i}", "school", school_level="TH")
        ).id
        for i in range(1, 4)
    ]
    doc_id = create_document(
        office_db,
        SYSTEM,
        DocumentInput(
            "KH",
            "Kế hoạch thử năm học 2023-2024",
            number="5",
            symbol="KH-PGDĐT",
            issued_on=dt.date(2024, 1, 5),
        ),
    )
    task = create_task(office_db, SYSTEM, doc_id, TaskInput("Tổ chức hội thi giáo viên dạy giỏi"))
    result = assign(office_db, SYSTEM, task, schools, due_on=dt.date(2024, 3, 1))
    first = sorted(result.ids)[0]
    add_progress(
        office_db,
        SYSTEM,
        first,
        status="in_progress",
        percent=40,
        on_date=dt.date(2024, 2, 1),
        note="Đã lập kế hoạch",
        today=dt.date(2024, 2, 1),
    )
    options = ReportOptions(as_of=dt.date(2024, 3, 11))
    progress = build_report(office_db, "progress", options)
    detail = next(b for a in progress.appendices for b in a.blocks if isinstance(b, TableBlock))
    assert sorted(r[5] for r in detail.rows) == ["10", "10", "10"]  # 10 days late each, computed when read
    assert "Đã lập kế hoạch" in [r[6] for r in detail.rows]
    plan = build_report(office_db, "plan", options)
    assert plan.header.number_line() == "Số: 05/KH-PGDĐT"
    for kind in KINDS:
        path = tmp_path / f"{kind}.pdf"
        save_report(build_report(office_db, kind, options), path)
        assert "Độc lập - Tự do - Hạnh phúc" in poppler("pdftotext", "-layout", str(path), "-")
