"""Indicator values of a district or province: sum(numerators) / sum(denominators).

Never an average of the schools' percentages: a school of 40 pupils and one of 1,000
must not weigh the same. One GROUP BY per call sums every element by round, school
level and commune over the received reports; each indicator is then composed from
those sums for the breakdown asked (overall, by level, by commune).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from models import DataElement, Indicator, OrgUnit, Report, ReportingRound, ReportValue
from models.enums import Comparator, ReportStatus, SchoolLevel, ValueType
from services.reporting.indicators import COMPARATOR_SIGNS, level_list, live_indicators

# Reports the office has in hand: a returned one is being reworked and does not count.
RECEIVED = (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED, ReportStatus.ACCEPTED)
OVERALL = "overall"
BREAKDOWNS = (OVERALL, "level", "commune")

# A unit of two levels reports for both ("các trường THCS" includes TH&THCS schools).
_COVERED_BY = {
    "MN": {SchoolLevel.MN},
    "TH": {SchoolLevel.TH, SchoolLevel.TH_THCS},
    "THCS": {SchoolLevel.THCS, SchoolLevel.TH_THCS, SchoolLevel.THCS_THPT},
    "THPT": {SchoolLevel.THPT, SchoolLevel.THCS_THPT},
    "TH&THCS": {SchoolLevel.TH_THCS},
    "THCS&THPT": {SchoolLevel.THCS_THPT},
    "GDNN-GDTX": {SchoolLevel.GDNN_GDTX},
}


@dataclass(frozen=True)
class Sums:
    """The sums of one element over the units of one group: total and how many units gave it."""

    total: float
    units: int


@dataclass(frozen=True)
class IndicatorFigure:
    round_id: str
    code: str
    name: str
    levels: str
    group: str  # "overall", a school level, or a commune's unit id
    group_label: str
    comparator: str
    target: float | None
    numerator: float | None
    denominator: float | None
    value: float | None
    met: bool | None
    unit: str  # "%" for a ratio, else the element's unit label

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Key = tuple[str, str, str, str | None]  # round, element, school level, commune


def element_sums(
    session: Session,
    round_ids: Sequence[str],
    element_ids: Iterable[str],
    statuses: Sequence[ReportStatus] = RECEIVED,
) -> dict[Key, Sums]:
    """SUM of each element's values (all table rows) by round, school level and commune."""
    element_ids = list(element_ids)
    if not round_ids or not element_ids:
        return {}
    query = (
        select(
            Report.round_id,
            ReportValue.element_id,
            OrgUnit.school_level,
            OrgUnit.commune_id,
            func.sum(ReportValue.value_num),
            func.count(distinct(Report.unit_id)),
        )
        .join(Report, Report.id == ReportValue.report_id)
        .join(OrgUnit, OrgUnit.id == Report.unit_id)
        .where(
            Report.round_id.in_(list(round_ids)),
            Report.status.in_(list(statuses)),
            Report.deleted.is_(False),
            ReportValue.deleted.is_(False),
            ReportValue.value_num.is_not(None),
            ReportValue.element_id.in_(element_ids),
        )
        .group_by(Report.round_id, ReportValue.element_id, OrgUnit.school_level, OrgUnit.commune_id)
    )
    out: dict[Key, Sums] = {}
    for round_id, element_id, level, commune, total, units in session.execute(query):
        level_value = level.value if level is not None else ""
        out[(round_id, element_id, level_value, commune)] = Sums(float(total or 0), int(units))
    return out


def is_met(value: float | None, comparator: Comparator | str, target: float | None) -> bool | None:
    if value is None or target is None:
        return None
    rounded = round(value, 1)  # the figure people see decides
    match Comparator(comparator):
        case Comparator.GE:
            return rounded >= target
        case Comparator.LE:
            return rounded <= target
        case _:
            return abs(rounded - target) < 0.05


def ratio(numerator: Sums | None, denominator: Sums | None, *, boolean: bool, has_denominator: bool) -> tuple:
    """(numerator, denominator, value) of one group.

    With a denominator element: 100 × Σ numerator / Σ denominator. A yes/no element alone
    counts the share of units answering yes (denominator = units that answered). Any other
    single element is a plain sum (a count of schools, of classes …).
    """
    num = numerator.total if numerator else None
    if has_denominator:
        den = denominator.total if denominator else None
    elif boolean:
        den = float(numerator.units) if numerator else None
    else:
        return num, None, num
    if num is None or not den:
        return num, den, None
    return num, den, 100.0 * num / den


def indicator_figures(
    session: Session,
    round_ids: Sequence[str],
    *,
    by: str = OVERALL,
    indicators: Sequence[Indicator] | None = None,
    statuses: Sequence[ReportStatus] = RECEIVED,
    sums: dict[Key, Sums] | None = None,
) -> list[IndicatorFigure]:
    """Every indicator's value for each round, overall or broken down ``by`` level or commune.

    ``sums`` (from ``element_sums``) lets several breakdowns share one query.
    """
    if by not in BREAKDOWNS:
        raise ValueError(by)
    indicators = live_indicators(session) if indicators is None else list(indicators)
    element_ids = {i.numerator_id for i in indicators} | {
        i.denominator_id for i in indicators if i.denominator_id
    }
    elements = {
        e.id: e for e in session.scalars(select(DataElement).where(DataElement.id.in_(element_ids)))
    } if element_ids else {}  # fmt: skip
    if sums is None:
        sums = element_sums(session, round_ids, element_ids, statuses)
    labels = _group_labels(session, sums, by)
    # Indexed by (round, element) so each indicator reads only its own two elements' groups.
    index: dict[tuple[str, str], list[tuple[str, str | None, Sums]]] = defaultdict(list)
    for (r, element_id, level, commune), part in sums.items():
        index[(r, element_id)].append((level, commune, part))
    figures: list[IndicatorFigure] = []
    for round_id in round_ids:
        for ind in indicators:
            figures += _figures_of(ind, round_id, index, elements, by, labels)
    return figures


def _figures_of(
    ind: Indicator,
    round_id: str,
    index: dict[tuple[str, str], list[tuple[str, str | None, Sums]]],
    elements: dict[str, DataElement],
    by: str,
    labels: dict[str, str],
) -> list[IndicatorFigure]:
    covered: set[str] | None = None
    if ind.levels:
        covered = {lv.value for name in level_list(ind.levels) for lv in _COVERED_BY.get(name, set())}
    grouped: dict[str, dict[str, list[Sums]]] = defaultdict(lambda: defaultdict(list))
    for element_id in {e for e in (ind.numerator_id, ind.denominator_id) if e is not None}:
        for level, commune, part in index.get((round_id, element_id), ()):
            if covered is not None and level not in covered:
                continue
            group = OVERALL if by == OVERALL else (level if by == "level" else (commune or ""))
            grouped[group][element_id].append(part)
    if by == OVERALL and not grouped:
        grouped[OVERALL] = defaultdict(list)  # an indicator without data still shows, valueless
    num_el = elements.get(ind.numerator_id)
    boolean = num_el is not None and num_el.value_type == ValueType.BOOLEAN
    unit = "%" if ind.denominator_id or boolean else (num_el.unit_label if num_el else "")
    out = []
    for group in sorted(grouped, key=lambda g: labels.get(g, g)):
        parts = grouped[group]
        num, den, value = ratio(
            _add(parts.get(ind.numerator_id)),
            _add(parts.get(ind.denominator_id)) if ind.denominator_id else None,
            boolean=boolean,
            has_denominator=ind.denominator_id is not None,
        )
        out.append(
            IndicatorFigure(
                round_id=round_id,
                code=ind.code,
                name=ind.name,
                levels=ind.levels,
                group=group,
                group_label=labels.get(group, group),
                comparator=COMPARATOR_SIGNS[Comparator(ind.comparator)],
                target=ind.target_value,
                numerator=num,
                denominator=den,
                value=None if value is None else round(value, 2),
                met=is_met(value, ind.comparator, ind.target_value),
                unit=unit,
            )
        )
    return out


def _add(parts: list[Sums] | None) -> Sums | None:
    if not parts:
        return None
    return Sums(sum(p.total for p in parts), sum(p.units for p in parts))


def _group_labels(session: Session, sums: dict[Key, Sums], by: str) -> dict[str, str]:
    if by == OVERALL:
        return {OVERALL: "Toàn đơn vị"}
    if by == "level":
        return {}
    ids = {k[3] for k in sums if k[3]}
    rows: Iterable[tuple[str, str]] = (
        session.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_(ids))).tuples() if ids else []
    )
    return {i: n for i, n in rows} | {"": "Chưa rõ xã"}


def figures_by_period(session: Session, *, by: str = OVERALL) -> list[IndicatorFigure]:
    """Every indicator over every live round, oldest due date first (charts by period)."""
    round_ids = list(
        session.scalars(
            select(ReportingRound.id).where(ReportingRound.deleted.is_(False)).order_by(ReportingRound.due_on)
        )
    )
    return indicator_figures(session, round_ids, by=by)


@dataclass(frozen=True)
class UnitFigure:
    """One unit's part of an indicator: the list behind a district figure."""

    unit_id: str
    unit_code: str
    unit_name: str
    school_level: str
    numerator: float | None
    denominator: float | None
    value: float | None


def indicator_units(
    session: Session, round_id: str, code: str, statuses: Sequence[ReportStatus] = RECEIVED
) -> list[UnitFigure]:
    """Each received unit's numerator, denominator and own value for one indicator and round."""
    ind = next((i for i in live_indicators(session) if i.code == code), None)
    if ind is None:
        return []
    element_ids = [ind.numerator_id] + ([ind.denominator_id] if ind.denominator_id else [])
    query = (
        select(
            OrgUnit.id,
            OrgUnit.code,
            OrgUnit.name,
            OrgUnit.school_level,
            ReportValue.element_id,
            func.sum(ReportValue.value_num),
        )
        .join(Report, Report.id == ReportValue.report_id)
        .join(OrgUnit, OrgUnit.id == Report.unit_id)
        .where(
            Report.round_id == round_id,
            Report.status.in_(list(statuses)),
            Report.deleted.is_(False),
            ReportValue.deleted.is_(False),
            ReportValue.value_num.is_not(None),
            ReportValue.element_id.in_(element_ids),
        )
        .group_by(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.school_level, ReportValue.element_id)
        .order_by(OrgUnit.sort_key, OrgUnit.code)
    )
    rows: dict[str, dict[str, Any]] = {}
    for unit_id, unit_code, name, level, element_id, total in session.execute(query):
        row = rows.setdefault(
            unit_id, {"code": unit_code, "name": name, "level": level.value if level else ""}
        )
        row[element_id] = float(total)
    num_el = session.get(DataElement, ind.numerator_id)
    boolean = num_el is not None and num_el.value_type == ValueType.BOOLEAN
    out = []
    for unit_id, row in rows.items():
        num = row.get(ind.numerator_id)
        num_sums = Sums(num, 1) if num is not None else None
        den = row.get(ind.denominator_id) if ind.denominator_id else None
        n, d, value = ratio(num_sums, Sums(den, 1) if den is not None else None, boolean=boolean,
                            has_denominator=ind.denominator_id is not None)  # fmt: skip
        out.append(UnitFigure(unit_id, row["code"], row["name"], row["level"], n, d,
                              None if value is None else round(value, 2)))  # fmt: skip
    return out
