"""Benchmarks of the task views: filters and diacritic-insensitive search over 100,000 assignments.

Each figure is the service's time (count + first page of 200 rows, as the lazy table asks)
against raw ``sqlite3`` running hand-written SQL for the same answer in the same run.
The goal (issue 4, DESIGN §6): every filter and search answers in under 100 ms.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models import Assignment, Document, OrgUnit, Task
from models.enums import AssignmentRole, AssignmentStatus, DocType, Recurrence, SchoolLevel, UnitKind
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core.paging import PageRequest
from services.core.uow import UnitOfWork
from services.plans.matrix import MatrixQuery
from services.plans.task_lists import TaskQuery
from services.plans.views import AssignmentQuery

TODAY = dt.date(2024, 4, 15)
_PLACES = ["An Nhơn Tây", "Phước Hiệp", "Tân Thạnh Đông", "Trung Lập Hạ", "Bình Mỹ", "Hòa Phú", "Nhuận Đức",
           "Phú Hòa Đông", "Thái Mỹ", "Tân Phú Trung", "Phạm Văn Cội", "Trung An"]  # fmt: skip
_LEVELS = [SchoolLevel.MN, SchoolLevel.TH, SchoolLevel.THCS, SchoolLevel.TH_THCS]
_SUBJECTS = ["Nâng cao chất lượng đội ngũ giáo viên", "Tăng cường cơ sở vật chất trường học",
             "Chuyển đổi số trong quản lý giáo dục", "Phổ cập giáo dục, xóa mù chữ",
             "Giáo dục kỹ năng sống cho học sinh", "Bảo đảm an toàn trường học",
             "Đổi mới kiểm tra, đánh giá học sinh", "Phát triển giáo dục mầm non",
             "Xây dựng trường đạt chuẩn quốc gia", "Công tác y tế trường học",
             "Xã hội hóa giáo dục", "Thực hiện Chương trình GDPT 2018"]  # fmt: skip
_STATUSES = [AssignmentStatus.NOT_STARTED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE,
             AssignmentStatus.PAUSED]  # fmt: skip


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm the page cache and statement caches: the GUI asks again and again
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 2)


def build_database(path: Path, *, schools: int, tasks: int, seed: int = 7) -> tuple[Any, dict[str, Any]]:
    """An office with ``schools`` schools and ``tasks`` tasks, each task given to every school."""
    rng = random.Random(seed)
    db = init_office(
        str(path), code="BENCH", name="Phòng GD Bench", kind="district", admin_password="Bench-2026"
    )
    with UnitOfWork(db, SYSTEM) as uow:
        units = [
            {"id": uow.new_id(), "code": f"S{i:05d}", "kind": UnitKind.SCHOOL, "school_level": _LEVELS[i % 4],
             "name": f"Trường {_LEVELS[i % 4].value} {_PLACES[i % len(_PLACES)]} {i}", "parent_id": uow.office_id}
            for i in range(schools)
        ]  # fmt: skip
        uow.insert_many(OrgUnit, units)
        docs = [{"id": uow.new_id(), "doc_type": DocType.KH, "number": str(100 + d), "symbol": f"KH-PGDĐT{d}",
                 "title": f"Kế hoạch {d}", "school_year": "2023-2024"} for d in range(4)]  # fmt: skip
        uow.insert_many(Document, docs)
        task_rows = [
            {"id": uow.new_id(), "document_id": docs[t % 4]["id"], "position": t, "recurrence": Recurrence.ONCE,
             "title": f"{_SUBJECTS[t % len(_SUBJECTS)]} ({t})", "description": "Các trường xây dựng kế hoạch."}
            for t in range(tasks)
        ]  # fmt: skip
        uow.insert_many(Task, task_rows)
        start = dt.date(2023, 9, 15)
        rows = []
        for task in task_rows:
            due = start + dt.timedelta(days=rng.randrange(0, 260))
            for unit in units:
                status = rng.choice(_STATUSES)
                rows.append({
                    "task_id": task["id"], "unit_id": unit["id"], "role": AssignmentRole.LEAD, "due_on": due,
                    "occurrence": "2023-2024", "status": status,
                    "percent": 100 if status == AssignmentStatus.DONE else rng.randrange(0, 100, 10),
                })  # fmt: skip
        uow.insert_many(Assignment, rows)
    return db, {"document_id": docs[1]["id"], "unit_id": units[5]["id"]}


def _words_sql(*words: str) -> tuple[str, tuple[str, ...]]:
    """Raw SQL for search words: each in the task's or the unit's search key."""
    where = " AND ".join(
        "(a.task_id IN (SELECT id FROM tasks WHERE search_key LIKE ?) OR "
        "a.unit_id IN (SELECT id FROM org_units WHERE search_key LIKE ?))"
        for _ in words
    )
    return where, tuple(p for w in words for p in (f"%{w}%", f"%{w}%"))


# name -> (service request, raw SQL WHERE on assignments a, raw parameters)
def _scenarios(ids: dict[str, Any]) -> dict[str, tuple[PageRequest, str, tuple[Any, ...]]]:
    live = "a.deleted = 0"
    not_cancelled = "a.status != 'cancelled'"
    late = f"a.due_on < '{TODAY.isoformat()}' AND a.status NOT IN ('done', 'cancelled')"

    def text(words: str) -> tuple[PageRequest, str, tuple[Any, ...]]:
        where, params = _words_sql(*words.split())
        return PageRequest(text=words), f"{live} AND {not_cancelled} AND {where}", params

    return {
        "all": (PageRequest(), f"{live} AND {not_cancelled}", ()),
        "text_task": text("chuyen doi so"),
        "text_unit": text("phuoc hiep"),
        # common words: "truong" is in every unit's name, "hoa phu" in most (Hòa, Phú, Phước…),
        # "giao duc" in 5 of the 12 subjects and "duc" in the schools of Nhuận Đức
        "text_common": text("truong"),
        "text_common_two_words": text("hoa phu"),
        "text_common_giao_duc": text("giao duc"),
        "text_common_three_words": text("doi ngu truong"),
        "text_rare_code": text("s00042"),  # one school's code
        "text_absent": text("truong xyzzy"),  # a word found nowhere: nothing, at once
        "status_level": (
            PageRequest(filters={"status": "in_progress", "level": "THCS"}),
            f"{live} AND a.status IN ('in_progress') AND +a.unit_id IN "
            "(SELECT id FROM org_units WHERE school_level IN ('THCS', 'TH&THCS', 'THCS&THPT'))",
            (),
        ),
        "overdue": (PageRequest(filters={"overdue": True}), f"{live} AND {not_cancelled} AND {late}", ()),
        "document_due_range": (
            PageRequest(
                filters={
                    "document_id": ids["document_id"],
                    "due_from": dt.date(2024, 1, 1),
                    "due_to": dt.date(2024, 3, 31),
                }
            ),
            "a.deleted = 0 AND a.task_id IN (SELECT id FROM tasks WHERE deleted = 0 AND document_id = ?) "
            f"AND {not_cancelled} AND a.due_on >= '2024-01-01' AND a.due_on <= '2024-03-31'",
            (ids["document_id"],),
        ),
        "unit_overdue_text": (
            PageRequest(text="doi ngu", filters={"unit_id": ids["unit_id"], "overdue": True}),
            f"{live} AND a.unit_id = ? AND {not_cancelled} AND {late} AND {_words_sql('doi', 'ngu')[0]}",
            (ids["unit_id"], *_words_sql("doi", "ngu")[1]),
        ),
    }


_RAW_PAGE = """SELECT a.id, a.task_id, a.unit_id, t.document_id, d.number || '/' || d.symbol, d.symbol, t.title,
  u.name, u.school_level, a.role, a.occurrence, a.due_on, a.status, a.percent, a.note
  FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN documents d ON d.id = t.document_id
  JOIN org_units u ON u.id = a.unit_id WHERE {where} ORDER BY a.due_on, a.id LIMIT 200"""


def run_benchmarks(quick: bool = False, schools: int | None = None) -> dict[str, Any]:
    schools, tasks = schools or (300 if quick else 1000), 100
    repeat = 3 if quick else 7
    results: dict[str, Any] = {"assignments": schools * tasks, "goal": "each service_ms < 100"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tasks.sqlite"
        start = time.perf_counter()
        db, ids = build_database(path, schools=schools, tasks=tasks)
        results["build_s"] = round(time.perf_counter() - start, 2)
        raw = sqlite3.connect(path)
        try:
            query = AssignmentQuery(db, SYSTEM, today=TODAY)
            for name, (request, where, params) in _scenarios(ids).items():

                def service(request: PageRequest = request) -> None:
                    query.count(request)
                    query.fetch(request)

                def raw_sql(where: str = where, params: tuple[Any, ...] = params) -> None:
                    raw.execute(f"SELECT count(*) FROM assignments a WHERE {where}", params).fetchone()
                    raw.execute(_RAW_PAGE.format(where=where), params).fetchall()

                service_ms, raw_ms = _median_ms(service, repeat), _median_ms(raw_sql, repeat)
                results[f"assignments.{name}"] = {
                    "rows": query.count(request), "service_ms": service_ms, "raw_sqlite_ms": raw_ms,
                    "ratio_raw_over_service": round(raw_ms / service_ms, 2) if service_ms else None,
                }  # fmt: skip
            results.update(_task_views(db, repeat))
        finally:
            raw.close()
            db.dispose()
    results["all_under_100ms"] = all(
        v["service_ms"] < 100 for v in results.values() if isinstance(v, dict) and "service_ms" in v
    )
    return results


def _task_views(db: Any, repeat: int) -> dict[str, Any]:
    """The task list (counts per task) and the matrix (one column per THCS school)."""
    out: dict[str, Any] = {}
    for name, request in {
        "tasks.all": PageRequest(),
        "tasks.overdue_level": PageRequest(filters={"overdue": True, "level": "TH"}),
        "tasks.text": PageRequest(text="chuyen doi so"),
    }.items():

        def service(request: PageRequest = request) -> None:
            tasks = TaskQuery(db, SYSTEM, today=TODAY)  # a fresh query: no figures kept from before
            tasks.count(request)
            tasks.fetch(request)

        rows = TaskQuery(db, SYSTEM, today=TODAY).count(request)
        out[name] = {"rows": rows, "service_ms": _median_ms(service, repeat)}
    matrix = MatrixQuery(db, SYSTEM, unit_filters={"level": "THCS"}, today=TODAY)
    request = PageRequest(limit=50)

    def matrix_page() -> None:
        matrix.count(request)
        matrix.fetch(request)

    out["matrix.thcs_page50"] = {
        "columns": len(matrix.columns),
        "cells": 50 * len(matrix.units),
        "ms": _median_ms(matrix_page, repeat),  # not a goal of its own: a page of tens of thousands of cells
    }
    return out


if __name__ == "__main__":  # pragma: no cover - a developer's shortcut
    import json

    print(json.dumps(run_benchmarks(quick=False), indent=2, ensure_ascii=False))
