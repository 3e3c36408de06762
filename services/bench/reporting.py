"""Benchmark of the aggregation (issue 5): every indicator for 1,000 schools × 4 periods.

The service (``indicator_figures``: one GROUP BY, then each indicator composed from the
sums, overall and by level) against raw ``sqlite3`` running the same GROUP BY of the same
sums in the same run. The figures are checked to agree before any time counts.
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

from sqlalchemy import select

from models import DataElement, OrgUnit, Report, ReportValue
from models.enums import ReportStatus, SchoolLevel, UnitKind
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.reporting.aggregation import BREAKDOWNS, element_sums, indicator_figures
from services.reporting.indicators import live_indicators
from services.reporting.rounds import add_round
from services.reporting.templates import TableSpec, flat, install_builtin_templates, outline

_LEVELS = [SchoolLevel.MN, SchoolLevel.TH, SchoolLevel.THCS, SchoolLevel.TH_THCS]
_PERIODS = [("2022-2023 HK1", dt.date(2023, 1, 10)), ("2022-2023 CN", dt.date(2023, 6, 10)),
            ("2023-2024 HK1", dt.date(2024, 1, 10)), ("2023-2024 CN", dt.date(2024, 6, 10))]  # fmt: skip
_RAW_SQL = """
SELECT r.round_id, v.element_id, u.school_level, u.commune_id, SUM(v.value_num), COUNT(DISTINCT r.unit_id)
FROM report_values v JOIN reports r ON r.id = v.report_id JOIN org_units u ON u.id = r.unit_id
WHERE r.round_id IN ({rounds}) AND r.status IN ('submitted', 'resubmitted', 'accepted')
  AND r.deleted = 0 AND v.deleted = 0 AND v.value_num IS NOT NULL AND v.element_id IN ({elements})
GROUP BY r.round_id, v.element_id, u.school_level, u.commune_id
"""


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 2)


def build_database(path: Path, *, schools: int, seed: int = 7) -> tuple[Any, list[str], int]:
    """An office whose ``schools`` schools reported in 4 rounds; (db, round ids, values)."""
    rng = random.Random(seed)
    db = init_office(
        str(path), code="BENCH", name="Phòng GD Bench", kind="district", admin_password="Bench-2026"
    )
    values = 0
    with UnitOfWork(db, SYSTEM) as uow:
        templates = install_builtin_templates(uow)
        communes: list[dict[str, Any]] = [{"id": uow.new_id(), "code": f"X{i:02d}", "kind": UnitKind.COMMUNE, "name": f"Xã {i}",
                     "parent_id": uow.office_id} for i in range(20)]  # fmt: skip
        units: list[dict[str, Any]] = [{"id": uow.new_id(), "code": f"S{i:05d}", "kind": UnitKind.SCHOOL, "school_level": _LEVELS[i % 4],
                  "name": f"Trường {i}", "parent_id": uow.office_id, "commune_id": communes[i % 20]["id"]}
                 for i in range(schools)]  # fmt: skip
        uow.insert_many(OrgUnit, communes + units)
        codes = dict(uow.session.execute(select(DataElement.code, DataElement.id)).tuples().all())
        round_ids = []
        for n, (period, due) in enumerate(_PERIODS):
            tpl = templates["SO_KET_HK1" if n % 2 == 0 else "TONG_KET_NAM_HOC"]
            rnd = add_round(uow, template_id=tpl.id, name=f"Báo cáo {period}", period=period, due_on=due,
                            unit_ids=[u["id"] for u in units])  # fmt: skip
            round_ids.append(rnd.id)
            tables = [s.table for s in flat(outline(uow.session, tpl.id)) if s.table is not None]
            reports, rows = [], []
            for unit in units:
                report_id = uow.new_id()
                reports.append({"id": report_id, "round_id": rnd.id, "unit_id": unit["id"],
                                "status": ReportStatus.ACCEPTED, "submitted_at": dt.datetime.combine(due, dt.time(3)),
                                "reviewer_comment": ""})  # fmt: skip
                rows += _values(rng, report_id, unit["school_level"].value, tables, codes)
            uow.insert_many(Report, reports)
            uow.insert_many(ReportValue, rows)
            values += len(rows)
    return db, round_ids, values


def _values(
    rng: random.Random, report_id: str, level: str, tables: list[TableSpec], codes: dict[str, str]
) -> list[dict[str, Any]]:
    pupils = rng.randint(200, 1200)
    out = []
    for table in tables:
        if not table.applies_to(level):
            continue
        for code in table.rows:
            if code == "GHI_CHU_SO_LIEU":
                continue
            if code in ("CHUAN_QG", "STEM", "HOA_NHAP"):
                value = float(rng.random() < 0.6)
            elif code in ("SO_HS", "MN_CAN_DO", "TH_L1_KS", "THCS_TN", "MN_TRE_5T", "SO_GV", "SO_LOP"):
                value = float(pupils)
            elif code == "TL_PHONG_KIEN_CO":
                value = round(rng.uniform(60, 100), 1)
            else:
                value = float(rng.randint(0, pupils // 10))
            out.append({"report_id": report_id, "element_id": codes[code], "dimension": "", "value_num": value,
                        "value_text": ""})  # fmt: skip
    return out


def run_benchmarks(quick: bool = False) -> dict[str, Any]:
    schools = 200 if quick else 1000
    repeat = 3 if quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        started = time.perf_counter()
        db, round_ids, values = build_database(path, schools=schools)
        build_s = round(time.perf_counter() - started, 2)
        try:
            with db.session() as session:
                # The elements the indicators use: what the service sums.
                element_ids = sorted(
                    {i.numerator_id for i in live_indicators(session)}
                    | {i.denominator_id for i in live_indicators(session) if i.denominator_id}
                )

                def service() -> int:
                    return len(indicator_figures(session, round_ids))

                def service_all_breakdowns() -> int:
                    sums = element_sums(session, round_ids, element_ids)
                    return sum(
                        len(indicator_figures(session, round_ids, by=by, sums=sums)) for by in BREAKDOWNS
                    )

                figures = indicator_figures(session, round_ids)
                service_ms = _median_ms(service, repeat)
                breakdowns_ms = _median_ms(service_all_breakdowns, repeat)
                figure_count = service_all_breakdowns()
            raw = sqlite3.connect(path)
            sql = _RAW_SQL.format(
                rounds=",".join("?" * len(round_ids)), elements=",".join("?" * len(element_ids))
            )

            def raw_query() -> int:
                return len(raw.execute(sql, [*round_ids, *element_ids]).fetchall())

            raw_ms = _median_ms(raw_query, repeat)
            agree = _agree(raw, sql, round_ids, element_ids, figures)
            raw.close()
        finally:
            db.dispose()
    return {
        "schools": schools,
        "periods": len(round_ids),
        "report_values": values,
        "build_seconds": build_s,
        "indicator_figures": figure_count,
        "service_ms": service_ms,
        "service_all_breakdowns_ms": breakdowns_ms,
        "raw_sql_ms": raw_ms,
        "ratio_service_over_raw": round(service_ms / raw_ms, 2) if raw_ms else None,
        "figures_agree": agree,
    }


def _agree(
    raw: sqlite3.Connection, sql: str, round_ids: list[str], element_ids: list[str], figures: list
) -> bool:
    """The service's overall numerators equal the raw sums (an indicator of every level)."""
    totals: dict[tuple[str, str], float] = {}
    for round_id, element_id, _level, _commune, total, _units in raw.execute(sql, [*round_ids, *element_ids]):
        totals[(round_id, element_id)] = totals.get((round_id, element_id), 0.0) + total
    codes = dict(raw.execute("SELECT code, numerator_id FROM indicators").fetchall())
    checked = 0
    for f in figures:
        if f.code == "CT_GV_DAT_CHUAN" and f.numerator is not None:  # every level: no level filter
            checked += 1
            if abs(f.numerator - totals.get((f.round_id, codes[f.code]), -1)) > 1e-6:
                return False
    return checked == len(round_ids)
