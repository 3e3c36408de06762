"""Crash safety: an import killed with SIGKILL at any statement leaves the database intact,
exactly as before or exactly as after, and the import can simply be run again.

A child process imports a bundle and kills itself (``kill -9``) at its Nth SQL statement,
for N across the whole import (backup, verification reads, writes, commit); a few more
children are killed from outside after a delay.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Assignment, Task
from models.enums import AssignmentRole
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.sync.apply import import_bundle
from services.sync.dump import dump_json
from tests.sync.network import Network, template

ROOT = Path(__file__).resolve().parents[2]
DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "ci-deep"
# One driver loads the code once, then forks one child per job: each child imports the
# bundle and is killed with SIGKILL at its Nth SQL statement, or by the driver after a delay.
DRIVER = """
import json, os, signal, sys, time
from pathlib import Path
from sqlalchemy import event
from models.db import open_database
from services.accounts.permissions import SYSTEM
from services.sync.apply import import_bundle

jobs, bundle, results = json.loads(sys.argv[1]), Path(sys.argv[2]), []
for job in jobs:
    pid = os.fork()
    if pid == 0:
        db = open_database(job["db"])
        count = [0]

        @event.listens_for(db.engine, "before_cursor_execute")
        def _count(*_args):
            count[0] += 1
            if count[0] == job["kill_at"]:
                os.kill(os.getpid(), signal.SIGKILL)

        import_bundle(db, SYSTEM, bundle, uow_options={"clock": lambda: 1_900_000_000_000})
        Path(job["db"] + ".count").write_text(str(count[0]))
        os._exit(0)
    if job.get("delay"):
        time.sleep(job["delay"])
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    results.append(os.waitstatus_to_exitcode(status))
print(json.dumps(results))
"""


def _drive(jobs: list[dict[str, object]], bundle: Path) -> list[int]:
    out = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(jobs), str(bundle)], cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                         timeout=600)  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


def _integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def _big_bundle(net: Network, rows: int = 300) -> Path:
    """A district bundle for s1 with many new tasks and assignments."""
    district, s1 = net.offices["district"], net.offices["s1"]
    s1_id = s1.id
    with UnitOfWork(district.db, SYSTEM) as uow:
        document_id = uow.scalars(select(Task).where(Task.origin == uow.office_id))[0].document_id
        ids = [uow.new_id() for _ in range(rows)]
        uow.insert_many(
            Task, [{"id": i, "document_id": document_id, "title": f"Việc {n}"} for n, i in enumerate(ids)]
        )
        uow.insert_many(Assignment, [{"task_id": i, "unit_id": s1_id, "role": AssignmentRole.LEAD,
                                      "due_on": dt.date(2026, 5, 1)} for i in ids])  # fmt: skip
    return net.send("district", "s1")


def _copies(pristine: Network, root: Path, n: int) -> list[Network]:
    copies = []
    for k in range(n):
        copy = pristine.copy_to(root / f"run{k}")
        copy.close()
        copies.append(copy)
    return copies


def _after_reimport(run: Network, bundle: Path) -> str:
    result = import_bundle(run.offices["s1"].db, SYSTEM, bundle, take_backup=False,
                           uow_options={"clock": lambda: 1_900_000_000_000})  # fmt: skip
    assert result.ok
    state = dump_json(run.offices["s1"].db)
    run.close()
    return state


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the driver forks (POSIX)")
def test_import_killed_at_any_statement_is_before_or_after(tmp_path: Path) -> None:
    pristine = template().copy_to(tmp_path / "pristine")
    bundle = _big_bundle(pristine)
    before = dump_json(pristine.offices["s1"].db)
    pristine.close()
    full = _copies(pristine, tmp_path / "full", 1)[0]
    assert _drive([{"db": str(full.offices["s1"].path), "kill_at": 0}], bundle) == [0]
    statements = int(Path(str(full.offices["s1"].path) + ".count").read_text())
    after = dump_json(full.offices["s1"].db)
    full.close()
    assert after != before and statements > 5
    step = 1 if DEEP else max(1, statements // 7)
    points = sorted({1, 2, statements - 1, statements, *range(3, statements, step)})
    runs = _copies(pristine, tmp_path / "kills", len(points))
    jobs = [{"db": str(r.offices["s1"].path), "kill_at": k} for r, k in zip(runs, points, strict=True)]
    codes = _drive(jobs, bundle)
    seen = {"before": 0, "after": 0}
    for run, kill_at, code in zip(runs, points, codes, strict=True):
        path = run.offices["s1"].path
        assert code == -signal.SIGKILL, (kill_at, code)
        assert _integrity(path) == ["ok"]
        state = dump_json(run.offices["s1"].db)
        assert state in (before, after), f"killed at statement {kill_at}: neither before nor after"
        seen["before" if state == before else "after"] += 1
        assert _after_reimport(run, bundle) == after  # and the import simply runs again
    assert seen["before"] > 0
    print(json.dumps({"statements": statements, "kills": len(points), **seen}))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the driver forks (POSIX)")
def test_import_killed_from_outside_after_a_delay(tmp_path: Path) -> None:
    pristine = template().copy_to(tmp_path / "pristine")
    bundle = _big_bundle(pristine, rows=800)
    before = dump_json(pristine.offices["s1"].db)
    pristine.close()
    full = _copies(pristine, tmp_path / "full", 1)[0]
    started = time.perf_counter()
    _drive([{"db": str(full.offices["s1"].path), "kill_at": 0}], bundle)
    duration = time.perf_counter() - started  # an upper bound: includes the driver's start
    after = dump_json(full.offices["s1"].db)
    full.close()
    delays = [duration * f for f in ((0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8) if DEEP else (0.15, 0.4))]
    runs = _copies(pristine, tmp_path / "late", len(delays))
    _drive([{"db": str(r.offices["s1"].path), "kill_at": 0, "delay": d} for r, d in zip(runs, delays, strict=True)],
           bundle)  # fmt: skip
    for run in runs:
        assert _integrity(run.offices["s1"].path) == ["ok"]
        assert dump_json(run.offices["s1"].db) in (before, after)
        assert _after_reimport(run, bundle) == after
