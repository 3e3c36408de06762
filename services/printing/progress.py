"""Kind ``progress``: Báo cáo tiến độ thực hiện nhiệm vụ of one plan.

Body: the totals and one summary row per task. Appendix (landscape): per task, each unit
with its status, percent, days overdue (computed to the report's day) and latest note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.db import Database
from models.enums import AssignmentStatus
from models.labels import ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_STATUS_LABELS
from services.core.vietnamese import format_document_date
from services.plans.assignments import lateness
from services.plans.documents import get_document
from services.printing import plan_data
from services.printing.common import ReportOptions, document_reference, number, office_header, percent
from services.printing.model import Appendix, Block, Column, PrintDocument, TableBlock
from services.reporting.dashboard import overdue_by_task


@dataclass
class TaskFigures:
    given: int = 0
    done: int = 0
    doing: int = 0
    overdue: int = 0
    percent_sum: int = 0
    rows: list[list[str]] = field(default_factory=list)

    @property
    def average(self) -> float | None:
        return self.percent_sum / self.given if self.given else None


def collect(
    db: Database, document_id: str, today: dt.date
) -> tuple[list[plan_data.TaskLine], dict[str, TaskFigures]]:
    tasks = plan_data.tasks(db, document_id)
    notes = plan_data.latest_notes(db, document_id)
    figures: dict[str, TaskFigures] = {t.id: TaskFigures() for t in tasks}
    with db.session() as session:  # the overview's count, not one of its own
        overdue = overdue_by_task(session, today, document_id)
    for a in plan_data.assignments(db, document_id):
        f = figures.setdefault(a.task_id, TaskFigures())
        late = lateness(a.due_on, a.status, today)
        f.given += 1
        f.done += a.status == AssignmentStatus.DONE
        f.doing += a.status == AssignmentStatus.IN_PROGRESS
        f.percent_sum += a.percent
        unit = a.unit_name + (f" ({a.occurrence})" if a.occurrence else "")
        f.rows.append(
            [
                str(len(f.rows) + 1),
                unit,
                ASSIGNMENT_ROLE_LABELS[a.role],
                ASSIGNMENT_STATUS_LABELS[a.status],
                str(a.percent),
                number(late) if late else "",
                notes.get(a.id, ""),
            ]
        )
    for task_id, count in overdue.items():
        figures.setdefault(task_id, TaskFigures()).overdue = count
    return tasks, figures


def build(db: Database, options: ReportOptions) -> PrintDocument:
    doc = get_document(db, options.document_id or plan_data.latest_document_id(db))
    header = office_header(db, "BC", options)
    today = options.today()
    tasks, figures = collect(db, doc.id, today)
    reference = document_reference(doc)
    total = TaskFigures()
    for f in figures.values():
        total.given += f.given
        total.done += f.done
        total.doing += f.doing
        total.overdue += f.overdue
        total.percent_sum += f.percent_sum
    share = (lambda n: percent(100 * n / total.given)) if total.given else (lambda n: "0,0%")
    body: list[Block | TableBlock] = [
        Block(
            f"Thực hiện {reference} về {doc.title[:1].lower() + doc.title[1:]}; "
            f"tình hình thực hiện nhiệm vụ tính đến {format_document_date(today)} như sau:"
        ),
        Block("I. KẾT QUẢ CHUNG", "heading1"),
        Block(
            f"Văn bản có {len(tasks)} nhiệm vụ, giao {number(total.given)} lượt việc cho các đơn vị. "
            f"Đã hoàn thành {number(total.done)} ({share(total.done)}); đang thực hiện "
            f"{number(total.doing)} ({share(total.doing)}); quá hạn chưa hoàn thành {number(total.overdue)} "
            f"({share(total.overdue)}). Tiến độ bình quân {percent(total.average) or '0,0%'}."
        ),
        Block("II. TIẾN ĐỘ TỪNG NHIỆM VỤ", "heading1"),
        TableBlock(
            [
                Column("STT", 1.5, "center"),
                Column("Nhiệm vụ", 10),
                Column("Số đơn vị", 1.9, "right"),
                Column("Hoàn thành", 2.1, "right"),
                Column("Quá hạn", 1.9, "right"),
                Column("Tiến độ TB", 2.1, "right"),
            ],
            [
                [
                    str(i),
                    t.full_title,
                    number(figures[t.id].given),
                    number(figures[t.id].done),
                    number(figures[t.id].overdue),
                    percent(figures[t.id].average),
                ]
                for i, t in enumerate(tasks, start=1)
            ],
            font_size=12,
            empty_text="Văn bản chưa có nhiệm vụ.",
        ),
        Block("Chi tiết tiến độ của từng đơn vị tại Phụ lục kèm theo."),
    ]
    detail: list[Block | TableBlock] = []
    columns = [
        Column("STT", 1.5, "center"),
        Column("Đơn vị", 8),
        Column("Vai trò", 2.2, "center"),
        Column("Trạng thái", 3.2, "center"),
        Column("Tiến độ (%)", 2, "right"),
        Column("Quá hạn (ngày)", 2.2, "right"),
        Column("Ghi chú mới nhất", 9),
    ]
    for i, task in enumerate(tasks, start=1):
        detail.append(Block(f"{i}. {task.full_title}", "heading2"))
        detail.append(
            TableBlock(
                columns, figures[task.id].rows, font_size=11, empty_text="Nhiệm vụ chưa giao cho đơn vị nào."
            )
        )
    appendix = Appendix(
        "PHỤ LỤC",
        "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ",
        blocks=detail,
    )
    subject = f"Tiến độ thực hiện nhiệm vụ theo {reference}"
    return PrintDocument(header, subject, body, [appendix], kind="progress")
