"""Plans and tasks: import-plan."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ui.cli import Command, emit, open_db

_ROLES = {"lead": "chủ trì", "support": "phối hợp"}


def _configure_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="kế hoạch, chỉ thị … dạng .txt, .docx hoặc .pdf")
    p.add_argument("--save", action="store_true", help="lưu văn bản, bố cục và nhiệm vụ vào cơ sở dữ liệu")
    p.add_argument("--text", action="store_true", help="kèm toàn văn đã chuẩn hóa trong kết quả JSON")


def cmd_import_plan(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.plan_import import parse_plan_file
    from services.plan_import.reviewed import save_reviewed_plan

    plan = parse_plan_file(args.file)
    data = plan.to_dict(include_text=args.text)
    lines = _summary(data)
    if args.save:
        db = open_db(args)
        try:
            stored = save_reviewed_plan(db, SYSTEM, plan)  # as the review dialog saves it
        finally:
            db.dispose()
        data["saved"] = {
            "document_id": stored.document_id,
            "sections": stored.sections,
            "tasks": stored.tasks,
            "assignments": stored.assignments,
            "targets": stored.targets,
        }
        lines.append(
            f"Đã lưu vào {db.describe()}: văn bản {stored.document_id}, {stored.sections} mục, "
            f"{stored.tasks} nhiệm vụ, {stored.assignments} việc giao, {stored.targets} chỉ tiêu."
        )
    emit(args, data, "\n".join(lines))
    return 0


def _summary(data: dict[str, Any]) -> list[str]:
    from services.core.vietnamese import format_date, format_number

    doc = data["document"]
    counts = data["counts"]
    number = (
        f"{doc['number']}/{doc['symbol']}"
        if doc["number"]
        else (f"…/{doc['symbol']}" if doc["symbol"] else "")
    )
    issued = _date(doc["issued_on"], format_date) or (
        f"năm {doc['issued_year']}" if doc["issued_year"] else ""
    )
    lines = [
        f"Tệp: {data['file']} ({data['format']}, {data['encoding']})",
        f"Văn bản: {doc['type_name'] or doc['type'] or '?'} {number} {issued}".rstrip(),
        f"Cơ quan ban hành: {doc['issuer'] or '?'}; nơi ban hành: {doc['place'] or '?'}",
        f"Trích yếu: {doc['title'] or '?'}",
    ]
    if doc["school_year"] or doc["period"]:
        lines.append(f"Năm học / giai đoạn: {doc['school_year'] or doc['period']}")
    signer = doc["signer"]
    lines.append(
        f"Căn cứ: {len(doc['basis'])} văn bản; nơi nhận: {len(doc['recipients'])}; người ký: "
        f"{' '.join(x for x in (signer['authority'], signer['title'], signer['name']) if x) or '?'}"
    )
    lines.append(
        f"Bố cục: {counts['sections']} mục; {counts['tasks']} nhiệm vụ; {counts['targets']} chỉ tiêu; "
        f"{counts['deadlines']} thời hạn; {counts['units']} đơn vị"
    )
    if data["tasks"]:
        lines.append("Nhiệm vụ:")
    for task in data["tasks"]:
        extra = [f"hạn {_date(task['deadline'], format_date)}"] if task["deadline"] else []
        extra += [f"{_ROLES[r['role']]}: {r['unit']}" for r in task["responsibilities"]]
        lines.append(
            f"  {task['section']:<8} {task['title'][:100]}" + (f"  [{'; '.join(extra)}]" if extra else "")
        )
    if data["targets"]:
        lines.append("Chỉ tiêu:")
    for target in data["targets"]:
        value = format_number(target["value"], 0 if float(target["value"]).is_integer() else 1)
        unit = "%" if target["unit"] == "%" else f" {target['unit']}"
        sign = {">=": "≥", "<=": "≤", "=": "="}[target["comparator"]]
        where = ", ".join(str(x) for x in (target["level"], target["year"] and f"năm {target['year']}") if x)
        lines.append(f"  {sign} {value}{unit}: {target['hint'][:80]}" + (f" ({where})" if where else ""))
    if data["deadlines"]:
        lines.append("Thời hạn:")
    for deadline in data["deadlines"]:
        lines.append(f"  {_date(deadline['date'], format_date)}  {deadline['text'][:100]}")
    if data["units"]:
        lines.append("Đơn vị được giao:")
    for unit in data["units"]:
        lines.append(f"  {unit['name']} ({', '.join(_ROLES[r] for r in unit['roles'])})")
    lines += [f"Lưu ý: {w}" for w in data["warnings"]]
    return lines


def _date(value: str | None, format_date: Any) -> str:
    import datetime as dt

    return format_date(dt.date.fromisoformat(value)) if value else ""


COMMANDS: dict[str, Command] = {
    "import-plan": Command(
        cmd_import_plan,
        _configure_import,
        "đọc kế hoạch/chỉ thị (.txt, .docx, .pdf), in cấu trúc; --save để lưu",
    ),
}
