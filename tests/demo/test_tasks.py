"""The demo's tasks: assignments to the right units, occurrences, progress, evidence; same seed, same rows."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import func, select

from models import Assignment, Attachment, OrgUnit, ProgressUpdate, Task
from models.enums import AssignmentRole, AssignmentStatus, Recurrence, SchoolLevel, UnitKind
from services.accounts.office import init_office
from services.accounts.permissions import SYSTEM
from services.core import attachments
from services.core.uow import UnitOfWork
from services.demo.district import demo_uow_options, sample_plans_dir
from services.demo.names import DEPARTMENTS
from services.demo.tasks import add_task_demo
from services.plan_import import parse_plan
from services.plan_import.store import store_plan
from services.sync.dump import dump_json


@dataclass
class _School:
    id: str
    level: SchoolLevel
    head_name: str


def _build(path, seed: int = 3, schools: int = 40):
    options = demo_uow_options(seed)
    db = init_office(str(path), code="PGDCC", name="Phòng GD&ĐT Củ Chi", kind="district",
                     admin_password="Demo-2026", uow_options=options)  # fmt: skip
    rng = random.Random(seed)
    levels = [SchoolLevel.MN, SchoolLevel.TH, SchoolLevel.THCS, SchoolLevel.TH_THCS]
    with UnitOfWork(db, SYSTEM, **options) as uow:
        depts = [(d, uow.new_id()) for d in DEPARTMENTS]
        communes = [uow.new_id() for _ in range(3)]
        kids = [_School(uow.new_id(), levels[i % 4], f"Hiệu trưởng {i}") for i in range(schools)]
        rows = [{"id": i, "code": d.code, "name": d.name, "short_name": d.short_name, "kind": UnitKind.DEPARTMENT}
                for d, i in depts]  # fmt: skip
        rows += [{"id": c, "code": f"UBND{n}", "name": f"Ủy ban nhân dân xã {n}", "kind": UnitKind.COMMUNE}
                 for n, c in enumerate(communes)]  # fmt: skip
        rows += [{"id": s.id, "code": f"S{n:03d}", "name": f"Trường {n}", "kind": UnitKind.SCHOOL,
                  "school_level": s.level} for n, s in enumerate(kids)]  # fmt: skip
        uow.insert_many(OrgUnit, rows)
        documents = []
        for path_ in sorted(sample_plans_dir().glob("*.txt")):
            plan = parse_plan(path_.name, path_.read_bytes())
            documents.append((plan, store_plan(uow, plan)))
        counts = add_task_demo(
            uow, rng, schools=kids, departments=depts, communes=communes, documents=documents
        )
    return db, counts, kids


def _count(db, model, *where) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_the_demo_tasks_are_full_and_plausible(tmp_path) -> None:
    db, counts, kids = _build(tmp_path / "a.sqlite")
    try:
        assert counts["assignments"] == _count(db, Assignment) > 40 * 20
        assert counts["progress_updates"] == _count(db, ProgressUpdate) > counts["assignments"] // 3
        assert counts["attachments"] == _count(db, Attachment) > 0
        assert len(attachments.stored_digests(db)) == counts["evidence_files"] == 5
        assert counts["recurring_tasks"] > 0 and counts["recurring_assignments"] > 0
        assert counts["overdue_as_of"] > 0
        with db.session() as session:
            recurring = session.scalars(select(Task.id).where(Task.recurrence != Recurrence.ONCE)).all()
            labels = set(
                session.scalars(select(Assignment.occurrence).where(Assignment.task_id.in_(recurring)))
            )
            assert labels & {"2023-2024 HK1", "Q4/2023", "T10/2023", "2023-2024"}
            school_ids = {k.id for k in kids}
            roles = session.execute(select(Assignment.unit_id, Assignment.role)).all()
            assert all(role == AssignmentRole.LEAD for unit, role in roles if unit in school_ids)
            assert any(role == AssignmentRole.SUPPORT for _unit, role in roles)
            done = session.scalars(
                select(Assignment).where(Assignment.status == AssignmentStatus.DONE)
            ).first()
            assert done.percent == 100
            attached = session.scalars(select(Attachment)).first()
            update = session.get(ProgressUpdate, attached.progress_id)
            assert update.status == AssignmentStatus.DONE and update.on_date <= dt.date(2024, 4, 15)
    finally:
        db.dispose()


def test_the_same_seed_gives_the_same_rows(tmp_path) -> None:
    first, counts_a, _ = _build(tmp_path / "a.sqlite", seed=5, schools=12)
    second, counts_b, _ = _build(tmp_path / "b.sqlite", seed=5, schools=12)
    try:
        assert counts_a == counts_b
        assert dump_json(first) == dump_json(second)
    finally:
        first.dispose()
        second.dispose()
