"""Safe operations: check, backup, restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli import EXIT_REFUSED, Command, emit, open_db


def _configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help="kiểm tra nhanh (quick_check, không băm tệp)")


def cmd_check(args: argparse.Namespace) -> int:
    from services.integrity import check_database

    db = open_db(args)
    try:
        report = check_database(db, quick=args.quick)
    finally:
        db.dispose()
    lines = ["Cơ sở dữ liệu nguyên vẹn." if report.ok else "PHÁT HIỆN LỖI:"]
    lines += [f"  - {p}" for p in report.problems]
    lines += [f"  (cảnh báo) {w}" for w in report.warnings]
    lines += [f"  {k}: {v}" for k, v in report.figures.items()]
    emit(args, report.as_dict(), "\n".join(lines))
    return 0 if report.ok else EXIT_REFUSED


def _configure_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, type=Path, help="tệp sao lưu mới (ví dụ trên USB)")


def cmd_backup(args: argparse.Namespace) -> int:
    from services.backup import backup_to
    from services.permissions import SYSTEM

    db = open_db(args)
    try:
        verified = backup_to(db, SYSTEM, args.out)
    finally:
        db.dispose()
    data = {"out": str(verified.path), "office": verified.office_code, "revision": verified.revision}
    emit(args, data, f"Đã sao lưu {verified.office_name} vào {verified.path} (đã kiểm tra).")
    return 0


def _configure_clock(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repair", action="store_true", help="đưa đồng hồ đã chạy trước về giờ thật")


def cmd_clock(args: argparse.Namespace) -> int:
    from services.permissions import SYSTEM
    from services.sync.clock import clock_state, repair_clock

    db = open_db(args)
    try:
        state = repair_clock(db, SYSTEM) if args.repair else clock_state(db)
    finally:
        db.dispose()
    minutes = state.ahead_ms / 60_000
    text = (f"Đồng hồ đồng bộ chạy trước giờ thật {minutes:.0f} phút; hãy chỉnh giờ máy rồi chạy «clock --repair»."
            if state.ran_ahead else f"Đồng hồ đồng bộ khớp giờ thật (trước {minutes:.1f} phút).")  # fmt: skip
    emit(args, state.as_dict(), text)
    return EXIT_REFUSED if state.ran_ahead else 0


def _configure_restore(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", type=Path, help="tệp sao lưu cần khôi phục")


def cmd_restore(args: argparse.Namespace) -> int:
    from services.backup import restore

    verified, kept = restore(args.db, args.source)
    data = {
        "restored_from": str(verified.path),
        "office": verified.office_code,
        "previous_kept_as": str(kept or ""),
    }
    text = f"Đã khôi phục {verified.office_name} từ {verified.path}."
    if kept:
        text += f" Cơ sở dữ liệu cũ được giữ tại {kept}."
    emit(args, data, text)
    return 0


COMMANDS: dict[str, Command] = {
    "check": Command(cmd_check, _configure_check, "kiểm tra toàn vẹn dữ liệu và minh chứng"),
    "backup": Command(cmd_backup, _configure_backup, "sao lưu trực tuyến ra một tệp"),
    "clock": Command(cmd_clock, _configure_clock, "xem và sửa đồng hồ đồng bộ đã chạy trước giờ thật"),
    "restore": Command(cmd_restore, _configure_restore, "khôi phục từ tệp sao lưu (đã kiểm tra)"),
}
