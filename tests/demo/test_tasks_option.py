"""``demo --tasks N``: N more tasks for every school (1,000 schools × 80 ≈ 100,000 assignments)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import Assignment, OrgUnit, Task
from models.db import open_database
from models.enums import UnitKind
from models.errors import ValidationError
from services.demo.district import build_demo


def test_extra_tasks_go_to_every_school(tmp_path) -> None:
    plain = build_demo(str(tmp_path / "a.sqlite"), schools=6)
    more = build_demo(str(tmp_path / "b.sqlite"), schools=6, tasks=15)
    assert more["counts"]["tasks"] == plain["counts"]["tasks"] + 15
    db = open_database(str(tmp_path / "b.sqlite"))
    with db.session() as session:
        schools = session.scalar(select(func.count()).select_from(OrgUnit).where(OrgUnit.kind == UnitKind.SCHOOL))
        extra = select(Task.id).where(Task.title.like("% (đợt %)"))
        given = session.scalar(select(func.count()).select_from(Assignment).where(
            Assignment.task_id.in_(extra), Assignment.unit_id.in_(select(OrgUnit.id).where(OrgUnit.kind == UnitKind.SCHOOL))))  # fmt: skip
    db.dispose()
    assert given == 15 * schools
    assert more["counts"]["reporting_rounds"] == plain["counts"]["reporting_rounds"]
    assert more["counts"]["reports"] >= more["counts"]["reporting_rounds"]  # the rounds keep their reports


def test_extra_tasks_are_bounded(tmp_path) -> None:
    with pytest.raises(ValidationError):
        build_demo(str(tmp_path / "c.sqlite"), schools=2, tasks=10_000)
