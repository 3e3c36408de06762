"""Sync benchmarks (``main.py bench``, tests/bench/test_sync.py): ratios to the raw libraries.

- import: rows/s of ``import_bundle`` (verify everything, back up, apply) against a raw
  ``sqlite3`` ``executemany`` of the same rows into the same schema in one transaction;
- export: rows/s of ``export_bundle`` against ``zipfile`` + ``json`` writing the same records;
- memory: peak resident memory (the child's own VmHWM) of a child process importing a
  bundle made mostly of evidence files, and one made of records (200 MB; less with ``quick``).

Both sides of a ratio do the same work, timed the same way, in turn and repeated (median
and range). The raw import side opens the zip and parses every JSON line inside its timer,
with the app's pragmas and foreign keys on.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models import Assignment, Document, OrgUnit, Task
from models.db import open_database
from models.enums import AssignmentRole, DocType, SchoolLevel, UnitKind
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.operations import backup
from services.plans.progress import add_progress
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from services.sync.records import TABLES
from services.sync.setup import create_setup_bundle, init_from_setup_bundle

PASSWORD = "Kiem-Tra-2026!"
ROOT = Path(__file__).resolve().parents[2]


def _offices(folder: Path) -> tuple[Any, Any]:
    district = init_office(str(folder / "d.sqlite"), code="PGD", name="Phòng Giáo dục và Đào tạo huyện Đo",
                           kind="district", admin_password=PASSWORD, parent_code="SGD")  # fmt: skip
    with UnitOfWork(district, SYSTEM) as uow:
        uow.session.add(OrgUnit(code="TH001", name="Trường Tiểu học Đo", kind=UnitKind.SCHOOL,
                                school_level=SchoolLevel.TH, parent_id=uow.office_id))  # fmt: skip
    code = create_setup_bundle(district, SYSTEM, "TH001", folder / "setup.edusync").code
    school = init_from_setup_bundle(str(folder / "s.sqlite"), folder / "setup.edusync", PASSWORD, code=code)
    return district, school


def _add_rows(district: Any, school_id: str, tasks: int) -> None:
    with UnitOfWork(district, SYSTEM) as uow:
        doc = Document(doc_type=DocType.KH, title="Kế hoạch đo tốc độ")
        uow.session.add(doc)
        uow.session.flush()
        ids = [uow.new_id() for _ in range(tasks)]
        uow.insert_many(
            Task,
            [
                {
                    "id": i,
                    "document_id": doc.id,
                    "title": f"Nhiệm vụ số {n} về chuyển đổi số",
                    "description": "Triển khai, kiểm tra, báo cáo kết quả.",
                }
                for n, i in enumerate(ids)
            ],
        )
        uow.insert_many(Assignment, [{"task_id": i, "unit_id": school_id, "role": AssignmentRole.LEAD,
                                      "due_on": dt.date(2026, 5, 31)} for i in ids])  # fmt: skip


def _raw_import(school_copy: Path, bundle: Path) -> float:
    """The same rows through zipfile, json and sqlite3 alone, timed from the zip file on.

    The app's pragmas (WAL, synchronous FULL, foreign keys ON), one transaction, one
    ``executemany`` per table of an insert-or-update by id (the school holds some rows).
    """
    conn = sqlite3.connect(school_copy)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    start = time.perf_counter()
    by_table: dict[str, list[dict[str, Any]]] = {}
    with zipfile.ZipFile(bundle) as zf, zf.open("records.jsonl") as stream:
        for line in stream:
            record = json.loads(line)
            by_table.setdefault(record["table"], []).append(record)
    with conn:
        for table, rows in by_table.items():
            local = list(getattr(TABLES[table].model, "__local_columns__", ()))  # search keys: left empty
            cols = ["id", "rev", "origin", "deleted", *rows[0]["fields"], *local]
            names = ", ".join(f'"{c}"' for c in cols)
            sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols[1:])
            sql = (f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in cols)}) '
                   f"ON CONFLICT(id) DO UPDATE SET {sets}")  # fmt: skip
            blanks = ("",) * len(local)
            conn.executemany(sql, [(r["id"], r["rev"], r["origin"], r["deleted"], *r["fields"].values(), *blanks)
                                   for r in rows])  # fmt: skip
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def _raw_export(district_path: Path, out: Path) -> float:
    """zipfile + json writing the same records read with sqlite3 (one SELECT per table)."""
    start = time.perf_counter()
    conn = sqlite3.connect(district_path)
    conn.row_factory = sqlite3.Row
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("records.jsonl", "w") as dst:
        for table in ("org_units", "documents", "sections", "tasks", "assignments"):
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY id'):
                values = dict(row)
                for key in getattr(TABLES[table].model, "__local_columns__", ()):
                    values.pop(key, None)
                dst.write((json.dumps({"table": table, "id": values.pop("id"), "rev": values.pop("rev"),
                                       "origin": values.pop("origin"), "deleted": bool(values.pop("deleted")),
                                       "fields": values}, ensure_ascii=False, separators=(",", ":"))
                           + "\n").encode())  # fmt: skip
    conn.close()
    return time.perf_counter() - start


def spread(times: list[float]) -> dict[str, float]:
    """Median and range of repeated timings, in seconds."""
    return {"median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4),
            "max_s": round(max(times), 4), "runs": len(times)}  # fmt: skip


def interleaved(
    service: Callable[[int], float], raw: Callable[[int], float], repeat: int
) -> tuple[list[float], list[float]]:
    """Both sides in turn (service, raw, service, raw …), so load on the machine hits both alike."""
    mine, theirs = [], []
    for n in range(repeat):
        mine.append(service(n))
        theirs.append(raw(n))
    return mine, theirs


def speed_benchmark(tasks: int, repeat: int = 3) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="edudesk-sync-bench-"))
    try:
        district, school = _offices(folder)
        with school.session() as session:
            school_id = session.scalars(select(OrgUnit.id).where(OrgUnit.code == "TH001")).one()
        _add_rows(district, school_id, tasks)
        school.dispose()
        bundle = folder / "b0.edusync"
        results: list[Any] = []

        def export(n: int) -> float:
            start = time.perf_counter()
            results.append(export_bundle(district, SYSTEM, "TH001", folder / f"b{n}.edusync"))
            return time.perf_counter() - start

        export_s, raw_export_s = interleaved(export, lambda n: _raw_export(district.path, folder / f"raw{n}.zip"),
                                             repeat)  # fmt: skip
        rows = results[0].records
        imported: list[Any] = []

        def service_import(n: int) -> float:
            copy = folder / f"s{n}.sqlite"
            shutil.copy(folder / "s.sqlite", copy)
            db = open_database(str(copy))
            start = time.perf_counter()
            # the day's automatic copy is taken once before the first import: timed apart below
            imported.append(import_bundle(db, SYSTEM, bundle, take_backup=False))
            elapsed = time.perf_counter() - start
            db.dispose()
            return elapsed

        def raw_import(n: int) -> float:
            copy = folder / f"raw{n}.sqlite"
            shutil.copy(folder / "s.sqlite", copy)
            return _raw_import(copy, bundle)

        import_s, raw_s = interleaved(service_import, raw_import, repeat)
        db = open_database(str(folder / "s.sqlite"))
        start = time.perf_counter()
        backup.automatic_backup(db, "do-toc-do")
        backup_s = time.perf_counter() - start
        db.dispose()
        district.dispose()
        applied = imported[0].applied
        return {
            "rows": rows,
            "applied": applied,
            "import": spread(import_s),
            "raw_import": spread(raw_s),
            "import_rows_per_s": round(applied / statistics.median(import_s)),
            "raw_sqlite_rows_per_s": round(rows / statistics.median(raw_s)),
            "import_ratio": round(statistics.median(raw_s) / statistics.median(import_s), 3),
            "daily_backup_s": round(backup_s, 3),
            "export": spread(export_s),
            "raw_export": spread(raw_export_s),
            "export_rows_per_s": round(rows / statistics.median(export_s)),
            "raw_zip_json_rows_per_s": round(rows / statistics.median(raw_export_s)),
            "export_ratio": round(statistics.median(raw_export_s) / statistics.median(export_s), 3),
            "raw_side": "zip + json per line + executemany upsert, WAL, synchronous FULL, foreign keys ON, "
            "inside the timer",
            "goal": ">= 0.5 for both ratios",
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_CHILD = """
import sys
from pathlib import Path
from models.db import open_database
from services.accounts.permissions import SYSTEM
from services.sync.apply import import_bundle
db = open_database(sys.argv[1])
result = import_bundle(db, SYSTEM, Path(sys.argv[2]))
with open("/proc/self/status") as status:  # the child's own peak (ru_maxrss carries the parent's)
    peak_kb = next(line.split()[1] for line in status if line.startswith("VmHWM"))
print(result.ok, peak_kb)
"""


def _child_peak(db_path: Path, bundle: Path) -> tuple[bool, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(db_path), str(bundle)], cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                         check=True)  # fmt: skip
    ok, peak_kb = out.stdout.split()
    return ok == "True", round(int(peak_kb) / 1024, 1)


def memory_benchmark(megabytes: int) -> dict[str, Any]:
    """A school's bundle carrying ``megabytes`` of evidence, imported by the district in a child."""
    folder = Path(tempfile.mkdtemp(prefix="edudesk-sync-mem-"))
    try:
        district, school = _offices(folder)
        with school.session() as session:
            school_id = session.scalars(select(OrgUnit.id).where(OrgUnit.code == "TH001")).one()
        _add_rows(district, school_id, 5)
        school.dispose()
        school = open_database(str(folder / "s.sqlite"))
        import_bundle(school, SYSTEM, _resend(district, folder))
        with school.session() as session:
            assignment = session.scalars(select(Assignment.id).where(Assignment.unit_id == school_id)).first()
        assert assignment is not None, "the district assigned the school its tasks"
        per_file = 20 * 1024 * 1024
        for n in range(max(1, megabytes * 1024 * 1024 // per_file)):
            add_progress(school, SYSTEM, assignment, status="in_progress", percent=min(99, n + 1),
                         files=[(f"anh-{n}.jpg", os.urandom(per_file))])  # fmt: skip
        bundle = export_bundle(school, SYSTEM, "PGD", folder / "up.edusync")
        district.dispose()
        school.dispose()
        ok, peak = _child_peak(folder / "d.sqlite", bundle.path)
        return {"bundle_mb": round(bundle.size / 1048576, 1), "imported": ok, "peak_rss_mb": peak,
                "measured": "VmHWM of the importing child", "goal_mb": 300}  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def records_memory_benchmark(megabytes: int) -> dict[str, Any]:
    """A district's bundle whose ``megabytes`` are records (long task texts), imported by the school."""
    folder = Path(tempfile.mkdtemp(prefix="edudesk-sync-recmem-"))
    try:
        district, school = _offices(folder)
        school.dispose()
        size = 12_000  # characters of a long task text; random, so the zip cannot pack it
        count = max(1, megabytes * 1024 * 1024 * 4 // (size * 3))  # base64 packs to 3/4 in the zip
        with UnitOfWork(district, SYSTEM) as uow:
            doc = Document(doc_type=DocType.KH, title="Kế hoạch có nhiều văn bản dài")
            uow.session.add(doc)
            uow.session.flush()
            uow.insert_many(Task, ({"document_id": doc.id, "title": f"Nhiệm vụ {n}",
                                    "description": base64.b64encode(os.urandom(size * 3 // 4)).decode()}
                                   for n in range(count)))  # fmt: skip
        bundle = export_bundle(district, SYSTEM, "TH001", folder / "down.edusync")
        district.dispose()
        ok, peak = _child_peak(folder / "s.sqlite", bundle.path)
        return {"bundle_mb": round(bundle.size / 1048576, 1), "records": bundle.records, "imported": ok,
                "peak_rss_mb": peak, "measured": "VmHWM of the importing child", "goal_mb": 300}  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _resend(district: Any, folder: Path) -> Path:
    return export_bundle(district, SYSTEM, "TH001", folder / "down.edusync").path


def run_benchmarks(quick: bool) -> dict[str, Any]:
    # The memory figure needs a fresh Python child; a frozen build has no interpreter to start.
    frozen = getattr(sys, "frozen", False)
    if frozen:
        return {"sync_speed": speed_benchmark(2_000 if quick else 20_000),
                "sync_memory": {"skipped": "frozen build"}}  # fmt: skip
    return {
        "sync_speed": speed_benchmark(2_000 if quick else 20_000),
        "sync_memory": memory_benchmark(20 if quick else 200),
        "sync_memory_records": records_memory_benchmark(10 if quick else 200),
    }
