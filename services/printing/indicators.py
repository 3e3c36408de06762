"""Kind ``indicators``: Kết quả thực hiện chỉ tiêu — each target by level, achieved or not.

Achieved = 100 × Σ numerators / Σ denominators over the units' received reports of the
round (never an average of the units' percentages); a yes/no element alone counts the
share of units answering yes; any other single element is a plain sum.
"""

from __future__ import annotations

from models.db import Database
from models.enums import Comparator, SchoolLevel, ValueType
from services.assignments import LEVELS_COVERING
from services.printing import reporting_data as rd
from services.printing.common import ReportOptions, number, office_header, percent
from services.printing.model import Block, Column, PrintDocument, TableBlock
from services.printing.synthesis import RECEIVED
from services.printing.unit_report import NO_DATA, report_subject

_SIGNS = {Comparator.GE: "≥", Comparator.LE: "≤", Comparator.EQ: "="}
ALL = "Chung"


def met(value: float | None, comparator: Comparator, target: float | None) -> bool | None:
    if value is None or target is None:
        return None
    shown = round(value, 1)  # the figure people read decides
    if comparator == Comparator.GE:
        return shown >= target
    if comparator == Comparator.LE:
        return shown <= target
    return abs(shown - target) < 0.05


def _unit_totals(db: Database, report_ids: list[str]) -> dict[tuple[str, str], float]:
    """(report id, element id) → sum over the table's rows."""
    totals: dict[tuple[str, str], float] = {}
    for v in rd.values(db, report_ids):
        if v.number is not None:
            key = (v.report_id, v.element_id)
            totals[key] = totals.get(key, 0.0) + v.number
    return totals


def _covers(level: str, unit_level: SchoolLevel | None) -> bool:
    if level == ALL:
        return True
    try:
        return unit_level in LEVELS_COVERING[SchoolLevel(level)]
    except ValueError:
        return False


def achieved(
    ind: rd.IndicatorInfo,
    boolean: bool,
    report_levels: dict[str, SchoolLevel | None],
    totals: dict[tuple[str, str], float],
    level: str,
) -> float | None:
    reports = [rid for rid, lv in report_levels.items() if _covers(level, lv)]
    nums = [totals[(r, ind.numerator_id)] for r in reports if (r, ind.numerator_id) in totals]
    if not nums:
        return None
    if ind.denominator_id:
        den = sum(
            totals.get((r, ind.denominator_id), 0.0) for r in reports if (r, ind.numerator_id) in totals
        )
        return 100.0 * sum(nums) / den if den else None
    if boolean:
        return 100.0 * sum(1 for n in nums if n) / len(nums)
    return sum(nums)


def build(db: Database, options: ReportOptions) -> PrintDocument:
    header = office_header(db, "BC", options)
    indicators = rd.indicators(db)
    round_ = rd.get_round(db, options.round_id) if options.round_id else rd.latest_round(db)
    subject = "Kết quả thực hiện các chỉ tiêu"
    if round_ is not None:  # in words, not codes: "… qua sơ kết học kỳ I năm học 2023-2024"
        named = report_subject(round_.name, round_.template_name, round_.period)
        subject += f" qua {named[:1].lower()}{named[1:]}"
    body: list[Block | TableBlock] = []
    if not indicators:
        body.append(Block("Chưa có chỉ tiêu nào được xác định; " + NO_DATA.lower(), "italic"))
        return PrintDocument(header, subject, body, kind="indicators")
    report_levels: dict[str, SchoolLevel | None] = {}
    if round_ is not None:
        levels = {u.id: u.school_level for u in rd.round_units(db, round_.id)}
        for unit_id, report in rd.reports_of_round(db, round_.id).items():
            if report.status in RECEIVED:
                report_levels[report.id] = levels.get(unit_id)
        body.append(
            Block(
                f"Số liệu tổng hợp từ {number(len(report_levels))} báo cáo đã nhận của kỳ "
                f"{round_.period} ({round_.name}); tỷ lệ tính bằng tổng tử số chia tổng mẫu số "
                "của các đơn vị, không lấy trung bình tỷ lệ của từng đơn vị."
            )
        )
    else:
        body.append(
            Block("Chưa có kỳ báo cáo nào nên chưa có số liệu thực hiện; " + NO_DATA.lower(), "italic")
        )
    totals = _unit_totals(db, list(report_levels))
    elements = rd.elements(db)
    rows: list[list[str]] = []
    for index, ind in enumerate(indicators, start=1):
        numerator = elements.get(ind.numerator_id)
        boolean = numerator is not None and numerator.value_type == ValueType.BOOLEAN
        as_percent = (
            bool(ind.denominator_id) or boolean or (numerator and numerator.value_type == ValueType.PERCENT)
        )
        show = percent if as_percent else number
        for sub, level in enumerate([*ind.levels, ALL] if len(ind.levels) > 1 else ind.levels or [ALL]):
            value = achieved(ind, boolean, report_levels, totals, level)
            ok = met(value, ind.comparator, ind.target)
            target = f"{_SIGNS[ind.comparator]} {show(ind.target)}" if ind.target is not None else ""
            baseline = show(ind.baseline) if ind.baseline is not None else ""
            if baseline and ind.baseline_year:
                baseline += f" ({ind.baseline_year})"
            verdict = "" if ok is None else ("Đạt" if ok else "Chưa đạt")
            rows.append(
                [
                    str(index) if sub == 0 else "",
                    ind.name if sub == 0 else "",
                    level,
                    target,
                    baseline,
                    show(value) if value is not None else NO_DATA.rstrip("."),
                    verdict,
                ]
            )
    columns = [
        Column("STT", 1.5, "center"),
        Column("Chỉ tiêu", 8),
        Column("Cấp học", 1.9, "center"),
        Column("Chỉ tiêu giao", 2.3, "right"),
        Column("Ban đầu", 2.3, "right"),
        Column("Thực hiện", 2.3, "right"),
        Column("Đánh giá", 2, "center"),
    ]
    body.append(TableBlock(columns, rows, font_size=11, keep_groups=True))
    return PrintDocument(header, subject, body, kind="indicators")
