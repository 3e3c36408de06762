"""Kind ``unit-report``: one unit's report for a round, in the template's outline.

Each section prints the unit's narrative, then its data table (rows: data elements,
columns: the table's dimensions). A round, unit or report that does not exist prints an
honest "chưa có dữ liệu" instead of failing.
"""

from __future__ import annotations

import re

from models.db import Database
from models.enums import ValueType
from services.printing import reporting_data as rd
from services.printing.common import (
    ReportOptions,
    document_reference,
    heading_block,
    number,
    office_header,
    office_id,
    office_name,
    percent,
    school_abbreviation,
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


def _place(db: Database, unit_id: str) -> str:
    """The district (or province) the unit sits in: ``Củ Chi`` from ``… huyện Củ Chi``."""
    from services.accounts.orgunits import get_unit

    seen: set[str] = set()
    current: str | None = unit_id
    while current and current not in seen:
        seen.add(current)
        row = get_unit(db, current)
        for word in ("huyện", "quận", "thị xã", "thành phố", "tỉnh"):
            _head, found, tail = row.name.rpartition(f" {word} ")
            if found and row.kind != "school":
                return tail.strip()
        current = row.parent_id
    return ""


def _school_header(db: Database, unit: rd.UnitInfo, options: ReportOptions) -> Header:
    """The unit signs its own report: its name, its symbol, its head under HIỆU TRƯỞNG, its place.

    Printed at the school the office settings say all this; printed at the district for a
    school, the unit's own record does. Whatever the officer typed wins either way.
    """
    from services.accounts.orgunits import get_unit

    header = office_header(db, "BC", options)
    row = get_unit(db, unit.id)
    if office_id(db) != unit.id:
        header.parent_body = office_name(db).upper()
        header.issuing_body = unit.name.upper()
        header.abbreviation = ""
        header.signer_lines = signer_lines(
            "", "HIỆU TRƯỞNG" if unit.kind == "school" else "THỦ TRƯỞNG ĐƠN VỊ"
        )
        header.signer_name = ""
        header.recipients = [f"{office_name(db)} (để báo cáo)", "Lưu: VT"]
        header.symbol = ""
    header.abbreviation = header.abbreviation or school_abbreviation(row.short_name or row.name)
    header.signer_name = header.signer_name or row.head_name
    header.place = header.place or _place(db, unit.id)
    return apply_overrides(header, options.header)


def report_subject(round_name: str, template_name: str, period: str) -> str:
    """Trích yếu in words: ``Sơ kết học kỳ I năm học 2023-2024``, never ``… — 2023-2024 HK1``."""
    name = round_name or template_name
    name = re.sub(r"^báo cáo\s+", "", name, flags=re.IGNORECASE).strip()
    year = period.split()[0] if period else ""
    if year and year not in name:
        name = f"{name} năm học {year}"
    return name[:1].upper() + name[1:]


def _sections(
    outline: list[rd.TemplateLine], level: str | None
) -> list[tuple[rd.TemplateLine, str, dict | None]]:
    """The template's sections a unit of ``level`` reports, numbered again where some were left out.

    A section whose table is for other levels (``Chất lượng giáo dục tiểu học`` in a
    kindergarten's report) goes, with everything under it; ``1.``, ``2.`` … close the gap.
    """
    kept: list[tuple[rd.TemplateLine, str, dict | None]] = []
    skip_below: int | None = None
    counters: list[int] = []
    for line in outline:
        if skip_below is not None and line.depth > skip_below:
            continue
        skip_below = None
        table = line.table or None
        if table and table.get("levels") and not _applies(table["levels"], level):
            skip_below = line.depth
            continue
        del counters[line.depth + 1 :]
        while len(counters) <= line.depth:
            counters.append(0)
        counters[line.depth] += 1
        number = line.number
        if number.strip().rstrip(".").isdigit():
            number = str(counters[line.depth])
        kept.append((line, number, table))
    return kept


def _applies(levels: list, level: str | None) -> bool:
    """As ``TableSpec.applies_to``: TH&THCS fills both TH and THCS tables."""
    parts = set((level or "").split("&")) | {level or ""}
    return bool(parts & {str(x) for x in levels})


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
    elif office_id(db) in {u.id for u in units}:  # a school prints its own report
        unit = next(u for u in units if u.id == office_id(db))
    elif units:  # the first unit that has a report, else the first unit
        reports = rd.reports_of_round(db, round_.id)
        unit = next((u for u in units if u.id in reports), units[0])
    else:
        header = office_header(db, "BC", options)
        body: list[Block | TableBlock] = [
            Block(
                f"Kỳ báo cáo {round_.name} ({round_.period}) chưa có đơn vị nào phải báo cáo; "
                + NO_DATA.lower()
            )
        ]
        return PrintDocument(header, f"{round_.template_name} — {round_.period}", body, kind="unit-report")
    header = _school_header(db, unit, options)
    report = rd.reports_of_round(db, round_.id).get(unit.id)
    subject = report_subject(round_.name, round_.template_name, round_.period)
    body = []
    if report is None:
        body.append(
            Block(
                f"{unit.name} chưa lập báo cáo kỳ {round_.period} (hạn nộp "
                f"{round_.due_on.strftime('%d/%m/%Y')}); {NO_DATA.lower()}",
                "italic",
            )
        )
    else:
        body.append(
            Block(f"{round_basis(db, round_)}{unit.name} báo cáo {subject[:1].lower()}{subject[1:]} như sau:")
        )
    narratives = rd.narratives(db, [report.id]) if report else {}
    elements = rd.elements(db)
    by_code = {e.code: e for e in elements.values()}
    cell: dict[tuple[str, str], str] = {}
    for v in rd.values(db, [report.id]) if report else []:
        element = elements.get(v.element_id)
        if element:
            cell[(element.code, v.dimension)] = value_text(element, v.number, v.text)
    level = unit.school_level.value if unit.school_level else None
    for line, shown_number, table_spec in _sections(rd.template_outline(db, round_.template_id), level):
        body.append(heading_block(shown_number, line.heading, line.depth))
        text = narratives.get((report.id, line.id), "") if report else ""
        body += text_blocks(text)
        table = data_table(table_spec, by_code, cell) if table_spec else None
        if table is not None:
            body.append(table)
    return PrintDocument(header, subject, body, kind="unit-report")


def round_basis(db: Database, round_: rd.PrintedRound) -> str:
    """``Thực hiện Kế hoạch số …/KH-UBND ngày … của …, `` when the round comes from a plan."""
    from services.plans.documents import get_document
    from services.printing.plan_data import round_document_id

    document_id = round_document_id(db, round_.id)
    if not document_id:
        return ""
    return f"Thực hiện {document_reference(get_document(db, document_id))}, "
