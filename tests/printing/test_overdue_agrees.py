"""The overview's overdue count and the progress printout's are one rule
(``services.reporting.dashboard.overdue_by_task``): summed over every plan, the printed
"quá hạn chưa hoàn thành" figures equal ``dashboard --json``'s ``overdue_assignments`` —
also when a plan's task was deleted (by its owner, arriving by sync) and its assignments
still stand, which the overview once counted and the printout did not."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from pathlib import Path

from sqlalchemy import select

from models import Assignment, Document, Task
from models.db import open_database
from services.accounts.permissions import SYSTEM
from services.core.uow import UnitOfWork
from services.operations.backup import copy_database
from services.plans.assignments import CLOSED
from services.printing import progress
from services.printing.common import ReportOptions
from ui.cli import run_cli

AS_OF = dt.date(2026, 6, 1)


def _dashboard_overdue(path: Path) -> int:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert run_cli(["--db", str(path), "--json", "dashboard", "--as-of", AS_OF.isoformat()]) == 0
    return json.loads(out.getvalue())["overdue_assignments"]


def _printed_overdue(db, document_id: str) -> int:
    doc = progress.build(db, ReportOptions(document_id=document_id, as_of=AS_OF))
    text = "\n".join(getattr(block, "text", "") for block in doc.body)
    return int(re.search(r"quá hạn chưa hoàn thành ([\d.]+)", text).group(1).replace(".", ""))


def test_printed_overdue_counts_add_up_to_the_overview(demo_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    copy_database(demo_path, path)
    db = open_database(str(path))
    try:
        with UnitOfWork(db, SYSTEM) as uow:  # a task gone, its overdue assignments left standing
            late = select(Assignment.task_id).where(
                Assignment.deleted.is_(False), Assignment.due_on < AS_OF, Assignment.status.not_in(CLOSED)
            )
            task = uow.session.get(Task, uow.session.scalars(late.order_by(Assignment.task_id)).first())
            task.deleted = True
        with db.session() as session:
            documents = list(session.scalars(select(Document.id).where(Document.deleted.is_(False))))
        printed = sum(_printed_overdue(db, d) for d in documents)
    finally:
        db.dispose()
    assert printed > 0
    assert printed == _dashboard_overdue(path)
