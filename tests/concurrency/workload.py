"""One clerk of the district as a process: random edits, reviews, assignments and exports.

``python -m tests.concurrency.workload URL MAILDIR K OPS SEED LOG`` writes a JSON log of
what it did: the note tokens it saved (a lost update is a saved token missing at the end),
the review decisions it made and on which version, the refusals it was told about.
"""

from __future__ import annotations

import json
import random
import sys
import time
import traceback
from pathlib import Path

from sqlalchemy import select

from models import Assignment, OrgUnit, Report
from models.db import open_database
from models.enums import AssignmentStatus, ReportStatus, Role, UnitKind
from models.errors import EduDeskError
from services.accounts.permissions import Actor
from services.core.uow import Busy, ChangedMeanwhile
from services.plans.assignments import AssignmentEdit, assign, cancel_assignments, update_assignments
from services.reporting.review import accept_report, return_report
from services.sync.bundle import export_bundle


def main(url: str, mail: Path, k: int, ops: int, seed: int, log: Path) -> None:
    rng = random.Random(seed)
    db = open_database(url)
    actor = Actor(username=f"clerk{k}", role=Role.ADMIN, full_name=f"Thư ký {k}")
    out: dict = {"tokens": [], "decisions": [], "warned": 0, "busy": 0, "unhandled": [], "ops": {}}
    for n in range(ops):
        kind = rng.choice(["edit", "edit", "review", "assign", "cancel", "export"])
        out["ops"][kind] = out["ops"].get(kind, 0) + 1
        try:
            _one(db, actor, rng, kind, k, n, mail, out)
        except ChangedMeanwhile:
            out["warned"] += 1
        except Busy:
            out["busy"] += 1
        except EduDeskError:  # a refusal a person reads (already decided, nothing to do)
            out["warned"] += 1
        except Exception:  # a crash box in the GUI: counted, never expected
            out["unhandled"].append(traceback.format_exc()[-1500:])
    db.dispose()
    log.write_text(json.dumps(out))


def _one(db, actor, rng, kind, k, n, mail, out) -> None:
    with db.session() as session:
        live = list(session.execute(select(Assignment.id, Assignment.rev, Assignment.note).where(
            Assignment.deleted.is_(False)).order_by(Assignment.id)))  # fmt: skip
        reports = list(session.execute(select(Report.id, Report.rev).where(
            Report.status.in_([ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED]))))  # fmt: skip
        schools = list(session.scalars(select(OrgUnit.code).where(OrgUnit.kind == UnitKind.SCHOOL)))
        tasks = list(session.execute(select(Assignment.task_id, Assignment.unit_id).distinct()))
    time.sleep(rng.random() * 0.05)  # the clerk reads the screen before acting
    if kind == "edit" and live:
        row_id, rev, note = rng.choice(live)
        token = f"k{k}n{n}"
        update_assignments(db, actor, [row_id], AssignmentEdit(note=f"{note} {token}".strip()),
                           expected_revs={row_id: rev})  # fmt: skip
        out["tokens"].append([row_id, token])
    elif kind == "review" and reports:
        report_id, rev = rng.choice(reports)
        if rng.random() < 0.5:
            accept_report(db, actor, report_id, expected_rev=rev)
        else:
            return_report(db, actor, report_id, f"Bổ sung (thư ký {k})", expected_rev=rev)
        out["decisions"].append([report_id, rev])
    elif kind == "assign" and tasks:
        task_id, unit_id = rng.choice(tasks)
        assign(db, actor, task_id, [unit_id])
    elif kind == "cancel" and live:
        row_id, rev, _note = rng.choice(live)
        with db.session() as session:
            if session.get(Assignment, row_id).status == AssignmentStatus.CANCELLED:
                return
        cancel_assignments(db, actor, [row_id])  # no reason: the note (and its tokens) stays
    elif kind == "export" and schools:
        code = rng.choice(schools)
        folder = mail / f"down-{code}"
        folder.mkdir(parents=True, exist_ok=True)
        export_bundle(db, actor, code, folder / f"{time.time_ns()}-{k}.edusync")


if __name__ == "__main__":
    url, mail, k, ops, seed, log = sys.argv[1:7]
    main(url, Path(mail), int(k), int(ops), int(seed), Path(log))
