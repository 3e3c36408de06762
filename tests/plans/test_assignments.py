"""Assigning tasks: one unit or whole groups, recurrences, edits and cancellations audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import Assignment, AuditEntry
from models.enums import AssignmentRole, AssignmentStatus, Recurrence
from models.errors import PermissionDenied, ValidationError
from services.plans.assignments import (
    AssignmentEdit,
    UnitGroup,
    assign,
    cancel_assignments,
    delete_assignments,
    group_units,
    is_overdue,
    lateness,
    occurrences,
    reopen_assignment,
    school_year_of,
    update_assignment,
)
from tests.plans.conftest import LEADER, OFFICER


def _rows(db, task_id: str) -> list[Assignment]:
    with db.session() as session:
        return list(session.scalars(select(Assignment).where(Assignment.task_id == task_id).order_by(
            Assignment.due_on, Assignment.occurrence)))  # fmt: skip


def test_occurrences_of_each_recurrence_in_a_school_year() -> None:
    assert [(o.label, o.due_on) for o in occurrences(Recurrence.SEMESTER, "2023-2024")] == [
        ("2023-2024 HK1", dt.date(2024, 1, 15)),
        ("2023-2024 HK2", dt.date(2024, 5, 31)),
    ]
    monthly = occurrences("monthly", "2023-2024", dt.date(2023, 9, 25))
    assert [o.label for o in monthly] == ["T9/2023", "T10/2023", "T11/2023", "T12/2023", "T1/2024", "T2/2024",
                                          "T3/2024", "T4/2024", "T5/2024"]  # fmt: skip
    assert monthly[5].due_on == dt.date(2024, 2, 25)
    assert [(o.label, o.due_on) for o in occurrences("quarterly", "2023-2024")] == [
        ("Q3/2023", dt.date(2023, 9, 30)), ("Q4/2023", dt.date(2023, 12, 31)),
        ("Q1/2024", dt.date(2024, 3, 31)), ("Q2/2024", dt.date(2024, 6, 30)),
    ]  # fmt: skip
    assert occurrences("school_year", "2023-2024")[0].due_on == dt.date(2024, 5, 31)
    assert occurrences("once", "2023-2024", dt.date(2023, 10, 1))[0].label == "2023-2024"
    assert school_year_of(dt.date(2024, 3, 1)) == "2023-2024" == school_year_of(dt.date(2023, 8, 20))
    with pytest.raises(ValidationError, match="2023-2024"):
        occurrences("monthly", "2023-2025")


def test_lateness_is_computed_never_stored() -> None:
    today = dt.date(2024, 4, 15)
    assert lateness(dt.date(2024, 4, 10), AssignmentStatus.IN_PROGRESS, today) == 5
    assert lateness(dt.date(2024, 4, 10), AssignmentStatus.DONE, today) == 0
    assert lateness(dt.date(2024, 4, 20), AssignmentStatus.NOT_STARTED, today) == 0
    assert not is_overdue(None, AssignmentStatus.NOT_STARTED, today)
    assert "overdue" not in {c.name for c in Assignment.__table__.columns}


def test_a_task_goes_to_one_unit_as_lead_and_another_as_support(district) -> None:
    db, u, t = district.db, district.units, district.tasks
    result = assign(db, OFFICER, t["so"], [u["TH01"]], "lead", due_on=dt.date(2023, 12, 15))
    assign(
        db, OFFICER, t["so"], [u["PNV"]], AssignmentRole.SUPPORT, due_on=dt.date(2023, 12, 15), note="Hỗ trợ"
    )
    assert (result.created, result.skipped) == (1, 0)
    rows = _rows(db, t["so"])
    assert {(r.unit_id, r.role, r.occurrence) for r in rows} == {
        (u["TH01"], AssignmentRole.LEAD, "2023-2024"), (u["PNV"], AssignmentRole.SUPPORT, "2023-2024")}  # fmt: skip
    assert all(r.status == AssignmentStatus.NOT_STARTED and r.rev for r in rows)


def test_bulk_assignment_to_groups_skips_units_that_already_have_it(district) -> None:
    db, u, t = district.db, district.units, district.tasks
    assert set(group_units(db, "school:THCS")) == {u["THCS01"], u["THCS02"], u["THTHCS01"]}
    assert len(group_units(db, UnitGroup.parse("commune"))) == 2
    first = assign(db, OFFICER, t["doingu"], [u["THCS01"]], due_on=dt.date(2024, 3, 1))
    again = assign(db, OFFICER, t["doingu"], groups=["school:THCS", "commune"], due_on=dt.date(2024, 3, 1))
    assert (first.created, again.created, again.skipped) == (1, 4, 1)
    with pytest.raises(ValidationError, match="ít nhất một đơn vị"):
        assign(db, OFFICER, t["doingu"], [])


def test_a_recurring_task_gets_its_occurrences_for_the_documents_school_year(district) -> None:
    db, u, t = district.db, district.units, district.tasks
    result = assign(db, OFFICER, t["baocao"], [u["TH01"], u["TH02"]])
    assert result.created == 4
    labels = sorted({r.occurrence for r in _rows(db, t["baocao"])})
    assert labels == ["2023-2024 HK1", "2023-2024 HK2"]
    monthly = assign(db, OFFICER, t["so"], [u["MN01"]], recurrence="monthly", school_year="2024-2025",
                     due_on=dt.date(2024, 9, 5))  # fmt: skip
    assert monthly.created == 9


def test_edits_and_cancellation_keep_the_audit_trail(district) -> None:
    db, u, t = district.db, district.units, district.tasks
    [assignment_id] = assign(db, OFFICER, t["so"], [u["TH01"]], due_on=dt.date(2023, 12, 15)).ids
    update_assignment(db, OFFICER, assignment_id, AssignmentEdit(due_on=dt.date(2024, 1, 10), note="Gia hạn"))
    cancel_assignments(db, OFFICER, [assignment_id], "Trùng với kế hoạch khác")
    [row] = _rows(db, t["so"])
    assert (row.due_on, row.status, row.note) == (dt.date(2024, 1, 10), AssignmentStatus.CANCELLED,
                                                   "Hủy: Trùng với kế hoạch khác")  # fmt: skip
    with db.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "assignments", AuditEntry.entity_id == assignment_id)
            .order_by(AuditEntry.id)
        ).all()  # fmt: skip
    assert [e.action for e in entries] == ["update", "update"]
    assert '"due_on": "2023-12-15"' in entries[0].before and '"status": "cancelled"' in entries[1].after
    reopen_assignment(db, OFFICER, assignment_id)
    assert _rows(db, t["so"])[0].status == AssignmentStatus.NOT_STARTED
    delete_assignments(db, OFFICER, [assignment_id])
    assert _rows(db, t["so"])[0].deleted


def test_a_cancelled_unit_can_be_given_the_task_again(district) -> None:
    db, u, t = district.db, district.units, district.tasks
    [first] = assign(db, OFFICER, t["so"], [u["TH01"]]).ids
    cancel_assignments(db, OFFICER, [first])
    assert assign(db, OFFICER, t["so"], [u["TH01"]]).created == 1


def test_who_may_assign(small_district) -> None:
    db, u, t = small_district.db, small_district.units, small_district.tasks
    with pytest.raises(PermissionDenied):
        assign(db, small_district.staff("TH01"), t["so"], [u["TH01"]])
    assert assign(db, LEADER, t["so"], [u["TH01"]]).created == 1  # leaders assign too (ROLE_MATRIX)
    with pytest.raises(ValidationError, match="không tồn tại"):
        assign(db, OFFICER, t["so"], ["khong-co"])
