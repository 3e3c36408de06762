"""One office's clock cannot move everyone's (issue 16 item 4)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Report, ReportingRound, Task
from models.enums import ReportStatus
from models.errors import EduDeskError
from services.accounts.permissions import SYSTEM
from services.core.hlc import MAX_DRIFT_MS, wall_clock_ms
from services.core.uow import UnitOfWork
from services.sync.apply import import_bundle
from services.sync.clock import clock_state
from tests.cli import in_process
from tests.sync.network import Network, template

ROOT = Path(__file__).resolve().parents[2]
HOUR = 3_600_000


def _school_report(net: Network, school: str, ahead_ms: int) -> None:
    office = net.offices[school]
    with UnitOfWork(office.db, SYSTEM, clock=lambda: wall_clock_ms() + ahead_ms) as uow:
        rnd = uow.scalars(select(ReportingRound))[0]
        uow.session.add(Report(round_id=rnd.id, unit_id=office.id, status=ReportStatus.SUBMITTED,
                               submitted_at=dt.datetime(2026, 1, 10, 8)))  # fmt: skip


def test_a_school_a_day_fast_does_not_make_slow_schools_refuse_the_district(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    try:
        net.exchange_all(rounds=1)
        _school_report(net, "s1", 23 * HOUR + 55 * 60_000)
        assert net.receive("district", net.send("s1", "district")).ok  # ordered, accepted
        assert clock_state(net.offices["district"].db).ahead_ms <= MAX_DRIFT_MS  # not dragged along
        with UnitOfWork(net.offices["district"].db, SYSTEM) as uow:
            uow.scalars(select(Task).where(Task.origin == uow.office_id).order_by(Task.id))[
                0
            ].title = "Đã sửa"
        bundle = net.send("district", "s2")
        slow = lambda: wall_clock_ms() - 10 * 60_000  # noqa: E731  (a PC ten minutes slow)
        assert import_bundle(net.offices["s2"].db, SYSTEM, bundle, take_backup=False, clock=slow).ok
    finally:
        net.close()


def test_a_far_future_bundle_is_refused_naming_the_senders_clock(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    try:
        _school_report(net, "s1", 25 * HOUR)
        with pytest.raises(EduDeskError) as refused:
            net.receive("district", net.send("s1", "district"))
        assert "Đồng hồ máy của đơn vị gửi TH001" in refused.value.message
    finally:
        net.close()


def test_clock_shows_and_repairs_a_clock_that_ran_ahead(tmp_path: Path) -> None:
    net = template().copy_to(tmp_path / "net")
    district = net.offices["district"]

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        district.close()
        return in_process("--db", str(district.path), *args)

    try:
        fast = lambda: wall_clock_ms() + 20 * HOUR  # noqa: E731  (the PC's time was set wrong)
        with UnitOfWork(district.db, SYSTEM, clock=fast) as uow:
            task = uow.scalars(select(Task).where(Task.origin == uow.office_id).order_by(Task.id))[0]
            task.theme = "Sai giờ"
        net.exchange_all(rounds=1)
        shown = cli("clock")
        assert shown.returncode != 0 and "chạy trước" in shown.stdout
        assert cli("clock", "--repair").returncode == 0
        assert cli("clock").returncode == 0
        with UnitOfWork(district.db, SYSTEM) as uow:
            task = uow.scalars(select(Task).where(Task.origin == uow.office_id).order_by(Task.id))[1]
            task.title, task_id = "Sửa sau khi chỉnh giờ", task.id
        assert net.receive("s1", net.send("district", "s1")).ok
        with net.offices["s1"].db.session() as session:
            assert (
                session.get(Task, task_id).title == "Sửa sau khi chỉnh giờ"
            )  # below the old marks, still sent
    finally:
        net.close()
