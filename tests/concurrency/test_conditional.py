"""Conditional state changes (issue 18 items 3-5): the loser is told who changed what, and when."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import Assignment, OrgUnit, Report, ReportingRound
from models.enums import AssignmentStatus, Role
from models.errors import ValidationError
from services.accounts.permissions import SYSTEM, Actor
from services.core import uow as uow_module
from services.core.uow import Busy, ChangedMeanwhile, UnitOfWork
from services.plans.assignments import AssignmentEdit, assign, cancel_assignments, update_assignments
from services.reporting.entry import load_form, save_draft, submit_report
from services.reporting.review import accept_report, return_report, round_review
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from tests.concurrency.office import district_with_schools

LAN = Actor(username="lan", role=Role.ADMIN, full_name="Nguyễn Thị Lan")
HUNG = Actor(username="hung", role=Role.ADMIN, full_name="Trần Văn Hùng")


@pytest.fixture
def offices(db_url: str, tmp_path: Path):
    district, schools = district_with_schools(db_url, tmp_path, schools=1)
    yield district, schools["TH001"], tmp_path
    schools["TH001"].dispose()
    district.dispose()


def _submitted(district, school, folder: Path) -> tuple[str, str]:
    with school.session() as session:
        unit = session.scalars(select(OrgUnit.id).where(OrgUnit.code == "TH001")).one()
        round_id = session.scalars(select(ReportingRound.id)).one()
    submit_report(school, SYSTEM, round_id, unit)
    up = export_bundle(school, SYSTEM, "PGD", folder / "up.edusync")
    assert import_bundle(district, SYSTEM, up.path, take_backup=False).ok
    return round_id, unit


def test_two_reviewers_one_decision(offices) -> None:
    district, school, folder = offices
    round_id, _unit = _submitted(district, school, folder)
    _ref, rows = round_review(district, round_id)
    seen = rows[0]  # both reviewers look at the same submitted report
    accept_report(district, LAN, seen.report_id, expected_rev=seen.report_rev)
    with pytest.raises(ValidationError, match=r"Nguyễn Thị Lan.*duyệt"):
        return_report(district, HUNG, seen.report_id, "Thiếu số liệu", expected_rev=seen.report_rev)
    with district.session() as session:
        assert session.get(Report, seen.report_id).status.value == "accepted"


def test_report_form_save_does_not_overwrite_another_clerks_typing(offices) -> None:
    _district, school, _folder = offices
    with school.session() as session:
        unit = session.scalars(select(OrgUnit.id).where(OrgUnit.code == "TH001")).one()
        round_id = session.scalars(select(ReportingRound.id)).one()
    first = load_form(school, round_id, unit)
    section = first.sections[0].id
    lan, hung = (Actor(u.username, Role.ADMIN, u.full_name) for u in (LAN, HUNG))
    second = load_form(school, round_id, unit)  # two clerks open the form
    save_draft(school, lan, round_id, unit, narratives={section: "Bản của Lan"}, expected_version=first.version)
    with pytest.raises(ChangedMeanwhile, match="lan"):
        save_draft(school, hung, round_id, unit, narratives={section: "Bản của Hùng"},
                   expected_version=second.version)  # fmt: skip
    again = load_form(school, round_id, unit)
    assert again.sections[0].narrative == "Bản của Lan"
    save_draft(school, hung, round_id, unit, narratives={section: "Bản của Hùng"}, expected_version=again.version)


def test_assignment_edit_on_a_stale_version_is_refused(offices) -> None:
    district, _school, _folder = offices
    with district.session() as session:
        row = session.scalars(select(Assignment).order_by(Assignment.id)).first()
    update_assignments(district, LAN, [row.id], AssignmentEdit(note="Lan"), expected_revs={row.id: row.rev})
    with pytest.raises(ChangedMeanwhile, match="lan"):
        update_assignments(district, HUNG, [row.id], AssignmentEdit(note="Hùng"), expected_revs={row.id: row.rev})


def test_concurrent_assigning_makes_one_live_assignment(offices) -> None:
    district, _school, _folder = offices
    with district.session() as session:
        row = session.scalars(select(Assignment).order_by(Assignment.id)).first()
    cancel_assignments(district, SYSTEM, [row.id])
    errors: list[BaseException] = []

    def give() -> None:
        try:
            assign(district, SYSTEM, row.task_id, [row.unit_id])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=give) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with district.session() as session:
        live = session.scalar(select(func.count()).select_from(Assignment).where(
            Assignment.task_id == row.task_id, Assignment.unit_id == row.unit_id, Assignment.deleted.is_(False),
            Assignment.status != AssignmentStatus.CANCELLED))  # fmt: skip
    assert live == 1


def test_a_second_live_assignment_is_refused_by_the_schema(offices) -> None:
    district, _school, _folder = offices
    with district.session() as session:
        row = session.scalars(select(Assignment).order_by(Assignment.id)).first()
    with pytest.raises(ValidationError, match="đã được giao"), UnitOfWork(district, SYSTEM) as uow:
        uow.session.add(Assignment(task_id=row.task_id, unit_id=row.unit_id, role=row.role,
                                   occurrence=row.occurrence))  # fmt: skip


def test_a_held_lock_says_try_again(offices, monkeypatch) -> None:
    district, _school, _folder = offices
    monkeypatch.setattr(uow_module, "LOCK_WAIT_S", 1)
    monkeypatch.setattr(uow_module, "LOCK_ATTEMPTS", 2)
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with UnitOfWork(district, SYSTEM):
            held.set()
            release.wait(timeout=30)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(timeout=10)
    try:
        with pytest.raises(Busy, match="thử lại"), UnitOfWork(district, SYSTEM):
            pass
    finally:
        release.set()
        thread.join()
    with UnitOfWork(district, SYSTEM):  # free again
        pass


def test_a_cancel_reaches_a_school_that_logged_progress_meanwhile(offices) -> None:
    """The district cancels and gives the task again while the school logs progress on the old
    assignment: the school's derived status must not outrank the district's decision."""
    from services.plans.progress import add_progress
    from tests.concurrency.office import network_of, round_trip
    from tests.sync.network import dumps_equal

    district, school, folder = offices
    with district.session() as session:
        unit = session.scalars(select(OrgUnit.id).where(OrgUnit.code == "TH001")).one()
        row = session.scalars(select(Assignment).where(Assignment.unit_id == unit).order_by(Assignment.id)).first()
    cancel_assignments(district, SYSTEM, [row.id])
    (given,) = assign(district, SYSTEM, row.task_id, [unit]).ids
    round_trip(district, school, "TH001", folder, 1)
    cancel_assignments(district, SYSTEM, [given])
    assert assign(district, SYSTEM, row.task_id, [unit]).created == 1  # the same task, unit and year
    add_progress(school, SYSTEM, given, status="in_progress", percent=40)  # later than the cancel
    for n in (2, 3, 4):
        round_trip(district, school, "TH001", folder, n)
    with school.session() as session:
        assert session.get(Assignment, given).status == AssignmentStatus.CANCELLED
    assert dumps_equal(network_of(district, {"TH001": school}, folder)) == []
