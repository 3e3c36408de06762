"""Kind ``synthesis``: a round's outline with figures summed over the units' received reports.

Who reported late or not at all goes to a landscape appendix. Sums follow the reporting
rule: numbers add up over units (never an average of the units' percentages); a percent is
not summed either: the synthesis gives the range the units reported ("từ 85,0% đến 97,5%"), so
a blank cell always means that no unit gave the figure; text values are not summed.
"""

from __future__ import annotations

import datetime as dt

from models.db import Database
from models.enums import ValueType
from models.labels import REPORT_STATUS_LABELS
from services.accounts.permissions import SYSTEM
from services.printing import reporting_data as rd
from services.printing.common import (
    ReportOptions,
    date_text,
    heading_block,
    number,
    office_header,
    office_name,
    percent,
    unit_summary,
)
from services.printing.model import Appendix, Block, Column, PrintDocument, TableBlock
from services.printing.unit_report import NO_DATA, data_table, report_subject, round_basis, value_text
from services.reporting.figures import round_figures_of
from services.reporting.rounds import local_day

RECEIVED = rd.RECEIVED


def late_days(report: rd.ReportInfo | None, due_on: dt.date, today: dt.date) -> int:
    """Days past the due date: sent late, or still not sent by ``today``."""
    if report is not None and report.submitted_at is not None:
        return max((local_day(report.submitted_at) - due_on).days, 0)  # the overview's on-time rule
    return max((today - due_on).days, 0)


def _sums(db: Database, received: list[rd.ReportInfo]) -> dict[tuple[str, str], str]:
    elements = rd.elements(db)
    totals: dict[tuple[str, str], float] = {}
    yes: dict[tuple[str, str], int] = {}
    shares: dict[tuple[str, str], list[float]] = {}
    for v in rd.values(db, [r.id for r in received]):
        element = elements.get(v.element_id)
        if element is None or v.number is None:
            continue
        key = (element.code, v.dimension)
        if element.value_type in (ValueType.INTEGER, ValueType.DECIMAL):
            totals[key] = totals.get(key, 0.0) + v.number
        elif element.value_type == ValueType.BOOLEAN and v.number:
            yes[key] = yes.get(key, 0) + 1
        elif element.value_type == ValueType.PERCENT:
            shares.setdefault(key, []).append(v.number)
    by_code = {e.code: e for e in elements.values()}
    out = {key: value_text(by_code[key[0]], total, "") for key, total in totals.items()}
    out.update({key: f"{number(count)} đơn vị" for key, count in yes.items()})
    out.update({key: _share_range(values) for key, values in shares.items()})
    return out


def _share_range(values: list[float]) -> str:
    low, high = min(values), max(values)
    return percent(low) if low == high else f"từ {percent(low)} đến {percent(high)}"


_SIGNS = {">=": "≥", "<=": "≤", "=": "="}
_NAMED = 10  # up to this many units are named in a sentence; more are counted by level


def build(db: Database, options: ReportOptions) -> PrintDocument:
    header = office_header(db, "BC", options)
    round_ = rd.get_round(db, options.round_id) if options.round_id else rd.latest_round(db)
    if round_ is None:
        return PrintDocument(
            header,
            "Báo cáo tổng hợp",
            [Block("Chưa có kỳ báo cáo nào; " + NO_DATA.lower())],
            kind="synthesis",
        )
    today = options.today()
    units = rd.round_units(db, round_.id)
    reports = rd.reports_of_round(db, round_.id)
    received = [reports[u.id] for u in units if u.id in reports and reports[u.id].status in RECEIVED]
    named = report_subject(round_.name, round_.template_name, round_.period)
    subject = f"Tổng hợp kết quả {named[:1].lower()}{named[1:]}"
    late, missing, rows = _late_and_missing(units, reports, round_, today)
    body: list[Block | TableBlock] = [
        Block(
            f"{round_basis(db, round_)}{office_name(db)} tổng hợp kết quả {named[:1].lower()}{named[1:]} "
            f"của các đơn vị (hạn nộp {date_text(round_.due_on)}) như sau:"
        ),
        Block("I. TÌNH HÌNH NỘP BÁO CÁO", "heading1"),
        *_submission(db, round_.id, today, late, missing),
        Block("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "heading1"),
        *_indicators(db, round_.id),
        Block("III. SỐ LIỆU TỔNG HỢP THEO ĐỀ CƯƠNG", "heading1"),
    ]
    outline = rd.template_outline(db, round_.template_id)
    body += _figures(db, outline, received)
    body.append(
        Block(
            "Danh sách đơn vị nộp trễ hạn hoặc chưa nộp tại Phụ lục 1; nội dung báo cáo của các đơn vị "
            "theo từng mục của đề cương tại Phụ lục 2."
        )
    )
    columns = [
        Column("STT", 1.5, "center"),
        Column("Đơn vị", 10),
        Column("Cấp học", 2.2, "center"),
        Column("Tình trạng", 5, "center"),
        Column("Ngày nộp", 2.8, "center"),
        Column("Số ngày trễ", 2.4, "right"),
    ]
    appendix = Appendix(
        "PHỤ LỤC 1",
        "ĐƠN VỊ NỘP BÁO CÁO TRỄ HẠN HOẶC CHƯA NỘP",
        blocks=[TableBlock(columns, rows, font_size=11, empty_text="Tất cả đơn vị đã nộp báo cáo đúng hạn.")],
    )
    names = {u.id: u.name for u in units}
    written = rd.narratives(db, [r.id for r in received])
    voices = Appendix(
        "PHỤ LỤC 2",
        "NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ",
        blocks=_voices(outline, received, written, names),
        landscape=False,
    )
    return PrintDocument(header, subject, body, [appendix, voices], kind="synthesis")


def _late_and_missing(
    units: list[rd.UnitInfo], reports: dict, round_: rd.PrintedRound, today: dt.date
) -> tuple[list[rd.UnitInfo], list[rd.UnitInfo], list[list[str]]]:
    """Units that sent late, units that have not sent, and the appendix rows of both."""
    late: list[rd.UnitInfo] = []
    missing: list[rd.UnitInfo] = []
    rows: list[list[str]] = []
    for unit in units:
        report = reports.get(unit.id)
        sent = report is not None and report.status in RECEIVED
        days = late_days(report if sent else None, round_.due_on, today)
        if sent and days == 0:
            continue
        (late if sent else missing).append(unit)
        status = REPORT_STATUS_LABELS.get(report.status, "") if report else "Chưa lập"
        when = report.submitted_at.strftime("%d/%m/%Y") if sent and report and report.submitted_at else ""
        rows.append(
            [
                str(len(rows) + 1),
                unit.name,
                unit.school_level.value if unit.school_level else "",
                status if sent else f"Chưa nộp ({status.lower()})",
                when,
                number(days) if days else "",
            ]
        )
    return late, missing, rows


def _who(units: list[rd.UnitInfo]) -> str:
    return unit_summary([(u.name, u.kind, u.school_level) for u in units], limit=_NAMED)


def _submission(
    db: Database, round_id: str, today: dt.date, late: list[rd.UnitInfo], missing: list[rd.UnitInfo]
) -> list[Block]:
    """Received against expected, on time, late and not sent, from the dashboard's own figures."""
    figures = round_figures_of(db, SYSTEM, round_id, today)  # the overview's figures, never recounted
    if not figures.expected:
        return [Block("Kỳ báo cáo chưa có đơn vị nào phải báo cáo.")]
    share = percent(100 * figures.completeness) if figures.completeness is not None else ""
    text = (
        f"Có {number(figures.expected)} đơn vị phải báo cáo; đã nhận {number(figures.received)} báo cáo "
        f"({share}), trong đó đúng hạn {number(figures.on_time)}, trễ hạn "
        f"{number(figures.received - figures.on_time)}; chưa nhận "
        f"{number(figures.expected - figures.received)} đơn vị."
    )
    out = [Block(text)]
    if late:
        out.append(Block(f"Nộp trễ hạn: {_who(late)}.", "bullet"))
    if missing:
        out.append(Block(f"Chưa nộp: {_who(missing)}.", "bullet"))
    return out


def _indicators(db: Database, round_id: str) -> list[Block | TableBlock]:
    """Each indicator of the round against its target, as services.reporting computes it."""
    from services.reporting.aggregation import OVERALL, indicator_figures

    with db.session() as session:
        figures = [f for f in indicator_figures(session, [round_id]) if f.group == OVERALL]
    if not figures:
        return [Block("Kỳ báo cáo chưa có chỉ tiêu nào để đánh giá.")]
    rows = []
    for index, f in enumerate(figures, start=1):
        show = percent if f.unit == "%" else number
        target = (
            f"{_SIGNS.get(str(f.comparator), str(f.comparator))} {show(f.target)}"
            if f.target is not None
            else ""
        )
        verdict = "" if f.met is None else ("Đạt" if f.met else "Chưa đạt")
        value = show(f.value) if f.value is not None else NO_DATA.rstrip(".")
        rows.append([str(index), f.name, target, value, verdict])
    met = [f for f in figures if f.met]
    unmet = [f for f in figures if f.met is False]
    judged = len(met) + len(unmet)
    sentence = f"Có {number(judged)} chỉ tiêu có số liệu để đánh giá: đạt {number(len(met))}"
    sentence += f", chưa đạt {number(len(unmet))} ({'; '.join(f.name for f in unmet)})." if unmet else "."
    columns = [
        Column("STT", 1.5, "center"),
        Column("Chỉ tiêu", 10),
        Column("Chỉ tiêu giao", 2.6, "right"),
        Column("Thực hiện", 2.6, "right"),
        Column("Đánh giá", 2.4, "center"),
    ]
    return [Block(sentence), TableBlock(columns, rows, font_size=12)]


def _figures(
    db: Database, outline: list[rd.TemplateLine], received: list[rd.ReportInfo]
) -> list[Block | TableBlock]:
    """The outline's data tables summed over the received reports, each under its section's name."""
    cell = _sums(db, received)
    by_code = {e.code: e for e in rd.elements(db).values()}
    out: list[Block | TableBlock] = []
    for line in outline:
        table = data_table(line.table, by_code, cell) if line.table else None
        if table is None:
            continue
        count = sum(1 for _ in out if isinstance(_, TableBlock)) + 1
        out += [Block(f"{count}. {' '.join(line.heading.split())}", "heading2"), table]
    return out or [Block("Đề cương không có bảng số liệu.")]


def _voices(
    outline: list[rd.TemplateLine],
    received: list[rd.ReportInfo],
    written: dict[tuple[str, str], str],
    names: dict[str, str],
) -> list[Block | TableBlock]:
    """What the units wrote, section by section; units that wrote the same words share one line."""
    blocks: list[Block | TableBlock] = []
    for line in outline:
        said: dict[str, list[str]] = {}
        for r in received:
            text = " ".join(written.get((r.id, line.id), "").split())
            if text:
                said.setdefault(text, []).append(names.get(r.unit_id, ""))
        if said:
            blocks.append(heading_block(line.number, line.heading, line.depth))
            blocks += [Block(f"- {'; '.join(who)}: {text}", "bullet") for text, who in said.items()]
    return blocks or [Block("Chưa đơn vị nào viết nội dung báo cáo.", "italic")]
