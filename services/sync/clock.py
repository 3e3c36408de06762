"""Seeing and repairing a clock that ran ahead (issue 16 item 4, DESIGN §4 Clocks).

The office's hybrid clock is persisted; if this PC's time was once set far ahead,
every later stamp stays there. ``clock`` shows how far ahead it is; ``clock --repair``
puts it back at wall time and lowers every peer's watermark to that point, so rows
stamped from now on (below the old marks) are still sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from models import Peer, SentBundle, Setting
from models.db import Database
from models.errors import EduDeskError
from services.accounts.office import office_info
from services.accounts.permissions import Action, Actor, require
from services.core.hlc import MAX_DRIFT_MS, Stamp, wall_clock_ms
from services.core.uow import CLOCK_KEY, UnitOfWork


@dataclass(frozen=True)
class ClockState:
    wall_ms: int
    last: str  # the persisted stamp ('' on a new database)
    ahead_ms: int  # how far the stamp is past wall time (0 when behind)

    @property
    def ran_ahead(self) -> bool:
        return self.ahead_ms > MAX_DRIFT_MS

    def as_dict(self) -> dict[str, Any]:
        return {
            "wall_ms": self.wall_ms,
            "last": self.last,
            "ahead_ms": self.ahead_ms,
            "ran_ahead": self.ran_ahead,
        }


def clock_state(db: Database, now_ms: int | None = None) -> ClockState:
    wall = wall_clock_ms() if now_ms is None else now_ms
    with db.session() as session:
        row = session.get(Setting, CLOCK_KEY)
        last = json.loads(row.value) if row else ""
    ahead = max(0, Stamp.decode(last).wall_ms - wall) if last else 0
    return ClockState(wall, last, ahead)


def repair_clock(db: Database, actor: Actor, now_ms: int | None = None) -> ClockState:
    """Back to wall time; peers get again everything above it (revisions decide, nothing is lost)."""
    require(actor, Action.RUN_SYNC)
    state = clock_state(db, now_ms)
    if not state.ran_ahead:
        raise EduDeskError(
            "Đồng hồ của đơn vị này không chạy trước giờ thật; không cần sửa.",
            "This office's clock is not ahead of wall time; nothing to repair.",
        )
    back = Stamp(state.wall_ms, 0, office_info(db).id).encode()
    with UnitOfWork(db, actor) as uow:
        row = uow.session.get(Setting, CLOCK_KEY)
        assert row is not None, "a clock that ran ahead was read from this row"
        row.value = json.dumps(back)
        for peer in uow.session.scalars(select(Peer).where(Peer.acked_rev > back)):
            peer.acked_rev = back
        uow.session.execute(update(SentBundle).where(SentBundle.max_rev > back).values(max_rev=back))
        uow.clock.last = Stamp.decode(back)  # the unit of work saves its clock on commit
        uow.audit("repair_clock", "settings", CLOCK_KEY, summary=f"Đồng hồ từ {state.last} về {back}")
    return clock_state(db, now_ms)
