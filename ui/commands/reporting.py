"""Reports and indicators from the command line: dashboard, rounds, templates, Excel round trip."""

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


def _pct(value: float | None) -> str:
    from services.core.vietnamese import format_number

    return "—" if value is None else format_number(100 * value, 1) + "%"


def _pair(numerator: float | None, denominator: float | None) -> str:
    from services.core.vietnamese import format_number

    return "/".join("—" if x is None else format_number(x) for x in (numerator, denominator))


# --- dashboard ------------------------------------------------------------------------------


def _configure_dashboard(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as-of", type=_date, help="tính trễ hạn, quá hạn đến ngày này (mặc định hôm nay)")


def cmd_dashboard(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.core.vietnamese import format_date, format_number
    from services.reporting.dashboard import build_dashboard

    db = open_db(args)
    try:
        board = build_dashboard(db, SYSTEM, args.as_of)
    finally:
        db.dispose()
    lines = [f"Tổng quan đến ngày {format_date(board.as_of)}", "", "Kỳ báo cáo:"]
    for r in board.rounds:
        lines.append(
            f"  {r.name} (hạn {format_date(r.due)}): đã nhận {r.received}/{r.expected} "
            f"({_pct(r.completeness)}), đúng hạn {r.on_time} ({_pct(r.timeliness)})"
        )
    lines += ["", f"Việc được giao quá hạn: {format_number(board.overdue_assignments)}",
              f"Văn bản đến quá hạn giải quyết: {format_number(board.overdue_handling)}", "", "Chỉ tiêu:"]  # fmt: skip
    for f in board.indicators:
        value = (
            "—"
            if f.value is None
            else format_number(f.value, 1) + (f.unit if f.unit == "%" else f" {f.unit}")
        )
        target = "" if f.target is None else f"{f.comparator} {format_number(f.target, 1)}"
        met = {True: "đạt", False: "chưa đạt", None: "chưa có số liệu"}[f.met]
        lines.append(f"  [{f.levels or 'tất cả'}] {f.name}: {value} (chỉ tiêu {target}) — {met}")
    emit(args, board.to_dict(), "\n".join(lines))
    return 0


# --- rounds ---------------------------------------------------------------------------------


def _configure_rounds(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "round", nargs="?", help="kỳ báo cáo (mã, kỳ như «2023-2024 HK1» hoặc tên): danh sách đơn vị"
    )
    p.add_argument("--as-of", type=_date)
    p.add_argument(
        "--from-plan", metavar="DOCUMENT_ID", help="tạo các kỳ sơ kết, tổng kết từ hạn báo cáo của văn bản"
    )


def cmd_rounds(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.core.vietnamese import format_date
    from services.reporting.review import round_review
    from services.reporting.rounds import all_rounds, rounds_from_plan
    from services.reporting.templates import install_builtins

    db = open_db(args)
    try:
        if args.from_plan:
            install_builtins(db, SYSTEM)
            made = rounds_from_plan(db, SYSTEM, args.from_plan)
            emit(args, {"created": made}, f"Đã tạo {len(made)} kỳ báo cáo từ văn bản.")
            return 0
        if args.round:
            rnd, rows = round_review(db, args.round, args.as_of)
            data: Any = {
                "id": rnd.id, "name": rnd.name, "due": rnd.due_on.isoformat(),
                "units": [{"unit_code": r.unit_code, "unit_name": r.unit_name, "report_id": r.report_id,
                           "status": r.status.value, "on_time": r.on_time,
                           "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
                           "comment": r.reviewer_comment} for r in rows],
            }  # fmt: skip
            text = [f"{rnd.name} (hạn {format_date(rnd.due_on)}): {len(rows)} đơn vị"]
            text += [f"  {r.unit_code:10} {r.status_label:16} {r.unit_name}" for r in rows]
            emit(args, data, "\n".join(text))
            return 0
        rounds = all_rounds(db)
    finally:
        db.dispose()
    data = [
        {"id": r.id, "name": r.name, "period": r.period, "due": r.due_on.isoformat(),
         "template": r.template_code, "expected": r.expected}
        for r in rounds
    ]  # fmt: skip
    text = [f"{r.period:16} hạn {format_date(r.due_on)}  {r.expected:5} đơn vị  {r.name}" for r in rounds]
    emit(args, data, "\n".join(text) or "Chưa có kỳ báo cáo.")
    return 0


# --- indicators -----------------------------------------------------------------------------


def _configure_indicators(p: argparse.ArgumentParser) -> None:
    p.add_argument("--round", help="kỳ báo cáo (mặc định: mọi kỳ)")
    p.add_argument("--by", choices=["overall", "level", "commune"], default="overall")


def cmd_indicators(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.core.vietnamese import format_number
    from services.reporting.figures import indicator_figures_of

    db = open_db(args)
    try:
        figures = indicator_figures_of(db, SYSTEM, args.round, args.by)
    finally:
        db.dispose()
    text = []
    for f in figures:
        value = "—" if f.value is None else format_number(f.value, 1)
        text.append(
            f"{f.code:18} {f.group_label[:24]:24} {value:>8}  ({_pair(f.numerator, f.denominator)})  {f.name}"
        )
    emit(args, [f.to_dict() for f in figures], "\n".join(text) or "Chưa có chỉ tiêu.")
    return 0


# --- templates ------------------------------------------------------------------------------


def _configure_templates(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", default="list", choices=["list", "export", "import", "install"])
    p.add_argument("file", nargs="?", type=Path, help="tệp JSON (nhập)")
    p.add_argument("--code", help="mã đề cương (xuất: phiên bản mới nhất)")
    p.add_argument("--out", type=Path, help="tệp JSON (xuất)")


def cmd_templates(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.reporting import templates as t

    db = open_db(args)
    try:
        if args.action == "install":
            made = t.install_builtins(db, SYSTEM)
            emit(args, made, "\n".join(f"{m['code']} phiên bản {m['version']}: {m['name']}" for m in made))
        elif args.action == "import":
            if args.file is None:
                raise CliError("Cần tệp JSON để nhập.", "A JSON file is needed.")
            made = t.import_template(db, SYSTEM, args.file)
            emit(args, made, f"Đã nhập đề cương {made['code']} phiên bản {made['version']}.")
        elif args.action == "export":
            if not args.code or not args.out:
                raise CliError("Cần --code và --out.", "--code and --out are needed.")
            tpl_id = t.latest_template_id(db, args.code)
            if tpl_id is None:
                raise CliError(f"Không có đề cương mã {args.code}.", f"No template {args.code}.", args.code)
            t.export_template(db, tpl_id, args.out)
            emit(args, {"out": str(args.out)}, f"Đã xuất đề cương ra {args.out}.")
        else:
            rows = t.list_templates(db)
            emit(args, rows, "\n".join(f"{r['code']:20} v{r['version']}  {r['name']}" for r in rows)
                 or "Chưa có đề cương.")  # fmt: skip
    finally:
        db.dispose()
    return 0


# --- Excel round trip -----------------------------------------------------------------------


def _configure_export_round(p: argparse.ArgumentParser) -> None:
    p.add_argument("round", help="kỳ báo cáo (mã, kỳ hoặc tên)")
    p.add_argument("--out-dir", type=Path, required=True)
    p.add_argument("--unit", action="append", default=[], help="mã đơn vị (mặc định: mọi đơn vị của kỳ)")


def cmd_export_round(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.reporting.excel import export_round_workbooks

    db = open_db(args)
    try:
        paths = export_round_workbooks(db, SYSTEM, args.round, args.out_dir, unit_codes=args.unit)
    finally:
        db.dispose()
    emit(args, {"files": [str(p) for p in paths]}, f"Đã xuất {len(paths)} tệp vào {args.out_dir}.")
    return 0


def _configure_import_round(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, help="các tệp .xlsx đã điền")
    p.add_argument("--submit", action="store_true", help="gửi báo cáo sau khi nhập")
    p.add_argument("--round", help="chỉ nhận biểu mẫu của kỳ báo cáo này (mã, kỳ hoặc tên)")


def cmd_import_round(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.reporting.excel import import_workbooks

    db = open_db(args)
    try:
        round_id = None
        if args.round:
            from services.reporting.rounds import round_ref

            round_id = round_ref(db, args.round).id
        results = import_workbooks(db, SYSTEM, args.files, submit=args.submit, round_id=round_id)
    finally:
        db.dispose()
    data = [r.to_dict() for r in results]
    lines = [r.line() for r in results]
    emit(args, data, "\n".join(lines))
    refused = sum(not r.ok for r in results)
    if refused:
        raise CliError(
            f"{refused}/{len(results)} tệp bị từ chối, không nhập phần nào của các tệp đó.",
            f"{refused} of {len(results)} files refused; nothing of them was imported.",
        )
    return 0


# --- one unit's report: submit, review, history -------------------------------------------------


def _configure_review(p: argparse.ArgumentParser) -> None:
    p.add_argument("round", help="kỳ báo cáo (mã, kỳ hoặc tên)")
    p.add_argument("unit", help="mã đơn vị")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--submit", action="store_true", help="gửi báo cáo (thay đơn vị)")
    group.add_argument("--accept", action="store_true", help="duyệt báo cáo")
    group.add_argument(
        "--return", dest="send_back", action="store_true", help="trả lại báo cáo (cần --comment)"
    )
    p.add_argument("--comment", default="")


def cmd_review(args: argparse.Namespace) -> int:
    from services.accounts.orgunits import find_by_code
    from services.accounts.permissions import SYSTEM
    from services.core.vietnamese import format_date
    from services.reporting.entry import load_form, submit_report
    from services.reporting.review import accept_report, report_history, return_report
    from services.reporting.rounds import round_ref

    db = open_db(args)
    try:
        unit = find_by_code(db, args.unit)
        if unit is None:
            raise CliError(f"Không có đơn vị mã {args.unit}.", f"No unit with code {args.unit}.", args.unit)
        round_id = round_ref(db, args.round).id
        if args.submit:
            submit_report(db, SYSTEM, round_id, unit.id)
        form = load_form(db, round_id, unit.id)
        if (args.accept or args.send_back) and form.report_id is None:
            raise CliError("Đơn vị chưa có báo cáo trong kỳ này.", "The unit has no report in this round.")
        if args.accept:
            accept_report(db, SYSTEM, form.report_id, args.comment)
        elif args.send_back:
            return_report(db, SYSTEM, form.report_id, args.comment)
        form = load_form(db, round_id, unit.id)
        steps = report_history(db, form.report_id) if form.report_id else []
    finally:
        db.dispose()
    data = {
        "round": form.round_name, "unit_code": form.unit_code, "report_id": form.report_id,
        "status": form.shown.value, "on_time": form.on_time, "comment": form.reviewer_comment,
        "history": [{"at": h.at.isoformat(), "action": h.action, "actor": h.actor, "comment": h.comment}
                    for h in steps],
    }  # fmt: skip
    lines = [f"{form.unit_name} — {form.round_name}: {form.shown.value}"]
    lines += [f"  {format_date(h.at.date())} {h.label}: {h.actor} {h.comment}".rstrip() for h in steps]
    emit(args, data, "\n".join(lines))
    return 0


def _configure_targets(p: argparse.ArgumentParser) -> None:
    p.add_argument("document", help="mã (id) văn bản đã nhập")
    p.add_argument("--make", type=int, metavar="N", help="tạo chỉ tiêu từ mục tiêu số N (từ 1)")
    p.add_argument("--code", default="", help="mã chỉ tiêu mới")


def cmd_targets(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.reporting.indicators import create_indicator_from_target, plan_targets

    db = open_db(args)
    try:
        if args.make:
            made = create_indicator_from_target(db, SYSTEM, args.document, args.make - 1, code=args.code)
            emit(args, {"indicator_id": made}, "Đã tạo chỉ tiêu từ mục tiêu của văn bản.")
            return 0
        targets = plan_targets(db, args.document)
    finally:
        db.dispose()
    text = [f"{n:3}. [{t.level or 'tất cả'}] {t.comparator} {t.value:g}{t.unit} — {t.hint}" for n, t in
            enumerate(targets, start=1)]  # fmt: skip
    emit(args, [t.to_dict() for t in targets], "\n".join(text) or "Văn bản không nêu mục tiêu định lượng.")
    return 0


COMMANDS = {
    "dashboard": Command(
        cmd_dashboard, _configure_dashboard, "tổng quan: kỳ báo cáo, việc quá hạn, chỉ tiêu"
    ),
    "rounds": Command(cmd_rounds, _configure_rounds, "kỳ báo cáo; tình trạng báo cáo của các đơn vị"),
    "indicators": Command(cmd_indicators, _configure_indicators, "giá trị chỉ tiêu theo kỳ, cấp học, xã"),
    "templates": Command(cmd_templates, _configure_templates, "đề cương báo cáo: liệt kê, xuất, nhập JSON"),
    "export-round-xlsx": Command(
        cmd_export_round, _configure_export_round, "xuất biểu mẫu Excel của kỳ báo cáo"
    ),
    "import-round-xlsx": Command(
        cmd_import_round, _configure_import_round, "nhập các biểu mẫu Excel đã điền"
    ),
    "review-report": Command(cmd_review, _configure_review, "gửi, duyệt, trả lại báo cáo; lịch sử báo cáo"),
    "targets": Command(
        cmd_targets, _configure_targets, "mục tiêu định lượng của văn bản; tạo chỉ tiêu từ đó"
    ),
}
