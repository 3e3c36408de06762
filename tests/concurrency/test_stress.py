"""Issue 18 "done when": 3 clerks' processes on one district database (SQLite, PostgreSQL)
doing random edits, reviews, assignments and exports while the schools import and send.

Ends, after quiet sync rounds, with every school's shared rows equal to the district's,
0 lost updates without a warning, 0 duplicate live assignments, 0 decisions taken twice on
one version, derived statuses equal to the latest progress and 0 unhandled errors.
Small by default; ``EDUDESK_STRESS_OPS=200`` (per clerk) makes it a real stress run.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import Assignment, OrgUnit, ProgressUpdate, Report, ReportingRound
from models.enums import AssignmentStatus, ReportStatus
from models.errors import EduDeskError
from services.accounts.permissions import SYSTEM
from services.core.uow import Busy
from services.plans.progress import add_progress
from services.reporting.entry import save_draft, submit_report
from services.sync.apply import import_bundle
from services.sync.bundle import export_bundle
from tests.concurrency.office import district_with_schools, network_of, round_trip
from tests.sync.network import dumps_equal

ROOT = Path(__file__).resolve().parents[2]
CLERKS = 3
OPS = int(os.environ.get("EDUDESK_STRESS_OPS", "12"))


def _school_turn(code: str, school, district, mail: Path, done: set[Path], rng: random.Random,
                 counts: dict[str, int]) -> None:  # fmt: skip
    for path in sorted((mail / f"down-{code}").glob("*.edusync")):
        if path not in done:
            done.add(path)
            result = import_bundle(school, SYSTEM, path, take_backup=False)
            counts["school_imports"] += 1
            assert result.ok, result.message
    with school.session() as session:
        me = session.scalars(select(OrgUnit.id).where(OrgUnit.code == code)).one()
        mine = list(session.scalars(select(Assignment.id).where(Assignment.unit_id == me,
                                                                 Assignment.deleted.is_(False))))  # fmt: skip
        rnd = session.scalars(select(ReportingRound.id)).first()
        report = session.scalars(select(Report).where(Report.unit_id == me)).first()
    try:
        if mine:
            status = rng.choice(["in_progress", "done"])
            add_progress(school, SYSTEM, rng.choice(mine), status=status, percent=100 if status == "done" else
                         rng.randint(1, 90), note=f"tiến độ {rng.randint(1, 999)}")  # fmt: skip
        if report is None or report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            save_draft(school, SYSTEM, rnd, me)
            submit_report(school, SYSTEM, rnd, me)
    except EduDeskError:
        counts["school_refusals"] += 1
    up = export_bundle(school, SYSTEM, "PGD", mail / "up" / f"{code}-{rng.random()}.edusync")
    try:
        result = import_bundle(district, SYSTEM, up.path, take_backup=False)
        assert result.ok, result.message
        counts["district_imports"] += 1
    except Busy:
        counts["busy"] += 1


def _derived_wrong(district) -> int:
    """Assignments whose status/percent differ from their latest live progress (date, revision)."""
    wrong = 0
    with district.session() as session:
        latest: dict[str, tuple] = {}
        for row in session.execute(select(ProgressUpdate.assignment_id, ProgressUpdate.on_date, ProgressUpdate.rev,
                                          ProgressUpdate.status, ProgressUpdate.percent)
                                   .where(ProgressUpdate.deleted.is_(False))):  # fmt: skip
            if row[0] not in latest or (row[1], row[2]) > latest[row[0]][:2]:
                latest[row[0]] = tuple(row[1:])
        for a in session.scalars(select(Assignment).where(Assignment.deleted.is_(False))):
            if a.status == AssignmentStatus.CANCELLED or a.id not in latest:
                continue
            if (a.status.value if hasattr(a.status, "value") else a.status, a.percent) != (
                    str(latest[a.id][2].value if hasattr(latest[a.id][2], "value") else latest[a.id][2]),
                    latest[a.id][3]):  # fmt: skip
                wrong += 1
    return wrong


@pytest.mark.slow
def test_three_clerks_and_importing_schools_end_equal(db_url: str, tmp_path: Path) -> None:
    district, schools = district_with_schools(db_url, tmp_path, schools=2)
    mail = tmp_path / "mail"
    (mail / "up").mkdir(parents=True)
    rng = random.Random(18)
    counts = {"school_imports": 0, "district_imports": 0, "school_refusals": 0, "busy": 0}
    done: set[Path] = set()
    try:
        for code, school in schools.items():  # every school has a submitted report to review
            _school_turn(code, school, district, mail, done, rng, counts)
        logs = [tmp_path / f"clerk{k}.json" for k in range(CLERKS)]
        commands = [[sys.executable, "-m", "tests.concurrency.workload", db_url, str(mail), str(k), str(OPS),
                     str(100 + k), str(logs[k])] for k in range(CLERKS)]  # fmt: skip
        workers = [subprocess.Popen(command, cwd=ROOT) for command in commands]
        while any(w.poll() is None for w in workers):
            for code, school in schools.items():
                _school_turn(code, school, district, mail, done, rng, counts)
        assert all(w.returncode == 0 for w in workers)
        for n in range(3):  # quiet rounds
            for code, school in schools.items():
                round_trip(district, school, code, tmp_path, 9000 + n)
        outcome = [json.loads(log.read_text()) for log in logs]
        with district.session() as session:
            notes = dict(session.execute(select(Assignment.id, Assignment.note)).all())
            duplicates = session.execute(
                select(Assignment.task_id, Assignment.unit_id, Assignment.occurrence, func.count())
                .where(Assignment.deleted.is_(False), Assignment.status != AssignmentStatus.CANCELLED)
                .group_by(Assignment.task_id, Assignment.unit_id, Assignment.occurrence)
                .having(func.count() > 1)
            ).all()
        lost = [t for o in outcome for row_id, t in o["tokens"] if t not in notes.get(row_id, "").split()]
        decisions = [tuple(d) for o in outcome for d in o["decisions"]]
        figures = {
            "backend": district.engine.dialect.name, "ops_per_clerk": OPS, **counts,
            "edits_saved": sum(len(o["tokens"]) for o in outcome), "decisions": len(decisions),
            "warned": sum(o["warned"] for o in outcome), "busy_told": sum(o["busy"] for o in outcome),
            "lost_updates": len(lost), "duplicate_live_assignments": len(duplicates),
            "decisions_on_one_version_twice": len(decisions) - len(set(decisions)),
            "derived_status_wrong": _derived_wrong(district),
            "unhandled": sum(len(o["unhandled"]) for o in outcome),
            "links_differing": len(dumps_equal(network_of(district, schools, tmp_path))),
        }  # fmt: skip
        print("\nstress", json.dumps(figures))
        (tmp_path / "figures.json").write_text(json.dumps(figures))
        assert [u for o in outcome for u in o["unhandled"]] == []
        assert figures["lost_updates"] == 0
        assert figures["duplicate_live_assignments"] == 0
        assert figures["decisions_on_one_version_twice"] == 0
        assert figures["derived_status_wrong"] == 0
        assert dumps_equal(network_of(district, schools, tmp_path)) == []
    finally:
        for school in schools.values():
            school.dispose()
        district.dispose()
