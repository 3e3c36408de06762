"""Convergence: offices change things at random and exchange bundles that get lost,
duplicated and reordered, and go back to one of their backups at random moments; after a final exchange every link's shared rows are identical.

Hypothesis stateful test over province → district → 3 schools. The default run keeps a
few examples (tests/sync under 90 s on two cores); ``HYPOTHESIS_PROFILE=ci-deep``
runs thousands of steps. Also: every permutation of a small set of bundles gives one dump.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select

from models import Assignment, OrgUnit, ProgressUpdate, Report, ReportEvent, ReportingRound, Task
from models.enums import AssignmentRole, AssignmentStatus, ReportStatus, Role
from services.accounts.permissions import SYSTEM, Actor
from services.core.hlc import wall_clock_ms
from services.core.uow import UnitOfWork
from services.operations.backup import backup_to, restore
from services.plans.progress import add_progress, delete_progress
from services.sync.dump import dump_json
from tests.sync.network import Network, dumps_equal, template

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "ci-deep"
SCHOOLS = ["s1", "s2", "s3"]
# Offices' clocks disagree (within the one-day limit): HLC must still order every change.
SKEW_MS = {"province": 0, "district": 45_000, "s1": -30_000, "s2": 3_600_000, "s3": -7_200_000}


def _uow(network: Network, office: str) -> UnitOfWork:
    return UnitOfWork(network.offices[office].db, SYSTEM, clock=lambda: wall_clock_ms() + SKEW_MS[office])


class SyncNetwork(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="edudesk-sync-run-"))
        self.net = template().copy_to(self.root / "net")
        self.inflight: list[tuple[str, Path]] = []
        self.imports = 0
        self.backups: list[tuple[str, Path]] = []
        self.restores = 0

    # --- changes ---------------------------------------------------------------------

    @rule(n=st.integers(0, 50), text=st.text("abcđêôơư ", min_size=1, max_size=12))
    def district_edits_task(self, n: int, text: str) -> None:
        with _uow(self.net, "district") as uow:
            tasks = uow.scalars(select(Task).where(Task.origin == uow.office_id).order_by(Task.id))
            tasks[n % len(tasks)].title = f"Nhiệm vụ {text}"

    @rule(school=st.sampled_from(SCHOOLS))
    def district_assigns_new_task(self, school: str) -> None:
        school_id = self.net.offices[school].id
        with _uow(self.net, "district") as uow:
            document_id = uow.scalars(select(Task).where(Task.origin == uow.office_id))[0].document_id
            task = Task(document_id=document_id, title="Nhiệm vụ bổ sung")
            uow.session.add(task)
            uow.session.flush()
            uow.session.add(
                Assignment(
                    task_id=task.id, unit_id=school_id, role=AssignmentRole.LEAD, due_on=dt.date(2026, 6, 1)
                )
            )

    @rule(n=st.integers(0, 50), cancel=st.booleans())
    def district_cancels_or_deletes(self, n: int, cancel: bool) -> None:
        with _uow(self.net, "district") as uow:  # its own assignments, not the province's to it
            rows = uow.scalars(select(Assignment).where(
                Assignment.deleted.is_(False), Assignment.unit_id != uow.office_id).order_by(Assignment.id))  # fmt: skip
            if rows:
                row = rows[n % len(rows)]
                if cancel:
                    row.status = AssignmentStatus.CANCELLED
                else:
                    row.deleted = True

    @rule(school=st.sampled_from(SCHOOLS), phone=st.integers(1000, 9999))
    def district_edits_school_unit(self, school: str, phone: int) -> None:
        school_id = self.net.offices[school].id
        with _uow(self.net, "district") as uow:
            uow.get(OrgUnit, school_id).phone = f"028 37{phone}"

    @rule(text=st.text("xyz ", min_size=1, max_size=8))
    def province_edits_directive(self, text: str) -> None:
        with _uow(self.net, "province") as uow:
            task = uow.scalars(select(Task).order_by(Task.id))[0]
            task.description = text

    @rule(school=st.sampled_from(SCHOOLS), n=st.integers(0, 50), percent=st.integers(0, 100),
          status=st.sampled_from(["in_progress", "done", "paused"]), with_file=st.booleans())  # fmt: skip
    def school_logs_progress(self, school: str, n: int, percent: int, status: str, with_file: bool) -> None:
        office = self.net.offices[school]
        with office.db.session() as session:
            rows = list(session.scalars(select(Assignment).where(
                Assignment.unit_id == office.id, Assignment.deleted.is_(False),
                Assignment.status != AssignmentStatus.CANCELLED).order_by(Assignment.id)))  # fmt: skip
        if not rows:
            return
        staff = Actor(username="gv", role=Role.SCHOOL_STAFF, unit_id=office.id)
        files = (
            [(f"minh-chung-{percent}.txt", f"Minh chứng {school} {percent}".encode())] if with_file else []
        )
        add_progress(office.db, staff, rows[n % len(rows)].id, status=status, percent=percent, files=files)

    @rule(school=st.sampled_from(SCHOOLS), n=st.integers(0, 50))
    def school_withdraws_progress(self, school: str, n: int) -> None:
        office = self.net.offices[school]
        with office.db.session() as session:
            rows = list(session.scalars(select(ProgressUpdate).join(Assignment).where(
                ProgressUpdate.deleted.is_(False), Assignment.status != AssignmentStatus.CANCELLED,
                Assignment.deleted.is_(False)).order_by(ProgressUpdate.id)))  # fmt: skip
        if rows:
            delete_progress(office.db, SYSTEM, rows[n % len(rows)].id)

    @rule(school=st.sampled_from(SCHOOLS))
    def school_submits_report(self, school: str) -> None:
        office = self.net.offices[school]
        with _uow(self.net, school) as uow:
            rnd = uow.scalars(select(ReportingRound))[0]
            report = uow.session.scalars(select(Report).where(Report.unit_id == office.id)).first()
            if report is None:
                uow.session.add(Report(round_id=rnd.id, unit_id=office.id, status=ReportStatus.SUBMITTED,
                                       submitted_at=dt.datetime(2026, 1, 10, 8)))  # fmt: skip
            elif report.status == ReportStatus.RETURNED:  # a school sends again only what came back
                report.status = ReportStatus.RESUBMITTED
                report.submitted_at = (report.submitted_at or dt.datetime(2026, 1, 10)) + dt.timedelta(
                    hours=1
                )

    @rule(school=st.sampled_from(SCHOOLS), accept=st.booleans())
    def district_reviews_report(self, school: str, accept: bool) -> None:
        school_id = self.net.offices[school].id
        with _uow(self.net, "district") as uow:
            report = uow.session.scalars(select(Report).where(Report.unit_id == school_id)).first()
            if report is None or report.status not in (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED):
                return  # the district reviews what was sent (services.core.ownership)
            report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
            report.reviewer_comment = "" if accept else "Bổ sung số liệu"
            uow.session.add(
                ReportEvent(report_id=report.id, at=dt.datetime(2026, 1, 12), action=report.status.value)
            )

    # --- recovery: an office goes back to one of its backups ----------------------------

    @rule(office=st.sampled_from(["province", "district", *SCHOOLS]))
    def back_up(self, office: str) -> None:
        target = self.root / f"backup-{office}-{len(self.backups)}.sqlite"
        backup_to(self.net.offices[office].db, SYSTEM, target)
        self.backups.append((office, target))

    @precondition(lambda self: self.backups)
    @rule(n=st.integers(0, 50))
    def restore_backup(self, n: int) -> None:
        office, source = self.backups[n % len(self.backups)]
        self.net.offices[office].close()
        restore(str(self.net.offices[office].path), source)
        self.restores += 1

    # --- the mail ----------------------------------------------------------------------

    @rule(link=st.integers(0, 20), up=st.booleans())
    def export(self, link: int, up: bool) -> None:
        parent, child = self.net.pairs()[link % len(self.net.pairs())]
        sender, recipient = (child, parent) if up else (parent, child)
        self.inflight.append((recipient.name, self.net.send(sender.name, recipient.name)))

    @precondition(lambda self: self.inflight)
    @rule(n=st.integers(0, 50), duplicate=st.booleans())
    def deliver(self, n: int, duplicate: bool) -> None:
        recipient, path = self.inflight[n % len(self.inflight)]
        if not duplicate:
            self.inflight.remove((recipient, path))
        result = self.net.receive(recipient, path)
        assert result.ok, result.message  # an honest bundle is never refused, whatever the order
        self.imports += 1

    @precondition(lambda self: self.inflight)
    @rule(n=st.integers(0, 50))
    def lose(self, n: int) -> None:
        self.inflight.pop(n % len(self.inflight))

    @invariant()
    def nothing_else_dirty(self) -> None:
        pass  # every step commits or raises; checks happen at the end

    def teardown(self) -> None:
        try:
            for recipient, path in self.inflight:  # late arrivals, in any order, after everything
                assert self.net.receive(recipient, path).ok
            self.net.exchange_all(rounds=3 if self.restores else 2)
            bad = dumps_equal(self.net)
            assert not bad, bad
        finally:
            self.net.close()
            shutil.rmtree(self.root, ignore_errors=True)


# CI walks thousands of steps (60 runs × 30); a developer's default run stays quick.
IN_CI = os.environ.get("CI") == "true"
SyncNetwork.TestCase.settings = settings(
    max_examples=int(os.environ.get("EDUDESK_SYNC_EXAMPLES", 300 if DEEP else 60 if IN_CI else 5)),
    stateful_step_count=60 if DEEP else 30 if IN_CI else 20,
    deadline=None,
    # shrinking a long run takes minutes: the deep profile shrinks, the default run reports as found
    phases=list(Phase) if DEEP else [Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
TestConvergence = SyncNetwork.TestCase


def test_convergence_every_order_of_three_bundles_gives_one_dump(tmp_path: Path) -> None:
    """Three district bundles with changes in between, imported in all six orders."""
    net = template().copy_to(tmp_path / "net")
    bundles = []
    for step in range(3):
        with _uow(net, "district") as uow:
            own = net.offices["district"].id  # the district edits its own rows, not the province's
            tasks = uow.scalars(select(Task).where(Task.origin == own).order_by(Task.id))
            tasks[step % len(tasks)].title = f"Lần sửa {step}"
            if step == 1:
                uow.scalars(select(Assignment).where(Assignment.origin == own).order_by(Assignment.id))[
                    0
                ].deleted = True
        bundles.append(net.send("district", "s1"))
    net.close()
    dumps = set()
    for n, order in enumerate(itertools.permutations(bundles)):
        copy = net.copy_to(tmp_path / f"order{n}")
        for path in order:
            assert copy.receive("s1", path).ok
        for path in order:  # and each again: nothing changes
            copy.receive("s1", path)
        dumps.add(dump_json(copy.offices["s1"].db))
        copy.close()
    assert len(dumps) == 1
