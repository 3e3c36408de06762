"""Printouts from the command line: ``report KIND --out F.pdf|F.docx`` and ``export-xlsx VIEW``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from ui.cli import CliError, Command, emit, open_db

_KINDS = ["plan", "assignments", "progress", "unit-report", "synthesis", "indicators"]
_VIEWS = ["tasks", "assignments", "reports", "indicators", "units"]


def _date(text: str) -> dt.date:
    from services.core.vietnamese import parse_date

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        found = parse_date(text)
        if found is None:
            raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text}") from None
        return found


def _configure_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=_KINDS, help="loại báo cáo")
    p.add_argument("--out", type=Path, required=True, help="tệp .pdf hoặc .docx")
    p.add_argument("--document", help="văn bản: id, số/ký hiệu hoặc ký hiệu (mặc định: văn bản mới nhất)")
    p.add_argument("--round", help="kỳ báo cáo: id hoặc kỳ như «2023-2024 HK1» (mặc định: kỳ mới nhất)")
    p.add_argument("--unit", help="mã đơn vị (mặc định: đơn vị đầu tiên của kỳ)")
    p.add_argument("--number", help="số văn bản (để trống: văn thư ghi khi vào sổ)")
    p.add_argument("--date", type=_date, help="ngày ký (mặc định: hôm nay)")
    p.add_argument("--as-of", type=_date, help="tính quá hạn đến ngày này (mặc định: ngày ký)")
    p.add_argument("--subject", help="trích yếu (mặc định: dựng từ văn bản, kỳ báo cáo)")
    p.add_argument("--place", help="địa danh ở dòng ngày tháng (mặc định: theo thiết lập in)")
    p.add_argument("--parent-body", help="cơ quan chủ quản, chữ in hoa (mặc định: theo thiết lập in)")
    p.add_argument("--issuing-body", help="cơ quan ban hành, chữ in hoa (mặc định: theo thiết lập in)")
    p.add_argument("--authority", choices=["", "TM.", "KT.", "Q.", "TL.", "TUQ."],
                   help="thẩm quyền ký: TM., KT., Q. … (để trống: ký trực tiếp)")  # fmt: skip
    p.add_argument("--signer-title", help="chức vụ người ký, ví dụ «PHÓ TRƯỞNG PHÒNG»")
    p.add_argument("--signer", help="họ tên người ký")
    p.add_argument("--recipient", action="append", help="nơi nhận (lặp lại được; thay danh sách mặc định)")
    p.add_argument(
        "--font",
        choices=["liberation", "times"],
        default="liberation",
        help="phông chữ nhúng: Liberation Serif (kèm theo) hoặc Times New Roman của máy",
    )


def _unit_id(db: Any, code: str | None) -> str | None:
    from services.accounts.orgunits import find_by_code

    if not code:
        return None
    unit = find_by_code(db, code)
    if unit is None:
        raise CliError(f"Không có đơn vị mã {code}.", f"No unit with code {code}.", "--unit")
    return unit.id


def cmd_report(args: argparse.Namespace) -> int:
    from services.printing import build_report, save_report
    from services.printing.common import ReportOptions
    from services.printing.header import HeaderOverrides
    from services.printing.plan_data import document_id_by_reference
    from services.printing.reporting_data import round_id_by_reference

    db = open_db(args)
    try:
        options = ReportOptions(
            document_id=document_id_by_reference(db, args.document) if args.document else None,
            round_id=round_id_by_reference(db, args.round) if args.round else None,
            unit_id=_unit_id(db, args.unit),
            as_of=args.as_of,
            header=HeaderOverrides(
                number=args.number,
                date=args.date,
                place=args.place,
                parent_body=args.parent_body,
                issuing_body=args.issuing_body,
                signer_authority=args.authority,
                signer_title=args.signer_title,
                signer_name=args.signer,
                recipients=args.recipient,
                subject=args.subject,
            ),
        )
        doc = build_report(db, args.kind, options)
    finally:
        db.dispose()
    pages = save_report(doc, args.out, font=args.font)
    data = {
        "kind": args.kind,
        "out": str(args.out),
        "pages": pages,
        "rows": doc.row_count(),
        "title": f"{doc.type_name} {doc.subject}".strip(),
    }
    shown = f"{pages} trang, " if pages else ""
    from services.printing.fonts import TIMES, times_available

    if args.font == TIMES and not times_available():
        shown = "không có Times New Roman trên máy, đã dùng Liberation Serif; " + shown
    emit(
        args,
        data,
        f"Đã in {doc.type_name.lower() or 'văn bản'} «{doc.subject}» ra {args.out} ({shown}"
        f"{doc.row_count()} dòng bảng).",
    )
    return 0


def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("view", choices=_VIEWS, help="bảng cần xuất")
    p.add_argument("--out", type=Path, required=True, help="tệp .xlsx")
    p.add_argument("--text", default="", help="chỉ các dòng khớp (tìm không dấu)")


def cmd_export(args: argparse.Namespace) -> int:
    from services.printing.xlsx import export_view

    if args.out.suffix.lower() != ".xlsx":
        raise CliError("Tệp kết quả phải là .xlsx.", "The output file must be .xlsx.", str(args.out))
    db = open_db(args)
    try:
        count = export_view(db, args.view, args.out, text=args.text)
    finally:
        db.dispose()
    emit(
        args,
        {"view": args.view, "out": str(args.out), "rows": count},
        f"Đã xuất {count} dòng ({args.view}) ra {args.out}.",
    )
    return 0


COMMANDS = {
    "report": Command(
        cmd_report, _configure_report, "in báo cáo theo thể thức văn bản hành chính (PDF, Word)"
    ),
    "export-xlsx": Command(cmd_export, _configure_export, "xuất một bảng ra Excel (.xlsx)"),
}
