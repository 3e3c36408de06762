"""``main.py bench``: the benchmarks' figures as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from ui.cli import Command


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help="dữ liệu nhỏ hơn, chạy nhanh hơn")


def cmd_bench(args: argparse.Namespace) -> int:
    from services.benchmarks import run_all

    sys.stdout.write(json.dumps(run_all(quick=args.quick), ensure_ascii=False, indent=1) + "\n")
    return 0


COMMANDS: dict[str, Command] = {
    "bench": Command(cmd_bench, _configure, "chạy các phép đo hiệu năng, in JSON")
}
