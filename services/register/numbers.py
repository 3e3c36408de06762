"""Register numbers: one counter row per book, office, year and sequence.

The next number is taken by ``UPDATE … SET last_number = last_number + 1`` inside the
transaction that writes the register entry. That statement is the transaction's first
write: on PostgreSQL it locks the counter row (as ``SELECT … FOR UPDATE`` would) until
commit, so a second clerk waits and then reads the committed value; on SQLite it takes
the database's write lock (the ``BEGIN IMMEDIATE`` moment). A rolled-back entry rolls
its number back too, so numbers stay gapless; the unique constraints on the entries are
the last guard, and a collision or a busy database retries the whole unit of work.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, and_, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from models import RegisterCounter, table_of
from models.errors import EduDeskError

INCOMING, OUTGOING = "in", "out"
ATTEMPTS = 40
T = TypeVar("T")


def next_number(session: Session, book: str, office_id: str, year: int, sequence: str = "") -> int:
    """Take the next number of a book in the caller's transaction (01 for a new year)."""
    table = table_of(RegisterCounter)
    key = and_(table.c.book == book, table.c.office_id == office_id, table.c.year == year,
               table.c.sequence == sequence)  # fmt: skip
    session.flush()  # pending rows first, so this UPDATE is what takes the lock
    # Session.execute is typed as returning a plain Result; for an UPDATE it is a CursorResult.
    done = cast(
        CursorResult[Any], session.execute(update(table).where(key).values(last_number=table.c.last_number + 1))
    )
    if done.rowcount == 0:  # the year's first number; a clerk racing here hits the primary key
        session.execute(insert(table).values(book=book, office_id=office_id, year=year, sequence=sequence,
                                             last_number=1))  # fmt: skip
        return 1
    return int(session.execute(select(table.c.last_number).where(key).with_for_update()).scalar_one())


def last_number(session: Session, book: str, office_id: str, year: int, sequence: str = "") -> int:
    row = session.get(RegisterCounter, (book, office_id, year, sequence))
    return row.last_number if row is not None else 0


def with_retry(work: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """Run a unit of work again when another clerk took the same number or held the lock."""
    for attempt in range(attempts):
        try:
            return work()
        except (IntegrityError, OperationalError) as exc:
            if attempt == attempts - 1:
                raise EduDeskError(
                    "Không lấy được số văn bản: cơ sở dữ liệu đang bận (nhiều người cùng vào sổ). "
                    "Hãy thử lại.",
                    f"Could not take a register number; the database stayed busy ({type(exc).__name__}).",
                ) from exc
            time.sleep(min(0.5, 0.01 * (attempt + 1)) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def number_and_year(reference: str, today: dt.date | None = None) -> tuple[int, int] | None:
    """A register number as a clerk writes it: ``05`` (this year) or ``05/2024``; None otherwise."""
    number, _, year = reference.partition("/")
    if not number.strip().isdigit():
        return None
    return int(number), int(year) if year.strip().isdigit() else (today or dt.date.today()).year
