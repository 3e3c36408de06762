"""Phiếu giải quyết văn bản đến: the head's opinion, the lead and supporting staff, a deadline.

A slip becomes work of the staff it names (``my_handling``), counts as overdue on the
dashboard when its deadline passes unfinished (``overdue_handling``), and prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models import HandlingSlip, IncomingDocument, User
from models.db import Database
from models.errors import NotFound, PermissionDenied, ValidationError
from services.accounts.office import office_info
from services.accounts.permissions import Action, Actor, require
from services.accounts.users import staff_of_office
from services.core.uow import UnitOfWork, now
from services.core.vietnamese import format_date
from services.register.common import checked, dumps, loads, number_text


@dataclass(frozen=True)
class SlipRow:
    id: str
    incoming_id: str
    arrival: str  # "05/2024"
    subject: str
    agency: str
    number_symbol: str
    opinion: str
    lead_user: str
    lead_name: str
    supporters: list[str]
    deadline: dt.date | None
    directed_by: str
    directed_at: dt.datetime
    done_at: dt.datetime | None
    result: str

    def overdue(self, today: dt.date) -> bool:
        return self.done_at is None and self.deadline is not None and self.deadline < today

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        data["directed_at"] = self.directed_at.isoformat()
        data["done_at"] = self.done_at.isoformat() if self.done_at else None
        return data


def _users(session: Session, office_id: str | None = None) -> dict[str, str]:
    """Active accounts by user name; given ``office_id``, only the office's own staff (a slip names
    them, not the accounts a district keeps for its schools)."""
    wanted = select(User.username, User.full_name).where(User.active.is_(True))
    if office_id is not None:
        wanted = wanted.where(staff_of_office(office_id))
    return dict(session.execute(wanted).tuples().all())


def direct(
    db: Database,
    actor: Actor,
    incoming_id: str,
    *,
    opinion: str,
    lead_user: str,
    supporters: list[str] | None = None,
    deadline: dt.date | None = None,
) -> SlipRow:
    """The head writes the handling slip of an arrival (a later slip replaces the instruction)."""
    require(actor, Action.DIRECT_HANDLING)
    supporters = [s.strip() for s in supporters or [] if s.strip() and s.strip() != lead_user]
    with UnitOfWork(db, actor) as uow:
        entry = uow.session.get(IncomingDocument, incoming_id)
        if entry is None:
            raise NotFound("Không có văn bản đến này.", "No such incoming document.", incoming_id)
        known = _users(uow.session, uow.office_id)
        for name in [lead_user, *supporters]:
            if name not in known:
                raise ValidationError(f"Không có tài khoản «{name}» (đang hoạt động) của cơ quan này.",
                                      f"No active account «{name}» of this office.", "lead_user")  # fmt: skip
        if deadline is not None and deadline < entry.arrived_on:
            raise ValidationError(
                f"Hạn giải quyết {format_date(deadline)} sớm hơn ngày đến {format_date(entry.arrived_on)}.",
                "The deadline is before the arrival date.", "deadline",
            )  # fmt: skip
        if not opinion.strip():
            raise ValidationError("Hãy ghi ý kiến chỉ đạo.", "The opinion is required.", "opinion")
        slip = HandlingSlip(id=uow.new_id(), incoming_id=entry.id, opinion=opinion.strip(), lead_user=lead_user,
                            supporters=dumps(supporters), deadline=deadline, directed_by=actor.username,
                            directed_at=now(), result="")  # fmt: skip
        checked(slip, f"Phiếu giải quyết văn bản đến số {number_text(entry.arrival_number)}")
        uow.session.add(slip)
        uow.session.flush()
        return _slip_row(slip, entry, known)


def finish(db: Database, actor: Actor, slip_id: str, result: str = "") -> SlipRow:
    """The lead (or whoever directed it) marks the handling done, with what was done."""
    require(actor, Action.VIEW)
    with UnitOfWork(db, actor) as uow:
        slip = uow.session.get(HandlingSlip, slip_id)
        if slip is None:
            raise NotFound("Không có phiếu giải quyết này.", "No such handling slip.", slip_id)
        if actor.username not in (slip.lead_user, slip.directed_by) and not actor.can(Action.DIRECT_HANDLING):
            raise PermissionDenied(
                f"Chỉ người chủ trì ({slip.lead_user}) hoặc lãnh đạo mới báo xong việc này.",
                "Only the lead or a head may finish this handling.",
            )
        slip.done_at = now()
        slip.result = result.strip()
        checked(slip, "Kết quả giải quyết")
        entry = uow.session.get(IncomingDocument, slip.incoming_id)
        assert entry is not None, "a slip's incoming_id is a foreign key"
        return _slip_row(slip, entry, _users(uow.session))


def _slip_row(slip: HandlingSlip, entry: IncomingDocument, names: dict[str, str]) -> SlipRow:
    return SlipRow(slip.id, slip.incoming_id, f"{number_text(entry.arrival_number)}/{entry.year}", entry.subject,
                   entry.agency, entry.number_symbol, slip.opinion, slip.lead_user,
                   names.get(slip.lead_user, slip.lead_user), loads(slip.supporters), slip.deadline,
                   slip.directed_by, slip.directed_at, slip.done_at, slip.result)  # fmt: skip


def slips_of(db: Database, incoming_id: str) -> list[SlipRow]:
    with db.session() as session:
        entry = session.get(IncomingDocument, incoming_id)
        if entry is None:
            return []
        names = _users(session)
        slips = session.scalars(select(HandlingSlip).where(HandlingSlip.incoming_id == incoming_id)
                                .order_by(HandlingSlip.directed_at, HandlingSlip.id))  # fmt: skip
        return [_slip_row(s, entry, names) for s in slips]


def my_handling(db: Database, actor: Actor, *, include_done: bool = False) -> list[SlipRow]:
    """Việc của tôi: the slips that name this person as lead or support, the nearest deadline first."""
    require(actor, Action.VIEW)
    with db.session() as session:
        names = _users(session)
        statement = (select(HandlingSlip, IncomingDocument)
                     .join(IncomingDocument, IncomingDocument.id == HandlingSlip.incoming_id)
                     .where(or_(HandlingSlip.lead_user == actor.username,
                                HandlingSlip.supporters.like(f'%"{actor.username}"%'))))  # fmt: skip
        if not include_done:
            statement = statement.where(HandlingSlip.done_at.is_(None))
        rows = [_slip_row(s, e, names) for s, e in session.execute(statement)]
    return sorted(rows, key=lambda r: (r.deadline or dt.date.max, r.arrival))


def overdue_handling(session: Session, today: dt.date) -> int:
    """Handling slips past their deadline and not finished (the dashboard's figure)."""
    return session.scalar(select(func.count()).select_from(HandlingSlip).where(
        HandlingSlip.done_at.is_(None), HandlingSlip.deadline < today)) or 0  # fmt: skip


def staff(db: Database, actor: Actor) -> list[tuple[str, str]]:
    """(username, full name) of the active accounts a slip may name, by name."""
    require(actor, Action.VIEW)
    from services.core.vietnamese import sort_key

    office_id = office_info(db).id
    with db.session() as session:
        return sorted(_users(session, office_id).items(), key=lambda item: sort_key(item[1]))
