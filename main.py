"""EduDesk entry point: no sub-command starts the GUI, a sub-command runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    _keep_compiled_modules()
    gui, db = _gui_request(args)
    if gui:
        from ui.app import run_gui

        return run_gui(db)
    from ui.cli import run_cli

    return run_cli(args, own_process=True)


def _gui_request(args: list[str]) -> tuple[bool, str | None]:
    """The GUI is asked for by no arguments, or by the database option alone."""
    if not args:
        return True, None
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0].removeprefix("--db=")
    if len(args) == 2 and args[0] == "--db":
        return True, args[1]
    return False, None


def _keep_compiled_modules() -> None:
    """Run from source where writing bytecode is forbidden (PYTHONDONTWRITEBYTECODE, common on
    servers and in containers), every command would compile SQLAlchemy and EduDesk again, about a
    second each time; their compiled modules go to the user's cache folder instead, outside the tree.
    The frozen application carries its own compiled modules."""
    if getattr(sys, "frozen", False) or not sys.dont_write_bytecode or sys.pycache_prefix:
        return
    import platformdirs

    from services.core.about import APP_NAME

    sys.pycache_prefix = str(platformdirs.user_cache_path(APP_NAME, appauthor=False) / "pycache")
    sys.dont_write_bytecode = False


if __name__ == "__main__":
    sys.exit(main())
