"""The unit of work: one use case, one transaction, audited and stamped.

Every service write goes through ``UnitOfWork``. On flush it gives each new or
changed synchronised row a fresh HLC revision and its origin office, refreshes its
local search keys, and leaves one audit entry (who, when, what, before, after).

One module (over 400 lines) because the write lock, the stamps, the search keys, the audit
entry and the busy retry are one transaction's life cycle: each relies on the order of the others.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from sqlalchemy import event, insert, inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from models import AuditEntry, Document, OrgUnit, Report, Setting, Synced, Task, User
from models.base import Base
from models.db import Database
from models.errors import EduDeskError, PermissionDenied, ValidationError
from models.plans import LIVE_ASSIGNMENT_INDEX
from services.accounts.permissions import Actor
from services.core import limits, vietnamese
from services.core.changes import CREATE, DELETE, UPDATE, ChangeLog, Changes, committed
from services.core.hlc import HybridClock, Stamp, wall_clock_ms

OFFICE_KEY = "office"
CLOCK_KEY = "_hlc_last"
_NOT_AUDITED = {"password_hash"}
# One write lock per office database (DESIGN §4 Concurrency): every unit of work takes it
# first, so writers never deadlock, stamps are unique and commit-ordered, the clock never
# goes back. PostgreSQL: a transaction-level advisory lock; SQLite: BEGIN IMMEDIATE.
_PG_LOCK_KEY = 0x45445544534B  # "EDUDSK"
LOCK_WAIT_S = 20  # how long one attempt waits for the other clerk's write to finish
LOCK_ATTEMPTS = 3
MAX_SERVER_SKEW_MS = 5 * 60 * 1000  # a PC this far from the server's clock is named in the log
_log = logging.getLogger(__name__)


class Busy(EduDeskError):
    """Another clerk's write held the database through every retry: nothing was changed."""


def busy_error(exc: BaseException | None = None) -> Busy:
    detail = f" ({type(exc).__name__})" if exc is not None else ""
    return Busy(
        "Cơ sở dữ liệu đang bận vì một người dùng khác đang ghi; thao tác chưa được thực hiện, "
        "không có gì thay đổi. Hãy thử lại sau ít giây.",
        f"The database is busy with another user's write{detail}; nothing was changed. Try again in a moment.",
    )


def duplicate_assignment() -> ValidationError:
    return ValidationError(
        "Đơn vị này đã được giao nhiệm vụ này (cùng kỳ) — có thể một người dùng khác vừa giao; "
        "không có gì thay đổi. Hãy tải lại danh sách việc được giao.",
        "This unit already has this task (same occurrence), perhaps just given by another user; nothing changed.",
        "assignments",
    )


def _live_duplicate(exc: object) -> bool:
    """The live-assignment index refused a row (PostgreSQL names the index, SQLite its columns)."""
    if isinstance(exc, sqlite3.IntegrityError):  # the import's raw executemany on SQLite
        text_ = str(exc)
    else:
        text_ = str(getattr(exc, "orig", "")) if isinstance(exc, IntegrityError) else ""
    return LIVE_ASSIGNMENT_INDEX in text_ or "assignments.task_id, assignments.unit_id" in text_


def database_refusal(exc: BaseException) -> str | None:
    """A database error in one plain line, without its SQL and parameters (None: not one)."""
    if not isinstance(exc, DBAPIError):
        return None
    if is_contention(exc):
        return busy_error(exc).message
    raw = str(exc.orig).strip()
    first = raw.splitlines()[0] if raw else type(exc.orig).__name__
    return f"cơ sở dữ liệu từ chối thao tác ({first[:200]}); không có gì thay đổi. Chi tiết ở tệp nhật ký."


def is_contention(exc: BaseException) -> bool:
    """A deadlock, a serialisation failure, a lock wait that timed out or SQLite's busy database."""
    if not isinstance(exc, DBAPIError):
        return False
    code = getattr(getattr(exc, "orig", None), "sqlstate", None) or getattr(
        getattr(exc, "orig", None), "pgcode", None
    )
    if code in ("40P01", "40001", "55P03", "57014"):  # deadlock, serialization, lock timeout, cancelled
        return True
    message = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, OperationalError) and (
        "database is locked" in message or "database table is locked" in message or "deadlock" in message
    )


def now() -> dt.datetime:
    """Naive UTC, second precision: what every timestamp column stores."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def row_values(obj: Base, *, include_local: bool = True) -> dict[str, Any]:
    local = set(getattr(obj, "__local_columns__", ())) if not include_local else set()
    return {
        c.key: jsonable(getattr(obj, c.key)) for c in inspect(obj).mapper.column_attrs if c.key not in local
    }


def _derive_keys(cls: type, values: dict[str, Any]) -> dict[str, str]:
    """Local search/sort keys computed from a row's text (Vietnamese folding)."""
    if cls is OrgUnit:
        name = values.get("name") or ""
        return {
            "search_key": vietnamese.search_key(
                values.get("code") or "", name, values.get("short_name") or ""
            ),
            "sort_key": vietnamese.sort_key(name),
        }
    if cls is Task:
        return {
            "search_key": vietnamese.search_key(values.get("title") or "", values.get("description") or "")
        }
    if cls is Document:
        return {"search_key": vietnamese.search_key(values.get("symbol") or "", values.get("title") or "")}
    return {}


class UnitOfWork:
    """``with UnitOfWork(db, actor) as uow:`` … ``uow.session`` … commits on success."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        *,
        clock: Callable[[], int] = wall_clock_ms,
        id_factory: Callable[[], str] | None = None,
        audit_at: Callable[[], dt.datetime] = now,
    ) -> None:
        self.db = db
        self.actor = actor
        self._wall = clock
        self._new_id = id_factory or (lambda: str(uuid.uuid4()))
        self._audit_at = audit_at
        self.session: Session
        self.clock: HybridClock
        self.office_id: str = ""
        self.changes = ChangeLog()  # rows touched: pages refresh what they show
        self.committed = Changes()  # what the commit wrote, once it has

    def __enter__(self) -> UnitOfWork:
        for attempt in range(LOCK_ATTEMPTS):
            self.session = self.db.session()
            try:
                self.session.begin()
                self._lock()
                break
            except DBAPIError as exc:
                self.session.rollback()
                self.session.close()
                if not is_contention(exc):
                    raise
                if attempt + 1 == LOCK_ATTEMPTS:
                    raise busy_error(exc) from exc
                time.sleep(0.2 * (attempt + 1))
        self.session.info["uow"] = self
        office = self.session.get(Setting, OFFICE_KEY)
        self.office_id = json.loads(office.value)["id"] if office else ""
        stored = self.session.get(Setting, CLOCK_KEY)
        last = Stamp.decode(json.loads(stored.value)) if stored else None
        self.clock = HybridClock(self.office_id or "local", last, self._wall)
        return self

    def _lock(self) -> None:
        """The office's write lock, then (on a server) the server's clock for this PC's stamps."""
        if self.db.is_sqlite:
            connection = self.session.connection()
            connection.exec_driver_sql(f"PRAGMA busy_timeout={LOCK_WAIT_S * 1000}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        self.session.execute(text(f"SET LOCAL lock_timeout = '{LOCK_WAIT_S}s'"))
        server_ms = self.session.execute(
            text("SELECT pg_advisory_xact_lock(:key), (extract(epoch from clock_timestamp()) * 1000)::bigint"),
            {"key": _PG_LOCK_KEY},
        ).one()[1]
        if self._wall is wall_clock_ms:  # stamps from the server's clock: one fast PC never moves the office
            offset = int(server_ms) - wall_clock_ms()
            if abs(offset) > MAX_SERVER_SKEW_MS:
                _log.warning("this PC's clock is %d s off the server's; stamps use the server's", offset // 1000)
            self._wall = lambda: wall_clock_ms() + offset

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if exc_type is None:
                self.session.flush()
                self._save_clock()
                self.session.commit()
                self.committed = self.changes.freeze()
                committed(self.committed)
            else:
                self.session.rollback()
        except DBAPIError as failure:
            self.session.rollback()
            if is_contention(failure):
                raise busy_error(failure) from failure
            if _live_duplicate(failure):
                raise duplicate_assignment() from failure
            raise
        finally:
            self.session.close()
        if isinstance(exc, DBAPIError) and is_contention(exc):
            raise busy_error(exc) from exc
        if _live_duplicate(exc):
            raise duplicate_assignment() from exc

    def set_office(self, office_id: str) -> None:
        """Used once, when the office itself is created."""
        self.office_id = office_id
        self.clock = HybridClock(office_id, self.clock.last, self._wall)

    def new_id(self) -> str:
        return self._new_id()

    def next_rev(self) -> str:
        return self.clock.tick().encode()

    def _save_clock(self) -> None:
        value = json.dumps(self.clock.last.encode())
        row = self.session.get(Setting, CLOCK_KEY)
        if row is None:
            self.session.add(Setting(key=CLOCK_KEY, value=value))
        elif row.value != value:
            row.value = value
        self.session.flush()

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: str = "",
        *,
        summary: str = "",
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.session.add(
            AuditEntry(
                at=self._audit_at(),
                username=self.actor.username,
                action=action,
                entity=entity,
                entity_id=entity_id,
                summary=summary,
                before=json.dumps(before, ensure_ascii=False, sort_keys=True) if before is not None else "",
                after=json.dumps(after, ensure_ascii=False, sort_keys=True) if after is not None else "",
            )
        )

    def insert_many(self, model: type[Base], rows: Iterable[dict[str, Any]], *, summary: str = "") -> int:
        """Bulk insert (executemany) with ids, revisions, origin and keys; one audit entry."""
        prepared = []
        for values in rows:
            values = dict(values)
            if issubclass(model, Synced):
                values.setdefault("id", self.new_id())
                values.setdefault("origin", self.office_id)
                values.setdefault("deleted", False)
                if self.office_id:
                    check_values(self, model.__tablename__, None, values)
                values["rev"] = self.next_rev()
            values.update(_derive_keys(model, values))
            prepared.append(values)
        if prepared:
            self.session.execute(insert(model), prepared)
            self.audit(
                "bulk_create",
                model.__tablename__,
                summary=summary or f"{len(prepared)} dòng",
                after={"count": len(prepared)},
            )
            for values in prepared:
                self.changes.add(model.__tablename__, str(values.get("id") or ""), CREATE)
        return len(prepared)

    def get(self, model: type[Base], row_id: str) -> Any:
        return self.session.get(model, row_id)

    def scalars(self, statement: Any) -> list[Any]:
        return list(self.session.scalars(statement))

    def office_setting(self) -> dict[str, Any]:
        row = self.session.get(Setting, OFFICE_KEY)
        if row is None:
            raise EduDeskError("Cơ sở dữ liệu chưa có đơn vị.", "The database has no office yet.")
        return json.loads(row.value)


def _changed_values(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes() and attr.key not in _NOT_AUDITED:
            before[attr.key] = jsonable(history.deleted[0]) if history.deleted else None
            after[attr.key] = jsonable(history.added[0]) if history.added else None
    return before, after


def _audited_values(obj: Base) -> dict[str, Any]:
    return {k: v for k, v in row_values(obj).items() if k not in _NOT_AUDITED}


@event.listens_for(Session, "before_flush")
def _stamp_and_audit(session: Session, _context: object, _instances: object) -> None:
    uow: UnitOfWork | None = session.info.get("uow")
    if uow is None:
        return
    for obj in list(session.deleted):
        if isinstance(obj, Synced):
            raise EduDeskError(
                "Dữ liệu đồng bộ không được xóa hẳn; hãy đánh dấu đã xóa.",
                "Synchronised rows are never hard-deleted; mark them deleted instead.",
            )
    for obj in list(session.new):
        _on_new(uow, obj)
    for obj in _stable_order(session.dirty):
        if session.is_modified(obj, include_collections=False):
            _on_dirty(uow, obj)


def _stable_order(objects: Iterable[Base]) -> list[Base]:
    """Changed rows in table, then key order: SQLAlchemy keeps them in a set whose order
    changes from run to run, and the revisions given here must be reproducible (the
    demo's ``dump`` is compared byte for byte)."""
    return sorted(objects, key=lambda obj: (type(obj).__tablename__, str(inspect(obj).identity)))


def _refresh_keys(obj: Base) -> None:
    for key, value in _derive_keys(type(obj), row_values(obj)).items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)


def _on_new(uow: UnitOfWork, obj: Base) -> None:
    if isinstance(obj, AuditEntry | Setting):
        return
    if isinstance(obj, Synced):
        if obj.id is None:
            obj.id = uow.new_id()
        if not obj.origin:
            obj.origin = uow.office_id
        _check_owner(uow, obj, is_new=True)
        if obj.deleted is None:
            obj.deleted = False
        obj.rev = uow.next_rev()
        _refresh_keys(obj)
        _within_limits(obj)
    elif isinstance(obj, User) and obj.id is None:
        obj.id = uow.new_id()
    table = type(obj).__tablename__
    uow.changes.add(table, str(getattr(obj, "id", None) or getattr(obj, "key", None) or ""), CREATE)
    uow.audit("create", table, str(getattr(obj, "id", "")), summary=_label(obj), after=_audited_values(obj))


def _within_limits(obj: Base) -> None:
    """The one set of limits (services.core.limits) where data enters; a deletion always goes through."""
    found = limits.clean_object(obj)
    if found and not getattr(obj, "deleted", False):
        field, why = found[0]
        table = type(obj).__tablename__
        raise ValidationError(
            f"Không lưu được dữ liệu ({table}), trường {field}: {why}.",
            f"Cannot store {table}: field {field} is outside the limits ({why}).",
            f"{table}.{field}",
        )


def _on_dirty(uow: UnitOfWork, obj: Base) -> None:
    if isinstance(obj, AuditEntry) or (isinstance(obj, Setting) and obj.key.startswith("_")):
        return
    if isinstance(obj, Synced):
        _refresh_keys(obj)
        _within_limits(obj)
    before, after = _changed_values(obj)
    meaningful = {k for k in after if k not in ("search_key", "sort_key")}
    if not meaningful:
        return
    if isinstance(obj, Synced):
        _check_owner(uow, obj, is_new=False)
        if not _derived_here(uow, obj, meaningful):
            obj.rev = _above(uow.next_rev(), obj.rev, *inspect(obj).attrs.rev.history.deleted)
    action = "delete" if after.get("deleted") is True else "update"
    table = type(obj).__tablename__
    entity_id = str(getattr(obj, "id", getattr(obj, "key", "")))
    uow.changes.add(table, entity_id, DELETE if action == "delete" else UPDATE)
    uow.audit(action, table, entity_id, summary=_label(obj), before=before, after=after)


def _derived_here(uow: UnitOfWork, obj: Base, changed: set[str]) -> bool:
    """A child deriving its copy of a parent's row (an assignment's status from its progress)
    keeps the parent's revision: the parent derives the same and stamps it, and a local stamp
    would outrank the parent's later decisions (a cancellation) that this copy has not seen."""
    from services.core.ownership import DERIVED_BY_CHILD

    derived = DERIVED_BY_CHILD.get(type(obj).__tablename__)
    origin = getattr(obj, "origin", "")
    return bool(derived and uow.office_id and origin != uow.office_id and changed <= derived)


def _above(fresh: str, *floors: str | None) -> str:
    """An edit outranks the version it edits, even one a peer stamped ahead of our clock.

    Remote stamps never drag the local clock more than a few minutes past wall time
    (services.core.hlc), so a row may carry a stamp above it: the edit takes the next stamp
    of that row's own, not of the clock.
    """
    top = max((f for f in floors if f), default="")
    if fresh > top:
        return fresh
    return _next_of(Stamp.decode(top), fresh)


def _next_of(above: Stamp, fresh: str) -> str:
    office = Stamp.decode(fresh).office
    if above.counter + 1 < 10**6:
        return Stamp(above.wall_ms, above.counter + 1, office).encode()
    return Stamp(above.wall_ms + 1, 0, office).encode()


def _label(obj: Base) -> str:
    for attr in ("code", "username", "symbol", "title", "name", "key"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)[:200]
    return ""


def first(session: Session, statement: Any) -> Any:
    return session.scalars(statement.limit(1)).first()


__all__ = ["OFFICE_KEY", "Busy", "ChangedMeanwhile", "UnitOfWork", "first", "now", "row_values", "select"]


# --- ownership: one rule (services.core.ownership) for every local write --------------------------


def _place(uow: UnitOfWork) -> Any:
    from services.core.ownership import Place

    place = uow.session.info.get("ownership_place")
    if place is None:
        chain: list[str] = []
        names: dict[str, str] = {}
        current: str | None = uow.office_id
        while current and current not in chain and len(chain) < 10:
            unit = uow.session.get(OrgUnit, current)
            if unit is None:
                break
            names[unit.id] = unit.name
            chain.append(unit.id)
            current = unit.parent_id
        place = Place(uow.office_id, chain[1] if len(chain) > 1 else "", frozenset(chain[1:]), names)
        uow.session.info["ownership_place"] = place
    return place


def _full_before(obj: Base) -> dict[str, Any]:
    state = inspect(obj)
    values: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        values[attr.key] = (
            history.deleted[0] if history.deleted else (history.unchanged[0] if history.unchanged else None)
        )
    return values


_MODELS: dict[str, type[Synced]] = {"documents": Document, "tasks": Task}


def _check_owner(uow: UnitOfWork, obj: Base, is_new: bool) -> None:
    """Refuse a write of a row another office owns (DESIGN §4), naming the owner."""
    if not uow.office_id or not isinstance(obj, Synced):
        return
    after = {a.key: getattr(obj, a.key) for a in inspect(obj).mapper.column_attrs}
    check_values(uow, type(obj).__tablename__, None if is_new else _full_before(obj), after)


def _parent_origin(uow: UnitOfWork, model: str, parent_id: str | None) -> str:
    """The office that created a row's document or task ('' when absent), once per parent and unit
    of work: a bulk insert of 100,000 assignments under 100 tasks asks 100 times, not 100,000."""
    if not parent_id:
        return ""
    known: dict[tuple[str, str], str] = uow.session.info.setdefault("parent_origins", {})
    origin = known.get((model, parent_id))
    if origin is None:
        parent = uow.session.get(_MODELS[model], parent_id)
        if parent is None:
            return ""  # not stored yet: asked again later
        origin = known[(model, parent_id)] = parent.origin
    return origin


def check_values(uow: UnitOfWork, table: str, before: dict[str, Any] | None, after: dict[str, Any]) -> None:
    """The ownership rule for one row written here (``before`` None: a new row)."""
    from services.core import ownership

    place = _place(uow)
    if not place.ancestors and table not in ("reports", "report_values", "report_narratives", "report_events"):
        return  # the top office owns everything it holds
    is_new = before is None
    why, owner = "", ""
    if table in ("report_values", "report_narratives", "report_events"):
        report = uow.session.get(Report, after.get("report_id"))
        if report is not None:
            status = inspect(report).attrs.status.history
            stored = status.deleted[0] if status.deleted else report.status  # the state before this write
            if table == "report_events":
                if is_new:
                    why, owner = ownership.report_event_refusal(place, report.unit_id, str(after.get("action")))
            else:
                why, owner = ownership.report_content_refusal(place, report.unit_id, stored)
    else:
        parent_origin = ""
        if is_new and table in ownership.UNDER_DOCUMENT:
            model, key = ownership.UNDER_DOCUMENT[table]
            parent_origin = _parent_origin(uow, model, after.get(key))
        origin = str(after.get("origin") or uow.office_id)
        why, owner = ownership.local_refusal(place, table, origin, before, after, parent_origin)
    if why:
        name = place.name(owner) if owner else "đơn vị cấp trên"
        raise PermissionDenied(
            f"Không sửa được dòng {table}: {why}; dòng này thuộc quyền của {name}.",
            f"Row {table} is owned by {name}; this office may not change it.",
            table,
        )


# --- conditional changes: a clerk's edit is checked against what the clerk loaded -----------


class ChangedMeanwhile(EduDeskError):
    """Someone else changed what this clerk loaded: nothing was saved, the message says who and when."""


def last_change(session: Session, tables: Iterable[str], ids: Iterable[str]) -> tuple[str, dt.datetime | None]:
    """(who, when) of the latest audited change of these rows ('' and None: made by a sync)."""
    wanted = [i for i in ids if i]
    if not wanted:
        return "", None
    entry = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity.in_(list(tables)), AuditEntry.entity_id.in_(wanted[:500]))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    return (entry.username, entry.at) if entry is not None else ("", None)


def changed_meanwhile(what: str, who: str, when: dt.datetime | None) -> ChangedMeanwhile:
    at = f" lúc {when:%H:%M ngày %d/%m/%Y}" if when else ""
    by = f"người dùng «{who}»" if who else "một người dùng khác hoặc một gói đồng bộ"
    return ChangedMeanwhile(
        f"{what} vừa được {by} thay đổi{at}, sau khi bạn mở ra; thay đổi của bạn chưa được lưu. "
        "Hãy mở lại để xem bản mới nhất rồi sửa tiếp.",
        f"{what} was changed by {who or 'another user or a sync bundle'}"
        f"{f' at {when:%H:%M %d/%m/%Y}' if when else ''} after you opened it; your change was not saved. "
        "Open it again to see the latest version.",
    )
