"""Tasks from the command line: list and filter assignments, assign, log progress."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from ui.cli import CliError, Command, emit, open_db


def _date(text: str) -> dt.date:
    from services.core.vietnamese import parse_date

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        found = parse_date(text)
        if found is None:
            raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text}") from None
        return found


def _unit_ids(db: Any, codes: list[str]) -> list[str]:
    from services.accounts.orgunits import find_by_code

    ids = []
    for code in codes:
        unit = find_by_code(db, code)
        if unit is None:
            raise CliError(f"Không có đơn vị mã {code}.", f"No unit with code {code}.", code)
        ids.append(unit.id)
    return ids


# --- tasks: the assignment list -------------------------------------------------------------


def _configure_list(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text", default="", help="tìm không dấu trong tên nhiệm vụ và tên đơn vị")
    p.add_argument(
        "--status", action="append", choices=["not_started", "in_progress", "done", "paused", "cancelled"]
    )
    p.add_argument("--unit", help="mã đơn vị")
    p.add_argument("--level", choices=["MN", "TH", "THCS", "THPT", "TH&THCS", "THCS&THPT", "GDNN-GDTX"])
    p.add_argument("--overdue", action="store_true", help="chỉ việc quá hạn")
    p.add_argument("--due-from", type=_date)
    p.add_argument("--due-to", type=_date)
    p.add_argument("--document", help="mã (id) văn bản")
    p.add_argument("--limit", type=int, default=50)


def cmd_tasks(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.core.paging import PageRequest
    from services.plans.views import AssignmentQuery

    db = open_db(args)
    try:
        filters: dict[str, Any] = {"status": args.status, "level": args.level, "due_from": args.due_from,
                                   "due_to": args.due_to, "document_id": args.document}  # fmt: skip
        if args.unit:
            filters["unit_id"] = _unit_ids(db, [args.unit])[0]
        if args.overdue:
            filters["overdue"] = True
        query = AssignmentQuery(db, SYSTEM)
        request = PageRequest(text=args.text, filters=filters, limit=max(1, args.limit))
        total, rows = query.count(request), query.fetch(request)
    finally:
        db.dispose()
    shown = [{c.key: c.display(row.get(c.key)) for c in query.columns} for row in rows]
    lines = [f"{total} việc được giao" + (f" (hiện {len(rows)})" if total > len(rows) else "")]
    lines += [
        " | ".join(s[k] for k in ("due_on", "status", "days_late", "unit_name", "task_title")) for s in shown
    ]
    data = {"total": total, "rows": [{k: _plain(v) for k, v in r.items()} for r in rows]}
    emit(args, data, "\n".join(lines))
    return 0


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return getattr(value, "value", value)


# --- assign -------------------------------------------------------------------------------------


def _configure_assign(p: argparse.ArgumentParser) -> None:
    p.add_argument("task", help="mã (id) nhiệm vụ")
    p.add_argument("--unit", action="append", default=[], help="mã đơn vị (lặp lại được)")
    p.add_argument("--group", action="append", default=[],
                   help="nhóm: school, school:THCS, commune, department (lặp lại được)")  # fmt: skip
    p.add_argument("--role", choices=["lead", "support"], default="lead")
    p.add_argument("--due", type=_date)
    p.add_argument("--recurrence", choices=["once", "monthly", "quarterly", "semester", "school_year"])
    p.add_argument("--school-year", default="")


def cmd_assign(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.plans.assignments import assign

    db = open_db(args)
    try:
        result = assign(db, SYSTEM, args.task, _unit_ids(db, args.unit), args.role, groups=args.group,
                        due_on=args.due, recurrence=args.recurrence, school_year=args.school_year)  # fmt: skip
    finally:
        db.dispose()
    data = {"created": result.created, "skipped": result.skipped, "ids": list(result.ids)}
    emit(args, data, f"Đã giao {result.created} việc; bỏ qua {result.skipped} việc đã có.")
    return 0


# --- progress -----------------------------------------------------------------------------------


def _configure_progress(p: argparse.ArgumentParser) -> None:
    p.add_argument("assignment", help="mã (id) việc được giao")
    p.add_argument("--status", required=True, choices=["not_started", "in_progress", "done", "paused"])
    p.add_argument("--percent", type=int, default=0)
    p.add_argument("--date", type=_date)
    p.add_argument("--note", default="")
    p.add_argument("--file", type=Path, action="append", default=[], help="tệp minh chứng (lặp lại được)")


def cmd_progress(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.plans.progress import add_progress

    db = open_db(args)
    try:
        row = add_progress(db, SYSTEM, args.assignment, status=args.status, percent=args.percent,
                           on_date=args.date, note=args.note, files=args.file)  # fmt: skip
    finally:
        db.dispose()
    data = {
        "id": row.id,
        "status": row.status.value,
        "percent": row.percent,
        "files": [f.filename for f in row.files],
    }
    emit(args, data, f"Đã cập nhật tiến độ {row.percent}% ({len(row.files)} tệp minh chứng).")
    return 0


COMMANDS = {
    "tasks": Command(cmd_tasks, _configure_list, "danh sách việc được giao, lọc và tìm không dấu"),
    "assign": Command(cmd_assign, _configure_assign, "giao nhiệm vụ cho đơn vị hoặc nhóm đơn vị"),
    "progress": Command(cmd_progress, _configure_progress, "cập nhật tiến độ kèm tệp minh chứng"),
}
