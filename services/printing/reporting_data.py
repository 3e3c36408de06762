"""Read-only queries over rounds, templates, the units' reports and indicators (models/reporting.py).

Written against the models directly, so the printouts work on whatever reporting data a
database holds; each query answers an empty result rather than failing when nothing exists.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, select

from models import (
    DataElement,
    Indicator,
    OrgUnit,
    Report,
    ReportingRound,
    ReportNarrative,
    ReportTemplate,
    ReportValue,
    RoundUnit,
    TemplateSection,
)
from models.db import Database
from models.enums import Comparator, ReportStatus, SchoolLevel, UnitKind, ValueType
from models.errors import NotFound
from services.reporting.aggregation import RECEIVED


@dataclass(frozen=True)
class PrintedRound:
    id: str
    name: str
    period: str
    due_on: dt.date
    template_id: str
    template_name: str


def latest_round(db: Database) -> PrintedRound | None:
    """The latest round (by due date) with a received report; the latest of all when none has one."""
    statement = (
        select(ReportingRound, ReportTemplate.name)
        .join(ReportTemplate, ReportTemplate.id == ReportingRound.template_id)
        .where(ReportingRound.deleted.is_(False))
        .order_by(ReportingRound.due_on.desc(), ReportingRound.period.desc(), ReportingRound.id)
        .limit(1)
    )
    reported = exists().where(
        Report.round_id == ReportingRound.id, Report.deleted.is_(False), Report.status.in_(RECEIVED)
    )
    with db.session() as session:
        row = session.execute(statement.where(reported)).first() or session.execute(statement).first()
    return _round(row) if row else None


def get_round(db: Database, round_id: str) -> PrintedRound:
    with db.session() as session:
        row = session.execute(
            select(ReportingRound, ReportTemplate.name)
            .join(ReportTemplate, ReportTemplate.id == ReportingRound.template_id)
            .where(ReportingRound.id == round_id, ReportingRound.deleted.is_(False))
        ).first()
    if row is None:
        raise NotFound("Không tìm thấy kỳ báo cáo.", "Reporting round not found.", "--round")
    return _round(row)


def _round(row: Any) -> PrintedRound:
    r, template_name = row
    return PrintedRound(r.id, r.name, r.period, r.due_on, r.template_id, template_name)


def round_id_by_reference(db: Database, reference: str) -> str:
    """A round by id, by period (``2023-2024 HK1``) or by name."""
    with db.session() as session:
        live = ReportingRound.deleted.is_(False)
        for column in (ReportingRound.id, ReportingRound.period, ReportingRound.name):
            found = session.scalar(
                select(ReportingRound.id)
                .where(live, column == reference)
                .order_by(ReportingRound.due_on.desc())
            )
            if found:
                return found
    raise NotFound(f"Không tìm thấy kỳ báo cáo «{reference}».", f"Round «{reference}» not found.", "--round")


@dataclass(frozen=True)
class UnitInfo:
    id: str
    code: str
    name: str
    kind: UnitKind
    school_level: SchoolLevel | None


def round_units(db: Database, round_id: str) -> list[UnitInfo]:
    """The units that must report in the round, in Vietnamese order."""
    with db.session() as session:
        rows = session.execute(
            select(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.kind, OrgUnit.school_level)
            .join(RoundUnit, RoundUnit.unit_id == OrgUnit.id)
            .where(RoundUnit.round_id == round_id, RoundUnit.deleted.is_(False))
            .order_by(OrgUnit.kind, OrgUnit.sort_key, OrgUnit.code)
        ).all()
    return [UnitInfo(r[0], r[1], r[2], UnitKind(r[3]), SchoolLevel(r[4]) if r[4] else None) for r in rows]


def unit_info(db: Database, unit_id: str) -> UnitInfo:
    with db.session() as session:
        u = session.get(OrgUnit, unit_id)
        if u is None or u.deleted:
            raise NotFound("Không tìm thấy đơn vị.", "Unit not found.", "--unit")
        return UnitInfo(
            u.id, u.code, u.name, UnitKind(u.kind), SchoolLevel(u.school_level) if u.school_level else None
        )


@dataclass
class TemplateLine:
    id: str
    number: str
    heading: str
    prompt: str
    depth: int
    table: dict[str, Any] = field(default_factory=dict)


def template_outline(db: Database, template_id: str) -> list[TemplateLine]:
    with db.session() as session:
        rows = session.execute(
            select(
                TemplateSection.id,
                TemplateSection.parent_id,
                TemplateSection.number,
                TemplateSection.heading,
                TemplateSection.prompt,
                TemplateSection.table_spec,
            )
            .where(TemplateSection.template_id == template_id, TemplateSection.deleted.is_(False))
            .order_by(TemplateSection.position, TemplateSection.id)
        ).all()
    ids = {r[0] for r in rows}
    children: dict[str | None, list[Any]] = {}
    for row in rows:
        children.setdefault(row[1] if row[1] in ids else None, []).append(row)
    out: list[TemplateLine] = []

    def walk(parent: str | None, depth: int) -> None:
        for sid, _p, number, heading, prompt, spec in children.get(parent, []):
            out.append(TemplateLine(sid, number or "", heading or "", prompt or "", depth, _spec(spec)))
            walk(sid, depth + 1)

    walk(None, 0)
    return out


def _spec(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class ReportInfo:
    id: str
    unit_id: str
    status: ReportStatus
    submitted_at: dt.datetime | None


def reports_of_round(db: Database, round_id: str) -> dict[str, ReportInfo]:
    """Each unit's report in the round, by unit id."""
    with db.session() as session:
        rows = session.execute(
            select(Report.id, Report.unit_id, Report.status, Report.submitted_at).where(
                Report.round_id == round_id, Report.deleted.is_(False)
            )
        ).all()
    return {r[1]: ReportInfo(r[0], r[1], ReportStatus(r[2]), r[3]) for r in rows}


def narratives(db: Database, report_ids: list[str]) -> dict[tuple[str, str], str]:
    """(report id, section id) → narrative text."""
    out: dict[tuple[str, str], str] = {}
    with db.session() as session:
        for first in range(0, len(report_ids), 500):
            chunk = report_ids[first : first + 500]
            for rid, sid, text in session.execute(
                select(ReportNarrative.report_id, ReportNarrative.section_id, ReportNarrative.text).where(
                    ReportNarrative.report_id.in_(chunk), ReportNarrative.deleted.is_(False)
                )
            ):
                out[(rid, sid)] = text or ""
    return out


@dataclass(frozen=True)
class ElementInfo:
    id: str
    code: str
    name: str
    value_type: ValueType
    unit_label: str


def elements(db: Database) -> dict[str, ElementInfo]:
    """Data elements by id."""
    with db.session() as session:
        return {
            e.id: ElementInfo(e.id, e.code, e.name, ValueType(e.value_type), e.unit_label or "")
            for e in session.scalars(select(DataElement).where(DataElement.deleted.is_(False)))
        }


@dataclass(frozen=True)
class ValueRow:
    report_id: str
    element_id: str
    dimension: str
    number: float | None
    text: str


def values(db: Database, report_ids: list[str]) -> list[ValueRow]:
    out: list[ValueRow] = []
    with db.session() as session:
        for first in range(0, len(report_ids), 500):
            chunk = report_ids[first : first + 500]
            out += [
                ValueRow(*row)
                for row in session.execute(
                    select(
                        ReportValue.report_id,
                        ReportValue.element_id,
                        ReportValue.dimension,
                        ReportValue.value_num,
                        ReportValue.value_text,
                    ).where(ReportValue.report_id.in_(chunk), ReportValue.deleted.is_(False))
                )
            ]
    return out


@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    code: str
    name: str
    levels: list[str]
    numerator_id: str
    denominator_id: str | None
    comparator: Comparator
    target: float | None
    baseline: float | None
    baseline_year: str
    target_year: str


def indicators(db: Database) -> list[IndicatorInfo]:
    with db.session() as session:
        rows = session.scalars(
            select(Indicator).where(Indicator.deleted.is_(False)).order_by(Indicator.code, Indicator.id)
        )
        return [
            IndicatorInfo(
                i.id,
                i.code,
                i.name,
                [lv.strip() for lv in (i.levels or "").split(",") if lv.strip()],
                i.numerator_id,
                i.denominator_id,
                Comparator(i.comparator),
                i.target_value,
                i.baseline_value,
                i.baseline_year or "",
                i.target_year or "",
            )
            for i in rows
        ]
