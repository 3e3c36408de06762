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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any, NoReturn

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


# One module per capability, each with a COMMANDS dict, and the names of its commands; the order is
# the help's order. The names are here so that a command line imports only its own command's module
# and builds only its parser (all of them cost a command ~15 ms); the help imports every module.
# tests/project/test_cli_index.py keeps the names those of the modules' COMMANDS.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "ui.commands.foundation": ("init", "demo", "dump", "selftest"),
    "ui.commands.operations": ("check", "backup", "clock", "restore"),
    "ui.commands.units": ("import-units",),
    "ui.commands.bench": ("bench",),
    "ui.commands.plans": ("import-plan",),
    "ui.commands.tasks": ("tasks", "assign", "progress"),
    "ui.commands.reporting": (
        "dashboard", "rounds", "indicators", "templates", "export-round-xlsx", "import-round-xlsx",
        "review-report", "targets",
    ),
    "ui.commands.printing": ("report", "export-xlsx"),
    "ui.commands.sync": ("setup-bundle", "export-bundle", "import-bundle", "peers", "conflicts", "keys"),
    "ui.commands.register": (
        "register-in", "register-out", "registers", "issue", "reprint", "handle", "handling", "handled",
    ),
}  # fmt: skip


def all_commands(modules: Iterable[str] = COMMAND_MODULES) -> dict[str, Command]:
    commands: dict[str, Command] = {}
    for name in modules:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise  # a missing dependency inside the module is a real error
            continue  # a capability not built yet
        commands.update(module.COMMANDS)
    return commands


def _one_command(name: str | None) -> dict[str, Command] | None:
    """Only the command ``name`` (its module alone imported), or None when it is not one of them."""
    module = next((m for m, names in COMMAND_MODULES.items() if name in names), None)
    if module is None or name is None:
        return None
    spec = all_commands([module]).get(name)
    return {name: spec} if spec is not None else None


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


class _Unsure(Exception):
    pass


class _Probe(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Unsure(message)


def named_command(argv: list[str]) -> str | None:
    """The command ``argv`` names, read as the whole parser reads it (global options before it, and
    their abbreviations); None when there is none, or when the whole parser must answer: --help,
    --version, an unknown option or a missing value before the command."""
    probe = _Probe(add_help=False)
    _global_options(probe, suppress=False)
    probe.add_argument("command", nargs="?")
    probe.add_argument("rest", nargs=argparse.REMAINDER)
    try:
        found, unknown = probe.parse_known_args(argv)
    except _Unsure:
        return None
    return None if unknown else found.command


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser; with ``command`` (a command's name) that command's alone, which is the
    same for the line that names it."""
    commands = _one_command(command) or all_commands()
    parser = _Parser(
        prog="edudesk", description=f"{APP_NAME}: giao việc và báo cáo ngành giáo dục, ngoại tuyến."
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {VERSION}")
    _global_options(parser, suppress=False)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, spec in commands.items():
        subparser = sub.add_parser(name, parents=[common], help=spec.help)
        spec.configure(subparser)
        subparser.set_defaults(handler=spec.handler)
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
    parser = build_parser(named_command(argv))
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
    """SQLAlchemy and the mapped schema are some 95,000 objects that live as long as the process;
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
