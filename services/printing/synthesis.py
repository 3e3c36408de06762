"""Kind ``synthesis``: a round's outline with figures summed over the units' received reports.

Who reported late or not at all goes to a landscape appendix. Sums follow the reporting
rule: numbers add up over units (never an average of the units' percentages); percent
and text values are not summed.
"""

from __future__ import annotations

import datetime as dt

from models.db import Database
from models.enums import ValueType
from models.labels import REPORT_STATUS_LABELS
from services.permissions import SYSTEM
from services.printing import reporting_data as rd
from services.printing.common import (
    ReportOptions,
    date_text,
    heading_block,
    number,
    office_header,
    office_name,
    percent,
)
from services.printing.model import Appendix, Block, Column, PrintDocument, TableBlock
from services.printing.unit_report import NO_DATA, data_table, value_text
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
    for v in rd.values(db, [r.id for r in received]):
        element = elements.get(v.element_id)
        if element is None or v.number is None:
            continue
        key = (element.code, v.dimension)
        if element.value_type in (ValueType.INTEGER, ValueType.DECIMAL):
            totals[key] = totals.get(key, 0.0) + v.number
        elif element.value_type == ValueType.BOOLEAN and v.number:
            yes[key] = yes.get(key, 0) + 1
    by_code = {e.code: e for e in elements.values()}
    out = {key: value_text(by_code[key[0]], total, "") for key, total in totals.items()}
    out.update({key: f"{number(count)} đơn vị" for key, count in yes.items()})
    return out


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
    counts = round_figures_of(db, SYSTEM, round_.id, today)  # the overview's figures, never recounted
    share = percent(100 * counts.completeness) if counts.completeness is not None else "0,0%"
    subject = f"Tổng hợp {round_.template_name[:1].lower() + round_.template_name[1:]} — {round_.period}"
    body: list[Block | TableBlock] = [
        Block(
            f"Thực hiện {round_.name} (kỳ {round_.period}, hạn nộp {date_text(round_.due_on)}), "
            f"{office_name(db)} tổng hợp báo cáo của các đơn vị như sau:"
        ),
        Block(
            f"Có {number(counts.expected)} đơn vị phải báo cáo; đã nhận {number(counts.received)} báo cáo "
            f"({share}), trong đó đúng hạn {number(counts.on_time)}, trễ hạn "
            f"{number(counts.received - counts.on_time)}; chưa nhận {number(counts.expected - counts.received)} "
            "đơn vị. "
            "Số liệu dưới đây cộng từ các báo cáo đã nhận."
        ),
    ]
    if not units:
        body.append(Block("Kỳ báo cáo chưa có đơn vị nào phải báo cáo; " + NO_DATA.lower(), "italic"))
    cell = _sums(db, received)
    by_code = {e.code: e for e in rd.elements(db).values()}
    written = rd.narratives(db, [r.id for r in received])
    outline = rd.template_outline(db, round_.template_id)
    for line in outline:
        body.append(heading_block(line.number, line.heading, line.depth))
        count = sum(1 for r in received if written.get((r.id, line.id), "").strip())
        if received:
            body.append(
                Block(
                    f"({number(count)}/{number(len(received))} đơn vị đã báo cáo nội dung mục này.)", "italic"
                )
            )
        table = data_table(line.table, by_code, cell) if line.table else None
        if table is not None:
            body.append(table)
    missing = []
    for unit in units:
        report = reports.get(unit.id)
        sent = report is not None and report.status in RECEIVED
        days = late_days(report if sent else None, round_.due_on, today)
        if sent and days == 0:
            continue
        status = REPORT_STATUS_LABELS.get(report.status, "") if report else "Chưa lập"
        when = report.submitted_at.strftime("%d/%m/%Y") if sent and report and report.submitted_at else ""
        missing.append(
            [
                str(len(missing) + 1),
                unit.name,
                unit.school_level.value if unit.school_level else "",
                status if sent else f"Chưa nộp ({status.lower()})",
                when,
                number(days) if days else "",
            ]
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
        "PHỤ LỤC",
        "ĐƠN VỊ NỘP BÁO CÁO TRỄ HẠN HOẶC CHƯA NỘP",
        note=f"(Kỳ {round_.period}, hạn nộp {date_text(round_.due_on)})",
        blocks=[
            TableBlock(columns, missing, font_size=11, empty_text="Tất cả đơn vị đã nộp báo cáo đúng hạn.")
        ],
    )
    names = {u.id: u.name for u in units}
    voices = Appendix(
        "PHỤ LỤC",
        "NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ",
        note=f"(Theo đề cương {round_.template_name}, kỳ {round_.period})",
        blocks=_voices(outline, received, written, names),
        landscape=False,
    )
    return PrintDocument(header, subject, body, [appendix, voices], kind="synthesis")


def _voices(
    outline: list[rd.TemplateLine],
    received: list[rd.ReportInfo],
    written: dict[tuple[str, str], str],
    names: dict[str, str],
) -> list[Block | TableBlock]:
    """What each unit wrote, section by section: the material the officer condenses into the body."""
    blocks: list[Block | TableBlock] = []
    for line in outline:
        said = [(names.get(r.unit_id, ""), written.get((r.id, line.id), "").strip()) for r in received]
        said = [(name, " ".join(text.split())) for name, text in said if text]
        if said:
            blocks.append(heading_block(line.number, line.heading, line.depth))
            blocks += [Block(f"- {name}: {text}", "bullet") for name, text in said]
    return blocks or [Block("Chưa đơn vị nào viết nội dung báo cáo.", "italic")]
