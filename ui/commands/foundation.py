"""Foundation commands: init, demo, dump, selftest."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from ui.cli import EXIT_REFUSED, EXIT_USAGE, CliError, Command, emit, open_db

# --- init ---------------------------------------------------------------------------


def _configure_init(p: argparse.ArgumentParser) -> None:
    p.add_argument("--office-code")
    p.add_argument("--office-name")
    p.add_argument("--kind", choices=["province", "district", "school"])
    p.add_argument("--setup-bundle", type=Path, help="tạo từ gói khởi tạo của đơn vị cấp trên")
    p.add_argument("--code", help="mã khởi tạo 16 ký tự đơn vị cấp trên đọc cho (cùng với --setup-bundle)")
    p.add_argument("--parent-code", default="")
    p.add_argument("--parent-name", default="")
    p.add_argument("--admin-username", default="admin")


def admin_password() -> str:
    password = os.environ.get("EDUDESK_ADMIN_PASSWORD")
    if password:
        return password
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(
            "Cần mật khẩu quản trị: đặt biến EDUDESK_ADMIN_PASSWORD hoặc chạy trong cửa sổ lệnh.",
            "An admin password is needed: set EDUDESK_ADMIN_PASSWORD or run in a terminal.",
        )
    first = getpass.getpass("Mật khẩu quản trị: ")
    if first != getpass.getpass("Nhập lại mật khẩu: "):
        raise CliError("Hai lần nhập mật khẩu không khớp.", "The two passwords differ.")
    return first


def cmd_init(args: argparse.Namespace) -> int:
    from services.accounts.office import init_office

    if args.setup_bundle:
        from ui.commands.sync import cmd_init_setup

        return cmd_init_setup(args)
    if not (args.office_code and args.office_name and args.kind):
        # The same one-line usage error argparse gives for a missing required option.
        sys.stderr.write("edudesk init: lỗi cú pháp: cần --office-code, --office-name và --kind "
                         "(hoặc --setup-bundle)\n")  # fmt: skip
        return EXIT_USAGE

    db = init_office(
        args.db,
        code=args.office_code,
        name=args.office_name,
        kind=args.kind,
        admin_password=admin_password(),
        parent_code=args.parent_code,
        parent_name=args.parent_name,
        admin_username=args.admin_username,
    )
    data = {"database": db.describe(), "office_code": args.office_code, "admin": args.admin_username}
    emit(
        args,
        data,
        f"Đã tạo cơ sở dữ liệu {db.describe()} cho đơn vị {args.office_code} - {args.office_name}.",
    )
    db.dispose()
    return 0


# --- dump ---------------------------------------------------------------------------


def _configure_dump(p: argparse.ArgumentParser) -> None:
    p.add_argument("--table", action="append", help="chỉ những bảng này (lặp lại được)")


def cmd_dump(args: argparse.Namespace) -> int:
    from services.sync.dump import dump_json

    db = open_db(args)
    try:
        sys.stdout.write(dump_json(db, args.table))
    finally:
        db.dispose()
    return 0


# --- demo ---------------------------------------------------------------------------


def _configure_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("--schools", type=int, default=40, help="số trường (1–1000, mặc định 40)")
    p.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)")
    p.add_argument("--tasks", type=int, default=0,
                   help="số nhiệm vụ thêm giao cho mọi trường (0–200; --schools 1000 --tasks 80 ≈ 100.000 việc)")  # fmt: skip


def cmd_demo(args: argparse.Namespace) -> int:
    from services.demo.district import build_demo

    def progress(done: int, total: int, label: str) -> None:
        if not args.json:
            sys.stderr.write(f"\r[{done}/{total}] {label:<60}")
            sys.stderr.flush()

    summary = build_demo(args.db, schools=args.schools, seed=args.seed, progress=progress, tasks=args.tasks)
    if not args.json:
        sys.stderr.write("\n")
    lines = [f"Đã tạo huyện mẫu trong {summary['seconds']:.1f} giây:"]
    lines += [f"  {key}: {value}" for key, value in summary["counts"].items()]
    lines.append(f"Đăng nhập: {', '.join(summary['logins'])} (mật khẩu: {summary['password_hint']})")
    if "key_passphrase" in summary:
        lines.append(f"Khóa đồng bộ mã hóa trên máy chủ; mật khẩu khóa đơn vị: {summary['key_passphrase']} "
                     "(máy khác nhập một lần: «keys --unlock»)")  # fmt: skip
    emit(args, summary, "\n".join(lines))
    return 0


# --- selftest -----------------------------------------------------------------------


def _configure_selftest(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bare-runs", type=int, default=3, help="số lần đo cửa sổ PySide6 trống")


def cmd_selftest(args: argparse.Namespace) -> int:
    from ui.selftest import run_selftest

    result = run_selftest(args.db, bare_runs=args.bare_runs)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return 0 if result.get("ok") else EXIT_REFUSED


COMMANDS: dict[str, Command] = {
    "init": Command(cmd_init, _configure_init, "tạo cơ sở dữ liệu mới cho một đơn vị"),
    "demo": Command(cmd_demo, _configure_demo, "tạo huyện mẫu từ các kế hoạch mẫu"),
    "dump": Command(cmd_dump, _configure_dump, "in dữ liệu đồng bộ dạng JSON chuẩn"),
    "selftest": Command(cmd_selftest, _configure_selftest, "mở cửa sổ chính (ẩn), đi qua mọi trang"),
}
