"""Review (district side): units × rounds with status, accept, return with a comment, history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OrgUnit, Report, ReportEvent, ReportingRound, RoundUnit
from models.db import Database
from models.enums import ReportStatus
from models.errors import NotFound, ValidationError
from models.labels import REPORT_STATUS_LABELS, SHOWN_STATUS_LABELS
from services.accounts.permissions import Action, Actor, require
from services.core.uow import UnitOfWork, changed_meanwhile, last_change, now
from services.reporting.entry import event
from services.reporting.rounds import ShownStatus, live_round, on_time, shown_status

REVIEWABLE = (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED)
EVENT_LABELS = {
    "submitted": "Gửi báo cáo",
    "resubmitted": "Gửi lại báo cáo",
    "accepted": "Duyệt",
    "returned": "Trả lại",
}


@dataclass(frozen=True)
class ReviewRow:
    round_id: str
    unit_id: str
    unit_code: str
    unit_name: str
    school_level: str
    report_id: str | None
    status: ShownStatus
    status_label: str
    submitted_at: dt.datetime | None
    on_time: bool | None
    reviewer_comment: str
    report_rev: str = ""  # the version the reviewer sees: a decision on it is refused if it changed

    @property
    def awaits_decision(self) -> bool:
        """Duyệt and Trả lại apply: a report sent and not yet decided (``REVIEWABLE``, shown as sent)."""
        return self.report_id is not None and self.status == ShownStatus.SUBMITTED


def review_rows(
    session: Session, round_id: str, today: dt.date | None = None, unit_ids: list[str] | None = None
) -> list[ReviewRow]:
    """Every unit that must report in the round (or only ``unit_ids``), with what it has done (one query)."""
    rnd = live_round(session, round_id)
    today = today or dt.date.today()
    query = (
        select(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.school_level, Report)
        .select_from(RoundUnit)
        .join(OrgUnit, OrgUnit.id == RoundUnit.unit_id)
        .outerjoin(
            Report,
            (Report.round_id == RoundUnit.round_id)
            & (Report.unit_id == RoundUnit.unit_id)
            & Report.deleted.is_(False),
        )
        .where(RoundUnit.round_id == round_id, RoundUnit.deleted.is_(False))
        .order_by(OrgUnit.sort_key, OrgUnit.code)
    )
    if unit_ids is not None:
        query = query.where(RoundUnit.unit_id.in_(unit_ids))
    rows = []
    for unit_id, code, name, level, report in session.execute(query):
        shown = shown_status(report.status if report else None, rnd.due_on, today)
        rows.append(
            ReviewRow(
                round_id=round_id,
                unit_id=unit_id,
                unit_code=code,
                unit_name=name,
                school_level=level.value if level else "",
                report_id=report.id if report else None,
                status=shown,
                status_label=SHOWN_STATUS_LABELS[shown],
                submitted_at=report.submitted_at if report else None,
                on_time=on_time(report.submitted_at, rnd.due_on) if report else None,
                reviewer_comment=report.reviewer_comment if report else "",
                report_rev=report.rev if report else "",
            )
        )
    return rows


def _live_report(session: Session, report_id: str) -> Report:
    report = session.get(Report, report_id)
    if report is None or report.deleted:
        raise NotFound("Không tìm thấy báo cáo.", "No such report.", report_id)
    return report


def _decide(
    uow: UnitOfWork, report_id: str, status: ReportStatus, comment: str, at: dt.datetime | None,
    expected_rev: str | None = None,
) -> Report:
    """A decision on the report as it is now (the unit of work holds the write lock), and, given
    the revision the reviewer looked at, only if nobody changed it since."""
    require(uow.actor, Action.REVIEW_REPORTS)
    report = _live_report(uow.session, report_id)
    if report.status not in REVIEWABLE:
        raise _already_decided(uow, report)
    if expected_rev is not None and report.rev != expected_rev:
        who, when = last_change(uow.session, ("reports",), [report.id])
        raise changed_meanwhile("Báo cáo này", who, when)
    at = at or now()
    report.status = status
    report.reviewed_at = at
    report.reviewer_comment = comment
    event(uow, report, status.value, at, comment)
    return report


def _already_decided(uow: UnitOfWork, report: Report) -> ValidationError:
    """Name the decision that came first: whose report, who, what and when (the loser of two
    reviewers). By name, never the row id: the clerk reads it."""
    last = uow.session.scalars(
        select(ReportEvent)
        .where(ReportEvent.report_id == report.id, ReportEvent.deleted.is_(False))
        .order_by(ReportEvent.at.desc(), ReportEvent.rev.desc())
        .limit(1)
    ).first()
    unit = uow.session.get(OrgUnit, report.unit_id)
    name = unit.name if unit is not None else report.unit_id
    if report.status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED) and last is not None:
        what = EVENT_LABELS.get(last.action, last.action).lower()
        return ValidationError(
            f"Báo cáo của {name} đã được «{last.actor}» {what} lúc {last.at:%H:%M ngày %d/%m/%Y}; "
            "quyết định của bạn chưa được ghi (chỉ duyệt hoặc trả lại được báo cáo đã gửi). "
            "Hãy mở lại báo cáo để xem.",
            f"The report of {name} was already {last.action} by {last.actor} at {last.at:%H:%M %d/%m/%Y}; "
            "your decision was not recorded.",
        )
    state = REPORT_STATUS_LABELS.get(report.status, report.status.value)
    return ValidationError(
        f"Báo cáo của {name} đang «{state.lower()}»: chỉ duyệt hoặc trả lại được báo cáo đã gửi.",
        f"The report of {name} is {report.status.value}: only a submitted report can be accepted or returned.",
    )


def accept(uow: UnitOfWork, report_id: str, comment: str = "", at: dt.datetime | None = None,
           expected_rev: str | None = None) -> Report:  # fmt: skip
    return _decide(uow, report_id, ReportStatus.ACCEPTED, comment.strip(), at, expected_rev)


def return_with_comment(
    uow: UnitOfWork, report_id: str, comment: str, at: dt.datetime | None = None,
    expected_rev: str | None = None,
) -> Report:
    """Send a report back for rework: the comment says what to change, so it is required."""
    if not comment.strip():
        raise ValidationError(
            "Trả lại báo cáo cần ghi rõ lý do.", "Returning a report needs a comment.", "comment"
        )
    return _decide(uow, report_id, ReportStatus.RETURNED, comment.strip(), at, expected_rev)


def accept_report(
    db: Database, actor: Actor, report_id: str, comment: str = "", *, at: dt.datetime | None = None,
    expected_rev: str | None = None,
) -> None:
    require(actor, Action.REVIEW_REPORTS)
    with UnitOfWork(db, actor) as uow:
        accept(uow, report_id, comment, at, expected_rev)


def return_report(
    db: Database, actor: Actor, report_id: str, comment: str, *, at: dt.datetime | None = None,
    expected_rev: str | None = None,
) -> None:
    require(actor, Action.REVIEW_REPORTS)
    with UnitOfWork(db, actor) as uow:
        return_with_comment(uow, report_id, comment, at, expected_rev)


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    action: str
    label: str
    actor: str
    comment: str


def history(session: Session, report_id: str) -> list[HistoryEntry]:
    """The report's life: sent, returned with the comment, sent again, accepted."""
    _live_report(session, report_id)
    rows = session.scalars(
        select(ReportEvent)
        .where(ReportEvent.report_id == report_id, ReportEvent.deleted.is_(False))
        .order_by(ReportEvent.at, ReportEvent.rev)
    )
    return [
        HistoryEntry(e.at, e.action, EVENT_LABELS.get(e.action, e.action), e.actor, e.comment) for e in rows
    ]


def report_history(db: Database, report_id: str) -> list[HistoryEntry]:
    with db.session() as session:
        return history(session, report_id)


@dataclass(frozen=True)
class MatrixRow:
    unit_id: str
    unit_code: str
    unit_name: str
    statuses: dict[str, ShownStatus]  # round id → status (absent: the unit does not report in it)


def status_matrix(
    session: Session, today: dt.date | None = None
) -> tuple[list[ReportingRound], list[MatrixRow]]:
    """Units × rounds: what each unit has done in each round it must report in."""
    today = today or dt.date.today()
    rounds = list(
        session.scalars(
            select(ReportingRound).where(ReportingRound.deleted.is_(False)).order_by(ReportingRound.due_on)
        )
    )
    by_unit: dict[str, MatrixRow] = {}
    for rnd in rounds:
        for row in review_rows(session, rnd.id, today):
            entry = by_unit.setdefault(row.unit_id, MatrixRow(row.unit_id, row.unit_code, row.unit_name, {}))
            entry.statuses[rnd.id] = row.status
    return rounds, list(by_unit.values())


def round_review(db: Database, round_key: str, today: dt.date | None = None) -> tuple[Any, list[ReviewRow]]:
    """(the round, its units' rows) for a round named by id, period or name."""
    from services.reporting.rounds import round_ref

    ref = round_ref(db, round_key)
    with db.session() as session:
        return ref, review_rows(session, ref.id, today)
