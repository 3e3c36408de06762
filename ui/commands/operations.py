"""Safe operations: check, backup, restore."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from models.errors import ValidationError
from ui.cli import EXIT_REFUSED, Command, emit, open_db


def _configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help="kiểm tra nhanh (quick_check, không băm tệp)")


def cmd_check(args: argparse.Namespace) -> int:
    from services.operations.integrity import check_database

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


PASSPHRASE_ENV = "EDUDESK_BACKUP_PASSPHRASE"


def _configure_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, type=Path, help="tệp sao lưu mới (ví dụ trên USB)")
    p.add_argument("--without-key", action="store_true", help="không đưa khóa đơn vị vào bản sao lưu")


def _ask_passphrase(confirm: bool) -> str | None:
    """From EDUDESK_BACKUP_PASSPHRASE, else asked at a terminal; None when nobody can be asked."""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass("Mật khẩu sao lưu (bảo vệ khóa đơn vị): ")
    if confirm and getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise ValidationError("Hai lần nhập mật khẩu không khớp.", "The two passphrases differ.")
    return first


def cmd_backup(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.operations.backup import backup_to

    db = open_db(args)
    try:  # an office on a server keeps its key in its database: the dump holds it, no passphrase
        passphrase = None if args.without_key or not db.is_sqlite else _ask_passphrase(confirm=True)
        verified = backup_to(db, SYSTEM, args.out, passphrase=passphrase)
    finally:
        db.dispose()
    data = {"out": str(verified.path), "office": verified.office_code, "revision": verified.revision,
            "key": verified.key, "key_note": verified.key_note, "evidence_files": verified.evidence}  # fmt: skip
    text = (f"Đã sao lưu {verified.office_name} vào {verified.path} (đã kiểm tra): cơ sở dữ liệu, "
            f"{verified.evidence} tệp minh chứng")  # fmt: skip
    text += ", khóa đơn vị (đã mã hóa bằng mật khẩu)." if verified.key == "included" else "."
    if verified.key_note:
        text += f"\nLưu ý: {verified.key_note}"
        if not args.without_key and verified.key == "omitted" and verified.kind == "archive":
            text += f" Đặt {PASSPHRASE_ENV} hoặc chạy ở cửa sổ lệnh để được hỏi mật khẩu."
    emit(args, data, text)
    return 0


def _configure_clock(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repair", action="store_true", help="đưa đồng hồ đã chạy trước về giờ thật")


def cmd_clock(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
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
    p.add_argument("--other-office", action="store_true",
                   help="cho phép thay bằng bản sao lưu của một đơn vị khác")  # fmt: skip




def cmd_restore(args: argparse.Namespace) -> int:
    from services.operations.backup import RESTORED_KEY_LABELS, restore_office
    from services.operations.server_backup import KEEP_BEFORE_RESTORE

    outcome = restore_office(args.db, args.source, passphrase=lambda: _ask_passphrase(confirm=False),
                             other_office=args.other_office)  # fmt: skip
    verified, kept = outcome.verified, outcome.kept
    data = {
        "restored_from": str(verified.path),
        "office": verified.office_code,
        "previous_kept_as": str(kept or ""),
        "evidence_written": outcome.evidence_written,
        "key": outcome.key,
        "dropped": list(outcome.dropped),
    }
    text = f"Đã khôi phục {verified.office_name} từ {verified.path}."
    if kept:
        where = "trên máy chủ với tên" if verified.kind == "pgdump" else "tại"
        text += f" Cơ sở dữ liệu cũ được giữ {where} {kept}."
    if verified.kind == "archive":
        text += f"\n{outcome.evidence_written} tệp minh chứng được ghi. {RESTORED_KEY_LABELS[outcome.key]}"
    elif verified.kind == "pgdump":
        text += f"\nCó {outcome.evidence_written} tệp minh chứng trong cơ sở dữ liệu. {RESTORED_KEY_LABELS[outcome.key]}"
    if outcome.dropped:
        text += (f"\nĐã xóa {len(outcome.dropped)} cơ sở dữ liệu cũ hơn do các lần khôi phục trước để lại "
                 f"(chỉ giữ {KEEP_BEFORE_RESTORE} bản mới nhất): {', '.join(outcome.dropped)}.")  # fmt: skip
    emit(args, data, text)
    return 0


COMMANDS: dict[str, Command] = {
    "check": Command(cmd_check, _configure_check, "kiểm tra toàn vẹn dữ liệu và minh chứng"),
    "backup": Command(cmd_backup, _configure_backup, "sao lưu trực tuyến ra một tệp"),
    "clock": Command(cmd_clock, _configure_clock, "xem và sửa đồng hồ đồng bộ đã chạy trước giờ thật"),
    "restore": Command(cmd_restore, _configure_restore, "khôi phục từ tệp sao lưu (đã kiểm tra)"),
}
