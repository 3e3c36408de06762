"""Register numbers: unique and gapless per year, even with two clerks in two processes."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest
from sqlalchemy import select

from models import IncomingDocument, OutgoingDocument
from models.db import Database, open_database
from models.errors import ValidationError
from services.accounts.permissions import SYSTEM
from services.register.incoming import IncomingInput, register_incoming
from services.register.outgoing import OutgoingInput, register_outgoing, reserve, set_sequences, skip

PER_CLERK = 25


def _clerk(url: str, name: str, start: multiprocessing.synchronize.Event, count: int) -> None:
    db = open_database(url)
    start.wait(30)
    try:
        for n in range(count):
            register_outgoing(db, SYSTEM, OutgoingInput(subject=f"Công văn {name} {n}", doc_date=dt.date(2024, 3, 1)))
            register_incoming(db, SYSTEM, IncomingInput(subject=f"Văn bản đến {name} {n}",
                                                        arrived_on=dt.date(2024, 3, 1)))  # fmt: skip
    finally:
        db.dispose()


def _numbers(db: Database, model: type, column: str, year: int) -> list[int]:
    with db.session() as session:
        return sorted(session.scalars(select(getattr(model, column)).where(model.year == year)))


def test_two_concurrent_clerks_get_unique_gapless_numbers(office_db: Database) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    clerks = [context.Process(target=_clerk, args=(office_db.url, name, start, PER_CLERK)) for name in "AB"]
    for clerk in clerks:
        clerk.start()
    start.set()
    for clerk in clerks:
        clerk.join(240)
        assert clerk.exitcode == 0
    wanted = list(range(1, 2 * PER_CLERK + 1))
    assert _numbers(office_db, OutgoingDocument, "number", 2024) == wanted
    assert _numbers(office_db, IncomingDocument, "arrival_number", 2024) == wanted
    with office_db.session() as session:  # each clerk's documents are all in the book
        subjects = session.scalars(select(OutgoingDocument.subject).order_by(OutgoingDocument.number)).all()
    assert sorted(s.split()[2] for s in subjects) == ["A"] * PER_CLERK + ["B"] * PER_CLERK


def test_numbers_start_again_at_01_each_calendar_year(office_db: Database) -> None:
    for day in (dt.date(2023, 12, 30), dt.date(2023, 12, 31), dt.date(2024, 1, 2)):
        row = register_outgoing(office_db, SYSTEM, OutgoingInput(subject="Công văn", doc_date=day))
    assert (row.year, row.number, row.number_symbol) == (2024, 1, "01/PGDĐT-VP")
    first = register_incoming(office_db, SYSTEM, IncomingInput(subject="A", arrived_on=dt.date(2025, 1, 1)))
    assert first.number == "01"


def test_a_skipped_or_released_number_is_recorded_and_never_reused(office_db: Database) -> None:
    day = dt.date(2024, 5, 2)
    held = reserve(office_db, SYSTEM, OutgoingInput(subject="Quyết định khen thưởng", doc_type="QĐ", doc_date=day))
    skipped = skip(office_db, SYSTEM, "Hỏng phôi", data=OutgoingInput(doc_date=day))
    released = skip(office_db, SYSTEM, "Không ban hành", entry_id=held.id)
    after = register_outgoing(office_db, SYSTEM, OutgoingInput(subject="Công văn", doc_date=day))
    assert (held.number, skipped.number, after.number) == (1, 2, 3)
    assert (released.status, released.note) == ("skipped", "Không ban hành")
    with pytest.raises(ValidationError, match="chỉ bỏ được số đang giữ"):
        skip(office_db, SYSTEM, "lần nữa", entry_id=held.id)


def test_a_type_the_office_numbers_apart_has_its_own_sequence(office_db: Database) -> None:
    set_sequences(office_db, SYSTEM, {"QĐ": "QĐ"})
    day = dt.date(2024, 6, 1)
    cv = register_outgoing(office_db, SYSTEM, OutgoingInput(subject="Công văn", doc_date=day))
    qd = register_outgoing(office_db, SYSTEM, OutgoingInput(subject="Quyết định", doc_type="QĐ", doc_date=day))
    cv2 = register_outgoing(office_db, SYSTEM, OutgoingInput(subject="Công văn 2", doc_date=day))
    assert (cv.number, qd.number, cv2.number) == (1, 1, 2)
    assert qd.number_symbol == "01/QĐ-PGDĐT"
