"""``main.py bench``: every benchmark of the project, each a ratio to the raw library.

Each capability keeps its benchmarks beside its code in a module with
``run_benchmarks(quick: bool) -> dict``; this module lists them and adds the
foundation's own (search over many units against a raw sqlite3 query).
"""

from __future__ import annotations

import importlib
import inspect
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models import OrgUnit
from models.enums import SchoolLevel, UnitKind
from services.accounts.office import init_office
from services.accounts.orgunits import UnitQuery
from services.accounts.permissions import SYSTEM
from services.core.paging import PageRequest
from services.core.uow import UnitOfWork

BENCH_MODULES = [
    "services.bench.tasks",
    "services.bench.sync",
    "services.bench.printing",
    "services.bench.reporting",
]
_WORDS = ["An", "Bình", "Phước", "Tân", "Thạnh", "Đông", "Hòa", "Phú", "Trung", "Lập", "Nhuận", "Đức", "Mỹ"]


def _seconds(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def unit_search_benchmark(units: int = 100_000) -> dict[str, Any]:
    """Diacritic-insensitive search through the service vs the same LIKE in raw sqlite3."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        db = init_office(
            str(path), code="BENCH", name="Phòng GD Bench", kind="district", admin_password="Bench-2026"
        )
        try:
            rows = (
                {
                    "code": f"S{i:06d}",
                    "name": f"Trường Tiểu học {_WORDS[i % len(_WORDS)]} {_WORDS[(i // 13) % len(_WORDS)]} {i}",
                    "kind": UnitKind.SCHOOL,
                    "school_level": SchoolLevel.TH,
                }
                for i in range(units)
            )
            start = time.perf_counter()
            with UnitOfWork(db, SYSTEM) as uow:
                uow.insert_many(OrgUnit, rows)
            insert_s = time.perf_counter() - start
            query = UnitQuery(db)
            request = PageRequest(text="phuoc duc", limit=200)

            def service() -> None:
                query.count(request)
                query.fetch(request)

            raw = sqlite3.connect(path)

            def raw_sql() -> None:
                like = ("%phuoc%", "%duc%")
                where = "deleted = 0 AND active = 1 AND search_key LIKE ? AND search_key LIKE ?"
                raw.execute(f"SELECT count(*) FROM org_units WHERE {where}", like).fetchone()
                raw.execute(
                    f"SELECT id, code, name FROM org_units WHERE {where} ORDER BY sort_key, id LIMIT 200",
                    like,
                ).fetchall()

            service_times, raw_times = [], []
            for _ in range(5):  # in turn, so the machine's load falls on both alike
                service_times.append(_seconds(service))
                raw_times.append(_seconds(raw_sql))
            service_s, raw_s = statistics.median(service_times), statistics.median(raw_times)
            raw.close()
        finally:
            db.dispose()
    return {
        "units": units,
        "insert_rows_per_s": round(units / insert_s),
        "search_ms": round(service_s * 1000, 1),
        "search_ms_range": [round(min(service_times) * 1000, 1), round(max(service_times) * 1000, 1)],
        "raw_sqlite_search_ms": round(raw_s * 1000, 1),
        "ratio_raw_over_service": round(raw_s / service_s, 2),
        "goal": "search_ms < 100",
    }


_RAW_TASKS = """
import sqlite3, sys, json
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT a.id, t.title, u.name, a.due_on, a.status, a.percent FROM assignments a "
                 "JOIN tasks t ON t.id = a.task_id JOIN org_units u ON u.id = a.unit_id "
                 "WHERE a.deleted = 0 ORDER BY a.due_on, a.id LIMIT 200").fetchall()
print(json.dumps(rows)[:0])
"""


def cli_start_benchmark(repeat: int = 5) -> dict[str, Any]:
    """Whole processes, in turn: ``python -c pass``, ``main.py --version``, ``main.py tasks`` and a raw
    sqlite3 script printing the same first page; the CLI's overhead is ``tasks`` minus the raw script."""
    import subprocess
    import sys

    from services.demo.district import build_demo

    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "demo.sqlite")
        build_demo(db, schools=5)
        commands = {
            "python_pass": [sys.executable, "-c", "pass"],
            "version": [sys.executable, "main.py", "--version"],
            "tasks": [sys.executable, "main.py", "--db", db, "tasks", "--json"],
            "raw_sqlite_script": [sys.executable, "-c", _RAW_TASKS, db],
        }
        # As on a user's PC: Python keeps its compiled modules (a first, untimed run writes them)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}  # steadier than wall time on a busy PC
        for run in range(repeat + 1):
            for name, argv in commands.items():
                start, used = time.perf_counter(), _children_cpu()
                subprocess.run(argv, cwd=root, env=env, capture_output=True, check=True)
                if run:
                    times[name].append(time.perf_counter() - start)
                    cpu[name].append(_children_cpu() - used)
    medians = {name: statistics.median(t) for name, t in times.items()}
    result: dict[str, Any] = {
        f"{name}_s": {"median": round(m, 3), "min": round(min(times[name]), 3), "max": round(max(times[name]), 3)}
        for name, m in medians.items()
    }
    cpu_medians = {name: statistics.median(t) for name, t in cpu.items()}
    result["cpu_s"] = {name: round(m, 3) for name, m in cpu_medians.items()}
    result["tasks_over_raw_script_cpu_s"] = round(cpu_medians["tasks"] - cpu_medians["raw_sqlite_script"], 3)
    result["version_over_python_s"] = round(medians["version"] - medians["python_pass"], 3)
    result["tasks_over_raw_script_s"] = round(medians["tasks"] - medians["raw_sqlite_script"], 3)
    result["goal"] = "tasks_over_raw_script_s < 0.5"
    return result


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _takes_schools(module: Any) -> bool:
    return "schools" in inspect.signature(module.run_benchmarks).parameters


def run_all(quick: bool = False, schools: int | None = None) -> dict[str, Any]:
    """Every benchmark; ``schools`` sets the district's size where a benchmark has one (1,000: DESIGN §6).

    GUI figures are added by the command (ui/commands/bench.py): services never start Qt.
    """
    import sys

    results: dict[str, Any] = {"foundation.unit_search": unit_search_benchmark(20_000 if quick else 100_000)}
    if not getattr(sys, "frozen", False):  # a frozen build has no interpreter to start
        results["foundation.cli_start"] = cli_start_benchmark(3 if quick else 5)
    for name in BENCH_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        options = {"schools": schools} if schools and _takes_schools(module) else {}
        results[name.removeprefix("services.").removesuffix(".bench")] = module.run_benchmarks(quick=quick, **options)
    return results
