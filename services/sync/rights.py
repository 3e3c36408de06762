"""Ownership (DESIGN §4): which rows an office may send to its parent or to a child.

A parent (district, province) sends what it owns at its level: units, documents,
outline, tasks, the child's assignments, data elements, indicators, templates,
rounds, the child's round memberships, reviews of the child's reports and document
files. A child (school, or a district toward its province) sends only its own
work: progress on its assignments and their evidence, its reports with their
narratives, values and history. Anything else refuses the whole bundle, naming
the row and the reason. Existing local rows are checked too, so a bundle cannot
take over a row of another unit by reusing its id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OrgUnit, table_of
from models.enums import ReportStatus
from services.core import ownership
from services.core.ownership import CHILD_TABLES, PARENT_TABLES
from services.sync.records import TABLES, BundleRefused, Record, refuse

DOWN, UP = "down", "up"  # a parent's bundle to its child; a child's bundle to its parent
SETUP = "setup"  # a new office's start: what comes down plus its own history
REVIEW_TABLES = frozenset({"reports", "report_events", "attachments"})
_CHUNK = 500


def relation(session: Session, me: str, other: str) -> str:
    """DOWN when ``other`` is my parent (it sends down to me), UP when it is my child, else ''."""
    units = {u.id: u.parent_id for u in session.scalars(select(OrgUnit).where(OrgUnit.id.in_([me, other])))}
    if units.get(me) == other:
        return DOWN
    if units.get(other) == me:
        return UP
    return ""


class Lookup:
    """Rows by (table, id): the bundle's version first, else the local database's."""

    def __init__(self, session: Session | None, records: Iterable[Record]) -> None:
        self.session = session
        self.incoming: dict[tuple[str, str], dict[str, Any]] = {}
        for record in records:
            self.incoming[(record.table, record.id)] = record.fields
        self.local: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self._loaded: dict[str, set[str]] = defaultdict(set)

    def prefetch(self, table: str, ids: Iterable[str]) -> None:
        wanted = [i for i in set(ids) if i not in self._loaded[table]]
        if self.session is None:  # a setup bundle: nothing stored yet
            self._loaded[table].update(wanted)
            return
        model_table = table_of(TABLES[table].model)
        for first in range(0, len(wanted), _CHUNK):
            chunk = wanted[first : first + _CHUNK]
            for row in self.session.execute(
                select(model_table).where(model_table.c.id.in_(chunk))
            ).mappings():
                self.local[table][row["id"]] = dict(row)
            self._loaded[table].update(chunk)

    def stored(self, table: str, row_id: str) -> dict[str, Any] | None:
        if row_id not in self._loaded[table]:
            self.prefetch(table, [row_id])
        return self.local[table].get(row_id)

    def get(self, table: str, row_id: str | None) -> dict[str, Any] | None:
        if row_id is None:
            return None
        return self.incoming.get((table, row_id)) or self.stored(table, row_id)

    def exists(self, table: str, row_id: str) -> bool:
        return (table, row_id) in self.incoming or self.stored(table, row_id) is not None


def check_references(lookup: Lookup, records: list[Record]) -> None:
    """Every id a record points to exists in the bundle or here (before anything is written)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for field, target in TABLES[record.table].references.items():
            value = record.fields.get(field)
            if value is not None and (target, value) not in lookup.incoming:
                wanted[target].add(value)
    for target, ids in wanted.items():
        lookup.prefetch(target, ids)
    for record in records:
        for field, target in TABLES[record.table].references.items():
            value = record.fields.get(field)
            if value is not None and not lookup.exists(target, value):
                raise refuse(
                    f"Dòng {record.table} {record.id} trỏ tới {target} {value} không có ở đây "
                    "(có thể thiếu một gói trước; hãy nhập gói mới nhất).",
                    f"Row {record.table} {record.id} refers to {target} {value}, which is not here.",
                    record.place,
                )


def _unit_of(lookup: Lookup, table: str, values: dict[str, Any] | None) -> str | None:
    """The unit a child-level row belongs to, following its links."""
    if values is None:
        return None
    if table in ("reports", "assignments"):
        return values.get("unit_id")
    if table == "progress_updates":
        return _unit_of(lookup, "assignments", lookup.get("assignments", values.get("assignment_id")))
    if table in ("report_narratives", "report_values", "report_events"):
        return _unit_of(lookup, "reports", lookup.get("reports", values.get("report_id")))
    if table == "attachments":
        if values.get("progress_id"):
            return _unit_of(lookup, "progress_updates", lookup.get("progress_updates", values["progress_id"]))
        if values.get("report_id"):
            return _unit_of(lookup, "reports", lookup.get("reports", values["report_id"]))
    return None


def _why_not(lookup: Lookup, direction: str, sender: str, me: str, record: Record) -> str:
    """'' when the sender may send this row, else the reason (Vietnamese)."""
    if direction == SETUP:
        why = _why_not(lookup, DOWN, sender, me, record)
        return why and _why_not(lookup, UP, me, me, record)
    table, values = record.table, record.fields
    if direction == DOWN:
        if table in PARENT_TABLES:
            return ""
        if table == "attachments":
            ok = values["document_id"] and not values["progress_id"] and not values["report_id"]
            return "" if ok else "cấp trên chỉ gửi tệp của văn bản"
        if table in ("reports", "report_events"):
            unit = _unit_of(lookup, table, values)
            if unit != me:
                return "nhận xét báo cáo của đơn vị khác"
            return _by_state(lookup, ownership.PARENT, record)
        return "bảng này do đơn vị cấp dưới quản lý"
    if table not in CHILD_TABLES:
        return "đơn vị cấp dưới chỉ gửi tiến độ, minh chứng và báo cáo của mình"
    if table == "attachments" and values["document_id"]:
        return "đơn vị cấp dưới không gửi tệp văn bản"
    unit = _unit_of(lookup, table, values)
    if unit != sender:
        return "dữ liệu của đơn vị khác"
    return _by_state(lookup, ownership.CHILD, record)


def _stamp_office(rev: str) -> str:
    return rev.split("-", 2)[2] if rev.count("-") >= 2 else ""


def _by_state(lookup: Lookup, writer: str, record: Record) -> str:
    """The report rules by field and by state (services.core.ownership), for a row that would apply."""
    if lookup.session is None:
        return ""  # a setup bundle: the new office's own history, as its district holds it
    stored = lookup.stored(record.table, record.id)
    if stored is not None and stored["rev"] >= record.rev:
        return ""  # an older or equal version: it changes nothing here
    before = None if stored is None else {k: stored.get(k) for k in TABLES[record.table].fields}
    if before == record.fields and stored is not None and bool(stored["deleted"]) == record.deleted:
        return ""  # sent again unchanged
    if record.table == "reports":
        return ownership.report_refusal(writer, before, record.fields)
    if record.table == "report_events":
        return ownership.event_refusal(writer, str(record.fields.get("action", "")))
    if record.table in ("report_narratives", "report_values"):
        report_id = record.fields.get("report_id")
        report = None if report_id is None else lookup.stored("reports", report_id)
        status = None if report is None else ReportStatus(report["status"])
        return ownership.content_refusal(status)
    return ""


def check_rights(lookup: Lookup, records: list[Record], *, direction: str, sender: str, me: str,
                 sender_code: str) -> None:  # fmt: skip
    """Refuse the bundle at the first row outside the sender's rights."""
    for table in TABLES:  # one query per table for the local versions
        ids = [r.id for r in records if r.table == table]
        if ids:
            lookup.prefetch(table, ids)
    for record in records:
        why = _why_not(lookup, direction, sender, me, record)
        stored = lookup.stored(record.table, record.id)
        if not why and direction == UP:
            why = _forged_stamp(record, stored, sender)
        if not why and stored is not None:
            # the row here must be one the sender may change as well
            local = Record(record.table, record.id, stored["rev"], stored["origin"], bool(stored["deleted"]),
                           {k: stored.get(k) for k in TABLES[record.table].fields}, record.line)  # fmt: skip
            saved = lookup.incoming.pop((record.table, record.id))
            try:
                why = _why_not(lookup, direction, sender, me, local)
            finally:
                lookup.incoming[(record.table, record.id)] = saved
            why = f"{why} (dòng đang có ở đây)" if why else ""
        if why:
            raise _denied(record, sender_code, why)


def _forged_stamp(record: Record, stored: dict[str, Any] | None, sender: str) -> str:
    """A child's row carries its own origin (a new row) and its own office in the revision."""
    if stored is not None and stored["rev"] >= record.rev:
        return ""
    if stored is None and record.origin != sender:
        return "dòng mới phải do chính đơn vị gửi tạo (origin)"
    if _stamp_office(record.rev) != sender:
        return "mốc phiên bản ghi tên đơn vị khác"
    return ""


def _denied(record: Record, sender_code: str, why: str) -> BundleRefused:
    return refuse(
        f"Đơn vị {sender_code} không có quyền thay đổi dòng {record.table} {record.id}: {why}.",
        f"Office {sender_code} may not change row {record.table} {record.id}.",
        record.place,
    )
