"""The document register from the command line: ``register-in``, ``register-out``, ``registers``,
``issue KIND``, ``reprint``, ``handle``, ``handling`` and ``handled``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from ui.cli import CliError, Command, emit, open_db
from ui.commands.printing import _configure_report, _date, _unit_id


def _configure_in(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", type=Path, help="tệp văn bản đến (.docx, .pdf, .txt, bản quét …); "
                   "bỏ trống khi vào sổ văn bản giấy")  # fmt: skip
    p.add_argument("--subject", help="trích yếu (mặc định: đọc từ tệp)")
    p.add_argument("--agency", help="cơ quan ban hành (tác giả)")
    p.add_argument("--number", help="số, ký hiệu, ví dụ «123/KH-UBND»")
    p.add_argument("--doc-date", type=_date, help="ngày tháng văn bản")
    p.add_argument("--type", dest="doc_type", help="loại văn bản: KH, CT, CV, QĐ …")
    p.add_argument("--arrived", type=_date, help="ngày đến (mặc định: hôm nay)")
    p.add_argument("--urgency", default="", help="độ khẩn: khẩn, thượng khẩn, hỏa tốc")
    p.add_argument("--secret", default="", help="độ mật: mật, tối mật, tuyệt mật")
    p.add_argument("--sent-to", default="", help="đơn vị hoặc người nhận để giải quyết")
    p.add_argument("--for-user", default="", help="tài khoản cho ý kiến (mặc định: lãnh đạo)")
    p.add_argument("--note", default="", help="ghi chú")
    p.add_argument("--save-plan", action="store_true", help="đồng thời lưu thành kế hoạch (nhiệm vụ, giao việc)")


def cmd_in(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.register.incoming import IncomingInput, prefill_from_file, register_incoming

    db = open_db(args)
    try:
        data, warnings = IncomingInput(subject=""), []
        if args.file is not None:
            if not args.file.is_file():
                raise CliError("Không tìm thấy tệp.", "The file does not exist.", str(args.file))
            data, _plan = prefill_from_file(args.file)
            warnings = data.warnings
        for name, attr in (("subject", "subject"), ("agency", "agency"), ("number", "number_symbol"),
                           ("doc_date", "doc_date"), ("doc_type", "doc_type"), ("arrived", "arrived_on")):  # fmt: skip
            if getattr(args, name) is not None:
                setattr(data, attr, getattr(args, name))
        data.urgency, data.confidentiality = args.urgency, args.secret
        data.sent_to, data.for_user, data.note = args.sent_to, args.for_user, args.note
        if args.save_plan and args.file is None:
            raise CliError("--save-plan cần một tệp văn bản.", "--save-plan needs a file.", "--save-plan")
        row = register_incoming(db, SYSTEM, data, file=args.file, save_plan=args.save_plan)
    finally:
        db.dispose()
    emit(args, {**row.to_dict(), "warnings": warnings},
         f"Đã vào sổ văn bản đến số {row.number} ngày {row.arrived_on:%d/%m/%Y}: {row.subject}"
         + (f" ({row.number_symbol}, {row.agency})" if row.number_symbol or row.agency else "")
         + (f"\nLưu ý: {'; '.join(w.rstrip('.') for w in warnings)}." if warnings else ""))  # fmt: skip
    return 0


def _configure_out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--subject", default="", help="trích yếu nội dung văn bản đi")
    p.add_argument("--type", dest="doc_type", default="CV", help="loại văn bản: CV (công văn), BC, KH, QĐ, TB …")
    p.add_argument("--symbol", default="", help="ký hiệu sau số, ví dụ «BC-PGDĐT» (mặc định: theo loại)")
    p.add_argument("--date", type=_date, help="ngày văn bản (mặc định: hôm nay)")
    p.add_argument("--signer", default="", help="người ký")
    p.add_argument("--recipient", action="append", default=[], help="nơi nhận (lặp lại được)")
    p.add_argument("--archive", default="VT", help="đơn vị, người nhận bản lưu")
    p.add_argument("--copies", type=int, default=0, help="số lượng bản")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--reserve", action="store_true", help="giữ số cho văn bản đang trình ký")
    what.add_argument("--skip", metavar="LÝ_DO", help="bỏ số tiếp theo, ghi lý do (không dùng lại)")
    what.add_argument("--release", metavar="SỐ", help="bỏ một số đang giữ (cần --reason)")
    p.add_argument("--reason", default="", help="lý do bỏ số đang giữ")


def cmd_out(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.register.outgoing import OutgoingInput, find_outgoing, register_outgoing, reserve, skip

    data = OutgoingInput(subject=args.subject, doc_type=args.doc_type, symbol=args.symbol, doc_date=args.date,
                         signer=args.signer, recipients=args.recipient, archive=args.archive,
                         copies=args.copies)  # fmt: skip
    db = open_db(args)
    try:
        if args.reserve:
            row = reserve(db, SYSTEM, data)
        elif args.skip is not None:
            row = skip(db, SYSTEM, args.skip, data=data)
        elif args.release is not None:
            row = skip(db, SYSTEM, args.reason, entry_id=find_outgoing(db, args.release).id)
        else:
            row = register_outgoing(db, SYSTEM, data)
    finally:
        db.dispose()
    what = {"reserved": "Đã giữ số", "skipped": "Đã ghi bỏ số", "issued": "Đã vào sổ văn bản đi số"}[row.status]
    emit(args, row.to_dict(), f"{what} {row.number_symbol} ngày {row.doc_date:%d/%m/%Y}"
         + (f": {row.subject}" if row.subject else "") + (f" ({row.note})" if row.note else ""))  # fmt: skip
    return 0


def _configure_list(p: argparse.ArgumentParser) -> None:
    p.add_argument("--book", choices=["in", "out", "both"], default="both", help="sổ đến, sổ đi hoặc cả hai")
    p.add_argument("--from", dest="start", type=_date, help="từ ngày (mặc định: đầu năm nay)")
    p.add_argument("--to", dest="end", type=_date, help="đến ngày (mặc định: cuối năm)")
    p.add_argument("--text", default="", help="tìm không dấu theo số, trích yếu, cơ quan, ngày")
    p.add_argument("--out", type=Path, help="in sổ theo mẫu Phụ lục IV: .pdf, .docx hoặc .xlsx (một sổ)")
    p.add_argument("--waiting-for", help="chỉ văn bản đến chờ ý kiến của tài khoản này")


def _range(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    start = args.start or dt.date((args.end or today).year, 1, 1)
    return start, args.end or dt.date(start.year, 12, 31)


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}


def cmd_list(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.core.paging import PageRequest
    from services.register import books
    from services.register.incoming import IncomingQuery
    from services.register.outgoing import OutgoingQuery

    start, end = _range(args)
    db = open_db(args)
    try:
        if args.out is not None:
            if args.book == "both":
                raise CliError("Chọn một sổ để in: --book in hoặc --book out.", "Choose one book to print.",
                               "--book")  # fmt: skip
            book = (books.incoming_book if args.book == "in" else books.outgoing_book)(db, SYSTEM, start, end)
            count = books.save_book(book, args.out)
            emit(args, {"book": args.book, "out": str(args.out), "rows": len(book.rows), "pages": count},
                 f"Đã in {book.title.lower()} ({len(book.rows)} dòng) ra {args.out}.")  # fmt: skip
            return 0
        filters: dict[str, Any] = {"start": start, "end": end}
        data: dict[str, Any] = {"from": start.isoformat(), "to": end.isoformat()}
        lines = [f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"]
        if args.book in ("in", "both"):
            in_filters = {**filters, "waiting_for": args.waiting_for} if args.waiting_for else filters
            rows = IncomingQuery(db, SYSTEM).fetch(PageRequest(args.text, in_filters, "number", limit=1_000_000))
            data["incoming"] = [_plain(r) for r in rows]
            lines += ["", f"Sổ văn bản đến: {len(rows)} văn bản"]
            lines += [f"  {r['number']}  {r['arrived_on']:%d/%m/%Y}  {r['number_symbol'] or '-'}  "
                      f"{r['agency'] or '-'}: {r['subject'][:90]}  [{r['status']}]" for r in rows]  # fmt: skip
        if args.book in ("out", "both") and not args.waiting_for:
            rows = OutgoingQuery(db, SYSTEM).fetch(PageRequest(args.text, filters, "number_symbol",
                                                               limit=1_000_000))  # fmt: skip
            data["outgoing"] = [_plain(r) for r in rows]
            lines += ["", f"Sổ văn bản đi: {len(rows)} số"]
            lines += [f"  {r['number_symbol']}  {r['doc_date']:%d/%m/%Y}  {r['status_label']}: {r['subject'][:90]}"
                      for r in rows]  # fmt: skip
    finally:
        db.dispose()
    emit(args, data, "\n".join(lines))
    return 0


def _configure_issue(p: argparse.ArgumentParser) -> None:
    _configure_report(p)
    for action in p._actions:  # the issued PDF is kept in the register; a copy on disk is optional
        if action.dest == "out":
            action.required = False
            action.help = "bản sao PDF đã phát hành (tùy chọn; bản gốc lưu trong sổ)"
        if action.dest == "number":
            action.help = argparse.SUPPRESS  # the register gives the number
    p.add_argument("--reserved", help="phát hành vào số đang giữ này (ví dụ «05» hoặc «05/2024»)")
    p.add_argument("--copies", type=int, default=0, help="số lượng bản")


def cmd_issue(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.printing.common import ReportOptions
    from services.printing.header import HeaderOverrides
    from services.printing.plan_data import document_id_by_reference
    from services.printing.reporting_data import round_id_by_reference
    from services.register.outgoing import find_outgoing, issue_report, reprint

    if args.out is not None and args.out.suffix.lower() != ".pdf":
        raise CliError("Bản phát hành là tệp .pdf.", "The issued copy is a .pdf file.", str(args.out))
    if args.number:
        raise CliError("Số do sổ văn bản đi cấp; bỏ --number.", "The register gives the number.", "--number")
    db = open_db(args)
    try:
        options = ReportOptions(
            document_id=document_id_by_reference(db, args.document) if args.document else None,
            round_id=round_id_by_reference(db, args.round) if args.round else None,
            unit_id=_unit_id(db, args.unit), as_of=args.as_of,
            header=HeaderOverrides(date=args.date, place=args.place, parent_body=args.parent_body,
                                   issuing_body=args.issuing_body, signer_authority=args.authority,
                                   signer_title=args.signer_title, signer_name=args.signer,
                                   recipients=args.recipient, subject=args.subject),
        )  # fmt: skip
        reserved = find_outgoing(db, args.reserved).id if args.reserved else None
        row = issue_report(db, SYSTEM, args.kind, options, reserved_id=reserved, copies=args.copies, font=args.font)
        if args.out is not None:
            reprint(db, SYSTEM, row.id, args.out)
    finally:
        db.dispose()
    emit(args, {**row.to_dict(), "out": str(args.out) if args.out else None},
         f"Đã phát hành số {row.number_symbol} ngày {row.doc_date:%d/%m/%Y}: {row.subject}; "
         f"bản PDF lưu trong sổ (SHA-256 {row.pdf_sha256[:16]}…)" + (f", bản sao ở {args.out}" if args.out else "")
         + ".")  # fmt: skip
    return 0


def _configure_reprint(p: argparse.ArgumentParser) -> None:
    p.add_argument("number", help="số văn bản đi: «05» (năm nay), «05/2024» hoặc mã")
    p.add_argument("--out", type=Path, required=True, help="tệp .pdf")


def cmd_reprint(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.register.outgoing import find_outgoing, reprint

    db = open_db(args)
    try:
        row = reprint(db, SYSTEM, find_outgoing(db, args.number).id, args.out)
    finally:
        db.dispose()
    emit(args, {**row.to_dict(), "out": str(args.out)},
         f"Đã in lại đúng bản phát hành số {row.number_symbol} ra {args.out}.")  # fmt: skip
    return 0


def _configure_handle(p: argparse.ArgumentParser) -> None:
    p.add_argument("arrival", help="số đến: «05» (năm nay), «05/2024» hoặc mã")
    p.add_argument("--opinion", required=True, help="ý kiến chỉ đạo")
    p.add_argument("--lead", required=True, help="tài khoản chủ trì giải quyết")
    p.add_argument("--support", action="append", default=[], help="tài khoản phối hợp (lặp lại được)")
    p.add_argument("--deadline", type=_date, help="hạn giải quyết")
    p.add_argument("--out", type=Path, help="in phiếu giải quyết ra tệp .pdf")


def cmd_handle(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.register.books import slip_pdf
    from services.register.handling import direct
    from services.register.incoming import find_incoming

    db = open_db(args)
    try:
        slip = direct(db, SYSTEM, find_incoming(db, args.arrival).id, opinion=args.opinion, lead_user=args.lead,
                      supporters=args.support, deadline=args.deadline)  # fmt: skip
        if args.out is not None:
            slip_pdf(db, SYSTEM, slip, args.out)
    finally:
        db.dispose()
    emit(args, slip.to_dict(), f"Đã ghi phiếu giải quyết văn bản đến số {slip.arrival}: chủ trì {slip.lead_name}"
         + (f", hạn {slip.deadline:%d/%m/%Y}" if slip.deadline else "") + ".")  # fmt: skip
    return 0


def _configure_handling(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", required=True, help="tài khoản: việc giải quyết văn bản của người này")
    p.add_argument("--all", action="store_true", help="cả việc đã xong")


def _actor_of(db: Any, username: str) -> Any:
    from services.accounts.permissions import SYSTEM, Actor
    from services.accounts.users import list_users

    for user in list_users(db, SYSTEM):
        if user.username == username:
            return Actor(user.username, user.role, user.full_name, user.id, user.unit_id)
    raise CliError(f"Không có tài khoản «{username}».", f"No account «{username}».", "--user")


def cmd_handling(args: argparse.Namespace) -> int:
    from services.register.handling import my_handling

    today = dt.date.today()
    db = open_db(args)
    try:
        rows = my_handling(db, _actor_of(db, args.user), include_done=args.all)
    finally:
        db.dispose()
    lines = [f"Việc giải quyết văn bản của {args.user}: {len(rows)}"]
    for r in rows:
        when = f"hạn {r.deadline:%d/%m/%Y}" if r.deadline else "không hạn"
        late = " QUÁ HẠN" if r.overdue(today) else ""
        lines.append(f"  {r.arrival}  {when}{late}  {r.subject[:80]} — {r.opinion[:60]}")
    emit(args, [{**r.to_dict(), "overdue": r.overdue(today)} for r in rows], "\n".join(lines))
    return 0


def _configure_handled(p: argparse.ArgumentParser) -> None:
    p.add_argument("arrival", help="số đến của văn bản đã giải quyết")
    p.add_argument("--result", default="", help="kết quả giải quyết")


def cmd_handled(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.register.handling import finish, slips_of
    from services.register.incoming import find_incoming

    db = open_db(args)
    try:
        open_slips = [s for s in slips_of(db, find_incoming(db, args.arrival).id) if s.done_at is None]
        if not open_slips:
            raise CliError(f"Văn bản đến số {args.arrival} không có việc giải quyết đang mở.",
                           "No open handling for that arrival.", args.arrival)  # fmt: skip
        slip = finish(db, SYSTEM, open_slips[-1].id, args.result)
    finally:
        db.dispose()
    emit(args, slip.to_dict(), f"Đã ghi xong việc giải quyết văn bản đến số {slip.arrival}.")
    return 0


COMMANDS = {
    "register-in": Command(cmd_in, _configure_in, "vào sổ văn bản đến (tệp hoặc văn bản giấy)"),
    "register-out": Command(cmd_out, _configure_out, "vào sổ văn bản đi; giữ số, bỏ số"),
    "registers": Command(cmd_list, _configure_list, "xem, tìm và in sổ văn bản đến, đi (PDF, Word, Excel)"),
    "issue": Command(cmd_issue, _configure_issue, "phát hành một báo cáo: lấy số, in số vào văn bản, lưu bản PDF"),
    "reprint": Command(cmd_reprint, _configure_reprint, "in lại đúng bản PDF đã phát hành"),
    "handle": Command(cmd_handle, _configure_handle, "phiếu giải quyết văn bản đến: ý kiến, người chủ trì, hạn"),
    "handling": Command(cmd_handling, _configure_handling, "việc giải quyết văn bản của một người"),
    "handled": Command(cmd_handled, _configure_handled, "báo xong việc giải quyết văn bản đến"),
}
