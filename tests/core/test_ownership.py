"""Ownership in the services (services.core.ownership through services.core.uow): a district cannot edit
rows its province owns, a school cannot edit rows its district owns, and a school cannot review
its own report, whatever service function it calls; the refusal names the owner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Assignment, Document, OrgUnit, Report, ReportingRound, Task, TemplateSection
from models.enums import AssignmentRole, DocType, ReportStatus, Role
from models.errors import PermissionDenied
from services.accounts.permissions import SYSTEM, Actor
from services.core.uow import UnitOfWork
from services.plans.assignments import AssignmentEdit, cancel_assignments, update_assignment
from services.plans.progress import add_progress
from services.plans.tasks import TaskInput, create_task
from services.reporting.entry import save_draft, submit_report
from services.reporting.review import accept_report, return_report
from services.sync.dump import dump_json
from tests.sync.network import Network, template


@pytest.fixture
def net(tmp_path: Path) -> Network:
    network = template().copy_to(tmp_path / "net")
    yield network
    network.close()


def _province_assignment(net: Network) -> str:
    """The province gives the district a task; the district receives it."""
    province, district = net.offices["province"], net.offices["district"]
    with UnitOfWork(province.db, SYSTEM) as uow:
        doc = Document(doc_type=DocType.KH, number="5", symbol="5/KH-SGDĐT", title="Kế hoạch của Sở",
                       school_year="2025-2026")  # fmt: skip
        uow.session.add(doc)
        uow.session.flush()
        task = Task(document_id=doc.id, position=0, title="Báo cáo Sở về chuyển đổi số")
        uow.session.add(task)
        uow.session.flush()
        row = Assignment(
            task_id=task.id, unit_id=district.id, role=AssignmentRole.LEAD, due_on=dt.date(2026, 3, 1)
        )
        uow.session.add(row)
        uow.session.flush()
        assignment_id = row.id
    net.receive("district", net.send("province", "district"))
    return assignment_id


def _refused(db, call, owner: str) -> None:
    before = dump_json(db)
    with pytest.raises(PermissionDenied) as info:
        call()
    assert owner in info.value.message, info.value.message
    assert dump_json(db) == before


def test_district_cannot_edit_what_its_province_owns(net: Network) -> None:
    district = net.offices["district"]
    assignment_id = _province_assignment(net)
    province_name = "Sở"
    _refused(
        district.db,
        lambda: cancel_assignments(district.db, SYSTEM, [assignment_id], "không làm"),
        province_name,
    )
    _refused(
        district.db,
        lambda: update_assignment(
            district.db, SYSTEM, assignment_id, AssignmentEdit(due_on=dt.date(2026, 9, 1))
        ),
        province_name,
    )
    with district.db.session() as session:
        doc_id = session.scalars(select(Document.id).where(Document.symbol == "5/KH-SGDĐT")).one()
    _refused(
        district.db,
        lambda: create_task(district.db, SYSTEM, doc_id, TaskInput("Việc tự thêm")),
        province_name,
    )
    # Its own rows stay editable.
    with district.db.session() as session:
        own = session.scalars(select(Assignment.id).where(Assignment.origin == district.id)).first()
    assert cancel_assignments(district.db, SYSTEM, [own]) == 1


def test_school_cannot_edit_what_its_district_owns_nor_review_its_report(net: Network) -> None:
    s1, district = net.offices["s1"], net.offices["district"]
    with s1.db.session() as session:
        assignment_id = session.scalars(select(Assignment.id).where(Assignment.unit_id == s1.id)).first()
        round_id = session.scalars(select(ReportingRound.id)).first()
        section_id = session.scalars(select(TemplateSection.id)).first()
    with district.db.session() as session:
        district_name = session.get(OrgUnit, district.id).name
    _refused(s1.db, lambda: cancel_assignments(s1.db, SYSTEM, [assignment_id]), district_name)
    assert section_id
    # Progress still sets the assignment's status and percent at the school (derived, re-derived above).
    staff = Actor(username="gv", role=Role.SCHOOL_STAFF, unit_id=s1.id)
    add_progress(s1.db, staff, assignment_id, status="in_progress", percent=30)
    save_draft(s1.db, staff, round_id, s1.id, narratives={})
    submit_report(s1.db, staff, round_id, s1.id)
    with s1.db.session() as session:
        report_id = session.scalars(select(Report.id)).one()
    _refused(s1.db, lambda: accept_report(s1.db, SYSTEM, report_id, "Tự duyệt"), district_name)
    _refused(s1.db, lambda: return_report(s1.db, SYSTEM, report_id, "Tự trả"), district_name)
    # The district reviews it.
    net.receive("district", net.send("s1", "district"))
    accept_report(district.db, SYSTEM, report_id, "Đạt")
    net.receive("s1", net.send("district", "s1"))

    # Accepted: the school can no longer change it, not even below the services (any write goes
    # through the unit of work, where the rule is).
    def reopen() -> None:
        with UnitOfWork(s1.db, SYSTEM) as uow:
            uow.session.get(Report, report_id).status = ReportStatus.DRAFT

    _refused(s1.db, reopen, district_name)
