"""Units: import-units (a district's schools from an Excel list) and its template."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli import Command, emit, open_db


def _configure_import_units(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, nargs="?", help="tệp .xlsx: một dòng mỗi đơn vị (xem --template)")
    p.add_argument("--template", type=Path, metavar="OUT", help="ghi tệp mẫu .xlsx rồi dừng")


def cmd_import_units(args: argparse.Namespace) -> int:
    from services.accounts.permissions import SYSTEM
    from services.accounts.unit_import import import_units, write_template
    from ui.cli import CliError

    if args.template:
        path = write_template(args.template)
        emit(args, {"template": str(path)}, f"Đã ghi tệp mẫu {path}.")
        return 0
    if args.file is None:
        raise CliError("Cần tệp .xlsx (hoặc --template OUT).", "An .xlsx file is needed (or --template OUT).")
    db = open_db(args)
    try:
        result = import_units(db, SYSTEM, args.file)
    finally:
        db.dispose()
    data = {"units": result.units, "communes": result.communes, "codes": result.codes}
    text = f"Đã thêm {result.units} đơn vị"
    text += f" và {result.communes} xã/phường." if result.communes else "."
    emit(args, data, text)
    return 0


COMMANDS: dict[str, Command] = {
    "import-units": Command(
        cmd_import_units, _configure_import_units, "nhập danh sách trường từ tệp Excel (tất cả hoặc không)"
    ),
}
