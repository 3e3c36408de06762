"""The overview (Tổng quan): completeness and timeliness per round, overdue assignments, and
indicators against their targets. ``main.py dashboard --json`` prints ``Dashboard.to_dict()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from models import Assignment, Document, Report, ReportingRound, RoundUnit, Task
from models.db import Database
from models.labels import SHOWN_STATUS_LABELS
from services.accounts.permissions import Action, Actor, require
from services.plans.assignments import overdue_clause
from services.reporting.aggregation import RECEIVED, IndicatorFigure, indicator_figures
from services.reporting.rounds import LOCAL_OFFSET, shown_status


@dataclass(frozen=True)
class RoundFigures:
    id: str
    name: str
    period: str
    due: dt.date
    expected: int
    received: int
    on_time: int
    statuses: dict[str, int]

    @property
    def completeness(self) -> float | None:
        return round(self.received / self.expected, 4) if self.expected else None

    @property
    def timeliness(self) -> float | None:
        return round(self.on_time / self.expected, 4) if self.expected else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "due": self.due.isoformat(),
            "expected": self.expected,
            "received": self.received,
            "on_time": self.on_time,
            "completeness": self.completeness,
            "timeliness": self.timeliness,
            "id": self.id,
            "period": self.period,
            "statuses": self.statuses,
        }


@dataclass
class Dashboard:
    as_of: dt.date
    rounds: list[RoundFigures]
    overdue_assignments: int
    indicators: list[IndicatorFigure]  # overall, each from the latest round that has data
    by_level: list[IndicatorFigure] = field(default_factory=list)
    overdue_handling: int = 0  # handling slips of incoming documents past their deadline

    def to_dict(self) -> dict[str, Any]:
        levels: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for f in self.by_level:
            levels.setdefault((f.round_id, f.code), []).append(
                {
                    "level": f.group,
                    "value": f.value,
                    "met": f.met,
                    "numerator": f.numerator,
                    "denominator": f.denominator,
                }
            )
        periods = {r.id: r.period for r in self.rounds}
        return {
            "as_of": self.as_of.isoformat(),
            "rounds": [r.to_dict() for r in self.rounds],
            "overdue_assignments": self.overdue_assignments,
            "overdue_handling": self.overdue_handling,
            "indicators": [
                {
                    "name": f.name,
                    "level": f.levels or "tất cả",
                    "target": f.target,
                    "value": f.value,
                    "met": f.met,
                    "code": f.code,
                    "comparator": f.comparator,
                    "unit": f.unit,
                    "period": periods.get(f.round_id, ""),
                    "numerator": f.numerator,
                    "denominator": f.denominator,
                    "by_level": levels.get((f.round_id, f.code), []),
                }
                for f in self.indicators
            ],
        }


def round_figures(session: Session, today: dt.date) -> list[RoundFigures]:
    rounds = list(
        session.scalars(
            select(ReportingRound).where(ReportingRound.deleted.is_(False)).order_by(ReportingRound.due_on)
        )
    )
    out = []
    for rnd in rounds:
        # Submitted by the end of the due day in Vietnam (UTC+7), as a UTC bound for SQL.
        cutoff = dt.datetime.combine(rnd.due_on + dt.timedelta(days=1), dt.time()) - LOCAL_OFFSET
        received = Report.status.in_(list(RECEIVED))
        query = (
            select(
                Report.status,
                func.count(),
                func.count(Report.id).filter(and_(received, Report.submitted_at < cutoff)),
            )
            .select_from(RoundUnit)
            .outerjoin(
                Report,
                and_(
                    Report.round_id == RoundUnit.round_id,
                    Report.unit_id == RoundUnit.unit_id,
                    Report.deleted.is_(False),
                ),
            )
            .where(RoundUnit.round_id == rnd.id, RoundUnit.deleted.is_(False))
            .group_by(Report.status)
        )
        expected = received_n = on_time = 0
        statuses: dict[str, int] = {}
        for status, count, timely in session.execute(query):
            expected += count
            if status in RECEIVED:
                received_n += count
            on_time += timely or 0
            shown = shown_status(status, rnd.due_on, today)
            statuses[SHOWN_STATUS_LABELS[shown]] = statuses.get(SHOWN_STATUS_LABELS[shown], 0) + count
        out.append(
            RoundFigures(rnd.id, rnd.name, rnd.period, rnd.due_on, expected, received_n, on_time, statuses)
        )
    return out


def overdue_by_task(session: Session, today: dt.date, document_id: str | None = None) -> dict[str, int]:
    """Overdue assignments per task: the one count the overview and the progress printout show.

    Live assignments of live tasks of live documents (of one document when given), overdue by
    ``services.plans.assignments.overdue_clause``.
    """
    statement = (
        select(Assignment.task_id, func.count())
        .join(Task, Task.id == Assignment.task_id)
        .join(Document, Document.id == Task.document_id)
        .where(Assignment.deleted.is_(False), Task.deleted.is_(False), Document.deleted.is_(False),
               overdue_clause(today))
        .group_by(Assignment.task_id)
    )
    if document_id is not None:
        statement = statement.where(Task.document_id == document_id)
    return {task_id: count for task_id, count in session.execute(statement)}


def overdue_assignments(session: Session, today: dt.date) -> int:
    return sum(overdue_by_task(session, today).values())


def latest_figures(figures: list[IndicatorFigure], round_order: list[str]) -> list[IndicatorFigure]:
    """For each indicator, the figure of the latest round that has a value (else the latest)."""
    rank = {rid: i for i, rid in enumerate(round_order)}
    best: dict[str, IndicatorFigure] = {}
    for f in sorted(figures, key=lambda f: rank.get(f.round_id, -1)):
        current = best.get(f.code)
        if current is None or f.value is not None or current.value is None:
            best[f.code] = f
    return sorted(best.values(), key=lambda f: f.code)


def chosen_figures(
    session: Session, round_order: list[str], round_id: str | None = None
) -> tuple[list[IndicatorFigure], list[IndicatorFigure]]:
    """(overall, by level): of ``round_id``, or for each indicator of the latest round with a value.

    The overview, the printed indicator report and its Excel view all show these figures.
    """
    if round_id is not None:
        overall = indicator_figures(session, [round_id])
    else:
        overall = latest_figures(indicator_figures(session, round_order), round_order)
    wanted = {(f.code, f.round_id) for f in overall}
    chosen = [r for r in round_order if r in {f.round_id for f in overall}]
    by_level = [f for f in indicator_figures(session, chosen, by="level") if (f.code, f.round_id) in wanted]
    return overall, by_level


def build_dashboard(db: Database, actor: Actor, as_of: dt.date | None = None) -> Dashboard:
    require(actor, Action.VIEW)
    today = as_of or dt.date.today()
    with db.session() as session:
        rounds = round_figures(session, today)
        overall, by_level = chosen_figures(session, [r.id for r in rounds])
        from services.register.handling import overdue_handling

        return Dashboard(today, rounds, overdue_assignments(session, today), overall, by_level,
                         overdue_handling(session, today))  # fmt: skip
