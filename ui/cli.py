"""The command-line interface (DESIGN §5): part of the product, used by scripts and tests.

Exit code 0 on success; otherwise a one-line reason on stderr and a non-zero code
(1 for a refusal the user can fix, 2 for a usage error, 3 for an unexpected fault).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from models.errors import EduDeskError
from services.core.about import APP_NAME, VERSION

if TYPE_CHECKING:
    from models.db import Database

EXIT_REFUSED, EXIT_USAGE, EXIT_FAULT = 1, 2, 3


Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    handler: Handler
    configure: Callable[[argparse.ArgumentParser], None]
    help: str


# One module per capability, each with a COMMANDS dict; the order is the help's order.
COMMAND_MODULES = [
    "ui.commands.foundation",
    "ui.commands.operations",
    "ui.commands.units",
    "ui.commands.bench",
    "ui.commands.plans",
    "ui.commands.tasks",
    "ui.commands.reporting",
    "ui.commands.printing",
    "ui.commands.sync",
    "ui.commands.register",
]


def all_commands() -> dict[str, Command]:
    commands: dict[str, Command] = {}
    for name in COMMAND_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise  # a missing dependency inside the module is a real error
            continue  # a capability not built yet
        commands.update(module.COMMANDS)
    return commands


class CliError(EduDeskError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        sys.stderr.write(f"{self.prog}: lỗi cú pháp: {message}\n")
        sys.exit(EXIT_USAGE)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db", default=default, help="đường dẫn tệp hoặc URL SQLAlchemy (mặc định: EDUDESK_DB)"
    )
    parser.add_argument(
        "--as", dest="as_user", default=default, metavar="USER",
        help="tên người làm, ghi vào nhật ký thay đổi (mặc định: tài khoản hệ điều hành)",
    )  # fmt: skip
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="kết quả dạng JSON trên stdout",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="edudesk", description=f"{APP_NAME}: giao việc và báo cáo ngành giáo dục, ngoại tuyến."
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {VERSION}")
    _global_options(parser, suppress=False)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, spec in all_commands().items():
        command = sub.add_parser(name, parents=[common], help=spec.help)
        spec.configure(command)
        command.set_defaults(handler=spec.handler)
    return parser


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print ``data`` as JSON with ``--json``, else the human ``text``."""
    if args.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")
    else:
        sys.stdout.write(text.rstrip("\n") + "\n")


def open_db(args: argparse.Namespace) -> Database:
    from models.db import open_database

    return open_database(args.db)


def _start_logging(args: argparse.Namespace) -> logging.Logger:
    """Rotating log beside the database; secrets registered so they are masked."""
    from models.db import data_dir_for, resolve_url
    from services.core.applog import configure_logging, register_secret

    register_secret(os.environ.get("EDUDESK_ADMIN_PASSWORD"))
    logging.raiseExceptions = False  # a log that cannot be written (full disk) must not print tracebacks
    # A read-only folder must not stop the command; it just goes unlogged.
    with contextlib.suppress(OSError):
        configure_logging(data_dir_for(resolve_url(args.db)) / "logs")
    return logging.getLogger("edudesk.cli")


def run_cli(argv: list[str], *, own_process: bool = False) -> int:
    """Run one command; ``own_process`` when the process ends with it (main.py), not a caller's."""
    if not argv:
        from ui.app import run_gui

        return run_gui()
    if own_process:
        gc.disable()  # until the start's imports are done: see _started
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        _started(own_process)
        from ui.app import run_gui

        return run_gui(db_target=args.db)
    log = _start_logging(args)
    _name_the_clerk(args)
    _started(own_process)
    try:
        code = args.handler(args)
        log.info("lệnh %s xong, mã thoát %s", args.command, code)
        return code
    except EduDeskError as exc:
        log.warning("lệnh %s bị từ chối: %s", args.command, exc)
        sys.stderr.write(f"Lỗi: {exc}\n")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng theo yêu cầu.\n")
        return EXIT_REFUSED
    except Exception as exc:  # the one-line reason promised by DESIGN §5
        from models.db import disk_full

        full = disk_full(exc)
        if full is not None:
            log.warning("lệnh %s: ổ đĩa đầy: %s", args.command, exc)
            sys.stderr.write(f"Lỗi: {full}\n")
            return EXIT_REFUSED
        log.exception("lệnh %s lỗi không mong đợi", args.command)
        sys.stderr.write(f"Lỗi không mong đợi: {_one_line(exc)}\n")
        return EXIT_FAULT


def _started(own_process: bool) -> None:
    """SQLAlchemy and the mapped schema are some 75,000 objects that live as long as the process;
    collected while they are imported, and again at exit, they cost a command about 0.2 s of its
    0.6. So a command's own process imports them with the collector off, then freezes them (they are
    never scanned again) and collects the command's own garbage as usual. Not in a caller's process
    (the tests run commands in theirs): frozen objects are never freed."""
    if own_process:
        gc.freeze()
        gc.enable()


def _name_the_clerk(args: argparse.Namespace) -> None:
    """Every write of this command is audited with the clerk's name, not ``system``."""
    import getpass

    from services.accounts.permissions import act_as_cli_user

    name = getattr(args, "as_user", None)
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError):  # no user name in this environment: the system account
            name = "system"
    act_as_cli_user(name)


def _one_line(exc: Exception) -> str:
    """A database error without its SQL and parameters (those go to the log only)."""
    from services.core.uow import database_refusal

    if (plain := database_refusal(exc)) is not None:
        return plain
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}"
