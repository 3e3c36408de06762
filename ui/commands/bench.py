"""``main.py bench``: the benchmarks' figures as JSON."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any

from ui.cli import Command

# The window's figures (page open times, longest event-loop stall, GUI start against a bare
# PySide6 window) come from this module when it exists: ``run_gui_benchmarks(quick, schools)``.
GUI_BENCH_MODULE = "ui.gui_bench"


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help="dữ liệu nhỏ hơn, chạy nhanh hơn")
    p.add_argument("--schools", type=int, default=None,
                   help="số trường của huyện đo (1000: cỡ một huyện thật, lâu hơn)")  # fmt: skip
    p.add_argument("--no-gui", action="store_true", help="bỏ qua phần đo cửa sổ")


def _gui_figures(args: argparse.Namespace) -> dict[str, Any] | None:
    try:
        module = importlib.import_module(GUI_BENCH_MODULE)
    except ModuleNotFoundError:
        return None
    return module.run_gui_benchmarks(quick=args.quick, schools=args.schools)  # type: ignore[no-any-return]


def cmd_bench(args: argparse.Namespace) -> int:
    from services.benchmarks import run_all

    results = run_all(quick=args.quick, schools=args.schools)
    if not args.no_gui:
        gui = _gui_figures(args)
        if gui is not None:
            results["gui"] = gui
    sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    return 0


COMMANDS: dict[str, Command] = {
    "bench": Command(cmd_bench, _configure, "chạy các phép đo hiệu năng, in JSON")
}
