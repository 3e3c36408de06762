"""``main.py bench``: the benchmarks' figures as JSON (services against the raw libraries, then the window)."""

from __future__ import annotations

import argparse
import json
import sys

from ui.cli import Command


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help="dữ liệu nhỏ hơn, chạy nhanh hơn")
    p.add_argument("--schools", type=int, default=None,
                   help="số trường của huyện đo (1000: cỡ một huyện thật, lâu hơn)")  # fmt: skip
    p.add_argument("--gui", action="store_true",
                   help="chỉ đo cửa sổ (mở từng trang, tìm, duyệt; khởi động) trên --db hoặc huyện mẫu 1.000 trường")  # fmt: skip
    p.add_argument("--no-gui", action="store_true", help="bỏ qua phần đo cửa sổ")


def cmd_bench(args: argparse.Namespace) -> int:
    from services.bench.suite import run_all

    results = {} if args.gui else run_all(quick=args.quick, schools=args.schools)
    if not args.no_gui:
        from ui.bench_gui import run_gui_benchmarks

        results["gui"] = run_gui_benchmarks(getattr(args, "db", None), quick=args.quick)
    sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    return 0


COMMANDS: dict[str, Command] = {
    "bench": Command(cmd_bench, _configure, "chạy các phép đo hiệu năng, in JSON")
}
