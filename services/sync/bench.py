"""Sync benchmarks (``main.py bench``, tests/perf/test_sync_bench.py): ratios to the raw libraries.

- import: rows/s of ``import_bundle`` (verify everything, back up, apply) against a raw
  ``sqlite3`` ``executemany`` of the same rows into the same schema in one transaction;
- export: rows/s of ``export_bundle`` against ``zipfile`` + ``json`` writing the same records;
- memory: peak resident memory of a child process importing a bundle made mostly of
  evidence files (200 MB; 20 MB with ``quick``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models import Assignment, Document, OrgUnit, Task
from models.db import open_database
from models.enums import AssignmentRole, DocType, SchoolLevel, UnitKind
from services.office import init_office
from services.permissions import SYSTEM
from services.progress import add_progress
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from services.sync.records import TABLES
from services.sync.setup import create_setup_bundle, init_from_setup_bundle
from services.uow import UnitOfWork

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


def _raw_insert(schema_copy: Path, bundle: Path) -> float:
    """The same rows through sqlite3 alone: one transaction, one executemany per table."""
    with zipfile.ZipFile(bundle) as zf:
        records = [json.loads(line) for line in zf.read("records.jsonl").splitlines()]
    by_table: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_table.setdefault(r["table"], []).append(r)
    conn = sqlite3.connect(schema_copy)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=OFF")
    start = time.perf_counter()
    with conn:
        for table, rows in by_table.items():
            local = list(getattr(TABLES[table].model, "__local_columns__", ()))  # search keys: left empty
            cols = ["id", "rev", "origin", "deleted", *rows[0]["fields"], *local]
            sql = (f'INSERT OR REPLACE INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                   f"VALUES ({', '.join('?' for _ in cols)})")  # fmt: skip
            blanks = ("",) * len(local)
            conn.executemany(sql, [(r["id"], r["rev"], r["origin"], r["deleted"], *r["fields"].values(), *blanks)
                                   for r in rows])  # fmt: skip
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def _raw_export(district_path: Path, out: Path) -> float:
    """zipfile + json writing the same records read with sqlite3."""
    start = time.perf_counter()
    conn = sqlite3.connect(district_path)
    conn.row_factory = sqlite3.Row
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("records.jsonl", "w") as dst:
        for table in ("org_units", "documents", "sections", "tasks", "assignments"):
            lines = []
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY id'):
                values = dict(row)
                lines.append(json.dumps({"table": table, "id": values.pop("id"), "rev": values.pop("rev"),
                                         "origin": values.pop("origin"), "deleted": bool(values.pop("deleted")),
                                         "fields": values}, ensure_ascii=False, separators=(",", ":")))  # fmt: skip
            if lines:
                dst.write(("\n".join(lines) + "\n").encode())
    conn.close()
    return time.perf_counter() - start


def speed_benchmark(tasks: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="edudesk-sync-bench-"))
    try:
        district, school = _offices(folder)
        with school.session() as session:
            school_id = session.scalars(select(OrgUnit.id).where(OrgUnit.code == "TH001")).one()
        _add_rows(district, school_id, tasks)
        start = time.perf_counter()
        exported = export_bundle(district, SYSTEM, "TH001", folder / "b.edusync")
        export_s = time.perf_counter() - start
        raw_export_s = _raw_export(district.path, folder / "raw.zip")
        school.dispose()
        shutil.copy(folder / "s.sqlite", folder / "raw.sqlite")
        school = open_database(str(folder / "s.sqlite"))
        start = time.perf_counter()
        result = import_bundle(school, SYSTEM, folder / "b.edusync")
        import_s = time.perf_counter() - start
        raw_s = _raw_insert(folder / "raw.sqlite", folder / "b.edusync")
        rows = exported.records
        district.dispose()
        school.dispose()
        return {
            "rows": rows,
            "import_rows_per_s": round(result.applied / import_s),
            "raw_sqlite_rows_per_s": round(rows / raw_s),
            "import_ratio": round((result.applied / import_s) / (rows / raw_s), 3),
            "export_rows_per_s": round(rows / export_s),
            "raw_zip_json_rows_per_s": round(rows / raw_export_s),
            "export_ratio": round(raw_export_s / export_s, 3),
            "goal": ">= 0.5 for both ratios",
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_CHILD = """
import resource, sys
from pathlib import Path
from models.db import open_database
from services.permissions import SYSTEM
from services.sync.apply import import_bundle
db = open_database(sys.argv[1])
result = import_bundle(db, SYSTEM, Path(sys.argv[2]))
print(result.ok, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


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
        per_file = 20 * 1024 * 1024
        for n in range(max(1, megabytes * 1024 * 1024 // per_file)):
            add_progress(school, SYSTEM, assignment, status="in_progress", percent=min(99, n + 1),
                         files=[(f"anh-{n}.jpg", os.urandom(per_file))])  # fmt: skip
        bundle = export_bundle(school, SYSTEM, "PGD", folder / "up.edusync")
        district.dispose()
        school.dispose()
        out = subprocess.run([sys.executable, "-c", _CHILD, str(folder / "d.sqlite"), str(bundle.path)],
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                             text=True, check=True)  # fmt: skip
        ok, rss_kb = out.stdout.split()
        return {
            "bundle_mb": round(bundle.size / 1048576, 1),
            "imported": ok == "True",
            "peak_rss_mb": round(int(rss_kb) / 1024, 1),
            "goal_mb": 300,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _resend(district: Any, folder: Path) -> Path:
    return export_bundle(district, SYSTEM, "TH001", folder / "down.edusync").path


def run_benchmarks(quick: bool) -> dict[str, Any]:
    # The memory figure needs a fresh Python child; a frozen build has no interpreter to start.
    frozen = getattr(sys, "frozen", False)
    return {
        "sync_speed": speed_benchmark(2_000 if quick else 20_000),
        "sync_memory": {"skipped": "frozen build"} if frozen else memory_benchmark(20 if quick else 200),
    }
