"""Kind ``unit-report``: one unit's report for a round, in the template's outline.

Each section prints the unit's narrative, then its data table (rows: data elements,
columns: the table's dimensions). A round, unit or report that does not exist prints an
honest "chưa có dữ liệu" instead of failing.
"""

from __future__ import annotations

from models.db import Database
from models.enums import ValueType
from models.labels import REPORT_STATUS_LABELS
from services.printing import reporting_data as rd
from services.printing.common import (
    ReportOptions,
    heading_block,
    number,
    office_header,
    office_id,
    percent,
    text_blocks,
)
from services.printing.header import apply_overrides, signer_lines
from services.printing.model import Block, Column, Header, PrintDocument, TableBlock

NO_DATA = "Chưa có dữ liệu."


def value_text(element: rd.ElementInfo | None, value: float | None, text: str) -> str:
    """A stored value as people write it: ``1.234``, ``97,8%``, ``Có``."""
    if element is None:
        return number(value, 2) if value is not None else text
    if element.value_type == ValueType.TEXT:
        return text
    if value is None:
        return text
    if element.value_type == ValueType.BOOLEAN:
        return "Có" if value else "Không"
    if element.value_type == ValueType.PERCENT:
        return percent(value)
    if element.value_type == ValueType.INTEGER:
        return number(value)
    return number(value, 2).rstrip("0").rstrip(",") if value % 1 else number(value)


def data_table(
    spec: dict, elements_by_code: dict[str, rd.ElementInfo], cell: dict[tuple[str, str], str]
) -> TableBlock | None:
    """The section's table: one row per element code, one column per dimension key."""
    codes = [str(c) for c in spec.get("rows") or []]
    if not codes:
        return None
    dims = [
        (str(c.get("key", "")), str(c.get("label", "")))
        for c in spec.get("columns") or []
        if isinstance(c, dict)
    ]
    dims = dims or [("", "Số liệu")]
    columns = [Column("STT", 1.5, "center"), Column("Nội dung", 9), Column("Đơn vị tính", 2.4, "center")]
    columns += [Column(label or key, 2.6, "right") for key, label in dims]
    rows = []
    for index, code in enumerate(codes, start=1):
        element = elements_by_code.get(code)
        name = element.name if element else code
        rows.append(
            [
                str(index),
                name,
                element.unit_label if element else "",
                *(cell.get((code, key), "") for key, _label in dims),
            ]
        )
    return TableBlock(columns, rows, font_size=12)


def _school_header(db: Database, unit: rd.UnitInfo, options: ReportOptions) -> Header:
    """A school's report carries the school as issuing body when the office is the school itself."""
    header = office_header(db, "BC", options)
    if office_id(db) != unit.id:
        header.parent_body = header.issuing_body if header.issuing_body else header.parent_body
        header.issuing_body = unit.name.upper()
        header.abbreviation = unit.code
        header.signer_lines = signer_lines(
            "", "HIỆU TRƯỞNG" if unit.kind == "school" else "THỦ TRƯỞNG ĐƠN VỊ"
        )
        header.signer_name = ""
        header.recipients = ["Phòng Giáo dục và Đào tạo (để báo cáo)", "Lưu: VT"]
        header.symbol = ""
        header = apply_overrides(header, options.header)
    return header


def build(db: Database, options: ReportOptions) -> PrintDocument:
    round_ = rd.get_round(db, options.round_id) if options.round_id else rd.latest_round(db)
    if round_ is None:
        header = office_header(db, "BC", options)
        return PrintDocument(
            header,
            "Báo cáo của đơn vị",
            [Block("Chưa có kỳ báo cáo nào; " + NO_DATA.lower())],
            kind="unit-report",
        )
    units = rd.round_units(db, round_.id)
    if options.unit_id:
        unit = rd.unit_info(db, options.unit_id)
    elif units:  # the first unit that has a report, else the first unit
        reports = rd.reports_of_round(db, round_.id)
        unit = next((u for u in units if u.id in reports), units[0])
    else:
        header = office_header(db, "BC", options)
        body = [
            Block(
                f"Kỳ báo cáo {round_.name} ({round_.period}) chưa có đơn vị nào phải báo cáo; "
                + NO_DATA.lower()
            )
        ]
        return PrintDocument(header, f"{round_.template_name} — {round_.period}", body, kind="unit-report")
    header = _school_header(db, unit, options)
    report = rd.reports_of_round(db, round_.id).get(unit.id)
    subject = f"{round_.template_name} — {round_.period}"
    body: list[Block | TableBlock] = []
    if report is None:
        body.append(
            Block(
                f"{unit.name} chưa lập báo cáo kỳ {round_.period} (hạn nộp "
                f"{round_.due_on.strftime('%d/%m/%Y')}); {NO_DATA.lower()}",
                "italic",
            )
        )
    else:
        status = REPORT_STATUS_LABELS.get(report.status, str(report.status))
        body.append(
            Block(
                f"Thực hiện {round_.name}, {unit.name} báo cáo kết quả kỳ {round_.period} "
                f"như sau (tình trạng: {status.lower()}):"
            )
        )
    narratives = rd.narratives(db, [report.id]) if report else {}
    elements = rd.elements(db)
    by_code = {e.code: e for e in elements.values()}
    cell: dict[tuple[str, str], str] = {}
    for v in rd.values(db, [report.id]) if report else []:
        element = elements.get(v.element_id)
        if element:
            cell[(element.code, v.dimension)] = value_text(element, v.number, v.text)
    for line in rd.template_outline(db, round_.template_id):
        body.append(heading_block(line.number, line.heading, line.depth))
        text = narratives.get((report.id, line.id), "") if report else ""
        body += (
            text_blocks(text)
            if text.strip()
            else ([Block("(Đơn vị chưa viết nội dung mục này.)", "italic")] if report else [])
        )
        table = data_table(line.table, by_code, cell) if line.table else None
        if table is not None:
            body.append(table)
    return PrintDocument(header, subject, body, kind="unit-report")
