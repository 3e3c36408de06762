"""The conflicts list: both versions of a row changed on two offices, side by side.

Import applied the winner (larger revision) and kept the loser here. A person
resolves a conflict by choosing a side: keeping the winner just closes it; keeping
the loser writes its values again as a new revision, which then syncs like any
change and wins everywhere. Only rows this office may send can be taken back.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from models import Conflict, Synced
from models.db import Database
from models.enums import UnitKind
from models.errors import NotFound, ValidationError
from services.accounts.office import office_info
from services.accounts.permissions import Action, Actor, require, require_for_unit
from services.core.uow import UnitOfWork, now
from services.sync.records import _CONVERTERS, TABLES
from services.sync.rights import CHILD_TABLES, PARENT_TABLES, Lookup, _unit_of


@dataclass(frozen=True)
class ConflictRow:
    id: str
    table_name: str
    row_id: str
    winner_rev: str
    loser_rev: str
    winner: dict[str, Any]
    loser: dict[str, Any]
    detected_at: dt.datetime
    resolved_at: dt.datetime | None
    resolved_by: str

    @property
    def differences(self) -> list[str]:
        """Fields whose values differ, for the side-by-side view."""
        return sorted(
            k for k in set(self.winner) | set(self.loser) if self.winner.get(k) != self.loser.get(k)
        )

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "differences": self.differences}


def _row(c: Conflict) -> ConflictRow:
    return ConflictRow(c.id, c.table_name, c.row_id, c.winner_rev, c.loser_rev, json.loads(c.winner),
                       json.loads(c.loser), c.detected_at, c.resolved_at, c.resolved_by)  # fmt: skip


def list_conflicts(db: Database, *, include_resolved: bool = False) -> list[ConflictRow]:
    with db.session() as session:
        statement = select(Conflict).order_by(Conflict.detected_at.desc(), Conflict.id)
        if not include_resolved:
            statement = statement.where(Conflict.resolved_at.is_(None))
        return [_row(c) for c in session.scalars(statement)]


def open_conflict_count(db: Database) -> int:
    with db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None)))
            or 0
        )


def _may_rewrite(kind: UnitKind, table: str) -> bool:
    if table in CHILD_TABLES and table != "attachments":
        return True  # progress and reports are written by the unit itself
    return kind != UnitKind.SCHOOL and table in PARENT_TABLES | {"reports", "report_events"}


def resolve_conflict(db: Database, actor: Actor, conflict_id: str, *, keep: str = "winner") -> None:
    """Close a conflict keeping one side; keeping the loser makes it a new revision."""
    require(actor, Action.RUN_SYNC)
    if keep not in ("winner", "loser"):
        raise ValidationError("Chỉ chọn được bản thắng hoặc bản thua.", "Keep winner or loser.", "keep")
    kind = office_info(db).kind
    with UnitOfWork(db, actor) as uow:
        conflict = uow.session.get(Conflict, conflict_id)
        if conflict is None:
            raise NotFound("Không tìm thấy xung đột.", "Conflict not found.", conflict_id)
        _require_its_unit(uow, actor, conflict)
        if conflict.resolved_at is not None:
            raise ValidationError(
                "Xung đột này đã được xử lý.", "This conflict is already resolved.", conflict_id
            )
        if keep == "loser":
            _rewrite(uow, kind, conflict)
        conflict.resolved_at, conflict.resolved_by = now(), actor.username
        uow.audit("resolve_conflict", conflict.table_name, conflict.row_id, summary=f"Giữ bản {keep}")


def _require_its_unit(uow: UnitOfWork, actor: Actor, conflict: Conflict) -> None:
    """A school's account at the district resolves only conflicts about its own school's rows."""
    values = json.loads(conflict.winner or "{}") or json.loads(conflict.loser or "{}")
    unit = _unit_of(Lookup(uow.session, []), conflict.table_name, values)
    require_for_unit(actor, Action.RUN_SYNC, unit, uow.office_id)


def _rewrite(uow: UnitOfWork, kind: UnitKind, conflict: Conflict) -> None:
    table = conflict.table_name
    if table not in TABLES or not _may_rewrite(kind, table):
        raise ValidationError(
            "Dòng này do đơn vị khác quản lý; chỉ giữ được bản đã áp dụng.",
            "This row is managed by another office; only the applied version can be kept.",
            table,
        )
    row = uow.session.get(TABLES[table].model, conflict.row_id)
    if row is None:
        raise NotFound("Không còn dòng dữ liệu của xung đột.", "The conflict's row is gone.", conflict.row_id)
    assert isinstance(row, Synced), "every table in TABLES is synchronised"
    loser = json.loads(conflict.loser)
    row.deleted = bool(loser.get("deleted"))
    for name, convert in _CONVERTERS[table].items():
        if name in loser:
            value = loser[name]
            setattr(row, name, None if value is None else convert(value))
    uow.session.flush()  # the unit of work stamps a new revision: it syncs and wins


# --- in a person's words (the conflicts screen) ------------------------------------------------


@dataclass(frozen=True)
class FieldDiff:
    label: str
    kept: str  # the version in use (the winner)
    other: str
    differs: bool


@dataclass(frozen=True)
class DescribedConflict:
    id: str
    what: str  # "Giao việc"
    subject: str  # "Tổ chức tuyên truyền … — Trường THCS Nguyễn Du"
    detected_at: str  # local time
    fields: list[FieldDiff]

    @property
    def differing(self) -> list[str]:
        return [f.label for f in self.fields if f.differs]


def _subject(session: Any, table: str, values: dict[str, Any]) -> str:
    """The task and the school (or the row's own name) a conflicting row is about."""
    from models import Assignment
    from services.core.describe import linked_name

    parts = [str(values[k]) for k in ("title", "name", "full_name") if values.get(k)][:1]
    links = ["unit_id", "task_id", "round_id"]  # the school first: it stays readable when the title is cut
    if values.get("assignment_id"):
        assignment = session.get(Assignment, values["assignment_id"])
        if assignment is not None:
            values = {**values, "task_id": assignment.task_id, "unit_id": assignment.unit_id}
            table = "assignments"
    named = [name for key in links if (name := linked_name(session, table, key, values.get(key)))]
    return " — ".join(named + parts) or str(values.get("code") or "")


def describe_conflict(db: Database, conflict: ConflictRow) -> DescribedConflict:
    """Table, task and school by name; each field by its label with both values formatted."""
    from services.core.describe import HIDDEN, describe_fields, local_time, table_label

    with db.session() as session:
        keys = [k for k in conflict.differences + sorted(set(conflict.winner) - set(conflict.differences))
                if k not in HIDDEN and not (k == "deleted" and k not in conflict.differences)]  # fmt: skip

        def texts(side: dict[str, Any]) -> dict[str, Any]:
            return {f.key: f for f in describe_fields(session, conflict.table_name, {k: side.get(k) for k in keys})}

        kept, other = texts(conflict.winner), texts(conflict.loser)
        fields = [FieldDiff(kept[k].label, kept[k].text, other[k].text, k in conflict.differences) for k in keys
                  if k in kept]  # fmt: skip
        fields.sort(key=lambda f: not f.differs)
        subject = _subject(session, conflict.table_name, conflict.winner or conflict.loser)
    return DescribedConflict(conflict.id, table_label(conflict.table_name), subject,
                             local_time(conflict.detected_at), fields)  # fmt: skip
