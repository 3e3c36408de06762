"""The demo district: deterministic, plausible, complete, refused over existing data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Assignment, Document, OrgUnit, ProgressUpdate, Setting, Task, User
from models.db import open_database
from models.enums import AssignmentRole, AssignmentStatus, Role, SchoolLevel, UnitKind
from models.errors import EduDeskError, PermissionDenied, ValidationError
from services.accounts import users
from services.accounts.permissions import Action, require, require_own_unit
from services.core.vietnamese import fold
from services.demo.district import AS_OF, DEMO_PASSWORD, MAX_SCHOOLS, build_demo
from services.demo.names import COMMUNES
from services.sync.dump import dump_json
from tests.conftest import copy_office


def _dump(target: str) -> str:
    db = open_database(target)
    try:
        return dump_json(db)
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def demo12(demo_template: Path, tmp_path_factory) -> str:
    """The session's 12-school demo (tests/conftest.py), one copy for the read-only tests of this module."""
    return str(copy_office(demo_template, tmp_path_factory.mktemp("demo") / "demo.sqlite"))


def test_same_seed_gives_the_same_dump_and_another_seed_another(tmp_path) -> None:
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        build_demo(str(tmp_path / f"{name}.sqlite"), schools=6, seed=seed)
    first, second, other = (_dump(str(tmp_path / f"{n}.sqlite")) for n in "abc")
    assert first == second
    assert first != other


def test_backends_give_the_same_dump(db_url, tmp_path) -> None:
    summary = build_demo(db_url, schools=3, seed=5)
    assert summary["counts"]["org_units"] == 2 + 14 + 21 + 3
    reference = str(tmp_path / "reference.sqlite")
    build_demo(reference, schools=3, seed=5)
    assert _dump(db_url) == _dump(reference)


def test_the_district_has_its_communes_departments_and_schools(demo12) -> None:
    db = open_database(demo12)
    with db.session() as session:
        units = list(session.scalars(select(OrgUnit)))
        print_settings = session.get(Setting, "print").value
    db.dispose()
    by_kind = Counter(u.kind for u in units)
    assert by_kind == {
        UnitKind.PROVINCE: 1,
        UnitKind.DISTRICT: 1,
        UnitKind.DEPARTMENT: 14,
        UnitKind.COMMUNE: 21,
        UnitKind.SCHOOL: 12,
    }
    communes = {u.name for u in units if u.kind == UnitKind.COMMUNE}
    assert "Ủy ban nhân dân thị trấn Củ Chi" in communes
    assert {f"Ủy ban nhân dân xã {c}" for c in COMMUNES[1:]} <= communes
    names = [u.name for u in units]
    assert "Phòng Nội vụ huyện Củ Chi" in names and "Trung tâm Y tế huyện Củ Chi" in names
    schools = [u for u in units if u.kind == UnitKind.SCHOOL]
    assert len({s.name for s in schools}) == len({s.code for s in schools}) == 12
    assert {s.school_level for s in schools} >= {SchoolLevel.MN, SchoolLevel.TH, SchoolLevel.THCS}
    commune_ids = {u.id for u in units if u.kind == UnitKind.COMMUNE}
    for school in schools:
        assert school.name.startswith("Trường ")
        assert school.commune_id in commune_ids
        assert school.head_name and school.phone.startswith("028 ") and "@" in school.email
    assert "UBND HUYỆN CỦ CHI" in print_settings and "PGDĐT" in print_settings


def test_the_sample_plans_become_documents_and_tasks(demo12) -> None:
    db = open_database(demo12)
    with db.session() as session:
        documents = list(session.scalars(select(Document).order_by(Document.source_name)))
        tasks = list(session.scalars(select(Task)))
    db.dispose()
    assert [d.source_name[:3] for d in documents] == ["000", "001", "004"]
    cu_chi = documents[0]
    assert (cu_chi.place, cu_chi.issued_on, cu_chi.school_year) == (
        "Củ Chi",
        dt.date(2023, 9, 19),
        "2023-2024",
    )
    assert documents[2].symbol == "KH-UBND" and documents[2].period == "2021-2025"
    assert "mô hình trường học hạnh phúc" in cu_chi.body_text
    assert cu_chi.issuer == "Ủy ban nhân dân huyện Củ Chi" and cu_chi.signer_name == "Nguyễn Thị Hằng"
    own = [t for t in tasks if t.document_id == cu_chi.id]
    assert len(own) == 30  # the 13 items of part II and the duties part III gives each unit
    happy = [t for t in own if "mo hinh truong hoc hanh phuc" in fold(t.title)]
    assert len(happy) == 1 and "Trường học hạnh phúc" in happy[0].description
    assert "mô hình trường học hạnh phúc" in _dump(demo12)


def test_assignments_follow_the_units_the_plans_name(demo12) -> None:
    db = open_database(demo12)
    with db.session() as session:
        rows = session.execute(
            select(Task.title, OrgUnit.code, OrgUnit.kind, Assignment.role)
            .join(Assignment, Assignment.task_id == Task.id)
            .join(OrgUnit, OrgUnit.id == Assignment.unit_id)
        ).all()
    db.dispose()

    def given(words: str) -> set[tuple[str, str, str]]:
        return {(code, kind, role) for title, code, kind, role in rows if fold(words) in fold(title)}

    assert given("Phòng Nội vụ huyện thực hiện tốt") == {("PNV", UnitKind.DEPARTMENT, AssignmentRole.LEAD)}
    quarry = given("Tiếp tục rà soát, điều chỉnh bổ sung quy hoạch dành quỹ đất")
    assert {kind for _, kind, _ in quarry} == {UnitKind.COMMUNE} and len(quarry) == 21
    happy = given("Xây dựng mô hình trường học hạnh phúc")
    assert (
        len([1 for _, kind, role in happy if kind == UnitKind.SCHOOL and role == AssignmentRole.LEAD]) == 12
    )
    culture = given("Phòng Văn hóa và Thông tin huyện; Trung tâm")
    assert ("BTGHU", UnitKind.DEPARTMENT, AssignmentRole.SUPPORT) in culture


def test_assignments_and_progress_are_spread(demo12) -> None:
    db = open_database(demo12)
    with db.session() as session:
        assignments = list(session.scalars(select(Assignment)))
        updates = list(session.scalars(select(ProgressUpdate)))
        schools = set(session.scalars(select(OrgUnit.id).where(OrgUnit.kind == UnitKind.SCHOOL)))
    db.dispose()
    statuses = Counter(a.status for a in assignments)
    assert set(statuses) == {
        AssignmentStatus.NOT_STARTED,
        AssignmentStatus.IN_PROGRESS,
        AssignmentStatus.DONE,
        AssignmentStatus.PAUSED,
    }
    assert all(dt.date(2023, 9, 1) <= a.due_on <= dt.date(2024, 5, 31) for a in assignments)
    late = [a for a in assignments if a.due_on < AS_OF and a.status != AssignmentStatus.DONE]
    assert late, "some assignments must be overdue"
    leads = {a.unit_id for a in assignments if a.role == AssignmentRole.LEAD}
    assert schools <= leads
    assert any(a.role == AssignmentRole.SUPPORT and a.unit_id not in schools for a in assignments)
    assert updates and all(u.note for u in updates)
    by_assignment = {a.id: a for a in assignments}
    assert all(by_assignment[u.assignment_id].status != AssignmentStatus.NOT_STARTED for u in updates)


def test_accounts_log_in_with_the_demo_password_and_school_staff_stay_in_their_school(demo12) -> None:
    db = open_database(demo12)
    with db.session() as session:
        by_name = {u.username: u for u in session.scalars(select(User))}
        school_ids = dict(
            session.execute(select(OrgUnit.code, OrgUnit.id).where(OrgUnit.kind == UnitKind.SCHOOL)).all()
        )
    assert {"admin", "lanhdao", "chuyenvien1", "chuyenvien2"} <= set(by_name)
    assert by_name["lanhdao"].role == Role.LEADER and by_name["chuyenvien1"].role == Role.OFFICER
    staff = [u for u in by_name.values() if u.role == Role.SCHOOL_STAFF]
    assert len(staff) == 3 and all(u.unit_id in school_ids.values() for u in staff)
    actor = users.authenticate(db, "th001", DEMO_PASSWORD)
    db.dispose()
    assert actor.role == Role.SCHOOL_STAFF and actor.unit_id == school_ids["TH001"]
    require(actor, Action.UPDATE_PROGRESS)
    require_own_unit(actor, school_ids["TH001"])
    with pytest.raises(PermissionDenied):
        require_own_unit(actor, school_ids["MN001"])
    with pytest.raises(PermissionDenied):
        require(actor, Action.EDIT_DOCUMENTS)


def test_an_existing_database_is_refused_and_left_alone(tmp_path) -> None:
    path = str(tmp_path / "demo.sqlite")
    build_demo(path, schools=2, seed=1)
    before = _dump(path)
    with pytest.raises(EduDeskError):
        build_demo(path, schools=2, seed=2)
    assert _dump(path) == before


@pytest.mark.parametrize("schools", [0, -3, MAX_SCHOOLS + 1, True])
def test_school_counts_out_of_range_are_refused_before_anything_is_written(tmp_path, schools) -> None:
    path = tmp_path / "demo.sqlite"
    with pytest.raises(ValidationError):
        build_demo(str(path), schools=schools)
    assert not path.exists()


def test_progress_is_reported_and_raising_from_it_cancels_without_leftovers(tmp_path) -> None:
    calls: list[tuple[int, int, str]] = []
    build_demo(str(tmp_path / "a.sqlite"), schools=3, progress=lambda *call: calls.append(call))
    done = [c[0] for c in calls]
    assert done == sorted(done) and done[-1] == calls[-1][1] and len(calls) >= 5
    assert all(label for *_, label in calls)

    def cancel(done: int, _total: int, _label: str) -> None:
        if done == 2:
            raise KeyboardInterrupt

    path = tmp_path / "b.sqlite"
    with pytest.raises(KeyboardInterrupt):
        build_demo(str(path), schools=3, progress=cancel)
    assert not path.exists() and not list(tmp_path.glob("b.sqlite*"))


def test_finished_work_carries_evidence_files_that_exist(demo12) -> None:
    from models import Attachment
    from services.core.attachments import verify_blob
    from services.operations.integrity import check_database

    db = open_database(demo12)
    try:
        with db.session() as session:
            files = list(session.scalars(select(Attachment)))
            done = {
                u.id for u in session.scalars(select(ProgressUpdate)) if u.status == AssignmentStatus.DONE
            }
        assert files, "the demo shows evidence"
        assert all(f.progress_id in done for f in files)
        assert all(verify_blob(db, f.sha256) for f in files)
        assert check_database(db).ok
    finally:
        db.dispose()
