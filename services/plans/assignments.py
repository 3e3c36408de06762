"""Giving tasks to units: lead (chủ trì) or support (phối hợp), one by one or in bulk.

A task with a recurrence becomes one assignment per occurrence of a school year
(``T9/2023`` … ``T5/2024``, ``Q4/2023``, ``2023-2024 HK1``, ``2023-2024``). Editing and
cancelling go through the unit of work, so the audit log keeps every earlier value.
Overdue and days late are computed when read (``lateness``), never stored.

One module (just over 400 lines) because the occurrences of a recurring task and the
assignment rows made from them are one rule: the keys checked for duplicates are the
keys the occurrences produce.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, select

from models import Assignment, Document, OrgUnit, Task
from models.db import Database
from models.enums import AssignmentRole, AssignmentStatus, Recurrence, SchoolLevel, UnitKind
from models.errors import NotFound, ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork, changed_meanwhile, last_change

CLOSED = (AssignmentStatus.DONE, AssignmentStatus.CANCELLED)
_SCHOOL_YEAR = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")
# The months of a school year (September to May) and its semesters' last days.
_MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5]
_HK1_END = (1, 15)
_YEAR_END = (5, 31)


# --- occurrences ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    label: str  # Assignment.occurrence
    due_on: dt.date | None


def school_year_of(day: dt.date) -> str:
    """The school year a day belongs to: from August on, the one that starts that year."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


def parse_school_year(text: str) -> tuple[int, int]:
    m = _SCHOOL_YEAR.match((text or "").strip())
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        raise ValidationError(
            f"Năm học «{text}» không hợp lệ; hãy ghi dạng 2023-2024.",
            f"Invalid school year «{text}»; write it as 2023-2024.",
            "school_year",
        )
    return int(m.group(1)), int(m.group(2))


def _month_end(year: int, month: int, day: int | None = None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day or last, last))


def occurrences(
    recurrence: Recurrence | str, school_year: str, due_on: dt.date | None = None
) -> list[Occurrence]:
    """The occurrences of a recurring task in one school year, each with its due date.

    A monthly task keeps the day of ``due_on`` in each month (else the month's last day);
    the other kinds fall due at the end of their quarter, semester or school year.
    """
    recurrence = Recurrence(recurrence)
    start, end = parse_school_year(school_year)
    if recurrence == Recurrence.ONCE:
        return [Occurrence(school_year, due_on)]
    if recurrence == Recurrence.SCHOOL_YEAR:
        return [Occurrence(school_year, due_on or dt.date(end, *_YEAR_END))]
    if recurrence == Recurrence.SEMESTER:
        return [
            Occurrence(f"{school_year} HK1", dt.date(end, *_HK1_END)),
            Occurrence(f"{school_year} HK2", dt.date(end, *_YEAR_END)),
        ]
    months = [(start if m >= 9 else end, m) for m in _MONTHS]
    if recurrence == Recurrence.MONTHLY:
        day = due_on.day if due_on else None
        return [Occurrence(f"T{m}/{y}", _month_end(y, m, day)) for y, m in months]
    quarters: list[tuple[int, int]] = []
    for y, m in months:
        if (y, (m - 1) // 3 + 1) not in quarters:
            quarters.append((y, (m - 1) // 3 + 1))
    return [Occurrence(f"Q{q}/{y}", _month_end(y, q * 3)) for y, q in quarters]


# --- lateness, computed when read ----------------------------------------------------------


def lateness(due_on: dt.date | None, status: AssignmentStatus | str, today: dt.date | None = None) -> int:
    """Days late of an open assignment (0 when not overdue): never stored, always computed."""
    if due_on is None or AssignmentStatus(status) in CLOSED:
        return 0
    days = ((today or dt.date.today()) - due_on).days
    return max(days, 0)


def is_overdue(due_on: dt.date | None, status: AssignmentStatus | str, today: dt.date | None = None) -> bool:
    return lateness(due_on, status, today) > 0


def overdue_clause(today: dt.date) -> ColumnElement[bool]:
    """The overdue rule in SQL, the same as ``lateness(...) > 0``: due before today, not done or cancelled."""
    return and_(Assignment.due_on < today, Assignment.status.not_in(CLOSED))


# --- unit groups for bulk assignment ---------------------------------------------------------

# A school of two levels takes the tasks of both ("các trường THCS" reaches TH&THCS schools).
LEVELS_COVERING = {
    SchoolLevel.MN: {SchoolLevel.MN},
    SchoolLevel.TH: {SchoolLevel.TH, SchoolLevel.TH_THCS},
    SchoolLevel.THCS: {SchoolLevel.THCS, SchoolLevel.TH_THCS, SchoolLevel.THCS_THPT},
    SchoolLevel.THPT: {SchoolLevel.THPT, SchoolLevel.THCS_THPT},
    SchoolLevel.TH_THCS: {SchoolLevel.TH_THCS},
    SchoolLevel.THCS_THPT: {SchoolLevel.THCS_THPT},
    SchoolLevel.GDNN_GDTX: {SchoolLevel.GDNN_GDTX},
}
_LEVEL_NAMES = {
    SchoolLevel.MN: "mầm non",
    SchoolLevel.TH: "tiểu học",
    SchoolLevel.THCS: "THCS",
    SchoolLevel.THPT: "THPT",
    SchoolLevel.TH_THCS: "TH&THCS",
    SchoolLevel.THCS_THPT: "THCS&THPT",
    SchoolLevel.GDNN_GDTX: "GDNN-GDTX",
}


@dataclass(frozen=True)
class UnitGroup:
    """A set of units chosen at once: all schools (of a level), all communes, all departments."""

    kind: UnitKind
    level: SchoolLevel | None = None

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.level.value}" if self.level else self.kind.value

    @property
    def label(self) -> str:
        if self.kind == UnitKind.SCHOOL:
            return f"Tất cả trường {_LEVEL_NAMES[self.level]}" if self.level else "Tất cả trường học"
        if self.kind == UnitKind.COMMUNE:
            return "Tất cả UBND xã, thị trấn"
        return "Tất cả phòng, ban, ngành"

    @classmethod
    def parse(cls, key: str) -> UnitGroup:
        kind, _, level = key.partition(":")
        try:
            return cls(UnitKind(kind), SchoolLevel(level) if level else None)
        except ValueError as exc:
            raise ValidationError(
                f"Nhóm đơn vị «{key}» không hợp lệ.", f"Invalid unit group «{key}»."
            ) from exc


GROUPS = [
    UnitGroup(UnitKind.SCHOOL),
    *(UnitGroup(UnitKind.SCHOOL, level) for level in SchoolLevel),
    UnitGroup(UnitKind.COMMUNE),
    UnitGroup(UnitKind.DEPARTMENT),
]


def group_unit_ids(session: Any, group: UnitGroup) -> list[str]:
    statement = select(OrgUnit.id).where(
        OrgUnit.deleted.is_(False), OrgUnit.active.is_(True), OrgUnit.kind == group.kind
    )
    if group.level is not None:
        statement = statement.where(OrgUnit.school_level.in_(LEVELS_COVERING[group.level]))
    return list(session.scalars(statement.order_by(OrgUnit.sort_key, OrgUnit.code)))


def group_units(db: Database, group: UnitGroup | str) -> list[str]:
    """The active units of a group, in Vietnamese order."""
    group = UnitGroup.parse(group) if isinstance(group, str) else group
    with db.session() as session:
        return group_unit_ids(session, group)


# --- creating ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignResult:
    created: int
    skipped: int  # the unit already had this task (for that occurrence)
    ids: tuple[str, ...]


def _role(role: AssignmentRole | str) -> AssignmentRole:
    try:
        return AssignmentRole(role)
    except ValueError as exc:
        raise ValidationError("Vai trò phải là chủ trì hoặc phối hợp.", "Role must be lead or support.",
                              "role") from exc  # fmt: skip


def _live_task(session: Any, task_id: str) -> Task:
    task = session.get(Task, task_id)
    if task is None or task.deleted:
        raise NotFound("Không tìm thấy nhiệm vụ.", "Task not found.")
    return task


def assignment_rows(
    uow: UnitOfWork,
    task: Task | dict[str, Any],
    unit_ids: Iterable[str],
    role: AssignmentRole | str,
    *,
    due_on: dt.date | None = None,
    recurrence: Recurrence | str | None = None,
    school_year: str = "",
    note: str = "",
    existing: set[tuple[str, str, str]] | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Rows for ``insert_many``: one per unit and occurrence, skipping pairs already given.

    ``task`` is an ORM task or a dict with ``id``, ``deadline``, ``recurrence``; ``existing``
    holds (task id, unit id, occurrence) already assigned (it is extended as rows are made).
    """
    get: Callable[..., Any] = task.get if isinstance(task, dict) else lambda k, d=None: getattr(task, k, d)
    task_id = get("id")
    recurrence = Recurrence(recurrence or get("recurrence") or Recurrence.ONCE)
    due = due_on or get("deadline")
    year = school_year or school_year_of(due or dt.date.today())
    plan = occurrences(recurrence, year, due)
    role = _role(role)
    seen = existing if existing is not None else set()
    rows: list[dict[str, Any]] = []
    skipped = 0
    for unit_id in dict.fromkeys(unit_ids):
        for occ in plan:
            key = (task_id, unit_id, occ.label)
            if key in seen:
                skipped += 1
                continue
            seen.add(key)
            rows.append({
                "id": uow.new_id(), "task_id": task_id, "unit_id": unit_id, "role": role,
                "due_on": occ.due_on, "occurrence": occ.label, "status": AssignmentStatus.NOT_STARTED,
                "percent": 0, "note": note,
            })  # fmt: skip
    return rows, skipped


def existing_keys(session: Any, task_ids: Sequence[str]) -> set[tuple[str, str, str]]:
    """(task, unit, occurrence) of live, not cancelled assignments of these tasks."""
    if not task_ids:
        return set()
    statement = select(Assignment.task_id, Assignment.unit_id, Assignment.occurrence).where(
        Assignment.task_id.in_(task_ids),
        Assignment.deleted.is_(False),
        Assignment.status != AssignmentStatus.CANCELLED,
    )
    return {tuple(row) for row in session.execute(statement)}


def _document_year(session: Any, task: Task) -> str:
    doc = session.get(Document, task.document_id)
    year = doc.school_year if doc else ""
    return year if year and _SCHOOL_YEAR.match(year) else ""


def assign(
    db: Database,
    actor: Actor,
    task_id: str,
    unit_ids: Sequence[str] = (),
    role: AssignmentRole | str = AssignmentRole.LEAD,
    *,
    groups: Sequence[UnitGroup | str] = (),
    due_on: dt.date | None = None,
    recurrence: Recurrence | str | None = None,
    school_year: str = "",
    note: str = "",
) -> AssignResult:
    """Give a task to units (and whole groups of units) with one role, due date and recurrence.

    A recurring task gets one assignment per occurrence of ``school_year`` (by default the
    document's school year, else the one of the due date). Units that already have the
    task for an occurrence are skipped, so assigning a group twice changes nothing.
    """
    require(actor, Action.ASSIGN_TASKS)
    with UnitOfWork(db, actor) as uow:
        task = _live_task(uow.session, task_id)
        units = list(unit_ids)
        for group in groups:
            units += group_unit_ids(uow.session, UnitGroup.parse(group) if isinstance(group, str) else group)
        if not units:
            raise ValidationError("Hãy chọn ít nhất một đơn vị.", "Choose at least one unit.", "unit_ids")
        check_units(uow.session, units)
        year = school_year or _document_year(uow.session, task)
        if year:
            parse_school_year(year)
        rows, skipped = assignment_rows(
            uow, task, units, role, due_on=due_on, recurrence=recurrence, school_year=year,
            note=note.strip(), existing=existing_keys(uow.session, [task.id]),
        )  # fmt: skip
        uow.insert_many(Assignment, rows, summary=f"Giao «{task.title[:80]}» cho {len(rows)} đơn vị/kỳ")
        return AssignResult(len(rows), skipped, tuple(r["id"] for r in rows))


def check_units(session: Any, unit_ids: Sequence[str]) -> None:
    wanted = set(unit_ids)
    found: set[str] = set()
    ids = list(wanted)
    for first in range(0, len(ids), 500):  # stay under every backend's parameter limit
        chunk = ids[first : first + 500]
        found |= set(
            session.scalars(select(OrgUnit.id).where(OrgUnit.id.in_(chunk), OrgUnit.deleted.is_(False)))
        )
    if missing := wanted - found:
        raise ValidationError(
            f"{len(missing)} đơn vị được chọn không tồn tại.", f"{len(missing)} chosen units do not exist.",
            "unit_ids",
        )  # fmt: skip


# --- editing and cancelling --------------------------------------------------------------------


@dataclass
class AssignmentEdit:
    """Fields to change; ``None`` leaves a field as it is (``clear_due`` removes the due date)."""

    role: AssignmentRole | str | None = None
    due_on: dt.date | None = None
    clear_due: bool = False
    note: str | None = None


def _live_assignment(session: Any, assignment_id: str) -> Assignment:
    row = session.get(Assignment, assignment_id)
    if row is None or row.deleted:
        raise NotFound("Không tìm thấy việc được giao.", "Assignment not found.")
    return row


def update_assignment(db: Database, actor: Actor, assignment_id: str, edit: AssignmentEdit) -> None:
    update_assignments(db, actor, [assignment_id], edit)


def update_assignments(
    db: Database, actor: Actor, assignment_ids: Sequence[str], edit: AssignmentEdit,
    *, expected_revs: Mapping[str, str] | None = None,
) -> int:
    """Change role, due date or note of one or many assignments (audited one by one).

    ``expected_revs``: id → the revision the clerk loaded; a row changed since refuses the
    whole edit and the error says who changed it and when.
    """
    require(actor, Action.ASSIGN_TASKS)
    with UnitOfWork(db, actor) as uow:
        for assignment_id in assignment_ids:
            row = _live_assignment(uow.session, assignment_id)
            if expected_revs is not None and row.rev != expected_revs.get(assignment_id, row.rev):
                who, when = last_change(uow.session, ("assignments",), [assignment_id])
                raise changed_meanwhile("Việc được giao này", who, when)
            if edit.role is not None:
                row.role = _role(edit.role)
            if edit.clear_due:
                row.due_on = None
            elif edit.due_on is not None:
                row.due_on = edit.due_on
            if edit.note is not None:
                row.note = edit.note.strip()
        return len(assignment_ids)


def cancel_assignments(db: Database, actor: Actor, assignment_ids: Sequence[str], reason: str = "") -> int:
    """Cancel (đã hủy): the row stays, with its history, but leaves the open work."""
    require(actor, Action.ASSIGN_TASKS)
    with UnitOfWork(db, actor) as uow:
        for assignment_id in assignment_ids:
            row = _live_assignment(uow.session, assignment_id)
            row.status = AssignmentStatus.CANCELLED
            if reason.strip():
                row.note = f"Hủy: {reason.strip()}"
        return len(assignment_ids)


def reopen_assignment(db: Database, actor: Actor, assignment_id: str) -> None:
    """Undo a cancellation: back to the status its latest progress update says."""
    from services.plans.progress import apply_latest  # progress imports this module

    require(actor, Action.ASSIGN_TASKS)
    with UnitOfWork(db, actor) as uow:
        row = _live_assignment(uow.session, assignment_id)
        if row.status != AssignmentStatus.CANCELLED:
            return
        if (row.task_id, row.unit_id, row.occurrence) in existing_keys(uow.session, [row.task_id]):
            raise ValidationError(
                "Không mở lại được: đơn vị này đã được giao lại nhiệm vụ này (cùng kỳ) sau khi hủy.",
                "Cannot reopen: the unit was given this task again (same occurrence) after it was cancelled.",
                assignment_id,
            )
        row.status = AssignmentStatus.NOT_STARTED
        apply_latest(uow, [row.id])


def delete_assignments(db: Database, actor: Actor, assignment_ids: Sequence[str]) -> int:
    """Remove assignments given by mistake (a tombstone that travels in bundles)."""
    require(actor, Action.ASSIGN_TASKS)
    with UnitOfWork(db, actor) as uow:
        for assignment_id in assignment_ids:
            _live_assignment(uow.session, assignment_id).deleted = True
        return len(assignment_ids)
