"""Reporting rounds (kỳ báo cáo): template + period + due date + the units that must report.

``rounds_from_plan`` makes them in one step from a plan's deadlines ("báo cáo sơ kết …
trước ngày 10 tháng 01 năm 2024, báo cáo tổng kết … trước 10 tháng 6 năm 2024").
A report's status as people see it (not started, late …) is computed when read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Document, OrgUnit, Report, ReportingRound, RoundUnit
from models.db import Database
from models.enums import PeriodType, ReportStatus, ShownStatus, UnitKind
from models.errors import NotFound, ValidationError
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork
from services.core.vietnamese import fold
from services.plan_import import parse_plan
from services.plan_import.figures import find_dates
from services.plan_import.model import Deadline
from services.plan_import.store import reviewed_parts
from services.plans.assignments import UnitGroup, group_unit_ids
from services.reporting.templates import install_builtin_templates, latest_template, live_template

# Times are stored in UTC; a due date is a day in Vietnam (UTC+7).
LOCAL_OFFSET = dt.timedelta(hours=7)
SEMESTER_TEMPLATE = "SO_KET_HK1"
YEAR_TEMPLATE = "TONG_KET_NAM_HOC"


def local_day(moment: dt.datetime) -> dt.date:
    return (moment + LOCAL_OFFSET).date()


def on_time(submitted_at: dt.datetime | None, due_on: dt.date) -> bool | None:
    """Whether a submission came by the end of the due day (None when nothing was submitted)."""
    return None if submitted_at is None else local_day(submitted_at) <= due_on


def shown_status(status: ReportStatus | None, due_on: dt.date, today: dt.date) -> ShownStatus:
    """The status a person sees: nothing or a draft past the due date is late."""
    if status in (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED):
        return ShownStatus.SUBMITTED
    if status == ReportStatus.ACCEPTED:
        return ShownStatus.ACCEPTED
    if status == ReportStatus.RETURNED:
        return ShownStatus.RETURNED
    if today > due_on:
        return ShownStatus.LATE
    return ShownStatus.DRAFT if status == ReportStatus.DRAFT else ShownStatus.NOT_STARTED


@dataclass(frozen=True)
class RoundInfo:
    id: str
    name: str
    period: str
    due_on: dt.date
    opens_on: dt.date | None
    template_id: str
    template_code: str
    expected: int


def live_round(session: Session, round_id: str) -> ReportingRound:
    row = session.get(ReportingRound, round_id)
    if row is None or row.deleted:
        raise NotFound("Không tìm thấy kỳ báo cáo.", "No such reporting round.", round_id)
    return row


def round_unit_ids(session: Session, round_id: str) -> list[str]:
    return list(
        session.scalars(
            select(RoundUnit.unit_id)
            .join(OrgUnit, OrgUnit.id == RoundUnit.unit_id)
            .where(RoundUnit.round_id == round_id, RoundUnit.deleted.is_(False))
            .order_by(OrgUnit.sort_key, OrgUnit.code)
        )
    )


def add_round(
    uow: UnitOfWork,
    *,
    template_id: str,
    name: str,
    period: str,
    due_on: dt.date,
    unit_ids: Sequence[str],
    opens_on: dt.date | None = None,
    document_id: str | None = None,
) -> ReportingRound:
    """A new round and the units that must report in it (MANAGE_REPORTING)."""
    require(uow.actor, Action.MANAGE_REPORTING)
    live_template(uow.session, template_id)
    if not name.strip() or not period.strip():
        raise ValidationError("Kỳ báo cáo cần tên và kỳ.", "A round needs a name and a period.", "name")
    if opens_on is not None and opens_on > due_on:
        raise ValidationError(
            "Ngày mở kỳ báo cáo sau hạn nộp.", "The round opens after its due date.", "opens_on"
        )
    units = list(dict.fromkeys(unit_ids))
    if not units:
        raise ValidationError(
            "Kỳ báo cáo cần ít nhất một đơn vị phải báo cáo.", "A round needs at least one unit.", "units"
        )
    found = set(
        uow.session.scalars(select(OrgUnit.id).where(OrgUnit.id.in_(units), OrgUnit.deleted.is_(False)))
    )
    if missing := [u for u in units if u not in found]:
        raise NotFound("Có đơn vị không tồn tại.", "A unit does not exist.", missing[0])
    row = ReportingRound(
        template_id=template_id,
        name=name.strip()[:255],
        period=period.strip()[:32],
        opens_on=opens_on,
        due_on=due_on,
        document_id=document_id,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.insert_many(
        RoundUnit, [{"round_id": row.id, "unit_id": u} for u in units], summary=f"Đơn vị báo cáo: {row.name}"
    )
    return row


def create_round(
    db: Database,
    actor: Actor,
    *,
    template_id: str,
    name: str,
    period: str,
    due_on: dt.date,
    unit_ids: Sequence[str] = (),
    groups: Sequence[str] = ("school",),
    opens_on: dt.date | None = None,
) -> str:
    """A round for ``unit_ids`` plus every unit of ``groups`` ("school", "school:MN" …)."""
    require(actor, Action.MANAGE_REPORTING)
    with UnitOfWork(db, actor) as uow:
        units = list(unit_ids)
        for key in groups:
            units += group_unit_ids(uow.session, UnitGroup.parse(key))
        return add_round(
            uow, template_id=template_id, name=name, period=period, due_on=due_on, unit_ids=units,
            opens_on=opens_on,
        ).id  # fmt: skip


def list_rounds(session: Session) -> list[RoundInfo]:
    counts = dict(
        session.execute(
            select(RoundUnit.round_id, func.count())
            .where(RoundUnit.deleted.is_(False))
            .group_by(RoundUnit.round_id)
        ).tuples().all()
    )
    rows = session.scalars(
        select(ReportingRound).where(ReportingRound.deleted.is_(False)).order_by(ReportingRound.due_on)
    )
    out = []
    for r in rows:
        tpl = live_template(session, r.template_id)
        out.append(
            RoundInfo(
                r.id, r.name, r.period, r.due_on, r.opens_on, r.template_id, tpl.code, counts.get(r.id, 0)
            )
        )
    return out


def find_round(session: Session, key: str) -> ReportingRound:
    """A round by id, or by its period or name (the CLI's way of naming one)."""
    row = session.get(ReportingRound, key)
    if row is not None and not row.deleted:
        return row
    folded = fold(key).strip()
    for r in session.scalars(select(ReportingRound).where(ReportingRound.deleted.is_(False))):
        if folded in (fold(r.period), fold(r.name)):
            return r
    raise NotFound(f"Không tìm thấy kỳ báo cáo «{key}».", f"No reporting round '{key}'.", key)


# --- from a plan's deadlines -------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedRound:
    kind: str  # "so_ket" or "tong_ket"
    due_on: dt.date
    text: str


def _kind_before(text: str, position: int) -> str | None:
    """The nearest "sơ kết" / "tổng kết" before a date in a deadline's sentence."""
    head = fold(text[:position])
    at = {kind: head.rfind(word) for kind, word in (("so_ket", "so ket"), ("tong_ket", "tong ket"))}
    kind, where = max(at.items(), key=lambda kv: kv[1])
    return kind if where >= 0 else None


def planned_rounds(db: Database, document_id: str) -> list[PlannedRound]:
    """The review reports a plan asks for, with their due dates, read from its text."""
    with db.session() as session:
        doc = session.get(Document, document_id)
        if doc is None or doc.deleted:
            raise NotFound("Không tìm thấy văn bản.", "No such document.", document_id)
        name, body = doc.source_name or "van-ban.txt", doc.body_text
    reviewed = reviewed_parts(db, document_id)
    if reviewed is not None:
        return planned_from(reviewed[0])  # what the clerk corrected in review
    return planned_rounds_in(name, body)  # a plan received from another office: read its text


def planned_rounds_in(name: str, body: str) -> list[PlannedRound]:
    """``planned_rounds`` of a plan's text (``name`` says its file name, for the parser)."""
    if not name.lower().endswith(".txt"):
        name += ".txt"
    return planned_from(parse_plan(name, body.encode("utf-8")).deadlines)


def planned_from(deadlines: Sequence[Deadline]) -> list[PlannedRound]:
    """The review reports among a plan's deadlines (sơ kết, tổng kết … with a day)."""
    found: dict[tuple[str, dt.date], PlannedRound] = {}
    seen: dict[str, int] = {}
    for deadline in deadlines:
        dates = find_dates(deadline.text)
        kinds = [(_kind_before(deadline.text, start), day) for start, _end, day, _precision in dates]
        kind = next((k for k, day in kinds if day == deadline.date and k is not None), None)
        nth = seen[deadline.text] = seen.get(deadline.text, -1) + 1
        if kind is None and nth < len(kinds):
            # The date was corrected in review: the sentence's nth date (one deadline each) keeps its kind.
            kind = kinds[nth][0]
        if kind is not None:
            found.setdefault((kind, deadline.date), PlannedRound(kind, deadline.date, deadline.text))
    return sorted(found.values(), key=lambda p: p.due_on)


def _school_year(due: dt.date) -> str:
    first = due.year if due.month >= 8 else due.year - 1
    return f"{first}-{first + 1}"


def add_rounds_from_plan(
    uow: UnitOfWork, planned: Sequence[PlannedRound], *, document_id: str | None, unit_ids: Sequence[str]
) -> list[ReportingRound]:
    """Rounds for a plan's review reports: the semester review and the year-end review."""
    require(uow.actor, Action.MANAGE_REPORTING)
    made = []
    for p in planned:
        year = _school_year(p.due_on)
        code = SEMESTER_TEMPLATE if p.kind == "so_ket" else YEAR_TEMPLATE
        # a new office has not installed the shipped templates yet: its first rounds do it
        tpl = latest_template(uow.session, code) or install_builtin_templates(uow).get(code)
        if tpl is None:
            raise NotFound(
                f"Chưa có đề cương {code}; hãy cài các đề cương có sẵn.",
                f"No template {code}; install the built-in templates.",
                code,
            )
        if p.kind == "so_ket":
            name, period = f"Báo cáo sơ kết học kỳ I năm học {year}", f"{year} HK1"
        else:
            name, period = f"Báo cáo tổng kết năm học {year}", f"{year} CN"
        exists = uow.session.scalars(
            select(ReportingRound.id).where(
                ReportingRound.period == period,
                ReportingRound.template_id == tpl.id,
                ReportingRound.deleted.is_(False),
            )
        ).first()
        if exists is not None:
            continue  # made from this plan before
        opens = p.due_on - dt.timedelta(days=30)
        made.append(
            add_round(
                uow,
                template_id=tpl.id,
                name=name,
                period=period,
                due_on=p.due_on,
                unit_ids=unit_ids,
                opens_on=opens,
                document_id=document_id,
            )
        )
    return made


def rounds_from_plan(
    db: Database, actor: Actor, document_id: str, *, groups: Sequence[str] = ("school",)
) -> list[str]:
    """One step: every review report the plan asks for becomes a round for the schools."""
    require(actor, Action.MANAGE_REPORTING)
    planned = planned_rounds(db, document_id)
    if not planned:
        raise ValidationError(
            "Văn bản không nêu hạn báo cáo sơ kết hay tổng kết nào.",
            "The document names no review report deadline.",
            document_id,
        )
    with UnitOfWork(db, actor) as uow:
        units: list[str] = []
        for key in groups:
            units += group_unit_ids(uow.session, UnitGroup.parse(key))
        return [r.id for r in add_rounds_from_plan(uow, planned, document_id=document_id, unit_ids=units)]


def period_type_of(session: Session, round_row: ReportingRound) -> PeriodType:
    return live_template(session, round_row.template_id).period_type


def school_units(session: Session) -> list[str]:
    return group_unit_ids(session, UnitGroup(UnitKind.SCHOOL))


def report_of(session: Session, round_id: str, unit_id: str) -> Report | None:
    return session.scalars(
        select(Report).where(
            Report.round_id == round_id, Report.unit_id == unit_id, Report.deleted.is_(False)
        )
    ).first()


# --- for callers without a session (the CLI, the GUI) -------------------------------------------


@dataclass(frozen=True)
class RoundRef:
    id: str
    name: str
    due_on: dt.date


def round_ref(db: Database, key: str) -> RoundRef:
    """A round by id, period or name (``find_round``), as plain values."""
    with db.session() as session:
        row = find_round(session, key)
        return RoundRef(row.id, row.name, row.due_on)


def all_rounds(db: Database) -> list[RoundInfo]:
    with db.session() as session:
        return list_rounds(session)
