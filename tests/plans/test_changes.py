"""Every service write says what it changed (``services.core.changes``): tables, row ids and kinds,
collected by the unit of work as it audits, handed to ``recording()`` on commit."""

from __future__ import annotations

import datetime as dt

import pytest

from models import Attachment, Task
from models.errors import EduDeskError
from services.core.changes import CREATE, DELETE, UPDATE, Changes, recording
from services.core.uow import UnitOfWork
from services.plans.assignments import assign, cancel_assignments
from services.plans.documents import delete_document
from services.plans.progress import add_progress
from services.plans.tasks import TaskInput, create_task
from tests.plans.conftest import OFFICER

TODAY = dt.date(2024, 4, 15)


def test_progress_names_the_new_update_its_evidence_and_the_assignment(small_district) -> None:
    d = small_district
    [assignment_id] = assign(d.db, OFFICER, d.tasks["so"], [d.units["TH01"]], due_on=dt.date(2024, 3, 1)).ids
    with recording() as seen:
        row = add_progress(d.db, d.staff("TH01"), assignment_id, status="in_progress", percent=40,
                           files=[("bien-ban.txt", "Biên bản".encode())], today=TODAY)  # fmt: skip
    changes = seen.changes
    assert changes.ids("progress_updates", CREATE) == {row.id}
    assert changes.ids("assignments", UPDATE) == {assignment_id}
    with d.db.session() as session:
        [evidence] = session.query(Attachment.id).filter(Attachment.progress_id == row.id).all()
    assert changes.ids("attachments", CREATE) == {evidence[0]}
    assert changes.tables == {"progress_updates", "attachments", "assignments"}  # the audit log aside


def test_cancel_and_delete_name_their_rows_by_kind(small_district) -> None:
    d = small_district
    ids = assign(d.db, OFFICER, d.tasks["doingu"], [d.units["TH01"], d.units["TH02"]]).ids
    with recording() as seen:
        cancel_assignments(d.db, OFFICER, ids, "Giao nhầm")
    assert seen.changes.ids("assignments", UPDATE) == set(ids)
    with recording() as seen:
        delete_document(d.db, OFFICER, d.document_id)
    assert d.document_id in seen.changes.ids("documents", DELETE)
    assert set(d.tasks.values()) <= seen.changes.ids("tasks", DELETE)


def test_two_writes_in_one_recording_add_up_and_a_refused_write_hands_nothing(small_district) -> None:
    d = small_district
    with recording() as seen:
        first = create_task(d.db, OFFICER, d.document_id, TaskInput("Tổ chức hội giảng"))
        second = create_task(d.db, OFFICER, d.document_id, TaskInput("Kiểm tra nội bộ"))
    assert seen.changes.ids("tasks", CREATE) == {first, second}
    with recording() as seen, pytest.raises(EduDeskError):
        add_progress(d.db, d.staff("TH01"), "khong-co", status="done", percent=100)
    assert seen.changes == Changes()
    with recording() as seen, pytest.raises(RuntimeError), UnitOfWork(d.db, OFFICER) as uow:
        uow.session.add(Task(document_id=d.document_id, title="Viết rồi bỏ", position=99))
        uow.session.flush()  # audited and noted ...
        raise RuntimeError  # ... then rolled back: nothing was changed
    assert seen.changes == Changes()


def test_a_recording_hears_only_its_own_thread(small_district) -> None:
    import threading

    d = small_district
    with recording() as seen:
        other = threading.Thread(target=lambda: create_task(d.db, OFFICER, d.document_id, TaskInput("Ở luồng khác")))
        other.start()
        other.join()
    assert seen.changes == Changes()
