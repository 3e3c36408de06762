"""Kind ``indicators``: Kết quả thực hiện chỉ tiêu — each target by level, achieved or not.

Every figure comes from ``services.reporting.figures`` (the overview's figures): this module
formats them and computes none, so the printout always says what the screen says.
"""

from __future__ import annotations

from models.db import Database
from services.accounts.permissions import SYSTEM
from services.printing import reporting_data as rd
from services.printing.common import ReportOptions, number, office_header, percent
from services.printing.model import Block, Column, PrintDocument, TableBlock
from services.printing.unit_report import NO_DATA, report_subject
from services.reporting.aggregation import IndicatorFigure
from services.reporting.figures import IndicatorLine, indicator_lines, round_figures_of

ALL = "Chung"


def shown(figure: IndicatorFigure, value: float | None) -> str:
    """A figure as printed: a percentage with one decimal, a count as a whole number when it is one."""
    if value is None:
        return ""
    if figure.unit == "%":
        return percent(value)
    return number(value, 0 if float(value).is_integer() else 1)


def verdict(figure: IndicatorFigure) -> str:
    return "" if figure.met is None else ("Đạt" if figure.met else "Chưa đạt")


def level_rows(line: IndicatorLine) -> list[tuple[str, IndicatorFigure]]:
    """(level label, figure) rows of one indicator: each school level, then "Chung" when the
    indicator or its data spans several levels."""
    if len(line.by_level) > 1 or "," in line.overall.levels:
        return [(f.group or "Khác", f) for f in line.by_level] + [(ALL, line.overall)]
    return [(line.overall.levels or ALL, line.overall)]


def build(db: Database, options: ReportOptions) -> PrintDocument:
    header = office_header(db, "BC", options)
    indicators = rd.indicators(db)
    round_id = options.round_id
    lines = indicator_lines(db, SYSTEM, round_id)
    if round_id is None and lines and len({f.overall.round_id for f in lines}) == 1:
        round_id = lines[0].overall.round_id
    round_ = rd.get_round(db, round_id) if round_id else None
    subject = "Kết quả thực hiện các chỉ tiêu"
    if round_ is not None:  # in words, not codes: "… qua sơ kết học kỳ I năm học 2023-2024"
        named = report_subject(round_.name, round_.template_name, round_.period)
        subject += f" qua {named[:1].lower()}{named[1:]}"
    body: list[Block | TableBlock] = []
    if not indicators:
        body.append(Block("Chưa có chỉ tiêu nào được xác định; " + NO_DATA.lower(), "italic"))
        return PrintDocument(header, subject, body, kind="indicators")
    if round_ is not None:
        received = round_figures_of(db, SYSTEM, round_.id, options.today()).received
        body.append(
            Block(
                f"Số liệu tổng hợp từ {number(received)} báo cáo đã nhận của kỳ "
                f"{round_.period} ({round_.name}); tỷ lệ tính bằng tổng tử số chia tổng mẫu số "
                "của các đơn vị, không lấy trung bình tỷ lệ của từng đơn vị."
            )
        )
    elif lines:
        periods = ", ".join(sorted({line.period for line in lines}))
        body.append(
            Block(
                f"Mỗi chỉ tiêu lấy số liệu của kỳ báo cáo gần nhất có số liệu ({periods}); tỷ lệ tính bằng "
                "tổng tử số chia tổng mẫu số của các đơn vị, không lấy trung bình tỷ lệ của từng đơn vị."
            )
        )
    else:
        body.append(
            Block("Chưa có kỳ báo cáo nào nên chưa có số liệu thực hiện; " + NO_DATA.lower(), "italic")
        )
    rows: list[list[str]] = []
    for index, line in enumerate(lines, start=1):
        f = line.overall
        target = f"{f.comparator} {shown(f, f.target)}" if f.target is not None else ""
        baseline = shown(f, line.baseline)
        if baseline and line.baseline_year:
            baseline += f" ({line.baseline_year})"
        for sub, (level, figure) in enumerate(level_rows(line)):
            rows.append(
                [
                    str(index) if sub == 0 else "",
                    f.name if sub == 0 else "",
                    level,
                    target,
                    baseline,
                    shown(figure, figure.value) if figure.value is not None else NO_DATA.rstrip("."),
                    verdict(figure),
                ]
            )
    columns = [
        Column("STT", 1.5, "center"),
        Column("Chỉ tiêu", 7.4),
        Column("Cấp học", 2.5, "center"),  # wide enough for "TH&THCS", a level the figures name
        Column("Chỉ tiêu giao", 2.3, "right"),
        Column("Ban đầu", 2.3, "right"),
        Column("Thực hiện", 2.3, "right"),
        Column("Đánh giá", 2, "center"),
    ]
    if rows:
        body.append(TableBlock(columns, rows, font_size=11, keep_groups=True))
    return PrintDocument(header, subject, body, kind="indicators")
