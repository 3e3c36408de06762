"""What the clerk corrected in review is what later features read: rounds from the reviewed
deadlines, ``targets`` from the reviewed targets; the stored text is not parsed again."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from services.demo.district import sample_plans_dir
from services.plan_import import parse_plan_file
from services.plan_import.reviewed import save_reviewed_plan
from services.reporting.indicators import plan_targets
from services.reporting.rounds import planned_rounds
from tests.plans.conftest import OFFICER, District


def test_rounds_and_targets_read_the_reviewed_plan(small_district: District) -> None:
    plan = parse_plan_file(next(sample_plans_dir().glob("000_*.txt")))
    first = next(i for i, d in enumerate(plan.deadlines) if d.date == dt.date(2024, 1, 10))
    plan.deadlines[first] = replace(plan.deadlines[first], date=dt.date(2024, 1, 12),
                                    text=plan.deadlines[first].text.replace("10/01/2024", "12/01/2024"))  # fmt: skip
    plan.targets[0] = replace(plan.targets[0], value=42.0)
    dropped = plan.targets.pop()
    saved = save_reviewed_plan(small_district.db, OFFICER, plan)
    assert saved.assignments > 0 and saved.targets == len(plan.targets)
    due = [(p.kind, p.due_on) for p in planned_rounds(small_district.db, saved.document_id)]
    assert ("so_ket", dt.date(2024, 1, 12)) in due and ("so_ket", dt.date(2024, 1, 10)) not in due
    targets = plan_targets(small_district.db, saved.document_id)
    assert targets[0].value == 42.0 and len(targets) == len(plan.targets)
    assert dropped.text not in [t.text for t in targets]
