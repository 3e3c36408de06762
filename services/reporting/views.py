"""What the Báo cáo định kỳ page reads: rounds, the review grid, one unit's form, a report's history.

Plain functions over the reporting services, each checking the actor: school staff see
their own unit's row and form only.
"""

from __future__ import annotations

import datetime as dt

from models.db import Database
from services.accounts.permissions import Action, Actor, require, require_own_unit
from services.plan_import.model import Target
from services.reporting.aggregation import OVERALL, IndicatorFigure, indicator_figures
from services.reporting.entry import EntryForm, load_form
from services.reporting.indicators import plan_targets
from services.reporting.review import HistoryEntry, ReviewRow, report_history, review_rows
from services.reporting.rounds import RoundInfo, list_rounds


def rounds(db: Database, actor: Actor) -> list[RoundInfo]:
    """Every live round, the most recent due date first."""
    require(actor, Action.VIEW)
    with db.session() as session:
        return sorted(list_rounds(session), key=lambda r: r.due_on, reverse=True)


def review_grid(
    db: Database, actor: Actor, round_id: str, today: dt.date | None = None, unit_ids: list[str] | None = None
) -> list[ReviewRow]:
    """The units that must report in the round (or only ``unit_ids``: the rows a decision changed)."""
    require(actor, Action.VIEW)
    with db.session() as session:
        rows = review_rows(session, round_id, today, unit_ids)
    if actor.unit_id is not None and not actor.can(Action.REVIEW_REPORTS):
        rows = [r for r in rows if r.unit_id == actor.unit_id]
    return rows


def unit_form(
    db: Database, actor: Actor, round_id: str, unit_id: str, today: dt.date | None = None
) -> EntryForm:
    require(actor, Action.VIEW)
    require_own_unit(actor, unit_id)
    return load_form(db, round_id, unit_id, today)


def history_of(db: Database, actor: Actor, report_id: str) -> list[HistoryEntry]:
    require(actor, Action.VIEW)
    return report_history(db, report_id)


def indicator_values(db: Database, actor: Actor, round_id: str, by: str = OVERALL) -> list[IndicatorFigure]:
    """Every indicator's value in a round: overall, by school level or by commune.

    Sums of numerators over sums of denominators of the received reports, never an
    average of the units' own percentages.
    """
    require(actor, Action.VIEW)
    with db.session() as session:
        return indicator_figures(session, [round_id], by=by)


def document_targets(db: Database, actor: Actor, document_id: str) -> list[Target]:
    """The targets the importer reads in a stored plan, to be turned into indicators."""
    require(actor, Action.VIEW)
    return plan_targets(db, document_id)
