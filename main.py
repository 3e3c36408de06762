"""EduDesk entry point: no arguments starts the GUI, a sub-command runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from ui.cli import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
