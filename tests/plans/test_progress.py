"""Progress updates with evidence files; school staff act on their own unit only."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from models import Assignment, Attachment
from models.enums import AssignmentStatus
from models.errors import PermissionDenied, ValidationError
from services.core import attachments
from services.core.uow import UnitOfWork
from services.plans.assignments import assign, cancel_assignments
from services.plans.progress import add_progress, apply_latest, delete_progress, evidence_path, history
from tests.plans.conftest import OFFICER

TODAY = dt.date(2024, 4, 15)


def _assignment(db, assignment_id: str) -> Assignment:
    with db.session() as session:
        return session.get(Assignment, assignment_id)


@pytest.fixture
def given(district):
    [assignment_id] = assign(district.db, OFFICER, district.tasks["so"], [district.units["TH01"]],
                             due_on=dt.date(2024, 3, 1)).ids  # fmt: skip
    return district, assignment_id


def test_progress_with_evidence_updates_the_assignment_and_stores_files_once(given, tmp_path) -> None:
    district, assignment_id = given
    db, staff = district.db, district.staff("TH01")
    photo = tmp_path / "anh-hop-hoi-dong.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    same = tmp_path / "ban-sao.jpg"
    same.write_bytes(b"\xff\xd8 a photo")
    add_progress(db, staff, assignment_id, status="in_progress", percent=40, on_date=dt.date(2024, 2, 1),
                 note="Đã triển khai", files=[photo, ("bien-ban.txt", "Biên bản họp".encode())], today=TODAY)  # fmt: skip
    row = add_progress(db, staff, assignment_id, status="done", percent=70, files=[same], today=TODAY,
                       on_date=dt.date(2024, 3, 20))  # fmt: skip
    assert (row.status, row.percent, row.author) == (AssignmentStatus.DONE, 100, "Cô giáo TH01")
    assignment = _assignment(db, assignment_id)
    assert (assignment.status, assignment.percent) == (AssignmentStatus.DONE, 100)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Attachment)) == 3
    assert len(attachments.stored_digests(db)) == 2  # the copy of the photo is stored once
    updates = history(db, staff, assignment_id)
    assert [u.percent for u in updates] == [100, 40]
    assert sorted(f.filename for f in updates[1].files) == ["anh-hop-hoi-dong.jpg", "bien-ban.txt"]
    opened = evidence_path(db, staff, updates[1].files[1].id)
    assert opened.read_bytes() == "Biên bản họp".encode()
    assert updates[1].files[0].media_type == "image/jpeg"


def test_too_big_a_file_is_refused_with_its_name_and_nothing_is_saved(given, tmp_path) -> None:
    district, assignment_id = given
    big = tmp_path / "video-hoat-dong.mp4"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(ValidationError, match=r"«video-hoat-dong.mp4» nặng .* vượt giới hạn"):
        add_progress(district.db, OFFICER, assignment_id, status="in_progress", percent=10, files=[big],
                     limit=1024, today=TODAY)  # fmt: skip
    assert history(district.db, OFFICER, assignment_id) == []
    assert attachments.stored_digests(district.db) == []


def test_school_staff_change_only_their_own_units_rows(given) -> None:
    district, assignment_id = given
    other = district.staff("TH02")
    with pytest.raises(PermissionDenied):
        add_progress(district.db, other, assignment_id, status="in_progress", percent=10, today=TODAY)
    with pytest.raises(PermissionDenied):
        history(district.db, other, assignment_id)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "in_progress", "percent": 120}, "0 đến 100"),
        ({"status": "cancelled", "percent": 0}, "hủy"),
        ({"status": "in_progress", "percent": 5, "on_date": dt.date(2024, 5, 1)}, "tương lai"),
    ],
)
def test_bad_updates_are_refused(given, fields, message) -> None:
    district, assignment_id = given
    with pytest.raises(ValidationError, match=message):
        add_progress(district.db, OFFICER, assignment_id, today=TODAY, **fields)


def test_a_cancelled_assignment_takes_no_progress_and_stays_cancelled(given) -> None:
    district, assignment_id = given
    cancel_assignments(district.db, OFFICER, [assignment_id])
    with pytest.raises(ValidationError, match="đã bị hủy"):
        add_progress(district.db, OFFICER, assignment_id, status="done", percent=100, today=TODAY)
    with UnitOfWork(district.db, OFFICER) as uow:
        apply_latest(uow, [assignment_id])
    assert _assignment(district.db, assignment_id).status == AssignmentStatus.CANCELLED


def test_withdrawing_an_update_falls_back_to_the_one_before(given) -> None:
    district, assignment_id = given
    staff = district.staff("TH01")
    add_progress(district.db, staff, assignment_id, status="in_progress", percent=30, on_date=dt.date(2024, 1, 5),
                 today=TODAY)  # fmt: skip
    wrong = add_progress(district.db, staff, assignment_id, status="paused", percent=35, today=TODAY)
    assert _assignment(district.db, assignment_id).status == AssignmentStatus.PAUSED
    delete_progress(district.db, staff, wrong.id)
    assignment = _assignment(district.db, assignment_id)
    assert (assignment.status, assignment.percent) == (AssignmentStatus.IN_PROGRESS, 30)
    assert [u.percent for u in history(district.db, staff, assignment_id)] == [30]
