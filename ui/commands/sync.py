"""Sync bundles from the command line: setup, export, import, peers, conflicts, keys."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from models.errors import EduDeskError
from ui.cli import EXIT_REFUSED, CliError, Command, emit, open_db


def _progress(args: argparse.Namespace) -> Any:
    def report(done: int, total: int, label: str) -> None:
        if not args.json and sys.stderr.isatty():
            sys.stderr.write(f"\r[{done}/{total}] {label:<40}")
            sys.stderr.flush()

    return report


def _export_text(result: Any) -> str:
    from services.core.vietnamese import format_number

    return (
        f"Đã ghi gói số {result.seq} cho {result.peer_code}: {format_number(result.records)} dòng, "
        f"{format_number(result.blobs)} tệp đính kèm, {format_number(result.size)} byte → {result.path}"
    )


def _export_data(result: Any) -> dict[str, Any]:
    return {
        "path": str(result.path), "peer": result.peer_code, "seq": result.seq, "records": result.records,
        "blobs": result.blobs, "bytes": result.size, "bundle_id": result.bundle_id, "tables": result.tables,
    }  # fmt: skip


# --- setup-bundle ----------------------------------------------------------------------


def _configure_setup(p: argparse.ArgumentParser) -> None:
    p.add_argument("--school", required=True, help="mã trường (hoặc mã phòng GD&ĐT, khi là Sở)")
    p.add_argument("--out", required=True, type=Path, help="tệp .edusync sẽ ghi")


def cmd_setup_bundle(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.sync.keys import own_key
    from services.sync.setup import create_setup_bundle

    db = open_db(args)
    try:
        result = create_setup_bundle(db, SYSTEM, args.school, args.out, progress=_progress(args))
        fingerprint = own_key(db).fingerprint
    finally:
        db.dispose()
    text = (
        _export_text(result) + f"\nDấu vân tay khóa của đơn vị gửi (đọc cho trường đối chiếu): {fingerprint}"
        f"\nMã khởi tạo (đọc cho trường qua điện thoại, không gửi kèm tệp): {result.code}"
    )
    emit(args, {**_export_data(result), "sender_fingerprint": fingerprint, "code": result.code}, text)
    return 0


# --- init --setup-bundle (called by ui/commands/foundation.py's init) -------------------


def cmd_init_setup(args: argparse.Namespace) -> int:
    """``init --setup-bundle F``: create this office's database from its setup bundle."""
    from services.sync.setup import describe_setup_bundle, init_from_setup_bundle
    from ui.commands.foundation import admin_password

    about = describe_setup_bundle(args.setup_bundle)
    code = _setup_code(args, about)
    db = init_from_setup_bundle(
        args.db, args.setup_bundle, admin_password(), admin_username=getattr(args, "admin_username", "admin"),
        code=code,
    )
    office, parent = about["office"], about["parent"]
    data = {"database": db.describe(), "office_code": office["code"], "parent_code": parent["code"],
            "parent_fingerprint": about["parent_fingerprint"], "records": about["records"]}  # fmt: skip
    emit(
        args,
        data,
        f"Đã tạo cơ sở dữ liệu {db.describe()} cho {office['code']} - {office['name']} "
        f"từ gói của {parent['code']} ({about['records']} dòng).\n"
        f"Hãy gọi điện cho {parent['name']} để đối chiếu dấu vân tay khóa: {about['parent_fingerprint']}",
    )
    db.dispose()
    return 0


def _setup_code(args: argparse.Namespace, about: dict[str, Any]) -> str:
    """``--code``, else ``EDUDESK_SETUP_CODE``, else asked in the terminal (the district reads it by phone)."""
    import getpass
    import os

    code = getattr(args, "code", None) or os.environ.get("EDUDESK_SETUP_CODE", "")
    if code:
        return str(code)
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(
            "Cần mã khởi tạo: thêm --code MÃ (16 ký tự Phòng GD&ĐT đọc cho qua điện thoại).",
            "The setup code is needed: add --code CODE (the 16 characters the district office reads to you).",
        )
    sys.stderr.write(f"Gói khởi tạo {about['office']['code']} - {about['office']['name']} "
                     f"do {about['parent']['name']} gửi.\n")  # fmt: skip
    return getpass.getpass("Mã khởi tạo (Phòng GD&ĐT đọc cho): ")


# --- export-bundle ---------------------------------------------------------------------


def _configure_export(p: argparse.ArgumentParser) -> None:
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", help="mã đơn vị nhận")
    target.add_argument("--all-children", type=Path, metavar="DIR", help="một gói cho mỗi đơn vị cấp dưới")
    p.add_argument("--out", type=Path, help="tệp .edusync sẽ ghi (cùng với --to)")


def cmd_export_bundle(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.sync.bundle import export_all_children, export_bundle

    if args.to and not args.out:
        raise CliError("Cần --out cùng với --to.", "--out is required with --to.")
    db = open_db(args)
    try:
        if args.to:
            results = [export_bundle(db, SYSTEM, args.to, args.out, progress=_progress(args))]
        else:
            results = export_all_children(db, SYSTEM, args.all_children, progress=_progress(args))
    finally:
        db.dispose()
    if args.all_children and not results:
        text = "Chưa có đơn vị cấp dưới nào được kết nối (hãy tạo gói khởi tạo trước)."
    else:
        text = "\n".join(_export_text(r) for r in results)
    data: Any = _export_data(results[0]) if args.to else {"bundles": [_export_data(r) for r in results]}
    emit(args, data, text)
    return 0


# --- import-bundle ---------------------------------------------------------------------


def _configure_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="các tệp .edusync")


def cmd_import_bundle(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.sync.apply import import_bundles

    db = open_db(args)
    try:
        results = import_bundles(db, SYSTEM, args.files, progress=_progress(args))
    finally:
        db.dispose()
    lines = [f"{'✓' if r.ok else '✗'} {r.path.name}: {r.message}" for r in results]
    emit(args, {"results": [r.as_dict() for r in results]}, "\n".join(lines))
    refused = [r for r in results if not r.ok]
    if refused:
        if len(results) == 1:
            raise CliError(f"Gói {refused[0].path.name} bị từ chối: {refused[0].message}")
        sys.stderr.write(f"Lỗi: {len(refused)}/{len(results)} gói bị từ chối.\n")
        return EXIT_REFUSED
    return 0


# --- peers -----------------------------------------------------------------------------


def _configure_peers(p: argparse.ArgumentParser) -> None:
    pass


def _when(value: Any) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else "—"


def cmd_peers(args: argparse.Namespace) -> int:
    from services.sync.conflicts import open_conflict_count
    from services.sync.keys import list_peers, own_key

    db = open_db(args)
    try:
        peers = list_peers(db)
        try:
            mine = own_key(db).fingerprint
        except EduDeskError:  # an office without a key yet still lists its peers
            mine = ""
        conflicts = open_conflict_count(db)
    finally:
        db.dispose()
    rows = [
        {"code": p.code, "name": p.name, "office_id": p.office_id, "fingerprint": p.fingerprint,
         "revoked": p.revoked, "last_sent_seq": p.last_sent_seq, "last_sent_at": p.last_sent_at,
         "last_received_seq": p.last_received_seq, "last_received_at": p.last_received_at,
         "acked_seq": p.acked_seq}
        for p in peers
    ]  # fmt: skip
    lines = [f"Khóa của đơn vị này: {mine or 'chưa có'}; xung đột chờ xử lý: {conflicts}"]
    lines += [
        f"{p.code} | {p.name} | gửi số {p.last_sent_seq} ({_when(p.last_sent_at)}) | nhận số "
        f"{p.last_received_seq} ({_when(p.last_received_at)}) | đã xác nhận {p.acked_seq} | {p.fingerprint}"
        + (" | ĐÃ THU HỒI" if p.revoked else "")
        for p in peers
    ]
    emit(args, {"fingerprint": mine, "open_conflicts": conflicts, "peers": rows}, "\n".join(lines))
    return 0


# --- conflicts -------------------------------------------------------------------------


def _configure_conflicts(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all", action="store_true", help="cả những xung đột đã xử lý")
    p.add_argument("--resolve", metavar="ID", help="xử lý một xung đột")
    p.add_argument(
        "--keep", choices=["winner", "loser"], default="winner", help="giữ bản nào (mặc định: bản thắng)"
    )


def cmd_conflicts(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.sync.conflicts import list_conflicts, resolve_conflict

    db = open_db(args)
    try:
        if args.resolve:
            resolve_conflict(db, SYSTEM, args.resolve, keep=args.keep)
            emit(args, {"resolved": args.resolve, "keep": args.keep}, f"Đã xử lý xung đột {args.resolve}.")
            return 0
        rows = list_conflicts(db, include_resolved=args.all)
    finally:
        db.dispose()
    lines = [f"{len(rows)} xung đột"] + [
        f"{c.id} | {c.table_name} {c.row_id} | {c.detected_at:%d/%m/%Y} | "
        + ("đã xử lý" if c.resolved_at else "chờ xử lý")
        + " | khác nhau: " + ", ".join(c.differences)
        for c in rows
    ]  # fmt: skip
    emit(args, {"conflicts": [c.as_dict() for c in rows]}, "\n".join(lines))
    return 0


# --- keys ------------------------------------------------------------------------------


def _configure_keys(p: argparse.ArgumentParser) -> None:
    p.add_argument("--revoke", metavar="CODE", help="thu hồi khóa của một đơn vị kết nối")
    p.add_argument("--replace", nargs=2, metavar=("CODE", "PUBLIC_KEY"), help="tin khóa mới của một đơn vị")
    p.add_argument(
        "--trust", nargs=2, metavar=("CODE", "PUBLIC_KEY"), help="thêm đơn vị kết nối với khóa này"
    )
    p.add_argument("--new-own-key", action="store_true", help="tạo cặp khóa mới cho đơn vị này")
    server = p.add_argument_group("đơn vị trên máy chủ (khóa mã hóa trong cơ sở dữ liệu)")
    server.add_argument("--unlock", action="store_true",
                        help="nhập mật khẩu khóa đơn vị một lần cho máy này (hỏi ở terminal, hoặc đọc một dòng stdin)")
    server.add_argument("--show-passphrase", action="store_true",
                        help="hiện mật khẩu khóa đơn vị của máy này, để nhập ở máy khác")
    server.add_argument("--protect", action="store_true", help="mã hóa khóa đơn vị do bản EduDesk cũ lưu dạng rõ")


def _typed_passphrase() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Mật khẩu khóa đơn vị (16 ký tự, ví dụ ABCD-EFGH-JKMN-PQRT): ")
    line = sys.stdin.readline().strip()
    if not line:
        raise CliError("Cần mật khẩu khóa đơn vị: nhập ở terminal hoặc đưa một dòng vào stdin.",
                       "The office key passphrase is needed: type it at a terminal or give one line on stdin.")  # fmt: skip
    return line


def cmd_keys(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.sync import keys, server_key

    db = open_db(args)
    shown = ""
    try:
        if args.unlock:
            server_key.unlock(db, SYSTEM, _typed_passphrase())
        if args.protect:
            shown = keys.protect_own_key(db, SYSTEM) or ""
        if args.revoke:
            keys.revoke_peer(db, SYSTEM, args.revoke)
        if args.replace:
            keys.replace_peer_key(db, SYSTEM, args.replace[0], args.replace[1])
        if args.trust:
            keys.trust_peer(db, SYSTEM, args.trust[0], args.trust[1])
        mine = keys.replace_own_key(db, SYSTEM) if args.new_own_key else keys.ensure_keypair(db)
        shown = mine.new_passphrase or shown
        if args.show_passphrase:
            shown = server_key.show_passphrase(db, SYSTEM)
        state = None if db.is_sqlite else server_key.state(db)
    finally:
        db.dispose()
    lines = [f"Khóa công khai: {mine.public_key}", f"Dấu vân tay: {mine.fingerprint}"]
    data: dict[str, Any] = {"public_key": mine.public_key, "fingerprint": mine.fingerprint}
    if state is not None:
        data.update(sealed=state.sealed, unlocked=state.unlocked)
        lines.append(_server_key_line(state))
    if shown:
        data["passphrase"] = shown
        lines.append(f"Mật khẩu khóa đơn vị: {shown} — ghi lại và giữ kín; mỗi máy khác dùng đơn vị này "
                     "nhập một lần («keys --unlock» hoặc nút «Mở khóa trên máy này…» ở trang Đồng bộ).")  # fmt: skip
    emit(args, data, "\n".join(lines))
    return 0


def _server_key_line(state: Any) -> str:
    if not state.sealed:
        return "Khóa trên máy chủ CHƯA được mã hóa: chạy «keys --protect»."
    if state.unlocked:
        return "Khóa trên máy chủ đã mã hóa; máy này đã mở khóa."
    return "Khóa trên máy chủ đã mã hóa; máy này CHƯA mở khóa: chạy «keys --unlock»."


COMMANDS: dict[str, Command] = {
    "setup-bundle": Command(cmd_setup_bundle, _configure_setup, "ghi gói khởi tạo cho một trường mới"),
    "export-bundle": Command(cmd_export_bundle, _configure_export, "ghi gói đồng bộ cho một đơn vị"),
    "import-bundle": Command(cmd_import_bundle, _configure_import, "kiểm tra và nhập các gói đồng bộ"),
    "peers": Command(cmd_peers, _configure_peers, "các đơn vị kết nối: đã gửi, đã nhận, đã xác nhận"),
    "conflicts": Command(cmd_conflicts, _configure_conflicts, "xung đột đồng bộ: xem và xử lý"),
    "keys": Command(cmd_keys, _configure_keys, "khóa đồng bộ: xem, thu hồi, thay khóa"),
}
