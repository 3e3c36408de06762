"""Every figure a person reads — on the overview, in a printout or an Excel export — from here.

The overview (``dashboard``), the printed indicator report, the synthesis report and the
``indicators`` Excel view all call these functions, so a printed figure can never disagree
with the screen: printing formats what this module answers and computes nothing itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from models import Indicator, ReportingRound
from models.db import Database
from services.accounts.permissions import Action, Actor, require
from services.reporting.aggregation import IndicatorFigure
from services.reporting.dashboard import RoundFigures, chosen_figures, round_figures
from services.reporting.indicators import live_indicators


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator as printed and exported: its overall figure and its figures by school level."""

    overall: IndicatorFigure
    by_level: list[IndicatorFigure]
    baseline: float | None
    baseline_year: str
    target_year: str
    period: str  # the round the figures come from


def indicator_lines(db: Database, actor: Actor, round_id: str | None = None) -> list[IndicatorLine]:
    """The indicators with the figures the overview shows (of one round when ``round_id`` is given)."""
    require(actor, Action.VIEW)
    with db.session() as session:
        live = select(ReportingRound).where(ReportingRound.deleted.is_(False)).order_by(ReportingRound.due_on)
        rounds = {r.id: r for r in session.scalars(live)}
        order = list(rounds)  # by due date, as the overview orders them
        overall, by_level = chosen_figures(session, order, round_id)
        rows: dict[str, Indicator] = {i.code: i for i in live_indicators(session)}
        lines = []
        for f in overall:
            ind = rows[f.code]
            rnd = rounds.get(f.round_id)
            lines.append(
                IndicatorLine(
                    overall=f,
                    by_level=[g for g in by_level if g.code == f.code and g.round_id == f.round_id],
                    baseline=ind.baseline_value,
                    baseline_year=ind.baseline_year or "",
                    target_year=ind.target_year or "",
                    period=rnd.period if rnd else "",
                )
            )
        return lines


def round_figures_of(db: Database, actor: Actor, round_id: str, today: dt.date) -> RoundFigures:
    """Expected, received, on-time counts and shares of one round, as the overview shows them."""
    require(actor, Action.VIEW)
    with db.session() as session:
        return next(r for r in round_figures(session, today) if r.id == round_id)


def indicator_figures_of(
    db: Database, actor: Actor, round_key: str | None = None, by: str = "overall"
) -> list:
    """``indicators``: every indicator of one round (id, period or name) or of every round, by group."""
    from services.reporting.aggregation import indicator_figures
    from services.reporting.rounds import all_rounds, round_ref

    require(actor, Action.VIEW)
    rounds = [round_ref(db, round_key).id] if round_key else [r.id for r in all_rounds(db)]
    with db.session() as session:
        return indicator_figures(session, rounds, by=by)
