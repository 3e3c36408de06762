"""``main.py bench``: every benchmark of the project, each a ratio to the raw library.

Each capability keeps its benchmarks beside its code in a module with
``run_benchmarks(quick: bool) -> dict``; this module lists them and adds the
foundation's own (search over many units against a raw sqlite3 query).
"""

from __future__ import annotations

import importlib
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models import OrgUnit
from models.enums import SchoolLevel, UnitKind
from services.office import init_office
from services.orgunits import UnitQuery
from services.paging import PageRequest
from services.permissions import SYSTEM
from services.uow import UnitOfWork

BENCH_MODULES = [
    "services.task_bench",
    "services.sync.bench",
    "services.printing.bench",
    "services.reporting.bench",
]
_WORDS = ["An", "Bình", "Phước", "Tân", "Thạnh", "Đông", "Hòa", "Phú", "Trung", "Lập", "Nhuận", "Đức", "Mỹ"]


def _median_seconds(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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

            service_s, raw_s = _median_seconds(service), _median_seconds(raw_sql)
            raw.close()
        finally:
            db.dispose()
    return {
        "units": units,
        "insert_rows_per_s": round(units / insert_s),
        "search_ms": round(service_s * 1000, 1),
        "raw_sqlite_search_ms": round(raw_s * 1000, 1),
        "ratio_raw_over_service": round(raw_s / service_s, 2),
        "goal": "search_ms < 100",
    }


def run_all(quick: bool = False) -> dict[str, Any]:
    results: dict[str, Any] = {"foundation.unit_search": unit_search_benchmark(20_000 if quick else 100_000)}
    for name in BENCH_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        results[name.removeprefix("services.").removesuffix(".bench")] = module.run_benchmarks(quick=quick)
    return results
