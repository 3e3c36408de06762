"""Kind ``assignments``: who leads and who supports each task of a plan, with deadlines.

A Thông báo whose appendix (landscape) is the assignment table: one row per task, the lead
and support units (schools counted by level when there are many) and the due dates.
"""

from __future__ import annotations

from models.db import Database
from models.enums import AssignmentRole
from services.plans.documents import get_document
from services.printing import plan_data
from services.printing.common import (
    ReportOptions,
    date_text,
    document_reference,
    office_header,
    office_name,
    unit_summary,
)
from services.printing.model import Appendix, Block, Column, PrintDocument, TableBlock


def _due(dates: set) -> str:
    known = sorted(d for d in dates if d)
    if not known:
        return ""
    if len(known) == 1:
        return date_text(known[0])
    if len(known) <= 3:
        return "; ".join(date_text(d) for d in known)
    return f"{date_text(known[0])} – {date_text(known[-1])} ({len(known)} hạn)"


def assignment_rows(db: Database, document_id: str) -> list[list[str]]:
    tasks = plan_data.tasks(db, document_id)
    by_task: dict[str, dict[AssignmentRole, dict[str, tuple]]] = {}
    dues: dict[str, set] = {}
    for a in plan_data.assignments(db, document_id):
        units = by_task.setdefault(a.task_id, {AssignmentRole.LEAD: {}, AssignmentRole.SUPPORT: {}})
        units[a.role].setdefault(a.unit_name, (a.unit_name, a.unit_kind, a.school_level))
        dues.setdefault(a.task_id, set()).add(a.due_on)
    rows = []
    for index, task in enumerate(tasks, start=1):
        units = by_task.get(task.id, {AssignmentRole.LEAD: {}, AssignmentRole.SUPPORT: {}})
        lead = unit_summary(list(units[AssignmentRole.LEAD].values()))
        support = unit_summary(list(units[AssignmentRole.SUPPORT].values()))
        due = _due(dues.get(task.id, set())) or date_text(task.deadline)
        rows.append([str(index), task.full_title, lead or "Chưa giao", support, due])
    return rows


def build(db: Database, options: ReportOptions) -> PrintDocument:
    doc = get_document(db, options.document_id or plan_data.latest_document_id(db))
    header = office_header(db, "TB", options, audience="units")
    rows = assignment_rows(db, doc.id)
    given = sum(1 for r in rows if r[2] != "Chưa giao")
    reference = document_reference(doc)
    body: list[Block | TableBlock] = [
        Block(
            f"Thực hiện {reference} về {doc.title[:1].lower() + doc.title[1:]}, "
            f"{office_name(db)} thông báo phân công "
            f"nhiệm vụ cho các đơn vị như sau:"
        ),
        Block(
            f"Văn bản có {len(rows)} nhiệm vụ, trong đó {given} nhiệm vụ đã giao cho đơn vị chủ trì; "
            "chi tiết đơn vị chủ trì, đơn vị phối hợp và thời hạn tại Phụ lục kèm theo."
        ),
        Block(
            "Thủ trưởng các đơn vị được giao chủ trì chịu trách nhiệm tổ chức thực hiện, phối hợp với các "
            "đơn vị liên quan và báo cáo kết quả đúng thời hạn./."
        ),
    ]
    columns = [
        Column("STT", 1.5, "center"),
        Column("Nhiệm vụ", 11),
        Column("Đơn vị chủ trì", 6.5),
        Column("Đơn vị phối hợp", 5.5),
        Column("Thời hạn", 3.2, "center"),
    ]
    appendix = Appendix(
        "PHỤ LỤC",
        "BẢNG PHÂN CÔNG NHIỆM VỤ",
        blocks=[TableBlock(columns, rows, font_size=11, empty_text="Văn bản chưa có nhiệm vụ.")],
    )
    subject = f"Phân công thực hiện nhiệm vụ theo {reference}"
    return PrintDocument(header, subject, body, [appendix], kind="assignments")
